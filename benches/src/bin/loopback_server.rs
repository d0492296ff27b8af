//! The benchmarks' loopback server as a process of its own, for clients in other languages.
//!
//! ```text
//! loopback-server [MAX_SECONDS]
//! ```
//!
//! Prints its base URL (`http://127.0.0.1:PORT`) on one line, then answers every request with
//! `202` and a Payment's JSON until its standard input closes or `MAX_SECONDS` (default 900)
//! have passed.

use std::io::{Read, Write};
use std::time::Duration;

use twilio_endpoint_benches::server::Loopback;

fn main() {
    let max_seconds = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(900);
    let server = Loopback::start();
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{}", server.base_url()).expect("stdout is writable");
    stdout.flush().expect("stdout is writable");
    let (closed, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        let _ = closed.send(());
    });
    let _ = wait.recv_timeout(Duration::from_secs(max_seconds));
    drop(server);
}
