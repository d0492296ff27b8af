//! What the attribute declares about each parameter, readable at run time.

/// Where a parameter goes in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// Fills the `<Placeholder>` of the same name in the path template.
    Path,
    /// A query-string parameter.
    Query,
    /// A form body (`application/x-www-form-urlencoded`) parameter.
    Form,
}

/// One parameter of an endpoint, as declared: its Twilio name, where it goes and its rules.
///
/// [`Endpoint::PARAMETERS`](crate::Endpoint::PARAMETERS) lists them in declaration order, so that
/// tools and tests can compare a declaration with Twilio's description.
#[derive(Debug, PartialEq, Eq)]
pub struct Parameter {
    name: &'static str,
    key: &'static str,
    location: Location,
    required: bool,
    sid: &'static [&'static str],
    uri: bool,
    account_default: bool,
}

impl Parameter {
    /// Generated code builds parameters with this; not public API.
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        name: &'static str,
        key: &'static str,
        location: Location,
        required: bool,
        sid: &'static [&'static str],
        uri: bool,
        account_default: bool,
    ) -> Self {
        Parameter {
            name,
            key,
            location,
            required,
            sid,
            uri,
            account_default,
        }
    }

    /// The Twilio name (`IdempotencyKey`, `StartTime>`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The name as it is written in a query string or form body (`StartTime%3E`).
    pub fn encoded_name(&self) -> &'static str {
        self.key
    }

    /// Where the parameter goes.
    pub fn location(&self) -> Location {
        self.location
    }

    /// Whether the request must carry it (a field that is neither `Option` nor a list). A
    /// required string must not be empty.
    pub fn required(&self) -> bool {
        self.required
    }

    /// The SID prefixes a value must start with, followed by 32 hex digits (empty: no SID rule).
    pub fn sid_prefixes(&self) -> &'static [&'static str] {
        self.sid
    }

    /// Whether a value must be an absolute URI.
    pub fn uri(&self) -> bool {
        self.uri
    }

    /// Whether an empty value takes the client's account SID (the `<AccountSid>` placeholder).
    pub fn account_default(&self) -> bool {
        self.account_default
    }
}
