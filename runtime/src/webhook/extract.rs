//! `TwilioWebhook<T>`: the axum extractor.

use std::fmt;

use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::server::{read_and_verify, read_body, refusal, Verified};
use super::{from_form, is_json, Verifier, VerifyError};

/// A webhook request from Twilio whose signature has been checked, read into `T`
/// ([`IncomingMessage`](super::IncomingMessage), [`CallStatusCallback`](super::CallStatusCallback),
/// [`PaymentStatusCallback`](crate::payments::PaymentStatusCallback), `serde_json::Value`, or
/// any `Deserialize` type).
///
/// The extractor reads the raw body, checks the `X-Twilio-Signature` with the [`Verifier`]
/// found in the request's extensions (put there by `.layer(axum::Extension(verifier))`, or by
/// the verifier's [tower layer](Verifier::layer), which checks the request itself), and only
/// then parses it: a form body with [`from_form`], a JSON body (`Content-Type:
/// application/json`, signed through `bodySHA256`) with `serde_json`, a `GET`'s query string
/// as a form. The handler never runs for a request that fails:
///
/// | what | answer |
/// |---|---|
/// | missing, malformed or wrong signature; a body or URL other than the one signed | `403` |
/// | a body that is not a valid form or JSON, or does not fit `T` (the message names the field) | `400` |
/// | a body larger than [`VerifierBuilder::max_body_bytes`](super::VerifierBuilder::max_body_bytes) | `413` |
/// | no `Verifier` in the extensions; a shared-key request and no shared key configured | `500` |
///
/// ```
/// use axum::routing::post;
/// use axum::{Extension, Router};
/// use twilio_endpoint::twiml::MessagingResponse;
/// use twilio_endpoint::webhook::{IncomingMessage, TwilioWebhook, Verifier};
///
/// async fn sms(TwilioWebhook(message): TwilioWebhook<IncomingMessage>) -> MessagingResponse {
///     let body = message.body.unwrap_or_default();
///     MessagingResponse::new().message(format!("You said: {body}"))
/// }
///
/// let verifier = Verifier::builder()
///     .auth_token("your auth token")
///     .public_base_url("https://abc.ngrok.app")
///     .build()?;
/// let app: Router = Router::new()
///     .route("/sms", post(sms))
///     .layer(Extension(verifier));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TwilioWebhook<T>(pub T);

impl<T, S> FromRequest<S> for TwilioWebhook<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let verifier = parts.extensions.get::<Verifier>();
        let bytes = if parts.extensions.get::<Verified>().is_some() {
            // The tower layer checked it, and left the verifier for its limit.
            let limit = verifier.map_or(super::DEFAULT_MAX_BODY_BYTES, Verifier::max_body_bytes);
            read_body(body, limit).await?
        } else {
            let verifier = verifier.ok_or(VerifyError::NotConfigured)?;
            read_and_verify(verifier, &parts, body).await?
        };
        decode(&parts, &bytes).map(TwilioWebhook)
    }
}

/// The payload of a checked request, by its method and `Content-Type`.
fn decode<T: DeserializeOwned>(
    parts: &http::request::Parts,
    body: &[u8],
) -> Result<T, WebhookRejection> {
    let bad = |message: String| WebhookRejection {
        error: Kind::Payload(message),
    };
    if parts.method == http::Method::GET || parts.method == http::Method::HEAD {
        let query = parts.uri.query().unwrap_or("");
        return from_form(query.as_bytes()).map_err(|e| bad(e.to_string()));
    }
    if is_json(&parts.headers) {
        let deserializer = &mut serde_json::Deserializer::from_slice(body);
        serde_path_to_error::deserialize(deserializer).map_err(|error| {
            bad(format!(
                "cannot read the JSON body: `{}`: {}",
                error.path(),
                error.inner()
            ))
        })
    } else {
        from_form(body).map_err(|e| bad(e.to_string()))
    }
}

/// Why [`TwilioWebhook`] refused a request; answers with its [`status`](Self::status) and a
/// plain-text message that never shows a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookRejection {
    error: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Verify(VerifyError),
    Payload(String),
}

impl WebhookRejection {
    /// The HTTP status: `403` for a signature, `400` for a payload, `500` for a
    /// misconfiguration (see [`VerifyError::status`]).
    pub fn status(&self) -> http::StatusCode {
        match &self.error {
            Kind::Verify(error) => error.status(),
            Kind::Payload(_) => http::StatusCode::BAD_REQUEST,
        }
    }

    /// The verification error, if it was one (not a payload that does not fit).
    pub fn verify_error(&self) -> Option<&VerifyError> {
        match &self.error {
            Kind::Verify(error) => Some(error),
            Kind::Payload(_) => None,
        }
    }
}

impl From<VerifyError> for WebhookRejection {
    fn from(error: VerifyError) -> Self {
        WebhookRejection {
            error: Kind::Verify(error),
        }
    }
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.error {
            Kind::Verify(error) => error.fmt(f),
            Kind::Payload(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for WebhookRejection {}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(target: "twilio_endpoint::webhook", "{self}");
        } else {
            tracing::debug!(target: "twilio_endpoint::webhook", status = status.as_u16(), "refused: {self}");
        }
        refusal(status, self.to_string()).into_response()
    }
}
