//! The one error type of the crate.

use std::fmt;

use http::{Method, StatusCode};
use serde::Deserialize;

use crate::validate::Problem;

/// Which endpoint a request was for: its method and path template, never its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointName {
    /// The HTTP method.
    pub method: Method,
    /// The path template as declared (`/2010-04-01/Accounts/<AccountSid>/Calls.json`).
    pub path_template: &'static str,
}

impl fmt::Display for EndpointName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path_template)
    }
}

/// Twilio's error body: `{"code": 20404, "message": "…", "more_info": "…", "status": 404}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TwilioError {
    /// Twilio's error code (see <https://www.twilio.com/docs/api/errors>).
    pub code: Option<u32>,
    /// What went wrong, in Twilio's words.
    pub message: String,
    /// A link to the error's documentation.
    #[serde(default)]
    pub more_info: Option<String>,
    /// The HTTP status as Twilio repeats it in the body.
    #[serde(default)]
    pub status: Option<u16>,
    /// Further details some errors carry.
    #[serde(default)]
    pub details: Option<serde_json::Value>,
}

/// Everything that can go wrong building or sending a request.
///
/// No variant holds or shows the auth token or the API secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client could not be built (missing credentials, a bad base URL, …).
    Config(String),
    /// The request's values break Twilio's rules; nothing was sent.
    Validation {
        /// The endpoint.
        endpoint: EndpointName,
        /// Every problem found, each naming its Twilio parameter.
        problems: Vec<Problem>,
    },
    /// Twilio answered with an error status and its error body.
    Api {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// Twilio's error body.
        error: Box<TwilioError>,
    },
    /// The server answered with an error status and a body that is not Twilio's error JSON.
    Status {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// The start of the body, as text.
        body: String,
    },
    /// A success body that does not match the endpoint's response type.
    Decode {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// The JSON error.
        source: serde_json::Error,
        /// The start of the body, as text.
        excerpt: String,
    },
    /// The response body was larger than the client's limit; it was not read further.
    BodyTooLarge {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request could not be sent, or its response not read.
    Transport {
        /// The endpoint.
        endpoint: EndpointName,
        /// The underlying error.
        source: reqwest::Error,
    },
}

/// How many characters of a body an error keeps.
const EXCERPT_CHARS: usize = 200;

/// The start of `body`, as text, for an error message.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

impl Error {
    /// The endpoint the request was for, when there was a request.
    pub fn endpoint(&self) -> Option<&EndpointName> {
        match self {
            Error::Config(_) => None,
            Error::Validation { endpoint, .. }
            | Error::Api { endpoint, .. }
            | Error::Status { endpoint, .. }
            | Error::Decode { endpoint, .. }
            | Error::BodyTooLarge { endpoint, .. }
            | Error::Transport { endpoint, .. } => Some(endpoint),
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::Status { status, .. }
            | Error::Decode { status, .. }
            | Error::BodyTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The problems of a [`Error::Validation`], empty for other errors.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Validation { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(message) => write!(f, "invalid client configuration: {message}"),
            Error::Validation { endpoint, problems } => {
                write!(f, "{endpoint}: invalid request: ")?;
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{problem}")?;
                }
                Ok(())
            }
            Error::Api {
                endpoint,
                status,
                error,
            } => {
                write!(f, "{endpoint}: Twilio answered {status}")?;
                if let Some(code) = error.code {
                    write!(f, ", error {code}")?;
                }
                write!(f, ": {}", error.message)?;
                if let Some(more_info) = &error.more_info {
                    write!(f, " ({more_info})")?;
                }
                Ok(())
            }
            Error::Status {
                endpoint,
                status,
                body,
            } => write!(f, "{endpoint}: the server answered {status}: {body:?}"),
            Error::Decode {
                endpoint,
                status,
                source,
                excerpt,
            } => write!(
                f,
                "{endpoint}: could not decode the {status} response ({source}): {excerpt:?}"
            ),
            Error::BodyTooLarge {
                endpoint,
                status,
                limit,
            } => write!(
                f,
                "{endpoint}: the {status} response body is larger than the limit of {limit} bytes"
            ),
            Error::Transport { endpoint, source } => {
                write!(f, "{endpoint}: transport error: {source}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } => Some(source),
            Error::Transport { source, .. } => Some(source),
            _ => None,
        }
    }
}
