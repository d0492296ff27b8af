//! Every operation of Twilio's OpenAPI descriptions (`tests/contract/*.json`), declared with
//! `#[twilio_endpoint]` by twilio-endpoint-codegen at build time, each with a minimal and a full
//! request and what the description says each puts on the wire. `tests/operations.rs` sends
//! them to Prism and to a loopback capture.

use std::future::Future;
use std::pin::Pin;

use twilio_endpoint::{Amount, Client, Date, DateTime, Endpoint, Error};

/// Which of an operation's two requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Only the parameters the description requires.
    Minimal,
    /// Every parameter, each with a valid value.
    Full,
}

/// A sent request's result: only whether and how it failed matters here.
pub type Outcome = Result<(), Failure>;

/// A request that failed, with the whole body of an error answer: [`Error`] keeps only its
/// start, and Prism's reasons come after it.
#[derive(Debug)]
pub struct Failure {
    /// What [`Client::send`] returned.
    pub error: Error,
    /// The same request sent again as [`Client::to_http_request`] builds it, its answer's body.
    pub body: Option<String>,
}

/// A request on its way.
pub type Pending<'a> = Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;

/// One request of one operation and what the description says it must put on the wire.
pub struct Case {
    /// The operation (`CreateMessage`).
    pub operation: &'static str,
    /// Minimal or full.
    pub kind: Kind,
    /// The method.
    pub method: &'static str,
    /// The path, placeholders replaced by their percent-encoded values.
    pub path: &'static str,
    /// Query pairs (decoded), a list as repeated keys.
    pub query: &'static [(&'static str, &'static str)],
    /// Form pairs (decoded), a list as repeated keys.
    pub form: &'static [(&'static str, &'static str)],
    /// Headers the request carries.
    pub headers: &'static [(&'static str, &'static str)],
    /// The JSON body, compact.
    pub json: Option<&'static str>,
    /// Whether a form parameter is a list or an object, which Prism cannot read.
    pub form_structured: bool,
    /// Declares the request with the generated struct and sends it.
    pub send: for<'a> fn(&'a Client) -> Pending<'a>,
}

/// One description: how many operations it has, its cases, and the operations the generator
/// refused with its reasons.
pub struct Description {
    /// The file in `tests/contract/`.
    pub file: &'static str,
    /// Every operation of the description.
    pub operations: usize,
    /// The cases of every declared operation.
    pub cases: fn() -> Vec<Case>,
    /// The operations left out, with the generator's reason.
    pub refused: &'static [(&'static str, &'static str)],
}

/// Sends `endpoint` with `client` through [`Client::send`], as a user would.
pub fn send<E>(client: &Client, endpoint: E) -> Pending<'_>
where
    E: Endpoint + Send + Sync + 'static,
    E::Response: Send,
{
    Box::pin(async move {
        let error = match client.send(&endpoint).await {
            Ok(_) => return Ok(()),
            Err(error) => error,
        };
        let body = match error.status() {
            Some(status) if !status.is_success() => whole_body(client, &endpoint).await,
            _ => None,
        };
        Err(Failure { error, body })
    })
}

async fn whole_body<E: Endpoint>(client: &Client, endpoint: &E) -> Option<String> {
    let request = client.to_http_request(endpoint).ok()?;
    let request = reqwest::Request::try_from(request.map(reqwest::Body::from)).ok()?;
    let answer = reqwest::Client::new().execute(request).await.ok()?;
    answer.text().await.ok()
}

/// The sample date-time (codegen's `cases::DATE_TIME`).
pub fn date_time(unix: i64) -> DateTime {
    DateTime(twilio_endpoint::time::OffsetDateTime::from_unix_timestamp(unix).expect("in range"))
}

/// The sample date (codegen's `cases::DATE`).
pub fn date() -> Date {
    let month = twilio_endpoint::time::Month::January;
    Date(twilio_endpoint::time::Date::from_calendar_date(2026, month, 2).expect("a date"))
}

/// An amount from its text.
pub fn amount(text: &str) -> Amount {
    text.parse().expect("a sample amount")
}

/// A JSON value from its text.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("sample JSON")
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));
