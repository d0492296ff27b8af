//! An endpoint without parameters: `struct Name {}`, a `DELETE` with no query and no body.

use twilio_endpoint::{twilio_endpoint, Endpoint};

/// Deletes the one resource the path names.
#[twilio_endpoint(DELETE, "/v1/Services/Default", response = (), host = "voice")]
pub struct DeleteDefaultService {}

fn main() {
    let request = DeleteDefaultService::builder().build();
    let encoded = request
        .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .unwrap();
    assert_eq!(encoded.method, "DELETE");
    assert_eq!(encoded.url, "/v1/Services/Default");
    assert_eq!(encoded.body, None);
    assert_eq!(DeleteDefaultService::HOST, "voice");
    assert!(DeleteDefaultService::PARAMETERS.is_empty());
}
