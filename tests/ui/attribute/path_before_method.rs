use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint("/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", GET)]
pub struct FetchCall {
    pub account_sid: String,
    pub sid: String,
}

fn main() {}
