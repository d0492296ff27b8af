//! Listing: `ListMessage::stream` against a hand-written reqwest loop that follows the same
//! `next_page_uri` links, 10,000 messages in pages of 50 and of 1,000, on a loopback server
//! that answers pre-rendered pages of Twilio's 2010 format.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p twilio-endpoint-benches --bench listing
//! ```
//!
//! Both sides share one `reqwest::Client`, send the same headers (taken once from
//! `Client::to_http_request`) with the same 30 s per-request timeout, and decode every message
//! into the same `Message`; the client's retries are off, as in the sending benchmark. The summary after divan's table runs both in alternating batches and
//! gives the throughput ratio, then the most memory each holds at once (the whole process's,
//! measured by a counting allocator), next to the size of one page and to collecting the whole
//! list first.

use std::hint::black_box;
use std::time::Duration;

use divan::counter::ItemsCount;
use twilio_endpoint::Client;
use twilio_endpoint_benches::alloc::Peak;
use twilio_endpoint_benches::compare::{self, format_ns};
use twilio_endpoint_benches::list::{self, ITEMS};
use twilio_endpoint_benches::send;
use twilio_endpoint_benches::server::Loopback;

#[global_allocator]
static ALLOC: Peak = Peak;

const PAGE_SIZES: &[usize] = &[50, 1000];

fn main() {
    divan::main();
    if compare::measuring() {
        summary();
    }
}

/// A server with every page, a client runtime, and both ways of listing.
struct Setup {
    runtime: tokio::runtime::Runtime,
    client: Client,
    http: reqwest::Client,
    headers: http::HeaderMap,
    base_url: String,
    // Last: dropped after the clients.
    _server: Loopback,
}

impl Setup {
    fn new() -> Setup {
        let server = list::server(PAGE_SIZES);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("the client's runtime starts");
        let http = send::http_client();
        let client = send::twilio_client(server.base_url(), http.clone());
        Setup {
            runtime,
            headers: list::headers(&client),
            client,
            http,
            base_url: server.base_url().to_owned(),
            _server: server,
        }
    }

    fn streamed(&self, page_size: usize) -> usize {
        self.runtime
            .block_on(list::streamed(&self.client, page_size as u32))
    }

    fn hand_written(&self, page_size: usize) -> usize {
        self.runtime.block_on(list::hand_written(
            &self.http,
            &self.headers,
            &self.base_url,
            page_size as u32,
        ))
    }

    fn collected(&self, page_size: usize) -> usize {
        self.runtime
            .block_on(list::collected(&self.client, page_size as u32))
    }
}

/// Every message through `ListMessage::stream`.
#[divan::bench(args = PAGE_SIZES, sample_count = 10, sample_size = 1)]
fn stream(bencher: divan::Bencher, page_size: usize) {
    let setup = Setup::new();
    bencher
        .counter(ItemsCount::new(ITEMS))
        .bench_local(|| black_box(setup.streamed(page_size)));
}

/// Every message through the hand-written reqwest loop.
#[divan::bench(args = PAGE_SIZES, sample_count = 10, sample_size = 1)]
fn hand_written_loop(bencher: divan::Bencher, page_size: usize) {
    let setup = Setup::new();
    bencher
        .counter(ItemsCount::new(ITEMS))
        .bench_local(|| black_box(setup.hand_written(page_size)));
}

/// Throughput ratios, interleaved, and the most memory held.
fn summary() {
    let setup = &Setup::new();
    let rounds = compare::rounds(15);
    println!();
    println!("Interleaved summary (medians of {rounds} rounds, {ITEMS} messages a run):");
    println!();
    println!("| page size | stream (messages/s) | hand-written loop (messages/s) | stream / loop throughput |");
    println!("| --- | --- | --- | --- |");
    for &size in PAGE_SIZES {
        let c = compare::interleaved(
            rounds,
            Duration::from_millis(300),
            &mut || {
                black_box(setup.streamed(size));
            },
            &mut || {
                black_box(setup.hand_written(size));
            },
        );
        let per_second = |ns: f64| ITEMS as f64 * 1e9 / ns;
        println!(
            "| {size} | {:.0} ({} a run) | {:.0} ({} a run) | {:.3} |",
            per_second(c.ours_ns),
            format_ns(c.ours_ns),
            per_second(c.baseline_ns),
            format_ns(c.baseline_ns),
            1.0 / c.ratio
        );
    }
    println!();
    println!("Most memory held at once during a run, above what was held before it (whole process, server included):");
    println!();
    println!("| page size | one page's body | stream | hand-written loop | collect all first |");
    println!("| --- | --- | --- | --- | --- |");
    let pages = list::pages(PAGE_SIZES);
    for &size in PAGE_SIZES {
        let peak = |run: &dyn Fn()| {
            // The most of three runs, after a warm-up run.
            run();
            (0..3)
                .map(|_| {
                    let before = Peak::reset();
                    run();
                    Peak::most_held().saturating_sub(before)
                })
                .max()
                .unwrap_or(0)
        };
        let kib = |bytes: usize| format!("{:.0} KiB", bytes as f64 / 1024.0);
        let streamed = peak(&|| {
            black_box(setup.streamed(size));
        });
        let hand = peak(&|| {
            black_box(setup.hand_written(size));
        });
        let collected = peak(&|| {
            black_box(setup.collected(size));
        });
        println!(
            "| {size} | {} | {} | {} | {} |",
            kib(list::largest_page(&pages, size)),
            kib(streamed),
            kib(hand),
            kib(collected)
        );
    }
    println!();
    println!("Throughput: below 1 = stream lists fewer messages per second than the loop.");
}
