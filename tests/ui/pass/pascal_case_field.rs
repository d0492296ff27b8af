//! A field already named in PascalCase keeps its name: `CallSid` is `CallSid`.

#![allow(non_snake_case)]

use twilio_endpoint::{twilio_endpoint, Endpoint};

/// Fetches a call by its SID.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>.json")]
pub struct FetchCall {
    pub AccountSid: String,
    #[twilio(sid = "CA")]
    pub CallSid: String,
    pub PageSize: Option<u32>,
}

fn main() {
    let names: Vec<&str> = FetchCall::PARAMETERS.iter().map(|p| p.name()).collect();
    assert_eq!(names, ["AccountSid", "CallSid", "PageSize"]);
    let request = FetchCall::builder()
        .CallSid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .PageSize(5)
        .build();
    let url = request
        .encode("AC0123456789abcdef0123456789abcdef")
        .unwrap()
        .url;
    assert!(
        url.ends_with("/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json?PageSize=5"),
        "{url}"
    );
}
