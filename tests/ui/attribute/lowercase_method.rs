use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(get, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json")]
pub struct FetchCall {
    pub account_sid: String,
    pub sid: String,
}

fn main() {}
