//! Receiving Twilio's webhooks: checking their `X-Twilio-Signature` ([`Validator`]) and reading
//! their form bodies into typed values ([`from_form`]).
//!
//! Twilio signs every request it sends to an application: the base64 of an HMAC-SHA1, keyed
//! with the account's auth token, over the full URL it requested followed by each form
//! parameter's name and value. [`Validator`] checks that signature the way Twilio's official
//! helper libraries do, and passes the test vectors of their suites.
//!
//! ```
//! use twilio_endpoint::payments::PaymentStatusCallback;
//! use twilio_endpoint::webhook::{from_form, Validator};
//!
//! let validator = Validator::new("12345");
//! let url = "https://example.com/payments?order=42";
//! let body = b"AccountSid=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Sid=PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
//!              &Capture=payment-card-number&PartialResult=true&Required=";
//! // In a handler, `signature` is the request's `X-Twilio-Signature` header.
//! let signature = validator.sign(url, body);
//!
//! validator.validate(url, body, &signature)?;
//! let callback: PaymentStatusCallback = from_form(body)?;
//! assert_eq!(callback.partial_result, Some(true));
//! assert!(callback.required.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "axum")]
mod extract;
mod form;
#[cfg(feature = "tower")]
mod layer;
mod payloads;
#[cfg(any(feature = "axum", feature = "tower"))]
mod server;
mod verifier;

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest as _, Sha256};

#[cfg(feature = "axum")]
pub use extract::{TwilioWebhook, WebhookRejection};
pub use form::{from_form, FormError};
#[cfg(feature = "tower")]
pub use layer::{WebhookLayer, WebhookService};
pub use payloads::{
    CallDirection, CallStatus, CallStatusCallback, IncomingCall, IncomingMessage, Media,
    MessageStatus, MessageStatusCallback, RecordingStatus, RecordingStatusCallback,
};
pub use verifier::{
    Verifier, VerifierBuilder, VerifierConfigError, VerifyError, DEFAULT_MAX_BODY_BYTES,
};

/// The header that carries Twilio's signature.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// The query parameter that carries the SHA-256 of a JSON body.
pub const BODY_HASH_PARAMETER: &str = "bodySHA256";

/// The header Twilio adds when a Webhook Rule has it sign with a shared key instead of the auth
/// token: `key=<the shared key's id>,algorithm=HMAC_SHA256`.
pub const SIGNATURE_SETTINGS_HEADER: &str = "X-Twilio-Webhooks-Signature-Settings";

type HmacSha1 = Hmac<Sha1>;
type HmacSha256 = Hmac<Sha256>;

/// Checks (and makes) the `X-Twilio-Signature` of requests Twilio sends to an application.
///
/// Holds the account's auth token, which its `Debug` never shows.
///
/// The signature covers the URL exactly as Twilio requested it, so give the URL that Twilio
/// was configured with (the public one: behind a proxy or a TLS terminator, the URL the server
/// sees is not it). The URL is hashed as given: host case, user info, `%`-escapes and the order
/// of the query are kept. As Twilio's libraries do, a signature over the URL with its port and
/// one over the URL without it are both accepted: a URL with a port is also tried without it,
/// and a URL without a port (`http` or `https`) also with the scheme's default port.
///
/// ```
/// use twilio_endpoint::webhook::{SignatureError, Validator};
///
/// // A vector of Twilio's helper libraries (twilio-python, tests/unit/test_request_validator.py).
/// let validator = Validator::new("12345");
/// let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
/// let body = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
///              &From=%2B14158675309&To=%2B18005551212";
/// assert_eq!(validator.validate(url, body, "RSOYDt4T1cUTdK1PDd93/VVr8B8="), Ok(()));
/// assert_eq!(
///     validator.validate(url, b"Digits=1235", "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
///     Err(SignatureError::Mismatch)
/// );
/// assert_eq!(format!("{validator:?}"), "Validator { auth_token: \"***\" }");
/// ```
///
/// The signature covers what Twilio's algorithm signs, no more: names and values are joined with
/// nothing between them, so two bodies whose sorted names and values concatenate to the same text
/// (`d=daa` and `d&daa`) carry the same signature. Read the parameters from the body you
/// validated, and do not let a missing or empty parameter decide anything security-relevant.
#[derive(Clone)]
pub struct Validator {
    auth_token: String,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field("auth_token", &"***")
            .finish()
    }
}

/// Why a webhook request's signature was refused. Never shows the auth token.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request has no `X-Twilio-Signature` header.
    MissingHeader,
    /// The `X-Twilio-Signature` header is not text.
    MalformedHeader,
    /// The signature is not the one Twilio would send for this URL and body (a wrong token, a
    /// changed URL or body, or a signature that is not base64).
    Mismatch,
    /// A JSON body's URL has no `bodySHA256` query parameter.
    MissingBodyHash,
    /// The body's SHA-256 is not the URL's `bodySHA256`: the body was changed.
    BodyHashMismatch,
    /// The form body is not text (`application/x-www-form-urlencoded` is ASCII).
    MalformedBody,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureError::MissingHeader => "the request has no X-Twilio-Signature header",
            SignatureError::MalformedHeader => "the X-Twilio-Signature header is not text",
            SignatureError::Mismatch => {
                "the X-Twilio-Signature does not match the URL and body (check the auth token \
                 and that the URL is the public one Twilio requested)"
            }
            SignatureError::MissingBodyHash => {
                "the URL of a JSON body has no bodySHA256 query parameter"
            }
            SignatureError::BodyHashMismatch => {
                "the body's SHA-256 does not match the URL's bodySHA256"
            }
            SignatureError::MalformedBody => "the form body is not UTF-8 text",
        })
    }
}

impl std::error::Error for SignatureError {}

impl Validator {
    /// A validator for the account whose auth token this is.
    pub fn new(auth_token: impl Into<String>) -> Self {
        Validator {
            auth_token: auth_token.into(),
        }
    }

    /// The signature Twilio sends for a form (or, with `b""`, a GET) request to `url`: useful
    /// in tests and in stand-ins that play Twilio.
    ///
    /// `form_body` is decoded as `application/x-www-form-urlencoded` (`+` is a space, `%XX` a
    /// byte); the names are sorted byte-wise, and a repeated name contributes each of its
    /// distinct values in sorted order.
    ///
    /// ```
    /// use twilio_endpoint::webhook::Validator;
    ///
    /// let validator = Validator::new("12345");
    /// let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    /// // The order of the body does not matter, nor does a value's encoding.
    /// assert_eq!(
    ///     validator.sign(url, b"Digits=1234&Sid=CA123&Digits=5678&SidAccount=AC123"),
    ///     validator.sign(url, b"SidAccount=AC123&Digits=5678&Sid=CA%31%323&Digits=1234"),
    /// );
    /// ```
    pub fn sign(&self, url: &str, form_body: &[u8]) -> String {
        sign_with::<HmacSha1>(self.auth_token.as_bytes(), url, form_body)
    }

    /// Checks the signature of a form POST (`application/x-www-form-urlencoded`) or, with
    /// `b""`, a GET: `url` is the full URL Twilio requested, `form_body` the raw body as
    /// received, `signature` the `X-Twilio-Signature` header.
    pub fn validate(
        &self,
        url: &str,
        form_body: &[u8],
        signature: &str,
    ) -> Result<(), SignatureError> {
        validate_form(self, url, form_body, signature)
    }

    /// Checks the signature of a request with a JSON (or any non-form) body: the URL carries
    /// the body's SHA-256 in its `bodySHA256` query parameter, the signature covers the URL
    /// alone. Both are checked.
    ///
    /// ```
    /// use twilio_endpoint::webhook::{SignatureError, Validator};
    ///
    /// // A vector of Twilio's helper libraries (twilio-java, RequestValidatorTest.java).
    /// let validator = Validator::new("12345");
    /// let body = br#"{"property": "value", "boolean": true}"#;
    /// let url = "https://mycompany.com/myapp.php?foo=1&bar=2\
    ///            &bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    /// assert_eq!(validator.validate_json(url, body, "a9nBmqA0ju/hNViExpshrM61xv4="), Ok(()));
    /// assert_eq!(
    ///     validator.validate_json(url, br#"{"property": "other", "boolean": true}"#, "a9nBmqA0ju/hNViExpshrM61xv4="),
    ///     Err(SignatureError::BodyHashMismatch)
    /// );
    /// ```
    pub fn validate_json(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
    ) -> Result<(), SignatureError> {
        validate_json_body(self, url, body, signature)
    }

    /// Checks an [`http::Request`] as received, whatever the server framework: reads the
    /// `X-Twilio-Signature` header, and picks the check from the method and the
    /// `Content-Type` (a GET or HEAD has no parameters, a JSON body goes through
    /// [`validate_json`](Self::validate_json), anything else is read as a form).
    ///
    /// `public_url` is the URL Twilio requested: the request's own URI is only its path and
    /// query, and behind a proxy or a TLS terminator its scheme, host and port differ.
    ///
    /// ```
    /// use twilio_endpoint::webhook::{SignatureError, Validator};
    ///
    /// let validator = Validator::new("12345");
    /// let url = "https://example.com/payments";
    /// let body = "Sid=PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Capture=payment-card-number";
    /// let request = http::Request::post("/payments")
    ///     .header("Content-Type", "application/x-www-form-urlencoded")
    ///     .header("X-Twilio-Signature", validator.sign(url, body.as_bytes()))
    ///     .body(body)
    ///     .unwrap();
    /// assert_eq!(validator.validate_request(&request, url), Ok(()));
    /// assert_eq!(
    ///     validator.validate_request(&request, "http://10.0.0.7:8080/payments"),
    ///     Err(SignatureError::Mismatch)
    /// );
    /// ```
    pub fn validate_request<B: AsRef<[u8]>>(
        &self,
        request: &http::Request<B>,
        public_url: &str,
    ) -> Result<(), SignatureError> {
        validate_http_request(self, request, public_url)
    }
}

impl Signer for Validator {
    fn check(
        &self,
        url: &str,
        params: &[(Cow<'_, str>, Cow<'_, str>)],
        signature: &str,
    ) -> Result<(), SignatureError> {
        check_with::<HmacSha1>(&[self.auth_token.as_bytes()], url, params, signature)
    }
}

/// Checks (and makes) the `X-Twilio-Signature` of webhooks Twilio signs with a **shared key**
/// (HMAC-SHA256) instead of the auth token.
///
/// Twilio signs this way when a Webhook Rule matching the URL names a Webhook Setting whose
/// signature uses a SharedKey; it then adds the header
/// [`X-Twilio-Webhooks-Signature-Settings`](SIGNATURE_SETTINGS_HEADER)
/// (`key=…,algorithm=HMAC_SHA256`). Only the hash changes: the signed text is the same as for
/// [`Validator`] (the URL, then the sorted form parameters; for JSON, the URL with its
/// `bodySHA256`), the signature the base64 of the HMAC-SHA256 keyed with the key's secret. Both
/// port variants of the URL are accepted, as with [`Validator`].
///
/// **Rotation**: while one key replaces another, give both ([`with_key`](Self::with_key)); a
/// signature made with any of them is accepted, each compared in constant time. [`sign`](Self::sign)
/// signs with the first.
///
/// Its `Debug` shows how many keys it holds, never a key.
///
/// ```
/// use twilio_endpoint::webhook::{SharedKeyValidator, SignatureError};
///
/// let old = SharedKeyValidator::new("old-secret");
/// let new = SharedKeyValidator::new("new-secret");
/// let during_rotation = SharedKeyValidator::new("new-secret").with_key("old-secret");
/// let url = "https://example.com/sms";
/// let body = b"MessageSid=SM1&Body=hi";
/// assert_eq!(during_rotation.validate(url, body, &old.sign(url, body)), Ok(()));
/// assert_eq!(during_rotation.validate(url, body, &new.sign(url, body)), Ok(()));
/// assert_eq!(new.validate(url, body, &old.sign(url, body)), Err(SignatureError::Mismatch));
/// assert_eq!(format!("{during_rotation:?}"), "SharedKeyValidator { keys: \"*** (2)\" }");
/// ```
#[derive(Clone)]
pub struct SharedKeyValidator {
    keys: Vec<String>,
}

impl fmt::Debug for SharedKeyValidator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedKeyValidator")
            .field("keys", &format_args!("\"*** ({})\"", self.keys.len()))
            .finish()
    }
}

impl SharedKeyValidator {
    /// A validator for the shared key whose secret this is (the `secret` Twilio returned when
    /// the SharedKey was created).
    pub fn new(secret: impl Into<String>) -> Self {
        SharedKeyValidator {
            keys: vec![secret.into()],
        }
    }

    /// Also accepts signatures made with this key (during a rotation: the key being replaced
    /// or the one replacing it).
    #[must_use]
    pub fn with_key(mut self, secret: impl Into<String>) -> Self {
        self.keys.push(secret.into());
        self
    }

    /// How many keys are accepted.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// The signature Twilio sends for a form (or, with `b""`, a GET or JSON) request to `url`,
    /// made with the first key: for tests and stand-ins that play Twilio.
    pub fn sign(&self, url: &str, form_body: &[u8]) -> String {
        let key = self.keys.first().map_or(&b""[..], |key| key.as_bytes());
        sign_with::<HmacSha256>(key, url, form_body)
    }

    /// Checks the signature of a form POST or, with `b""`, a GET, as
    /// [`Validator::validate`] does, against every key.
    pub fn validate(
        &self,
        url: &str,
        form_body: &[u8],
        signature: &str,
    ) -> Result<(), SignatureError> {
        validate_form(self, url, form_body, signature)
    }

    /// Checks the signature of a request with a JSON body and the URL's `bodySHA256`, as
    /// [`Validator::validate_json`] does, against every key.
    pub fn validate_json(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
    ) -> Result<(), SignatureError> {
        validate_json_body(self, url, body, signature)
    }
}

impl Signer for SharedKeyValidator {
    fn check(
        &self,
        url: &str,
        params: &[(Cow<'_, str>, Cow<'_, str>)],
        signature: &str,
    ) -> Result<(), SignatureError> {
        let keys: Vec<&[u8]> = self.keys.iter().map(|key| key.as_bytes()).collect();
        check_with::<HmacSha256>(&keys, url, params, signature)
    }
}

/// One signing scheme: whether a signature is that of a URL and parameters.
pub(crate) trait Signer {
    /// Whether `signature` is the signature of `url` (or its port variant) and `params`,
    /// compared in constant time.
    fn check(
        &self,
        url: &str,
        params: &[(Cow<'_, str>, Cow<'_, str>)],
        signature: &str,
    ) -> Result<(), SignatureError>;
}

fn validate_form(
    signer: &dyn Signer,
    url: &str,
    form_body: &[u8],
    signature: &str,
) -> Result<(), SignatureError> {
    if std::str::from_utf8(form_body).is_err() {
        return Err(SignatureError::MalformedBody);
    }
    signer.check(url, &sorted_params(form_body), signature)
}

fn validate_json_body(
    signer: &dyn Signer,
    url: &str,
    body: &[u8],
    signature: &str,
) -> Result<(), SignatureError> {
    let expected_hash = body_hash_parameter(url).ok_or(SignatureError::MissingBodyHash)?;
    signer.check(url, &[], signature)?;
    if expected_hash.eq_ignore_ascii_case(&body_sha256(body)) {
        Ok(())
    } else {
        Err(SignatureError::BodyHashMismatch)
    }
}

/// The `X-Twilio-Signature` of a request's headers.
pub(crate) fn signature_header(headers: &http::HeaderMap) -> Result<&str, SignatureError> {
    headers
        .get(SIGNATURE_HEADER)
        .ok_or(SignatureError::MissingHeader)?
        .to_str()
        .map_err(|_| SignatureError::MalformedHeader)
}

/// Checks a request given as its parts: the method and `Content-Type` pick the check.
pub(crate) fn validate_parts(
    signer: &dyn Signer,
    method: &http::Method,
    headers: &http::HeaderMap,
    body: &[u8],
    public_url: &str,
) -> Result<(), SignatureError> {
    let signature = signature_header(headers)?;
    if method == http::Method::GET || method == http::Method::HEAD {
        return validate_form(signer, public_url, b"", signature);
    }
    if is_json(headers) {
        validate_json_body(signer, public_url, body, signature)
    } else {
        validate_form(signer, public_url, body, signature)
    }
}

fn validate_http_request<B: AsRef<[u8]>>(
    signer: &dyn Signer,
    request: &http::Request<B>,
    public_url: &str,
) -> Result<(), SignatureError> {
    validate_parts(
        signer,
        request.method(),
        request.headers(),
        request.body().as_ref(),
        public_url,
    )
}

/// The HMAC over `url` and the sorted parameters, not yet finalized.
fn mac<M: Mac + hmac::digest::KeyInit>(
    key: &[u8],
    url: &str,
    params: &[(Cow<'_, str>, Cow<'_, str>)],
) -> M {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let mut mac = <M as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(url.as_bytes());
    for (name, value) in params {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

fn sign_with<M: Mac + hmac::digest::KeyInit>(key: &[u8], url: &str, form_body: &[u8]) -> String {
    let params = sorted_params(form_body);
    BASE64.encode(mac::<M>(key, url, &params).finalize().into_bytes())
}

/// Whether `signature` is the signature of `url` (or its port variant) and `params` under any
/// of `keys`, each compared in constant time.
fn check_with<M: Mac + hmac::digest::KeyInit>(
    keys: &[&[u8]],
    url: &str,
    params: &[(Cow<'_, str>, Cow<'_, str>)],
    signature: &str,
) -> Result<(), SignatureError> {
    let Ok(given) = BASE64.decode(signature.trim()) else {
        return Err(SignatureError::Mismatch);
    };
    let other = port_variant(url);
    let matches = |key: &[u8], candidate: &str| {
        mac::<M>(key, candidate, params)
            .verify_slice(&given)
            .is_ok()
    };
    let any = keys
        .iter()
        .any(|key| matches(key, url) || other.as_deref().is_some_and(|other| matches(key, other)));
    if any {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The decoded pairs of a form body, in the order Twilio signs them: names byte-wise, and for a
/// repeated name its distinct values sorted.
fn sorted_params(form_body: &[u8]) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    let mut params: Vec<_> = form_urlencoded::parse(form_body).collect();
    params.sort_unstable();
    params.dedup();
    params
}

/// The lowercase hex SHA-256 of `body`, as Twilio puts it in the `bodySHA256` query parameter
/// of a request with a JSON body (for stand-ins and tests that play Twilio).
///
/// ```
/// // twilio-node spec/validation.spec.js: the hash of `{}`.
/// assert_eq!(
///     twilio_endpoint::webhook::body_sha256(b"{}"),
///     "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
/// );
/// ```
pub fn body_sha256(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The `bodySHA256` query parameter of `url`, decoded.
fn body_hash_parameter(url: &str) -> Option<String> {
    let without_fragment = url.split_once('#').map_or(url, |(before, _)| before);
    let (_, query) = without_fragment.split_once('?')?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == BODY_HASH_PARAMETER)
        .map(|(_, value)| value.into_owned())
}

/// Whether the request's `Content-Type` is JSON (`application/json`, `…+json`).
fn is_json(headers: &http::HeaderMap) -> bool {
    let Some(content_type) = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence
            .get(essence.len().saturating_sub(5)..)
            .is_some_and(|suffix| suffix.eq_ignore_ascii_case("+json"))
}

/// The other form of `url` that Twilio's libraries also accept: without its port if it has
/// one, else with the scheme's default port (`http` 80, `https` 443). Nothing else of the URL
/// changes. `None` for a URL without an authority or an unknown scheme without a port.
fn port_variant(url: &str) -> Option<String> {
    let authority_start = url.find("://")? + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |end| authority_start + end);
    let host_start = url[authority_start..authority_end]
        .rfind('@')
        .map_or(authority_start, |at| authority_start + at + 1);
    let host_and_port = &url[host_start..authority_end];
    // An IPv6 literal's colons are inside its brackets.
    let host_len = match host_and_port.strip_prefix('[') {
        Some(literal) => literal.find(']')? + 2,
        None => host_and_port.find(':').unwrap_or(host_and_port.len()),
    };
    let host_end = host_start + host_len;
    let (before, port, after) = (
        &url[..host_end],
        &url[host_end..authority_end],
        &url[authority_end..],
    );
    if port.is_empty() {
        let scheme = &url[..authority_start - 3];
        let default_port = if scheme.eq_ignore_ascii_case("https") {
            ":443"
        } else if scheme.eq_ignore_ascii_case("http") {
            ":80"
        } else {
            return None;
        };
        Some(format!("{before}{default_port}{after}"))
    } else {
        // A port is `:` and digits; anything else there is not a URL Twilio requested.
        let digits = port.strip_prefix(':')?;
        let is_port = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        is_port.then(|| format!("{before}{after}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_variants_change_only_the_port() {
        let cases = [
            (
                "https://example.com/cb?a=1",
                Some("https://example.com:443/cb?a=1"),
            ),
            (
                "https://example.com:1234/cb",
                Some("https://example.com/cb"),
            ),
            ("http://Example.COM", Some("http://Example.COM:80")),
            ("http://example.com:80?x=1", Some("http://example.com?x=1")),
            (
                "https://u:p@example.com/cb",
                Some("https://u:p@example.com:443/cb"),
            ),
            (
                "https://u:p@example.com:8443/cb",
                Some("https://u:p@example.com/cb"),
            ),
            ("https://[::1]:8443/cb", Some("https://[::1]/cb")),
            ("https://[::1]/cb", Some("https://[::1]:443/cb")),
            (
                "https://example.com#a:1",
                Some("https://example.com:443#a:1"),
            ),
            ("ftp://example.com/cb", None),
            ("ftp://example.com:21/cb", Some("ftp://example.com/cb")),
            ("example.com/cb", None),
            ("https://[::1/cb", None),
            ("https://example.com:443:443/cb", None),
            ("https://example.com:/cb", None),
            ("https://[::1]x/cb", None),
        ];
        for (url, expected) in cases {
            assert_eq!(port_variant(url).as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn body_hash_is_lowercase_hex_sha256() {
        // twilio-node spec/validation.spec.js: the SHA-256 of `{}`.
        assert_eq!(
            body_sha256(b"{}"),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        assert_eq!(
            body_hash_parameter("https://x.com/a?b=1&bodySHA256=AB%63#bodySHA256=no").as_deref(),
            Some("ABc")
        );
        assert_eq!(body_hash_parameter("https://x.com/a?b=1"), None);
    }

    #[test]
    fn params_sort_by_name_then_distinct_value() {
        let sorted = sorted_params(b"b=2&a=z&B=1&a=y&a=z&a+b=%2B");
        let pairs: Vec<(&str, &str)> = sorted.iter().map(|(n, v)| (&**n, &**v)).collect();
        assert_eq!(
            pairs,
            [("B", "1"), ("a", "y"), ("a", "z"), ("a b", "+"), ("b", "2")]
        );
    }

    #[test]
    fn json_content_types() {
        let mut headers = http::HeaderMap::new();
        assert!(!is_json(&headers));
        for (value, json) in [
            ("application/json", true),
            ("Application/JSON; charset=utf-8", true),
            ("application/cloudevents+json", true),
            ("application/x-www-form-urlencoded", false),
            ("text/plain", false),
        ] {
            headers.insert(http::header::CONTENT_TYPE, value.parse().unwrap());
            assert_eq!(is_json(&headers), json, "{value}");
        }
    }

    #[test]
    fn errors_and_debug_never_show_the_token() {
        let token = "s3cr3t-auth-token";
        let validator = Validator::new(token);
        assert!(!format!("{validator:?}").contains(token));
        let errors = [
            validator.validate("https://x.com", b"", "bad"),
            validator.validate_json("https://x.com", b"{}", "bad"),
            validator.validate_json(
                "https://x.com?bodySHA256=00",
                b"{}",
                &validator.sign("https://x.com?bodySHA256=00", b""),
            ),
            validator.validate("https://x.com", b"\xff", "bad"),
        ];
        for error in errors {
            let error = error.unwrap_err();
            assert!(!error.to_string().contains(token));
            assert!(!format!("{error:?}").contains(token));
        }
    }
}
