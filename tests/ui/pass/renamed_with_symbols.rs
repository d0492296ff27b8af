//! Twilio's range filters have symbols in their names (`StartTime>`): `rename` gives them.

use twilio_endpoint::{twilio_endpoint, Endpoint};

/// Lists the calls that started in a window.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct ListCalls {
    pub account_sid: String,
    #[twilio(rename = "StartTime>")]
    pub started_after: Option<String>,
    #[twilio(rename = "StartTime<")]
    pub started_before: Option<String>,
    #[twilio(rename = "PageSize")]
    pub limit: Option<u32>,
}

fn main() {
    let request = ListCalls::builder()
        .started_after("2024-01-01")
        .started_before("2024-02-01")
        .limit(20)
        .build();
    let encoded = request
        .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .unwrap();
    assert_eq!(
        encoded.url,
        "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json\
         ?StartTime%3E=2024-01-01&StartTime%3C=2024-02-01&PageSize=20"
    );
    assert_eq!(encoded.body, None);
    let keys: Vec<&str> = ListCalls::PARAMETERS
        .iter()
        .map(|p| p.encoded_name())
        .collect();
    assert_eq!(
        keys,
        ["AccountSid", "StartTime%3E", "StartTime%3C", "PageSize"]
    );
}
