//! The client: credentials, where requests go, and one pooled HTTP client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::StatusCode;

use crate::endpoint::{encode_with_origin, EncodedRequest, Endpoint};
use crate::error::{excerpt, EndpointName, Error, TwilioError};

const FORM: HeaderValue = HeaderValue::from_static("application/x-www-form-urlencoded");
const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// The largest response body read by default (16 MiB); see [`ClientBuilder::max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Sends requests to Twilio.
///
/// Cheap to clone (an [`Arc`] inside), `Send + Sync`, and backed by one pooled
/// [`reqwest::Client`]. Its `Debug` output never shows the auth token or API secret.
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
    timeout: Option<Duration>,
    max_response_bytes: usize,
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
        let mut origin = String::with_capacity(64);
        self.inner.origin.write(E::HOST, &mut origin);
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

    /// Sends a request and decodes Twilio's answer.
    ///
    /// Values are validated first: a request that breaks a rule is never sent.
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, Error> {
        let name = E::endpoint_name();
        let encoded = self.encode(endpoint)?;
        let transport = |source| Error::Transport {
            endpoint: name.clone(),
            source,
        };
        let url = reqwest::Url::parse(&encoded.url).map_err(|e| {
            Error::Config(format!(
                "the encoded URL {:?} does not parse: {e}",
                encoded.url
            ))
        })?;
        let mut request = reqwest::Request::new(encoded.method, url);
        let has_body = encoded.body.is_some();
        request.headers_mut().extend(self.headers(has_body));
        if let Some(body) = encoded.body {
            *request.body_mut() = Some(body.into());
        }
        if let Some(timeout) = self.inner.timeout {
            *request.timeout_mut() = Some(timeout);
        }
        let mut response = self.inner.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let body = read_body(&mut response, self.inner.max_response_bytes, &name, status).await?;
        decode::<E::Response>(name, status, &body)
    }
}

/// Reads a body up to `limit` bytes.
async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
    name: &EndpointName,
    status: StatusCode,
) -> Result<Vec<u8>, Error> {
    let too_large = || Error::BodyTooLarge {
        endpoint: name.clone(),
        status,
        limit,
    };
    let expected = response.content_length().unwrap_or(0);
    if expected > limit as u64 {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(expected as usize);
    while let Some(chunk) = response.chunk().await.map_err(|source| Error::Transport {
        endpoint: name.clone(),
        source,
    })? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Turns a status and body into the response type or a typed error.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    endpoint: EndpointName,
    status: StatusCode,
    body: &[u8],
) -> Result<T, Error> {
    if status.is_success() {
        // An empty body (204 No Content) decodes as JSON `null`, which `()` accepts.
        let json = if body.iter().all(u8::is_ascii_whitespace) {
            b"null".as_slice()
        } else {
            body
        };
        return serde_json::from_slice(json).map_err(|source| Error::Decode {
            endpoint,
            status,
            source,
            excerpt: excerpt(body),
        });
    }
    match serde_json::from_slice::<TwilioError>(body) {
        Ok(error) => Err(Error::Api {
            endpoint,
            status,
            error: Box::new(error),
        }),
        Err(_) => Err(Error::Status {
            endpoint,
            status,
            body: excerpt(body),
        }),
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
            .finish_non_exhaustive()
    }
}

/// The default time allowed for one request, from sending to the end of the response.
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

    /// The time allowed for one request, from sending to the end of the response
    /// (default [`DEFAULT_TIMEOUT`]).
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
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
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
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                account_sid,
                username,
                authorization,
                user_agent: HeaderValue::from_str(&user_agent())
                    .map_err(|_| Error::Config("the user agent is not valid header text".into()))?,
                origin,
                timeout: Some(self.timeout.unwrap_or(DEFAULT_TIMEOUT)),
                max_response_bytes: self
                    .max_response_bytes
                    .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
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
