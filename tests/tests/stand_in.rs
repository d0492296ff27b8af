//! The Payments flow through the real `Client` against the local Twilio stand-in, as the
//! example runs it and as library authors use it in their own tests.

use twilio_endpoint::payments::{Capture, CreatePayments, PaymentStatus, UpdatePayments};
use twilio_endpoint::testing::StandIn;
use twilio_endpoint::{Client, Error, ErrorKind};

const CALL: &str = "CA5ef8732a3c49700934481addd5ce1659";
const CALLBACK: &str = "https://example.com/payments";

fn create(key: &str) -> CreatePayments {
    CreatePayments::builder()
        .call_sid(CALL)
        .idempotency_key(key)
        .status_callback(CALLBACK)
        .build()
}

fn update(
    sid: &str,
    key: &str,
    capture: Option<Capture>,
    status: Option<PaymentStatus>,
) -> UpdatePayments {
    UpdatePayments {
        account_sid: String::new(),
        call_sid: CALL.into(),
        sid: sid.into(),
        idempotency_key: key.into(),
        status_callback: CALLBACK.into(),
        capture,
        status,
    }
}

fn api_error(error: &Error) -> (u16, Option<u32>) {
    match (error.kind(), error.status()) {
        (ErrorKind::Api(twilio), Some(status)) => (status.as_u16(), twilio.code),
        _ => panic!("expected Twilio's error, got {error:?}"),
    }
}

#[tokio::test]
async fn a_full_payments_flow() {
    let stand_in = StandIn::start().await;
    let client = stand_in.client();
    let created = create("create-1").send(&client).await.unwrap();
    let sid = created.sid.clone().unwrap();
    assert!(sid.starts_with("PK") && sid.len() == 34, "{sid}");
    assert_eq!(created.account_sid.as_deref(), Some(stand_in.account_sid()));
    for (i, capture) in [
        Capture::PaymentCardNumber,
        Capture::ExpirationDate,
        Capture::SecurityCode,
    ]
    .into_iter()
    .enumerate()
    {
        let payment = update(&sid, &format!("capture-{i}"), Some(capture), None)
            .send(&client)
            .await
            .unwrap();
        assert_eq!(payment.sid.as_deref(), Some(sid.as_str()));
    }
    update(&sid, "complete", None, Some(PaymentStatus::Complete))
        .send(&client)
        .await
        .unwrap();
    // The session is closed: Twilio refuses further updates.
    let error = update(&sid, "late", Some(Capture::PostalCode), None)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (400, Some(20001)));

    let received = stand_in.received().await;
    assert_eq!(received.len(), 6);
    assert_eq!(
        received[1].form(),
        [
            ("IdempotencyKey".to_string(), "capture-0".to_string()),
            ("StatusCallback".into(), CALLBACK.into()),
            ("Capture".into(), "payment-card-number".into()),
        ]
    );
}

#[tokio::test]
async fn twilio_shaped_errors_come_back_typed() {
    let stand_in = StandIn::start().await;
    let wrong_token = Client::builder()
        .account_sid(stand_in.account_sid())
        .auth_token("not-the-token")
        .base_url(stand_in.base_url())
        .build()
        .unwrap();
    let error = create("k").send(&wrong_token).await.unwrap_err();
    assert_eq!(api_error(&error), (401, Some(20003)));

    let client = stand_in.client();
    let unknown = "PK0123456789abcdef0123456789abcdef";
    let error = update(unknown, "k", Some(Capture::PostalCode), None)
        .send(&client)
        .await;
    assert_eq!(api_error(&error.unwrap_err()), (404, Some(20404)));
}

#[tokio::test]
async fn a_repeated_idempotency_key_changes_nothing() {
    let stand_in = StandIn::start().await;
    let client = stand_in.client();
    let first = create("same-key").send(&client).await.unwrap();
    let again = create("same-key").send(&client).await.unwrap();
    assert_eq!(first, again, "the same key gives the same session");
    let other = create("other-key").send(&client).await.unwrap();
    assert_ne!(first.sid, other.sid);
}

#[tokio::test]
async fn api_keys_authenticate_for_the_account() {
    let stand_in = StandIn::start().await;
    stand_in.accept_api_key("SK0123456789abcdef0123456789abcdef", "key-secret");
    let client = Client::builder()
        .account_sid(stand_in.account_sid())
        .api_key("SK0123456789abcdef0123456789abcdef", "key-secret")
        .base_url(stand_in.base_url())
        .build()
        .unwrap();
    let payment = create("api-key").send(&client).await.unwrap();
    assert_eq!(payment.account_sid.as_deref(), Some(stand_in.account_sid()));
}
