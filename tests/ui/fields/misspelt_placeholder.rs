use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls/<CalSid>/Payments.json")]
pub struct CreatePayments {
    pub account_sid: String,
    pub call_sid: String,
    pub idempotency_key: String,
}

fn main() {}
