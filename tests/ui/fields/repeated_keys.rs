use twilio_endpoint::twilio_endpoint;

// Every repeated key gets the same error, on the repeat, and the first value stays.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json")]
pub struct FetchCall {
    #[twilio(sid = "AC", sid = "CA")]
    pub account_sid: String,
    #[twilio(path, path)]
    pub sid: String,
    #[twilio(rename = "StartTime>")]
    #[twilio(rename = "StartTime<")]
    pub start_time: Option<String>,
    #[twilio(uri, uri_reference)]
    pub callback: Option<String>,
}

fn main() {}
