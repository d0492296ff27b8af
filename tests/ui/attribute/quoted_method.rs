use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint("POST", "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct CreateCall {
    pub account_sid: String,
    pub to: String,
}

fn main() {}
