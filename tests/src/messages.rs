//! Sending a message with Twilio's 2010 API, declared from `twilio_api_v2010.json`.

use serde::Deserialize;
use time::OffsetDateTime;
use twilio_endpoint::twilio_endpoint;

use crate::wire::DateTime;

crate::wire::string_enum! {
    /// When a message is sent (`message_enum_schedule_type`): only `fixed`, with `SendAt`.
    ScheduleType {
        /// `fixed`
        Fixed = "fixed",
    }
}

/// A message (`api.v2010.account.message`), the fields the tests read.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The message (`SM…` or `MM…`).
    pub sid: String,
    /// The text.
    pub body: Option<String>,
    /// The message's state (`queued`, `scheduled`, …).
    pub status: Option<String>,
    /// The recipient.
    pub to: Option<String>,
    /// When it was created (RFC 2822).
    #[serde(default, with = "time::serde::rfc2822::option")]
    pub date_created: Option<OffsetDateTime>,
}

/// Sends an SMS, MMS or WhatsApp message (Twilio's `CreateMessage`, answers 201).
///
/// Declares the parameters the tests use, out of the 26 of the description.
#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Messages.json", response = Message)]
#[derive(Clone, Debug, Default)]
pub struct CreateMessage {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The recipient.
    pub to: String,
    /// The sender: a Twilio number, or leave it out and give `MessagingServiceSid`.
    pub from: Option<String>,
    /// The Messaging Service that sends the message (`MG…`).
    #[twilio(sid = "MG")]
    pub messaging_service_sid: Option<String>,
    /// The text (up to 1,600 characters).
    pub body: Option<String>,
    /// The URLs of media to send, sent as repeated keys.
    #[twilio(uri)]
    pub media_url: Vec<String>,
    /// The URL that receives the message's status events.
    #[twilio(uri)]
    pub status_callback: Option<String>,
    /// The highest price to pay for the message, in the account's currency.
    pub max_price: Option<f64>,
    /// Whether the message's delivery is tracked with Message Feedback.
    pub provide_feedback: Option<bool>,
    /// How many seconds the message may wait in the queue.
    pub validity_period: Option<u32>,
    /// When to send a scheduled message (with `ScheduleType=fixed`).
    pub send_at: Option<DateTime>,
    /// `fixed` schedules the message for `SendAt`.
    pub schedule_type: Option<ScheduleType>,
}

/// Lists the account's messages, newest first, filtered and paged (Twilio's `ListMessage`, the
/// 2010 page format: `messages` and a relative `next_page_uri`).
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Messages.json", list = Message)]
#[derive(Clone, Debug, Default)]
pub struct ListMessage {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// Only messages to this number.
    pub to: Option<String>,
    /// Only messages sent after this time.
    #[twilio(rename = "DateSent>")]
    pub date_sent_after: Option<twilio_endpoint::DateTime>,
    /// How many messages to a page (Twilio's default 50, at most 1,000).
    pub page_size: Option<u32>,
}
