//! Sending bytes as they are, without the client's validation or decoding: to see the status
//! and body a server wrote, or to send a value the runtime would refuse.

use serde_json::Value;

/// A server's answer, as it came.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The body, as text.
    pub body: String,
}

impl Answer {
    /// Prism's reasons for a `422`: each `validation` entry as `location: message`
    /// (`body.Capture: Request body property Capture must be equal to …`).
    pub fn validation(&self) -> Vec<String> {
        let problem: Value = serde_json::from_str(&self.body).unwrap_or_default();
        let entries = problem.get("validation").and_then(Value::as_array);
        entries
            .into_iter()
            .flatten()
            .map(|entry| {
                let location = crate::spec::strings(entry, "location");
                let message = entry.get("message").and_then(Value::as_str);
                format!("{}: {}", location.join("."), message.unwrap_or_default())
            })
            .collect()
    }
}

/// Sends `request` and reads the whole answer.
///
/// # Panics
///
/// When the server cannot be reached or the answer cannot be read.
pub async fn send(request: http::Request<Vec<u8>>) -> Answer {
    let what = format!("{} {}", request.method(), request.uri());
    let request = reqwest::Request::try_from(request)
        .unwrap_or_else(|e| panic!("{what} is not a request reqwest can send: {e}"));
    let http = reqwest::Client::new();
    let response = http
        .execute(request)
        .await
        .unwrap_or_else(|e| panic!("{what}: no answer: {e}"));
    let status = response.status().as_u16();
    let body = response
        .text()
        .await
        .unwrap_or_else(|e| panic!("{what}: the answer could not be read: {e}"));
    Answer { status, body }
}
