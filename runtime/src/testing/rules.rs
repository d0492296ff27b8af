//! Twilio's rules as the stand-in applies them: Basic auth, SIDs, the parameters of each
//! operation and Twilio's error answers.

use base64::Engine as _;
use http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::HeaderMap;
use wiremock::ResponseTemplate;

use crate::payments::{BankAccountType, Capture, PaymentMethod, PaymentStatus, TokenType};

/// Which of the two operations a request addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Operation {
    Create,
    Update,
}

/// Whether `value` is `prefix` followed by 32 hex digits.
/// The runtime's own SID rule, with one prefix: the stand-in checks what the client checks.
pub(super) fn is_sid(value: &str, prefix: &str) -> bool {
    crate::validate::is_sid(value, &[prefix])
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

/// What a form parameter's value must look like.
#[derive(Debug, Clone, Copy)]
enum Kind {
    OneOf(&'static [&'static str]),
    Integer,
    Decimal,
    JsonObject,
    Callback,
}

const BOOLEAN: Kind = Kind::OneOf(&["true", "false"]);

/// The parameters both operations require.
const REQUIRED: &[&str] = &["IdempotencyKey", "StatusCallback"];

/// The checked parameters of `CreatePayments`.
const CREATE_PARAMETERS: &[(&str, Kind)] = &[
    ("StatusCallback", Kind::Callback),
    ("PaymentMethod", Kind::OneOf(PaymentMethod::WIRE_VALUES)),
    ("BankAccountType", Kind::OneOf(BankAccountType::WIRE_VALUES)),
    ("TokenType", Kind::OneOf(TokenType::WIRE_VALUES)),
    ("Confirmation", BOOLEAN),
    ("PostalCode", BOOLEAN),
    ("SecurityCode", BOOLEAN),
    ("Timeout", Kind::Integer),
    ("MinPostalCodeLength", Kind::Integer),
    ("ChargeAmount", Kind::Decimal),
    ("Parameter", Kind::JsonObject),
];

/// The checked parameters of `UpdatePayments`.
const UPDATE_PARAMETERS: &[(&str, Kind)] = &[
    ("StatusCallback", Kind::Callback),
    ("Capture", Kind::OneOf(Capture::WIRE_VALUES)),
    ("Status", Kind::OneOf(PaymentStatus::WIRE_VALUES)),
];

impl Kind {
    fn accepts(self, value: &str) -> bool {
        match self {
            Kind::OneOf(allowed) => allowed.contains(&value),
            Kind::Integer => value.parse::<i64>().is_ok(),
            Kind::Decimal => is_decimal(value),
            Kind::JsonObject => {
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(value).is_ok()
            }
            Kind::Callback => value.starts_with('/') || url::Url::parse(value).is_ok(),
        }
    }

    fn expected(self) -> String {
        match self {
            Kind::OneOf(allowed) => format!("one of {}", allowed.join(", ")),
            Kind::Integer => "an integer".to_owned(),
            Kind::Decimal => "a decimal number".to_owned(),
            Kind::JsonObject => "a JSON object".to_owned(),
            Kind::Callback => "an absolute URI or a path starting with /".to_owned(),
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

impl Operation {
    fn parameters(self) -> &'static [(&'static str, Kind)] {
        match self {
            Operation::Create => CREATE_PARAMETERS,
            Operation::Update => UPDATE_PARAMETERS,
        }
    }

    /// Checks the form parameters, naming every problem in one error.
    /// Empty values count as absent.
    pub(super) fn validate(self, form: &[(String, String)]) -> Result<(), ApiError> {
        let has_value = |name: &str| {
            form.iter()
                .any(|(key, value)| key == name && !value.is_empty())
        };
        let mut problems = Vec::new();
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
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
            let Some((_, kind)) = self.parameters().iter().find(|(known, _)| known == name) else {
                continue;
            };
            if !kind.accepts(value) {
                let problem = format!(
                    "Invalid value '{value}' for parameter {name}: expected {}",
                    kind.expected()
                );
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
