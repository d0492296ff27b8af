//! A status callback receiver: a small hyper server that checks each callback's
//! `X-Twilio-Signature`, reads it into a [`PaymentStatusCallback`] and hands it on; anything
//! else is refused and never handed on.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use twilio_endpoint::payments::PaymentStatusCallback;
use twilio_endpoint::webhook::{from_form, Validator};

/// The largest callback body read; Twilio's are a few hundred bytes.
const MAX_BODY: usize = 64 * 1024;

/// A callback the receiver refused: it answered `status` and did not hand it on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status it answered: 403 for a bad signature, 400 for a body that is not a
    /// Payments callback, 405 for another method, 413 for a body too large.
    pub status: u16,
    /// Why, in words.
    pub reason: String,
}

/// What the connection tasks share with the receiver.
struct Inner {
    validator: Validator,
    /// `scheme://host[:port]` of the URL Twilio requests.
    public_origin: String,
    callbacks: mpsc::Sender<PaymentStatusCallback>,
    refusals: Mutex<Vec<Refusal>>,
}

/// Receives Payments status callbacks on a local address.
///
/// Every request's signature is checked with [`Validator`] against the URL Twilio requested
/// (the public origin plus the request's path and query, as received): a missing or wrong
/// `X-Twilio-Signature`, or one made for another URL or another body, is answered `403`,
/// printed, and never handed to [`next`](Self::next). Valid ones are answered `200`.
pub struct CallbackReceiver {
    url: String,
    local_addr: SocketAddr,
    inner: Arc<Inner>,
    callbacks: mpsc::Receiver<PaymentStatusCallback>,
    server: JoinHandle<()>,
}

impl CallbackReceiver {
    /// A receiver on `127.0.0.1` and a free port, whose callback URL is
    /// `http://127.0.0.1:PORT{path}`: for a Twilio stand-in on the same machine.
    pub async fn on_loopback(validator: Validator, path: &str) -> io::Result<CallbackReceiver> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}{path}", listener.local_addr()?);
        CallbackReceiver::serve(validator, listener, url)
    }

    /// A receiver listening on `listen`, reached by Twilio at `public_url` (a tunnel or proxy
    /// forwarding to `listen`): signatures are checked against `public_url`'s origin.
    pub async fn behind(
        validator: Validator,
        listen: SocketAddr,
        public_url: &str,
    ) -> io::Result<CallbackReceiver> {
        let listener = TcpListener::bind(listen).await?;
        CallbackReceiver::serve(validator, listener, public_url.to_owned())
    }

    fn serve(
        validator: Validator,
        listener: TcpListener,
        url: String,
    ) -> io::Result<CallbackReceiver> {
        let public_origin = origin(&url).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("the callback URL {url:?} is not an absolute http(s) URL"),
            )
        })?;
        let local_addr = listener.local_addr()?;
        let (sender, callbacks) = mpsc::channel(64);
        let inner = Arc::new(Inner {
            validator,
            public_origin,
            callbacks: sender,
            refusals: Mutex::new(Vec::new()),
        });
        let shared = Arc::clone(&inner);
        let server = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let inner = Arc::clone(&shared);
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let inner = Arc::clone(&inner);
                        async move { Ok::<_, Infallible>(inner.handle(request).await) }
                    });
                    // A connection that breaks off is the sender's problem, not the receiver's.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(CallbackReceiver {
            url,
            local_addr,
            inner,
            callbacks,
            server,
        })
    }

    /// The URL to give Twilio as `StatusCallback`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The local address the receiver listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The next valid callback, in arrival order; `None` if none comes within `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<PaymentStatusCallback> {
        tokio::time::timeout(wait, self.callbacks.recv())
            .await
            .ok()
            .flatten()
    }

    /// A valid callback that has already arrived, without waiting.
    pub fn try_next(&mut self) -> Option<PaymentStatusCallback> {
        self.callbacks.try_recv().ok()
    }

    /// Every callback refused so far.
    pub fn refusals(&self) -> Vec<Refusal> {
        self.inner
            .refusals
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for CallbackReceiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Inner {
    async fn handle(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let url = format!(
            "{}{}",
            self.public_origin,
            request
                .uri()
                .path_and_query()
                .map_or("/", |path| path.as_str())
        );
        match self.accept(request, &url).await {
            Ok(callback) => {
                // The driver has gone: nothing left to act on it, but it was valid.
                let _ = self.callbacks.send(callback).await;
                answer(StatusCode::OK, "")
            }
            Err(refusal) => {
                println!(
                    "   !! Refused a callback to {url}: {} (answered {}; not acted on)",
                    refusal.reason, refusal.status
                );
                let status = StatusCode::from_u16(refusal.status)
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                self.refusals
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(refusal);
                answer(status, "refused")
            }
        }
    }

    /// Checks the signature, then reads the form: a callback to act on, or why not.
    async fn accept(
        &self,
        request: Request<Incoming>,
        url: &str,
    ) -> Result<PaymentStatusCallback, Refusal> {
        let refuse = |status: u16, reason: String| Refusal { status, reason };
        if request.method() != hyper::Method::POST {
            return Err(refuse(405, format!("method {}", request.method())));
        }
        let (parts, body) = request.into_parts();
        let body = Limited::new(body, MAX_BODY)
            .collect()
            .await
            .map_err(|error| refuse(413, format!("body not read: {error}")))?
            .to_bytes();
        let request = Request::from_parts(parts, body);
        self.validator
            .validate_request(&request, url)
            .map_err(|error| refuse(403, format!("bad signature: {error}")))?;
        from_form(request.body())
            .map_err(|error| refuse(400, format!("not a Payments status callback: {error}")))
    }
}

fn answer(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response
}

/// `scheme://authority` of an absolute `http` or `https` URL.
fn origin(url: &str) -> Option<String> {
    let uri: Uri = url.parse().ok()?;
    let scheme = uri
        .scheme_str()
        .filter(|s| matches!(*s, "http" | "https"))?;
    Some(format!("{scheme}://{}", uri.authority()?))
}
