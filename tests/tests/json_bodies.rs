//! Wire tests of the newer shapes: JSON bodies, header parameters, Twilio's own placeholder
//! names, one origin per product, OAuth2 bearer tokens from a stand-in token endpoint, and
//! RFC 2822 dates in responses. Each request is checked byte for byte as a loopback server
//! received it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use twilio_endpoint::{twilio_endpoint, Client, DateTime, ErrorKind, ProblemKind};
use twilio_endpoint_tests::newer::{
    greeting_content, AssistantsV1CreateMessageRequest, ContentTypes, CreateAssistantMessage,
    CreateContent, CreateServiceConversation, FetchMessagingService, FetchSyncService,
    ListKnowledgeByAssistant, ListOrganizationAccounts, UpdateDocument, WebhookEnabled,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "json-test-auth-token-0123456789";
const CLIENT_ID: &str = "OQ0123456789abcdef0123456789abcdef";
const CLIENT_SECRET: &str = "oauth-client-secret-0123456789abcdef";
const SERVICE: &str = "IS0123456789abcdef0123456789abcdef";
const ORGANIZATION: &str = "OR0123456789abcdef0123456789abcdef";

/// A loopback server answering every request with `status` and `body`.
async fn server(status: u16, body: &str) -> MockServer {
    let server = twilio_endpoint_tests::loopback::answering(status, body).await;
    server
}

fn client(base: &str) -> Client {
    Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .base_url(base)
        .no_retries()
        .build()
        .unwrap()
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

async fn only_request(server: &MockServer) -> Request {
    let mut all = requests(server).await;
    assert_eq!(all.len(), 1, "expected exactly one request");
    all.remove(0)
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

fn path_and_query(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    }
}

#[tokio::test]
async fn json_members_are_one_object_named_as_written_none_left_out() {
    let server = server(201, r#"{"sid":"HX1"}"#).await;
    let request = greeting_content();
    request.send(&client(&server.uri())).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(path_and_query(&sent), "/v1/Content");
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(header(&sent, "accept"), Some("application/json"));
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        r#"{"friendly_name":"greeting","language":"en","variables":{"1":"Zoë & \"co\""},"types":{"twilio/text":{"body":"Hi {{1}}"}}}"#
    );

    // `None` members are left out; the required ones stay.
    let server = self::server(201, "{}").await;
    let request = CreateContent::builder()
        .language("en")
        .types(ContentTypes::default())
        .build();
    request.send(&client(&server.uri())).await.unwrap();
    assert_eq!(
        only_request(&server).await.body,
        br#"{"language":"en","types":{}}"#
    );
}

/// A JSON body with list members, as Twilio's numbers v1 `CreatePortingPortIn` has.
#[twilio_endpoint(POST, "/v1/Porting/PortIn", body = json, host = "numbers")]
struct CreatePortIn {
    account_sid: String,
    phone_numbers: Vec<serde_json::Value>,
    notification_emails: Vec<String>,
}

#[test]
fn an_empty_list_member_is_left_out_and_a_full_one_is_an_array() {
    // An empty `Vec` is "not given", as it is in a form or query: sending `[]` would break
    // `minItems: 1` and could clear what the resource holds.
    let body = |request: &CreatePortIn| {
        let encoded =
            twilio_endpoint::Endpoint::encode(request, "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
                .unwrap();
        encoded.body.unwrap()
    };
    let mut request = CreatePortIn {
        account_sid: "AC0123456789abcdef0123456789abcdef".into(),
        phone_numbers: Vec::new(),
        notification_emails: Vec::new(),
    };
    assert_eq!(
        body(&request),
        r#"{"account_sid":"AC0123456789abcdef0123456789abcdef"}"#
    );
    request.notification_emails = vec!["a@example.com".into(), "b@example.com".into()];
    request.phone_numbers = vec![serde_json::json!({"phone_number": "+15005550006"})];
    assert_eq!(
        body(&request),
        r#"{"account_sid":"AC0123456789abcdef0123456789abcdef","phone_numbers":[{"phone_number":"+15005550006"}],"notification_emails":["a@example.com","b@example.com"]}"#
    );
}

#[tokio::test]
async fn a_whole_body_field_is_the_body_and_id_fills_its_placeholder() {
    let server = server(202, "{}").await;
    let request = CreateAssistantMessage::builder()
        .id("aia_asst_0123 /x")
        .body(AssistantsV1CreateMessageRequest {
            identity: "user:1".into(),
            session_id: None,
            body: "What is my balance?".into(),
            webhook: Some("https://example.com/hook".into()),
            mode: None,
        })
        .build();
    request.send(&client(&server.uri())).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        path_and_query(&sent),
        "/v1/Assistants/aia_asst_0123%20%2Fx/Messages"
    );
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        sent.body,
        br#"{"identity":"user:1","body":"What is my balance?","webhook":"https://example.com/hook"}"#
    );
}

#[tokio::test]
async fn a_camel_case_placeholder_is_filled_by_its_snake_case_field() {
    let server = server(200, "{}").await;
    let request = ListKnowledgeByAssistant::builder()
        .assistant_id("aia_asst_1")
        .page_size(5)
        .build();
    request.send(&client(&server.uri())).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        path_and_query(&sent),
        "/v1/Assistants/aia_asst_1/Knowledge?PageSize=5"
    );
    assert_eq!(header(&sent, "content-type"), None);
}

#[tokio::test]
async fn a_header_parameter_goes_beside_the_form_body() {
    let server = server(201, "{}").await;
    let request = CreateServiceConversation::builder()
        .chat_service_sid(SERVICE)
        .friendly_name("Support & sales")
        .x_twilio_webhook_enabled(WebhookEnabled::True)
        .build();
    request.send(&client(&server.uri())).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        path_and_query(&sent),
        format!("/v1/Services/{SERVICE}/Conversations")
    );
    assert_eq!(header(&sent, "x-twilio-webhook-enabled"), Some("true"));
    assert_eq!(
        header(&sent, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(sent.body, b"FriendlyName=Support+%26+sales");

    // Left `None`, no header at all.
    let server = self::server(201, "{}").await;
    let request = CreateServiceConversation::builder()
        .chat_service_sid(SERVICE)
        .build();
    request.send(&client(&server.uri())).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(header(&sent, "x-twilio-webhook-enabled"), None);
    assert_eq!(sent.body, b"");
}

#[tokio::test]
async fn an_if_match_update_sends_the_revision() {
    let server = server(200, "{}").await;
    let request = UpdateDocument::builder()
        .service_sid(SERVICE)
        .sid("settings")
        .data(BTreeMap::from([("theme".to_owned(), "dark".into())]))
        .ttl(60)
        .if_match("\"3\"")
        .build();
    request.send(&client(&server.uri())).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        path_and_query(&sent),
        format!("/v1/Services/{SERVICE}/Documents/settings")
    );
    assert_eq!(header(&sent, "if-match"), Some("\"3\""));
    assert_eq!(sent.body, b"Data=%7B%22theme%22%3A%22dark%22%7D&Ttl=60");
}

#[test]
fn an_http_request_carries_the_header_parameters_and_the_json_content_type() {
    let client = client("http://127.0.0.1:9");
    let request = UpdateDocument::builder()
        .service_sid(SERVICE)
        .sid("settings")
        .if_match("7")
        .build();
    let http = client.to_http_request(&request).unwrap();
    assert_eq!(http.headers()["if-match"], "7");
    assert_eq!(
        http.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert!(http.headers()["authorization"].is_sensitive());
    let http = client.to_http_request(&greeting_content()).unwrap();
    assert_eq!(http.headers()["content-type"], "application/json");
    assert_eq!(http.uri().path(), "/v1/Content");
    assert!(http.body().starts_with(br#"{"friendly_name":"greeting""#));
}

#[tokio::test]
async fn a_header_value_with_a_newline_is_refused_before_any_io() {
    let server = server(200, "{}").await;
    let secret_looking = "1\r\nAuthorization: Basic c2VjcmV0";
    let request = UpdateDocument::builder()
        .service_sid(SERVICE)
        .sid("settings")
        .if_match(secret_looking)
        .build();
    let error = request.send(&client(&server.uri())).await.unwrap_err();
    let problems = error.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].parameter(), "If-Match");
    assert_eq!(problems[0].kind(), &ProblemKind::HeaderValue);
    assert!(!error.to_string().contains("c2VjcmV0"), "{error}");
    assert!(!format!("{error:?}").contains("c2VjcmV0"), "{error:?}");
    assert!(requests(&server).await.is_empty(), "nothing is sent");
}

/// A JSON endpoint with a map whose keys JSON cannot hold.
#[twilio_endpoint(POST, "/v1/Things", body = json, host = "content")]
pub struct CreateThing {
    /// A required member.
    pub name: String,
    /// Keys that are pairs: not JSON object keys.
    pub lookup: Option<BTreeMap<(u8, u8), u8>>,
    /// A member checked as a URI.
    #[twilio(uri)]
    pub callback: Option<String>,
}

#[tokio::test]
async fn bad_json_members_are_typed_problems_and_nothing_is_sent() {
    let server = server(201, "{}").await;
    let request = CreateThing::builder()
        .name("")
        .lookup(BTreeMap::from([((1, 2), 3)]))
        .callback("not a uri")
        .build();
    let error = request.send(&client(&server.uri())).await.unwrap_err();
    let problems: Vec<(&str, &ProblemKind)> = error
        .problems()
        .iter()
        .map(|p| (p.parameter(), p.kind()))
        .collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(problems[0], ("name", &ProblemKind::Empty));
    assert_eq!(problems[1].0, "lookup");
    assert!(
        matches!(problems[1].1, ProblemKind::Unencodable(why) if why.contains("key must be a string")),
        "{problems:?}"
    );
    assert_eq!(problems[2], ("callback", &ProblemKind::Uri));
    assert!(requests(&server).await.is_empty(), "nothing is sent");
}

#[tokio::test]
async fn two_products_behind_two_origins() {
    let messaging = server(200, r#"{"sid":"MG"}"#).await;
    let sync = server(200, r#"{"sid":"IS"}"#).await;
    let rest = server(200, "{}").await;
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .host_base_url("messaging", messaging.uri())
        .host_base_url("sync", sync.uri())
        .base_url(rest.uri())
        .build()
        .unwrap();
    let mg = "MG0123456789abcdef0123456789abcdef";
    let answer = FetchMessagingService::builder()
        .sid(mg)
        .build()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(answer["sid"], "MG");
    let answer = FetchSyncService::builder()
        .sid(SERVICE)
        .build()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(answer["sid"], "IS");
    ListKnowledgeByAssistant::builder()
        .assistant_id("aia_asst_1")
        .build()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        path_and_query(&only_request(&messaging).await),
        format!("/v1/Services/{mg}")
    );
    assert_eq!(
        path_and_query(&only_request(&sync).await),
        format!("/v1/Services/{SERVICE}")
    );
    assert_eq!(
        path_and_query(&only_request(&rest).await),
        "/v1/Assistants/aia_asst_1/Knowledge"
    );
    assert_eq!(client.origin("messaging"), messaging.uri());
    assert_eq!(client.origin("voice"), rest.uri());
}

/// A stand-in token endpoint: answers `tok-1-…`, `tok-2-…`, … with `expires_in`.
struct Tokens {
    issued: Arc<AtomicUsize>,
    expires_in: u64,
}

fn token_text(n: usize) -> String {
    format!("tok-{n}-access-token-0123456789abcdef")
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": token_text(n),
            "token_type": "Bearer",
            "expires_in": self.expires_in,
        }))
    }
}

/// An API that refuses the first token with 401 and answers any other.
struct RefuseFirstToken;

impl Respond for RefuseFirstToken {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let refused = format!("Bearer {}", token_text(1));
        if header(request, "authorization") == Some(refused.as_str()) {
            ResponseTemplate::new(401).set_body_json(serde_json::json!({
                "code": 20003, "message": "Authenticate", "status": 401
            }))
        } else {
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"content": [{"a": 1}]}))
        }
    }
}

async fn token_server(expires_in: u64) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(any())
        .respond_with(Tokens {
            issued: Arc::clone(&issued),
            expires_in,
        })
        .mount(&server)
        .await;
    (server, issued)
}

fn oauth_client(tokens: &MockServer, api: &MockServer) -> Client {
    Client::builder()
        .oauth2_client_credentials(CLIENT_ID, CLIENT_SECRET)
        .host_base_url("oauth", tokens.uri())
        .host_base_url("preview-iam", api.uri())
        .no_retries()
        .build()
        .unwrap()
}

fn list_accounts() -> ListOrganizationAccounts {
    ListOrganizationAccounts::builder()
        .organization_sid(ORGANIZATION)
        .page_size(2)
        .build()
}

#[tokio::test]
async fn an_oauth2_token_is_fetched_used_cached_and_refreshed_after_expiry() {
    let (tokens, issued) = token_server(1).await;
    let api = server(200, r#"{"content":[]}"#).await;
    let client = oauth_client(&tokens, &api);
    list_accounts().send(&client).await.unwrap();
    list_accounts().send(&client).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1, "the token is cached");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    list_accounts().send(&client).await.unwrap();
    assert_eq!(
        issued.load(Ordering::SeqCst),
        2,
        "an expired token is replaced"
    );

    let grant = &requests(&tokens).await[0];
    assert_eq!(grant.method.as_str(), "POST");
    assert_eq!(grant.url.path(), "/v2/token");
    assert_eq!(
        header(grant, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(grant.body.clone()).unwrap(),
        format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
        )
    );
    let sent = requests(&api).await;
    let bearers: Vec<&str> = sent
        .iter()
        .map(|r| header(r, "authorization").unwrap())
        .collect();
    let first = format!("Bearer {}", token_text(1));
    let second = format!("Bearer {}", token_text(2));
    assert_eq!(bearers, [&first, &first, &second]);
    assert_eq!(
        path_and_query(&sent[0]),
        format!("/Organizations/{ORGANIZATION}/Accounts?PageSize=2")
    );
    let debug = format!("{client:?}");
    assert!(
        !debug.contains(CLIENT_SECRET) && !debug.contains("access-token"),
        "{debug}"
    );
}

#[test]
fn sending_an_oauth2_request_is_send() {
    fn assert_send<T: Send>(_: T) {}
    let client = Client::builder()
        .oauth2_client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .unwrap();
    let request = list_accounts();
    // Not polled: only its type is checked, so that it can be spawned on a multi-threaded runtime.
    assert_send(client.send(&request));
}

#[tokio::test]
async fn a_refused_token_is_replaced_once() {
    let (tokens, issued) = token_server(3600).await;
    let api = MockServer::start().await;
    Mock::given(any())
        .respond_with(RefuseFirstToken)
        .mount(&api)
        .await;
    let client = oauth_client(&tokens, &api);
    let page = list_accounts().send(&client).await.unwrap();
    assert_eq!(page.content.len(), 1);
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(requests(&api).await.len(), 2);
}

#[tokio::test]
async fn concurrent_requests_share_one_token_fetch() {
    let (tokens, issued) = token_server(3600).await;
    let api = server(200, r#"{"content":[]}"#).await;
    let client = oauth_client(&tokens, &api);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let client = client.clone();
        tasks.spawn(async move { list_accounts().send(&client).await.map(drop) });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap().unwrap();
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    assert_eq!(requests(&api).await.len(), 10);
}

#[tokio::test]
async fn a_server_echoing_the_bearer_token_has_it_redacted() {
    let (tokens, _) = token_server(3600).await;
    let api = server(
        400,
        &format!(
            r#"{{"code":20001,"message":"bad request with Authorization: Bearer {}","status":400}}"#,
            token_text(1)
        ),
    )
    .await;
    let client = oauth_client(&tokens, &api);
    let error = list_accounts().send(&client).await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("Bearer ***"), "{shown}");
    assert!(!shown.contains(&token_text(1)), "{shown}");
}

#[tokio::test]
async fn without_basic_credentials_other_endpoints_get_the_bearer_token() {
    let (tokens, _) = token_server(3600).await;
    let api = server(200, "{}").await;
    let client = Client::builder()
        .oauth2_client_credentials(CLIENT_ID, CLIENT_SECRET)
        .host_base_url("oauth", tokens.uri())
        .base_url(api.uri())
        .build()
        .unwrap();
    FetchSyncService::builder()
        .sid(SERVICE)
        .build()
        .send(&client)
        .await
        .unwrap();
    let sent = only_request(&api).await;
    assert_eq!(
        header(&sent, "authorization").map(|h| h.starts_with("Bearer tok-1")),
        Some(true)
    );
}

#[tokio::test]
async fn an_oauth2_endpoint_without_oauth2_credentials_is_refused_before_any_io() {
    let api = server(200, "{}").await;
    let error = list_accounts().send(&client(&api.uri())).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::NoOAuth2Credentials),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("oauth2_client_credentials"),
        "{error}"
    );
    assert!(requests(&api).await.is_empty());
}

#[tokio::test]
async fn a_token_endpoint_that_fails_is_a_typed_error_and_leaks_nothing() {
    let cases = [
        (500, format!("internal error for {CLIENT_SECRET}")),
        (200, "<html>not json</html>".to_owned()),
        (200, r#"{"token_type":"Bearer"}"#.to_owned()),
        (
            200,
            r#"{"access_token":"bad\ntoken-0123456789abcdef"}"#.to_owned(),
        ),
    ];
    for (status, body) in cases {
        let tokens = server(status, &body).await;
        let api = server(200, "{}").await;
        let client = oauth_client(&tokens, &api);
        let error = list_accounts().send(&client).await.unwrap_err();
        match error.kind() {
            ErrorKind::OAuth2Token {
                status: answered, ..
            } => assert_eq!(answered.map(|s| s.as_u16()), Some(status), "{error}"),
            other => panic!("expected a token error, got {other:?}"),
        }
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(CLIENT_SECRET), "{shown}");
        assert!(!shown.contains("token-0123456789abcdef"), "{shown}");
        assert!(requests(&api).await.is_empty(), "the request is not sent");
    }
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_a_typed_error() {
    let api = server(200, "{}").await;
    let client = Client::builder()
        .oauth2_client_credentials(CLIENT_ID, CLIENT_SECRET)
        .host_base_url("oauth", "http://127.0.0.1:9")
        .host_base_url("preview-iam", api.uri())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let error = list_accounts().send(&client).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::OAuth2Token { status: None, .. }),
        "{error:?}"
    );
    assert!(requests(&api).await.is_empty());
}

/// A response of the 2010 API, with its RFC 2822 dates.
#[derive(Debug, Deserialize, Serialize)]
pub struct Recording {
    pub date_created: DateTime,
    pub start_time: Option<DateTime>,
}

/// A 2010 API fetch answered with RFC 2822 dates.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Recordings/<Sid>.json",
                  response = Recording)]
pub struct FetchRecording {
    /// The account.
    pub account_sid: String,
    /// The recording.
    pub sid: String,
}

#[tokio::test]
async fn response_dates_are_read_in_rfc_2822_and_rfc_3339_and_a_bad_one_is_named() {
    let server = server(
        200,
        r#"{"date_created":"Wed, 26 Nov 2026 11:00:00 +0000","start_time":"2026-11-26T11:00:01Z"}"#,
    )
    .await;
    let client = client(&server.uri());
    let request = FetchRecording::builder().sid("RE1").build();
    let recording = request.send(&client).await.unwrap();
    assert_eq!(
        recording.date_created.0,
        time::macros::datetime!(2026-11-26 11:00:00 UTC)
    );
    assert_eq!(
        recording.start_time.unwrap().0,
        time::macros::datetime!(2026-11-26 11:00:01 UTC)
    );

    let server = self::server(
        200,
        r#"{"date_created":"Wed, 26 Nov 2026 11:00:00 +0000","start_time":"yesterday"}"#,
    )
    .await;
    let error = request
        .send(&self::client(&server.uri()))
        .await
        .unwrap_err();
    match error.kind() {
        ErrorKind::Decode { source, .. } => assert_eq!(source.path(), "start_time"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}
