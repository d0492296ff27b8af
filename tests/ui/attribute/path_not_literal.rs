use twilio_endpoint::twilio_endpoint;

const CALL: &str = "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json";

#[twilio_endpoint(GET, CALL)]
pub struct FetchCall {
    pub account_sid: String,
    pub sid: String,
}

fn main() {
    let _ = CALL;
}
