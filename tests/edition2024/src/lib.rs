//! Endpoints declared as a user's crate declares them today: Rust 2024 (what `cargo new` gives),
//! every warning an error (rustc's lints, `missing_docs` among them, apply to what the attribute
//! generates), clippy's pedantic lints on (`.ci/run`'s clippy denies warnings; clippy passes over
//! most of a macro's output). The workspace's other crates are Rust 2021; the generated code must
//! build here too. `tests/encode.rs` checks what the requests carry.

#![deny(warnings, missing_docs, unsafe_code)]
#![warn(clippy::pedantic)]

use serde::{Deserialize, Serialize};
use twilio_endpoint::twilio_endpoint;

/// A call, as Twilio answers it.
#[derive(Debug, Deserialize)]
pub struct Call {
    /// The call's SID.
    pub sid: String,
}

/// Updates a call: path SIDs, form values, a list, a raw identifier, a header.
#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = Call)]
pub struct UpdateCall {
    /// The account; left empty, the client's.
    pub account_sid: String,
    /// The call.
    #[twilio(sid = "CA")]
    pub sid: String,
    /// Where Twilio fetches new `TwiML`.
    #[twilio(uri)]
    pub url: Option<String>,
    /// A parameter named with a keyword.
    pub r#type: Option<String>,
    /// Which events to report.
    pub status_callback_event: Vec<String>,
    /// How long to wait, in seconds.
    pub timeout: Option<u32>,
    /// A header parameter.
    #[twilio(header, rename = "X-Twilio-Webhook-Enabled")]
    pub webhook_enabled: Option<bool>,
}

/// Lists calls: query parameters, a renamed one, pages of items.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json", list = Call)]
pub struct ListCall {
    /// The account; left empty, the client's.
    pub account_sid: String,
    /// Only calls to this number.
    pub to: Option<String>,
    /// Only calls that started after this time.
    #[twilio(rename = "StartTime>")]
    pub start_time_after: Option<String>,
    /// How many calls to a page.
    pub page_size: Option<u32>,
}

/// A content template's text.
#[derive(Debug, Serialize)]
pub struct Text {
    /// The message text.
    pub body: String,
}

/// Creates a content template: a JSON body on another host.
#[twilio_endpoint(POST, "/v1/Content", body = json, host = "content")]
pub struct CreateContent {
    /// The template's name.
    pub friendly_name: Option<String>,
    /// Its language.
    pub language: String,
    /// Its text.
    pub types: Text,
}
