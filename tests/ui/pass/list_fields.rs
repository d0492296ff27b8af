//! `Vec` fields: sent as repeated keys, left out when empty, set from any iterator.

use twilio_endpoint::{twilio_endpoint, Endpoint};

/// Creates a call that reports several events.
#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct CreateCall {
    pub account_sid: String,
    pub to: String,
    pub status_callback_event: Vec<String>,
    pub machine_detection_timeouts: Vec<u32>,
}

fn main() {
    let request = CreateCall::builder()
        .to("+15558675310")
        .status_callback_event(["initiated", "answered"])
        .status_callback_event(vec![String::from("completed")])
        .machine_detection_timeouts(1..3)
        .build();
    let encoded = request
        .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .unwrap();
    assert_eq!(
        encoded.body.as_deref(),
        Some(
            "To=%2B15558675310&StatusCallbackEvent=initiated&StatusCallbackEvent=answered\
             &StatusCallbackEvent=completed&MachineDetectionTimeouts=1&MachineDetectionTimeouts=2"
        )
    );
    let empty = CreateCall::builder().to("+15558675310").build();
    assert_eq!(
        empty
            .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
            .unwrap()
            .body
            .as_deref(),
        Some("To=%2B15558675310")
    );
}
