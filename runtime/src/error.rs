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
///
/// Any verbatim copy of the client's secret in it is replaced by `***` (see [`Error`]).
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
/// No variant holds or shows the auth token or the API secret: text that comes from the server
/// (an error body, an excerpt, a `Location`) has any verbatim copy of the secret, or of the
/// Basic credentials, replaced by `***`, and a transport error names only the origin, not the
/// request's path or query values.
///
/// Errors from the network carry the number of attempts made ([`Error::attempts`]), and say
/// whether the failure may pass on another attempt ([`Error::is_retryable`]).
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
    /// Twilio answered with an error status and its error body. Its attempt count is
    /// [`Error::attempts`].
    Api {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// Twilio's error body.
        error: Box<TwilioError>,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The server answered with an error status and a body that is not Twilio's error JSON.
    Status {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// The start of the body, as text.
        body: String,
        /// How many attempts were made.
        attempts: u32,
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
        /// How many attempts were made.
        attempts: u32,
    },
    /// The response body was larger than the client's limit; it was not read further.
    BodyTooLarge {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// The limit, in bytes.
        limit: usize,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The request could not be sent, or its response not read: the connection was refused,
    /// reset or closed, or an attempt timed out.
    Transport {
        /// The endpoint.
        endpoint: EndpointName,
        /// The underlying error; its URL is the origin only.
        source: reqwest::Error,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The server answered with a redirect (`3xx`), which is never followed: credentials are
    /// not sent anywhere but the configured origin, as Twilio's helper libraries do.
    Redirect {
        /// The endpoint.
        endpoint: EndpointName,
        /// The HTTP status.
        status: StatusCode,
        /// Where the redirect pointed (its `Location` header), when it said.
        location: Option<String>,
        /// How many attempts were made.
        attempts: u32,
    },
}

/// How many characters of a body an error keeps.
const EXCERPT_CHARS: usize = 200;

/// Replaces every verbatim copy of the client's secrets in text from the server with `***`.
///
/// A server never needs the secret in a body, but one that echoes the request (a misconfigured
/// proxy, a debugging endpoint, a hostile stand-in given the credentials) would put the
/// `Authorization` header, or the decoded secret, into an error message that ends up in logs.
pub(crate) struct Redactor {
    /// The base64 `user:secret` of the Basic header, then the auth token or API secret: the
    /// longer first, so that replacing one never breaks a copy of the other.
    needles: [String; 2],
}

impl Redactor {
    pub(crate) fn new(secret: &str, basic: &str) -> Redactor {
        Redactor {
            needles: [basic.to_owned(), secret.to_owned()],
        }
    }

    /// `text` with every needle replaced by `***`.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for needle in self.needles.iter().filter(|n| !n.is_empty()) {
            if text.contains(needle.as_str()) {
                text = text.replace(needle.as_str(), "***");
            }
        }
        text
    }

    /// The start of `body`, as redacted text, for an error message: at most [`EXCERPT_CHARS`]
    /// characters. The whole body is redacted before it is cut, so that no part of a secret is
    /// left at the cut (bodies are bounded by the client's `max_response_bytes`).
    pub(crate) fn excerpt(&self, body: &[u8]) -> String {
        excerpt(&self.redact(&String::from_utf8_lossy(body)))
    }
}

/// The start of `text`, at most [`EXCERPT_CHARS`] characters, `…` marking a cut.
pub(crate) fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
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
            | Error::Transport { endpoint, .. }
            | Error::Redirect { endpoint, .. } => Some(endpoint),
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::Status { status, .. }
            | Error::Decode { status, .. }
            | Error::BodyTooLarge { status, .. }
            | Error::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// How many times the request was sent: 0 when it was not (a [`Error::Config`] or
    /// [`Error::Validation`] error), 1 when it was not retried.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Config(_) | Error::Validation { .. } => 0,
            Error::Api { attempts, .. }
            | Error::Status { attempts, .. }
            | Error::Decode { attempts, .. }
            | Error::BodyTooLarge { attempts, .. }
            | Error::Transport { attempts, .. }
            | Error::Redirect { attempts, .. } => *attempts,
        }
    }

    /// Records how many attempts the call made.
    pub(crate) fn set_attempts(&mut self, count: u32) {
        match self {
            Error::Config(_) | Error::Validation { .. } => {}
            Error::Api { attempts, .. }
            | Error::Status { attempts, .. }
            | Error::Decode { attempts, .. }
            | Error::BodyTooLarge { attempts, .. }
            | Error::Transport { attempts, .. }
            | Error::Redirect { attempts, .. } => *attempts = count,
        }
    }

    /// Whether the failure may pass on another attempt: Twilio answered `429`, `500`, `502`,
    /// `503` or `504`, or the connection failed or timed out.
    ///
    /// The client retries such failures by itself for requests that are safe to send twice
    /// (see [`RetryPolicy`](crate::RetryPolicy)); a `true` here after `send` returned means
    /// the attempts or the time budget ran out.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api { status, .. } | Error::Status { status, .. } => {
                crate::retry::retryable_status(*status)
            }
            Error::Transport { source, .. } => {
                source.is_connect()
                    || source.is_timeout()
                    || source.is_request()
                    || source.is_body()
            }
            _ => false,
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
        self.fmt_cause(f)?;
        match self.attempts() {
            0 | 1 => Ok(()),
            n => write!(f, " (after {n} attempts)"),
        }
    }
}

impl Error {
    /// What went wrong, without the attempt count.
    fn fmt_cause(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
                ..
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
                ..
            } => write!(f, "{endpoint}: the server answered {status}: {body:?}"),
            Error::Decode {
                endpoint,
                status,
                source,
                excerpt,
                ..
            } => write!(
                f,
                "{endpoint}: could not decode the {status} response ({source}): {excerpt:?}"
            ),
            Error::BodyTooLarge {
                endpoint,
                status,
                limit,
                ..
            } => write!(
                f,
                "{endpoint}: the {status} response body is larger than the limit of {limit} bytes"
            ),
            Error::Transport {
                endpoint, source, ..
            } => {
                write!(f, "{endpoint}: transport error: {source}")
            }
            Error::Redirect {
                endpoint,
                status,
                location,
                ..
            } => {
                write!(f, "{endpoint}: the server answered {status}, a redirect")?;
                match location {
                    Some(location) => write!(f, " to {location:?}")?,
                    None => f.write_str(" without a Location")?,
                }
                f.write_str(", which is not followed")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_redacted_before_they_are_cut() {
        let redactor = Redactor::new("s3cr3t-token", "QUM6czNjcjN0LXRva2Vu");
        // However many copies, none survives in part at the cut.
        let body = "s3cr3t-token".repeat(500);
        let shown = redactor.excerpt(body.as_bytes());
        assert_eq!(shown, format!("{}…", &"***".repeat(67)[..200]));
        let body = format!("{}s3cr3t-token{}", "x".repeat(195), "y".repeat(50));
        let shown = redactor.excerpt(body.as_bytes());
        assert!(
            shown.starts_with(&format!("{}***", "x".repeat(195))),
            "{shown}"
        );
        assert!(!shown.contains("s3cr"), "{shown}");
        let echoed = "Authorization: Basic QUM6czNjcjN0LXRva2Vu";
        assert_eq!(redactor.redact(echoed), "Authorization: Basic ***");
        assert_eq!(redactor.excerpt(b"not UTF-8: \xff"), "not UTF-8: \u{fffd}");
    }
}
