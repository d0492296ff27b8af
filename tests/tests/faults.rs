//! Fault injection: many concurrent calls against a loopback server that answers a mix of
//! 200/201/202, 429 (with and without `Retry-After`), 500, 503, 400, dropped connections and
//! slow answers.
//!
//! Each call gets a script of faults, picked by its number; the server answers the n-th attempt
//! of a call (tied together by its `IdempotencyKey`, or its path for requests without one) with
//! the script's n-th fault. So the outcome of every call is known, and the test checks that:
//! every call ends in success or the expected typed error within its budget; the server saw
//! every attempt of a call with the same method, path, credentials and body bytes; the attempts
//! the server saw are the attempts the error reports; no call is lost; nothing panics.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use support::{payment_json, Fault, FaultServer, CALL, PAYMENT};
use twilio_endpoint::payments::{CreatePayments, UpdatePayments};
use twilio_endpoint::{twilio_endpoint, Client, Endpoint, Error, ErrorKind, RetryPolicy};

const CALLS: usize = 200;
const IN_FLIGHT: usize = 32;
const TIMEOUT: Duration = Duration::from_millis(250);
const BUDGET: Duration = Duration::from_secs(2);
/// What a call may take over its budget: scheduling on a loaded machine.
const MARGIN: Duration = Duration::from_secs(2);

/// A `GET`, retried because it is a `GET`.
#[twilio_endpoint(GET, "/v1/Things/<Name>.json")]
struct FetchThing {
    name: String,
}

/// A `POST` without an `IdempotencyKey`: sent once, whatever happens.
#[twilio_endpoint(POST, "/v1/Things/<Name>/Actions.json")]
struct ActOnThing {
    name: String,
    action: String,
}

/// Which endpoint a call uses.
#[derive(Clone, Copy, Debug)]
enum Call {
    Update,
    Create,
    Fetch,
    Act,
}

/// How a call must end.
#[derive(Clone, Copy, Debug)]
enum Outcome {
    /// Success after this many attempts.
    Ok(usize),
    /// This error, after this many attempts (`None`: any number the budget allowed).
    Err(fn(&Error) -> bool, Option<usize>),
}

struct Script {
    call: Call,
    faults: fn() -> Vec<Fault>,
    outcome: Outcome,
}

fn status(code: u16) -> fn(&Error) -> bool {
    match code {
        400 => |e| matches!(e.kind(), ErrorKind::Api(_)) && e.status().unwrap().as_u16() == 400,
        500 => {
            |e| matches!(e.kind(), ErrorKind::Status { .. }) && e.status().unwrap().as_u16() == 500
        }
        503 => {
            |e| matches!(e.kind(), ErrorKind::Status { .. }) && e.status().unwrap().as_u16() == 503
        }
        _ => unreachable!(),
    }
}

fn transport(error: &Error) -> bool {
    matches!(error.kind(), ErrorKind::Transport(_))
}

fn timed_out(error: &Error) -> bool {
    matches!(error.kind(), ErrorKind::Transport(source) if source.is_timeout())
}

fn slow(fault: Fault) -> Fault {
    fault.after(Duration::from_secs(3))
}

fn scripts() -> Vec<Script> {
    use Call::*;
    use Outcome::Err;
    let ok = |n| Outcome::Ok(n);
    let s = |call, faults, outcome| Script {
        call,
        faults,
        outcome,
    };
    vec![
        s(Update, || vec![Fault::json(202, payment_json())], ok(1)),
        s(Create, || vec![Fault::json(201, payment_json())], ok(1)),
        s(Fetch, || vec![Fault::json(200, "{}")], ok(1)),
        s(
            Update,
            || vec![Fault::twilio(503, 20503), Fault::json(202, payment_json())],
            ok(2),
        ),
        s(
            Update,
            || vec![Fault::twilio(429, 20429), Fault::json(202, payment_json())],
            ok(2),
        ),
        s(
            Create,
            || {
                vec![
                    Fault::twilio(429, 20429).with_header("retry-after", "1"),
                    Fault::json(201, payment_json()),
                ]
            },
            ok(2),
        ),
        s(
            Update,
            || {
                vec![
                    Fault::text(503, "busy")
                        .with_header("retry-after", "Thu, 01 Jan 1970 00:00:00 GMT"),
                    Fault::json(202, payment_json()),
                ]
            },
            ok(2),
        ),
        s(
            Update,
            || vec![Fault::Drop, Fault::json(202, payment_json())],
            ok(2),
        ),
        s(
            Create,
            || {
                vec![
                    slow(Fault::json(201, payment_json())),
                    Fault::json(201, payment_json()),
                ]
            },
            ok(2),
        ),
        s(
            Update,
            || vec![Fault::json(202, payment_json()).after(Duration::from_millis(50))],
            ok(1),
        ),
        s(
            Update,
            || {
                vec![
                    Fault::text(500, "oops"),
                    Fault::Drop,
                    Fault::json(202, payment_json()),
                ]
            },
            ok(3),
        ),
        s(
            Create,
            || {
                vec![
                    Fault::Drop,
                    Fault::twilio(503, 20503),
                    Fault::json(201, payment_json()),
                ]
            },
            ok(3),
        ),
        s(
            Fetch,
            || vec![Fault::text(503, "busy"), Fault::json(200, "{}")],
            ok(2),
        ),
        s(
            Update,
            || vec![Fault::text(500, "oops")],
            Err(status(500), Some(3)),
        ),
        s(Update, || vec![Fault::Drop], Err(transport, Some(3))),
        s(
            Update,
            || vec![Fault::twilio(400, 21201)],
            Err(status(400), Some(1)),
        ),
        s(
            Update,
            || vec![slow(Fault::json(202, payment_json()))],
            Err(timed_out, None),
        ),
        s(
            Act,
            || vec![Fault::text(503, "busy"), Fault::json(201, "{}")],
            Err(status(503), Some(1)),
        ),
        s(
            Act,
            || vec![Fault::Drop, Fault::json(201, "{}")],
            Err(transport, Some(1)),
        ),
        s(Act, || vec![Fault::json(201, "{}")], ok(1)),
    ]
}

/// The call number in an identity (`k-17` or `/v1/Things/k-17.json`).
fn call_number(identity: &str) -> usize {
    let start = identity.find("k-").expect("every call is numbered") + 2;
    let digits: String = identity[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

/// One call's request: its endpoint and values, sent or encoded.
enum Request {
    Update(UpdatePayments),
    Create(CreatePayments),
    Fetch(FetchThing),
    Act(ActOnThing),
}

impl Request {
    fn new(call: Call, number: usize) -> Request {
        let key = format!("k-{number}");
        match call {
            Call::Update => Request::Update(UpdatePayments {
                account_sid: String::new(),
                call_sid: CALL.into(),
                sid: PAYMENT.into(),
                idempotency_key: key,
                status_callback: "https://example.com/cb".into(),
                capture: None,
                status: None,
            }),
            Call::Create => Request::Create(
                CreatePayments::builder()
                    .call_sid(CALL)
                    .idempotency_key(key)
                    .status_callback("https://example.com/cb")
                    .charge_amount("12.5".parse::<twilio_endpoint::Amount>().unwrap())
                    .build(),
            ),
            Call::Fetch => Request::Fetch(FetchThing { name: key }),
            Call::Act => Request::Act(ActOnThing {
                name: key,
                action: "ring".into(),
            }),
        }
    }

    /// Sends it; `Ok` holds nothing, the answers are checked by the server's records.
    async fn send(&self, client: &Client) -> Result<(), Error> {
        match self {
            Request::Update(r) => r.send(client).await.map(drop),
            Request::Create(r) => r.send(client).await.map(drop),
            Request::Fetch(r) => r.send(client).await.map(drop),
            Request::Act(r) => r.send(client).await.map(drop),
        }
    }

    /// The body and target every attempt must carry.
    fn expected(&self, client: &Client) -> (String, Vec<u8>) {
        fn parts<E: Endpoint>(client: &Client, r: &E) -> (String, Vec<u8>) {
            let http = client.to_http_request(r).unwrap();
            let target = http.uri().path_and_query().unwrap().to_string();
            (target, http.into_body())
        }
        match self {
            Request::Update(r) => parts(client, r),
            Request::Create(r) => parts(client, r),
            Request::Fetch(r) => parts(client, r),
            Request::Act(r) => parts(client, r),
        }
    }
}

struct Ended {
    number: usize,
    result: Result<(), Error>,
    took: Duration,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_under_faults_end_typed_within_budget_and_lose_nothing() {
    let scripts = Arc::new(scripts());
    let server = {
        let scripts = scripts.clone();
        FaultServer::start(move |request, attempt| {
            let faults = (scripts[call_number(&request.identity()) % scripts.len()].faults)();
            faults[attempt.min(faults.len() - 1)].clone()
        })
        .await
    };
    let policy = RetryPolicy::default()
        .max_attempts(3)
        .base_delay(Duration::from_millis(2))
        .max_delay(Duration::from_millis(20))
        .retry_after_cap(Duration::from_millis(30))
        .total_budget(BUDGET);
    let client = server.client(|b| b.timeout(TIMEOUT).retry(policy));

    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let (client, next, scripts) = (client.clone(), next.clone(), scripts.clone());
        workers.spawn(async move {
            let mut ended = Vec::new();
            loop {
                let number = next.fetch_add(1, Ordering::Relaxed);
                if number >= CALLS {
                    return ended;
                }
                let request = Request::new(scripts[number % scripts.len()].call, number);
                let started = Instant::now();
                let result = request.send(&client).await;
                ended.push(Ended {
                    number,
                    result,
                    took: started.elapsed(),
                });
            }
        });
    }
    let mut ended = Vec::new();
    let all = async {
        while let Some(worker) = workers.join_next().await {
            ended.extend(worker.expect("no worker panics"));
        }
    };
    tokio::time::timeout(Duration::from_secs(120), all)
        .await
        .expect("every call ends");
    assert_eq!(ended.len(), CALLS, "every call ended");

    let received = server.by_identity();
    let mut outcomes: HashMap<&str, usize> = HashMap::new();
    for Ended {
        number,
        result,
        took,
    } in &ended
    {
        let script = &scripts[number % scripts.len()];
        let request = Request::new(script.call, *number);
        let (target, body) = request.expected(&client);
        let identity = match script.call {
            Call::Update | Call::Create => format!("k-{number}"),
            Call::Fetch | Call::Act => target.clone(),
        };
        let attempts = received
            .get(&identity)
            .unwrap_or_else(|| panic!("call {number} was lost: the server never saw it"));
        for attempt in attempts {
            assert_eq!(attempt.target, target, "call {number}");
            assert_eq!(
                attempt.body, body,
                "call {number}: every attempt sends the same body"
            );
            assert_eq!(
                attempt.header("authorization"),
                attempts[0].header("authorization")
            );
        }
        assert!(
            *took <= BUDGET + MARGIN,
            "call {number} took {took:?}, over its budget of {BUDGET:?}"
        );
        match (script.outcome, result) {
            (Outcome::Ok(expected), Ok(())) => {
                assert_eq!(
                    attempts.len(),
                    expected,
                    "call {number} ({:?})",
                    script.call
                );
                *outcomes.entry("ok").or_default() += 1;
            }
            (Outcome::Err(is_expected, expected), Err(error)) => {
                assert!(is_expected(error), "call {number}: unexpected {error:?}");
                assert_eq!(
                    error.attempts() as usize,
                    attempts.len(),
                    "call {number}: the error counts the attempts the server saw"
                );
                if let Some(expected) = expected {
                    assert_eq!(attempts.len(), expected, "call {number}: {error}");
                } else {
                    assert!((1..=3).contains(&attempts.len()), "call {number}");
                }
                *outcomes.entry("typed error").or_default() += 1;
            }
            (expected, result) => panic!("call {number}: expected {expected:?}, got {result:?}"),
        }
    }
    let total: usize = received.values().map(Vec::len).sum();
    assert_eq!(received.len(), CALLS, "one identity per call, none unknown");
    assert!(
        outcomes["ok"] > 0 && outcomes["typed error"] > 0,
        "{outcomes:?}"
    );
    assert!(
        total > CALLS,
        "retries happened: {total} requests for {CALLS} calls"
    );
}
