use twilio_endpoint::twilio_endpoint;

/// Starts a payment session on a call.
#[twilio_endpoint(
    POST,
    "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments.json"
)]
pub struct CreatePayments {
    pub account_sid: String,
    pub call_sid: String,
    pub idempotency_key: String,
    pub charge_amount: Option<f64>,
}

fn main() {
    let _ = CreatePayments::builder()
        .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .charge_amount(12.5)
        .build();
}
