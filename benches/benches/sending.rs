//! Sending: `UpdatePayments::send` against raw reqwest sending the same bytes with the same
//! headers and the same `reqwest::Client`, to a loopback server answering `202` with a Payment.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p twilio-endpoint-benches --bench sending
//! ```
//!
//! Sequential: one request at a time, the latency of each. In flight: 640 requests, 64 at a
//! time, the throughput. Both sides decode the answer into a `Payment`. Raw reqwest is written
//! as by hand, `post(url)` with the URL as text; `raw_parsed` parses the URL once ahead of time,
//! a floor for comparison. The summary after divan's table runs `send` and each raw variant in
//! alternating batches and gives their ratio.

use std::hint::black_box;
use std::time::Duration;

use divan::counter::ItemsCount;
use twilio_endpoint::Client;
use twilio_endpoint_benches::compare::{self, format_ns, Clock};
use twilio_endpoint_benches::samples;
use twilio_endpoint_benches::send::{self, Raw, Via};
use twilio_endpoint_benches::server::Loopback;

/// Requests in flight at once in the throughput figures.
const IN_FLIGHT: usize = 64;
/// Requests in one throughput iteration.
const BURST: usize = 640;

fn main() {
    divan::main();
    if compare::measuring() {
        summary();
    }
}

/// A server, a client runtime, and both ways of sending through one `reqwest::Client`.
struct Setup {
    runtime: tokio::runtime::Runtime,
    client: Client,
    raw: Raw,
    // Last: dropped after the clients.
    _server: Loopback,
}

impl Setup {
    fn new() -> Setup {
        let server = Loopback::start();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("the client's runtime starts");
        let http = send::http_client();
        let client = send::twilio_client(server.base_url(), http.clone());
        let raw = Raw::new(&client, http);
        Setup {
            runtime,
            client,
            raw,
            _server: server,
        }
    }

    /// One request, sent `via`.
    fn once(&self, via: Via) {
        let request = samples::update_payments();
        black_box(
            self.runtime
                .block_on(send::once(&self.client, &self.raw, &request, via)),
        );
    }

    /// [`BURST`] requests, [`IN_FLIGHT`] at a time, sent `via`.
    fn burst(&self, via: Via) {
        black_box(self.runtime.block_on(send::burst(
            &self.client,
            &self.raw,
            via,
            IN_FLIGHT,
            BURST,
        )));
    }
}

const VIAS: &[Via] = &[Via::Send, Via::Raw, Via::RawParsed];

/// One request at a time.
#[divan::bench(args = VIAS)]
fn sequential(bencher: divan::Bencher, via: Via) {
    let setup = Setup::new();
    bencher.bench_local(|| setup.once(via));
}

/// 640 requests, 64 in flight.
#[divan::bench(args = VIAS, sample_count = 20, sample_size = 1)]
fn in_flight_64(bencher: divan::Bencher, via: Via) {
    let setup = Setup::new();
    bencher
        .counter(ItemsCount::new(BURST))
        .bench_local(|| setup.burst(via));
}

/// `send` / raw reqwest, interleaved.
fn summary() {
    let setup = &Setup::new();
    let rounds = compare::rounds(41);
    println!();
    println!("Interleaved summary (medians of {rounds} rounds):");
    println!();
    println!("| figure | baseline | send | baseline figure | send / baseline |");
    println!("| --- | --- | --- | --- | --- |");
    let figures = [
        (false, Clock::Wall, "sequential: latency per request"),
        (
            false,
            Clock::ThreadCpu,
            "sequential: client CPU per request",
        ),
        (true, Clock::Wall, "64 in flight: throughput (requests/s)"),
        (
            true,
            Clock::ThreadCpu,
            "64 in flight: client CPU per request",
        ),
    ];
    let baselines = [
        (Via::Raw, "raw reqwest"),
        (Via::RawParsed, "raw reqwest, URL parsed once"),
    ];
    for (burst, clock, figure) in figures {
        for (via, name) in baselines {
            let run = |via| {
                move || {
                    if burst {
                        setup.burst(via);
                    } else {
                        setup.once(via);
                    }
                }
            };
            let batch = Duration::from_millis(if burst { 100 } else { 40 });
            let c =
                compare::interleaved_by(clock, rounds, batch, &mut run(Via::Send), &mut run(via));
            // Per request; a throughput is requests per second, its ratio inverted.
            let requests = if burst { BURST as f64 } else { 1.0 };
            let (ours, baseline, ratio) = match (burst, clock) {
                (true, Clock::Wall) => (
                    format!("{:.0}", requests * 1e9 / c.ours_ns),
                    format!("{:.0}", requests * 1e9 / c.baseline_ns),
                    1.0 / c.ratio,
                ),
                _ => (
                    format_ns(c.ours_ns / requests),
                    format_ns(c.baseline_ns / requests),
                    c.ratio,
                ),
            };
            println!("| {figure} | {name} | {ours} | {baseline} | {ratio:.3} |");
        }
    }
    println!();
    println!(
        "Times: above 1 = send is slower. Throughput: below 1 = send serves fewer requests per \
         second. Client CPU: the benchmark thread's CPU time (user and kernel), which waiting for \
         the server or for another process does not count."
    );
}
