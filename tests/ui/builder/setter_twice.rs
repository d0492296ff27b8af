use twilio_endpoint::twilio_endpoint;

/// Completes a payment session.
#[twilio_endpoint(
    POST,
    "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json"
)]
pub struct UpdatePayments {
    pub account_sid: String,
    pub call_sid: String,
    pub sid: String,
    pub idempotency_key: String,
}

fn main() {
    let _ = UpdatePayments::builder()
        .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .idempotency_key("complete-1")
        .idempotency_key("complete-2")
        .build();
}
