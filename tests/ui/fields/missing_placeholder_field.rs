use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(
    POST,
    "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments.json"
)]
pub struct CreatePayments {
    pub account_sid: String,
    pub idempotency_key: String,
}

fn main() {
    // The struct is still there for the rest of the crate.
    let _ = CreatePayments {
        account_sid: String::new(),
        idempotency_key: String::new(),
    };
}
