//! A user's own reqwest 0.13 client, built in the user's crate, is the one `http_client` takes:
//! one reqwest in the build (`.ci/run` checks `cargo tree -d` of this crate), and the requests
//! go through the user's client, with its settings.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::sync::mpsc;

use twilio_endpoint_edition2024::UpdateCall;

/// A one-request HTTP server on loopback: sends back the request's head lines, answers `200`
/// with a call's JSON.
fn one_request_server() -> (String, mpsc::Receiver<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (heads, received) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = Vec::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let line = line.trim_end().to_owned();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            head.push(line);
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let answer = r#"{"sid":"CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","status":"in-progress"}"#;
        write!(
            reader.get_mut(),
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n{answer}",
            answer.len()
        )
        .unwrap();
        heads.send(head).unwrap();
    });
    (url, received)
}

#[tokio::test]
async fn a_user_built_reqwest_client_sends_the_requests() {
    let (url, received) = one_request_server();
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-sent-by", "the-user-s-client".parse().unwrap());
    // `reqwest` here is the user's own dependency, not `twilio_endpoint::reqwest`.
    let http: reqwest::Client = reqwest::Client::builder()
        .default_headers(defaults)
        .build()
        .unwrap();
    let client = twilio_endpoint::Client::builder()
        .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .auth_token("a-test-auth-token")
        .base_url(&url)
        .http_client(http)
        .build()
        .unwrap();
    UpdateCall::builder()
        .sid("CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        .timeout(30)
        .build()
        .send(&client)
        .await
        .unwrap();
    let head = received.recv().unwrap();
    assert!(
        head[0].starts_with("POST /2010-04-01/Accounts/"),
        "{head:?}"
    );
    assert!(
        head.iter()
            .any(|line| line == "x-sent-by: the-user-s-client"),
        "the user's client sent it: {head:?}"
    );
}
