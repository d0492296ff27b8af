//! Reliability and security of `Client::send`, one behaviour per test: what is retried and what
//! is not, `Retry-After`, the time budget and timeouts, redirects, `http` only on loopback,
//! response size and decoding, and secrets kept out of every error and trace.
//!
//! The servers are loopback servers scripted per test (`support::FaultServer`).

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use support::{payment_json, Fault, FaultServer, ACCOUNT, CALL, PAYMENT, TOKEN};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::util::SubscriberInitExt as _;
use twilio_endpoint::payments::UpdatePayments;
use twilio_endpoint::{
    twilio_endpoint, Client, ClientBuilder, ConfigProblem, ErrorKind, RetryPolicy,
};

/// The default policy with waits of a few milliseconds, so that tests stay fast.
fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

fn fast_retries(builder: ClientBuilder) -> ClientBuilder {
    builder.retry(fast())
}

/// Runs a call that waits, failing the test instead of hanging if a bound is broken.
async fn bounded<T>(call: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), call)
        .await
        .expect("the call ends within 30 s")
}

fn update() -> UpdatePayments {
    UpdatePayments {
        account_sid: String::new(),
        call_sid: CALL.into(),
        sid: PAYMENT.into(),
        idempotency_key: "capture-card-7f2e".into(),
        status_callback: "https://example.com/payments-callback".into(),
        capture: None,
        status: None,
    }
}

/// A `GET` with a path value and nothing else.
#[twilio_endpoint(GET, "/v1/Things/<Name>.json")]
struct FetchThing {
    name: String,
}

fn fetch() -> FetchThing {
    FetchThing {
        name: "thing".into(),
    }
}

/// A `DELETE` answering 204.
#[twilio_endpoint(DELETE, "/v1/Things/<Name>.json", response = ())]
struct DeleteThing {
    name: String,
}

/// A `POST` without an `IdempotencyKey`: not safe to send twice.
#[twilio_endpoint(POST, "/v1/Things.json")]
struct CreateThing {
    friendly_name: String,
}

/// A `POST` whose `IdempotencyKey` may be left out.
#[twilio_endpoint(POST, "/v1/Keyed.json")]
struct CreateKeyed {
    idempotency_key: Option<String>,
    friendly_name: String,
}

/// Asserts that every request the server received was the same bytes: method, target, the
/// headers the client sets, and body.
fn assert_identical(received: &[support::Received]) {
    let first = &received[0];
    for other in &received[1..] {
        assert_eq!(other.method, first.method);
        assert_eq!(other.target, first.target);
        assert_eq!(other.body, first.body);
        for name in ["authorization", "content-type", "accept", "user-agent"] {
            assert_eq!(other.header(name), first.header(name), "{name}");
        }
    }
}

#[tokio::test]
async fn each_retryable_status_is_retried_with_the_same_request() {
    for status in [429, 500, 502, 503, 504] {
        for failure in [
            Fault::twilio(status, 20_000 + u32::from(status)),
            Fault::text(status, "down"),
        ] {
            let server =
                FaultServer::sequence(vec![failure, Fault::json(202, payment_json())]).await;
            let client = server.client(fast_retries);
            let payment = update().send(&client).await.unwrap();
            assert_eq!(payment.sid.as_deref(), Some(PAYMENT));
            let received = server.received();
            assert_eq!(received.len(), 2, "{status}");
            assert_identical(&received);
            assert_eq!(received[0].identity(), "capture-card-7f2e");
        }
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 409, 501] {
        let server = FaultServer::always(Fault::twilio(status, 20_001)).await;
        let error = update()
            .send(&server.client(fast_retries))
            .await
            .unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::Api(_)), "{error:?}");
        assert!(!error.is_retryable(), "{status}");
        assert_eq!(error.attempts(), 1);
        assert_eq!(server.received().len(), 1, "{status}");
    }
}

#[tokio::test]
async fn retries_stop_after_max_attempts_with_the_count_in_the_error() {
    let server = FaultServer::always(Fault::text(503, "busy")).await;
    let client = server.client(|b| b.retry(fast().max_attempts(5)));
    let error = update().send(&client).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Status { .. }),
        "expected ErrorKind::Status, got {error:?}"
    );
    assert_eq!(
        (error.status().map(|s| s.as_u16()), error.attempts()),
        (Some(503), 5)
    );
    assert_eq!(error.attempts(), 5);
    assert!(error.is_retryable());
    assert!(error.to_string().ends_with("(after 5 attempts)"), "{error}");
    assert_eq!(server.received().len(), 5);
    assert_identical(&server.received());

    // Twilio's typed error keeps its count too; a 429 gets `max_throttled_attempts` (10 by
    // default) instead of `max_attempts`.
    for (policy, attempts) in [(fast(), 10), (fast().max_throttled_attempts(4), 4)] {
        let server = FaultServer::always(Fault::twilio(429, 20429)).await;
        let error = update()
            .send(&server.client(|b| b.retry(policy)))
            .await
            .unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::Api(twilio) if twilio.code == Some(20429)));
        assert_eq!(error.attempts(), attempts);
        assert_eq!(server.received().len(), attempts as usize);
    }
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let server = FaultServer::sequence(vec![Fault::Drop, Fault::json(202, payment_json())]).await;
    update().send(&server.client(fast_retries)).await.unwrap();
    assert_eq!(server.received().len(), 2);
    assert_identical(&server.received());

    let server = FaultServer::always(Fault::Drop).await;
    let error = update()
        .send(&server.client(fast_retries))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Transport(_)) && error.attempts() == 3,
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_typed() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .base_url(uri)
        .retry(fast())
        .build()
        .unwrap();
    let request = FetchThing {
        name: "thing-value-31".into(),
    };
    let error = request.send(&client).await.unwrap_err();
    let ErrorKind::Transport(source) = error.kind() else {
        panic!("expected ErrorKind::Transport, got {error:?}");
    };
    assert!(source.is_connect(), "{source:?}");
    assert_eq!(error.attempts(), 3);
    assert!(error.is_retryable());
    // The error names the origin and the path template, never the path's values.
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains("thing-value-31"), "{shown}");
    }
}

#[tokio::test]
async fn get_and_delete_are_retried() {
    let server =
        FaultServer::sequence(vec![Fault::text(503, "busy"), Fault::json(200, "{}")]).await;
    fetch().send(&server.client(fast_retries)).await.unwrap();
    assert_eq!(server.received().len(), 2);

    let server = FaultServer::sequence(vec![Fault::Drop, Fault::json(204, "")]).await;
    let request = DeleteThing {
        name: "thing".into(),
    };
    request.send(&server.client(fast_retries)).await.unwrap();
    assert_eq!(server.received().len(), 2);
    assert_eq!(server.received()[1].method, "DELETE");
}

#[tokio::test]
async fn a_post_without_idempotency_key_is_sent_once_unless_opted_in() {
    let create = || CreateThing {
        friendly_name: "once".into(),
    };
    let script = || vec![Fault::text(503, "busy"), Fault::json(201, "{}")];

    let server = FaultServer::sequence(script()).await;
    let error = create()
        .send(&server.client(fast_retries))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        server.received().len(),
        1,
        "a non-idempotent POST is sent once"
    );

    let server = FaultServer::sequence(vec![Fault::Drop, Fault::json(201, "{}")]).await;
    assert!(create().send(&server.client(fast_retries)).await.is_err());
    assert_eq!(
        server.received().len(),
        1,
        "not even after a dropped connection"
    );

    let server = FaultServer::sequence(script()).await;
    let client = server.client(|b| b.retry(fast().retry_non_idempotent(true)));
    create().send(&client).await.unwrap();
    assert_eq!(server.received().len(), 2);
    assert_identical(&server.received());
}

#[tokio::test]
async fn a_post_without_idempotency_key_is_retried_after_a_429() {
    let server = FaultServer::sequence(vec![
        Fault::json(
            429,
            r#"{"code": 20429, "message": "Too Many Requests", "status": 429}"#,
        ),
        Fault::json(201, "{}"),
    ])
    .await;
    let client = server.client(fast_retries);
    CreateThing {
        friendly_name: "once".into(),
    }
    .send(&client)
    .await
    .unwrap();
    assert_eq!(
        server.received().len(),
        2,
        "a 429 was not processed: sent again"
    );
    assert_identical(&server.received());
    let snapshot = client.limiter_snapshot("api").unwrap();
    assert_eq!(snapshot.refused, 1, "the limiter counted the 429");
    assert_eq!((snapshot.in_flight, snapshot.queued), (0, 0));
}

#[tokio::test]
async fn the_builder_sets_the_limiter() {
    let server = FaultServer::always(Fault::json(201, "{}")).await;
    let create = || CreateThing {
        friendly_name: "x".into(),
    };
    let fixed = server.client(|b| b.max_in_flight(3).adaptive_concurrency(false));
    assert_eq!(fixed.limiter_snapshot("api"), None, "nothing sent yet");
    create().send(&fixed).await.unwrap();
    assert_eq!(fixed.limiter_snapshot("api").unwrap().limit, 3);

    let adaptive = server.client(|b| b);
    create().send(&adaptive).await.unwrap();
    assert_eq!(
        adaptive.limiter_snapshot("api").unwrap().limit,
        twilio_endpoint::INITIAL_LIMIT
    );
    let capped = server.client(|b| b.max_in_flight(2));
    create().send(&capped).await.unwrap();
    assert!(capped.limiter_snapshot("api").unwrap().limit <= 2);

    /// A limiter of the user's: counts what it is asked for and admits everything.
    #[derive(Debug)]
    struct Counting(Arc<Mutex<Vec<String>>>, twilio_endpoint::InProcessLimiter);
    impl twilio_endpoint::Limiter for Counting {
        fn acquire<'a>(
            &'a self,
            key: twilio_endpoint::LimitKey<'a>,
        ) -> twilio_endpoint::Acquire<'a> {
            self.0
                .lock()
                .unwrap()
                .push(format!("{}@{}", key.account, key.host));
            self.1.acquire(key)
        }
        fn snapshot(
            &self,
            _key: twilio_endpoint::LimitKey<'_>,
        ) -> Option<twilio_endpoint::LimiterSnapshot> {
            None
        }
    }
    let asked = Arc::new(Mutex::new(Vec::new()));
    let custom = server.client(|b| {
        b.limiter(Counting(
            asked.clone(),
            twilio_endpoint::InProcessLimiter::adaptive(),
        ))
    });
    create().send(&custom).await.unwrap();
    assert_eq!(*asked.lock().unwrap(), [format!("{ACCOUNT}@api")]);
}

#[tokio::test]
async fn only_a_non_empty_idempotency_key_makes_a_post_retried() {
    for (key, expected) in [(None, 1), (Some(""), 1), (Some("k-1"), 2)] {
        let server =
            FaultServer::sequence(vec![Fault::text(503, "busy"), Fault::json(201, "{}")]).await;
        let request = CreateKeyed {
            idempotency_key: key.map(String::from),
            friendly_name: "x".into(),
        };
        let _ = request.send(&server.client(fast_retries)).await;
        assert_eq!(server.received().len(), expected, "{key:?}");
    }
}

#[tokio::test]
async fn no_retries_sends_once() {
    for configure in [
        (|b: ClientBuilder| b.no_retries()) as fn(ClientBuilder) -> ClientBuilder,
        |b| b.retry(RetryPolicy::none()),
        |b| b.retry(fast().max_attempts(1)),
    ] {
        let server = FaultServer::sequence(vec![
            Fault::text(503, "busy"),
            Fault::json(202, payment_json()),
        ])
        .await;
        let error = update().send(&server.client(configure)).await.unwrap_err();
        assert_eq!(error.attempts(), 1);
        assert_eq!(server.received().len(), 1);
    }
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = FaultServer::sequence(vec![
        Fault::twilio(429, 20429).with_header("retry-after", "1"),
        Fault::json(202, payment_json()),
    ])
    .await;
    update().send(&server.client(fast_retries)).await.unwrap();
    let received = server.received();
    assert_eq!(received.len(), 2);
    let waited = received[1].at - received[0].at;
    // The backoff alone would wait at most 1 ms.
    assert!(waited >= Duration::from_millis(950), "waited {waited:?}");
}

#[tokio::test]
async fn retry_after_is_capped() {
    let script = || {
        vec![
            Fault::text(503, "maintenance").with_header("retry-after", "3600"),
            Fault::json(202, payment_json()),
        ]
    };
    // Capped to 20 ms, the hour-long wait fits the budget: retried.
    let server = FaultServer::sequence(script()).await;
    let client = server.client(|b| b.retry(fast().retry_after_cap(Duration::from_millis(20))));
    update().send(&client).await.unwrap();
    assert_eq!(server.received().len(), 2);

    // A wait that would end past the budget is not started: the error comes back at once.
    let server = FaultServer::sequence(script()).await;
    let client = server.client(|b| {
        b.retry(
            fast()
                .retry_after_cap(Duration::from_secs(7200))
                .total_budget(Duration::from_secs(20)),
        )
    });
    let started = Instant::now();
    let error = bounded(update().send(&client)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn the_total_budget_bounds_the_whole_call() {
    let server =
        FaultServer::always(Fault::json(202, payment_json()).after(Duration::from_secs(20))).await;
    let client = server.client(|b| {
        b.timeout(Duration::from_secs(15)).retry(
            fast()
                .max_attempts(10)
                .total_budget(Duration::from_millis(500)),
        )
    });
    let started = Instant::now();
    let error = bounded(update().send(&client)).await.unwrap_err();
    let elapsed = started.elapsed();
    // Without the budget: 10 attempts of 15 s. A generous margin over 500 ms.
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    assert!(
        matches!(error.kind(), ErrorKind::Transport(source) if source.is_timeout()),
        "{error:?}"
    );
    assert!(error.attempts() >= 1);
}

#[tokio::test]
async fn a_slow_attempt_times_out_and_is_retried() {
    let server = FaultServer::sequence(vec![
        Fault::json(202, payment_json()).after(Duration::from_secs(20)),
        Fault::json(202, payment_json()),
    ])
    .await;
    let client = server.client(|b| b.timeout(Duration::from_millis(200)).retry(fast()));
    bounded(update().send(&client)).await.unwrap();
    assert_eq!(server.received().len(), 2);
    assert_identical(&server.received());
}

#[tokio::test]
async fn the_attempt_timeout_covers_the_body() {
    let server = FaultServer::always(Fault::SlowBody {
        status: 202,
        wait: Duration::from_secs(20),
        body: payment_json(),
    })
    .await;
    let client = server.client(|b| b.timeout(Duration::from_millis(300)).no_retries());
    let started = Instant::now();
    let error = bounded(update().send(&client)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    let ErrorKind::Transport(source) = error.kind() else {
        panic!("expected ErrorKind::Transport, got {error:?}");
    };
    assert!(source.is_timeout(), "{source:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn the_connect_timeout_applies() {
    // A listener that never accepts, its queue filled: further connections are not completed.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let address = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match tokio::time::timeout(
            Duration::from_millis(200),
            tokio::net::TcpStream::connect(address),
        )
        .await
        {
            Ok(Ok(stream)) => fillers.push(stream),
            _ => break,
        }
    }
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .base_url(format!("http://{address}"))
        .connect_timeout(Duration::from_millis(300))
        .timeout(Duration::from_secs(20))
        .no_retries()
        .build()
        .unwrap();
    let started = Instant::now();
    let error = bounded(fetch().send(&client)).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let ErrorKind::Transport(source) = error.kind() else {
        panic!("expected ErrorKind::Transport, got {error:?}");
    };
    assert!(source.is_connect() && source.is_timeout(), "{source:?}");
}

#[tokio::test]
async fn redirects_are_errors_naming_where_they_point() {
    let server = FaultServer::start(|request, _| {
        let host = request.header("host").to_owned();
        Fault::text(307, "moved").with_header("location", format!("http://{host}/followed"))
    })
    .await;
    let error = update()
        .send(&server.client(fast_retries))
        .await
        .unwrap_err();
    let ErrorKind::Redirect { location } = error.kind() else {
        panic!("expected ErrorKind::Redirect, got {error:?}");
    };
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    let location = location.as_deref().unwrap();
    assert!(location.ends_with("/followed"), "{location}");
    assert!(error.to_string().contains(location), "{error}");
    assert!(!error.is_retryable());
    assert_eq!(error.attempts(), 1);
    let received = server.received();
    assert_eq!(received.len(), 1, "the redirect was not followed");
    assert!(received[0].target.starts_with("/2010-04-01/"));
}

/// A redirect-only operation, as bulk exports' `FetchDay`.
#[twilio_endpoint(GET, "/v1/Exports/<ResourceType>/Days/<Day>", response = twilio_endpoint::Redirect)]
struct FetchDay {
    resource_type: String,
    day: String,
}

#[tokio::test]
async fn an_endpoint_declared_to_redirect_answers_where_it_points_and_follows_nothing() {
    let server = FaultServer::start(|request, _| {
        if request.target.starts_with("/v1/Exports/") {
            Fault::text(307, "").with_header("location", "https://files.example.com/day.json.gz")
        } else {
            Fault::text(200, "{}")
        }
    })
    .await;
    let client = server.client(fast_retries);
    let day = FetchDay {
        resource_type: "Messages".into(),
        day: "2026-01-02".into(),
    };
    let answer = day.send(&client).await.unwrap();
    assert_eq!(
        answer,
        twilio_endpoint::Redirect {
            status: 307,
            location: Some("https://files.example.com/day.json.gz".into()),
        }
    );
    let received = server.received();
    assert_eq!(received.len(), 1, "the redirect was not followed");
    assert_eq!(received[0].target, "/v1/Exports/Messages/Days/2026-01-02");

    // A success body is not what the declaration says: a decode error naming why.
    let server = FaultServer::start(|_, _| Fault::text(200, "{}")).await;
    let error = day.send(&server.client(fast_retries)).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Decode { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("redirect"), "{error}");
}

#[test]
fn plain_http_only_on_loopback() {
    let build = |url: &str| {
        Client::builder()
            .account_sid(ACCOUNT)
            .auth_token(TOKEN)
            .base_url(url)
            .build()
    };
    for loopback in [
        "http://127.0.0.1:1",
        "http://127.8.9.10",
        "http://localhost:4010",
        "http://[::1]:9",
    ] {
        assert!(build(loopback).is_ok(), "{loopback}");
    }
    for remote in [
        "http://example.com",
        "http://10.0.0.1:8080",
        "http://[2001:db8::1]",
    ] {
        let error = build(remote).unwrap_err();
        let ErrorKind::Config(config) = error.kind() else {
            panic!("expected ErrorKind::Config, got {error:?}");
        };
        assert_eq!(config.problems(), [ConfigProblem::PlainHttpNotLoopback]);
        assert!(error.to_string().contains("https"), "{error}");
    }
    assert!(build("https://example.com").is_ok());
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let big = format!(r#"{{"sid": "{}"}}"#, "x".repeat(4096));
    let chunked = Fault::SlowBody {
        status: 202,
        wait: Duration::ZERO,
        body: big.clone(),
    };
    for fault in [
        Fault::json(202, big.clone()),
        chunked,
        Fault::text(500, &big),
    ] {
        let server = FaultServer::always(fault).await;
        let client = server.client(|b| b.max_response_bytes(1024).no_retries());
        let error = update().send(&client).await.unwrap_err();
        assert!(
            matches!(error.kind(), ErrorKind::BodyTooLarge { limit: 1024 }),
            "{error:?}"
        );
        assert!(!error.is_retryable());
    }
    // At the limit, the body is read.
    let server = FaultServer::always(Fault::json(202, payment_json())).await;
    let client = server.client(|b| b.max_response_bytes(payment_json().len()));
    update().send(&client).await.unwrap();
}

#[tokio::test]
async fn a_mismatched_success_body_is_a_decode_error_with_a_short_excerpt() {
    let body = format!(r#"{{"sid": 42, "padding": "{}"}}"#, "y".repeat(5000));
    let server = FaultServer::always(Fault::json(202, body)).await;
    let error = update()
        .send(&server.client(fast_retries))
        .await
        .unwrap_err();
    let ErrorKind::Decode { excerpt, source } = error.kind() else {
        panic!("expected ErrorKind::Decode, got {error:?}");
    };
    assert_eq!(source.path(), "sid");
    assert_eq!(
        (error.status().map(|s| s.as_u16()), error.attempts()),
        (Some(202), 1)
    );
    assert!(excerpt.starts_with(r#"{"sid": 42"#), "{excerpt}");
    assert_eq!(
        excerpt.chars().count(),
        201,
        "200 characters and an ellipsis"
    );
    assert!(!error.is_retryable());
    assert_eq!(server.received().len(), 1, "a decode error is not retried");
}

#[tokio::test]
async fn errors_before_sending_have_no_attempts() {
    let client = Client::new(ACCOUNT, TOKEN).unwrap();
    let mut request = update();
    request.sid = "not-a-sid".into();
    let error = request.send(&client).await.unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Validation(_)));
    assert_eq!(error.attempts(), 0);
    assert!(!error.is_retryable());
    let error = Client::builder().build().unwrap_err();
    assert_eq!(error.attempts(), 0);
    assert!(!error.is_retryable());
}

/// What a tracing subscriber writes, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

const API_KEY: &str = "SK0123456789abcdef0123456789abcdef";
const API_SECRET: &str = "api-secret-9c1d7e3b";

/// A server that echoes what a hostile or misconfigured server could: the `Authorization`
/// header and the decoded secret, in every place an error takes text from.
async fn echo_server() -> FaultServer {
    FaultServer::start(|request, _| {
        let authorization = request.header("authorization").to_owned();
        let decoded = authorization
            .strip_prefix("Basic ")
            .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        let echo = format!("{authorization} {decoded}");
        match request.target.rsplit('/').next().unwrap_or("") {
            "json.json" => Fault::json(
                400,
                format!(r#"{{"code": 20001, "message": "{echo}", "more_info": "{echo}"}}"#),
            ),
            "text.json" => Fault::text(500, &echo),
            "redirect.json" => {
                Fault::text(302, "").with_header("location", format!("https://x.example/{echo}"))
            }
            "decode.json" => Fault::json(200, format!("not json {echo}")),
            _ => Fault::json(200, "{}"),
        }
    })
    .await
}

/// The trace half of this test needs the process to itself: tracing caches, per callsite,
/// whether any subscriber wants it, and a test on another thread that sends first (with no
/// subscriber) can leave the client's spans cached as unwanted. So the test runs itself again
/// alone, in a child process with one test thread, and asserts there.
#[test]
fn secrets_appear_in_no_error_debug_display_or_trace() {
    const CHILD: &str = "TWILIO_TRACE_TEST_CHILD";
    if std::env::var_os(CHILD).is_some() {
        return tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(secrets_appear_nowhere());
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "secrets_appear_in_no_error_debug_display_or_trace",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "the test alone failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

async fn secrets_appear_nowhere() {
    let captured = Captured::default();
    let _guard = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(LevelFilter::TRACE)
        .with_span_events(FmtSpan::FULL)
        .finish()
        .set_default();

    let server = echo_server().await;
    let mut shown = Vec::new();
    for (label, configure) in [
        (
            "token",
            (|b: ClientBuilder| b.auth_token(TOKEN)) as fn(ClientBuilder) -> ClientBuilder,
        ),
        ("api key", |b: ClientBuilder| b.api_key(API_KEY, API_SECRET)),
    ] {
        let client = Client::builder()
            .account_sid(ACCOUNT)
            .base_url(server.uri())
            .retry(fast());
        let client = configure(client).build().unwrap();
        shown.push(format!("{client:?}"));
        shown.push(format!(
            "{:?}",
            configure(Client::builder().account_sid(ACCOUNT))
        ));
        for name in ["json", "text", "redirect", "decode"] {
            let error = FetchThing { name: name.into() }
                .send(&client)
                .await
                .unwrap_err();
            let text = error.to_string();
            assert!(text.contains("***"), "{label}: nothing redacted in {text}");
            shown.push(text);
            shown.push(format!("{error:?}"));
        }
    }
    // A transport error, and a request that is retried and succeeds, with form values.
    let refused = Client::builder()
        .account_sid(ACCOUNT)
        .api_key(API_KEY, API_SECRET)
        .base_url("http://127.0.0.1:1")
        .retry(fast())
        .build()
        .unwrap();
    let error = update().send(&refused).await.unwrap_err();
    shown.push(error.to_string());
    shown.push(format!("{error:?}"));
    let flaky = FaultServer::sequence(vec![
        Fault::text(503, "busy"),
        Fault::json(202, payment_json()),
    ])
    .await;
    update().send(&flaky.client(fast_retries)).await.unwrap();

    let trace = captured.text();
    if std::env::var_os("SHOW_TRACE").is_some() {
        println!("{trace}");
    }
    let basic = |user: &str, secret: &str| {
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"))
    };
    let forbidden = [
        TOKEN.to_owned(),
        API_SECRET.to_owned(),
        basic(ACCOUNT, TOKEN),
        basic(API_KEY, API_SECRET),
    ];
    for text in shown.iter().chain([&trace]) {
        for secret in &forbidden {
            assert!(
                !text.contains(secret.as_str()),
                "{secret:?} shows in {text}"
            );
        }
    }
    // The trace holds no value either: not the path's, not the form's.
    for value in [CALL, PAYMENT, "capture-card-7f2e", "payments-callback"] {
        assert!(
            !trace.contains(value),
            "{value:?} shows in the trace:\n{trace}"
        );
    }
    // What it does hold: the method, the path template, statuses, attempts and delays.
    for expected in [
        "twilio.request",
        "twilio.attempt",
        "method=POST",
        "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json",
        "method=GET",
        "/v1/Things/<Name>.json",
        "status=503",
        "status=202",
        "status=302",
        "attempt=2",
        "attempts=2",
        "delay_ms=",
        "retrying",
        "error=\"connect\"",
        "error=\"redirect\"",
    ] {
        assert!(
            trace.contains(expected),
            "{expected:?} missing from the trace:\n{trace}"
        );
    }
}

#[tokio::test]
async fn a_short_secret_does_not_mask_ordinary_text() {
    // A one-letter test token would mask every `t` if it were searched for in text: secrets
    // shorter than 16 characters (Twilio's are 32) are not.
    let body = "the gateway timed out: try it later";
    let server = FaultServer::always(Fault::text(500, body)).await;
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token("t")
        .base_url(server.uri())
        .no_retries()
        .build()
        .unwrap();
    let error = update().send(&client).await.unwrap_err();
    let ErrorKind::Status { body: shown } = error.kind() else {
        panic!("expected ErrorKind::Status, got {error:?}");
    };
    assert_eq!(shown, body);
    assert!(error.to_string().contains(body), "{error}");
    // A real-length secret is still replaced wherever it appears.
    let secret = "0123456789abcdef0123456789abcdef";
    let server = FaultServer::always(Fault::text(500, &format!("echo {secret} echo"))).await;
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(secret)
        .base_url(server.uri())
        .no_retries()
        .build()
        .unwrap();
    let error = update().send(&client).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Status { body } if body == "echo *** echo"),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_stand_in_s_answers_carry_twilio_s_load_headers() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use twilio_endpoint::testing::{Answer, StandIn};

    let stand_in = StandIn::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    stand_in.handle::<CreateThing>(move |_| {
        if counted.fetch_add(1, Ordering::SeqCst) == 0 {
            Answer::error(429, 20429, "Too Many Requests")
                .header(
                    http::header::RETRY_AFTER,
                    http::HeaderValue::from_static("1"),
                )
                .header(
                    http::HeaderName::from_static("twilio-concurrent-requests"),
                    http::HeaderValue::from(7u32),
                )
        } else {
            Answer::json(201, serde_json::json!({}))
        }
    });
    let client = Client::builder()
        .account_sid(stand_in.account_sid())
        .auth_token(stand_in.auth_token())
        .base_url(stand_in.base_url())
        .build()
        .unwrap();
    let started = Instant::now();
    bounded(
        CreateThing {
            friendly_name: "once".into(),
        }
        .send(&client),
    )
    .await
    .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was followed"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let gate = client.limiter_snapshot("api").unwrap();
    assert_eq!(gate.twilio_concurrent, Some(7), "{gate:?}");
    assert_eq!(gate.refused, 1);
}
