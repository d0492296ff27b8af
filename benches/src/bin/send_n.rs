//! Sends `UpdatePayments` N times in a row to a server, and says how long that took.
//!
//! ```text
//! send-n BASE_URL N [raw|raw-parsed]
//! ```
//!
//! Through the crate's `send`, or with `raw` through raw reqwest with the same bytes and headers
//! (`raw-parsed`: the URL parsed once, ahead of time).
//! Ten requests first open the connection and warm up; the N after them are timed. Prints
//! `requests=N seconds=S per_request_us=U`. `benches/scripts/python_sdk.py` compares it with
//! Twilio's Python helper library against the same server.

use std::hint::black_box;
use std::time::Instant;

use twilio_endpoint_benches::samples;
use twilio_endpoint_benches::send::{self, Raw, Via};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(n)) = (args.next(), args.next().and_then(|n| n.parse::<u32>().ok()))
    else {
        eprintln!("usage: send-n BASE_URL N [raw|raw-parsed]");
        std::process::exit(2);
    };
    let via = match args.next().as_deref() {
        None | Some("send") => Via::Send,
        Some("raw") => Via::Raw,
        Some("raw-parsed") => Via::RawParsed,
        Some(other) => {
            eprintln!("unknown way of sending {other:?}: send, raw or raw-parsed");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the runtime starts");
    let http = send::http_client();
    let client = send::twilio_client(&base_url, http.clone());
    let raw = Raw::new(&client, http);
    let request = samples::update_payments();
    let seconds = runtime.block_on(async {
        let mut start = Instant::now();
        for i in 0..10 + n {
            if i == 10 {
                start = Instant::now();
            }
            black_box(send::once(&client, &raw, &request, via).await);
        }
        start.elapsed().as_secs_f64()
    });
    println!(
        "requests={n} seconds={seconds:.6} per_request_us={:.2}",
        seconds * 1e6 / f64::from(n.max(1))
    );
}
