//! A local Twilio stand-in for the two Payments operations of Twilio's 2010 API.
//!
//! [`StandIn`] runs an HTTP server on `127.0.0.1` that answers like
//! `api.twilio.com` does for
//!
//! * `POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Payments.json`
//!   (`CreatePayments`, answers `201 Created`), and
//! * `POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Payments/{Sid}.json`
//!   (`UpdatePayments`, answers `202 Accepted`),
//!
//! including Twilio-shaped error answers for bad credentials, unknown
//! resources, wrong methods, wrong content types and invalid parameters. It
//! keeps the payment sessions it created, so a full Payments flow (create,
//! capture, complete or cancel) can run without Twilio. Every request it
//! receives is recorded and can be inspected with [`StandIn::received`].
//!
//! The checks run in this order, and the first that fails decides the answer:
//!
//! 1. HTTP Basic auth, with the account SID and auth token or with an API key
//!    accepted by [`StandIn::accept_api_key`]: otherwise `401`, code 20003.
//! 2. The path is one of the two routes, with well-formed SIDs and the
//!    authenticated account: otherwise `404`, code 20404.
//! 3. The method is `POST`: otherwise `405`, code 20004.
//! 4. The body is `application/x-www-form-urlencoded`: otherwise `400`,
//!    code 20001.
//! 5. The form parameters are present and valid (unknown parameters are
//!    ignored, as Twilio does): otherwise `400`, code 20001, naming every
//!    offending parameter.
//! 6. An updated session was created by this stand-in for that call:
//!    otherwise `404`, code 20404.
//! 7. An updated session is still open (it closes with `Status=complete` or
//!    `Status=cancel`): otherwise `400`, code 20001.
//!
//! A request that repeats the `IdempotencyKey` of an earlier request to the same path gets the
//! earlier answer again and changes nothing, as Twilio promises: so a retried request never
//! makes a second session or a second capture.
//!
//! This module is only compiled with the crate's `testing` feature.
//!
//! ```
//! use twilio_endpoint::testing::StandIn;
//!
//! # async fn f() {
//! let stand_in = StandIn::start().await;
//! let call_sid = "CA0123456789abcdef0123456789abcdef";
//! let url = format!(
//!     "{}/2010-04-01/Accounts/{}/Calls/{}/Payments.json",
//!     stand_in.base_url(),
//!     stand_in.account_sid(),
//!     call_sid,
//! );
//! let response = reqwest::Client::new()
//!     .post(url)
//!     .basic_auth(stand_in.account_sid(), Some(stand_in.auth_token()))
//!     .form(&[("IdempotencyKey", "key-1"), ("StatusCallback", "https://example.com/cb")])
//!     .send()
//!     .await
//!     .unwrap();
//! assert_eq!(response.status(), 201);
//! let payment: serde_json::Value =
//!     serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
//! assert!(payment["sid"].as_str().unwrap().starts_with("PK"));
//! # }
//! ```

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use base64::Engine as _;
use http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderMap, Method};
use percent_encoding::percent_decode_str;
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The account SID a [`StandIn`] started with [`StandIn::start`] uses.
///
/// It has the shape of a real account SID (`AC` followed by 32 hex digits)
/// but belongs to no Twilio account.
pub const TEST_ACCOUNT_SID: &str = "AC00000000000000000000000000000000";

/// The auth token a [`StandIn`] started with [`StandIn::start`] uses.
///
/// It is a test credential, valid only against a [`StandIn`].
pub const TEST_AUTH_TOKEN: &str = "stand-in-test-auth-token-0123456";

/// A local stand-in for Twilio's Payments API, on `127.0.0.1` and a free port.
///
/// See the [module documentation](self) for the routes it serves and the
/// answers it gives. The server stops when the `StandIn` is dropped.
///
/// Its `Debug` output shows the base URL and the SIDs, but never the auth
/// token or API key secrets.
///
/// ```
/// use twilio_endpoint::testing::{StandIn, TEST_ACCOUNT_SID};
///
/// # async fn f() {
/// let stand_in = StandIn::start().await;
/// assert_eq!(stand_in.account_sid(), TEST_ACCOUNT_SID);
/// assert!(stand_in.base_url().starts_with("http://127.0.0.1:"));
/// assert!(!format!("{stand_in:?}").contains(stand_in.auth_token()));
/// # }
/// ```
pub struct StandIn {
    server: MockServer,
    shared: Arc<Shared>,
}

impl StandIn {
    /// Starts a stand-in on `127.0.0.1`, on a free port, that accepts the
    /// account [`TEST_ACCOUNT_SID`] with the auth token [`TEST_AUTH_TOKEN`].
    pub async fn start() -> StandIn {
        StandIn::start_with(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN).await
    }

    /// Starts a stand-in on `127.0.0.1`, on a free port, that accepts the
    /// given account SID with the given auth token.
    ///
    /// The account SID should have the shape of a real one (`AC` followed by
    /// 32 hex digits): requests whose path names an account SID of another
    /// shape are answered with `404`, as Twilio does.
    ///
    /// # Panics
    ///
    /// Panics if no port on `127.0.0.1` can be bound.
    pub async fn start_with(
        account_sid: impl Into<String>,
        auth_token: impl Into<String>,
    ) -> StandIn {
        let shared = Arc::new(Shared {
            account_sid: account_sid.into(),
            auth_token: auth_token.into(),
            state: Mutex::new(State::new()),
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("the Twilio stand-in could not bind a port on 127.0.0.1");
        let server = MockServer::builder().listener(listener).start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(Handler(Arc::clone(&shared)))
            .mount(&server)
            .await;
        StandIn { server, shared }
    }

    /// Also accepts HTTP Basic auth with this API key SID (`SK...`) as user
    /// name and its secret as password, for the same account.
    ///
    /// Accepting the same key SID again replaces its secret.
    pub fn accept_api_key(&self, key_sid: impl Into<String>, secret: impl Into<String>) {
        self.shared
            .lock()
            .api_keys
            .insert(key_sid.into(), secret.into());
    }

    /// The stand-in's base URL, `http://127.0.0.1:PORT`, without a trailing
    /// slash: use it in place of `https://api.twilio.com`.
    #[must_use]
    pub fn base_url(&self) -> String {
        self.server.uri()
    }

    /// A [`Client`](crate::Client) for this stand-in: its account, its auth token, its base URL.
    ///
    /// ```
    /// use twilio_endpoint::testing::StandIn;
    ///
    /// # async fn f() {
    /// let stand_in = StandIn::start().await;
    /// let client = stand_in.client();
    /// assert_eq!(client.account_sid(), stand_in.account_sid());
    /// assert_eq!(client.origin("api"), stand_in.base_url());
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// Never for a stand-in: its base URL is loopback and its credentials are not empty.
    #[must_use]
    pub fn client(&self) -> crate::Client {
        crate::Client::builder()
            .account_sid(self.account_sid())
            .auth_token(self.auth_token())
            .base_url(self.base_url())
            .build()
            .expect("a loopback base URL and non-empty credentials always make a client")
    }

    /// The account SID the stand-in accepts.
    #[must_use]
    pub fn account_sid(&self) -> &str {
        &self.shared.account_sid
    }

    /// The auth token the stand-in accepts for [`account_sid`](Self::account_sid).
    ///
    /// It is a test credential, valid only against this stand-in.
    #[must_use]
    pub fn auth_token(&self) -> &str {
        &self.shared.auth_token
    }

    /// Every request the stand-in has received so far, in the order they
    /// arrived, including those it answered with an error.
    pub async fn received(&self) -> Vec<RecordedRequest> {
        self.server
            .received_requests()
            .await
            .unwrap_or_default()
            .iter()
            .map(RecordedRequest::from_request)
            .collect()
    }
}

impl fmt::Debug for StandIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let api_key_sids: Vec<String> = self.shared.lock().api_keys.keys().cloned().collect();
        f.debug_struct("StandIn")
            .field("base_url", &self.base_url())
            .field("account_sid", &self.shared.account_sid)
            .field("auth_token", &"***")
            .field("api_key_sids", &api_key_sids)
            .finish_non_exhaustive()
    }
}

/// A request as the [`StandIn`] received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The HTTP method, such as `"POST"`.
    pub method: String,
    /// The path, as sent (still percent-encoded), such as
    /// `"/2010-04-01/Accounts/AC.../Calls/CA.../Payments.json"`.
    pub path: String,
    /// The query string without the leading `?`, if the URL had one.
    pub query: Option<String>,
    /// The headers, with lower-case names, one entry per value.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of the header `name`, compared case-insensitively.
    ///
    /// ```
    /// use twilio_endpoint::testing::RecordedRequest;
    ///
    /// let request = RecordedRequest {
    ///     method: "POST".into(),
    ///     path: "/".into(),
    ///     query: None,
    ///     headers: vec![("content-type".into(), "application/x-www-form-urlencoded".into())],
    ///     body: Vec::new(),
    /// };
    /// assert_eq!(request.header("Content-Type"), Some("application/x-www-form-urlencoded"));
    /// assert_eq!(request.header("Authorization"), None);
    /// ```
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body decoded as `application/x-www-form-urlencoded`: the pairs in
    /// order, with repeated keys kept.
    ///
    /// ```
    /// use twilio_endpoint::testing::RecordedRequest;
    ///
    /// let request = RecordedRequest {
    ///     method: "POST".into(),
    ///     path: "/".into(),
    ///     query: None,
    ///     headers: Vec::new(),
    ///     body: b"Input=a+b&Input=c%26d".to_vec(),
    /// };
    /// let input = |value: &str| ("Input".to_string(), value.to_string());
    /// assert_eq!(request.form(), vec![input("a b"), input("c&d")]);
    /// ```
    #[must_use]
    pub fn form(&self) -> Vec<(String, String)> {
        decode_form(&self.body)
    }

    fn from_request(request: &Request) -> RecordedRequest {
        RecordedRequest {
            method: request.method.to_string(),
            path: request.url.path().to_owned(),
            query: request.url.query().map(str::to_owned),
            headers: request
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.as_str().to_owned(), value)
                })
                .collect(),
            body: request.body.clone(),
        }
    }
}

/// What the stand-in and its request handler share.
struct Shared {
    account_sid: String,
    auth_token: String,
    state: Mutex<State>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the `Authorization` header holds valid Basic credentials.
    fn is_authenticated(&self, headers: &HeaderMap) -> bool {
        let Some((user, password)) = basic_credentials(headers) else {
            return false;
        };
        if user == self.account_sid {
            return password == self.auth_token;
        }
        self.lock().api_keys.get(&user) == Some(&password)
    }
}

/// The mutable part of the stand-in.
struct State {
    /// Accepted API keys: SID to secret.
    api_keys: HashMap<String, String>,
    /// Payment sessions by their `PK` SID.
    sessions: HashMap<String, Session>,
    /// Mixed into payment SIDs so that separate stand-ins hand out different ones.
    seed: u64,
    /// How many payment SIDs were handed out.
    counter: u64,
    /// Answers already given, by path and `IdempotencyKey`: a repeated request gets the same
    /// answer and changes nothing, as Twilio promises for the Payments operations.
    replies: HashMap<(String, String), (u16, serde_json::Value)>,
}

impl State {
    fn new() -> State {
        State {
            api_keys: HashMap::new(),
            sessions: HashMap::new(),
            seed: RandomState::new().build_hasher().finish(),
            counter: 0,
            replies: HashMap::new(),
        }
    }

    /// A new `PK` SID, unique for this stand-in: the first half of its hex
    /// digits is a bijective mix of the counter.
    fn next_payment_sid(&mut self) -> String {
        self.counter += 1;
        let n = self
            .seed
            .wrapping_add(self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        format!("PK{:016x}{:016x}", mix(n), mix(!n))
    }
}

/// The splitmix64 finaliser, a bijection on `u64`.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A payment session created by `CreatePayments`.
struct Session {
    call_sid: String,
    date_created: OffsetDateTime,
    date_updated: OffsetDateTime,
    /// How the session was closed (`"complete"` or `"cancelled"`), if it was.
    closed: Option<&'static str>,
}

/// Which of the two operations a request addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operation {
    Create,
    Update,
}

/// A request path that names one of the two routes with well-formed SIDs.
struct Route {
    call_sid: String,
    /// The payment SID for `UpdatePayments`; `None` for `CreatePayments`.
    payment_sid: Option<String>,
}

impl Route {
    /// Recognises `path` (percent-decoding its segments) as one of the two
    /// routes, for the account `account_sid`.
    fn parse(path: &str, account_sid: &str) -> Option<Route> {
        let segments = path
            .split('/')
            .map(|segment| Some(percent_decode_str(segment).decode_utf8().ok()?.into_owned()))
            .collect::<Option<Vec<String>>>()?;
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let (account, call, payment_sid) = match segments.as_slice() {
            ["", "2010-04-01", "Accounts", account, "Calls", call, "Payments.json"] => {
                (*account, *call, None)
            }
            ["", "2010-04-01", "Accounts", account, "Calls", call, "Payments", last] => {
                let sid = last.strip_suffix(".json")?;
                (*account, *call, Some(sid))
            }
            _ => return None,
        };
        let well_formed = is_sid(account, "AC")
            && account == account_sid
            && is_sid(call, "CA")
            && payment_sid.into_iter().all(|sid| is_sid(sid, "PK"));
        well_formed.then(|| Route {
            call_sid: call.to_owned(),
            payment_sid: payment_sid.map(str::to_owned),
        })
    }

    fn operation(&self) -> Operation {
        match self.payment_sid {
            None => Operation::Create,
            Some(_) => Operation::Update,
        }
    }
}

/// Whether `value` is `prefix` followed by 32 hex digits.
/// The runtime's own SID rule, with one prefix: the stand-in checks what the client checks.
fn is_sid(value: &str, prefix: &str) -> bool {
    crate::validate::is_sid(value, &[prefix])
}

/// The user name and password of a Basic `Authorization` header.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

fn decode_form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// What a form parameter's value must look like.
#[derive(Debug, Clone, Copy)]
enum Kind {
    OneOf(&'static [&'static str]),
    Integer,
    Decimal,
    JsonObject,
    Callback,
}

const BOOLEAN: Kind = Kind::OneOf(&["true", "false"]);

/// The parameters both operations require.
const REQUIRED: &[&str] = &["IdempotencyKey", "StatusCallback"];

/// The checked parameters of `CreatePayments`.
const CREATE_PARAMETERS: &[(&str, Kind)] = &[
    ("StatusCallback", Kind::Callback),
    ("PaymentMethod", Kind::OneOf(&["credit-card", "ach-debit"])),
    (
        "BankAccountType",
        Kind::OneOf(&[
            "consumer-checking",
            "consumer-savings",
            "commercial-checking",
        ]),
    ),
    (
        "TokenType",
        Kind::OneOf(&["one-time", "reusable", "payment-method"]),
    ),
    ("Confirmation", BOOLEAN),
    ("PostalCode", BOOLEAN),
    ("SecurityCode", BOOLEAN),
    ("Timeout", Kind::Integer),
    ("MinPostalCodeLength", Kind::Integer),
    ("ChargeAmount", Kind::Decimal),
    ("Parameter", Kind::JsonObject),
];

/// The checked parameters of `UpdatePayments`.
const UPDATE_PARAMETERS: &[(&str, Kind)] = &[
    ("StatusCallback", Kind::Callback),
    (
        "Capture",
        Kind::OneOf(&[
            "payment-card-number",
            "expiration-date",
            "security-code",
            "postal-code",
            "bank-routing-number",
            "bank-account-number",
            "payment-card-number-matcher",
            "expiration-date-matcher",
            "security-code-matcher",
            "postal-code-matcher",
        ]),
    ),
    ("Status", Kind::OneOf(&["complete", "cancel"])),
];

impl Kind {
    fn accepts(self, value: &str) -> bool {
        match self {
            Kind::OneOf(allowed) => allowed.contains(&value),
            Kind::Integer => value.parse::<i64>().is_ok(),
            Kind::Decimal => is_decimal(value),
            Kind::JsonObject => {
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(value).is_ok()
            }
            Kind::Callback => value.starts_with('/') || url::Url::parse(value).is_ok(),
        }
    }

    fn expected(self) -> String {
        match self {
            Kind::OneOf(allowed) => format!("one of {}", allowed.join(", ")),
            Kind::Integer => "an integer".to_owned(),
            Kind::Decimal => "a decimal number".to_owned(),
            Kind::JsonObject => "a JSON object".to_owned(),
            Kind::Callback => "an absolute URI or a path starting with /".to_owned(),
        }
    }
}

/// Whether `value` is a decimal number such as `10`, `-3` or `10.50`.
fn is_decimal(value: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    match unsigned.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(unsigned),
    }
}

impl Operation {
    fn parameters(self) -> &'static [(&'static str, Kind)] {
        match self {
            Operation::Create => CREATE_PARAMETERS,
            Operation::Update => UPDATE_PARAMETERS,
        }
    }

    /// Checks the form parameters, naming every problem in one error.
    /// Empty values count as absent.
    fn validate(self, form: &[(String, String)]) -> Result<(), ApiError> {
        let has_value = |name: &str| {
            form.iter()
                .any(|(key, value)| key == name && !value.is_empty())
        };
        let mut problems = Vec::new();
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|name| !has_value(name))
            .collect();
        match missing.as_slice() {
            [] => {}
            [name] => problems.push(format!(
                "Missing required parameter {name} in the post body"
            )),
            names => problems.push(format!(
                "Missing required parameters {} in the post body",
                names.join(", ")
            )),
        }
        for (name, value) in form.iter().filter(|(_, value)| !value.is_empty()) {
            let Some((_, kind)) = self.parameters().iter().find(|(known, _)| known == name) else {
                continue;
            };
            if !kind.accepts(value) {
                let problem = format!(
                    "Invalid value '{value}' for parameter {name}: expected {}",
                    kind.expected()
                );
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
        if self == Operation::Update && !has_value("Capture") && !has_value("Status") {
            problems.push("Either Capture or Status is required".to_owned());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::bad_request(problems.join("; ")))
        }
    }
}

/// A Twilio error answer.
#[derive(Debug)]
struct ApiError {
    status: u16,
    code: u32,
    message: String,
}

impl ApiError {
    fn unauthenticated() -> ApiError {
        ApiError {
            status: 401,
            code: 20003,
            message: "Authenticate".to_owned(),
        }
    }

    fn not_found(path: &str) -> ApiError {
        ApiError {
            status: 404,
            code: 20404,
            message: format!("The requested resource {path} was not found"),
        }
    }

    fn method_not_allowed() -> ApiError {
        ApiError {
            status: 405,
            code: 20004,
            message: "Method not allowed".to_owned(),
        }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 400,
            code: 20001,
            message: message.into(),
        }
    }

    /// The answer Twilio gives for this error.
    fn into_response(self) -> ResponseTemplate {
        let body = serde_json::json!({
            "code": self.code,
            "message": self.message,
            "more_info": format!("https://www.twilio.com/docs/errors/{}", self.code),
            "status": self.status,
        });
        let response = json_response(self.status, &body);
        if self.status == 401 {
            response.insert_header(WWW_AUTHENTICATE, r#"Basic realm="Twilio API""#)
        } else {
            response
        }
    }
}

fn json_response(status: u16, body: &serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

/// Checks that the body is declared as `application/x-www-form-urlencoded`.
fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let essence = content_type
        .as_deref()
        .and_then(|value| value.split(';').next())
        .map(str::trim);
    match essence {
        Some(essence) if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") => {
            Ok(())
        }
        _ => Err(ApiError::bad_request(format!(
            "Content-Type must be application/x-www-form-urlencoded, got {}",
            content_type.as_deref().unwrap_or("none")
        ))),
    }
}

fn rfc2822(date: OffsetDateTime) -> String {
    date.format(&Rfc2822)
        .expect("the current time is representable in RFC 2822")
}

/// The wiremock responder: Twilio's behaviour for the Payments routes.
struct Handler(Arc<Shared>);

impl Respond for Handler {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.handle(request).unwrap_or_else(ApiError::into_response)
    }
}

impl Handler {
    fn handle(&self, request: &Request) -> Result<ResponseTemplate, ApiError> {
        let shared = &self.0;
        let path = request.url.path();
        if !shared.is_authenticated(&request.headers) {
            return Err(ApiError::unauthenticated());
        }
        let route =
            Route::parse(path, &shared.account_sid).ok_or_else(|| ApiError::not_found(path))?;
        if request.method != Method::POST {
            return Err(ApiError::method_not_allowed());
        }
        check_content_type(&request.headers)?;
        let form = decode_form(&request.body);
        route.operation().validate(&form)?;

        let now = OffsetDateTime::now_utc();
        let mut state = shared.lock();
        let idempotency_key = form
            .iter()
            .find(|(key, _)| key == "IdempotencyKey")
            .map(|(_, value)| (path.to_owned(), value.clone()));
        if let Some((status, body)) = idempotency_key
            .as_ref()
            .and_then(|key| state.replies.get(key))
        {
            return Ok(json_response(*status, body));
        }
        let (status, sid) = match route.payment_sid {
            None => {
                let sid = state.next_payment_sid();
                let session = Session {
                    call_sid: route.call_sid,
                    date_created: now,
                    date_updated: now,
                    closed: None,
                };
                state.sessions.insert(sid.clone(), session);
                (201, sid)
            }
            Some(sid) => {
                let session = state
                    .sessions
                    .get_mut(&sid)
                    .filter(|session| session.call_sid == route.call_sid)
                    .ok_or_else(|| ApiError::not_found(path))?;
                if let Some(closed) = session.closed {
                    return Err(ApiError::bad_request(format!(
                        "Payment session {sid} is already {closed}"
                    )));
                }
                session.date_updated = now;
                session.closed =
                    form.iter()
                        .find_map(|(key, value)| match (key.as_str(), value.as_str()) {
                            ("Status", "complete") => Some("complete"),
                            ("Status", "cancel") => Some("cancelled"),
                            _ => None,
                        });
                (202, sid)
            }
        };
        let session = &state.sessions[&sid];
        let body = serde_json::json!({
            "account_sid": shared.account_sid,
            "call_sid": session.call_sid,
            "sid": sid,
            "date_created": rfc2822(session.date_created),
            "date_updated": rfc2822(session.date_updated),
            "uri": format!(
                "/2010-04-01/Accounts/{}/Calls/{}/Payments/{sid}.json",
                shared.account_sid, session.call_sid
            ),
        });
        let response = json_response(status, &body);
        if let Some(key) = idempotency_key {
            state.replies.insert(key, (status, body));
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

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
        assert!(is_sid(&sid, "PK"), "{sid}");
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
        assert!(sids.iter().all(|sid| is_sid(sid, "PK")));
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
        let stand_in =
            StandIn::start_with("ACabcdefabcdefabcdefabcdefabcdefab", "custom-token").await;
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
            message(&answer)
                .starts_with("Invalid value 'pin' for parameter Capture: expected one of"),
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
        ] {
            let form = [("IdempotencyKey", "k"), ("StatusCallback", callback)];
            assert_eq!(post(&stand_in, &path, &form).await.0, 201, "{callback}");
        }
        let form = [("IdempotencyKey", "k"), ("StatusCallback", "relative/cb")];
        let answer = post(&stand_in, &path, &form).await;
        assert_error(&answer, 400, 20001);
        assert!(message(&answer).contains("StatusCallback"));
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
        assert!(is_sid(TEST_ACCOUNT_SID, "AC"));
        assert!(is_sid(CALL_SID, "CA"));
        assert!(!is_sid(CALL_SID, "AC"));
        assert!(!is_sid("AC", "AC"));
        assert!(!is_sid(&format!("{TEST_ACCOUNT_SID}0"), "AC"));
        assert!(!is_sid("ACéééééééééééééééé", "AC"));
        assert_eq!(TEST_ACCOUNT_SID.len(), 34);
        for good in ["0", "10", "10.50", "-3.1"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", ".5", "5.", "1e3", "NaN", "+1", "1.2.3", "-"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }
}
