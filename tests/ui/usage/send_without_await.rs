#![deny(unused_must_use)]

use twilio_endpoint::payments::{Capture, UpdatePayments};
use twilio_endpoint::Client;

pub async fn capture_card(client: &Client) {
    let request = UpdatePayments::builder()
        .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .idempotency_key("capture-1")
        .status_callback("https://example.com/payments")
        .capture(Capture::PaymentCardNumber)
        .build();
    request.send(client);
}

fn main() {}
