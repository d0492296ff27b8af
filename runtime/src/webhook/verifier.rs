//! `Verifier`: checks a webhook request as a server receives it, against the public URL Twilio
//! signed and whichever signing scheme Twilio used.

use std::fmt;
use std::sync::Arc;

use super::{
    validate_parts, SharedKeyValidator, SignatureError, Signer, Validator,
    SIGNATURE_SETTINGS_HEADER,
};

/// The most a webhook body may be unless [`VerifierBuilder::max_body_bytes`] says otherwise:
/// 1 MiB (Twilio's callbacks are a few kilobytes).
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// Checks Twilio's webhook requests as a server receives them: rebuilds the public URL Twilio
/// requested, picks the signing scheme (the auth token's HMAC-SHA1, or a shared key's
/// HMAC-SHA256 when the request carries
/// [`X-Twilio-Webhooks-Signature-Settings`](super::SIGNATURE_SETTINGS_HEADER)) and checks the
/// `X-Twilio-Signature`.
///
/// The server sees only the path and query of the URL Twilio requested; behind a tunnel, a TLS
/// terminator or a load balancer its scheme, host and port are not the public ones. So the
/// public URL comes from configuration: a **public base URL** (`https://abc.ngrok.app`, or with
/// a path prefix the proxy strips, `https://example.com/twilio`) to which the request's path
/// and query are appended. Only when told to ([`trust_forwarded_headers`](VerifierBuilder::trust_forwarded_headers))
/// does it read the scheme and host from `Forwarded`, `X-Forwarded-Proto` and
/// `X-Forwarded-Host` (and `Host`): anyone can send those headers, so trust them only behind a
/// proxy that sets them. As with [`Validator`], a signature over the URL with its port and one
/// without are both accepted.
///
/// Cheap to clone (one `Arc`); its `Debug` never shows a key.
///
/// ```
/// use twilio_endpoint::webhook::{Validator, Verifier};
///
/// let verifier = Verifier::builder()
///     .auth_token("12345")
///     .public_base_url("https://mycompany.com")
///     .build()?;
/// let body = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
///             &From=%2B14158675309&To=%2B18005551212";
/// // As the server behind the proxy sees it: only the path and query are Twilio's.
/// let request = http::Request::post("http://10.0.0.7:8080/myapp.php?foo=1&bar=2")
///     .header("Content-Type", "application/x-www-form-urlencoded")
///     .header("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
///     .body(body)?;
/// assert_eq!(
///     verifier.public_url(request.uri(), request.headers())?,
///     "https://mycompany.com/myapp.php?foo=1&bar=2"
/// );
/// verifier.verify_request(&request)?;
/// assert!(!format!("{verifier:?}").contains("12345"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    inner: Arc<Inner>,
}

struct Inner {
    auth_token: Option<Validator>,
    shared_keys: Option<SharedKeyValidator>,
    base: Option<Base>,
    trust_forwarded: bool,
    max_body_bytes: usize,
}

/// The configured public base URL, split.
#[derive(Clone, Debug)]
struct Base {
    scheme: String,
    /// Host and port as given (no user info).
    authority: String,
    /// A path prefix without a trailing `/` (empty for none).
    prefix: String,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Verifier")
            .field("auth_token", &inner.auth_token.as_ref().map(|_| "***"))
            .field("shared_keys", &inner.shared_keys)
            .field("base", &inner.base.as_ref().map(Base::url))
            .field("trust_forwarded", &inner.trust_forwarded)
            .field("max_body_bytes", &inner.max_body_bytes)
            .finish()
    }
}

impl Base {
    fn url(&self) -> String {
        format!("{}://{}{}", self.scheme, self.authority, self.prefix)
    }
}

/// Configures a [`Verifier`]: at least one key, and where the public URL comes from.
#[derive(Default)]
#[must_use]
pub struct VerifierBuilder {
    auth_token: Option<String>,
    shared_keys: Vec<String>,
    base: Option<String>,
    trust_forwarded: bool,
    max_body_bytes: Option<usize>,
}

impl fmt::Debug for VerifierBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifierBuilder")
            .field("auth_token", &self.auth_token.as_ref().map(|_| "***"))
            .field("shared_keys", &self.shared_keys.len())
            .field("base", &self.base)
            .field("trust_forwarded", &self.trust_forwarded)
            .finish()
    }
}

impl VerifierBuilder {
    /// Accept requests signed with the account's auth token (HMAC-SHA1, Twilio's default), the
    /// ones without the settings header.
    pub fn auth_token(mut self, auth_token: impl Into<String>) -> Self {
        self.auth_token = Some(auth_token.into());
        self
    }

    /// Accept requests signed with this shared key (HMAC-SHA256, announced by the settings
    /// header). Call it once per key: during a rotation, with the old and the new key.
    pub fn shared_key(mut self, secret: impl Into<String>) -> Self {
        self.shared_keys.push(secret.into());
        self
    }

    /// The public URL Twilio is configured with, up to the path the server sees:
    /// `https://abc.ngrok.app`, or `https://example.com/twilio` when the proxy strips
    /// `/twilio`. The request's path and query are appended to it.
    pub fn public_base_url(mut self, url: impl Into<String>) -> Self {
        self.base = Some(url.into());
        self
    }

    /// Read the scheme and host from `Forwarded` (`proto=`, `host=`), else `X-Forwarded-Proto`
    /// and `X-Forwarded-Host`, else the base URL's or the `Host` header. Off by default: only
    /// behind a proxy that sets (and overwrites) these headers.
    pub fn trust_forwarded_headers(mut self, trust: bool) -> Self {
        self.trust_forwarded = trust;
        self
    }

    /// The largest body accepted (the axum extractor and the tower layer answer `413` past it);
    /// [`DEFAULT_MAX_BODY_BYTES`] by default.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = Some(limit);
        self
    }

    /// The verifier, or what is missing or wrong in the configuration.
    pub fn build(self) -> Result<Verifier, VerifierConfigError> {
        if self.auth_token.is_none() && self.shared_keys.is_empty() {
            return Err(VerifierConfigError::NoKey);
        }
        if self.auth_token.as_deref() == Some("") || self.shared_keys.iter().any(String::is_empty) {
            return Err(VerifierConfigError::EmptyKey);
        }
        let base = self.base.as_deref().map(parse_base).transpose()?;
        if base.is_none() && !self.trust_forwarded {
            return Err(VerifierConfigError::NoPublicUrl);
        }
        let mut keys = self.shared_keys.into_iter();
        let shared_keys = keys
            .next()
            .map(|first| keys.fold(SharedKeyValidator::new(first), SharedKeyValidator::with_key));
        Ok(Verifier {
            inner: Arc::new(Inner {
                auth_token: self.auth_token.map(Validator::new),
                shared_keys,
                base,
                trust_forwarded: self.trust_forwarded,
                max_body_bytes: self.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
            }),
        })
    }
}

fn parse_base(text: &str) -> Result<Base, VerifierConfigError> {
    let bad = || VerifierConfigError::BadPublicUrl(text.to_owned());
    let (scheme, rest) = text.split_once("://").ok_or_else(bad)?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err(bad());
    }
    if rest.contains(['?', '#', '@']) {
        return Err(bad());
    }
    let (authority, prefix) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    if authority.is_empty() || url::Url::parse(text).is_err() {
        return Err(bad());
    }
    Ok(Base {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        prefix: prefix.trim_end_matches('/').to_owned(),
    })
}

/// What is wrong with a [`VerifierBuilder`]'s configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifierConfigError {
    /// Neither an auth token nor a shared key was given.
    NoKey,
    /// An auth token or shared key is empty.
    EmptyKey,
    /// No public base URL, and forwarded headers are not trusted: the public URL cannot be known.
    NoPublicUrl,
    /// The public base URL is not an absolute `http`/`https` URL without query, fragment or user
    /// info.
    BadPublicUrl(String),
}

impl fmt::Display for VerifierConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifierConfigError::NoKey => {
                f.write_str("the webhook verifier has neither an auth token nor a shared key")
            }
            VerifierConfigError::EmptyKey => {
                f.write_str("the webhook verifier was given an empty auth token or shared key")
            }
            VerifierConfigError::NoPublicUrl => f.write_str(
                "the webhook verifier needs a public base URL (or trust_forwarded_headers(true) \
                 behind a proxy that sets them) to know the URL Twilio signed",
            ),
            VerifierConfigError::BadPublicUrl(url) => write!(
                f,
                "`{url}` is not a public base URL (`https://host[:port][/prefix]`, no query)"
            ),
        }
    }
}

impl std::error::Error for VerifierConfigError {}

/// Why a webhook request was refused by a [`Verifier`] (or, for
/// [`NotConfigured`](Self::NotConfigured), why it could not be checked). Never shows a key.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// The signature is missing, malformed or wrong, or the body changed: `403`.
    Signature(SignatureError),
    /// The request says it is signed with a shared key, but the verifier has none (add the
    /// key with [`VerifierBuilder::shared_key`]): `500`, a server misconfiguration.
    NoSharedKey,
    /// The request has no settings header, so it is signed with the auth token, but the
    /// verifier has only shared keys: `403`.
    NoAuthToken,
    /// The settings header names an algorithm other than `HMAC_SHA256`, or is not text: `403`.
    UnsupportedAlgorithm,
    /// Forwarded headers are trusted but the request carries no host at all: `400`.
    NoHost,
    /// The body is larger than [`VerifierBuilder::max_body_bytes`]: `413`.
    BodyTooLarge,
    /// The body could not be read: `400`.
    BodyUnreadable,
    /// No [`Verifier`] was given to the axum extractor (it is looked up in the request's
    /// extensions: add `axum::Extension(verifier)` or the tower layer): `500`.
    NotConfigured,
}

impl VerifyError {
    /// The HTTP status to answer with.
    pub fn status(&self) -> http::StatusCode {
        match self {
            VerifyError::Signature(_)
            | VerifyError::NoAuthToken
            | VerifyError::UnsupportedAlgorithm => http::StatusCode::FORBIDDEN,
            VerifyError::NoHost | VerifyError::BodyUnreadable => http::StatusCode::BAD_REQUEST,
            VerifyError::BodyTooLarge => http::StatusCode::PAYLOAD_TOO_LARGE,
            VerifyError::NoSharedKey | VerifyError::NotConfigured => {
                http::StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Signature(error) => error.fmt(f),
            VerifyError::NoSharedKey => f.write_str(
                "the request is signed with a shared key (X-Twilio-Webhooks-Signature-Settings) \
                 but the webhook verifier has none",
            ),
            VerifyError::NoAuthToken => f.write_str(
                "the request is signed with the auth token (no \
                 X-Twilio-Webhooks-Signature-Settings) but the webhook verifier has only shared keys",
            ),
            VerifyError::UnsupportedAlgorithm => f.write_str(
                "the X-Twilio-Webhooks-Signature-Settings header names no supported algorithm \
                 (HMAC_SHA256)",
            ),
            VerifyError::NoHost => {
                f.write_str("the request has no Forwarded, X-Forwarded-Host or Host header")
            }
            VerifyError::BodyTooLarge => f.write_str("the webhook body is too large"),
            VerifyError::BodyUnreadable => f.write_str("the webhook body could not be read"),
            VerifyError::NotConfigured => f.write_str(
                "no twilio_endpoint::webhook::Verifier in the request's extensions: add \
                 `.layer(axum::Extension(verifier))` or the verifier's tower layer to the router",
            ),
        }
    }
}

impl std::error::Error for VerifyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VerifyError::Signature(error) => Some(error),
            _ => None,
        }
    }
}

impl From<SignatureError> for VerifyError {
    fn from(error: SignatureError) -> Self {
        VerifyError::Signature(error)
    }
}

impl Verifier {
    /// Configure a verifier.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// The largest body accepted.
    pub fn max_body_bytes(&self) -> usize {
        self.inner.max_body_bytes
    }

    /// The URL Twilio requested, rebuilt from the configuration and (when trusted) the
    /// forwarded headers, with the request's path and query.
    pub fn public_url(
        &self,
        uri: &http::Uri,
        headers: &http::HeaderMap,
    ) -> Result<String, VerifyError> {
        let path = uri.path_and_query().map_or("/", |pq| pq.as_str());
        let path = if path.starts_with('/') { path } else { "/" };
        let inner = &self.inner;
        let prefix = inner.base.as_ref().map_or("", |base| base.prefix.as_str());
        if !inner.trust_forwarded {
            let base = inner.base.as_ref().ok_or(VerifyError::NotConfigured)?;
            return Ok(format!(
                "{}://{}{prefix}{path}",
                base.scheme, base.authority
            ));
        }
        let forwarded = Forwarded::read(headers);
        let scheme = forwarded
            .proto
            .or_else(|| inner.base.as_ref().map(|base| base.scheme.clone()))
            .or_else(|| uri.scheme_str().map(str::to_owned))
            .unwrap_or_else(|| "http".to_owned());
        let host = forwarded
            .host
            .or_else(|| inner.base.as_ref().map(|base| base.authority.clone()))
            .or_else(|| header_text(headers, http::header::HOST.as_str()).map(str::to_owned))
            .or_else(|| uri.authority().map(|a| a.as_str().to_owned()))
            .ok_or(VerifyError::NoHost)?;
        Ok(format!("{scheme}://{host}{prefix}{path}"))
    }

    /// Checks a request given as its method, URI, headers and raw body.
    pub fn verify(
        &self,
        method: &http::Method,
        uri: &http::Uri,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<(), VerifyError> {
        let signer = self.signer(headers)?;
        let url = self.public_url(uri, headers)?;
        validate_parts(signer, method, headers, body, &url).map_err(VerifyError::Signature)
    }

    /// Checks an [`http::Request`] whose body has been read.
    pub fn verify_request<B: AsRef<[u8]>>(
        &self,
        request: &http::Request<B>,
    ) -> Result<(), VerifyError> {
        self.verify(
            request.method(),
            request.uri(),
            request.headers(),
            request.body().as_ref(),
        )
    }

    /// The scheme the request says it is signed with, if the verifier has its key.
    fn signer(&self, headers: &http::HeaderMap) -> Result<&dyn Signer, VerifyError> {
        match headers.get(SIGNATURE_SETTINGS_HEADER) {
            None => self
                .inner
                .auth_token
                .as_ref()
                .map(|v| v as &dyn Signer)
                .ok_or(VerifyError::NoAuthToken),
            Some(settings) => {
                let settings = settings
                    .to_str()
                    .map_err(|_| VerifyError::UnsupportedAlgorithm)?;
                if !names_hmac_sha256(settings) {
                    return Err(VerifyError::UnsupportedAlgorithm);
                }
                self.inner
                    .shared_keys
                    .as_ref()
                    .map(|v| v as &dyn Signer)
                    .ok_or(VerifyError::NoSharedKey)
            }
        }
    }
}

/// Whether a settings header (`key=…,algorithm=HMAC_SHA256`) names HMAC-SHA256.
fn names_hmac_sha256(settings: &str) -> bool {
    settings.split([',', ';']).any(|item| {
        item.split_once('=').is_some_and(|(name, value)| {
            name.trim().eq_ignore_ascii_case("algorithm")
                && value
                    .trim()
                    .trim_matches('"')
                    .eq_ignore_ascii_case("HMAC_SHA256")
        })
    })
}

fn header_text<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// The scheme and host the nearest proxy reports.
#[derive(Debug, Default, PartialEq)]
struct Forwarded {
    proto: Option<String>,
    host: Option<String>,
}

impl Forwarded {
    fn read(headers: &http::HeaderMap) -> Forwarded {
        let mut found = Forwarded::default();
        // RFC 7239: the first element is the one the first proxy (the public edge) added.
        if let Some(first) = header_text(headers, "forwarded").and_then(|v| v.split(',').next()) {
            for pair in first.split(';') {
                let Some((name, value)) = pair.split_once('=') else {
                    continue;
                };
                let value = value.trim().trim_matches('"');
                if value.is_empty() {
                    continue;
                }
                if name.trim().eq_ignore_ascii_case("proto") {
                    found.proto = Some(value.to_ascii_lowercase());
                } else if name.trim().eq_ignore_ascii_case("host") {
                    found.host = Some(value.to_owned());
                }
            }
        }
        let first_of = |name| {
            header_text(headers, name)
                .and_then(|v| v.split(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        if found.proto.is_none() {
            found.proto = first_of("x-forwarded-proto").map(str::to_ascii_lowercase);
        }
        if found.host.is_none() {
            found.host = first_of("x-forwarded-host").map(str::to_owned);
        }
        // Only what can be a scheme and an authority: anything else would change the URL's shape.
        found.proto = found.proto.filter(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-')
        });
        found.host = found
            .host
            .filter(|h| !h.contains(['/', '?', '#', '@', ' ']));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> http::HeaderMap {
        pairs
            .iter()
            .map(|(n, v)| {
                (
                    http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                    http::HeaderValue::from_str(v).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn forwarded_headers() {
        let read = |pairs: &[(&str, &str)]| Forwarded::read(&headers(pairs));
        assert_eq!(
            read(&[(
                "Forwarded",
                "for=1.2.3.4;proto=HTTPS;host=\"a.example:8443\", for=5.6.7.8;proto=http;host=b"
            )]),
            Forwarded {
                proto: Some("https".into()),
                host: Some("a.example:8443".into())
            }
        );
        assert_eq!(
            read(&[
                ("X-Forwarded-Proto", "https, http"),
                ("X-Forwarded-Host", "c.example, d")
            ]),
            Forwarded {
                proto: Some("https".into()),
                host: Some("c.example".into())
            }
        );
        // Forwarded wins; X-Forwarded-* fills what it lacks.
        assert_eq!(
            read(&[
                ("Forwarded", "proto=https"),
                ("X-Forwarded-Proto", "http"),
                ("X-Forwarded-Host", "e.example")
            ]),
            Forwarded {
                proto: Some("https".into()),
                host: Some("e.example".into())
            }
        );
        // A host that would change the URL's shape is not a host.
        assert_eq!(
            read(&[("X-Forwarded-Host", "evil.example/path?")]).host,
            None
        );
        assert_eq!(read(&[]), Forwarded::default());
    }

    #[test]
    fn settings_header() {
        assert!(names_hmac_sha256("key=KS123,algorithm=HMAC_SHA256"));
        assert!(names_hmac_sha256("algorithm=hmac_sha256"));
        assert!(!names_hmac_sha256("key=KS123,algorithm=HMAC_SHA1"));
        assert!(!names_hmac_sha256("key=HMAC_SHA256"));
        assert!(!names_hmac_sha256(""));
    }

    #[test]
    fn base_urls() {
        let base = parse_base("https://example.com/twilio/").unwrap();
        assert_eq!(
            (
                base.scheme.as_str(),
                base.authority.as_str(),
                base.prefix.as_str()
            ),
            ("https", "example.com", "/twilio")
        );
        assert_eq!(parse_base("http://localhost:3000").unwrap().prefix, "");
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://example.com?x=1",
            "https://u@example.com",
            "https://",
        ] {
            assert!(
                matches!(parse_base(bad), Err(VerifierConfigError::BadPublicUrl(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn configuration_errors() {
        assert_eq!(
            Verifier::builder()
                .public_base_url("https://a")
                .build()
                .unwrap_err(),
            VerifierConfigError::NoKey
        );
        assert_eq!(
            Verifier::builder().auth_token("t").build().unwrap_err(),
            VerifierConfigError::NoPublicUrl
        );
        assert_eq!(
            Verifier::builder()
                .shared_key("")
                .public_base_url("https://a")
                .build()
                .unwrap_err(),
            VerifierConfigError::EmptyKey
        );
        let verifier = Verifier::builder()
            .auth_token("tok-secret")
            .shared_key("key-secret")
            .trust_forwarded_headers(true)
            .build()
            .unwrap();
        let shown = format!("{verifier:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn public_url_sources() {
        let uri: http::Uri = "/sms?a=1".parse().unwrap();
        let forwarded = headers(&[
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "public.example"),
            ("Host", "10.0.0.1:8080"),
        ]);
        let configured = Verifier::builder()
            .auth_token("t")
            .public_base_url("https://abc.ngrok.app/prefix")
            .build()
            .unwrap();
        // Not trusted: the headers change nothing.
        assert_eq!(
            configured.public_url(&uri, &forwarded).unwrap(),
            "https://abc.ngrok.app/prefix/sms?a=1"
        );
        let trusting = Verifier::builder()
            .auth_token("t")
            .trust_forwarded_headers(true)
            .build()
            .unwrap();
        assert_eq!(
            trusting.public_url(&uri, &forwarded).unwrap(),
            "https://public.example/sms?a=1"
        );
        assert_eq!(
            trusting
                .public_url(&uri, &headers(&[("Host", "10.0.0.1:8080")]))
                .unwrap(),
            "http://10.0.0.1:8080/sms?a=1"
        );
        assert_eq!(
            trusting.public_url(&uri, &headers(&[])),
            Err(VerifyError::NoHost)
        );
    }
}
