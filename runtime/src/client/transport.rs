//! Sending one attempt: the headers every request carries, a request prepared once and built
//! afresh for each attempt, and the answer read within the size limit.

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, USER_AGENT};
use http::{HeaderMap, Method, StatusCode};
use reqwest::Url;

use super::auth::{Credentials, Redactor};
use super::limiter::twilio_concurrent;
use super::response::status_error;
use super::retry::retry_after;
use crate::error::{EndpointName, Error, ErrorKind};

const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// The pooled HTTP client with what every attempt needs: credentials, user agent, limits.
pub(crate) struct Transport {
    http: reqwest::Client,
    credentials: Credentials,
    user_agent: HeaderValue,
    /// The time allowed for one attempt.
    timeout: Duration,
    max_response_bytes: usize,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// An attempt's outcome: the status and body of a `2xx` answer, or an error; and what the
/// answer's headers say about load.
pub(crate) type Outcome = (Result<(StatusCode, Bytes), Error>, Hints);

/// What an answer's headers say about load, for the retry decision and the limiter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Hints {
    /// The wait `Retry-After` asks for (error answers only).
    pub(crate) retry_after: Option<Duration>,
    /// `Twilio-Concurrent-Requests`: the account's requests in flight at Twilio.
    pub(crate) concurrent: Option<u32>,
}

impl Transport {
    pub(crate) fn new(
        http: reqwest::Client,
        credentials: Credentials,
        timeout: Duration,
        max_response_bytes: usize,
    ) -> Transport {
        Transport {
            http,
            credentials,
            user_agent: HeaderValue::try_from(user_agent())
                .expect("the user agent is ASCII without control characters"),
            timeout,
            max_response_bytes,
        }
    }

    /// The user name of the Basic credentials: the account SID or an API key SID.
    #[cfg(test)]
    pub(crate) fn username(&self) -> &str {
        self.credentials
            .basic
            .as_ref()
            .map_or("", |basic| basic.username.as_str())
    }

    /// The time allowed for one attempt.
    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Takes the secret out of text from the server.
    pub(crate) fn redactor(&self) -> &Redactor {
        &self.credentials.redactor
    }

    /// The headers of a request but its `Authorization`: the header parameters, then what
    /// Twilio's helper libraries send (`Accept`, the body's `Content-Type`, `User-Agent`), which
    /// no parameter can replace.
    pub(crate) fn headers(
        &self,
        content_type: Option<&'static str>,
        parameters: HeaderMap,
    ) -> HeaderMap {
        let mut headers = parameters;
        headers.insert(ACCEPT, JSON);
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        headers.insert(USER_AGENT, self.user_agent.clone());
        headers
    }

    /// The credentials: Basic, OAuth2 or both.
    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The `User-Agent` header.
    pub(crate) fn user_agent(&self) -> &HeaderValue {
        &self.user_agent
    }

    /// The pooled HTTP client (the token endpoint is reached through it too).
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// One attempt of `request`, within `timeout`.
    ///
    /// Records the answer's `status`, or the `error` kind, on the current (attempt) span.
    pub(crate) async fn attempt(
        &self,
        request: &Prepared,
        authorization: Option<&HeaderValue>,
        timeout: Duration,
    ) -> Outcome {
        let span = tracing::Span::current();
        let failed = |kind: &'static str, error: Error| {
            span.record("error", kind);
            (Err(error), Hints::default())
        };
        let mut response = match self
            .http
            .execute(request.build(authorization, timeout))
            .await
        {
            Ok(response) => response,
            Err(source) => return failed(transport_kind(&source), request.transport(source)),
        };
        let status = response.status();
        span.record("status", status.as_u16());
        let answered = |kind| Error::exchange(request.name.clone(), Some(status), kind);
        if status.is_redirection() {
            let location = response.headers().get(LOCATION).map(|value| {
                self.redactor()
                    .redact(&String::from_utf8_lossy(value.as_bytes()))
            });
            return failed("redirect", answered(ErrorKind::Redirect { location }));
        }
        // `Retry-After` matters only to a retry, so it is read only from an error answer.
        let hints = Hints {
            retry_after: (!status.is_success())
                .then(|| retry_after(response.headers(), SystemTime::now()))
                .flatten(),
            concurrent: twilio_concurrent(response.headers()),
        };
        let body = match read_body(&mut response, self.max_response_bytes).await {
            Ok(body) => body,
            Err(ReadError::TooLarge) => {
                let limit = self.max_response_bytes;
                span.record("error", "body too large");
                return (Err(answered(ErrorKind::BodyTooLarge { limit })), hints);
            }
            Err(ReadError::Transport(source)) => {
                return failed(transport_kind(&source), request.transport(source))
            }
        };
        if status.is_success() {
            (Ok((status, body)), hints)
        } else {
            let error = status_error(request.name.clone(), status, &body, self.redactor());
            (Err(error), hints)
        }
    }
}

/// A request encoded once, sent as many times as the policy allows: every attempt is built
/// from the same URL, headers and body bytes.
pub(crate) struct Prepared {
    pub(crate) name: EndpointName,
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Bytes>,
}

impl Prepared {
    pub(crate) fn new(
        name: EndpointName,
        method: Method,
        url: Url,
        headers: HeaderMap,
        body: Option<Bytes>,
    ) -> Prepared {
        Prepared {
            name,
            method,
            url,
            headers,
            body,
        }
    }

    /// A fresh request for one attempt: the same bytes every time (cloning `Bytes` copies none).
    fn build(&self, authorization: Option<&HeaderValue>, timeout: Duration) -> reqwest::Request {
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        let headers = request.headers_mut();
        // Room for `Authorization` at once: a clone of the prepared headers is full, and
        // growing it would rehash every header.
        headers.reserve(self.headers.len() + 1);
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        if let Some(authorization) = authorization {
            headers.insert(AUTHORIZATION, authorization.clone());
        }
        *request.body_mut() = self.body.clone().map(reqwest::Body::from);
        *request.timeout_mut() = Some(timeout);
        request
    }

    /// A transport error naming the origin, not the path and query, which hold values.
    fn transport(&self, source: reqwest::Error) -> Error {
        // The scheme, host and port only, made when an error needs them.
        let mut origin = self.url.clone();
        origin.set_path("");
        origin.set_query(None);
        let source = source.with_url(origin);
        Error::exchange(self.name.clone(), None, ErrorKind::Transport(source))
    }
}

/// What kind of transport failure, for traces: never the error's text, which holds the URL.
fn transport_kind(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else if error.is_body() {
        "body"
    } else {
        "transport"
    }
}

/// Why a body could not be read.
enum ReadError {
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads a body up to `limit` bytes.
async fn read_body(response: &mut reqwest::Response, limit: usize) -> Result<Bytes, ReadError> {
    let expected = response.content_length().unwrap_or(0);
    if expected > limit as u64 {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::with_capacity(expected as usize);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.into())
}

/// `twilio-endpoint/<version> (<os> <arch>) Rust`, as Twilio's helper libraries introduce
/// themselves (`twilio-python/9.13.0 (Linux x86_64) Python/3.11.7`).
fn user_agent() -> String {
    let os = std::env::consts::OS;
    let mut chars = os.chars();
    let os: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    format!(
        "twilio-endpoint/{} ({os} {}) Rust",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::ARCH
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_the_crate() {
        let ua = user_agent();
        let expected = format!("twilio-endpoint/{} (", env!("CARGO_PKG_VERSION"));
        assert!(ua.starts_with(&expected), "{ua}");
        assert!(
            ua.ends_with(&format!(" {}) Rust", std::env::consts::ARCH)),
            "{ua}"
        );
    }
}
