//! A loopback server that limits like Twilio's REST API under load: it admits so many requests
//! at once and so many per second, holds each admitted one for a while, and answers anything
//! beyond at once with `429` and Twilio's error 20429, without `Retry-After`.
//!
//! Used by the bulk-sending test (`tests/tests/bulk.rs`) and the `bulk` binary that measures the
//! figures in `BENCHMARKS.md`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use tokio::time::Instant;

use crate::server::{json_response, Loopback};

/// Twilio's answer to a request beyond the account's concurrency.
pub const TOO_MANY_REQUESTS: &str = concat!(
    r#"{"code":20429,"message":"Too Many Requests","#,
    r#""more_info":"https://www.twilio.com/docs/errors/20429","status":429}"#
);

/// How a [`TwilioLike`] server limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Requests admitted at once.
    pub concurrent: u32,
    /// Requests admitted per second (a token bucket holding at most `concurrent` tokens).
    pub per_second: f64,
    /// How long an admitted request is held before its answer.
    pub hold: Duration,
}

impl Limits {
    /// The server of issue 19: 25 at once, 250 per second, 20 ms each.
    pub const TWILIO_LIKE: Limits = Limits {
        concurrent: 25,
        per_second: 250.0,
        hold: Duration::from_millis(20),
    };
}

/// What a [`TwilioLike`] server has seen so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// Every request.
    pub requests: u64,
    /// The requests answered `429`.
    pub refused: u64,
    /// The most admitted requests held at once.
    pub peak_in_flight: u32,
}

impl Seen {
    /// The share of requests answered `429`, from 0 to 1.
    pub fn refused_share(&self) -> f64 {
        if self.requests == 0 {
            0.0
        } else {
            self.refused as f64 / self.requests as f64
        }
    }
}

/// A running Twilio-like server; dropping it stops it.
pub struct TwilioLike {
    server: Loopback,
    state: Arc<State>,
}

struct State {
    concurrent: AtomicU32,
    per_second: f64,
    hold: Duration,
    requests: AtomicU64,
    refused: AtomicU64,
    gate: Mutex<Gate>,
    /// How many times each admitted body was processed.
    processed: Mutex<HashMap<Bytes, u32>>,
}

struct Gate {
    in_flight: u32,
    peak: u32,
    tokens: f64,
    refilled: Instant,
}

impl TwilioLike {
    /// Starts a server with `limits` on `127.0.0.1` and a free port. It answers an admitted
    /// request `201` with a message's JSON.
    pub fn start(limits: Limits) -> TwilioLike {
        let state = Arc::new(State {
            concurrent: AtomicU32::new(limits.concurrent),
            per_second: limits.per_second,
            hold: limits.hold,
            requests: AtomicU64::new(0),
            refused: AtomicU64::new(0),
            gate: Mutex::new(Gate {
                in_flight: 0,
                peak: 0,
                tokens: f64::from(limits.concurrent),
                refilled: Instant::now(),
            }),
            processed: Mutex::new(HashMap::new()),
        });
        let shared = Arc::clone(&state);
        let server = Loopback::serving(Arc::new(move |_parts, body| {
            let state = Arc::clone(&shared);
            Box::pin(async move { state.answer(body).await })
        }));
        TwilioLike { server, state }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        self.server.base_url()
    }

    /// Changes how many requests are admitted at once, from now on.
    pub fn set_concurrent(&self, concurrent: u32) {
        self.state.concurrent.store(concurrent, Ordering::Relaxed);
    }

    /// The counts so far.
    pub fn seen(&self) -> Seen {
        Seen {
            requests: self.state.requests.load(Ordering::Relaxed),
            refused: self.state.refused.load(Ordering::Relaxed),
            peak_in_flight: lock(&self.state.gate).peak,
        }
    }

    /// How many distinct bodies were processed, and how many of them more than once.
    pub fn processed(&self) -> (usize, usize) {
        let processed = lock(&self.state.processed);
        let twice = processed.values().filter(|&&times| times > 1).count();
        (processed.len(), twice)
    }
}

impl State {
    async fn answer(&self, body: Bytes) -> Response<Full<Bytes>> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if !self.admit() {
            self.refused.fetch_add(1, Ordering::Relaxed);
            let mut response = json_response(Bytes::from_static(TOO_MANY_REQUESTS.as_bytes()));
            *response.status_mut() = http::StatusCode::TOO_MANY_REQUESTS;
            return response;
        }
        *lock(&self.processed).entry(body).or_insert(0) += 1;
        tokio::time::sleep(self.hold).await;
        lock(&self.gate).in_flight -= 1;
        let mut response = json_response(Bytes::from_static(MESSAGE_JSON.as_bytes()));
        *response.status_mut() = http::StatusCode::CREATED;
        response
    }

    /// Takes a place and a token, if both are free.
    fn admit(&self) -> bool {
        let concurrent = self.concurrent.load(Ordering::Relaxed);
        let mut gate = lock(&self.gate);
        let now = Instant::now();
        let elapsed = now.duration_since(gate.refilled).as_secs_f64();
        gate.tokens = (gate.tokens + elapsed * self.per_second).min(f64::from(concurrent));
        gate.refilled = now;
        if gate.in_flight >= concurrent || gate.tokens < 1.0 {
            return false;
        }
        gate.tokens -= 1.0;
        gate.in_flight += 1;
        gate.peak = gate.peak.max(gate.in_flight);
        true
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What an admitted request is answered with: a queued message.
pub const MESSAGE_JSON: &str = concat!(
    r#"{"sid":"SM0123456789abcdef0123456789abcdef","#,
    r#""account_sid":"AC0123456789abcdef0123456789abcdef","status":"queued"}"#
);

/// Twilio's `CreateMessage` reduced to what a bulk job sends: declared from Twilio's
/// description, so without an `IdempotencyKey`.
#[twilio_endpoint::twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Messages.json",
                                   response = QueuedMessage)]
#[derive(Clone, Debug)]
pub struct CreateMessage {
    /// The account (left empty: the client's).
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The recipient.
    pub to: String,
    /// The sender.
    pub from: String,
    /// The text.
    pub body: String,
}

/// The part of Twilio's answer to `CreateMessage` that a bulk job reads.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct QueuedMessage {
    /// The message's SID.
    pub sid: String,
}

/// How a bulk run ended.
#[derive(Debug)]
pub struct Bulk {
    /// How many sends succeeded.
    pub sent: usize,
    /// The failed sends' errors, as text (the first few).
    pub errors: Vec<String>,
    /// How many sends failed.
    pub failed: usize,
    /// From the first send to the last answer.
    pub elapsed: Duration,
}

/// The `i`th message of a bulk job: each body is different, so that the server can tell a
/// message processed twice.
pub fn message(i: usize) -> CreateMessage {
    CreateMessage {
        account_sid: String::new(),
        to: "+15558675310".into(),
        from: "+15017122661".into(),
        body: format!("Reminder {i}: your appointment is tomorrow at 10:00."),
    }
}

/// Sends `count` messages through `client`, `in_flight` at once, as a user would with
/// `buffer_unordered`.
pub async fn send_bulk(client: &twilio_endpoint::Client, count: usize, in_flight: usize) -> Bulk {
    use futures_util::stream::{self, StreamExt as _};

    let started = std::time::Instant::now();
    let results: Vec<_> = stream::iter((0..count).map(message))
        .map(|message| async move { message.send(client).await })
        .buffer_unordered(in_flight)
        .collect()
        .await;
    let elapsed = started.elapsed();
    let failures: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    Bulk {
        sent: count - failures.len(),
        failed: failures.len(),
        errors: failures.iter().take(3).map(|e| e.to_string()).collect(),
        elapsed,
    }
}

/// One moment of a [`send_bulk_moving`] run.
#[derive(Clone, Copy, Debug)]
pub struct Moment {
    /// Since the first send.
    pub at: Duration,
    /// How many requests the server admitted at once then.
    pub admitted: u32,
    /// The client's limiter then (`None` before the first send).
    pub limiter: Option<twilio_endpoint::LimiterSnapshot>,
}

/// Like [`send_bulk`], while the server's concurrency moves: `phases` lists, for a share of
/// the messages processed (0 to 1), the concurrency admitted from then on. The limiter is read
/// every 20 ms.
pub async fn send_bulk_moving(
    server: &TwilioLike,
    client: &twilio_endpoint::Client,
    count: usize,
    in_flight: usize,
    phases: &[(f64, u32)],
) -> (Bulk, Vec<Moment>) {
    let started = std::time::Instant::now();
    let timeline = Mutex::new(Vec::new());
    let watch = async {
        loop {
            let done = server.processed().0 as f64 / count as f64;
            let admitted = phases
                .iter()
                .rev()
                .find(|(from, _)| done >= *from)
                .map_or(server.state.concurrent.load(Ordering::Relaxed), |p| p.1);
            server.set_concurrent(admitted);
            lock(&timeline).push(Moment {
                at: started.elapsed(),
                admitted,
                limiter: client.limiter_snapshot("api"),
            });
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    let bulk = tokio::select! {
        bulk = send_bulk(client, count, in_flight) => bulk,
        never = watch => never,
    };
    (
        bulk,
        timeline
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner),
    )
}
