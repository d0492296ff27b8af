use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct CreateCall<T> {
    pub account_sid: String,
    pub to: T,
}

fn main() {}
