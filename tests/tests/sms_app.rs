//! The `sms_autoreply` example's app, driven end to end by the stand-in: signed incoming SMS
//! and MMS webhooks answered with TwiML, delivery callbacks recorded, forged requests refused.

use twilio_endpoint::testing::{StandIn, WebhookError};
use twilio_endpoint::webhook::{MessageStatus, Verifier};
use twilio_endpoint_examples::sms::{app, AppState};

async fn start(stand_in: &StandIn) -> (String, AppState) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let public_url = format!("http://{}", listener.local_addr().unwrap());
    let verifier = Verifier::builder()
        .auth_token(stand_in.auth_token())
        .public_base_url(&public_url)
        .build()
        .unwrap();
    let state = AppState::new(&public_url);
    let served = app(verifier, state.clone());
    tokio::spawn(async move { axum::serve(listener, served).await });
    (public_url, state)
}

#[tokio::test]
async fn the_app_answers_sms_and_mms_and_records_deliveries() {
    let stand_in = StandIn::start().await;
    let (url, state) = start(&stand_in).await;
    let reply = stand_in
        .incoming_sms(format!("{url}/sms"))
        .from("+15551230000")
        .body("Hi <b> & \"you\"")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.content_type.as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(reply.messages(), ["You said: Hi <b> & \"you\""]);
    assert!(reply
        .body
        .contains(&format!("statusCallback=\"{url}/status\"")));

    let mms = stand_in
        .incoming_sms(format!("{url}/sms"))
        .body("look")
        .media("https://api.twilio.com/m/0", "image/jpeg")
        .media("https://api.twilio.com/m/1", "image/png");
    assert!(mms.form_body().contains("NumMedia=2"));
    let reply = mms.send().await.unwrap();
    assert_eq!(
        reply.messages(),
        ["You said: look (and sent 2 attachments)"]
    );

    for status in ["sent", "undelivered"] {
        let reply = stand_in
            .message_status(
                format!("{url}/status"),
                "SM0123456789abcdef0123456789abcdef",
                status,
            )
            .param("ErrorCode", if status == "sent" { "" } else { "30003" })
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status, 204);
    }
    let deliveries = state.deliveries();
    assert_eq!(deliveries.len(), 2);
    assert_eq!(deliveries[0].status, MessageStatus::Sent);
    assert_eq!(deliveries[1].status, MessageStatus::Undelivered);
    assert_eq!(deliveries[1].error_code, Some(30003));
}

#[tokio::test]
async fn forged_webhooks_are_refused_and_never_recorded() {
    let stand_in = StandIn::start().await;
    let (url, state) = start(&stand_in).await;
    // Signed with another account's token: 403.
    let other = StandIn::start_with("AC11111111111111111111111111111111", "another-token").await;
    let reply = other
        .message_status(format!("{url}/status"), "SM1", "delivered")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status, 403);
    assert!(reply.messages().is_empty());
    // An incoming SMS signed with that token too.
    let reply = other
        .incoming_sms(format!("{url}/sms"))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status, 403);
    assert!(state.deliveries().is_empty());
    // The stand-in posts only to loopback.
    assert!(matches!(
        stand_in
            .incoming_sms("https://example.com/sms")
            .send()
            .await,
        Err(WebhookError::NotLoopback(_))
    ));
}

#[tokio::test]
async fn an_incoming_call_webhook_carries_the_call_fields() {
    let stand_in = StandIn::start().await;
    let call = stand_in
        .incoming_call("http://127.0.0.1:1/voice")
        .from("+15550001111")
        .to("+15550002222");
    let form: Vec<(String, String)> = form_urlencoded::parse(call.form_body().as_bytes())
        .into_owned()
        .collect();
    let field = |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(field("From"), Some("+15550001111"));
    assert_eq!(field("Caller"), Some("+15550001111"));
    assert_eq!(field("Called"), Some("+15550002222"));
    assert_eq!(field("Direction"), Some("inbound"));
    assert!(field("CallSid").is_some_and(|sid| sid.starts_with("CA") && sid.len() == 34));
    // Nothing listens on port 1: a delivery failure, not a panic.
    assert!(matches!(call.send().await, Err(WebhookError::Failed(_))));
}
