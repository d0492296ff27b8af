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
    /// A request header (`X-Twilio-Webhook-Enabled`, `If-Match`).
    Header,
    /// A member of the JSON object that is the body of a `body = json` endpoint.
    JsonMember,
    /// The whole JSON body of a `body = json` endpoint (`#[twilio(body)]`).
    Body,
}

/// How an endpoint's body is written: the attribute's `body = …` option.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyFormat {
    /// `application/x-www-form-urlencoded`, the default (`POST`, `PUT` and `PATCH` carry one).
    #[default]
    Form,
    /// `application/json` (`body = json`): one object of the fields, or one `#[twilio(body)]`
    /// field as the whole body.
    Json,
}

impl BodyFormat {
    /// The `Content-Type` of such a body.
    ///
    /// ```
    /// use twilio_endpoint::BodyFormat;
    ///
    /// assert_eq!(BodyFormat::Json.content_type(), "application/json");
    /// assert_eq!(BodyFormat::Form.content_type(), "application/x-www-form-urlencoded");
    /// ```
    pub const fn content_type(self) -> &'static str {
        match self {
            BodyFormat::Form => "application/x-www-form-urlencoded",
            BodyFormat::Json => "application/json",
        }
    }
}

/// How an endpoint authenticates: the attribute's `auth = …` option.
///
/// ```
/// use twilio_endpoint::{twilio_endpoint, AuthScheme, Endpoint};
///
/// /// An organization's accounts (Twilio's Organizations API takes bearer tokens only).
/// #[twilio_endpoint(GET, "/Organizations/<OrganizationSid>/Accounts", auth = oauth2,
///                   host = "preview-iam")]
/// pub struct ListOrganizationAccounts {
///     /// `<OrganizationSid>`.
///     pub organization_sid: String,
/// }
///
/// assert_eq!(ListOrganizationAccounts::AUTH, AuthScheme::OAuth2);
/// assert_eq!(twilio_endpoint::payments::UpdatePayments::AUTH, AuthScheme::Basic);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthScheme {
    /// HTTP Basic with the account SID and auth token or an API key, the default; a client with
    /// only OAuth2 credentials sends its bearer token instead.
    #[default]
    Basic,
    /// An OAuth2 bearer token from the client-credentials grant (`auth = oauth2`), as Twilio's
    /// description requires for the Organizations API: a client without OAuth2 credentials
    /// refuses such an endpoint with
    /// [`ErrorKind::NoOAuth2Credentials`](crate::ErrorKind::NoOAuth2Credentials).
    OAuth2,
}

/// What a parameter's value must be as a URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UriRule {
    /// No URI rule.
    None,
    /// An absolute URI with a scheme (`https://example.com/cb`): `#[twilio(uri)]`, for
    /// Twilio's `format: uri` parameters that must be absolute.
    Absolute,
    /// An absolute URI or a relative reference (`/pay/status`): `#[twilio(uri_reference)]`, for
    /// parameters Twilio documents as "an absolute or relative URL".
    Reference,
}

/// One parameter of an endpoint, as declared: its Twilio name, where it goes and its rules.
///
/// [`Endpoint::PARAMETERS`](crate::Endpoint::PARAMETERS) lists them in declaration order, so that
/// tools and tests can compare a declaration with Twilio's description. The attribute builds them
/// in one constant array, each rule by rule (the account's `<AccountSid>` in one call):
///
/// ```
/// use twilio_endpoint::{Location, Parameter, UriRule};
///
/// const CALL_SID: Parameter = Parameter::path("CallSid").sid(&["CA"]);
/// const START: Parameter = Parameter::query("StartTime>").encoded_as("StartTime%3E");
/// const IF_MATCH: Parameter = Parameter::header("If-Match");
/// const LANGUAGE: Parameter = Parameter::json_member("language").required();
/// assert_eq!(IF_MATCH.location(), Location::Header);
/// assert_eq!(LANGUAGE.location(), Location::JsonMember);
/// assert_eq!(Parameter::body("body").location(), Location::Body);
/// assert_eq!(CALL_SID.location(), Location::Path);
/// assert_eq!(START.encoded_name(), "StartTime%3E");
/// assert_eq!(START.uri_rule(), UriRule::None);
/// assert!(CALL_SID.is_required());
/// assert_eq!(
///     Parameter::account_sid(),
///     Parameter::path("AccountSid").sid(&["AC"]).account_default()
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parameter {
    name: &'static str,
    key: &'static str,
    location: Location,
    required: bool,
    sid: &'static [&'static str],
    uri: UriRule,
    account_default: bool,
    idempotency_key: bool,
    values: &'static [&'static str],
}

impl Parameter {
    const fn new(name: &'static str, location: Location) -> Self {
        Parameter {
            name,
            key: name,
            location,
            required: false,
            sid: &[],
            uri: UriRule::None,
            account_default: false,
            idempotency_key: false,
            values: &[],
        }
    }

    /// A path parameter filling `<name>`; a path has no gaps, so it is required.
    pub const fn path(name: &'static str) -> Self {
        Self::new(name, Location::Path).required()
    }

    /// The account's `<AccountSid>` path parameter: an `AC…` SID, and an empty value takes the
    /// client's account (what `Parameter::path("AccountSid").sid(&["AC"]).account_default()`
    /// gives, in one call).
    pub const fn account_sid() -> Self {
        Self {
            sid: &["AC"],
            account_default: true,
            ..Self::path("AccountSid")
        }
    }

    /// A query-string parameter named `name`.
    pub const fn query(name: &'static str) -> Self {
        Self::new(name, Location::Query)
    }

    /// A form body parameter named `name`.
    pub const fn form(name: &'static str) -> Self {
        Self::new(name, Location::Form)
    }

    /// A request header named `name` (`X-Twilio-Webhook-Enabled`).
    pub const fn header(name: &'static str) -> Self {
        Self::new(name, Location::Header)
    }

    /// A member named `name` of a JSON body.
    pub const fn json_member(name: &'static str) -> Self {
        Self::new(name, Location::JsonMember)
    }

    /// The whole JSON body, from the field named `name`.
    pub const fn body(name: &'static str) -> Self {
        Self::new(name, Location::Body)
    }

    /// The name as a query string or form body writes it, when it is not the name itself
    /// (`StartTime%3E` for `StartTime>`).
    pub const fn encoded_as(mut self, key: &'static str) -> Self {
        self.key = key;
        self
    }

    /// The request must carry it; a string must not be empty.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// A value must be a SID with one of these prefixes.
    pub const fn sid(mut self, prefixes: &'static [&'static str]) -> Self {
        self.sid = prefixes;
        self
    }

    /// A value must be an absolute URI.
    pub const fn uri(mut self) -> Self {
        self.uri = UriRule::Absolute;
        self
    }

    /// A value must be an absolute URI or a relative reference.
    pub const fn uri_reference(mut self) -> Self {
        self.uri = UriRule::Reference;
        self
    }

    /// An empty value takes the client's account SID (`<AccountSid>`).
    pub const fn account_default(mut self) -> Self {
        self.account_default = true;
        self
    }

    /// It is the request's `IdempotencyKey`: a request carrying a non-empty one is safe to send
    /// again.
    pub const fn idempotency_key(mut self) -> Self {
        self.idempotency_key = true;
        self
    }

    /// A value is one of these wire values (a [`string_enum!`](crate::string_enum) field's
    /// `WIRE_VALUES`); empty, as by default: any value.
    pub const fn one_of(mut self, values: &'static [&'static str]) -> Self {
        self.values = values;
        self
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
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// The SID prefixes a value must start with, followed by 32 hex digits (empty: no SID rule).
    pub fn sid_prefixes(&self) -> &'static [&'static str] {
        self.sid
    }

    /// What a value must be as a URI.
    pub fn uri_rule(&self) -> UriRule {
        self.uri
    }

    /// Whether an empty value takes the client's account SID (the `<AccountSid>` placeholder).
    pub fn has_account_default(&self) -> bool {
        self.account_default
    }

    /// Whether it is the request's `IdempotencyKey`.
    pub fn is_idempotency_key(&self) -> bool {
        self.idempotency_key
    }

    /// The wire values a value is one of, for a field whose type is a
    /// [`string_enum!`](crate::string_enum) (empty: any value).
    pub fn values(&self) -> &'static [&'static str] {
        self.values
    }
}

/// Whether one of `parameters` is marked as the request's `IdempotencyKey`: the default of
/// [`Endpoint::IDEMPOTENCY_KEY`](crate::Endpoint::IDEMPOTENCY_KEY).
pub(crate) const fn marks_idempotency_key(parameters: &[Parameter]) -> bool {
    let mut i = 0;
    while i < parameters.len() {
        if parameters[i].idempotency_key {
            return true;
        }
        i += 1;
    }
    false
}
