use twilio_endpoint::twilio_endpoint;

/// Places a call.
#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct CreateCall {
    pub account_sid: String,
    pub to: String,
    pub from: String,
    pub url: String,
    pub status_callback_event: Vec<String>,
}

fn main() {
    let _ = CreateCall::builder().from("+15017122661").build();
}
