// A mistake in the declaration is one error: the code that uses the endpoint (its builder with
// every setter, `send`, the `Endpoint` impl) still type-checks, so no E0599 follows at each use.
use twilio_endpoint::payments::Payment;
use twilio_endpoint::{twilio_endpoint, Client, Endpoint};

#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls/<CalSid>/Payments.json",
                  response = Payment)]
pub struct CreatePayments {
    pub account_sid: String,
    pub call_sid: String,
    pub idempotency_key: String,
    pub payment_method: Option<String>,
}

async fn create(client: &Client) -> Result<Payment, twilio_endpoint::Error> {
    let request = CreatePayments::builder()
        .call_sid("CA0123456789abcdef0123456789abcdef")
        .idempotency_key("k1")
        .maybe_payment_method(None::<String>)
        .build();
    let _ = (CreatePayments::METHOD, CreatePayments::PATH_TEMPLATE);
    request.send(client).await
}

fn main() {
    let _ = create;
}
