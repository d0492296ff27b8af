//! Bulk sending under Twilio's limits (issue 19): 1,000 `CreateMessage` POSTs without an
//! `IdempotencyKey`, 200 in flight through one default `Client`, against a loopback server that
//! limits like Twilio's REST API (`twilio_endpoint_benches::load::TwilioLike`: so many at once,
//! so many per second, `429` with error 20429 beyond, no `Retry-After`).
//!
//! Counts are asserted here; the wall time against the ideal is measured by the `bulk` binary
//! of the benches crate (BENCHMARKS.md), never asserted in a timed test.

use std::time::Duration;

use twilio_endpoint::Client;
use twilio_endpoint_benches::load::{send_bulk, send_bulk_moving, Limits, TwilioLike};
use twilio_endpoint_benches::{ACCOUNT, AUTH_TOKEN};

const COUNT: usize = 1_000;
const IN_FLIGHT: usize = 200;

fn default_client(server: &TwilioLike) -> Client {
    Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(AUTH_TOKEN)
        .base_url(server.base_url())
        .build()
        .expect("a loopback client builds")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_posts_under_twilios_limits_all_go_out_once() {
    let server = TwilioLike::start(Limits::TWILIO_LIKE);
    let client = default_client(&server);
    let bulk = send_bulk(&client, COUNT, IN_FLIGHT).await;
    let seen = server.seen();
    let (processed, twice) = server.processed();
    eprintln!("{bulk:?} {seen:?}");
    assert_eq!(bulk.failed, 0, "every send succeeds: {:?}", bulk.errors);
    assert_eq!(processed, COUNT, "every message reached the server");
    assert_eq!(twice, 0, "no message was processed twice");
    assert!(
        seen.refused_share() <= 0.10,
        "at most 10 % of the requests the server saw were refused: {seen:?}"
    );
    assert!(
        seen.peak_in_flight <= Limits::TWILIO_LIKE.concurrent,
        "the server's own limit held: {seen:?}"
    );
    let snapshot = client.limiter_snapshot("api").expect("the gate was used");
    assert_eq!(
        snapshot.refused, seen.refused,
        "the client counted every 429"
    );
    assert_eq!(
        (snapshot.in_flight, snapshot.queued),
        (0, 0),
        "{snapshot:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_limiter_follows_a_limit_that_drops_and_rises() {
    // Concurrency is what binds here: 25 at once, then 5 from a third of the messages on, then
    // 25 again from two thirds.
    let server = TwilioLike::start(Limits {
        concurrent: 25,
        per_second: 1_000_000.0,
        hold: Duration::from_millis(20),
    });
    let client = default_client(&server);
    let phases = [(0.0, 25), (1.0 / 3.0, 5), (2.0 / 3.0, 25)];
    let (bulk, timeline) = send_bulk_moving(&server, &client, COUNT, IN_FLIGHT, &phases).await;
    assert_eq!(bulk.failed, 0, "every send succeeds: {:?}", bulk.errors);
    assert_eq!(
        server.processed(),
        (COUNT, 0),
        "each message processed once"
    );
    let limits = |admitted: u32| -> Vec<u32> {
        timeline
            .iter()
            .filter(|moment| moment.admitted == admitted)
            .filter_map(|moment| moment.limiter.map(|snapshot| snapshot.limit))
            .collect()
    };
    let low_from = timeline
        .iter()
        .position(|moment| moment.admitted == 5)
        .expect("the limit dropped during the run");
    let before: Vec<u32> = timeline[..low_from]
        .iter()
        .filter_map(|moment| moment.limiter.map(|snapshot| snapshot.limit))
        .collect();
    let high_again: Vec<u32> = timeline[low_from..]
        .iter()
        .skip_while(|moment| moment.admitted == 5)
        .filter_map(|moment| moment.limiter.map(|snapshot| snapshot.limit))
        .collect();
    eprintln!(
        "limit while 25 admitted: {before:?}\nwhile 5: {:?}\nwhile 25 again: {high_again:?}",
        limits(5)
    );
    // The limit starts at INITIAL_LIMIT (16), so what counts is where it stands at the end of
    // each phase, not whether it ever passed a value.
    let end = |limits: &[u32]| limits.last().copied().expect("the phase was sampled");
    assert!(
        end(&before) > 10,
        "the limiter learnt a limit well above 5 while 25 were admitted: {before:?}"
    );
    let low = limits(5);
    let settled = &low[low.len() / 2..];
    assert!(
        settled.iter().all(|&limit| limit <= 10),
        "over the second half of the drop the limit stays near 5: {low:?}"
    );
    assert!(
        low.iter().any(|&limit| limit <= 5),
        "the limiter went down to the server's 5: {low:?}"
    );
    assert!(
        end(&high_again) > 10,
        "the limiter rose again with the limit: {high_again:?}"
    );
}
