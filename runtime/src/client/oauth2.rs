//! OAuth2 client credentials: one access token per client, fetched with the client-credentials
//! grant from Twilio's token endpoint (`https://oauth.twilio.com/v2/token`), cached, refreshed
//! before it expires and again when Twilio refuses it.
//!
//! A token is never written to a log, a trace, a `Debug` or an error: the header holding it is
//! marked sensitive, and the [`Redactor`](super::auth::Redactor) takes it out of server text.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use base64::Engine as _;
use http::header::{ACCEPT, CONTENT_TYPE, USER_AGENT};
use http::{HeaderValue, StatusCode};
use reqwest::Url;
use serde::Deserialize;

use super::auth::{Redactor, Secret};

/// The path of Twilio's token endpoint on the `oauth` host.
pub(crate) const TOKEN_PATH: &str = "/v2/token";
/// The product host of the token endpoint (`oauth.twilio.com`).
pub(crate) const TOKEN_HOST: &str = "oauth";
/// The longest a token is refreshed before it expires.
const REFRESH_MARGIN: Duration = Duration::from_secs(30);
/// The longest a token is kept, whatever its answer says (Twilio's own example says
/// `"expires_in": 1438315200000`).
const LONGEST_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The OAuth2 client credentials and the token they gave.
pub(crate) struct OAuth2 {
    client_id: String,
    client_secret: Secret,
    /// The token in use; the lock is held while a new one is fetched, so that concurrent
    /// requests wait for one fetch instead of each making its own.
    cache: tokio::sync::Mutex<Option<Token>>,
    /// The token's text, shared with the redactor.
    current: Arc<RwLock<Option<Secret>>>,
}

impl fmt::Debug for OAuth2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

/// A token: its `Authorization` header and when it stops being used.
struct Token {
    authorization: HeaderValue,
    /// When to fetch another one; `None`: at once (the answer said no lifetime).
    refresh_at: Option<Instant>,
}

/// Why no token could be had: the token endpoint's status, if it answered, and what was wrong
/// (never the token or the secret).
#[derive(Debug)]
pub(crate) struct TokenFailure {
    pub(crate) status: Option<StatusCode>,
    pub(crate) message: String,
}

/// Where and how the token endpoint is reached.
pub(crate) struct TokenEndpoint<'a> {
    pub(crate) http: &'a reqwest::Client,
    pub(crate) url: Url,
    pub(crate) timeout: Duration,
    pub(crate) user_agent: &'a HeaderValue,
    pub(crate) redactor: &'a Redactor,
}

/// The token endpoint's answer (Twilio's `oauth.v2.token`).
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: Option<u64>,
}

impl OAuth2 {
    pub(crate) fn new(
        client_id: String,
        client_secret: Secret,
        current: Arc<RwLock<Option<Secret>>>,
    ) -> OAuth2 {
        OAuth2 {
            client_id,
            client_secret,
            cache: tokio::sync::Mutex::new(None),
            current,
        }
    }

    /// The `Authorization` header of the cached token, if there is one (for
    /// [`Client::to_http_request`](crate::Client::to_http_request), which does no I/O).
    pub(crate) fn cached(&self) -> Option<HeaderValue> {
        let text = self
            .current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()?;
        bearer(&text)
    }

    /// A `Bearer …` header with a token that is not about to expire: the cached one, or a new
    /// one. `refused` is a header the server just refused (401): a cached token equal to it is
    /// not used again.
    pub(crate) async fn authorization(
        &self,
        endpoint: &TokenEndpoint<'_>,
        refused: Option<&HeaderValue>,
    ) -> Result<HeaderValue, TokenFailure> {
        let mut cache = self.cache.lock().await;
        if let Some(token) = cache.as_ref() {
            let fresh = token
                .refresh_at
                .is_some_and(|refresh_at| Instant::now() < refresh_at);
            if fresh && refused != Some(&token.authorization) {
                return Ok(token.authorization.clone());
            }
        }
        let token = self.fetch(endpoint).await?;
        let authorization = token.authorization.clone();
        *cache = Some(token);
        Ok(authorization)
    }

    /// One client-credentials grant.
    async fn fetch(&self, endpoint: &TokenEndpoint<'_>) -> Result<Token, TokenFailure> {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", &self.client_id)
            .append_pair("client_secret", self.client_secret.expose())
            .finish();
        let sent = Instant::now();
        let response = endpoint
            .http
            .post(endpoint.url.clone())
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(USER_AGENT, endpoint.user_agent.clone())
            .body(body)
            .timeout(endpoint.timeout)
            .send()
            .await
            .map_err(|error| TokenFailure {
                status: None,
                message: format!(
                    "the token endpoint could not be reached ({})",
                    if error.is_timeout() {
                        "timeout"
                    } else if error.is_connect() {
                        "connect"
                    } else {
                        "transport"
                    }
                ),
            })?;
        let status = response.status();
        let text = response.text().await.map_err(|_| TokenFailure {
            status: Some(status),
            message: "the token endpoint's answer could not be read".into(),
        })?;
        if !status.is_success() {
            let text: String = endpoint.redactor.redact(&text).chars().take(200).collect();
            return Err(TokenFailure {
                status: Some(status),
                message: format!("the token endpoint refused the client credentials: {text}"),
            });
        }
        // serde_json's message could quote the body: it is not kept.
        let not_a_token = || TokenFailure {
            status: Some(status),
            message: "the token endpoint's answer is not JSON with an `access_token`".into(),
        };
        let answer: TokenAnswer = serde_json::from_str(&text).map_err(|_| not_a_token())?;
        let authorization = bearer(&Secret::from(answer.access_token.clone()))
            .filter(|_| !answer.access_token.is_empty())
            .ok_or_else(not_a_token)?;
        let lifetime = answer
            .expires_in
            .map(Duration::from_secs)
            .or_else(|| jwt_lifetime(&answer.access_token));
        let refresh_at = lifetime.and_then(|lifetime| {
            let lifetime = lifetime.min(LONGEST_LIFETIME);
            let margin = REFRESH_MARGIN.min(lifetime / 10);
            sent.checked_add(lifetime.saturating_sub(margin))
        });
        *self.current.write().unwrap_or_else(PoisonError::into_inner) =
            Some(Secret::from(answer.access_token));
        Ok(Token {
            authorization,
            refresh_at,
        })
    }
}

/// `Bearer {token}`, marked sensitive; `None` when the token is not header text.
fn bearer(token: &Secret) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose())).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// What is left of a JWT's life, from its `exp` claim, when the answer gave no `expires_in`.
fn jwt_lifetime(token: &str) -> Option<Duration> {
    #[derive(Deserialize)]
    struct Claims {
        exp: u64,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Duration::from_secs(claims.exp.saturating_sub(now)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jwt_exp_gives_the_lifetime() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("{{\"exp\":{}}}", now + 600));
        let lifetime = jwt_lifetime(&format!("e30.{claims}.sig")).unwrap();
        assert!((590..=600).contains(&lifetime.as_secs()), "{lifetime:?}");
        assert_eq!(jwt_lifetime("opaque"), None);
        assert_eq!(jwt_lifetime("a.!!!.c"), None);
    }

    #[test]
    fn the_debug_shows_no_secret() {
        let oauth = OAuth2::new(
            "OQ1".into(),
            Secret::from("client-secret-0123456789".to_owned()),
            Arc::default(),
        );
        let debug = format!("{oauth:?}");
        assert!(!debug.contains("client-secret"), "{debug}");
        assert!(bearer(&Secret::from("a\nb".to_owned())).is_none());
    }
}
