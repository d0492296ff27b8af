//! The one error type of the crate: what every failure shares (the endpoint, the status, the
//! attempts) once, and what kind of failure it was as an enum to match on.

use std::fmt;

use http::{Method, StatusCode};
use serde::Deserialize;

use crate::client::ConfigError;
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
/// Any copy of the client's secret in it is replaced by `***` (see [`Error`]).
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
/// What every failure shares is said once: the endpoint ([`Error::endpoint`]), the HTTP status
/// of the answer when there was one ([`Error::status`]) and how many times the request was sent
/// ([`Error::attempts`]); what went wrong is an [`ErrorKind`] to match on ([`Error::kind`]):
///
/// ```
/// use twilio_endpoint::{Client, Error, ErrorKind};
///
/// fn explain(error: &Error) -> String {
///     match error.kind() {
///         ErrorKind::Validation(problems) => format!("fix {} parameter(s)", problems.len()),
///         ErrorKind::Api(twilio) => format!("Twilio said {:?}: {}", twilio.code, twilio.message),
///         ErrorKind::Transport(_) if error.is_retryable() => "try again later".to_owned(),
///         ErrorKind::Config(config) => {
///             format!("{} configuration problem(s)", config.problems().len())
///         }
///         _ => error.to_string(),
///     }
/// }
///
/// let error = Client::builder().build().unwrap_err();
/// assert_eq!(explain(&error), "2 configuration problem(s)");
/// ```
///
/// **Secrets.** No error, `Debug` or `Display` holds the auth token or the API secret: text that
/// comes from the server (an error body, an excerpt, a decode error, a `Location`) has every
/// copy of the secret, and of the base64 Basic credentials, replaced by `***` before it is kept,
/// and a transport error names only the origin, not the request's path or query values. A
/// secret shorter than 16 characters is not searched for in text (Twilio's auth tokens and API
/// secrets are 32 characters): a short test credential such as `t` would otherwise mask every
/// `t` in a message, so only the credentials' own fields are hidden then.
///
/// Errors from the network say whether the failure may pass on another attempt
/// ([`Error::is_retryable`]).
pub struct Error {
    inner: Box<Inner>,
}

/// What an [`Error`] holds, boxed so that `Result<T, Error>` stays one pointer wide.
struct Inner {
    kind: ErrorKind,
    endpoint: Option<EndpointName>,
    status: Option<StatusCode>,
    attempts: u32,
    /// The client judged the request unsafe to send twice (a `POST` without an
    /// `IdempotencyKey`, no opt-in), so only failures Twilio certainly did not process are
    /// worth another attempt.
    unrepeatable: bool,
}

/// What went wrong: the part of an [`Error`] to match on.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The client could not be built: every problem with its settings, typed.
    Config(ConfigError),
    /// The request's values break Twilio's rules; nothing was sent. Every problem found, each
    /// naming its Twilio parameter.
    Validation(Vec<Problem>),
    /// Twilio answered with an error status ([`Error::status`]) and its error body.
    Api(TwilioError),
    /// The server answered with an error status and a body that is not Twilio's error JSON.
    Status {
        /// The start of the body, as text.
        body: String,
    },
    /// A success body that does not match the endpoint's response type.
    Decode {
        /// Where in the body decoding failed, and why.
        source: DecodeError,
        /// The start of the body, as text.
        excerpt: String,
    },
    /// The response body was larger than the client's limit; it was not read further.
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request could not be sent, or its response not read: the connection was refused,
    /// reset or closed, or an attempt timed out. The error's URL is the origin only.
    Transport(reqwest::Error),
    /// The server answered with a redirect (`3xx`), which is never followed: credentials are
    /// not sent anywhere but the configured origin, as Twilio's helper libraries do. (An
    /// endpoint declared `response = Redirect` gets the redirect as its answer:
    /// [`Redirect`](crate::Redirect).)
    Redirect {
        /// Where the redirect pointed (its `Location` header), when it said.
        location: Option<String>,
    },
    /// A list page pointed to its next page on another host or scheme than the endpoint's
    /// product: the link was not followed, and nothing (no credentials above all) was sent
    /// there. Links on the product's Twilio host, or on the origin the client uses for it,
    /// are followed.
    ForeignNextPage {
        /// The link as the page gave it.
        link: String,
    },
    /// A list page pointed back to the page just read, or to one read before it: the stream
    /// ends here instead of looping.
    RepeatedNextPage {
        /// The link (or token) as the page gave it; for a link back to an earlier page, the URL
        /// it led to.
        link: String,
    },
    /// A token page (`meta.next_token`) of a list whose declaration marks no field
    /// `#[twilio(page_token)]`, so the token has nowhere to go.
    PageTokenUndeclared {
        /// The token as the page gave it.
        token: String,
    },
    /// The encoded request is not one [`http::Request`] accepts (only from
    /// [`Client::to_http_request`](crate::Client::to_http_request)).
    HttpRequest(http::Error),
    /// The call's [total budget](crate::RetryPolicy::total_budget) ran out while the request
    /// waited for a slot under the client's concurrency limit
    /// ([`ClientBuilder::max_in_flight`](crate::ClientBuilder::max_in_flight)); that attempt
    /// was not sent.
    Queued {
        /// How long the attempt waited.
        waited: std::time::Duration,
    },
    /// The endpoint needs an OAuth2 bearer token (`auth = oauth2`) and the client has no OAuth2
    /// credentials: set [`ClientBuilder::oauth2_client_credentials`](crate::ClientBuilder::oauth2_client_credentials).
    /// Nothing was sent.
    NoOAuth2Credentials,
    /// No OAuth2 access token could be had from Twilio's token endpoint; the request itself was
    /// not sent. Neither the client secret nor any token is in the message.
    OAuth2Token {
        /// The token endpoint's status, when it answered.
        status: Option<StatusCode>,
        /// What was wrong: unreachable, a refusal (with the start of its body) or an answer
        /// without a token.
        message: String,
    },
}

/// Why a success body did not decode: where in the JSON (`calls[0].date_created`) and what.
///
/// The message is serde_json's, with any copy of the client's secret replaced by `***`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
}

impl DecodeError {
    pub(crate) fn new(path: String, message: String) -> DecodeError {
        DecodeError { path, message }
    }

    /// The path of the value that did not decode, such as `calls[0].date_created`; `.` for
    /// the whole body.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong with it, in serde_json's words (with its line and column).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path == "." {
            f.write_str(&self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

impl Error {
    fn new(kind: ErrorKind, endpoint: Option<EndpointName>, status: Option<StatusCode>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                endpoint,
                status,
                attempts: 0,
                unrepeatable: false,
            }),
        }
    }

    /// A request whose values break Twilio's rules: nothing was sent.
    pub(crate) fn validation(endpoint: EndpointName, problems: Vec<Problem>) -> Error {
        Error::new(ErrorKind::Validation(problems), Some(endpoint), None)
    }

    /// A failure of the exchange with the server: an answer (`status`) or a transport error.
    pub(crate) fn exchange(
        endpoint: EndpointName,
        status: Option<StatusCode>,
        kind: ErrorKind,
    ) -> Error {
        Error::new(kind, Some(endpoint), status)
    }

    /// What went wrong, to match on.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// What went wrong, owned.
    pub fn into_kind(self) -> ErrorKind {
        self.inner.kind
    }

    /// The endpoint the request was for, when there was a request.
    pub fn endpoint(&self) -> Option<&EndpointName> {
        self.inner.endpoint.as_ref()
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// How many times the request was sent: 0 when it was not (an [`ErrorKind::Config`] or
    /// [`ErrorKind::Validation`] error), 1 when it was not retried.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// Records how many attempts the call made.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Error {
        self.inner.attempts = attempts;
        self
    }

    /// Whether another attempt may succeed and is safe, as the client's retry table says
    /// (see [`RetryPolicy`](crate::RetryPolicy)):
    ///
    /// - failures Twilio certainly did not process (a `429`, a connection refused or not
    ///   opened, a wait for a slot that outlasted the budget): `true` for every request;
    /// - failures after which Twilio may have acted (`500`, `502`, `503`, `504`, a timeout, a
    ///   connection lost after the request was written): `true` only for a request that is
    ///   safe to send twice (`GET`, `DELETE`, a non-empty `IdempotencyKey`, or a client that
    ///   opted in with [`RetryPolicy::retry_non_idempotent`](crate::RetryPolicy::retry_non_idempotent));
    /// - anything else: `false`.
    ///
    /// It agrees with what `send` did: a `true` after `send` returned means the attempts or
    /// the time budget ran out; a `false` on a failure that may pass means the request was not
    /// safe to repeat.
    pub fn is_retryable(&self) -> bool {
        match crate::client::failure_class(self) {
            crate::client::FailureClass::NotProcessed => true,
            crate::client::FailureClass::MayHaveActed => !self.inner.unrepeatable,
            crate::client::FailureClass::Final => false,
        }
    }

    /// Records that the client judged the request unsafe to send twice.
    pub(crate) fn unrepeatable(mut self, unrepeatable: bool) -> Error {
        self.inner.unrepeatable = unrepeatable;
        self
    }

    /// The problems of an [`ErrorKind::Validation`], empty for other errors.
    pub fn problems(&self) -> &[Problem] {
        match self.kind() {
            ErrorKind::Validation(problems) => problems,
            _ => &[],
        }
    }

    /// Twilio's error body, for an [`ErrorKind::Api`].
    pub fn twilio_error(&self) -> Option<&TwilioError> {
        match self.kind() {
            ErrorKind::Api(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Error {
        Error::new(ErrorKind::Config(error), None, None)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("endpoint", &self.inner.endpoint)
            .field("status", &self.inner.status)
            .field("attempts", &self.inner.attempts)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(endpoint) = self.endpoint() {
            write!(f, "{endpoint}: ")?;
        }
        self.fmt_cause(f)?;
        match self.attempts() {
            0 | 1 => Ok(()),
            n => write!(f, " (after {n} attempts)"),
        }
    }
}

impl Error {
    /// What went wrong, without the endpoint and the attempt count.
    fn fmt_cause(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status().map_or_else(String::new, |s| s.to_string());
        match self.kind() {
            ErrorKind::Config(config) => write!(f, "{config}"),
            ErrorKind::Validation(problems) => {
                f.write_str("invalid request: ")?;
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{problem}")?;
                }
                Ok(())
            }
            ErrorKind::Api(error) => {
                write!(f, "Twilio answered {status}")?;
                if let Some(code) = error.code {
                    write!(f, ", error {code}")?;
                }
                write!(f, ": {}", error.message)?;
                if let Some(more_info) = &error.more_info {
                    write!(f, " ({more_info})")?;
                }
                Ok(())
            }
            ErrorKind::Status { body } => write!(f, "the server answered {status}: {body:?}"),
            ErrorKind::Decode { source, excerpt } => write!(
                f,
                "could not decode the {status} response ({source}): {excerpt:?}"
            ),
            ErrorKind::BodyTooLarge { limit } => write!(
                f,
                "the {status} response body is larger than the limit of {limit} bytes"
            ),
            ErrorKind::Transport(source) => write!(f, "transport error: {source}"),
            ErrorKind::Queued { waited } => write!(
                f,
                "the time budget ran out after {} ms waiting for a slot under the concurrency \
                 limit; not sent",
                waited.as_millis()
            ),
            ErrorKind::Redirect { location } => {
                write!(f, "the server answered {status}, a redirect")?;
                match location {
                    Some(location) => write!(f, " to {location:?}")?,
                    None => f.write_str(" without a Location")?,
                }
                f.write_str(", which is not followed")
            }
            ErrorKind::ForeignNextPage { link } => write!(
                f,
                "the next page is on another host ({link:?}): not followed, nothing sent there"
            ),
            ErrorKind::RepeatedNextPage { link } => write!(
                f,
                "the next page ({link:?}) was read already: stopped instead of looping"
            ),
            ErrorKind::PageTokenUndeclared { token } => write!(
                f,
                "the page gives a next token ({token:?}) but no field is marked \
                 `#[twilio(page_token)]` to send it in"
            ),
            ErrorKind::HttpRequest(source) => {
                write!(
                    f,
                    "the encoded request is not a valid http::Request: {source}"
                )
            }
            ErrorKind::NoOAuth2Credentials => f.write_str(
                "the endpoint needs an OAuth2 bearer token and the client has no OAuth2 \
                 credentials (set `oauth2_client_credentials`)",
            ),
            ErrorKind::OAuth2Token { status, message } => {
                f.write_str("no OAuth2 access token")?;
                if let Some(status) = status {
                    write!(f, " (the token endpoint answered {status})")?;
                }
                write!(f, ": {message}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.kind() {
            ErrorKind::Config(source) => Some(source),
            ErrorKind::Decode { source, .. } => Some(source),
            ErrorKind::Transport(source) => Some(source),
            ErrorKind::HttpRequest(source) => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint() -> EndpointName {
        EndpointName {
            method: Method::POST,
            path_template: "/v1/Things.json",
        }
    }

    #[test]
    fn an_error_is_one_pointer_send_sync_and_static() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Error>();
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn the_shared_fields_are_said_once_in_display() {
        let error = Error::exchange(
            endpoint(),
            Some(StatusCode::SERVICE_UNAVAILABLE),
            ErrorKind::Status {
                body: "busy".into(),
            },
        )
        .with_attempts(3);
        assert_eq!(
            error.to_string(),
            "POST /v1/Things.json: the server answered 503 Service Unavailable: \"busy\" \
             (after 3 attempts)"
        );
        assert!(error.is_retryable());
        assert_eq!(error.endpoint(), Some(&endpoint()));
        assert!(error.problems().is_empty() && error.twilio_error().is_none());
        let foreign = Error::exchange(
            endpoint(),
            None,
            ErrorKind::ForeignNextPage {
                link: "https://evil.example/x".into(),
            },
        );
        assert_eq!(
            foreign.to_string(),
            "POST /v1/Things.json: the next page is on another host (\"https://evil.example/x\"): \
             not followed, nothing sent there"
        );
        assert!(!foreign.is_retryable());
        let repeated = Error::exchange(
            endpoint(),
            None,
            ErrorKind::RepeatedNextPage {
                link: "/x?Page=1".into(),
            },
        );
        assert!(repeated
            .to_string()
            .ends_with("was read already: stopped instead of looping"));
        assert!(!repeated.is_retryable());
        let validation = Error::validation(endpoint(), Vec::new());
        assert_eq!(validation.attempts(), 0);
        assert!(!validation.is_retryable());
        assert!(matches!(validation.into_kind(), ErrorKind::Validation(p) if p.is_empty()));
    }
}
