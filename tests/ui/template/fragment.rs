use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json#calls")]
pub struct ListCalls {
    pub account_sid: String,
}

fn main() {}
