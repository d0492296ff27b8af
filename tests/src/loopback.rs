//! A loopback server for wire tests.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server on `127.0.0.1` that answers every request with `status` and the JSON `body`, and
/// records what it receives.
pub async fn answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_raw(body.as_bytes().to_vec(), "application/json"),
        )
        .mount(&server)
        .await;
    server
}
