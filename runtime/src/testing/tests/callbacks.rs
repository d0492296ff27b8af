//! The stand-in's status callbacks: signed, typed, in order, on loopback only, never holding up
//! an answer.

use std::sync::mpsc as std_mpsc;
use std::sync::Mutex;
use std::time::Duration;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

use super::{create_path, post, unique_key, update_path, CALL_SID};
use crate::payments::{Capture, PaymentStatusCallback};
use crate::testing::callbacks::{is_loopback, resolve};
use crate::testing::{CallbackDelivery, Caller, DeliveryOutcome, StandIn};
use crate::webhook::{from_form, Validator};

/// A loopback receiver that answers every callback with 200.
async fn receiver() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    server
}

/// A session on `stand_in` whose callbacks go to `callback`; its SID.
async fn create_with(stand_in: &StandIn, callback: &str, extra: &[(&str, &str)]) -> String {
    let key = unique_key();
    let mut form = vec![
        ("IdempotencyKey", key.as_str()),
        ("StatusCallback", callback),
    ];
    form.extend_from_slice(extra);
    let (status, body) = post(
        stand_in,
        &create_path(stand_in.account_sid(), CALL_SID),
        &form,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["sid"].as_str().unwrap().to_owned()
}

async fn update_with(stand_in: &StandIn, sid: &str, callback: &str, extra: (&str, &str)) -> u16 {
    let key = unique_key();
    let form = [
        ("IdempotencyKey", key.as_str()),
        ("StatusCallback", callback),
        extra,
    ];
    let path = update_path(stand_in.account_sid(), CALL_SID, sid);
    let (status, body) = post(stand_in, &path, &form).await;
    assert!(status == 202 || status == 400, "{body}");
    status
}

/// Every delivery was posted, answered 200, validates with the stand-in's token and parses.
fn read_all(stand_in: &StandIn, deliveries: &[CallbackDelivery]) -> Vec<PaymentStatusCallback> {
    let validator = Validator::new(stand_in.auth_token());
    deliveries
        .iter()
        .map(|delivery| {
            assert_eq!(delivery.outcome, DeliveryOutcome::Delivered { status: 200 });
            let url = delivery.url.as_deref().unwrap();
            let signature = delivery.signature.as_deref().unwrap();
            validator.validate(url, &delivery.body, signature).unwrap();
            from_form(&delivery.body).unwrap_or_else(|e| panic!("{e}: {:?}", delivery.form()))
        })
        .collect()
}

/// A whole session with the default caller: every event arrives at the receiver as sent,
/// signed over its URL and body, and reads as a `PaymentStatusCallback` with the fields of its
/// event.
#[tokio::test]
async fn every_event_is_signed_typed_and_delivered_in_order() {
    let stand_in = StandIn::start().await;
    let receiver = receiver().await;
    let callback = format!("{}/pay/status?order=42", receiver.uri());
    let sid = create_with(
        &stand_in,
        &callback,
        &[("ChargeAmount", "12.50"), ("PostalCode", "false")],
    )
    .await;
    for capture in ["payment-card-number", "expiration-date", "security-code"] {
        assert_eq!(
            update_with(&stand_in, &sid, &callback, ("Capture", capture)).await,
            202
        );
    }
    assert_eq!(
        update_with(&stand_in, &sid, &callback, ("Status", "complete")).await,
        202
    );

    let deliveries = stand_in.callbacks().await;
    let callbacks = read_all(&stand_in, &deliveries);
    assert_eq!(callbacks.len(), 1 + 3 * 2 + 1);
    // What the receiver got is what the stand-in recorded, header included.
    let received = receiver.received_requests().await.unwrap();
    assert_eq!(received.len(), deliveries.len());
    for (request, delivery) in received.iter().zip(&deliveries) {
        let url = url::Url::parse(delivery.url.as_deref().unwrap()).unwrap();
        assert_eq!(
            (request.url.path(), request.url.query()),
            (url.path(), url.query())
        );
        assert_eq!(request.body, delivery.body);
        assert_eq!(
            request.headers["x-twilio-signature"].to_str().unwrap(),
            delivery.signature.as_deref().unwrap()
        );
        assert_eq!(
            request.headers["content-type"],
            "application/x-www-form-urlencoded"
        );
    }

    let created = &callbacks[0];
    assert_eq!(created.sid.as_deref(), Some(sid.as_str()));
    assert_eq!(created.call_sid.as_deref(), Some(CALL_SID));
    assert_eq!(created.account_sid.as_deref(), Some(stand_in.account_sid()));
    assert_eq!(
        created.charge_amount.as_ref().map(|a| a.as_str()),
        Some("12.50")
    );
    assert!(created.date_created.is_some() && created.date_updated.is_none());
    assert_eq!((created.capture, created.required.len()), (None, 0));

    let partial = &callbacks[1];
    assert!(partial.is_partial() && !partial.is_complete());
    assert_eq!(partial.capture, Some(Capture::PaymentCardNumber));
    let card = &callbacks[2];
    assert!(!card.is_partial());
    assert_eq!(
        card.payment_card_number.as_deref(),
        Some("xxxxxxxxxxxx1111")
    );
    assert_eq!(card.payment_card_type.as_deref(), Some("visa"));
    assert_eq!(
        card.required,
        [Capture::ExpirationDate, Capture::SecurityCode]
    );
    assert_eq!(card.error_type, None);
    assert_eq!(callbacks[4].required, [Capture::SecurityCode]);
    assert_eq!(callbacks[4].expiration_date.as_deref(), Some("1230"));
    assert_eq!(callbacks[6].required, []);
    assert!(callbacks[6].date_updated >= created.date_created);

    let last = &callbacks[7];
    assert!(last.is_complete() && last.succeeded());
    let code = last.payment_confirmation_code.as_deref().unwrap();
    assert!(code.starts_with("ch_") && code.len() > 10, "{code}");
    assert_eq!(
        last.payment_card_number.as_deref(),
        Some("xxxxxxxxxxxx1111")
    );
}

/// A mistyped card number is refused with `ErrorType` and stays required; the next entry is
/// accepted; a connector decline ends with the failure, not a confirmation code.
#[tokio::test]
async fn mistyped_then_declined() {
    let stand_in = StandIn::builder()
        .caller(Caller::declined().mistypes(Capture::PaymentCardNumber))
        .start()
        .await;
    let receiver = receiver().await;
    let callback = format!("{}/cb", receiver.uri());
    let sid = create_with(&stand_in, &callback, &[]).await;
    for capture in [
        "payment-card-number",
        "payment-card-number",
        "expiration-date",
        "security-code",
        "postal-code",
    ] {
        update_with(&stand_in, &sid, &callback, ("Capture", capture)).await;
    }
    update_with(&stand_in, &sid, &callback, ("Status", "complete")).await;
    let callbacks = read_all(&stand_in, &stand_in.callbacks().await);
    let refused = &callbacks[2];
    assert_eq!(refused.error_type.as_deref(), Some("invalid-card-number"));
    assert_eq!(refused.next_required(), Some(Capture::PaymentCardNumber));
    assert_eq!(refused.payment_card_type, None);
    let accepted = &callbacks[4];
    assert_eq!(accepted.error_type, None);
    assert_eq!(accepted.next_required(), Some(Capture::ExpirationDate));
    let last = callbacks.last().unwrap();
    assert!(last.is_complete() && !last.succeeded());
    assert_eq!(last.result.as_deref(), Some("payment-connector-error"));
    assert_eq!(last.payment_confirmation_code, None);
    assert_eq!(last.pay_error_code, Some(64008));
    assert!(last.payment_error.is_some() && last.connector_error.is_some());
}

/// A caller who hangs up or times out ends the session: a final `Result`, and later updates are
/// refused.
#[tokio::test]
async fn the_caller_can_end_the_session() {
    for (caller, result, error_type) in [
        (
            Caller::hangs_up_at(Capture::ExpirationDate),
            "caller-hung-up",
            None,
        ),
        (
            Caller::times_out_at(Capture::ExpirationDate),
            "input-timeout",
            Some("timeout"),
        ),
    ] {
        let stand_in = StandIn::builder().caller(caller).start().await;
        let receiver = receiver().await;
        let callback = receiver.uri();
        let sid = create_with(&stand_in, &callback, &[]).await;
        update_with(
            &stand_in,
            &sid,
            &callback,
            ("Capture", "payment-card-number"),
        )
        .await;
        update_with(&stand_in, &sid, &callback, ("Capture", "expiration-date")).await;
        let status = update_with(&stand_in, &sid, &callback, ("Capture", "expiration-date")).await;
        assert_eq!(status, 400, "the session is over");
        let callbacks = read_all(&stand_in, &stand_in.callbacks().await);
        assert_eq!(
            callbacks.len(),
            1 + 2 + 1,
            "{result}: no partial callback, nothing after"
        );
        let last = callbacks.last().unwrap();
        assert_eq!(last.result.as_deref(), Some(result));
        assert_eq!(last.error_type.as_deref(), error_type);
        assert_eq!(last.capture, Some(Capture::ExpirationDate));
    }
}

#[tokio::test]
async fn cancel_reports_a_result_and_replays_send_nothing() {
    let stand_in = StandIn::start().await;
    let receiver = receiver().await;
    let callback = receiver.uri();
    let sid = create_with(&stand_in, &callback, &[]).await;
    let path = update_path(stand_in.account_sid(), CALL_SID, &sid);
    let form = [
        ("IdempotencyKey", "cancel-once"),
        ("StatusCallback", callback.as_str()),
        ("Status", "cancel"),
    ];
    assert_eq!(post(&stand_in, &path, &form).await.0, 202);
    assert_eq!(post(&stand_in, &path, &form).await.0, 202, "a replay");
    let callbacks = read_all(&stand_in, &stand_in.callbacks().await);
    assert_eq!(
        callbacks.len(),
        2,
        "the replay changed nothing and posted nothing"
    );
    assert_eq!(callbacks[1].result.as_deref(), Some("payment-cancelled"));
}

/// A relative `StatusCallback` is resolved against the call's webhook URL, as Twilio does, and
/// the signature covers the resolved URL; without a webhook URL nothing is posted.
#[tokio::test]
async fn relative_status_callbacks() {
    let receiver = receiver().await;
    let stand_in = StandIn::builder()
        .call_webhook_url(format!("{}/voice/answer?x=1", receiver.uri()))
        .start()
        .await;
    create_with(&stand_in, "/pay/status", &[]).await;
    let deliveries = stand_in.callbacks().await;
    let expected = format!("{}/pay/status", receiver.uri());
    assert_eq!(deliveries[0].url.as_deref(), Some(expected.as_str()));
    assert_eq!(deliveries[0].status_callback, "/pay/status");
    read_all(&stand_in, &deliveries);
    assert_eq!(
        receiver.received_requests().await.unwrap()[0].url.path(),
        "/pay/status"
    );

    let unresolved = StandIn::start().await;
    create_with(&unresolved, "/pay/status", &[]).await;
    let deliveries = unresolved.callbacks().await;
    assert_eq!(deliveries[0].outcome, DeliveryOutcome::Unresolved);
    assert_eq!(
        (deliveries[0].url.as_ref(), deliveries[0].signature.as_ref()),
        (None, None)
    );
}

/// No callback leaves the machine: a `StatusCallback` off loopback is recorded and never
/// attempted (no signature made, nothing sent), whatever the call's webhook URL.
#[tokio::test]
async fn callbacks_never_leave_loopback() {
    let stand_in = StandIn::builder()
        .call_webhook_url("https://example.com/voice")
        .start()
        .await;
    for callback in [
        "https://example.com/payments",
        "http://10.0.0.1:8080/cb",
        "http://[fe80::1]/cb",
        "http://localhost.example.com/cb",
        "/relative/to/example.com",
    ] {
        create_with(&stand_in, callback, &[]).await;
    }
    let deliveries = stand_in.callbacks().await;
    assert_eq!(deliveries.len(), 5);
    for delivery in deliveries {
        assert_eq!(
            delivery.outcome,
            DeliveryOutcome::NotLoopback,
            "{delivery:?}"
        );
        assert_eq!(delivery.signature, None);
    }
}

#[test]
fn loopback_hosts() {
    let loopback = |text: &str| is_loopback(&url::Url::parse(text).unwrap());
    for yes in [
        "http://127.0.0.1:8080/cb",
        "https://127.255.0.9/cb",
        "http://[::1]:9/cb",
        "http://localhost/cb",
        "http://LocalHost:1/cb",
    ] {
        assert!(loopback(yes), "{yes}");
    }
    for no in [
        "http://128.0.0.1/cb",
        "http://0.0.0.0/cb",
        "http://10.0.0.1/cb",
        "http://[::ffff:7f00:1]/cb",
        "http://localhost.example.com/cb",
        "http://localhost./cb",
        "http://example.com/cb",
        "ftp://127.0.0.1/cb",
        "file:///tmp/cb",
    ] {
        assert!(!loopback(no), "{no}");
    }
    let base = url::Url::parse("http://127.0.0.1:3000/voice/answer").unwrap();
    assert_eq!(
        resolve("status?x=1", Some(&base)).unwrap().as_str(),
        "http://127.0.0.1:3000/voice/status?x=1"
    );
    assert_eq!(resolve("/pay", None), None);
    assert_eq!(resolve("not a url", None), None);
}

/// Waits for the test's go-ahead before answering: a callback held open.
struct Held {
    arrived: Mutex<std_mpsc::Sender<()>>,
    release: Mutex<std_mpsc::Receiver<()>>,
}

impl Respond for Held {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let _ = self.arrived.lock().unwrap().send(());
        // Bounded: a broken test fails on its own time-outs, never hangs.
        let released = self
            .release
            .lock()
            .unwrap()
            .recv_timeout(Duration::from_secs(10));
        ResponseTemplate::new(if released.is_ok() { 204 } else { 500 })
    }
}

/// The REST answer does not wait for its callback: with the receiver holding the callback
/// open until the answer has come back, the answer still comes.
#[tokio::test]
async fn answers_never_wait_for_callbacks() {
    let (arrived_sender, arrived) = std_mpsc::channel();
    let (release, release_receiver) = std_mpsc::channel();
    let receiver = MockServer::start().await;
    Mock::given(any())
        .respond_with(Held {
            arrived: Mutex::new(arrived_sender),
            release: Mutex::new(release_receiver),
        })
        .mount(&receiver)
        .await;
    let stand_in = StandIn::start().await;
    let answered = tokio::time::timeout(
        Duration::from_secs(5),
        create_with(&stand_in, &receiver.uri(), &[]),
    )
    .await;
    assert!(answered.is_ok(), "the answer waited for the callback");
    // The callback is (or soon is) held by the receiver; let it go.
    let arrived = tokio::task::spawn_blocking(move || arrived.recv_timeout(Duration::from_secs(5)));
    assert!(arrived.await.unwrap().is_ok(), "the callback was posted");
    release.send(()).unwrap();
    let deliveries = stand_in.callbacks().await;
    assert_eq!(
        deliveries[0].outcome,
        DeliveryOutcome::Delivered { status: 204 }
    );
}

#[tokio::test]
async fn builder_debug_hides_the_token() {
    let builder =
        StandIn::builder().credentials("AC00000000000000000000000000000001", "secret-token-123456");
    let debug = format!("{builder:?}");
    assert!(!debug.contains("secret-token-123456"), "{debug}");
    assert!(debug.contains("AC00000000000000000000000000000001"));
}

/// `set_caller` changes the script of the sessions created afterwards, not of earlier ones.
#[tokio::test]
async fn set_caller_applies_to_later_sessions() {
    let stand_in = StandIn::start().await;
    let receiver = receiver().await;
    let callback = receiver.uri();
    let before = create_with(
        &stand_in,
        &callback,
        &[("PostalCode", "false"), ("SecurityCode", "false")],
    )
    .await;
    stand_in.set_caller(Caller::declined());
    let after = create_with(
        &stand_in,
        &callback,
        &[("PostalCode", "false"), ("SecurityCode", "false")],
    )
    .await;
    for sid in [&before, &after] {
        for capture in ["payment-card-number", "expiration-date"] {
            update_with(&stand_in, sid, &callback, ("Capture", capture)).await;
        }
        update_with(&stand_in, sid, &callback, ("Status", "complete")).await;
    }
    let results: Vec<(String, Option<String>)> = read_all(&stand_in, &stand_in.callbacks().await)
        .into_iter()
        .filter(PaymentStatusCallback::is_complete)
        .map(|callback| (callback.sid.unwrap(), callback.result))
        .collect();
    assert_eq!(
        results,
        [
            (before, Some("success".to_owned())),
            (after, Some("payment-connector-error".to_owned()))
        ]
    );
}

/// An ACH debit asks for the routing and account numbers, and reports them.
#[tokio::test]
async fn ach_debit_captures_bank_details() {
    let stand_in = StandIn::start().await;
    let receiver = receiver().await;
    let callback = receiver.uri();
    let sid = create_with(
        &stand_in,
        &callback,
        &[
            ("PaymentMethod", "ach-debit"),
            ("BankAccountType", "consumer-checking"),
        ],
    )
    .await;
    update_with(
        &stand_in,
        &sid,
        &callback,
        ("Capture", "bank-routing-number"),
    )
    .await;
    update_with(
        &stand_in,
        &sid,
        &callback,
        ("Capture", "bank-account-number"),
    )
    .await;
    let callbacks = read_all(&stand_in, &stand_in.callbacks().await);
    assert_eq!(callbacks[2].required, [Capture::BankAccountNumber]);
    assert_eq!(
        callbacks[2].bank_routing_number.as_deref(),
        Some("121000358")
    );
    assert_eq!(callbacks[4].required, []);
    assert_eq!(
        callbacks[4].bank_account_number.as_deref(),
        Some("xxxxxxxx6789")
    );
    assert!(callbacks[4].bank_account_type.is_some());
}
