use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json")]
pub struct FetchCall<'a> {
    pub account_sid: &'a str,
    pub sid: &'a str,
}

fn main() {}
