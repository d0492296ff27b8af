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

#[cfg(test)]
mod tests {
    use std::convert::Infallible;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use http_body_util::BodyExt as _;
    use tower_layer::Layer as _;
    use tower_service::Service as _;

    use super::*;
    use crate::webhook::Validator;

    /// An inner service outside axum (as under hyper): counts its calls, echoes the body.
    #[derive(Clone, Default)]
    struct Echo(Arc<AtomicUsize>);

    impl tower_service::Service<http::Request<Full<Bytes>>> for Echo {
        type Response = http::Response<Full<Bytes>>;
        type Error = Infallible;
        type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, request: http::Request<Full<Bytes>>) -> Self::Future {
            self.0.fetch_add(1, Ordering::SeqCst);
            let marked = request.extensions().get::<Verified>().is_some();
            Box::pin(async move {
                let body = request.into_body().collect().await?.to_bytes();
                assert!(marked, "a checked request carries the mark");
                Ok(http::Response::new(Full::new(body)))
            })
        }
    }

    async fn call(
        service: &mut WebhookService<Echo>,
        signature: &str,
    ) -> (http::StatusCode, Bytes) {
        let request = http::Request::post("/hook?x=1")
            .header("X-Twilio-Signature", signature)
            .body(Full::new(Bytes::from_static(b"Body=hi")))
            .unwrap();
        let response = service.call(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, body)
    }

    #[tokio::test]
    async fn wraps_any_tower_service() {
        let verifier = Verifier::builder()
            .auth_token("tok")
            .public_base_url("https://example.com")
            .build()
            .unwrap();
        let echo = Echo::default();
        let mut service = verifier.layer().layer(echo.clone());
        let good = Validator::new("tok").sign("https://example.com/hook?x=1", b"Body=hi");
        assert_eq!(
            call(&mut service, &good).await,
            (http::StatusCode::OK, Bytes::from_static(b"Body=hi"))
        );
        let (status, body) = call(&mut service, "bad").await;
        assert_eq!(status, http::StatusCode::FORBIDDEN);
        assert!(!body.is_empty());
        assert_eq!(echo.0.load(Ordering::SeqCst), 1);
    }
}
