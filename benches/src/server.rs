//! A loopback HTTP/1.1 server that answers every request as Twilio answers `UpdatePayments`:
//! `202 Accepted` with a Payment's JSON (or with any other [`Answer`] function). It reads each
//! request body whole and checks nothing, so that the time measured is the client's.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::thread::JoinHandle;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::sync::oneshot;

/// The body of every answer: the Payment that `UpdatePayments` returns.
pub const PAYMENT_JSON: &str = concat!(
    r#"{"account_sid":"AC0123456789abcdef0123456789abcdef","#,
    r#""call_sid":"CA0123456789abcdef0123456789abcdef","#,
    r#""sid":"PK0123456789abcdef0123456789abcdef","#,
    r#""date_created":"Wed, 18 Dec 2019 20:02:01 +0000","#,
    r#""date_updated":"Wed, 18 Dec 2019 20:02:02 +0000","#,
    r#""uri":"/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/"#,
    r#"CA0123456789abcdef0123456789abcdef/Payments/PK0123456789abcdef0123456789abcdef.json"}"#
);

/// A running loopback server, on its own thread; dropping it stops the server.
#[derive(Debug)]
pub struct Loopback {
    base_url: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Loopback {
    /// Starts a server on `127.0.0.1` and a free port, on a thread of its own with a
    /// single-threaded runtime, answering every request `202` with [`PAYMENT_JSON`].
    pub fn start() -> Loopback {
        Loopback::answering(Arc::new(|_| {
            let mut response = json_response(Bytes::from_static(PAYMENT_JSON.as_bytes()));
            *response.status_mut() = http::StatusCode::ACCEPTED;
            response
        }))
    }

    /// Starts a server like [`Loopback::start`] that answers each request with `answer`'s
    /// response to its method, URI and headers.
    pub fn answering(answer: Answer) -> Loopback {
        Loopback::serving(Arc::new(move |parts, _body| {
            let response = answer(&parts);
            Box::pin(async move { response })
        }))
    }

    /// Starts a server like [`Loopback::start`] that answers each request with what `handler`'s
    /// future gives for its head and whole body: a server that holds requests or counts them.
    pub fn serving(handler: Handler) -> Loopback {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("the loopback server could not bind a port on 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("the listener could not be made non-blocking");
        let address: SocketAddr = listener
            .local_addr()
            .expect("a bound listener has an address");
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("loopback-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("the server's runtime could not start");
                runtime.block_on(serve(listener, stopped, handler));
            })
            .expect("the server thread could not start");
        Loopback {
            base_url: format!("http://{address}"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Accepts connections until `stopped` fires; each connection is served on its own task.
async fn serve(
    listener: std::net::TcpListener,
    mut stopped: oneshot::Receiver<()>,
    handler: Handler,
) {
    let listener = tokio::net::TcpListener::from_std(listener)
        .expect("the listener could not join the server's runtime");
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let handler = Arc::clone(&handler);
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let handler = Arc::clone(&handler);
                        async move {
                            let (parts, body) = request.into_parts();
                            let body = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
                            Ok::<_, Infallible>(handler(parts, body).await)
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        }
    }
}

/// What a [`Loopback`] answers a request with (its body is read whole first, then dropped).
pub type Answer = Arc<dyn Fn(&http::request::Parts) -> Response<Full<Bytes>> + Send + Sync>;

/// The future a [`Handler`] gives: the answer, once ready.
pub type Answering = Pin<Box<dyn Future<Output = Response<Full<Bytes>>> + Send>>;

/// What [`Loopback::serving`] answers a request with: its head and whole body in, a future of
/// the answer out (run on the server's single thread).
pub type Handler = Arc<dyn Fn(http::request::Parts, Bytes) -> Answering + Send + Sync>;

/// `200 OK` with `body` as `application/json`.
pub fn json_response(body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}
