//! What the endpoints of a Rust 2024 crate put on the wire, with the builder a user calls.

use twilio_endpoint::Endpoint as _;
use twilio_endpoint_edition2024::{CreateContent, ListCall, Text, UpdateCall};

const ACCOUNT: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

#[test]
fn a_form_request_carries_every_value_set() {
    let request = UpdateCall::builder()
        .sid("CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        .maybe_url(Some("https://example.com/twiml"))
        .r#type("a b")
        .status_callback_event(["initiated", "ringing"])
        .timeout(30)
        .webhook_enabled(true)
        .build();
    let encoded = request.encode(ACCOUNT).unwrap();
    assert_eq!(
        encoded.url,
        format!("/2010-04-01/Accounts/{ACCOUNT}/Calls/CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.json")
    );
    assert_eq!(
        encoded.body.as_deref(),
        Some(
            "Url=https%3A%2F%2Fexample.com%2Ftwiml&Type=a+b&StatusCallbackEvent=initiated\
             &StatusCallbackEvent=ringing&Timeout=30"
        )
    );
    assert_eq!(encoded.headers["X-Twilio-Webhook-Enabled"], "true");
}

#[test]
fn bad_values_are_all_reported_by_their_twilio_names() {
    let request = UpdateCall::builder()
        .sid("PKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        .url("not a uri")
        .build();
    let message = request.encode(ACCOUNT).unwrap_err().to_string();
    assert!(message.contains("`Sid`"), "{message}");
    assert!(message.contains("`Url`"), "{message}");
}

#[test]
fn a_query_request_encodes_renamed_names() {
    let request = ListCall::builder()
        .to("+15005550006")
        .start_time_after("2026-01-01")
        .page_size(20)
        .build();
    let encoded = request.encode(ACCOUNT).unwrap();
    assert_eq!(
        encoded.url,
        format!(
            "/2010-04-01/Accounts/{ACCOUNT}/Calls.json\
             ?To=%2B15005550006&StartTime%3E=2026-01-01&PageSize=20"
        )
    );
    assert_eq!(encoded.body, None);
}

#[test]
fn a_json_request_writes_its_members() {
    let request = CreateContent::builder()
        .language("en")
        .types(Text { body: "Hi".into() })
        .build();
    let encoded = request.encode("").unwrap();
    assert_eq!(
        encoded.body.as_deref(),
        Some(r#"{"language":"en","types":{"body":"Hi"}}"#)
    );
}
