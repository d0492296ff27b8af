use twilio_endpoint::twilio_endpoint;

pub struct CallSid(pub String);

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json")]
pub struct FetchCall {
    pub account_sid: String,
    pub sid: CallSid,
}

fn main() {}
