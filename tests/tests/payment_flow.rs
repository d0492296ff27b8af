//! The `update_payments` example's flow against the stand-in, and its callback receiver against
//! forged and tampered callbacks.

use std::future::Future;
use std::time::Duration;

use twilio_endpoint::payments::{Capture, CreatePayments};
use twilio_endpoint::testing::{Caller, DeliveryOutcome, StandIn, TEST_AUTH_TOKEN};
use twilio_endpoint::webhook::Validator;
use twilio_endpoint::Amount;
use twilio_endpoint_examples::flow::{Flow, Outcome};
use twilio_endpoint_examples::receiver::CallbackReceiver;

const CALL: &str = "CA5ef8732a3c49700934481addd5ce1659";

/// Fails the test instead of hanging it.
async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), future)
        .await
        .expect("the test finished within 30 s")
}

/// What a run left behind: the outcome, the story, the stand-in (its requests) and the
/// receiver (its refusals).
struct Run {
    outcome: Outcome,
    story: String,
    stand_in: StandIn,
    receiver: CallbackReceiver,
}

/// Runs the example's flow against a stand-in with `caller`, the callbacks going to the
/// example's receiver through a relative `StatusCallback`, as `cargo run --example
/// update_payments` does.
async fn run(caller: Caller) -> Run {
    let validator = Validator::new(TEST_AUTH_TOKEN);
    let mut receiver = CallbackReceiver::on_loopback(validator, "/pay/status")
        .await
        .unwrap();
    let stand_in = StandIn::builder()
        .caller(caller)
        .call_webhook_url(format!("http://{}/voice", receiver.local_addr()))
        .start()
        .await;
    let client = stand_in.client();
    let flow = Flow {
        client: &client,
        call_sid: CALL,
        status_callback: "/pay/status",
        charge_amount: "12.50".parse::<Amount>().unwrap(),
        run: "test".to_owned(),
        callback_wait: Duration::from_secs(5),
    };
    let mut story = String::new();
    let outcome = bounded(flow.run(&mut receiver, &mut |line| {
        story.push_str(&line);
        story.push('\n');
    }))
    .await
    .unwrap_or_else(|error| panic!("{error}\n{story}"));
    Run {
        outcome,
        story,
        stand_in,
        receiver,
    }
}

/// What the flow asked of Twilio, after the create: each `Capture` or `Status` value.
async fn asked(stand_in: &StandIn) -> Vec<String> {
    stand_in
        .received()
        .await
        .iter()
        .skip(1)
        .flat_map(|request| {
            request
                .form()
                .into_iter()
                .filter(|(key, _)| key == "Capture" || key == "Status")
                .map(|(_, value)| value)
        })
        .collect()
}

#[tokio::test]
async fn the_flow_completes_with_a_confirmation_code() {
    let run = run(Caller::pays()).await;
    let Outcome::Paid {
        confirmation_code, ..
    } = &run.outcome
    else {
        panic!("{:?}\n{}", run.outcome, run.story);
    };
    assert!(confirmation_code.as_deref().unwrap().starts_with("ch_"));
    assert_eq!(
        asked(&run.stand_in).await,
        [
            "payment-card-number",
            "expiration-date",
            "security-code",
            "postal-code",
            "complete"
        ],
        "one capture per Required item, then complete"
    );
    // Every callback the stand-in posted was valid, and accepted by the receiver.
    assert_eq!(run.receiver.refusals(), []);
    let deliveries = run.stand_in.callbacks().await;
    assert_eq!(deliveries.len(), 1 + 4 * 2 + 1);
    assert!(deliveries
        .iter()
        .all(|d| d.outcome == DeliveryOutcome::Delivered { status: 200 }));
    assert!(
        run.story.contains("Still required: the expiration date"),
        "{}",
        run.story
    );
    assert!(run.story.contains("Result=success"), "{}", run.story);
}

/// A card the connector declines ends with the failure reported, not "completed".
#[tokio::test]
async fn a_declined_card_ends_with_the_failure() {
    let run = run(Caller::declined()).await;
    let Outcome::Failed {
        result,
        explanation,
        ..
    } = &run.outcome
    else {
        panic!("{:?}\n{}", run.outcome, run.story);
    };
    assert_eq!(result, "payment-connector-error");
    assert!(
        explanation.contains("Your card was declined."),
        "{explanation}"
    );
    assert!(explanation.contains("64008"), "{explanation}");
    assert!(!run.story.contains("went through"), "{}", run.story);
    assert_eq!(asked(&run.stand_in).await.last().unwrap(), "complete");
}

/// An item Twilio refused is asked for again, and only that item.
#[tokio::test]
async fn a_refused_card_number_is_asked_again() {
    let run = run(Caller::pays().mistypes(Capture::PaymentCardNumber)).await;
    assert!(matches!(run.outcome, Outcome::Paid { .. }), "{}", run.story);
    assert_eq!(
        asked(&run.stand_in).await[..3],
        [
            "payment-card-number",
            "payment-card-number",
            "expiration-date"
        ]
    );
    assert!(run.story.contains("invalid-card-number"), "{}", run.story);
}

/// A caller who hangs up ends the session: the flow reports it and asks nothing more.
#[tokio::test]
async fn a_hang_up_ends_the_flow() {
    let run = run(Caller::hangs_up_at(Capture::SecurityCode)).await;
    assert!(
        matches!(&run.outcome, Outcome::Failed { result, .. } if result == "caller-hung-up"),
        "{:?}",
        run.outcome
    );
    assert_eq!(
        asked(&run.stand_in).await,
        ["payment-card-number", "expiration-date", "security-code"]
    );
}

/// A caller who mistypes every time: the flow gives up after three tries and cancels.
#[tokio::test]
async fn the_flow_gives_up_on_an_item_refused_three_times() {
    let caller = Caller::pays()
        .mistypes(Capture::PaymentCardNumber)
        .mistypes(Capture::PaymentCardNumber)
        .mistypes(Capture::PaymentCardNumber);
    let run = run(caller).await;
    assert!(
        matches!(&run.outcome, Outcome::Failed { result, .. } if result == "payment-cancelled"),
        "{:?}",
        run.outcome
    );
    assert_eq!(
        asked(&run.stand_in).await,
        ["payment-card-number"; 3]
            .into_iter()
            .chain(["cancel"])
            .collect::<Vec<_>>()
    );
}

/// A status callback posted to the example's receiver, as the test builds it.
struct Post<'a> {
    url: String,
    body: &'a str,
    signature: Option<String>,
}

async fn post(post: Post<'_>) -> u16 {
    let mut request = reqwest::Client::new()
        .post(&post.url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(post.body.to_owned());
    if let Some(signature) = post.signature {
        request = request.header("X-Twilio-Signature", signature);
    }
    request.send().await.unwrap().status().as_u16()
}

/// Tampered and forged callbacks are answered 403 and never handed to the flow; the genuine one
/// is.
#[tokio::test]
async fn tampered_callbacks_are_refused_and_never_acted_on() {
    let validator = Validator::new("the-account-auth-token-0123456789");
    let mut receiver = CallbackReceiver::on_loopback(validator.clone(), "/pay/status")
        .await
        .unwrap();
    let url = receiver.url().to_owned();
    let genuine =
        "AccountSid=AC00000000000000000000000000000000&Sid=PK00000000000000000000000000000000\
                   &Result=payment-connector-error&PaymentError=Your+card+was+declined.";
    let signature = validator.sign(&url, genuine.as_bytes());
    let forged = genuine.replace("Result=payment-connector-error", "Result=success");
    let other_token = Validator::new("another-token").sign(&url, forged.as_bytes());
    let refused = [
        (
            "a changed field",
            url.clone(),
            forged.as_str(),
            Some(signature.clone()),
        ),
        (
            "a changed URL",
            format!("{url}?order=43"),
            genuine,
            Some(signature.clone()),
        ),
        (
            "another path",
            url.replace("/pay/status", "/pay/other"),
            genuine,
            Some(signature.clone()),
        ),
        ("no signature", url.clone(), genuine, None),
        (
            "another account's signature",
            url.clone(),
            forged.as_str(),
            Some(other_token),
        ),
        (
            "a signature that is not base64",
            url.clone(),
            genuine,
            Some("%%%".to_owned()),
        ),
    ];
    for (what, url, body, signature) in refused.clone() {
        let status = bounded(post(Post {
            url,
            body,
            signature,
        }))
        .await;
        assert_eq!(status, 403, "{what}");
        assert_eq!(receiver.try_next(), None, "{what} was handed on");
    }
    let refusals = receiver.refusals();
    assert_eq!(refusals.len(), refused.len());
    assert!(refusals
        .iter()
        .all(|r| r.status == 403 && r.reason.starts_with("bad signature")));

    // The genuine callback gets through, so the refusals above were not the receiver failing.
    let status = bounded(post(Post {
        url,
        body: genuine,
        signature: Some(signature),
    }))
    .await;
    assert_eq!(status, 200);
    let callback = receiver
        .try_next()
        .expect("the genuine callback is handed on");
    assert_eq!(callback.result.as_deref(), Some("payment-connector-error"));
    assert_eq!(receiver.try_next(), None);
}

/// The stand-in, through the public API, never posts off loopback: a session whose
/// `StatusCallback` is on the internet gets its callbacks recorded, not sent.
#[tokio::test]
async fn no_callback_leaves_loopback() {
    let stand_in = StandIn::start().await;
    let create = CreatePayments::builder()
        .call_sid(CALL)
        .idempotency_key("k1")
        .status_callback("https://example.com/pay/status")
        .build();
    bounded(create.send(&stand_in.client())).await.unwrap();
    let deliveries = bounded(stand_in.callbacks()).await;
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].outcome, DeliveryOutcome::NotLoopback);
    assert_eq!(deliveries[0].signature, None);
}
