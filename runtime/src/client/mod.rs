//! The client: one pooled HTTP client with its credentials and origins, sending requests as
//! the retry policy says.
//!
//! Each concern has its file: [`config`] (the builder and every problem with its settings),
//! [`auth`] (the secret type and the `Authorization` header), [`origin`] (where requests go),
//! [`transport`] (one attempt), [`response`] (decoding the answer), [`retry`] (the whole
//! retry decision) and [`paging`] (following a list's pages). This file holds the [`Client`] and its loop.

mod auth;
mod config;
mod limiter;
mod oauth2;
mod origin;
mod paging;
mod response;
mod retry;
mod transport;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::AUTHORIZATION;
use http::StatusCode;
use tracing::field::Empty;
use tracing::Instrument as _;

use crate::endpoint::{EncodedRequest, Endpoint};
use crate::error::{EndpointName, Error, ErrorKind};
use crate::parameter::AuthScheme;

pub use config::{
    ClientBuilder, ConfigError, ConfigProblem, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
};
pub use limiter::{
    Acquire, InProcessLimiter, LimitKey, Limiter, LimiterSnapshot, Permit, Signal,
    DEFAULT_MAX_IN_FLIGHT, INITIAL_LIMIT,
};
pub use paging::{Items, Pages};
pub use retry::RetryPolicy;
pub(crate) use retry::{failure_class, FailureClass};

use oauth2::{OAuth2, TokenEndpoint, TokenFailure};
use origin::Origins;
use response::decode_success;
use retry::{Next, Retries};
use transport::{Prepared, Transport};

/// How one request authenticates.
#[derive(Clone, Copy)]
enum Auth<'a> {
    /// The Basic header, the same on every attempt.
    Basic(&'a http::HeaderValue),
    /// An OAuth2 bearer token, fetched or refreshed as needed before an attempt.
    Bearer(&'a OAuth2),
}

/// Sends requests to Twilio.
///
/// Cheap to clone (an [`Arc`] inside), `Send + Sync`, and backed by one pooled
/// [`reqwest::Client`]. Its `Debug` output never shows the auth token or API secret.
///
/// [`Client::send`] retries what is safe to retry ([`RetryPolicy`]), bounds every attempt and
/// the whole call in time, follows no redirect, reads at most
/// [`ClientBuilder::max_response_bytes`] of a body, and traces each call and attempt with
/// [`tracing`](https://docs.rs/tracing) spans that never hold a secret or a value.
///
/// ```
/// use twilio_endpoint::Client;
///
/// let client = Client::builder()
///     .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .auth_token("your_auth_token")
///     .build()?;
/// assert_eq!(client.account_sid(), "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
/// # Ok::<(), twilio_endpoint::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// What clones of a [`Client`] share.
#[derive(Debug)]
struct Inner {
    account_sid: String,
    origins: Origins,
    transport: Transport,
    retry: RetryPolicy,
    /// Flow control every attempt passes.
    limiter: Arc<dyn Limiter>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("account_sid", &inner.account_sid)
            .field("origins", &inner.origins)
            .field("transport", &inner.transport)
            .field("retry", &inner.retry)
            .finish()
    }
}

impl Client {
    /// A client for `account_sid`, authenticating with its auth token.
    pub fn new(
        account_sid: impl Into<String>,
        auth_token: impl Into<String>,
    ) -> Result<Client, Error> {
        Client::builder()
            .account_sid(account_sid)
            .auth_token(auth_token)
            .build()
    }

    /// A client configured from the environment, as Twilio's helper libraries read it:
    /// `TWILIO_ACCOUNT_SID`, then `TWILIO_AUTH_TOKEN` or `TWILIO_API_KEY` with
    /// `TWILIO_API_SECRET`, and optionally `TWILIO_REGION` and `TWILIO_EDGE`.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env_vars(|name| std::env::var(name).ok()).build()
    }

    /// A builder for every setting.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The account requests are made for; it fills any `<AccountSid>` left empty. Empty for a
    /// client with OAuth2 credentials only and no account SID.
    pub fn account_sid(&self) -> &str {
        &self.inner.account_sid
    }

    /// The URL origin requests to `host` go to (`https://api.twilio.com`).
    pub fn origin(&self, host: &str) -> String {
        self.inner.origins.text(host)
    }

    /// When and how often requests are sent again.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The limiter's state for requests to the product `host` (`api`), once one was sent.
    pub fn limiter_snapshot(&self, host: &str) -> Option<LimiterSnapshot> {
        self.inner.limiter.snapshot(LimitKey {
            account: &self.inner.account_sid,
            host,
        })
    }

    /// The request's full URL (its host's parsed origin joined with the encoded path and
    /// query) and its body, validated.
    fn url_and_encoded<E: Endpoint>(
        &self,
        endpoint: &E,
    ) -> Result<(reqwest::Url, EncodedRequest), Error> {
        let relative = endpoint.encode(&self.inner.account_sid)?;
        let url = self
            .inner
            .origins
            .join(E::HOST, &relative.url)
            .map_err(|problem| Error::from(ConfigError::new(vec![problem])))?;
        Ok((url, relative))
    }

    /// The request as an [`http::Request`] with every header this client sends (authorization
    /// included); nothing is sent. For users who bring their own transport.
    ///
    /// A request authenticated with OAuth2 carries the client's cached bearer token, if it has
    /// one (tokens are fetched by [`Client::send`] only), and no `Authorization` otherwise.
    ///
    /// ```
    /// use twilio_endpoint::payments::UpdatePayments;
    /// use twilio_endpoint::Client;
    ///
    /// let client = Client::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "your_auth_token")?;
    /// let request = UpdatePayments::builder()
    ///     .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    ///     .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    ///     .idempotency_key("k1")
    ///     .status_callback("https://example.com/payments")
    ///     .status(twilio_endpoint::payments::PaymentStatus::Complete)
    ///     .build();
    /// let http = client.to_http_request(&request)?;
    /// assert_eq!(http.uri().host(), Some("api.twilio.com"));
    /// assert!(http.headers().contains_key("authorization"));
    /// # Ok::<(), twilio_endpoint::Error>(())
    /// ```
    pub fn to_http_request<E: Endpoint>(
        &self,
        endpoint: &E,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let (url, encoded) = self.url_and_encoded(endpoint)?;
        let auth = self.auth(E::AUTH, E::endpoint_name())?;
        let body = encoded.body;
        let mut builder = http::Request::builder().method(E::METHOD).uri(url.as_str());
        let authorization = match auth {
            Auth::Basic(header) => Some(header.clone()),
            Auth::Bearer(oauth2) => oauth2.cached(),
        };
        let headers = (self.inner.transport).headers(encoded.content_type, encoded.headers);
        for (name, value) in headers
            .iter()
            .chain(authorization.iter().map(|v| (&AUTHORIZATION, v)))
        {
            builder = builder.header(name, value);
        }
        builder
            .body(body.map(String::into_bytes).unwrap_or_default())
            .map_err(|e| Error::exchange(E::endpoint_name(), None, ErrorKind::HttpRequest(e)))
    }

    /// Sends a request and decodes Twilio's answer.
    ///
    /// Values are validated and the request encoded once, first: a request that breaks a rule
    /// is never sent, and every attempt sends the same bytes. Failures that may pass are retried
    /// as the client's [`RetryPolicy`] says, for requests that are safe to send twice.
    ///
    /// Traced as a `twilio.request` span (`method`, `path_template`, then `attempts` and
    /// `status`) holding one `twilio.attempt` span per attempt (`attempt`, `delay_ms` waited
    /// before it, `status`, or `error` as a kind such as `timeout`).
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, Error> {
        let (url, encoded) = self.url_and_encoded(endpoint)?;
        let auth = self.auth(E::AUTH, E::endpoint_name())?;
        let span = tracing::info_span!(
            "twilio.request",
            method = %E::METHOD,
            path_template = E::PATH_TEMPLATE,
            attempts = Empty,
            status = Empty,
        );
        let body = encoded.body.map(Bytes::from);
        let retries = Retries::start(
            &self.inner.retry,
            &E::METHOD,
            encoded.carries_idempotency_key,
        );
        let headers = (self.inner.transport).headers(encoded.content_type, encoded.headers);
        let request = Prepared::new(E::endpoint_name(), E::METHOD, url, headers, body);
        let key = LimitKey {
            account: &self.inner.account_sid,
            host: E::HOST,
        };
        let (status, body, attempts) = match self
            .exchange(&request, &retries, auth, key)
            .instrument(span)
            .await
        {
            Ok(answer) => answer,
            // An endpoint declared `response = Redirect` takes the redirect as its answer.
            Err(error) => return crate::redirect::as_answer(&error).ok_or(error),
        };
        let redactor = self.inner.transport.redactor();
        decode_success::<E::Response>(request.name, status, &body, redactor)
            .map_err(|error| error.with_attempts(attempts))
    }

    /// Sends `request` until it succeeds, fails for good, or the retries say stop: the status,
    /// body and attempt count of a `2xx` answer, or the last error.
    async fn exchange(
        &self,
        request: &Prepared,
        retries: &Retries<'_>,
        auth: Auth<'_>,
        key: LimitKey<'_>,
    ) -> Result<(StatusCode, Bytes, u32), Error> {
        let transport = &self.inner.transport;
        // The call's span gets the outcome once, at the end.
        let call = tracing::Span::current();
        let finish = |attempts: u32, status: Option<StatusCode>| {
            call.record("attempts", attempts);
            if let Some(status) = status {
                call.record("status", status.as_u16());
            }
        };
        let mut delay = Duration::ZERO;
        let mut attempt = 1;
        // A bearer token refused with 401 is replaced once, and the request sent again.
        let mut refused: Option<http::HeaderValue> = None;
        let mut token_renewed = false;
        loop {
            let authorization = match auth {
                Auth::Basic(header) => header.clone(),
                Auth::Bearer(oauth2) => match self.bearer(oauth2, refused.as_ref()).await {
                    Ok(header) => header,
                    Err(failure) => {
                        finish(attempt - 1, None);
                        return Err(
                            token_error(request.name.clone(), failure).with_attempts(attempt - 1)
                        );
                    }
                },
            };
            let span = tracing::debug_span!(
                "twilio.attempt",
                attempt,
                delay_ms = millis(delay),
                status = Empty,
                error = Empty,
            );
            // Flow control: a free slot at once, or wait for one within what is left of the
            // budget.
            let permit = match self.inner.limiter.try_acquire(key) {
                Some(permit) => permit,
                None => match self.queue(retries, key).await {
                    Ok(permit) => permit,
                    Err(waited) => {
                        finish(attempt - 1, None);
                        let error = Error::exchange(
                            request.name.clone(),
                            None,
                            ErrorKind::Queued { waited },
                        );
                        return Err(error.with_attempts(attempt - 1));
                    }
                },
            };
            let timeout = retries.attempt_timeout(transport.timeout());
            let (result, hints) = transport
                .attempt(request, Some(&authorization), timeout)
                .instrument(span.clone())
                .await;
            let signal = match &result {
                Err(error) if error.status() == Some(StatusCode::TOO_MANY_REQUESTS) => {
                    Signal::Refused {
                        concurrent: hints.concurrent,
                    }
                }
                Err(error) if error.status().is_none() => Signal::Failed,
                _ => Signal::Accepted {
                    concurrent: hints.concurrent,
                },
            };
            permit.finish(signal);
            let retry_after = hints.retry_after;
            let error = match result {
                Ok((status, body)) => {
                    finish(attempt, Some(status));
                    return Ok((status, body, attempt));
                }
                Err(error) => error
                    .with_attempts(attempt)
                    .unrepeatable(!retries.repeats()),
            };
            if matches!(auth, Auth::Bearer(_))
                && error.status() == Some(StatusCode::UNAUTHORIZED)
                && !token_renewed
            {
                span.in_scope(|| tracing::info!("bearer token refused: fetching another"));
                token_renewed = true;
                refused = Some(authorization);
                attempt += 1;
                delay = Duration::ZERO;
                continue;
            }
            match retries.after(attempt, &error, retry_after) {
                Next::Retry(wait) => {
                    span.in_scope(|| tracing::info!(delay_ms = millis(wait), "retrying"));
                    tokio::time::sleep(wait).await;
                    delay = wait;
                    attempt += 1;
                }
                next => {
                    if let Next::PastBudget(wait) = next {
                        span.in_scope(|| {
                            tracing::info!(delay_ms = millis(wait), "not retrying: past the budget")
                        });
                    }
                    finish(attempt, error.status());
                    return Err(error);
                }
            }
        }
    }
}

impl Client {
    /// Waits for a slot of the limiter within what is left of the call's budget; when the
    /// budget runs out first, how long it waited.
    async fn queue(
        &self,
        retries: &Retries<'_>,
        key: LimitKey<'_>,
    ) -> Result<Box<dyn Permit>, Duration> {
        let queued_at = std::time::Instant::now();
        let acquire = self.inner.limiter.acquire(key);
        match retries.left() {
            None => Ok(acquire.await),
            Some(left) => tokio::time::timeout(left, acquire)
                .await
                .map_err(|_| queued_at.elapsed()),
        }
    }

    /// How requests of an endpoint with `scheme` authenticate: Basic when the client has Basic
    /// credentials and the endpoint does not need OAuth2, the bearer token otherwise.
    fn auth(&self, scheme: AuthScheme, name: EndpointName) -> Result<Auth<'_>, Error> {
        let credentials = self.inner.transport.credentials();
        match (scheme, &credentials.basic, &credentials.oauth2) {
            (AuthScheme::Basic, Some(basic), _) => Ok(Auth::Basic(&basic.authorization)),
            (_, _, Some(oauth2)) => Ok(Auth::Bearer(oauth2)),
            _ => Err(Error::exchange(name, None, ErrorKind::NoOAuth2Credentials)),
        }
    }

    /// A bearer token's `Authorization` header, from the cache or the token endpoint.
    async fn bearer(
        &self,
        oauth2: &OAuth2,
        refused: Option<&http::HeaderValue>,
    ) -> Result<http::HeaderValue, TokenFailure> {
        let transport = &self.inner.transport;
        let url = self
            .inner
            .origins
            .join(oauth2::TOKEN_HOST, oauth2::TOKEN_PATH)
            .map_err(|problem| TokenFailure {
                status: None,
                message: problem.to_string(),
            })?;
        let endpoint = TokenEndpoint {
            http: transport.http(),
            url,
            timeout: transport.timeout(),
            user_agent: transport.user_agent(),
            redactor: transport.redactor(),
        };
        oauth2.authorization(&endpoint, refused).await
    }
}

/// The error for a request that got no token.
fn token_error(name: EndpointName, failure: TokenFailure) -> Error {
    let TokenFailure { status, message } = failure;
    Error::exchange(name, None, ErrorKind::OAuth2Token { status, message })
}

/// A duration in whole milliseconds, for traces.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payments::{Capture, UpdatePayments};

    #[test]
    fn the_join_gives_the_origin_followed_by_the_encoded_path() {
        let request = UpdatePayments::builder()
            .call_sid("CA0123456789abcdef0123456789abcdef")
            .sid("PK0123456789abcdef0123456789abcdef")
            .idempotency_key("k 1/ü")
            .status_callback("https://example.com/cb?x=1")
            .capture(Capture::SecurityCode)
            .build();
        let builder = || {
            Client::builder()
                .account_sid("AC0123456789abcdef0123456789abcdef")
                .auth_token("token")
        };
        for client in [
            builder().build().unwrap(),
            builder().edge("sydney").region("au1").build().unwrap(),
            builder()
                .base_url("http://127.0.0.1:4010/prefix/")
                .build()
                .unwrap(),
        ] {
            let relative = request.encode(client.account_sid()).unwrap().url;
            let text = format!("{}{relative}", client.origin("api"));
            let (joined, _) = client.url_and_encoded(&request).unwrap();
            assert_eq!(reqwest::Url::parse(&text).unwrap(), joined, "{text}");
        }
    }
}
