//! Request building: the generated `Endpoint::encode` against hand-written `format!` and
//! `serde_urlencoded`, for the same requests and the same bytes.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p twilio-endpoint-benches --bench request_building
//! ```
//!
//! Divan's table gives time and allocations per request for each side; the summary after it
//! runs both sides in alternating batches and gives their ratio, with allocations per request
//! counted by the bench's own allocator.

use std::hint::black_box;
use std::time::Duration;

use divan::AllocProfiler;
use twilio_endpoint::Endpoint;
use twilio_endpoint_benches::alloc::{self, Counting};
use twilio_endpoint_benches::compare::{self, format_ns};
use twilio_endpoint_benches::{hand_written, samples, ACCOUNT};

#[global_allocator]
static ALLOC: AllocProfiler<Counting> = AllocProfiler::new(Counting);

fn main() {
    divan::main();
    if compare::measuring() {
        summary();
    }
}

/// `UpdatePayments`, all four form parameters set.
mod update_payments {
    use super::*;

    #[divan::bench]
    fn generated(bencher: divan::Bencher) {
        let request = samples::update_payments();
        bencher.bench_local(|| black_box(&request).encode(black_box(ACCOUNT)));
    }

    #[divan::bench]
    fn hand_written(bencher: divan::Bencher) {
        let request = samples::update_payments();
        bencher.bench_local(|| {
            hand_written::update_payments(black_box(&request), black_box(ACCOUNT), "")
        });
    }
}

/// `CreatePayments`, all 20 parameters set.
mod create_payments {
    use super::*;

    #[divan::bench]
    fn generated(bencher: divan::Bencher) {
        let request = samples::create_payments();
        bencher.bench_local(|| black_box(&request).encode(black_box(ACCOUNT)));
    }

    #[divan::bench]
    fn hand_written(bencher: divan::Bencher) {
        let request = samples::create_payments();
        bencher.bench_local(|| {
            hand_written::create_payments(black_box(&request), black_box(ACCOUNT), "")
        });
    }
}

/// A GET with four query parameters, one of them a list of three.
mod list_call {
    use super::*;

    #[divan::bench]
    fn generated(bencher: divan::Bencher) {
        let request = samples::list_call();
        bencher.bench_local(|| black_box(&request).encode(black_box(ACCOUNT)));
    }

    #[divan::bench]
    fn hand_written(bencher: divan::Bencher) {
        let request = samples::list_call();
        bencher
            .bench_local(|| hand_written::list_call(black_box(&request), black_box(ACCOUNT), ""));
    }
}

/// One row of the summary: both sides interleaved, and their allocations per request.
///
/// The first request on a thread grows that thread's scratch buffers, which are kept: the
/// allocations counted are those of a request after one warm-up request.
fn row(name: &str, mut ours: impl FnMut(), mut baseline: impl FnMut()) {
    ours();
    baseline();
    let (ours_allocs, ()) = alloc::count(&mut ours);
    let (baseline_allocs, ()) = alloc::count(&mut baseline);
    let c = compare::interleaved(
        compare::rounds(41),
        Duration::from_millis(5),
        &mut ours,
        &mut baseline,
    );
    println!(
        "| {name} | {} | {} | {:.2} | {ours_allocs} | {baseline_allocs} |",
        format_ns(c.ours_ns),
        format_ns(c.baseline_ns),
        c.ratio,
    );
}

/// [`row`] for `request`'s `Endpoint::encode` against `hand_written`, both for the path alone.
fn encode_row<E: Endpoint, T>(name: &str, request: &E, hand_written: fn(&E, &str, &str) -> T) {
    row(
        name,
        || drop(black_box(black_box(request).encode(black_box(ACCOUNT)))),
        || {
            drop(black_box(hand_written(
                black_box(request),
                black_box(ACCOUNT),
                "",
            )))
        },
    );
}

/// Generated / hand-written, interleaved, with allocations per request.
fn summary() {
    println!();
    println!(
        "Interleaved summary (medians of {} rounds):",
        compare::rounds(41)
    );
    println!();
    println!(
        "| request | generated | hand-written | ratio | allocs generated | allocs hand-written |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let update = samples::update_payments();
    encode_row("UpdatePayments", &update, hand_written::update_payments);
    encode_row(
        "CreatePayments",
        &samples::create_payments(),
        hand_written::create_payments,
    );
    encode_row(
        "ListCall (GET, list in query)",
        &samples::list_call(),
        hand_written::list_call,
    );
}
