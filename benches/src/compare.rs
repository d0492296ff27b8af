//! An interleaved A/B timer: the code under test and its baseline run in alternating batches,
//! so that a neighbour's build slowing the machine down slows both sides alike.
//!
//! Each round times one batch of each (which goes first alternates); the figures are the medians
//! over the rounds, and the ratio is the median of the rounds' own ratios.

use std::time::{Duration, Instant};

/// Medians of an interleaved comparison.
#[derive(Clone, Copy, Debug)]
pub struct Comparison {
    /// Nanoseconds per iteration of the code under test (median over the rounds).
    pub ours_ns: f64,
    /// Nanoseconds per iteration of the baseline (median over the rounds).
    pub baseline_ns: f64,
    /// The median over the rounds of ours / baseline.
    pub ratio: f64,
    /// Iterations in one batch.
    pub batch: u64,
    /// Rounds run.
    pub rounds: usize,
}

/// What a batch is timed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Elapsed time.
    Wall,
    /// CPU time of the calling thread, user and kernel (Linux's
    /// `/proc/thread-self/schedstat`; elsewhere elapsed time). Time spent waiting, for the
    /// network or for another process's turn on the CPU, does not count.
    ThreadCpu,
}

/// Nanoseconds this thread has run on a CPU, when Linux says.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Times one batch of `iterations` calls, in nanoseconds per call.
fn batch(clock: Clock, f: &mut dyn FnMut(), iterations: u64) -> f64 {
    let cpu = (clock == Clock::ThreadCpu).then(thread_cpu_ns).flatten();
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    let elapsed = match (cpu, thread_cpu_ns()) {
        (Some(before), Some(after)) => after.saturating_sub(before) as f64,
        _ => start.elapsed().as_nanos() as f64,
    };
    elapsed / iterations as f64
}

/// The median of `values` (which it sorts).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Runs `ours` and `baseline` in `rounds` alternating batches of about `batch_time` each,
/// timed by the wall clock.
pub fn interleaved(
    rounds: usize,
    batch_time: Duration,
    ours: &mut dyn FnMut(),
    baseline: &mut dyn FnMut(),
) -> Comparison {
    interleaved_by(Clock::Wall, rounds, batch_time, ours, baseline)
}

/// [`interleaved`], timed by `clock` (batches are sized by the wall clock).
pub fn interleaved_by(
    clock: Clock,
    rounds: usize,
    batch_time: Duration,
    ours: &mut dyn FnMut(),
    baseline: &mut dyn FnMut(),
) -> Comparison {
    // Warm up both, then size the batch on the slower of the two.
    let mut iterations = 1u64;
    loop {
        let slowest =
            batch(Clock::Wall, ours, iterations).max(batch(Clock::Wall, baseline, iterations))
                * iterations as f64;
        if slowest >= batch_time.as_nanos() as f64 / 4.0 || iterations >= 1 << 30 {
            let scale = batch_time.as_nanos() as f64 / slowest.max(1.0);
            iterations = ((iterations as f64 * scale).ceil() as u64).max(1);
            break;
        }
        iterations *= 2;
    }
    let mut ours_ns = Vec::with_capacity(rounds);
    let mut baseline_ns = Vec::with_capacity(rounds);
    let mut ratios = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let (a, b) = if round % 2 == 0 {
            let a = batch(clock, ours, iterations);
            (a, batch(clock, baseline, iterations))
        } else {
            let b = batch(clock, baseline, iterations);
            (batch(clock, ours, iterations), b)
        };
        ours_ns.push(a);
        baseline_ns.push(b);
        ratios.push(a / b);
    }
    Comparison {
        ours_ns: median(&mut ours_ns),
        baseline_ns: median(&mut baseline_ns),
        ratio: median(&mut ratios),
        batch: iterations,
        rounds,
    }
}

/// Whether a bench binary was started by `cargo bench` to measure (not `--test`, not `--list`),
/// so that it also runs its interleaved summary after divan's table.
pub fn measuring() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    has("--bench") && !has("--test") && !has("--list")
}

/// How many rounds the summaries run: `TWILIO_BENCH_ROUNDS`, or `default`.
pub fn rounds(default: usize) -> usize {
    std::env::var("TWILIO_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// Formats nanoseconds for a table: `412 ns`, `48.3 µs`.
pub fn format_ns(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.0} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.1} µs", ns / 1_000.0)
    } else {
        format!("{:.2} ms", ns / 1_000_000.0)
    }
}
