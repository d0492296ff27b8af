//! Twilio's rules as the stand-in applies them: Basic auth, SIDs, the parameters of each
//! operation and Twilio's error answers.

use base64::Engine as _;
use http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::HeaderMap;
use wiremock::ResponseTemplate;

use percent_encoding::percent_decode_str;

use crate::parameter::{Location, Parameter};
use crate::payments::{CreatePayments, UpdatePayments};
use crate::validate::{check_text, Problem};
use crate::Endpoint;

/// Which of the two operations a request addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Operation {
    Create,
    Update,
}

/// Whether `path` (as sent, percent-encoded) fits `template`: see [`template_values`].
pub(super) fn template_matches(template: &str, path: &str) -> bool {
    template_values(template, path).is_some()
}

/// The text `path` (as sent, percent-encoded) holds for each `<Placeholder>` of `template`, by
/// name, when it fits: the same literal text, each placeholder standing for non-empty text
/// without `/`.
pub(super) fn template_values<'t, 'p>(
    template: &'t str,
    path: &'p str,
) -> Option<Vec<(&'t str, &'p str)>> {
    fn fits<'t, 'p>(
        template: &'t str,
        path: &'p str,
        values: &mut Vec<(&'t str, &'p str)>,
    ) -> bool {
        let Some(open) = template.find('<') else {
            return template == path;
        };
        let (literal, rest) = template.split_at(open);
        let Some(path) = path.strip_prefix(literal) else {
            return false;
        };
        let Some(close) = rest.find('>') else {
            return false;
        };
        let (name, after) = (&rest[1..close], &rest[close + 1..]);
        let segment_end = path.find('/').unwrap_or(path.len());
        (1..=segment_end).any(|taken| {
            values.push((name, &path[..taken]));
            let fit = fits(after, &path[taken..], values);
            if !fit {
                values.pop();
            }
            fit
        })
    }
    let mut values = Vec::new();
    fits(template, path, &mut values).then_some(values)
}

/// The user name and password of a Basic `Authorization` header.
pub(super) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

pub(super) fn decode_form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// What a form parameter's value must look like as its Rust type reads it, for the types that
/// are not a `string_enum!`: the rules the declarations hold (required, SID, URI, enum values)
/// come from [`Endpoint::PARAMETERS`] instead.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Boolean,
    Integer,
    Decimal,
    JsonObject,
}

/// The type of each typed parameter of `CreatePayments` (its field's type, as the stand-in reads
/// it); a test checks that each is a form parameter of the declaration.
const CREATE_TYPES: &[(&str, Kind)] = &[
    ("Confirmation", Kind::Boolean),
    ("PostalCode", Kind::Boolean),
    ("SecurityCode", Kind::Boolean),
    ("Timeout", Kind::Integer),
    ("MinPostalCodeLength", Kind::Integer),
    ("ChargeAmount", Kind::Decimal),
    ("Parameter", Kind::JsonObject),
];

/// The type of each typed parameter of `UpdatePayments`: its enums are declared.
const UPDATE_TYPES: &[(&str, Kind)] = &[];

impl Kind {
    fn accepts(self, value: &str) -> bool {
        match self {
            Kind::Boolean => matches!(value, "true" | "false"),
            Kind::Integer => value.parse::<i64>().is_ok(),
            Kind::Decimal => is_decimal(value),
            Kind::JsonObject => {
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(value).is_ok()
            }
        }
    }

    fn expected(self) -> String {
        match self {
            Kind::Boolean => "one of true, false".to_owned(),
            Kind::Integer => "an integer".to_owned(),
            Kind::Decimal => "a decimal number".to_owned(),
            Kind::JsonObject => "a JSON object".to_owned(),
        }
    }
}

/// Whether `value` is a decimal number such as `10`, `-3` or `10.50`.
pub(super) fn is_decimal(value: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    match unsigned.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(unsigned),
    }
}

/// A request path that names one of the two operations, with the values of its placeholders.
#[derive(Debug)]
pub(super) struct Route {
    pub(super) operation: Operation,
    /// The `<CallSid>`.
    pub(super) call_sid: String,
    /// The payment's `<Sid>` for `UpdatePayments`; `None` for `CreatePayments`.
    pub(super) payment_sid: Option<String>,
}

impl Operation {
    const ALL: [Operation; 2] = [Operation::Create, Operation::Update];

    /// The declaration's parameters: the rules the client applies before it sends.
    pub(super) fn parameters(self) -> &'static [Parameter] {
        match self {
            Operation::Create => CreatePayments::PARAMETERS,
            Operation::Update => UpdatePayments::PARAMETERS,
        }
    }

    fn template(self) -> &'static str {
        match self {
            Operation::Create => CreatePayments::PATH_TEMPLATE,
            Operation::Update => UpdatePayments::PATH_TEMPLATE,
        }
    }

    fn types(self) -> &'static [(&'static str, Kind)] {
        match self {
            Operation::Create => CREATE_TYPES,
            Operation::Update => UPDATE_TYPES,
        }
    }

    /// The parameter of this operation named `name` at `location`.
    fn parameter(self, name: &str, location: Location) -> Option<&'static Parameter> {
        self.parameters()
            .iter()
            .find(|param| param.location() == location && param.name() == name)
    }

    /// The operation `path` (as sent) addresses, for the account `account_sid`: segment by
    /// segment (each percent-decoded), it fits the operation's path template, and each
    /// placeholder's value follows its parameter's rules, as the client's would.
    pub(super) fn route(path: &str, account_sid: &str) -> Option<Route> {
        let segments = path
            .split('/')
            .map(|segment| percent_decode_str(segment).decode_utf8().ok())
            .collect::<Option<Vec<_>>>()?;
        Operation::ALL.into_iter().find_map(|operation| {
            let template = operation.template();
            if template.split('/').count() != segments.len() {
                return None;
            }
            let mut route = Route {
                operation,
                call_sid: String::new(),
                payment_sid: None,
            };
            for (literal, segment) in template.split('/').zip(&segments) {
                for (name, value) in template_values(literal, segment)? {
                    let param = operation.parameter(name, Location::Path)?;
                    if check_text(param, value).is_some() {
                        return None;
                    }
                    match name {
                        "AccountSid" if value != account_sid => return None,
                        "CallSid" => route.call_sid = value.to_owned(),
                        "Sid" => route.payment_sid = Some(value.to_owned()),
                        _ => {}
                    }
                }
            }
            Some(route)
        })
    }

    /// Checks the form parameters, naming every problem in one error: the declaration's rules
    /// (required, SID, URI) as the client applies them, its enums' values, then the other
    /// values' types.
    /// Empty values count as absent.
    pub(super) fn validate(self, form: &[(String, String)]) -> Result<(), ApiError> {
        let has_value = |name: &str| {
            form.iter()
                .any(|(key, value)| key == name && !value.is_empty())
        };
        let mut problems = Vec::new();
        let missing: Vec<&str> = self
            .parameters()
            .iter()
            .filter(|param| param.location() == Location::Form && param.is_required())
            .map(Parameter::name)
            .filter(|name| !has_value(name))
            .collect();
        match missing.as_slice() {
            [] => {}
            [name] => problems.push(format!(
                "Missing required parameter {name} in the post body"
            )),
            names => problems.push(format!(
                "Missing required parameters {} in the post body",
                names.join(", ")
            )),
        }
        for (name, value) in form.iter().filter(|(_, value)| !value.is_empty()) {
            let param = self.parameter(name, Location::Form);
            let broken = param
                .and_then(|param| {
                    let kind = check_text(param, value)?;
                    Some(Problem::new(param.name(), kind).to_string())
                })
                .or_else(|| {
                    let values = param?.values();
                    (!values.is_empty() && !values.contains(&value.as_str()))
                        .then(|| format!("expected one of {}", values.join(", ")))
                })
                .or_else(|| {
                    let (_, kind) = self.types().iter().find(|(known, _)| known == name)?;
                    (!kind.accepts(value)).then(|| format!("expected {}", kind.expected()))
                });
            if let Some(why) = broken {
                let problem = format!("Invalid value '{value}' for parameter {name}: {why}");
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
        if self == Operation::Update && !has_value("Capture") && !has_value("Status") {
            problems.push("Either Capture or Status is required".to_owned());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::bad_request(problems.join("; ")))
        }
    }
}

/// A Twilio error answer.
#[derive(Debug)]
pub(super) struct ApiError {
    status: u16,
    code: u32,
    message: String,
}

impl ApiError {
    pub(super) fn unauthenticated() -> ApiError {
        ApiError {
            status: 401,
            code: 20003,
            message: "Authenticate".to_owned(),
        }
    }

    pub(super) fn not_found(path: &str) -> ApiError {
        ApiError {
            status: 404,
            code: 20404,
            message: format!("The requested resource {path} was not found"),
        }
    }

    pub(super) fn method_not_allowed() -> ApiError {
        ApiError {
            status: 405,
            code: 20004,
            message: "Method not allowed".to_owned(),
        }
    }

    pub(super) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 400,
            code: 20001,
            message: message.into(),
        }
    }

    /// The answer Twilio gives for this error.
    pub(super) fn into_response(self) -> ResponseTemplate {
        let body = serde_json::json!({
            "code": self.code,
            "message": self.message,
            "more_info": format!("https://www.twilio.com/docs/errors/{}", self.code),
            "status": self.status,
        });
        let response = json_response(self.status, &body);
        if self.status == 401 {
            response.insert_header(WWW_AUTHENTICATE, r#"Basic realm="Twilio API""#)
        } else {
            response
        }
    }
}

pub(super) fn json_response(status: u16, body: &serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

/// Checks that the body is declared as `application/x-www-form-urlencoded`.
pub(super) fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let essence = content_type
        .as_deref()
        .and_then(|value| value.split(';').next())
        .map(str::trim);
    match essence {
        Some(essence) if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") => {
            Ok(())
        }
        _ => Err(ApiError::bad_request(format!(
            "Content-Type must be application/x-www-form-urlencoded, got {}",
            content_type.as_deref().unwrap_or("none")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `string_enum!` field's parameter carries the enum's values, any other none: the
    /// compiler picks `Wire<T>`'s `VALUES` for a `string_enum!`, `AnyWire`'s otherwise.
    #[test]
    fn enum_values_come_from_the_declarations() {
        use crate::payments::{Capture, PaymentMethod, PaymentStatus};
        let values = |operation: Operation, name: &str| {
            operation
                .parameter(name, Location::Form)
                .map(Parameter::values)
        };
        assert_eq!(
            values(Operation::Update, "Capture"),
            Some(Capture::WIRE_VALUES)
        );
        assert_eq!(
            values(Operation::Update, "Status"),
            Some(PaymentStatus::WIRE_VALUES)
        );
        assert_eq!(
            values(Operation::Create, "PaymentMethod"),
            Some(PaymentMethod::WIRE_VALUES)
        );
        let none: &[&str] = &[];
        for name in [
            "StatusCallback",
            "Timeout",
            "ChargeAmount",
            "Parameter",
            "Confirmation",
        ] {
            assert_eq!(values(Operation::Create, name), Some(none), "{name}");
        }
    }

    /// The types the stand-in reads are those of declared form parameters, so that a renamed or
    /// removed field cannot leave a rule behind that the client never applies.
    #[test]
    fn every_typed_parameter_is_declared() {
        for operation in Operation::ALL {
            for (name, _) in operation.types() {
                assert!(
                    operation.parameter(name, Location::Form).is_some(),
                    "{operation:?} declares no form parameter {name}"
                );
            }
        }
    }
}
