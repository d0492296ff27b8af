//! Bulk sending under Twilio-like limits (issue 19; figures in BENCHMARKS.md): 1,000
//! `CreateMessage` POSTs, 200 in flight, against a loopback server that admits 25 at once and
//! 250 per second and answers the rest `429` (error 20429).
//!
//! `cargo run --release -p twilio-endpoint-benches --bin bulk`

use std::time::Duration;

use twilio_endpoint::{Client, ClientBuilder, RetryPolicy};
use twilio_endpoint_benches::load::{send_bulk, send_bulk_moving, Limits, TwilioLike};
use twilio_endpoint_benches::{ACCOUNT, AUTH_TOKEN};

const COUNT: usize = 1_000;
const IN_FLIGHT: usize = 200;

/// A client of `server`, set by `set`.
fn client(server: &TwilioLike, set: fn(ClientBuilder) -> ClientBuilder) -> Client {
    set(Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(AUTH_TOKEN)
        .base_url(server.base_url()))
    .build()
    .expect("a loopback client builds")
}

async fn run(name: &str, set: fn(ClientBuilder) -> ClientBuilder) {
    let limits = Limits::TWILIO_LIKE;
    let server = TwilioLike::start(limits);
    let client = client(&server, set);
    let bulk = send_bulk(&client, COUNT, IN_FLIGHT).await;
    let seen = server.seen();
    let (processed, twice) = server.processed();
    let ideal = Duration::from_secs_f64(COUNT as f64 / limits.per_second);
    println!(
        "{name}: {} errors of {COUNT}; server saw {} requests, {} answered 429 ({:.1} %); \
         {processed} messages processed, {twice} twice; {:.2} s, {:.2}x the ideal {:.1} s",
        bulk.failed,
        seen.requests,
        seen.refused,
        seen.refused_share() * 100.0,
        bulk.elapsed.as_secs_f64(),
        bulk.elapsed.as_secs_f64() / ideal.as_secs_f64(),
        ideal.as_secs_f64(),
    );
    if let Some(error) = bulk.errors.first() {
        println!("  first error: {error}");
    }
}

/// The same server, its concurrency moving from 25 to 5 at a third of the messages and back
/// to 25 at two thirds (no rate limit, so that concurrency binds); the limiter's limit, read
/// every 20 ms, summed up per phase.
async fn moving() {
    let server = TwilioLike::start(Limits {
        per_second: 1_000_000.0,
        ..Limits::TWILIO_LIKE
    });
    let client = client(&server, |builder| builder);
    let phases = [(0.0, 25), (1.0 / 3.0, 5), (2.0 / 3.0, 25)];
    let (bulk, timeline) = send_bulk_moving(&server, &client, COUNT, IN_FLIGHT, &phases).await;
    let seen = server.seen();
    println!(
        "moving limit 25 -> 5 -> 25: {} errors; {} requests, {:.1} % answered 429; {:.2} s",
        bulk.failed,
        seen.requests,
        seen.refused_share() * 100.0,
        bulk.elapsed.as_secs_f64()
    );
    let mut phase_start = 0;
    for end in 1..=timeline.len() {
        if end < timeline.len() && timeline[end].admitted == timeline[phase_start].admitted {
            continue;
        }
        let moments = &timeline[phase_start..end];
        let limits: Vec<u32> = moments
            .iter()
            .filter_map(|moment| moment.limiter.map(|snapshot| snapshot.limit))
            .collect();
        let mean = limits.iter().map(|&l| f64::from(l)).sum::<f64>() / limits.len().max(1) as f64;
        println!(
            "  {:.2} s to {:.2} s, server admits {}: limiter limit min {}, mean {mean:.1}, max {}, last {}",
            moments[0].at.as_secs_f64(),
            moments[moments.len() - 1].at.as_secs_f64(),
            moments[0].admitted,
            limits.iter().min().unwrap_or(&0),
            limits.iter().max().unwrap_or(&0),
            limits.last().unwrap_or(&0),
        );
        phase_start = end;
    }
}

#[tokio::main]
async fn main() {
    run("default client (adaptive limit, retries)", |builder| {
        builder
    })
    .await;
    run("retry policy alone (no adaptation)", |builder| {
        builder.adaptive_concurrency(false)
    })
    .await;
    // twilio-node with `autoRetry: true`: no flow control but its agent's 20 sockets per host,
    // 3 retries on a 429, waits of a random share of min(3 s, 100 ms x 2^retry).
    run("twilio-node autoRetry's policy, emulated", |builder| {
        builder.max_in_flight(20).adaptive_concurrency(false).retry(
            RetryPolicy::default()
                .max_attempts(4)
                .max_throttled_attempts(4)
                .base_delay(Duration::from_millis(200))
                .max_delay(Duration::from_secs(3)),
        )
    })
    .await;
    run(
        "no flow control, no retries (the client before issue 19)",
        |builder| builder.adaptive_concurrency(false).no_retries(),
    )
    .await;
    moving().await;
}
