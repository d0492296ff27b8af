//! The client: credentials, where requests go, and one pooled HTTP client.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use base64::Engine as _;
use bytes::Bytes;
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, USER_AGENT};
use http::{HeaderMap, Method, StatusCode};
use tracing::field::Empty;
use tracing::Instrument as _;

use crate::endpoint::{encode_with_origin, EncodedRequest, Endpoint};
use crate::error::{excerpt, EndpointName, Error, Redactor, TwilioError};
use crate::retry::{self, RetryPolicy};

const FORM: HeaderValue = HeaderValue::from_static("application/x-www-form-urlencoded");
const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// The largest response body read by default (16 MiB); see [`ClientBuilder::max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

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

struct Inner {
    http: reqwest::Client,
    account_sid: String,
    /// The user name of the Basic credentials: the account SID or an API key SID.
    username: String,
    /// `Basic …`, marked sensitive so that `http` never shows it.
    authorization: HeaderValue,
    user_agent: HeaderValue,
    origin: Origin,
    timeout: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    /// Takes the secret out of text from the server before it goes into an error.
    redactor: Redactor,
    /// The origin of `api` requests, as text and parsed once, when it has no path prefix:
    /// a request's URL then only needs its path and query set, not a whole parse.
    api_origin: Option<(String, reqwest::Url)>,
}

/// Where requests go.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
    /// `https://{host}{suffix}`, the suffix being `.twilio.com` or `.{edge}.{region}.twilio.com`.
    Twilio { suffix: String },
    /// Every request to this origin (and path prefix), whatever the endpoint's host.
    Custom(String),
}

impl Origin {
    fn write(&self, host: &str, url: &mut String) {
        match self {
            Origin::Twilio { suffix } => {
                url.push_str("https://");
                url.push_str(host);
                url.push_str(suffix);
            }
            Origin::Custom(base) => url.push_str(base),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("account_sid", &inner.account_sid)
            .field("username", &inner.username)
            .field("secret", &"***")
            .field("origin", &inner.origin)
            .field("timeout", &inner.timeout)
            .field("max_response_bytes", &inner.max_response_bytes)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
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

    /// The account requests are made for; it fills any `<AccountSid>` left empty.
    pub fn account_sid(&self) -> &str {
        &self.inner.account_sid
    }

    /// The URL origin requests to `host` go to (`https://api.twilio.com`).
    pub fn origin(&self, host: &str) -> String {
        let mut url = String::new();
        self.inner.origin.write(host, &mut url);
        url
    }

    /// Validates and encodes a request with its full URL, without sending it.
    pub fn encode<E: Endpoint>(&self, endpoint: &E) -> Result<EncodedRequest, Error> {
        // The origin is written straight into the URL's buffer: one allocation fewer.
        let origin = |url: &mut String| self.inner.origin.write(E::HOST, url);
        encode_with_origin(endpoint, &self.inner.account_sid, origin)
    }

    /// The request as an [`http::Request`] with every header this client sends; nothing is sent.
    pub fn to_http_request<E: Endpoint>(
        &self,
        endpoint: &E,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let encoded = self.encode(endpoint)?;
        let mut builder = http::Request::builder()
            .method(encoded.method)
            .uri(encoded.url.as_str());
        for (name, value) in self.headers(encoded.body.is_some()) {
            builder = builder.header(name, value);
        }
        builder
            .body(encoded.body.map(String::into_bytes).unwrap_or_default())
            .map_err(|e| Error::Config(format!("the encoded URL is not a valid URI: {e}")))
    }

    /// Parses an encoded URL, reusing the parsed `api` origin when the URL starts with it.
    fn parse_url(&self, text: &str) -> Result<reqwest::Url, url::ParseError> {
        let Some((origin, parsed)) = &self.inner.api_origin else {
            return reqwest::Url::parse(text);
        };
        match text.strip_prefix(origin.as_str()) {
            Some(rest) if rest.starts_with('/') => {
                let (path, query) = match rest.split_once('?') {
                    Some((path, query)) => (path, Some(query)),
                    None => (rest, None),
                };
                let mut url = parsed.clone();
                url.set_path(path);
                url.set_query(query);
                Ok(url)
            }
            _ => reqwest::Url::parse(text),
        }
    }

    /// The headers of every request: what Twilio's helper libraries send.
    fn headers(&self, has_body: bool) -> impl Iterator<Item = (http::HeaderName, HeaderValue)> {
        let inner = &self.inner;
        [
            Some((ACCEPT, JSON)),
            has_body.then_some((CONTENT_TYPE, FORM)),
            Some((AUTHORIZATION, inner.authorization.clone())),
            Some((USER_AGENT, inner.user_agent.clone())),
        ]
        .into_iter()
        .flatten()
    }

    /// When and how often requests are sent again.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
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
        let encoded = self.encode(endpoint)?;
        let span = tracing::info_span!(
            "twilio.request",
            method = %E::METHOD,
            path_template = E::PATH_TEMPLATE,
            attempts = Empty,
            status = Empty,
        );
        let carries_key = encoded.carries_idempotency_key;
        let headers = self.headers(encoded.body.is_some()).collect();
        let url = self.parse_url(&encoded.url).map_err(|e| {
            // The origin was checked at build time: the path and query hold only encoded values.
            Error::Config(format!(
                "the encoded URL for {} does not parse: {e}",
                E::endpoint_name()
            ))
        })?;
        let request = Prepared::new(E::endpoint_name(), url, encoded, headers);
        let repeatable = retry::repeatable(&E::METHOD, carries_key);
        let (status, body, attempts) = self.exchange(&request, repeatable).instrument(span).await?;
        decode_success::<E::Response>(request.name, status, &body, &self.inner.redactor).map_err(
            |mut error| {
                error.set_attempts(attempts);
                error
            },
        )
    }

    /// Sends `request` until it succeeds, fails for good, or the policy or budget says stop:
    /// the status, body and attempt count of a `2xx` answer, or the last error.
    async fn exchange(
        &self,
        request: &Prepared,
        repeatable: bool,
    ) -> Result<(StatusCode, Bytes, u32), Error> {
        let policy = &self.inner.retry;
        let max_attempts = policy.attempts_for(repeatable);
        let deadline = Instant::now().checked_add(policy.budget());
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
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let timeout = left.map_or(self.inner.timeout, |left| left.min(self.inner.timeout));
            let span = tracing::debug_span!(
                "twilio.attempt",
                attempt,
                delay_ms = millis(delay),
                status = Empty,
                error = Empty,
            );
            let (result, retry_after) = self
                .attempt(request, timeout)
                .instrument(span.clone())
                .await;
            let error = match result {
                Ok((status, body)) => {
                    finish(attempt, Some(status));
                    return Ok((status, body, attempt));
                }
                Err(mut error) => {
                    error.set_attempts(attempt);
                    error
                }
            };
            let next = (attempt < max_attempts && error.is_retryable())
                .then(|| policy.delay(attempt, retry_after));
            match next {
                Some(wait) if fits(deadline, wait) => {
                    span.in_scope(|| tracing::info!(delay_ms = millis(wait), "retrying"));
                    tokio::time::sleep(wait).await;
                    delay = wait;
                    attempt += 1;
                }
                _ => {
                    if let Some(wait) = next {
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

    /// One attempt: the status and body of a `2xx` answer, or an error; and the answer's
    /// `Retry-After`, if any.
    async fn attempt(
        &self,
        request: &Prepared,
        timeout: Duration,
    ) -> (Result<(StatusCode, Bytes), Error>, Option<Duration>) {
        let inner = &self.inner;
        let span = tracing::Span::current();
        let failed = |kind: &'static str, error: Error| {
            span.record("error", kind);
            (Err(error), None)
        };
        let mut response = match inner.http.execute(request.build(timeout)).await {
            Ok(response) => response,
            Err(source) => return failed(transport_kind(&source), request.transport(source)),
        };
        let status = response.status();
        span.record("status", status.as_u16());
        if status.is_redirection() {
            let location = response.headers().get(LOCATION).map(|value| {
                inner
                    .redactor
                    .redact(&String::from_utf8_lossy(value.as_bytes()))
            });
            let error = Error::Redirect {
                endpoint: request.name.clone(),
                status,
                location,
                attempts: 0,
            };
            return failed("redirect", error);
        }
        let retry_after = retry::retry_after(response.headers(), SystemTime::now());
        let body = match read_body(&mut response, inner.max_response_bytes).await {
            Ok(body) => body,
            Err(ReadError::TooLarge) => {
                let error = Error::BodyTooLarge {
                    endpoint: request.name.clone(),
                    status,
                    limit: inner.max_response_bytes,
                    attempts: 0,
                };
                return failed("body too large", error);
            }
            Err(ReadError::Transport(source)) => {
                return failed(transport_kind(&source), request.transport(source))
            }
        };
        if status.is_success() {
            (Ok((status, body)), None)
        } else {
            let error = status_error(request.name.clone(), status, &body, &inner.redactor);
            (Err(error), retry_after)
        }
    }
}

/// Whether a wait of `wait` from now ends before `deadline` (`None`: no deadline).
fn fits(deadline: Option<Instant>, wait: Duration) -> bool {
    match deadline {
        None => true,
        Some(deadline) => Instant::now()
            .checked_add(wait)
            .is_some_and(|end| end < deadline),
    }
}

/// A duration in whole milliseconds, for traces.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
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

/// A request encoded once, sent as many times as the policy allows: every attempt is built
/// from the same URL, headers and body bytes.
struct Prepared {
    name: EndpointName,
    method: Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<Bytes>,
}

impl Prepared {
    fn new(
        name: EndpointName,
        url: reqwest::Url,
        encoded: EncodedRequest,
        headers: HeaderMap,
    ) -> Prepared {
        Prepared {
            headers,
            body: encoded.body.map(Bytes::from),
            method: encoded.method,
            name,
            url,
        }
    }

    /// A fresh request for one attempt: the same bytes every time (cloning `Bytes` copies none).
    fn build(&self, timeout: Duration) -> reqwest::Request {
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        *request.headers_mut() = self.headers.clone();
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
        Error::Transport {
            endpoint: self.name.clone(),
            source: source.with_url(origin),
            attempts: 0,
        }
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

/// Decodes a `2xx` body into the response type.
fn decode_success<T: serde::de::DeserializeOwned>(
    endpoint: EndpointName,
    status: StatusCode,
    body: &[u8],
    redactor: &Redactor,
) -> Result<T, Error> {
    // An empty body (204 No Content) decodes as JSON `null`, which `()` accepts.
    let json = if body.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        body
    };
    serde_json::from_slice(json).map_err(|source| Error::Decode {
        endpoint,
        status,
        source,
        excerpt: redactor.excerpt(body),
        attempts: 0,
    })
}

/// The error for a non-`2xx` answer: Twilio's typed error when the body is Twilio's JSON, the
/// status and the start of the text otherwise. Any copy of the secret is redacted first.
fn status_error(
    endpoint: EndpointName,
    status: StatusCode,
    body: &[u8],
    redactor: &Redactor,
) -> Error {
    let text = redactor.redact(&String::from_utf8_lossy(body));
    match serde_json::from_str::<TwilioError>(&text) {
        Ok(error) => Error::Api {
            endpoint,
            status,
            error: Box::new(error),
            attempts: 0,
        },
        Err(_) => Error::Status {
            endpoint,
            status,
            body: excerpt(&text),
            attempts: 0,
        },
    }
}

/// Builds a [`Client`]: credentials, region and edge, base URL, timeouts.
///
/// ```
/// use std::time::Duration;
/// use twilio_endpoint::Client;
///
/// let client = Client::builder()
///     .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .api_key("SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "api_secret")
///     .region("ie1")
///     .edge("dublin")
///     .timeout(Duration::from_secs(10))
///     .build()?;
/// assert_eq!(client.origin("api"), "https://api.dublin.ie1.twilio.com");
/// # Ok::<(), twilio_endpoint::Error>(())
/// ```
#[derive(Default)]
#[must_use]
pub struct ClientBuilder {
    account_sid: Option<String>,
    auth_token: Option<String>,
    api_key: Option<(String, String)>,
    region: Option<String>,
    edge: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    http_client: Option<reqwest::Client>,
    retry: Option<RetryPolicy>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("account_sid", &self.account_sid)
            .field("auth_token", &self.auth_token.as_ref().map(|_| "***"))
            .field(
                "api_key",
                &self.api_key.as_ref().map(|(sid, _)| (sid, "***")),
            )
            .field("region", &self.region)
            .field("edge", &self.edge)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// The default time allowed for one attempt, from connecting to the end of the response.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl ClientBuilder {
    fn from_env_vars(var: impl Fn(&str) -> Option<String>) -> ClientBuilder {
        let var = |name: &str| var(name).filter(|v| !v.is_empty());
        let mut builder = ClientBuilder {
            account_sid: var("TWILIO_ACCOUNT_SID"),
            auth_token: var("TWILIO_AUTH_TOKEN"),
            region: var("TWILIO_REGION"),
            edge: var("TWILIO_EDGE"),
            ..ClientBuilder::default()
        };
        if let (Some(key), Some(secret)) = (var("TWILIO_API_KEY"), var("TWILIO_API_SECRET")) {
            builder = builder.api_key(key, secret);
        }
        builder
    }

    /// The account SID (`AC…`): the account requests are made for.
    pub fn account_sid(mut self, account_sid: impl Into<String>) -> Self {
        self.account_sid = Some(account_sid.into());
        self
    }

    /// Authenticates with the account's auth token.
    pub fn auth_token(mut self, auth_token: impl Into<String>) -> Self {
        self.auth_token = Some(auth_token.into());
        self
    }

    /// Authenticates with an API key SID (`SK…`) and its secret instead of the auth token.
    pub fn api_key(mut self, key_sid: impl Into<String>, secret: impl Into<String>) -> Self {
        self.api_key = Some((key_sid.into(), secret.into()));
        self
    }

    /// The Twilio region (`ie1`, `au1`, …): hosts become `{product}.{edge}.{region}.twilio.com`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The Twilio edge location (`dublin`, `sydney`, …); without a region, the region is `us1`.
    pub fn edge(mut self, edge: impl Into<String>) -> Self {
        self.edge = Some(edge.into());
        self
    }

    /// Sends every request to this origin (and optional path prefix) instead of Twilio's hosts,
    /// such as a local stand-in: `http://127.0.0.1:4010`.
    ///
    /// Plain `http://` is accepted only for a loopback host, so that credentials never cross a
    /// network unencrypted.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The time allowed for one attempt, from connecting to the end of the response
    /// (default [`DEFAULT_TIMEOUT`]). The retry policy's
    /// [total budget](RetryPolicy::total_budget) bounds the whole call, retries included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time allowed to open a connection (default [`DEFAULT_CONNECT_TIMEOUT`]). Ignored when
    /// [`ClientBuilder::http_client`] is set: configure that client instead.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The largest response body read (default [`DEFAULT_MAX_RESPONSE_BYTES`]); a larger one
    /// is refused with [`Error::BodyTooLarge`].
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Uses this HTTP client (its pool, proxy and TLS settings) instead of building one.
    ///
    /// Its redirect policy and connect timeout are its own: build it with
    /// `.redirect(reqwest::redirect::Policy::none())`, as this crate does, so that no redirect
    /// is followed. The per-attempt timeout and the retry policy still apply.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// When and how often requests are sent again (default [`RetryPolicy::default()`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Sends every request once: the same as `.retry(RetryPolicy::none())`.
    ///
    /// ```
    /// use twilio_endpoint::{Client, RetryPolicy};
    ///
    /// let client = Client::builder()
    ///     .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    ///     .auth_token("your_auth_token")
    ///     .no_retries()
    ///     .build()?;
    /// assert_eq!(client.retry_policy(), &RetryPolicy::none());
    /// # Ok::<(), twilio_endpoint::Error>(())
    /// ```
    pub fn no_retries(self) -> Self {
        self.retry(RetryPolicy::none())
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let mut problems = Vec::new();
        let account_sid = self.account_sid.filter(|s| !s.is_empty());
        if account_sid.is_none() {
            problems.push("no account SID (set `account_sid` or TWILIO_ACCOUNT_SID)");
        }
        let credentials = match (self.api_key, self.auth_token) {
            (Some((key, secret)), _) if !key.is_empty() && !secret.is_empty() => {
                Some((key, secret))
            }
            (Some(_), _) => {
                problems.push("the API key SID and secret must not be empty");
                None
            }
            (None, Some(token)) if !token.is_empty() => account_sid.clone().map(|sid| (sid, token)),
            (None, _) => {
                problems.push(
                    "no credentials (set `auth_token` or `api_key`, or TWILIO_AUTH_TOKEN or \
                     TWILIO_API_KEY and TWILIO_API_SECRET)",
                );
                None
            }
        };
        let origin = match self.base_url {
            Some(base) => match check_base_url(&base) {
                Ok(origin) => Some(Origin::Custom(origin)),
                Err(problem) => {
                    problems.push(problem);
                    None
                }
            },
            None => Some(Origin::Twilio {
                suffix: twilio_suffix(self.edge.as_deref(), self.region.as_deref()),
            }),
        };
        let (Some(account_sid), Some((username, secret)), Some(origin), true) =
            (account_sid, credentials, origin, problems.is_empty())
        else {
            return Err(Error::Config(problems.join("; ")));
        };
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(format!("{username}:{secret}"));
        let redactor = Redactor::new(&secret, &encoded);
        let mut authorization = HeaderValue::from_str(&format!("Basic {encoded}"))
            .map_err(|_| Error::Config("the credentials are not valid header text".into()))?;
        authorization.set_sensitive(true);
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| Error::Config(format!("the HTTP client could not be built: {e}")))?,
        };
        let mut api_origin_text = String::new();
        origin.write("api", &mut api_origin_text);
        let api_origin = reqwest::Url::parse(&api_origin_text)
            .ok()
            .filter(|url| url.path() == "/" && !api_origin_text.ends_with('/'))
            .map(|url| (api_origin_text, url));
        Ok(Client {
            inner: Arc::new(Inner {
                api_origin,
                http,
                account_sid,
                username,
                authorization,
                user_agent: HeaderValue::from_str(&user_agent())
                    .map_err(|_| Error::Config("the user agent is not valid header text".into()))?,
                origin,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                max_response_bytes: self
                    .max_response_bytes
                    .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                retry: self.retry.unwrap_or_default(),
                redactor,
            }),
        })
    }
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

/// The host suffix for an edge and a region, as Twilio's helper libraries build it.
fn twilio_suffix(edge: Option<&str>, region: Option<&str>) -> String {
    let region = region.or(edge.map(|_| "us1"));
    let mut suffix = String::new();
    for part in [edge, region].into_iter().flatten() {
        suffix.push('.');
        suffix.push_str(part);
    }
    suffix.push_str(".twilio.com");
    suffix
}

/// Checks a base URL: http or https, a host, plain http only on loopback; no query or fragment.
fn check_base_url(base: &str) -> Result<String, &'static str> {
    let url = url::Url::parse(base).map_err(|_| "the base URL does not parse as a URL")?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        None => return Err("the base URL has no host"),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err("the base URL must use https unless its host is loopback (credentials would travel unencrypted)")
        }
        _ => return Err("the base URL must be http or https"),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err("the base URL must not hold a query, a fragment or credentials");
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reusing_the_parsed_origin_gives_the_same_url_as_a_full_parse() {
        let twilio = Client::new("AC1", "token").unwrap();
        let local = Client::builder()
            .account_sid("AC1")
            .auth_token("token")
            .base_url("http://127.0.0.1:4010/")
            .build()
            .unwrap();
        let prefixed = Client::builder()
            .account_sid("AC1")
            .auth_token("token")
            .base_url("http://127.0.0.1:4010/prefix")
            .build()
            .unwrap();
        assert!(twilio.inner.api_origin.is_some() && local.inner.api_origin.is_some());
        assert!(
            prefixed.inner.api_origin.is_none(),
            "a path prefix is parsed in full"
        );
        for client in [&twilio, &local, &prefixed] {
            for tail in [
                "/2010-04-01/Accounts/AC1/Calls/a%2Fb%3Fc%20%C3%BC.json",
                "/v1/Calls.json?To=%2B1555&StartTime%3E=2026-01-02&Status=a&Status=b",
                "/v1/x?",
                "/",
            ] {
                let text = format!("{}{tail}", client.origin("api"));
                let full = reqwest::Url::parse(&text).unwrap();
                assert_eq!(client.parse_url(&text).unwrap(), full, "{text}");
            }
            let voice = format!("{}/v1/IpRecords", client.origin("voice"));
            assert_eq!(client.parse_url(&voice).unwrap().as_str(), voice);
        }
    }

    #[test]
    fn hosts_from_edge_and_region() {
        assert_eq!(twilio_suffix(None, None), ".twilio.com");
        assert_eq!(
            twilio_suffix(Some("sydney"), Some("au1")),
            ".sydney.au1.twilio.com"
        );
        assert_eq!(
            twilio_suffix(Some("dublin"), None),
            ".dublin.us1.twilio.com"
        );
        assert_eq!(twilio_suffix(None, Some("ie1")), ".ie1.twilio.com");
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("http://127.0.0.1:4010/").unwrap(),
            "http://127.0.0.1:4010"
        );
        assert_eq!(
            check_base_url("http://localhost:1/x/").unwrap(),
            "http://localhost:1/x"
        );
        assert_eq!(check_base_url("http://[::1]:9").unwrap(), "http://[::1]:9");
        assert_eq!(
            check_base_url("https://proxy.example.com").unwrap(),
            "https://proxy.example.com"
        );
        assert!(check_base_url("http://example.com").is_err());
        assert!(check_base_url("ftp://127.0.0.1").is_err());
        assert!(check_base_url("https://example.com/?q=1").is_err());
        assert!(check_base_url("not a url").is_err());
    }

    #[test]
    fn env_vars() {
        let vars = |name: &str| {
            match name {
                "TWILIO_ACCOUNT_SID" => Some("AC1"),
                "TWILIO_API_KEY" => Some("SK1"),
                "TWILIO_API_SECRET" => Some("s3cret"),
                "TWILIO_EDGE" => Some("dublin"),
                _ => None,
            }
            .map(String::from)
        };
        let client = ClientBuilder::from_env_vars(vars).build().unwrap();
        assert_eq!(client.account_sid(), "AC1");
        assert_eq!(client.inner.username, "SK1");
        assert_eq!(client.origin("api"), "https://api.dublin.us1.twilio.com");
        assert!(!format!("{client:?}").contains("s3cret"));
    }

    #[test]
    fn build_lists_every_problem() {
        let err = Client::builder()
            .base_url("http://example.com")
            .build()
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("no account SID"), "{text}");
        assert!(text.contains("no credentials"), "{text}");
        assert!(text.contains("https"), "{text}");
    }

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
