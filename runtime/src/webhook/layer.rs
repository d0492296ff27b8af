//! `WebhookLayer`: the signature check as a tower layer, for a whole router.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{Either, Full};

use super::server::{read_and_verify, refusal, Verified};
use super::Verifier;

/// A tower [`Layer`](tower_layer::Layer) that checks the signature of every request before the
/// service it wraps sees it: one line for a whole group of axum routes
/// (`Router::layer(verifier.layer())`), or around any tower service under hyper.
///
/// A refused request is answered as [`TwilioWebhook`](super::TwilioWebhook) would (`403`,
/// `413`, `400`, `500`; see its table) and the inner service never runs. A checked one reaches
/// it with its body read into a [`Full<Bytes>`](http_body_util::Full), and with the
/// [`Verifier`] and a private mark in its extensions, so that `TwilioWebhook<T>` in the
/// handler parses without checking again.
///
/// ```
/// use axum::routing::post;
/// use axum::Router;
/// use twilio_endpoint::webhook::Verifier;
///
/// let verifier = Verifier::builder()
///     .auth_token("your auth token")
///     .public_base_url("https://example.com")
///     .build()?;
/// let twilio_routes: Router = Router::new()
///     .route("/sms", post(|| async { "<Response/>" }))
///     .route("/voice", post(|| async { "<Response/>" }))
///     .layer(verifier.layer());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct WebhookLayer {
    verifier: Verifier,
}

impl Verifier {
    /// The tower layer that checks every request with this verifier.
    pub fn layer(&self) -> WebhookLayer {
        WebhookLayer {
            verifier: self.clone(),
        }
    }
}

impl<S> tower_layer::Layer<S> for WebhookLayer {
    type Service = WebhookService<S>;

    fn layer(&self, inner: S) -> WebhookService<S> {
        WebhookService {
            inner,
            verifier: self.verifier.clone(),
        }
    }
}

/// The service [`WebhookLayer`] wraps around another.
#[derive(Clone, Debug)]
pub struct WebhookService<S> {
    inner: S,
    verifier: Verifier,
}

impl<S, B, ResBody> tower_service::Service<http::Request<B>> for WebhookService<S>
where
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S: tower_service::Service<http::Request<Full<Bytes>>, Response = http::Response<ResBody>>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
{
    type Response = http::Response<Either<ResBody, Full<Bytes>>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        // The service that was made ready serves this request; a fresh clone waits for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let verifier = self.verifier.clone();
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            match read_and_verify(&verifier, &parts, body).await {
                Ok(bytes) => {
                    parts.extensions.insert(Verified);
                    parts.extensions.insert(verifier);
                    let request = http::Request::from_parts(parts, Full::new(bytes));
                    let response = inner.call(request).await?;
                    Ok(response.map(Either::Left))
                }
                Err(error) => {
                    let status = error.status();
                    if status.is_server_error() {
                        tracing::error!(target: "twilio_endpoint::webhook", "{error}");
                    }
                    Ok(refusal(status, error.to_string())
                        .map(|text| Either::Right(Full::from(text))))
                }
            }
        })
    }
}
