//! The stand-in's behaviour, over HTTP.

use base64::Engine as _;
use http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use http::Method;
use serde_json::Value;
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

use super::rules::{is_decimal, template_values, Operation};
use super::*;
use crate::validate::is_sid;

mod callbacks;

const CALL_SID: &str = "CA0123456789abcdef0123456789ABCDEF";
const OTHER_CALL_SID: &str = "CAffffffffffffffffffffffffffffffff";
const CALLBACK: &str = "https://example.com/payments/status";

fn create_path(account: &str, call: &str) -> String {
    format!("/2010-04-01/Accounts/{account}/Calls/{call}/Payments.json")
}

fn update_path(account: &str, call: &str, sid: &str) -> String {
    format!("/2010-04-01/Accounts/{account}/Calls/{call}/Payments/{sid}.json")
}

/// Sends a form POST with the stand-in's own credentials.
async fn post(stand_in: &StandIn, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let request = reqwest::Client::new()
        .post(format!("{}{path}", stand_in.base_url()))
        .basic_auth(stand_in.account_sid(), Some(stand_in.auth_token()))
        .form(form);
    send(request).await
}

/// Sends a request and returns the status and the JSON body, checking
/// the content type.
async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.expect("the stand-in answers");
    assert_eq!(
        response.headers()[CONTENT_TYPE.as_str()],
        "application/json"
    );
    json_answer(response).await
}

async fn json_answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("a body");
    (status, serde_json::from_slice(&body).expect("a JSON body"))
}

/// A new idempotency key for each request: a repeated key replays the first answer.
fn unique_key() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    format!(
        "key-{}",
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

async fn create(stand_in: &StandIn, call: &str) -> String {
    let path = create_path(stand_in.account_sid(), call);
    let key = unique_key();
    let form = [
        ("IdempotencyKey", key.as_str()),
        ("StatusCallback", CALLBACK),
    ];
    let (status, body) = post(stand_in, &path, &form).await;
    assert_eq!(status, 201, "{body}");
    body["sid"].as_str().expect("a sid").to_owned()
}

async fn update(stand_in: &StandIn, sid: &str, extra: (&str, &str)) -> (u16, Value) {
    let path = update_path(stand_in.account_sid(), CALL_SID, sid);
    let key = unique_key();
    let form = [
        ("IdempotencyKey", key.as_str()),
        ("StatusCallback", "/status"),
        extra,
    ];
    post(stand_in, &path, &form).await
}

fn assert_error(answer: &(u16, Value), status: u16, code: u64) {
    let (actual, body) = answer;
    assert_eq!(*actual, status, "{body}");
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(
        body["more_info"],
        format!("https://www.twilio.com/docs/errors/{code}")
    );
}

fn message(answer: &(u16, Value)) -> &str {
    answer.1["message"].as_str().expect("a message")
}

#[tokio::test]
async fn full_flow_create_capture_complete() {
    let stand_in = StandIn::start().await;
    let path = create_path(TEST_ACCOUNT_SID, CALL_SID);
    let form = [
        ("IdempotencyKey", "flow-1"),
        ("StatusCallback", CALLBACK),
        ("PaymentMethod", "credit-card"),
        ("ChargeAmount", "10.50"),
        ("Timeout", "5"),
        ("PostalCode", "false"),
        ("Parameter", r#"{"order": 7}"#),
        ("Currency", "usd"),
    ];
    let (status, created) = post(&stand_in, &path, &form).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        post(&stand_in, &path, &form).await,
        (201, created.clone()),
        "a repeated IdempotencyKey replays the answer"
    );
    let sid = created["sid"].as_str().unwrap().to_owned();
    assert!(is_sid(&sid, &["PK"]), "{sid}");
    assert_eq!(created["account_sid"], TEST_ACCOUNT_SID);
    assert_eq!(created["call_sid"], CALL_SID);
    assert_eq!(
        created["uri"],
        update_path(TEST_ACCOUNT_SID, CALL_SID, &sid)
    );
    for key in ["date_created", "date_updated"] {
        let date = created[key].as_str().unwrap();
        let parsed = OffsetDateTime::parse(date, &Rfc2822).unwrap();
        assert!((OffsetDateTime::now_utc() - parsed).whole_seconds().abs() < 60);
        assert!(date.ends_with(" +0000"), "{date}");
    }
    let keys: Vec<&String> = created.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "account_sid",
            "call_sid",
            "date_created",
            "date_updated",
            "sid",
            "uri"
        ]
    );

    let (status, captured) = update(&stand_in, &sid, ("Capture", "payment-card-number")).await;
    assert_eq!(status, 202, "{captured}");
    assert_eq!(captured["sid"], sid.as_str());
    assert_eq!(captured["date_created"], created["date_created"]);

    let (status, completed) = update(&stand_in, &sid, ("Status", "complete")).await;
    assert_eq!(status, 202, "{completed}");
    assert_eq!(completed["uri"], created["uri"]);

    let after = update(&stand_in, &sid, ("Capture", "security-code")).await;
    assert_error(&after, 400, 20001);
    assert_eq!(
        message(&after),
        format!("Payment session {sid} is already complete")
    );
}

#[tokio::test]
async fn update_after_cancel_is_rejected() {
    let stand_in = StandIn::start().await;
    let sid = create(&stand_in, CALL_SID).await;
    assert_eq!(update(&stand_in, &sid, ("Status", "cancel")).await.0, 202);
    let after = update(&stand_in, &sid, ("Status", "complete")).await;
    assert_error(&after, 400, 20001);
    assert!(message(&after).contains("already cancelled"), "{}", after.1);
}

#[tokio::test]
async fn payment_sids_are_unique() {
    let stand_in = StandIn::start().await;
    let mut sids = Vec::new();
    for _ in 0..20 {
        sids.push(create(&stand_in, CALL_SID).await);
    }
    let other = StandIn::start().await;
    sids.push(create(&other, CALL_SID).await);
    let mut unique = sids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), sids.len());
    assert!(sids.iter().all(|sid| is_sid(sid, &["PK"])));
}

#[tokio::test]
async fn missing_auth_is_401() {
    let stand_in = StandIn::start().await;
    let url = format!(
        "{}{}",
        stand_in.base_url(),
        create_path(TEST_ACCOUNT_SID, CALL_SID)
    );
    let response = reqwest::Client::new().post(url).send().await.unwrap();
    assert_eq!(
        response.headers()[WWW_AUTHENTICATE.as_str()],
        r#"Basic realm="Twilio API""#
    );
    let answer = json_answer(response).await;
    assert_error(&answer, 401, 20003);
    assert_eq!(message(&answer), "Authenticate");
}

#[tokio::test]
async fn wrong_token_is_401_even_on_unknown_paths() {
    let stand_in = StandIn::start().await;
    for path in [
        create_path(TEST_ACCOUNT_SID, CALL_SID),
        "/nowhere".to_owned(),
    ] {
        let request = reqwest::Client::new()
            .post(format!("{}{path}", stand_in.base_url()))
            .basic_auth(TEST_ACCOUNT_SID, Some("not-the-token"));
        assert_error(&send(request).await, 401, 20003);
    }
}

#[tokio::test]
async fn api_key_auth() {
    let stand_in = StandIn::start_with("ACabcdefabcdefabcdefabcdefabcdefab", "custom-token").await;
    let key = "SK0123456789abcdef0123456789abcdef";
    stand_in.accept_api_key(key, "key-secret");
    let path = create_path(stand_in.account_sid(), CALL_SID);
    let form = [("IdempotencyKey", "k"), ("StatusCallback", CALLBACK)];
    let with = |user: &str, password: &str| {
        reqwest::Client::new()
            .post(format!("{}{path}", stand_in.base_url()))
            .basic_auth(user, Some(password))
            .form(&form)
    };
    assert_eq!(send(with(key, "key-secret")).await.0, 201);
    assert_eq!(
        send(with(stand_in.account_sid(), "custom-token")).await.0,
        201
    );
    assert_error(&send(with(key, "custom-token")).await, 401, 20003);
    assert_error(&send(with("SKother", "key-secret")).await, 401, 20003);
    assert_error(
        &send(with(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN)).await,
        401,
        20003,
    );
}

#[tokio::test]
async fn bad_sids_and_unknown_routes_are_404() {
    let stand_in = StandIn::start().await;
    let form = [("IdempotencyKey", "k"), ("StatusCallback", CALLBACK)];
    let paths = [
        create_path(TEST_ACCOUNT_SID, "CA123"),
        create_path(TEST_ACCOUNT_SID, "CX0123456789abcdef0123456789abcdef"),
        create_path(TEST_ACCOUNT_SID, "CA0123456789abcdef0123456789abcdeg"),
        update_path(TEST_ACCOUNT_SID, CALL_SID, "PKnothex"),
        format!("/2010-04-01/Accounts/{TEST_ACCOUNT_SID}/Calls/{CALL_SID}/Payments"),
        format!("/2010-04-01/Accounts/{TEST_ACCOUNT_SID}/Calls.json"),
        "/".to_owned(),
    ];
    for path in paths {
        let answer = post(&stand_in, &path, &form).await;
        assert_error(&answer, 404, 20404);
        assert_eq!(
            message(&answer),
            format!("The requested resource {path} was not found")
        );
    }
}

#[tokio::test]
async fn other_account_is_404() {
    let stand_in = StandIn::start().await;
    let path = create_path("ACffffffffffffffffffffffffffffffff", CALL_SID);
    let form = [("IdempotencyKey", "k"), ("StatusCallback", CALLBACK)];
    assert_error(&post(&stand_in, &path, &form).await, 404, 20404);
}

#[tokio::test]
async fn path_segments_are_percent_decoded() {
    let stand_in = StandIn::start().await;
    let account = format!("%41%43{}", &TEST_ACCOUNT_SID[2..]);
    let path = format!("/2010-04-01/Accounts/{account}/Calls/{CALL_SID}/Payments%2Ejson");
    let form = [("IdempotencyKey", "k"), ("StatusCallback", CALLBACK)];
    let (status, body) = post(&stand_in, &path, &form).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["account_sid"], TEST_ACCOUNT_SID);
}

#[tokio::test]
async fn other_methods_are_405() {
    let stand_in = StandIn::start().await;
    let sid = create(&stand_in, CALL_SID).await;
    for path in [
        create_path(TEST_ACCOUNT_SID, CALL_SID),
        update_path(TEST_ACCOUNT_SID, CALL_SID, &sid),
    ] {
        for method in [Method::GET, Method::DELETE, Method::PUT] {
            let request = reqwest::Client::new()
                .request(method, format!("{}{path}", stand_in.base_url()))
                .basic_auth(TEST_ACCOUNT_SID, Some(TEST_AUTH_TOKEN));
            let answer = send(request).await;
            assert_error(&answer, 405, 20004);
            assert_eq!(message(&answer), "Method not allowed");
        }
    }
}

#[tokio::test]
async fn content_type_must_be_form() {
    let stand_in = StandIn::start().await;
    let url = format!(
        "{}{}",
        stand_in.base_url(),
        create_path(TEST_ACCOUNT_SID, CALL_SID)
    );
    let body = format!("IdempotencyKey=k&StatusCallback={CALLBACK}");
    let with = |content_type: Option<&str>| {
        let request = reqwest::Client::new()
            .post(&url)
            .basic_auth(TEST_ACCOUNT_SID, Some(TEST_AUTH_TOKEN))
            .body(body.clone());
        match content_type {
            Some(content_type) => request.header(CONTENT_TYPE, content_type),
            None => request,
        }
    };
    let json = send(with(Some("application/json"))).await;
    assert_error(&json, 400, 20001);
    assert!(message(&json).contains("application/x-www-form-urlencoded"));
    assert_error(&send(with(None)).await, 400, 20001);
    let charset = send(with(Some(
        "application/x-www-form-urlencoded; charset=UTF-8",
    )))
    .await;
    assert_eq!(charset.0, 201, "{}", charset.1);
}

#[tokio::test]
async fn missing_required_parameters_are_all_named() {
    let stand_in = StandIn::start().await;
    let path = create_path(TEST_ACCOUNT_SID, CALL_SID);
    let both = post(&stand_in, &path, &[("IdempotencyKey", "")]).await;
    assert_error(&both, 400, 20001);
    assert_eq!(
        message(&both),
        "Missing required parameters IdempotencyKey, StatusCallback in the post body"
    );
    let one = post(&stand_in, &path, &[("StatusCallback", CALLBACK)]).await;
    assert_error(&one, 400, 20001);
    assert_eq!(
        message(&one),
        "Missing required parameter IdempotencyKey in the post body"
    );
}

#[tokio::test]
async fn invalid_values_are_named() {
    let stand_in = StandIn::start().await;
    let path = create_path(TEST_ACCOUNT_SID, CALL_SID);
    let form = [
        ("IdempotencyKey", "k"),
        ("StatusCallback", "not a uri"),
        ("PaymentMethod", "cash"),
        ("BankAccountType", "piggy-bank"),
        ("TokenType", "forever"),
        ("Confirmation", "yes"),
        ("PostalCode", "TRUE"),
        ("SecurityCode", "1"),
        ("Timeout", "soon"),
        ("MinPostalCodeLength", "4.5"),
        ("ChargeAmount", "1.2.3"),
        ("Parameter", "[1, 2]"),
        ("UnknownParameter", "whatever"),
    ];
    let answer = post(&stand_in, &path, &form).await;
    assert_error(&answer, 400, 20001);
    let message = message(&answer);
    for (name, value) in &form[1..form.len() - 1] {
        assert!(
            message.contains(&format!("'{value}' for parameter {name}:")),
            "{name} in {message}"
        );
    }
    assert!(!message.contains("UnknownParameter"), "{message}");
}

#[tokio::test]
async fn bad_update_enum_is_400() {
    let stand_in = StandIn::start().await;
    let sid = create(&stand_in, CALL_SID).await;
    let answer = update(&stand_in, &sid, ("Capture", "pin")).await;
    assert_error(&answer, 400, 20001);
    assert!(
        message(&answer).starts_with("Invalid value 'pin' for parameter Capture: expected one of"),
        "{}",
        answer.1
    );
    let status = update(&stand_in, &sid, ("Status", "completed")).await;
    assert!(message(&status).contains("'completed' for parameter Status"));
}

#[tokio::test]
async fn callback_may_be_relative_or_absolute() {
    let stand_in = StandIn::start().await;
    let path = create_path(TEST_ACCOUNT_SID, CALL_SID);
    for callback in [
        "/relative/callback",
        "https://example.com/cb?x=1",
        "urn:x:y",
        "relative/cb",
        "status?x=1",
    ] {
        let form = [("IdempotencyKey", "k"), ("StatusCallback", callback)];
        assert_eq!(post(&stand_in, &path, &form).await.0, 201, "{callback}");
    }
    let form = [("IdempotencyKey", "k"), ("StatusCallback", "not a uri")];
    let answer = post(&stand_in, &path, &form).await;
    assert_error(&answer, 400, 20001);
    assert!(
        message(&answer).starts_with("Invalid value 'not a uri' for parameter StatusCallback:"),
        "{}",
        answer.1
    );
}

/// The stand-in accepts a `StatusCallback` exactly when the client would send it: both apply
/// the declaration's `#[twilio(uri_reference)]` through `validate.rs`. The stand-in once had a
/// rule of its own, and refused `status?x=1`, which the client sends.
#[tokio::test]
async fn stand_in_and_client_agree_on_callbacks() {
    use crate::payments::{Capture, CreatePayments, UpdatePayments};
    use crate::Endpoint as _;
    let stand_in = StandIn::start().await;
    let sid = create(&stand_in, CALL_SID).await;
    let post_body = |path: String, body: String| {
        let request = reqwest::Client::new()
            .post(format!("{}{path}", stand_in.base_url()))
            .basic_auth(stand_in.account_sid(), Some(stand_in.auth_token()))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body);
        send(request)
    };
    let callbacks = [
        "status?x=1",
        "status",
        "/pay/status",
        "//host/cb",
        "?only=query",
        "https://example.com/cb?x=1#f",
        "urn:x:y",
        "not a uri",
        "/pay status",
        "a:b:c d",
        "/a%zz",
        "/cb#a#b",
        "https://example.com/{x}",
    ];
    let mut accepted = 0;
    for callback in callbacks {
        let create = CreatePayments {
            call_sid: CALL_SID.into(),
            idempotency_key: unique_key(),
            status_callback: callback.into(),
            ..CreatePayments::default()
        };
        let update = UpdatePayments {
            call_sid: CALL_SID.into(),
            sid: sid.clone(),
            idempotency_key: unique_key(),
            status_callback: callback.into(),
            capture: Some(Capture::PaymentCardNumber),
            ..UpdatePayments::default()
        };
        let requests = [
            (
                create.encode(TEST_ACCOUNT_SID),
                &create.idempotency_key,
                201,
            ),
            (
                update.encode(TEST_ACCOUNT_SID),
                &update.idempotency_key,
                202,
            ),
        ];
        let paths = [
            create_path(TEST_ACCOUNT_SID, CALL_SID),
            update_path(TEST_ACCOUNT_SID, CALL_SID, &sid),
        ];
        for ((encoded, key, created), path) in requests.into_iter().zip(paths) {
            let client_sends = encoded.is_ok();
            // What the client sends when it accepts the value, the same form by hand otherwise.
            let body = match encoded {
                Ok(encoded) => encoded.body.expect("a form body"),
                Err(_) => form_urlencoded::Serializer::new(String::new())
                    .append_pair("IdempotencyKey", key)
                    .append_pair("StatusCallback", callback)
                    .append_pair("Capture", "payment-card-number")
                    .finish(),
            };
            let (status, answer) = post_body(path, body).await;
            assert_eq!(
                status == created,
                client_sends,
                "{callback}: the client {} it, the stand-in answered {status} {answer}",
                if client_sends { "sends" } else { "refuses" }
            );
            accepted += usize::from(client_sends);
        }
    }
    // Both verdicts occur, so that the agreement is not that of two rules refusing everything.
    assert_eq!(accepted, 2 * 7);
}

#[tokio::test]
async fn update_needs_capture_or_status() {
    let stand_in = StandIn::start().await;
    let sid = create(&stand_in, CALL_SID).await;
    let answer = update(&stand_in, &sid, ("Capture", "")).await;
    assert_error(&answer, 400, 20001);
    assert_eq!(message(&answer), "Either Capture or Status is required");
}

#[tokio::test]
async fn unknown_session_is_404() {
    let stand_in = StandIn::start().await;
    let unknown = "PK0123456789abcdef0123456789abcdef";
    let answer = update(&stand_in, unknown, ("Status", "complete")).await;
    assert_error(&answer, 404, 20404);
    assert!(message(&answer).contains(unknown));

    let other_call = create(&stand_in, OTHER_CALL_SID).await;
    let answer = update(&stand_in, &other_call, ("Status", "complete")).await;
    assert_error(&answer, 404, 20404);
}

#[tokio::test]
async fn received_records_every_request() {
    let stand_in = StandIn::start().await;
    let path = create_path(TEST_ACCOUNT_SID, CALL_SID);
    let url = format!("{}{path}?Page=1", stand_in.base_url());
    let body = "IdempotencyKey=a+b%26c&StatusCallback=https%3A%2F%2Fexample.com%2Fcb\
                &ValidCardTypes=visa&ValidCardTypes=amex";
    let response = reqwest::Client::new()
        .post(url)
        .basic_auth(TEST_ACCOUNT_SID, Some(TEST_AUTH_TOKEN))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("X-Custom", "one")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let unauthenticated = reqwest::Client::new()
        .get(format!("{}/elsewhere", stand_in.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthenticated.status(), 401);

    let received = stand_in.received().await;
    assert_eq!(received.len(), 2);
    let first = &received[0];
    assert_eq!(first.method, "POST");
    assert_eq!(first.path, path);
    assert_eq!(first.query.as_deref(), Some("Page=1"));
    assert_eq!(first.body, body.as_bytes());
    assert_eq!(first.header("x-CUSTOM"), Some("one"));
    assert!(first
        .headers
        .iter()
        .all(|(name, _)| *name == name.to_lowercase()));
    let expected_auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("{TEST_ACCOUNT_SID}:{TEST_AUTH_TOKEN}"))
    );
    assert_eq!(first.header("Authorization"), Some(expected_auth.as_str()));
    let pair = |key: &str, value: &str| (key.to_owned(), value.to_owned());
    assert_eq!(
        first.form(),
        vec![
            pair("IdempotencyKey", "a b&c"),
            pair("StatusCallback", "https://example.com/cb"),
            pair("ValidCardTypes", "visa"),
            pair("ValidCardTypes", "amex"),
        ]
    );
    assert_eq!(received[1].method, "GET");
    assert_eq!(received[1].path, "/elsewhere");
    assert_eq!(received[1].query, None);
    assert_eq!(received[1].header("authorization"), None);
}

#[tokio::test]
async fn debug_hides_secrets() {
    let stand_in =
        StandIn::start_with("AC11111111111111111111111111111111", "very-secret-token").await;
    stand_in.accept_api_key("SK22222222222222222222222222222222", "very-secret-key");
    let debug = format!("{stand_in:?}");
    assert!(debug.contains("\"***\""), "{debug}");
    assert!(
        debug.contains("AC11111111111111111111111111111111"),
        "{debug}"
    );
    assert!(
        debug.contains("SK22222222222222222222222222222222"),
        "{debug}"
    );
    assert!(debug.contains(&stand_in.base_url()), "{debug}");
    assert!(!debug.contains("very-secret"), "{debug}");
}

#[test]
fn sid_and_decimal_checks() {
    assert!(is_sid(TEST_ACCOUNT_SID, &["AC"]));
    assert!(is_sid(CALL_SID, &["CA"]));
    assert!(!is_sid(CALL_SID, &["AC"]));
    assert!(!is_sid("AC", &["AC"]));
    assert!(!is_sid(&format!("{TEST_ACCOUNT_SID}0"), &["AC"]));
    assert!(!is_sid("ACéééééééééééééééé", &["AC"]));
    assert_eq!(TEST_ACCOUNT_SID.len(), 34);
    for good in ["0", "10", "10.50", "-3.1"] {
        assert!(is_decimal(good), "{good}");
    }
    for bad in ["", ".5", "5.", "1e3", "NaN", "+1", "1.2.3", "-"] {
        assert!(!is_decimal(bad), "{bad}");
    }
}

#[tokio::test]
async fn every_enum_value_is_accepted_from_the_enums_themselves() {
    use crate::payments::{Capture, PaymentStatus};
    let stand_in = StandIn::start().await;
    let sid = create(&stand_in, CALL_SID).await;
    for capture in Capture::ALL {
        let (status, body) = update(&stand_in, &sid, ("Capture", capture.as_str())).await;
        assert_eq!(status, 202, "{capture}: {body}");
    }
    assert_eq!(PaymentStatus::WIRE_VALUES, ["complete", "cancel"]);
    let (status, body) = update(&stand_in, &sid, ("Status", PaymentStatus::Cancel.as_str())).await;
    assert_eq!(status, 202, "{body}");
}

#[test]
fn placeholders_are_read_from_the_template() {
    let t = "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json";
    assert_eq!(
        template_values(t, "/2010-04-01/Accounts/AC1/Calls/a.json.json"),
        Some(vec![("AccountSid", "AC1"), ("Sid", "a.json")])
    );
    assert_eq!(
        template_values(t, "/2010-04-01/Accounts/AC1/Calls/.json"),
        None
    );
    assert_eq!(
        template_values("/v1/<A><B>", "/v1/xyz"),
        Some(vec![("A", "x"), ("B", "yz")])
    );
    assert_eq!(
        template_values("/v1/Services", "/v1/Services"),
        Some(vec![])
    );
}

#[test]
fn routes_follow_the_declared_path_rules() {
    let create = create_path(TEST_ACCOUNT_SID, CALL_SID);
    let route = Operation::route(&create, TEST_ACCOUNT_SID).expect("a create route");
    assert_eq!(route.operation, Operation::Create);
    assert_eq!(route.call_sid, CALL_SID);
    assert_eq!(route.payment_sid, None);
    let sid = "PK0123456789abcdef0123456789abcdef";
    let update = update_path(TEST_ACCOUNT_SID, CALL_SID, sid);
    let route = Operation::route(&update, TEST_ACCOUNT_SID).expect("an update route");
    assert_eq!(route.operation, Operation::Update);
    assert_eq!(route.payment_sid.as_deref(), Some(sid));
    // `#[twilio(sid = "…")]` of each placeholder, and the stand-in's own account.
    for path in [
        update_path(TEST_ACCOUNT_SID, CALL_SID, CALL_SID),
        create_path(TEST_ACCOUNT_SID, "CA1"),
        create_path("AC11111111111111111111111111111111", CALL_SID),
        create_path(CALL_SID, CALL_SID),
    ] {
        assert!(
            Operation::route(&path, TEST_ACCOUNT_SID).is_none(),
            "{path}"
        );
    }
}
