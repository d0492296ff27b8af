//! A local Twilio stand-in for the two Payments operations of Twilio's 2010 API, and for any
//! operation you declare ([`StandIn::answer`], [`StandIn::handle`], and
//! [`StandIn::serve_list`] for lists paged in any of Twilio's three formats).
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
//! After each request it answers (not after a repeat), it posts the status callbacks Twilio
//! would, signed with its auth token, to the request's `StatusCallback` on loopback, from a task
//! of its own so that no answer waits for them: what they report is played by a scripted
//! [`Caller`] (by default one who pays). See [`StandIn::callbacks`] for the events and their
//! fields, [`StandInBuilder::call_webhook_url`] for relative `StatusCallback`s, and
//! [`DeliveryOutcome`] for what is never attempted.
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
mod answers;
mod callbacks;
mod caller;
mod rules;
mod server;
#[cfg(test)]
mod tests;
mod webhooks;

use std::fmt;
use std::sync::{Arc, Mutex};

use wiremock::{Mock, MockServer, Request};

pub use answers::{Answer, PageFormat, PagedList};
pub use callbacks::{CallbackDelivery, DeliveryOutcome};
pub use caller::Caller;
use rules::decode_form;
use server::{Handler, Shared, State};
pub use webhooks::{Webhook, WebhookError, WebhookReply};

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
    /// Posts the status callbacks; stopped when the stand-in is dropped.
    delivery: tokio::task::JoinHandle<()>,
    /// The operations registered with [`StandIn::answer`] and its kin.
    routes: Arc<answers::Routes>,
}

impl StandIn {
    /// Starts a stand-in on `127.0.0.1`, on a free port, that accepts the
    /// account [`TEST_ACCOUNT_SID`] with the auth token [`TEST_AUTH_TOKEN`], with the default
    /// [`Caller`] (who pays).
    pub async fn start() -> StandIn {
        StandIn::builder().start().await
    }

    /// A builder to choose the credentials, the scripted [`Caller`] and the call's webhook URL
    /// (against which a relative `StatusCallback` is resolved).
    ///
    /// ```
    /// use twilio_endpoint::testing::{Caller, StandIn};
    ///
    /// # async fn f() {
    /// let stand_in = StandIn::builder()
    ///     .caller(Caller::declined())
    ///     .call_webhook_url("http://127.0.0.1:3000/voice")
    ///     .start()
    ///     .await;
    /// # }
    /// ```
    pub fn builder() -> StandInBuilder {
        StandInBuilder {
            account_sid: TEST_ACCOUNT_SID.to_owned(),
            auth_token: TEST_AUTH_TOKEN.to_owned(),
            caller: Caller::default(),
            call_webhook_url: None,
        }
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
        StandIn::builder()
            .credentials(account_sid, auth_token)
            .start()
            .await
    }

    /// The [`Caller`] of the sessions created from now on (sessions already created keep theirs).
    pub fn set_caller(&self, caller: Caller) {
        self.shared.lock().caller = caller;
    }

    /// Every status callback of the requests answered so far, in the order they were posted,
    /// once each has been delivered or given up (at most 5 s each).
    ///
    /// After each `CreatePayments` and `UpdatePayments` it answers (not after a repeated
    /// `IdempotencyKey`, which changes nothing), the stand-in posts what Twilio would report,
    /// as Twilio does: an `application/x-www-form-urlencoded` POST to the request's
    /// `StatusCallback`, signed in `X-Twilio-Signature` with the stand-in's auth token (check
    /// it with [`Validator`](crate::webhook::Validator)), readable as a
    /// [`PaymentStatusCallback`](crate::payments::PaymentStatusCallback):
    ///
    /// * `CreatePayments`: the session (`AccountSid`, `CallSid`, `Sid`, `DateCreated`,
    ///   `PaymentConnector`, `PaymentMethod`, `ChargeAmount`, `Currency`, …);
    /// * `Capture`: one callback with `PartialResult=true` while the caller types, then one with
    ///   `PartialResult=false`, `Required` (what is still to capture, comma-separated) and
    ///   `ErrorType` (empty, or why the entry was refused), with what was entered so far, masked;
    /// * `Status=complete`: `Result` (`success` with `PaymentConfirmationCode`, or a failure
    ///   with `PaymentError`, `PayErrorCode`, `ConnectorError`);
    /// * `Status=cancel`: `Result=payment-cancelled`.
    ///
    /// What the caller enters and how the processor answers is the [`Caller`]'s script.
    ///
    /// A relative `StatusCallback` (`/pay/status`) is resolved against the call's webhook URL
    /// ([`StandInBuilder::call_webhook_url`]), as Twilio resolves it against the URL of the
    /// call's TwiML; without one it is not posted ([`DeliveryOutcome::Unresolved`]). Only
    /// loopback hosts are ever contacted (`127.0.0.0/8`, `::1`, `localhost`): any other is
    /// recorded as [`DeliveryOutcome::NotLoopback`] and never attempted. One task on the tokio
    /// runtime the stand-in was started on posts them, in order: an answer never waits for its
    /// callbacks, so a callback may arrive before or after its answer, as with Twilio. (If
    /// that runtime has shut down, nothing is posted.)
    pub async fn callbacks(&self) -> Vec<CallbackDelivery> {
        self.shared.outbox.settled().await
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

impl Drop for StandIn {
    fn drop(&mut self) {
        self.delivery.abort();
    }
}

/// Chooses how a [`StandIn`] starts: from [`StandIn::builder`]. Its `Debug` never shows the
/// auth token.
#[must_use]
pub struct StandInBuilder {
    account_sid: String,
    auth_token: String,
    caller: Caller,
    call_webhook_url: Option<String>,
}

impl StandInBuilder {
    /// The account SID and auth token the stand-in accepts (by default [`TEST_ACCOUNT_SID`]
    /// and [`TEST_AUTH_TOKEN`]); the auth token also signs the status callbacks.
    ///
    /// The account SID should have the shape of a real one (`AC` followed by 32 hex digits):
    /// requests whose path names an account SID of another shape are answered with `404`, as
    /// Twilio does.
    pub fn credentials(
        mut self,
        account_sid: impl Into<String>,
        auth_token: impl Into<String>,
    ) -> StandInBuilder {
        self.account_sid = account_sid.into();
        self.auth_token = auth_token.into();
        self
    }

    /// The scripted caller of every session (by default [`Caller::pays`]).
    pub fn caller(mut self, caller: Caller) -> StandInBuilder {
        self.caller = caller;
        self
    }

    /// The URL of the call's webhook (its TwiML URL): a relative `StatusCallback` such as
    /// `/pay/status` is resolved against it, as Twilio does. Without it a relative
    /// `StatusCallback` is accepted but its callbacks are not posted.
    pub fn call_webhook_url(mut self, url: impl Into<String>) -> StandInBuilder {
        self.call_webhook_url = Some(url.into());
        self
    }

    /// Starts the stand-in on `127.0.0.1`, on a free port, and its callback delivery on the
    /// current tokio runtime.
    ///
    /// # Panics
    ///
    /// Panics if no port on `127.0.0.1` can be bound, or if the call's webhook URL is not an
    /// absolute URL.
    pub async fn start(self) -> StandIn {
        let call_webhook_url = self.call_webhook_url.map(|url| {
            url::Url::parse(&url).unwrap_or_else(|error| {
                panic!("the call's webhook URL {url:?} is not an absolute URL: {error}")
            })
        });
        let validator = crate::webhook::Validator::new(self.auth_token.clone());
        let (outbox, delivery) = callbacks::start(validator, call_webhook_url);
        let shared = Arc::new(Shared {
            account_sid: self.account_sid,
            auth_token: self.auth_token,
            state: Mutex::new(State::new(self.caller)),
            outbox,
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("the Twilio stand-in could not bind a port on 127.0.0.1");
        let server = MockServer::builder().listener(listener).start().await;
        let routes = answers::Routes::new(Arc::clone(&shared));
        // Registered operations first (wiremock's default priority is 5).
        Mock::given(answers::Registered(Arc::clone(&routes)))
            .respond_with(answers::Answering(Arc::clone(&routes)))
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(wiremock::matchers::any())
            .respond_with(Handler(Arc::clone(&shared)))
            .mount(&server)
            .await;
        StandIn {
            server,
            shared,
            delivery,
            routes,
        }
    }
}

impl fmt::Debug for StandInBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandInBuilder")
            .field("account_sid", &self.account_sid)
            .field("auth_token", &"***")
            .field("caller", &self.caller)
            .field("call_webhook_url", &self.call_webhook_url)
            .finish()
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
