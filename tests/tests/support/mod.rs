//! A loopback HTTP/1.1 server that misbehaves on purpose, for the reliability and fault tests:
//! it answers any status with any headers, drops connections without answering, answers late,
//! or sends its headers and then stalls the body. It records every request it receives.
//!
//! What it does is a script: a function of the request and of how many requests with the same
//! identity (its `IdempotencyKey`, or its path and query) came before it.

#![allow(dead_code)] // Each test file uses part of it.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use twilio_endpoint::Client;

pub const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
pub const CALL: &str = "CA0123456789abcdef0123456789abcdef";
pub const PAYMENT: &str = "PK0123456789abcdef0123456789abcdef";
pub const TOKEN: &str = "reliability-auth-token-5f3c2a91";

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// When it arrived.
    pub at: Instant,
}

impl Received {
    /// The form body's pairs.
    pub fn form(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(&self.body).into_owned().collect()
    }

    /// The `IdempotencyKey` of the body, or else the path and query: what ties the attempts
    /// of one call together.
    pub fn identity(&self) -> String {
        self.form()
            .into_iter()
            .find(|(key, _)| key == "IdempotencyKey")
            .map_or_else(|| self.target.clone(), |(_, value)| value)
    }

    /// A header's value, or "" without it.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answers with a status, headers and body.
    Answer {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Closes the connection without answering.
    Drop,
    /// Waits, then does the rest.
    Slow(Duration, Box<Fault>),
    /// Sends the status and headers at once, then the body after a wait, in two chunks and
    /// without a `Content-Length`.
    SlowBody {
        status: u16,
        wait: Duration,
        body: String,
    },
}

impl Fault {
    /// A JSON answer.
    pub fn json(status: u16, body: impl Into<String>) -> Fault {
        Fault::Answer {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.into(),
        }
    }

    /// Twilio's error JSON for `status` with `code`.
    pub fn twilio(status: u16, code: u32) -> Fault {
        Fault::json(
            status,
            format!(r#"{{"code": {code}, "message": "fault {status}", "status": {status}}}"#),
        )
    }

    /// A text answer that is not Twilio's JSON.
    pub fn text(status: u16, body: &str) -> Fault {
        Fault::Answer {
            status,
            headers: vec![("content-type", "text/html".into())],
            body: body.into(),
        }
    }

    /// The same answer with one more header.
    pub fn with_header(self, name: &'static str, value: impl Into<String>) -> Fault {
        match self {
            Fault::Answer {
                status,
                mut headers,
                body,
            } => {
                headers.push((name, value.into()));
                Fault::Answer {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }

    /// This fault after a wait.
    pub fn after(self, wait: Duration) -> Fault {
        Fault::Slow(wait, Box::new(self))
    }
}

/// A Payments resource, as both Payments endpoints answer.
pub fn payment_json() -> String {
    format!(r#"{{"account_sid": "{ACCOUNT}", "call_sid": "{CALL}", "sid": "{PAYMENT}"}}"#)
}

type Script = dyn Fn(&Received, usize) -> Fault + Send + Sync;

/// The running server; it stops accepting when dropped.
pub struct FaultServer {
    uri: String,
    log: Arc<Mutex<Vec<Received>>>,
    accept: tokio::task::JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl FaultServer {
    /// Starts a server on 127.0.0.1 that answers as `script` says.
    pub async fn start(script: impl Fn(&Received, usize) -> Fault + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let uri = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let state = (log.clone(), script);
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = state.clone();
                let service = service_fn(move |request| {
                    let (log, script) = state.clone();
                    async move { answer(request, &log, &*script).await }
                });
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service),
                );
            }
        });
        FaultServer { uri, log, accept }
    }

    /// A server that answers every request the same way.
    pub async fn always(fault: Fault) -> Self {
        FaultServer::start(move |_, _| fault.clone()).await
    }

    /// A server that answers the n-th request of each identity with `faults[n]`, and with the
    /// last of them after that.
    pub async fn sequence(faults: Vec<Fault>) -> Self {
        FaultServer::start(move |_, n| faults[n.min(faults.len() - 1)].clone()).await
    }

    /// `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// A client of this server with Twilio's credentials and `policy`.
    pub fn client(
        &self,
        configure: impl FnOnce(twilio_endpoint::ClientBuilder) -> twilio_endpoint::ClientBuilder,
    ) -> Client {
        configure(
            Client::builder()
                .account_sid(ACCOUNT)
                .auth_token(TOKEN)
                .base_url(self.uri()),
        )
        .build()
        .unwrap()
    }

    /// Every request received, in order of arrival.
    pub fn received(&self) -> Vec<Received> {
        self.log.lock().unwrap().clone()
    }

    /// The requests received, grouped by identity.
    pub fn by_identity(&self) -> HashMap<String, Vec<Received>> {
        let mut groups: HashMap<String, Vec<Received>> = HashMap::new();
        for request in self.received() {
            groups.entry(request.identity()).or_default().push(request);
        }
        groups
    }
}

type Body = BoxBody<Bytes, Infallible>;

/// Records a request, then does what the script says; an `Err` makes hyper close the
/// connection without answering.
async fn answer(
    request: http::Request<Incoming>,
    log: &Mutex<Vec<Received>>,
    script: &Script,
) -> Result<http::Response<Body>, std::io::Error> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map_err(std::io::Error::other)?
        .to_bytes();
    let received = Received {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map_or("", |p| p.as_str())
            .to_owned(),
        headers: parts.headers,
        body,
        at: Instant::now(),
    };
    let fault = {
        let mut log = log.lock().unwrap();
        let identity = received.identity();
        let before = log.iter().filter(|r| r.identity() == identity).count();
        log.push(received.clone());
        script(&received, before)
    };
    perform(fault).await
}

async fn perform(mut fault: Fault) -> Result<http::Response<Body>, std::io::Error> {
    loop {
        match fault {
            Fault::Slow(wait, then) => {
                tokio::time::sleep(wait).await;
                fault = *then;
            }
            Fault::Drop => {
                return Err(std::io::Error::other("dropping the connection"));
            }
            Fault::Answer {
                status,
                headers,
                body,
            } => {
                let mut response = http::Response::new(Full::new(Bytes::from(body)).boxed());
                *response.status_mut() = StatusCode::from_u16(status).unwrap();
                for (name, value) in headers {
                    response.headers_mut().append(
                        HeaderName::from_static(name),
                        HeaderValue::from_str(&value).unwrap(),
                    );
                }
                return Ok(response);
            }
            Fault::SlowBody { status, wait, body } => {
                let (mut sender, channel) = http_body_util::channel::Channel::new(2);
                tokio::spawn(async move {
                    let mut first = Bytes::from(body);
                    let second = first.split_off(first.len() / 2);
                    let _ = sender.send(Frame::data(first)).await;
                    tokio::time::sleep(wait).await;
                    let _ = sender.send(Frame::data(second)).await;
                });
                let mut response = http::Response::new(channel.boxed());
                *response.status_mut() = StatusCode::from_u16(status).unwrap();
                return Ok(response);
            }
        }
    }
}
