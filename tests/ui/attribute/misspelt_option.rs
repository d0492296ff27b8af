use twilio_endpoint::twilio_endpoint;

pub struct Call;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", respnose = Call)]
pub struct FetchCall {
    pub account_sid: String,
    pub sid: String,
}

fn main() {}
