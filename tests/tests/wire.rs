//! Wire tests: requests as a loopback HTTP server receives them, and every kind of answer.

use base64::Engine as _;
use serde::Deserialize;
use twilio_endpoint::payments::{
    BankAccountType, Capture, CreatePayments, PaymentMethod, PaymentStatus, TokenType,
    UpdatePayments,
};
use twilio_endpoint::{twilio_endpoint, Client, Endpoint, ErrorKind, ProblemKind};
use wiremock::MockServer;

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "wire-test-auth-token-0123456789";
const CALL: &str = "CA0123456789abcdef0123456789abcdef";
const PAYMENT: &str = "PK0123456789abcdef0123456789abcdef";

/// A loopback server answering every request with `status` and `body`, and a client for it.
async fn server(status: u16, body: &str) -> (MockServer, Client) {
    let server = twilio_endpoint_tests::loopback::answering(status, body).await;
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .base_url(server.uri())
        .build()
        .unwrap();
    (server, client)
}

fn payment_json() -> String {
    format!(
        r#"{{"account_sid":"{ACCOUNT}","call_sid":"{CALL}","sid":"{PAYMENT}",
            "date_created":"Wed, 18 Dec 2019 20:02:01 +0000",
            "date_updated":"Wed, 18 Dec 2019 20:02:02 +0000",
            "uri":"/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}/Payments/{PAYMENT}.json"}}"#
    )
}

/// The only request the server received.
async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> &'r str {
    request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn update(capture: Option<Capture>, status: Option<PaymentStatus>) -> UpdatePayments {
    UpdatePayments {
        account_sid: String::new(),
        call_sid: CALL.into(),
        sid: PAYMENT.into(),
        idempotency_key: "k1".into(),
        status_callback: "https://example.com/cb".into(),
        capture,
        status,
    }
}

#[tokio::test]
async fn update_payments_on_the_wire() {
    let (server, client) = server(202, &payment_json()).await;
    let payment = update(
        Some(Capture::PaymentCardNumber),
        Some(PaymentStatus::Complete),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(payment.sid.as_deref(), Some(PAYMENT));
    assert_eq!(payment.call_sid.as_deref(), Some(CALL));
    let created = payment.date_created.unwrap();
    assert_eq!(
        (created.year(), created.hour(), created.second()),
        (2019, 20, 1)
    );
    assert_eq!(payment.date_updated.unwrap().second(), 2);

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.url.path(),
        format!("/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}/Payments/{PAYMENT}.json")
    );
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "accept"), "application/json");
    assert_eq!(
        header(&request, "content-type"),
        "application/x-www-form-urlencoded"
    );
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT}:{TOKEN}"));
    assert_eq!(header(&request, "authorization"), format!("Basic {basic}"));
    let agent = header(&request, "user-agent");
    assert!(agent.starts_with("twilio-endpoint/0.1.0 ("), "{agent}");
    assert!(agent.ends_with(") Rust"), "{agent}");
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "IdempotencyKey=k1&StatusCallback=https%3A%2F%2Fexample.com%2Fcb\
         &Capture=payment-card-number&Status=complete"
    );
}

#[tokio::test]
async fn unset_optionals_are_left_out() {
    let (server, client) = server(202, &payment_json()).await;
    update(None, None).send(&client).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        form_pairs(&request.body),
        pairs(&[
            ("IdempotencyKey", "k1"),
            ("StatusCallback", "https://example.com/cb")
        ])
    );
}

#[tokio::test]
async fn create_payments_with_every_field() {
    let (server, client) = server(201, &payment_json()).await;
    let mut parameter = serde_json::Map::new();
    parameter.insert("name".into(), "Zoë & co".into());
    parameter.insert("retries".into(), 2.into());
    let request = CreatePayments::builder()
        .account_sid(ACCOUNT)
        .call_sid(CALL)
        .idempotency_key("key with spaces+plus/ünïcödé")
        .status_callback("https://example.com/cb?a=1&b=2")
        .bank_account_type(BankAccountType::ConsumerSavings)
        .charge_amount("12.5".parse::<twilio_endpoint::Amount>().unwrap())
        .currency("EUR")
        .description("Order #42: 100% = done")
        .input("dtmf")
        .min_postal_code_length(5)
        .parameter(parameter)
        .payment_connector("stripe_connector")
        .payment_method(PaymentMethod::AchDebit)
        .postal_code(false)
        .security_code(true)
        .timeout(600)
        .token_type(TokenType::OneTime)
        .valid_card_types("visa amex")
        .require_matching_inputs("payment-card-number,postal-code")
        .confirmation(true)
        .build();
    request.send(&client).await.unwrap();
    let received = only_request(&server).await;
    assert_eq!(
        received.url.path(),
        format!("/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}/Payments.json")
    );
    assert_eq!(
        form_pairs(&received.body),
        pairs(&[
            ("IdempotencyKey", "key with spaces+plus/ünïcödé"),
            ("StatusCallback", "https://example.com/cb?a=1&b=2"),
            ("BankAccountType", "consumer-savings"),
            ("ChargeAmount", "12.5"),
            ("Currency", "EUR"),
            ("Description", "Order #42: 100% = done"),
            ("Input", "dtmf"),
            ("MinPostalCodeLength", "5"),
            ("Parameter", r#"{"name":"Zoë & co","retries":2}"#),
            ("PaymentConnector", "stripe_connector"),
            ("PaymentMethod", "ach-debit"),
            ("PostalCode", "false"),
            ("SecurityCode", "true"),
            ("Timeout", "600"),
            ("TokenType", "one-time"),
            ("ValidCardTypes", "visa amex"),
            ("RequireMatchingInputs", "payment-card-number,postal-code"),
            ("Confirmation", "true"),
        ])
    );
    // Space is `+`, a literal `+` is `%2B`, non-ASCII is UTF-8 percent-encoded.
    let body = String::from_utf8(received.body).unwrap();
    assert!(
        body.starts_with("IdempotencyKey=key+with+spaces%2Bplus%2F%C3%BCn%C3%AFc%C3%B6d%C3%A9&"),
        "{body}"
    );
}

/// A call, as the GET and DELETE endpoints below answer.
#[derive(Debug, Deserialize, PartialEq)]
struct CallPage {
    calls: Vec<serde_json::Value>,
    page_size: u32,
}

/// A GET with query parameters: paging, a date range and a list.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json", response = CallPage)]
struct ListCall {
    #[twilio(sid = "AC")]
    account_sid: String,
    to: Option<String>,
    #[twilio(rename = "StartTime>")]
    start_time_after: Option<String>,
    #[twilio(rename = "StartTime<")]
    start_time_before: Option<String>,
    page_size: Option<u32>,
    status: Vec<String>,
    #[twilio(rename = "EndTime")]
    ended: Option<bool>,
}

#[tokio::test]
async fn get_with_query_and_list_parameters() {
    let (server, client) = server(200, r#"{"calls": [], "page_size": 20}"#).await;
    let page = ListCall::builder()
        .to("+15558675310")
        .start_time_after("2026-01-02")
        .start_time_before("2026-01-02T03:04:05Z")
        .page_size(20)
        .status(["queued", "in-progress"])
        .ended(false)
        .build()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        page,
        CallPage {
            calls: vec![],
            page_size: 20
        }
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.path(),
        format!("/2010-04-01/Accounts/{ACCOUNT}/Calls.json")
    );
    assert_eq!(
        request.url.query(),
        Some(
            "To=%2B15558675310&StartTime%3E=2026-01-02&StartTime%3C=2026-01-02T03%3A04%3A05Z\
             &PageSize=20&Status=queued&Status=in-progress&EndTime=false"
        )
    );
    assert!(request.body.is_empty());
    assert!(
        request.headers.get("content-type").is_none(),
        "a GET has no body"
    );
}

#[tokio::test]
async fn empty_lists_and_unset_options_leave_no_query() {
    let (server, client) = server(200, r#"{"calls": [], "page_size": 50}"#).await;
    ListCall::builder().build().send(&client).await.unwrap();
    assert_eq!(only_request(&server).await.url.query(), None);
}

/// A DELETE answering 204 No Content.
#[twilio_endpoint(DELETE, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = ())]
struct DeleteCall {
    #[twilio(sid = "AC")]
    account_sid: String,
    #[twilio(sid = "CA")]
    sid: String,
}

#[tokio::test]
async fn delete_answering_204() {
    let (server, client) = server(204, "").await;
    let request = DeleteCall::builder().sid(CALL).build();
    request.send(&client).await.unwrap();
    let received = only_request(&server).await;
    assert_eq!(received.method.as_str(), "DELETE");
    assert_eq!(
        received.url.path(),
        format!("/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}.json")
    );
    assert!(received.body.is_empty());
}

/// A path whose values are not SIDs, to see how any text is written into a segment.
#[twilio_endpoint(GET, "/v1/Things/<Name>/<Other>.json")]
struct FetchThing {
    name: String,
    other: u32,
}

#[tokio::test]
async fn path_values_are_single_segments() {
    let (server, client) = server(200, "{}").await;
    let value = FetchThing {
        name: "a/b?c#d%e f~ü".into(),
        other: 7,
    }
    .send(&client)
    .await
    .unwrap();
    assert_eq!(value, serde_json::json!({}));
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/v1/Things/a%2Fb%3Fc%23d%25e%20f~%C3%BC/7.json"
    );
    assert_eq!(request.url.query(), None);
    assert_eq!(request.url.fragment(), None);
}

#[tokio::test]
async fn the_request_account_overrides_the_client_account() {
    let (server, client) = server(202, &payment_json()).await;
    let other = "AC99999999999999999999999999999999";
    let mut request = update(None, None);
    request.account_sid = other.into();
    request.send(&client).await.unwrap();
    let path = only_request(&server).await.url.path().to_owned();
    assert!(
        path.starts_with(&format!("/2010-04-01/Accounts/{other}/")),
        "{path}"
    );
}

#[tokio::test]
async fn twilio_errors_are_typed() {
    let body = r#"{"code": 20404, "message": "The requested resource was not found",
        "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404,
        "details": {"hint": "x"}}"#;
    let (_server, client) = server(404, body).await;
    let error = update(None, None).send(&client).await.unwrap_err();
    let ErrorKind::Api(twilio) = error.kind() else {
        panic!("expected ErrorKind::Api, got {error:?}");
    };
    let (endpoint, attempts) = (error.endpoint().unwrap(), error.attempts());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(twilio.code, Some(20404));
    assert_eq!(twilio.message, "The requested resource was not found");
    assert_eq!(
        twilio.more_info.as_deref(),
        Some("https://www.twilio.com/docs/errors/20404")
    );
    assert_eq!(twilio.status, Some(404));
    assert_eq!(twilio.details, Some(serde_json::json!({"hint": "x"})));
    assert_eq!(endpoint.path_template, UpdatePayments::PATH_TEMPLATE);
    assert_eq!(attempts, 1, "a 404 is not retried");
    let text = error.to_string();
    assert!(
        text.starts_with(
            "POST /2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json: \
             Twilio answered 404 Not Found, error 20404"
        ),
        "{text}"
    );
}

#[tokio::test]
async fn a_non_json_error_body_is_kept_as_text() {
    let (_server, client) = server(502, "<html>Bad gateway</html>").await;
    let error = update(None, None).send(&client).await.unwrap_err();
    match error.kind() {
        ErrorKind::Status { body } => {
            assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
            assert_eq!(body, "<html>Bad gateway</html>");
        }
        _ => panic!("expected ErrorKind::Status, got {error:?}"),
    }
    assert!(error.to_string().contains("502"), "{error}");
}

#[tokio::test]
async fn a_malformed_success_body_is_a_decode_error() {
    for body in [r#"{"sid": 42}"#, r#"{"sid": "PK"#, "not json", ""] {
        let (_server, client) = server(202, body).await;
        let error = update(None, None).send(&client).await.unwrap_err();
        match error.kind() {
            ErrorKind::Decode { excerpt, .. } => {
                assert_eq!(error.status().map(|s| s.as_u16()), Some(202));
                assert_eq!(excerpt, body);
            }
            _ => panic!("expected ErrorKind::Decode for {body:?}, got {error:?}"),
        }
    }
}

#[tokio::test]
async fn validation_lists_every_problem_and_sends_nothing() {
    let (server, client) = server(202, &payment_json()).await;
    let request = UpdatePayments {
        account_sid: "ACnope".into(),
        call_sid: String::new(),
        sid: "PK123".into(),
        idempotency_key: String::new(),
        status_callback: "not a uri".into(),
        capture: None,
        status: None,
    };
    let error = request.send(&client).await.unwrap_err();
    let problems: Vec<(&str, &ProblemKind)> = error
        .problems()
        .iter()
        .map(|p| (p.parameter(), p.kind()))
        .collect();
    assert_eq!(
        problems,
        [
            ("AccountSid", &ProblemKind::Sid(&["AC"])),
            ("CallSid", &ProblemKind::Empty),
            ("Sid", &ProblemKind::Sid(&["PK"])),
            ("IdempotencyKey", &ProblemKind::Empty),
            ("StatusCallback", &ProblemKind::UriReference),
        ]
    );
    let text = error.to_string();
    assert!(
        text.contains("`IdempotencyKey` must not be empty"),
        "{text}"
    );
    assert!(
        text.contains("`Sid` must be `PK` followed by 32 hex digits"),
        "{text}"
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing may be sent"
    );
}

#[tokio::test]
async fn dot_segments_cannot_move_the_path() {
    let (server, client) = server(200, "{}").await;
    for name in [".", ".."] {
        let error = FetchThing {
            name: name.into(),
            other: 1,
        }
        .send(&client)
        .await
        .unwrap_err();
        assert_eq!(error.problems()[0].kind(), &ProblemKind::DotSegment);
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn secrets_never_show() {
    let secret = "sEcReT-api-secret-value";
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .api_key("SK0123456789abcdef0123456789abcdef", secret)
        .build()
        .unwrap();
    let builder = Client::builder().account_sid(ACCOUNT).auth_token(TOKEN);
    let http = client.to_http_request(&update(None, None)).unwrap();
    let invalid = update(None, None);
    let invalid = UpdatePayments {
        sid: "x".into(),
        ..invalid
    };
    let error = invalid.send(&client).await.unwrap_err();
    let (_server, token_client) = server(401, r#"{"code":20003,"message":"Authenticate"}"#).await;
    let api_error = update(None, None).send(&token_client).await.unwrap_err();
    let shown = [
        format!("{client:?}"),
        format!("{builder:?}"),
        format!("{token_client:?}"),
        format!("{http:?}"),
        format!("{error:?}"),
        error.to_string(),
        format!("{api_error:?}"),
        api_error.to_string(),
    ];
    let encoded = base64::engine::general_purpose::STANDARD
        .encode(format!("SK0123456789abcdef0123456789abcdef:{secret}"));
    for text in &shown {
        for needle in [secret, TOKEN, encoded.as_str()] {
            assert!(!text.contains(needle), "a secret shows in {text}");
        }
    }
}

#[tokio::test]
async fn to_http_request_is_what_send_sends() {
    let (server, client) = server(202, &payment_json()).await;
    let request = update(Some(Capture::SecurityCode), None);
    let http = client.to_http_request(&request).unwrap();
    request.send(&client).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(http.method().as_str(), sent.method.as_str());
    assert_eq!(http.uri().path(), sent.url.path());
    assert_eq!(http.uri().query(), sent.url.query());
    assert_eq!(
        http.uri().authority().map(|a| a.as_str()),
        Some(header(&sent, "host"))
    );
    assert_eq!(http.body(), &sent.body);
    for name in ["accept", "content-type", "authorization", "user-agent"] {
        assert_eq!(
            http.headers()[name].to_str().unwrap(),
            header(&sent, name),
            "{name}"
        );
    }
}

#[test]
fn regions_and_edges_pick_the_host() {
    let request = update(None, None);
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .edge("sydney")
        .region("au1")
        .build()
        .unwrap();
    let http = client.to_http_request(&request).unwrap();
    assert_eq!(http.uri().host(), Some("api.sydney.au1.twilio.com"));
    assert_eq!(http.uri().scheme_str(), Some("https"));
}

/// An endpoint on another product host.
#[twilio_endpoint(GET, "/v1/IpRecords/<Sid>", host = "voice")]
struct FetchIpRecord {
    #[twilio(sid = "IL")]
    sid: String,
}

#[test]
fn the_host_option_picks_the_product() {
    let client = Client::new(ACCOUNT, TOKEN).unwrap();
    let http = client
        .to_http_request(&FetchIpRecord {
            sid: "IL0123456789abcdef0123456789abcdef".into(),
        })
        .unwrap();
    assert_eq!(
        http.uri().to_string(),
        "https://voice.twilio.com/v1/IpRecords/IL0123456789abcdef0123456789abcdef"
    );
    assert_eq!(<FetchIpRecord as Endpoint>::HOST, "voice");
}

#[test]
fn clients_and_send_futures_cross_threads() {
    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}
    fn assert_send<T: Send>(_: &T) {}
    assert_send_sync_clone::<Client>();
    let client = Client::new(ACCOUNT, TOKEN).unwrap();
    let request = update(None, None);
    // A `send` future can be spawned on a multi-threaded runtime.
    assert_send(&request.send(&client));
}
