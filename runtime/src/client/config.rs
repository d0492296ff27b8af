//! The client's configuration: what [`ClientBuilder`] collects (a private [`Config`], as
//! reqwest's `ClientBuilder { config }`), the environment variables it reads, and every problem
//! with it, typed and reported at once.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::auth::{Credentials, Secret};
use super::limiter::{InProcessLimiter, Limiter, LimiterSettings};
use super::origin::Origins;
use super::retry::RetryPolicy;
use super::transport::Transport;
use super::{Client, Inner};
use crate::error::Error;

/// The default time allowed for one attempt, from connecting to the end of the response.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest response body read by default (16 MiB); see [`ClientBuilder::max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Every setting of a [`Client`], as given; checked once, by [`ClientBuilder::build`].
#[derive(Debug, Default)]
struct Config {
    account_sid: Option<String>,
    auth_token: Option<Secret>,
    /// An API key SID and its secret.
    api_key: Option<(String, Secret)>,
    region: Option<String>,
    edge: Option<String>,
    base_url: Option<String>,
    /// Per-product origins: `(product host, origin)`, in the order given.
    host_base_urls: Vec<(String, String)>,
    /// An OAuth2 client ID and its secret.
    oauth2: Option<(String, Secret)>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    http_client: Option<reqwest::Client>,
    retry: Option<RetryPolicy>,
    /// The in-process limiter's settings, when no other limiter is given.
    limiter_settings: LimiterSettings,
    /// A limiter of the user's (shared across processes, say).
    limiter: Option<Arc<dyn Limiter>>,
}

/// Builds a [`Client`]: credentials, region and edge, base URL, timeouts.
///
/// Its `Debug` output never shows the auth token or API secret.
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
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    config: Config,
}

/// One problem with a client's settings, as [`ClientBuilder::build`] reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigProblem {
    /// No account SID: set [`ClientBuilder::account_sid`] or `TWILIO_ACCOUNT_SID`.
    MissingAccountSid,
    /// No credentials: set [`ClientBuilder::auth_token`], [`ClientBuilder::api_key`] or
    /// [`ClientBuilder::oauth2_client_credentials`], or
    /// `TWILIO_AUTH_TOKEN`, or `TWILIO_API_KEY` and `TWILIO_API_SECRET`.
    MissingCredentials,
    /// An API key was given with an empty SID or secret.
    EmptyApiKey,
    /// The base URL does not parse as a URL.
    BaseUrlUnparsable,
    /// The base URL has no host.
    BaseUrlWithoutHost,
    /// The base URL's scheme is neither `http` nor `https`.
    BaseUrlScheme,
    /// The base URL is plain `http` to a host that is not loopback: credentials would travel
    /// unencrypted.
    PlainHttpNotLoopback,
    /// The base URL holds a query, a fragment or credentials.
    BaseUrlExtras,
    /// The region is not a host name label (lower-case letters, digits and `-`), such as `ie1`.
    BadRegion(String),
    /// The edge is not a host name label (lower-case letters, digits and `-`), such as `dublin`.
    BadEdge(String),
    /// An endpoint's `HOST` is not a host name label, so it has no origin.
    BadHost(&'static str),
    /// OAuth2 client credentials were given with an empty client ID or secret.
    EmptyOAuth2Credentials,
    /// A product given to [`ClientBuilder::host_base_url`] is not a host name label (such as
    /// `messaging`).
    BadProduct(String),
    /// The origin given to [`ClientBuilder::host_base_url`] for this product has the problem
    /// (one of the base URL problems).
    HostBaseUrl {
        /// The product host (`messaging`).
        host: String,
        /// What is wrong with its origin.
        problem: Box<ConfigProblem>,
    },
    /// The HTTP client could not be built (reqwest's reason).
    HttpClient(String),
    /// The rate given to [`ClientBuilder::max_requests_per_second`] is not a positive, finite
    /// number (the value as written).
    BadRate(String),
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigProblem::MissingAccountSid => {
                f.write_str("no account SID (set `account_sid` or TWILIO_ACCOUNT_SID)")
            }
            ConfigProblem::MissingCredentials => f.write_str(
                "no credentials (set `auth_token`, `api_key` or `oauth2_client_credentials`, or \
                 TWILIO_AUTH_TOKEN or TWILIO_API_KEY and TWILIO_API_SECRET)",
            ),
            ConfigProblem::EmptyApiKey => {
                f.write_str("the API key SID and secret must not be empty")
            }
            ConfigProblem::BaseUrlUnparsable => f.write_str("the base URL does not parse as a URL"),
            ConfigProblem::BaseUrlWithoutHost => f.write_str("the base URL has no host"),
            ConfigProblem::BaseUrlScheme => f.write_str("the base URL must be http or https"),
            ConfigProblem::PlainHttpNotLoopback => f.write_str(
                "the base URL must use https unless its host is loopback (credentials would \
                 travel unencrypted)",
            ),
            ConfigProblem::BaseUrlExtras => {
                f.write_str("the base URL must not hold a query, a fragment or credentials")
            }
            ConfigProblem::BadRegion(region) => write!(
                f,
                "the region {region:?} is not a host name label (such as `ie1`)"
            ),
            ConfigProblem::BadEdge(edge) => write!(
                f,
                "the edge {edge:?} is not a host name label (such as `dublin`)"
            ),
            ConfigProblem::BadHost(host) => write!(
                f,
                "the endpoint's host {host:?} is not a host name label (such as `voice`)"
            ),
            ConfigProblem::EmptyOAuth2Credentials => {
                f.write_str("the OAuth2 client ID and secret must not be empty")
            }
            ConfigProblem::BadProduct(host) => write!(
                f,
                "the product {host:?} is not a host name label (such as `messaging`)"
            ),
            ConfigProblem::HostBaseUrl { host, problem } => {
                write!(f, "the origin for {host:?}: {problem}")
            }
            ConfigProblem::HttpClient(reason) => {
                write!(f, "the HTTP client could not be built: {reason}")
            }
            ConfigProblem::BadRate(rate) => write!(
                f,
                "the request rate {rate} is not a positive, finite number of requests per second"
            ),
        }
    }
}

/// Every problem with a client's settings, found at once: the [`ErrorKind::Config`] of an
/// [`Error`](crate::Error).
///
/// [`ErrorKind::Config`]: crate::ErrorKind::Config
///
/// ```
/// use twilio_endpoint::{Client, ConfigProblem, ErrorKind};
///
/// let error = Client::builder().base_url("http://example.com").build().unwrap_err();
/// let ErrorKind::Config(config) = error.kind() else { unreachable!() };
/// assert_eq!(
///     config.problems(),
///     [
///         ConfigProblem::MissingAccountSid,
///         ConfigProblem::MissingCredentials,
///         ConfigProblem::PlainHttpNotLoopback,
///     ]
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    problems: Vec<ConfigProblem>,
}

impl ConfigError {
    pub(crate) fn new(problems: Vec<ConfigProblem>) -> ConfigError {
        ConfigError { problems }
    }

    /// Every problem, in the order the settings are checked.
    pub fn problems(&self) -> &[ConfigProblem] {
        &self.problems
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid client configuration: ")?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

impl ClientBuilder {
    /// The settings in the environment, as Twilio's helper libraries read them; empty
    /// variables count as unset.
    pub(crate) fn from_env_vars(var: impl Fn(&str) -> Option<String>) -> ClientBuilder {
        let var = |name: &str| var(name).filter(|v| !v.is_empty());
        let mut builder = ClientBuilder {
            config: Config {
                account_sid: var("TWILIO_ACCOUNT_SID"),
                auth_token: var("TWILIO_AUTH_TOKEN").map(Secret::from),
                region: var("TWILIO_REGION"),
                edge: var("TWILIO_EDGE"),
                ..Config::default()
            },
        };
        if let (Some(key), Some(secret)) = (var("TWILIO_API_KEY"), var("TWILIO_API_SECRET")) {
            builder = builder.api_key(key, secret);
        }
        builder
    }

    /// The account SID (`AC…`): the account requests are made for.
    pub fn account_sid(mut self, account_sid: impl Into<String>) -> Self {
        self.config.account_sid = Some(account_sid.into());
        self
    }

    /// Authenticates with the account's auth token.
    pub fn auth_token(mut self, auth_token: impl Into<String>) -> Self {
        self.config.auth_token = Some(Secret::from(auth_token.into()));
        self
    }

    /// Authenticates with an API key SID (`SK…`) and its secret instead of the auth token.
    pub fn api_key(mut self, key_sid: impl Into<String>, secret: impl Into<String>) -> Self {
        self.config.api_key = Some((key_sid.into(), Secret::from(secret.into())));
        self
    }

    /// The Twilio region (`ie1`, `au1`, …): hosts become `{product}.{edge}.{region}.twilio.com`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// The Twilio edge location (`dublin`, `sydney`, …); without a region, the region is `us1`.
    pub fn edge(mut self, edge: impl Into<String>) -> Self {
        self.config.edge = Some(edge.into());
        self
    }

    /// Sends every request to this origin (and optional path prefix) instead of Twilio's hosts,
    /// such as a local stand-in: `http://127.0.0.1:4010`.
    ///
    /// Plain `http://` is accepted only for a loopback host, so that credentials never cross a
    /// network unencrypted.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.config.base_url = Some(base_url.into());
        self
    }

    /// Sends requests for one product host (`messaging`, `oauth`, …) to this origin (and
    /// optional path prefix), such as a stand-in or a proxy for that product alone; every other
    /// host keeps Twilio's origin, or [`ClientBuilder::base_url`]'s when it is set. The same
    /// rules as for `base_url` apply: plain `http://` only on loopback.
    ///
    /// ```
    /// use twilio_endpoint::Client;
    ///
    /// let client = Client::builder()
    ///     .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    ///     .auth_token("your_auth_token")
    ///     .host_base_url("messaging", "http://127.0.0.1:4011")
    ///     .base_url("http://127.0.0.1:4010")
    ///     .build()?;
    /// assert_eq!(client.origin("messaging"), "http://127.0.0.1:4011");
    /// assert_eq!(client.origin("chat"), "http://127.0.0.1:4010");
    /// # Ok::<(), twilio_endpoint::Error>(())
    /// ```
    pub fn host_base_url(mut self, product: impl Into<String>, origin: impl Into<String>) -> Self {
        let product = product.into();
        self.config
            .host_base_urls
            .retain(|(host, _)| *host != product);
        self.config.host_base_urls.push((product, origin.into()));
        self
    }

    /// Authenticates with OAuth2 client credentials (an OAuth app's client ID and secret),
    /// alongside or instead of Basic credentials.
    ///
    /// Endpoints declared with `auth = oauth2` (Twilio's Organizations API) need them: the
    /// client fetches an access token with the client-credentials grant from Twilio's token
    /// endpoint (`https://oauth.twilio.com/v2/token`; the `oauth` host, so
    /// [`ClientBuilder::host_base_url`]`("oauth", …)` moves it), keeps one per client, fetches
    /// another shortly before it expires and once more when a request is refused with `401`.
    /// Without Basic credentials, every other endpoint gets the bearer token too, as Twilio's
    /// helper libraries send it. No token or secret is ever shown in a `Debug`, an error or a
    /// trace.
    ///
    /// ```
    /// use twilio_endpoint::Client;
    ///
    /// let client = Client::builder()
    ///     .oauth2_client_credentials("OQaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "your_client_secret")
    ///     .build()?;
    /// assert!(!format!("{client:?}").contains("your_client_secret"));
    /// # Ok::<(), twilio_endpoint::Error>(())
    /// ```
    pub fn oauth2_client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.config.oauth2 = Some((client_id.into(), Secret::from(client_secret.into())));
        self
    }

    /// The time allowed for one attempt, from connecting to the end of the response
    /// (default [`DEFAULT_TIMEOUT`]). The retry policy's
    /// [total budget](RetryPolicy::total_budget) bounds the whole call, retries included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = Some(timeout);
        self
    }

    /// The time allowed to open a connection (default [`DEFAULT_CONNECT_TIMEOUT`]). Ignored when
    /// [`ClientBuilder::http_client`] is set: configure that client instead.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = Some(timeout);
        self
    }

    /// The largest response body read (default [`DEFAULT_MAX_RESPONSE_BYTES`]); a larger one
    /// is refused with [`ErrorKind::BodyTooLarge`](crate::ErrorKind::BodyTooLarge).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.config.max_response_bytes = Some(limit);
        self
    }

    /// Uses this HTTP client (its pool, proxy and TLS settings) instead of building one.
    ///
    /// Its redirect policy and connect timeout are its own: build it with
    /// `.redirect(reqwest::redirect::Policy::none())`, as this crate does, so that no redirect
    /// is followed. The per-attempt timeout and the retry policy still apply.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.config.http_client = Some(client);
        self
    }

    /// When and how often requests are sent again (default [`RetryPolicy::default()`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.config.retry = Some(policy);
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

    /// The most requests in flight at once per account and product host. The adaptive limit
    /// never goes above it (default [`DEFAULT_MAX_IN_FLIGHT`](crate::DEFAULT_MAX_IN_FLIGHT));
    /// with [`adaptive_concurrency(false)`](ClientBuilder::adaptive_concurrency) it is the
    /// fixed limit. `0` counts as `1`.
    ///
    /// ```
    /// use twilio_endpoint::Client;
    ///
    /// let client = Client::builder()
    ///     .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    ///     .auth_token("your_auth_token")
    ///     .max_in_flight(25)
    ///     .max_requests_per_second(100.0)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), twilio_endpoint::Error>(())
    /// ```
    pub fn max_in_flight(mut self, max_in_flight: u32) -> Self {
        self.config.limiter_settings.max_in_flight = Some(max_in_flight.max(1));
        self
    }

    /// The most attempts started per second per account and product host; none by default.
    /// A rate that is not a positive, finite number is [`ConfigProblem::BadRate`] at
    /// [`build`](ClientBuilder::build).
    pub fn max_requests_per_second(mut self, per_second: f64) -> Self {
        self.config.limiter_settings.per_second = Some(per_second);
        self
    }

    /// Whether the concurrency limit learns from Twilio's answers (on by default): it grows
    /// while answers succeed and is cut on a `429`. Off, the limit stays at
    /// [`max_in_flight`](ClientBuilder::max_in_flight), or is none without it.
    pub fn adaptive_concurrency(mut self, adaptive: bool) -> Self {
        self.config.limiter_settings.adaptive = adaptive;
        self
    }

    /// Puts `limiter` in front of the transport instead of the in-process one, such as a
    /// limiter shared by every process that sends for one account (see [`Limiter`]).
    /// [`max_in_flight`](ClientBuilder::max_in_flight) and its siblings then do nothing.
    pub fn limiter(mut self, limiter: impl Limiter) -> Self {
        self.config.limiter = Some(Arc::new(limiter));
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// Every problem is reported at once, typed, as an
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) holding a [`ConfigError`].
    pub fn build(self) -> Result<Client, Error> {
        let config = self.config;
        let mut problems = Vec::new();
        let account_sid = config.account_sid.filter(|s| !s.is_empty());
        let oauth2_given = config.oauth2.is_some();
        let oauth2 = match config.oauth2 {
            Some((id, secret)) if !id.is_empty() && !secret.is_empty() => Some((id, secret)),
            Some(_) => {
                problems.push(ConfigProblem::EmptyOAuth2Credentials);
                None
            }
            None => None,
        };
        if let Some(rate) = config.limiter_settings.per_second {
            if !(rate.is_finite() && rate > 0.0) {
                problems.push(ConfigProblem::BadRate(rate.to_string()));
            }
        }
        let basic_given = config.api_key.is_some() || config.auth_token.is_some();
        // OAuth2 credentials alone need no account: the Organizations API has none.
        let oauth2_only = oauth2_given && !basic_given;
        if account_sid.is_none() && !oauth2_only {
            problems.push(ConfigProblem::MissingAccountSid);
        }
        let basic = match (config.api_key, config.auth_token) {
            (Some((key, secret)), _) if !key.is_empty() && !secret.is_empty() => {
                Some((key, secret))
            }
            (Some(_), _) => {
                problems.push(ConfigProblem::EmptyApiKey);
                None
            }
            (None, Some(token)) if !token.is_empty() => account_sid.clone().map(|sid| (sid, token)),
            (None, _) if oauth2_only => None,
            (None, _) => {
                problems.push(ConfigProblem::MissingCredentials);
                None
            }
        };
        let origins = Origins::new(
            config.base_url.as_deref(),
            config.edge.as_deref(),
            config.region.as_deref(),
            &config.host_base_urls,
        )
        .map_err(|found| problems.extend(found))
        .ok();
        let http = match config.http_client {
            Some(client) => Some(client),
            None => reqwest::Client::builder()
                .connect_timeout(config.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| problems.push(ConfigProblem::HttpClient(e.to_string())))
                .ok(),
        };
        let (Some(origins), Some(http), true) = (origins, http, problems.is_empty()) else {
            return Err(ConfigError::new(problems).into());
        };
        let account_sid = account_sid.unwrap_or_default();
        let credentials = Credentials::new(
            basic
                .as_ref()
                .map(|(username, secret)| (username.clone(), secret)),
            oauth2,
        );
        Ok(Client {
            inner: Arc::new(Inner {
                account_sid,
                origins,
                transport: Transport::new(
                    http,
                    credentials,
                    config.timeout.unwrap_or(DEFAULT_TIMEOUT),
                    config
                        .max_response_bytes
                        .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                ),
                retry: config.retry.unwrap_or_default(),
                limiter: config
                    .limiter
                    .unwrap_or_else(|| Arc::new(InProcessLimiter::new(config.limiter_settings))),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oauth2_credentials_alone_need_no_account_and_are_never_shown() {
        let secret = "oauth-client-secret-0123456789";
        let builder = ClientBuilder::default().oauth2_client_credentials("OQ1", secret);
        assert!(!format!("{builder:?}").contains(secret));
        let client = builder.build().unwrap();
        assert_eq!(client.account_sid(), "");
        assert!(!format!("{client:?}").contains(secret), "{client:?}");
        let error = ClientBuilder::default()
            .oauth2_client_credentials("", "")
            .build()
            .unwrap_err();
        let crate::ErrorKind::Config(config) = error.kind() else {
            panic!("{error:?}")
        };
        assert_eq!(config.problems(), [ConfigProblem::EmptyOAuth2Credentials]);
        // With an auth token as well, the account SID is needed for Basic.
        let error = ClientBuilder::default()
            .auth_token("t")
            .oauth2_client_credentials("OQ1", secret)
            .build()
            .unwrap_err();
        let crate::ErrorKind::Config(config) = error.kind() else {
            panic!("{error:?}")
        };
        assert_eq!(config.problems(), [ConfigProblem::MissingAccountSid]);
    }

    #[test]
    fn a_bad_product_origin_is_a_typed_problem() {
        let error = ClientBuilder::default()
            .account_sid("AC1")
            .auth_token("t")
            .host_base_url("messaging", "http://example.com")
            .build()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid client configuration: the origin for \"messaging\": the base URL must use \
             https unless its host is loopback (credentials would travel unencrypted)"
        );
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
        let builder = ClientBuilder::from_env_vars(vars);
        assert!(!format!("{builder:?}").contains("s3cret"));
        let client = builder.build().unwrap();
        assert_eq!(client.account_sid(), "AC1");
        assert_eq!(client.inner.transport.username(), "SK1");
        assert_eq!(client.origin("api"), "https://api.dublin.us1.twilio.com");
        assert!(!format!("{client:?}").contains("s3cret"));
    }

    /// The typed problems of a builder that must not build.
    fn problems(builder: ClientBuilder) -> Vec<ConfigProblem> {
        let error = builder.build().unwrap_err();
        assert_eq!((error.attempts(), error.endpoint()), (0, None));
        match error.into_kind() {
            crate::ErrorKind::Config(config) => config.problems().to_vec(),
            other => panic!("expected a configuration error, got {other:?}"),
        }
    }

    #[test]
    fn build_lists_every_problem_typed() {
        let bad_places = || Client::builder().region("IE 1").edge("-dublin");
        assert_eq!(
            problems(bad_places().api_key("", "").base_url("http://example.com")),
            [
                ConfigProblem::MissingAccountSid,
                ConfigProblem::EmptyApiKey,
                ConfigProblem::PlainHttpNotLoopback,
                ConfigProblem::BadEdge("-dublin".into()),
                ConfigProblem::BadRegion("IE 1".into()),
            ]
        );
        assert_eq!(
            problems(bad_places()),
            [
                ConfigProblem::MissingAccountSid,
                ConfigProblem::MissingCredentials,
                ConfigProblem::BadEdge("-dublin".into()),
                ConfigProblem::BadRegion("IE 1".into()),
            ]
        );
        assert_eq!(
            problems(Client::builder().account_sid("AC1").base_url("ftp://x")),
            [
                ConfigProblem::MissingCredentials,
                ConfigProblem::BaseUrlScheme
            ]
        );
        for rate in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                problems(
                    Client::builder()
                        .account_sid("AC1")
                        .auth_token("t")
                        .max_requests_per_second(rate)
                ),
                [ConfigProblem::BadRate(rate.to_string())]
            );
        }
        let error = bad_places().build().unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("invalid client configuration: no account SID"),
            "{text}"
        );
        assert!(text.contains("no credentials"), "{text}");
    }
}
