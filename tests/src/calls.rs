//! Calls of Twilio's 2010 API (`/2010-04-01/Accounts/{AccountSid}/Calls`): list, create,
//! fetch, update and delete, declared from `twilio_api_v2010.json`.

use serde::Deserialize;
use time::OffsetDateTime;
use twilio_endpoint::twilio_endpoint;

use crate::wire::{DateTime, HttpMethod};

crate::wire::string_enum! {
    /// The state of a call (`call_enum_status`), a filter of [`ListCall`].
    CallStatus {
        /// `queued`
        Queued = "queued",
        /// `ringing`
        Ringing = "ringing",
        /// `in-progress`
        InProgress = "in-progress",
        /// `completed`
        Completed = "completed",
        /// `busy`
        Busy = "busy",
        /// `failed`
        Failed = "failed",
        /// `no-answer`
        NoAnswer = "no-answer",
        /// `canceled`
        Canceled = "canceled",
    }
}

crate::wire::string_enum! {
    /// How [`UpdateCall`] ends a call (`call_enum_update_status`).
    UpdateCallStatus {
        /// `canceled`: end a call that is queued or ringing.
        Canceled = "canceled",
        /// `completed`: hang up a call in progress.
        Completed = "completed",
    }
}

/// A call (`api.v2010.account.call`), the fields the tests read.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Call {
    /// The call (`CA…`).
    pub sid: String,
    /// The account that made it (`AC…`).
    pub account_sid: String,
    /// The call that created this leg, if any.
    pub parent_call_sid: Option<String>,
    /// Who was called.
    pub to: Option<String>,
    /// Who called.
    pub from: Option<String>,
    /// The call's state.
    pub status: Option<CallStatus>,
    /// When it started (RFC 2822, as Twilio's 2010 API writes dates).
    #[serde(default, with = "time::serde::rfc2822::option")]
    pub start_time: Option<OffsetDateTime>,
    /// When it ended.
    #[serde(default, with = "time::serde::rfc2822::option")]
    pub end_time: Option<OffsetDateTime>,
    /// The call's URI, relative to `https://api.twilio.com`.
    pub uri: Option<String>,
}

/// One page of calls: the 2010 API's paging fields around the list.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CallPage {
    /// The calls of this page.
    pub calls: Vec<Call>,
    /// The page number, from 0.
    pub page: u32,
    /// How many calls a page holds.
    pub page_size: u32,
    /// The URI of the next page, `None` on the last one.
    pub next_page_uri: Option<String>,
    /// The URI of the previous page, `None` on the first one.
    pub previous_page_uri: Option<String>,
}

impl CallPage {
    /// The `Page` and `PageToken` of the next page, read from `next_page_uri`.
    pub fn next_page(&self) -> Option<(u32, String)> {
        let uri = self.next_page_uri.as_deref()?;
        let (_, query) = uri.split_once('?')?;
        let mut page = None;
        let mut token = None;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "Page" => page = value.parse().ok(),
                "PageToken" => token = Some(value.into_owned()),
                _ => {}
            }
        }
        Some((page?, token?))
    }
}

/// Lists the account's calls, newest first, filtered and paged (Twilio's `ListCall`).
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json", response = CallPage)]
#[derive(Clone, Debug, Default)]
pub struct ListCall {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// Only calls to this number, SIP address or client identifier.
    pub to: Option<String>,
    /// Only calls from this number, SIP address or client identifier.
    pub from: Option<String>,
    /// Only the legs created by this call (`CA…`).
    #[twilio(sid = "CA")]
    pub parent_call_sid: Option<String>,
    /// Only calls in this state.
    pub status: Option<CallStatus>,
    /// Only calls that started at this time.
    pub start_time: Option<DateTime>,
    /// Only calls that started before this time.
    #[twilio(rename = "StartTime<")]
    pub started_before: Option<DateTime>,
    /// Only calls that started after this time.
    #[twilio(rename = "StartTime>")]
    pub started_after: Option<DateTime>,
    /// Only calls that ended at this time.
    pub end_time: Option<DateTime>,
    /// Only calls that ended before this time.
    #[twilio(rename = "EndTime<")]
    pub ended_before: Option<DateTime>,
    /// Only calls that ended after this time.
    #[twilio(rename = "EndTime>")]
    pub ended_after: Option<DateTime>,
    /// How many calls a page holds (1 to 1000).
    pub page_size: Option<u32>,
    /// The page number, from 0.
    pub page: Option<u32>,
    /// The token of the page, from a previous page's `next_page_uri`.
    pub page_token: Option<String>,
}

/// Starts an outbound call (Twilio's `CreateCall`, answers 201).
///
/// Declares the parameters the tests use, out of the 37 of the description; the drift test
/// checks that every required one is here and that those here agree with the description.
#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls.json", response = Call)]
#[derive(Clone, Debug, Default)]
pub struct CreateCall {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// Who to call: a phone number, a SIP address or a client identifier.
    pub to: String,
    /// The caller ID: a Twilio number or a verified one.
    pub from: String,
    /// The URL of the TwiML that runs the call.
    #[twilio(uri)]
    pub url: Option<String>,
    /// TwiML that runs the call, instead of `Url`.
    pub twiml: Option<String>,
    /// How `Url` is requested.
    pub method: Option<HttpMethod>,
    /// The URL that receives the call's status events.
    #[twilio(uri)]
    pub status_callback: Option<String>,
    /// The events sent to `StatusCallback` (`initiated`, `ringing`, `answered`, `completed`),
    /// sent as repeated keys.
    pub status_callback_event: Vec<String>,
    /// How `StatusCallback` is requested.
    pub status_callback_method: Option<HttpMethod>,
    /// Seconds to let the call ring.
    pub timeout: Option<u32>,
    /// Whether to record the call.
    pub record: Option<bool>,
    /// The longest the call may last, in seconds.
    pub time_limit: Option<u32>,
    /// The application that runs the call instead of `Url` (`AP…`).
    #[twilio(sid = "AP")]
    pub application_sid: Option<String>,
}

/// Fetches one call (Twilio's `FetchCall`).
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = Call)]
#[derive(Clone, Debug, Default)]
pub struct FetchCall {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The call (`CA…`).
    #[twilio(sid = "CA")]
    pub sid: String,
}

/// Redirects, ends or changes a call in progress (Twilio's `UpdateCall`).
#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = Call)]
#[derive(Clone, Debug, Default)]
pub struct UpdateCall {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The call (`CA…`).
    #[twilio(sid = "CA")]
    pub sid: String,
    /// The URL of new TwiML for the call.
    #[twilio(uri)]
    pub url: Option<String>,
    /// How `Url` is requested.
    pub method: Option<HttpMethod>,
    /// Ends the call.
    pub status: Option<UpdateCallStatus>,
    /// The URL requested when `Url` fails.
    #[twilio(uri)]
    pub fallback_url: Option<String>,
    /// How `FallbackUrl` is requested.
    pub fallback_method: Option<HttpMethod>,
    /// The URL that receives the call's status events.
    #[twilio(uri)]
    pub status_callback: Option<String>,
    /// How `StatusCallback` is requested.
    pub status_callback_method: Option<HttpMethod>,
    /// New TwiML for the call, instead of `Url`.
    pub twiml: Option<String>,
    /// The longest the call may last from now, in seconds.
    pub time_limit: Option<u32>,
}

/// Deletes a call's record (Twilio's `DeleteCall`, answers 204 with no body).
#[twilio_endpoint(DELETE, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = ())]
#[derive(Clone, Debug, Default)]
pub struct DeleteCall {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The call (`CA…`).
    #[twilio(sid = "CA")]
    pub sid: String,
}
