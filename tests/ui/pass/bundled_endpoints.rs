//! The bundled Payments endpoints, used from a user crate as the crate documentation shows.

use twilio_endpoint::payments::{
    Capture, CreatePayments, Payment, PaymentMethod, PaymentStatus, UpdatePayments,
};
use twilio_endpoint::{Client, Endpoint, Error};

async fn take_payment(client: &Client) -> Result<Payment, Error> {
    CreatePayments::builder()
        .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .idempotency_key("session-1")
        .status_callback("https://example.com/payments")
        .payment_method(PaymentMethod::CreditCard)
        .charge_amount("12.5".parse::<twilio_endpoint::Amount>().unwrap())
        .build()
        .send(client)
        .await?;
    UpdatePayments::builder()
        .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .idempotency_key("capture-1")
        .status_callback("https://example.com/payments")
        .capture(Capture::PaymentCardNumber)
        .status(PaymentStatus::Complete)
        .build()
        .send(client)
        .await
}

fn main() {
    let _ = take_payment;
    let request = UpdatePayments {
        call_sid: "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into(),
        sid: "PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into(),
        idempotency_key: "complete-1".into(),
        status_callback: "https://example.com/payments".into(),
        status: Some(PaymentStatus::Complete),
        ..UpdatePayments::default()
    };
    let encoded = request
        .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .unwrap();
    assert_eq!(
        encoded.url,
        "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/\
         CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Payments/PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json"
    );
    assert_eq!(
        encoded.body.as_deref(),
        Some("IdempotencyKey=complete-1&StatusCallback=https%3A%2F%2Fexample.com%2Fpayments&Status=complete")
    );
    assert!(UpdatePayments::IDEMPOTENCY_KEY);
}
