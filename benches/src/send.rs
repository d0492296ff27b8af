//! Sending `UpdatePayments`: through the crate's `send`, and through raw reqwest with the same
//! bytes, the same headers and the same `reqwest::Client`.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use twilio_endpoint::payments::{Payment, UpdatePayments};
use twilio_endpoint::Client;

use crate::{samples, ACCOUNT, AUTH_TOKEN};

/// The HTTP client both sides share: what `Client::builder()` builds when given none.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(twilio_endpoint::DEFAULT_CONNECT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("the HTTP client builds")
}

/// A client for [`ACCOUNT`] that sends every request to `base_url` through `http`, once
/// (no retries: raw reqwest does not retry either).
pub fn twilio_client(base_url: &str, http: reqwest::Client) -> Client {
    Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(AUTH_TOKEN)
        .base_url(base_url)
        .http_client(http)
        .no_retries()
        .build()
        .expect("the client builds")
}

/// One `UpdatePayments` as raw reqwest sends it: the bytes and headers the crate would send,
/// prepared once.
#[derive(Clone, Debug)]
pub struct Raw {
    http: reqwest::Client,
    url: String,
    parsed: reqwest::Url,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Raw {
    /// The request [`samples::update_payments`] makes through `client`, for `http` to send.
    pub fn new(client: &Client, http: reqwest::Client) -> Raw {
        let request = client
            .to_http_request(&samples::update_payments())
            .expect("the sample request encodes");
        let (parts, body) = request.into_parts();
        let url = parts.uri.to_string();
        Raw {
            http,
            parsed: reqwest::Url::parse(&url).expect("the URL parses"),
            url,
            headers: parts.headers,
            body: Bytes::from(body),
        }
    }

    /// Sends it as hand-written reqwest code does (`post(url)` with the URL as text, which
    /// reqwest parses) and decodes the answer into a [`Payment`], as `send` does.
    pub async fn send(&self) -> Payment {
        let response = self
            .http
            .post(self.url.as_str())
            .headers(self.headers.clone())
            .body(self.body.clone())
            .timeout(twilio_endpoint::DEFAULT_TIMEOUT)
            .send()
            .await;
        decode(response).await
    }

    /// Sends it with the URL parsed once, ahead of time: a floor that code sending a different
    /// URL each time cannot reach.
    pub async fn send_parsed(&self) -> Payment {
        let mut request = reqwest::Request::new(reqwest::Method::POST, self.parsed.clone());
        *request.headers_mut() = self.headers.clone();
        *request.body_mut() = Some(self.body.clone().into());
        *request.timeout_mut() = Some(twilio_endpoint::DEFAULT_TIMEOUT);
        decode(self.http.execute(request).await).await
    }
}

/// Checks the status and decodes the body into a [`Payment`].
async fn decode(response: reqwest::Result<reqwest::Response>) -> Payment {
    let response = response.expect("the loopback server answers");
    assert!(response.status().is_success(), "{}", response.status());
    let body = response.bytes().await.expect("the answer is read");
    serde_json::from_slice(&body).expect("the answer is a Payment")
}

/// Which way a request is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The crate's `send`.
    Send,
    /// Raw reqwest, the URL as text: [`Raw::send`].
    Raw,
    /// Raw reqwest, the URL parsed once: [`Raw::send_parsed`].
    RawParsed,
}

/// Sends `request` through `client`, or its bytes through `raw`.
pub async fn once(client: &Client, raw: &Raw, request: &UpdatePayments, via: Via) -> Payment {
    match via {
        Via::Send => request
            .send(client)
            .await
            .expect("the loopback server answers"),
        Via::Raw => raw.send().await,
        Via::RawParsed => raw.send_parsed().await,
    }
}

/// `total` sends with `in_flight` of them running at once, on `in_flight` tasks of the current
/// runtime.
pub async fn burst(
    client: &Client,
    raw: &Raw,
    via: Via,
    in_flight: usize,
    total: usize,
) -> Duration {
    let start = std::time::Instant::now();
    let request = Arc::new(samples::update_payments());
    let mut tasks = tokio::task::JoinSet::new();
    for task in 0..in_flight {
        let count = total / in_flight + usize::from(task < total % in_flight);
        let (client, raw, request) = (client.clone(), raw.clone(), Arc::clone(&request));
        tasks.spawn(async move {
            for _ in 0..count {
                std::hint::black_box(once(&client, &raw, &request, via).await);
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a sending task panicked");
    }
    start.elapsed()
}
