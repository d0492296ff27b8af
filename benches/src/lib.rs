//! What the benchmarks of `twilio-endpoint` share: the requests they build, the hand-written
//! code they are measured against, a counting allocator, an interleaved A/B timer and a loopback
//! server answering like Twilio's `UpdatePayments`.
//!
//! `BENCHMARKS.md` at the repository root says what each benchmark measures, how to run it and
//! what its figures mean.

#![warn(missing_docs)]

pub mod alloc;
pub mod compare;
pub mod hand_written;
pub mod list;
pub mod load;
pub mod samples;
pub mod send;
pub mod server;

use twilio_endpoint::twilio_endpoint;

/// The account every benchmark request is made for.
pub const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
/// The auth token of [`ACCOUNT`] (the loopback server does not check it).
pub const AUTH_TOKEN: &str = "bench-auth-token-0123456789abcdef";
/// The call of the payment session.
pub const CALL: &str = "CA0123456789abcdef0123456789abcdef";
/// The payment session.
pub const PAYMENT: &str = "PK0123456789abcdef0123456789abcdef";

/// Twilio's `ListCall` reduced to what a GET with a list in its query needs: a renamed
/// parameter with a character to encode, a number, a phone number and a repeated key.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
#[derive(Clone, Debug, Default)]
pub struct ListCall {
    /// The account whose calls are listed (left empty: the client's).
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// Only calls to this phone number.
    pub to: Option<String>,
    /// Only calls that started after this date (`YYYY-MM-DD`).
    #[twilio(rename = "StartTime>")]
    pub start_time_after: Option<String>,
    /// How many calls a page holds.
    pub page_size: Option<u32>,
    /// Only calls with one of these statuses, sent as repeated `Status` keys.
    pub status: Vec<String>,
}
