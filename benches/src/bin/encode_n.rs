//! Builds one benchmark request N times, for instruction counts and profiles under valgrind.
//!
//! ```text
//! encode-n CASE N
//! ```
//!
//! `CASE` is `update`, `create` or `list` (the generated code) or `update-hand`, `create-hand`
//! or `list-hand` (the hand-written baseline). `benches/scripts/instructions.sh` runs it under
//! cachegrind with N and with 0 and divides the difference by N.

use std::hint::black_box;

use twilio_endpoint::Endpoint;
use twilio_endpoint_benches::{hand_written, samples, ACCOUNT};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(case), Some(n)) = (args.next(), args.next().and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!("usage: encode-n update|create|list[-hand] N");
        std::process::exit(2);
    };
    let update = samples::update_payments();
    let create = samples::create_payments();
    let list = samples::list_call();
    let account = black_box(ACCOUNT);
    let run: Box<dyn Fn()> = match case.as_str() {
        "update" => Box::new(|| drop(black_box(black_box(&update).encode(account)))),
        "create" => Box::new(|| drop(black_box(black_box(&create).encode(account)))),
        "list" => Box::new(|| drop(black_box(black_box(&list).encode(account)))),
        "update-hand" => Box::new(|| {
            drop(black_box(hand_written::update_payments(
                black_box(&update),
                account,
                "",
            )))
        }),
        "create-hand" => Box::new(|| {
            drop(black_box(hand_written::create_payments(
                black_box(&create),
                account,
                "",
            )))
        }),
        "list-hand" => Box::new(|| {
            drop(black_box(hand_written::list_call(
                black_box(&list),
                account,
                "",
            )))
        }),
        other => {
            eprintln!("unknown case {other:?}");
            std::process::exit(2);
        }
    };
    for _ in 0..n {
        run();
    }
}
