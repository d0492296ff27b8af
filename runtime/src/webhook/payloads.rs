//! Typed payloads of the webhooks apps get most: incoming messages and calls and their status
//! callbacks, recording status callbacks.
//!
//! All are lenient as [`PaymentStatusCallback`](crate::payments::PaymentStatusCallback) is:
//! every field is optional (each event carries a different set, and Twilio leaves some empty:
//! `Key=` is `None`), a status Twilio adds later is kept as `Other(text)` rather than refused,
//! and fields the type does not name are ignored. A value that is not what Twilio's contract
//! says (`NumMedia=two`) is an error that names the field. They read form bodies
//! ([`from_form`](super::from_form), or [`TwilioWebhook`](super::TwilioWebhook) in axum) and
//! JSON alike.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::lenient::{date, flag, number, text, typed};

/// Declares a status enum of a callback that keeps values it does not know as `Other`.
macro_rules! lenient_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, as Twilio sent it.
            Other(String),
        }

        impl $name {
            /// The value as Twilio writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(other) => other,
                }
            }

            /// The value of Twilio's text (case as Twilio writes it); unknown text is `Other`.
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Ok($name::from_wire(&text))
            }
        }
    };
}

lenient_enum! {
    /// A message's status (`MessageStatus`, `SmsStatus`), as Twilio's Messaging docs list them.
    MessageStatus {
        /// `accepted`
        Accepted = "accepted",
        /// `scheduled`
        Scheduled = "scheduled",
        /// `canceled`
        Canceled = "canceled",
        /// `queued`
        Queued = "queued",
        /// `sending`
        Sending = "sending",
        /// `sent`
        Sent = "sent",
        /// `failed`
        Failed = "failed",
        /// `delivered`
        Delivered = "delivered",
        /// `undelivered`
        Undelivered = "undelivered",
        /// `receiving`
        Receiving = "receiving",
        /// `received`
        Received = "received",
        /// `read` (WhatsApp, RCS)
        Read = "read",
        /// `partially_delivered`
        PartiallyDelivered = "partially_delivered",
    }
}

lenient_enum! {
    /// A call's status (`CallStatus`).
    CallStatus {
        /// `queued`
        Queued = "queued",
        /// `initiated`
        Initiated = "initiated",
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

lenient_enum! {
    /// A call's direction (`Direction`).
    CallDirection {
        /// `inbound`
        Inbound = "inbound",
        /// `outbound-api`
        OutboundApi = "outbound-api",
        /// `outbound-dial`
        OutboundDial = "outbound-dial",
        /// `trunking-terminating`
        TrunkingTerminating = "trunking-terminating",
        /// `trunking-originating`
        TrunkingOriginating = "trunking-originating",
    }
}

lenient_enum! {
    /// A recording's status (`RecordingStatus`).
    RecordingStatus {
        /// `in-progress`
        InProgress = "in-progress",
        /// `completed`
        Completed = "completed",
        /// `absent`
        Absent = "absent",
        /// `failed`
        Failed = "failed",
    }
}

/// One attachment of an MMS or WhatsApp message: `MediaUrlN` with its `MediaContentTypeN`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Media {
    /// The media's URL (`MediaUrlN`); fetching it may need the account's credentials.
    pub url: String,
    /// Its MIME type (`MediaContentTypeN`), when sent.
    pub content_type: Option<String>,
}

/// What Twilio posts to a number's (or Messaging Service's) incoming-message webhook: an SMS,
/// an MMS, or a WhatsApp (or other channel) message.
///
/// | Kind | Fields |
/// |---|---|
/// | every message | `MessageSid`, `SmsSid`, `SmsMessageSid`, `AccountSid`, `MessagingServiceSid`, `From`, `To`, `Body`, `NumMedia`, `NumSegments`, `SmsStatus`, `ApiVersion` |
/// | when Twilio can tell (geographic numbers) | `FromCity`, `FromState`, `FromZip`, `FromCountry`, `ToCity`, `ToState`, `ToZip`, `ToCountry` |
/// | MMS, WhatsApp media | `MediaUrl0`…, `MediaContentType0`… (read into [`media`](Self::media), in order) |
/// | WhatsApp | `ProfileName`, `WaId`, `Forwarded`, `FrequentlyForwarded`, `ButtonText`, `ButtonPayload`, `MessageType`; a shared location: `Latitude`, `Longitude`, `Address`, `Label`; a reply: `OriginalRepliedMessageSender`, `OriginalRepliedMessageSid`; from a click-to-WhatsApp ad: `ReferralBody`, `ReferralHeadline`, `ReferralSourceId`, `ReferralSourceType`, `ReferralSourceUrl`, `ReferralCtwaClid` |
///
/// ```
/// use twilio_endpoint::webhook::{from_form, IncomingMessage};
///
/// let message: IncomingMessage = from_form(
///     b"MessageSid=MM1&AccountSid=AC1&From=%2B15551230000&To=%2B15559870000&Body=Look\
///       &NumMedia=2&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fm%2F1&MediaContentType1=image%2Fpng\
///       &MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2F0&MediaContentType0=image%2Fjpeg&FromCity=",
/// )?;
/// assert_eq!(message.body.as_deref(), Some("Look"));
/// assert_eq!(message.num_media, Some(2));
/// assert_eq!(message.media[0].content_type.as_deref(), Some("image/jpeg"));
/// assert_eq!(message.media[1].url, "https://api.twilio.com/m/1");
/// assert_eq!(message.from_city, None);
/// # Ok::<(), twilio_endpoint::webhook::FormError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct IncomingMessage {
    /// The message (`SM…` or `MM…`).
    #[serde(default, deserialize_with = "text")]
    pub message_sid: Option<String>,
    /// The message, under its older name.
    #[serde(default, deserialize_with = "text")]
    pub sms_sid: Option<String>,
    /// The message, under its older name.
    #[serde(default, deserialize_with = "text")]
    pub sms_message_sid: Option<String>,
    /// The account (`AC…`).
    #[serde(default, deserialize_with = "text")]
    pub account_sid: Option<String>,
    /// The Messaging Service the message came through (`MG…`).
    #[serde(default, deserialize_with = "text")]
    pub messaging_service_sid: Option<String>,
    /// The sender (`+15551230000`, `whatsapp:+15551230000`).
    #[serde(default, deserialize_with = "text")]
    pub from: Option<String>,
    /// The recipient: the app's number.
    #[serde(default, deserialize_with = "text")]
    pub to: Option<String>,
    /// The text (up to 1,600 characters); `None` for a message of media only.
    #[serde(default, deserialize_with = "text")]
    pub body: Option<String>,
    /// How many media are attached.
    #[serde(default, deserialize_with = "number")]
    pub num_media: Option<u32>,
    /// How many segments an SMS took.
    #[serde(default, deserialize_with = "number")]
    pub num_segments: Option<u32>,
    /// The status (`received`).
    #[serde(default, deserialize_with = "typed")]
    pub sms_status: Option<MessageStatus>,
    /// The API version (`2010-04-01`).
    #[serde(default, deserialize_with = "text")]
    pub api_version: Option<String>,
    /// The sender's city, when known.
    #[serde(default, deserialize_with = "text")]
    pub from_city: Option<String>,
    /// The sender's state or province.
    #[serde(default, deserialize_with = "text")]
    pub from_state: Option<String>,
    /// The sender's postal code.
    #[serde(default, deserialize_with = "text")]
    pub from_zip: Option<String>,
    /// The sender's country (`US`).
    #[serde(default, deserialize_with = "text")]
    pub from_country: Option<String>,
    /// The recipient's city.
    #[serde(default, deserialize_with = "text")]
    pub to_city: Option<String>,
    /// The recipient's state or province.
    #[serde(default, deserialize_with = "text")]
    pub to_state: Option<String>,
    /// The recipient's postal code.
    #[serde(default, deserialize_with = "text")]
    pub to_zip: Option<String>,
    /// The recipient's country.
    #[serde(default, deserialize_with = "text")]
    pub to_country: Option<String>,
    /// WhatsApp: the sender's profile name.
    #[serde(default, deserialize_with = "text")]
    pub profile_name: Option<String>,
    /// WhatsApp: the sender's WhatsApp ID (the number without `+`).
    #[serde(default, deserialize_with = "text")]
    pub wa_id: Option<String>,
    /// WhatsApp: the message was forwarded.
    #[serde(default, deserialize_with = "flag")]
    pub forwarded: Option<bool>,
    /// WhatsApp: the message was forwarded many times.
    #[serde(default, deserialize_with = "flag")]
    pub frequently_forwarded: Option<bool>,
    /// WhatsApp: the text of the quick-reply button tapped.
    #[serde(default, deserialize_with = "text")]
    pub button_text: Option<String>,
    /// WhatsApp: the payload of the quick-reply button tapped.
    #[serde(default, deserialize_with = "text")]
    pub button_payload: Option<String>,
    /// WhatsApp: the kind of message (`text`, `image`, `location`, `button`, `interactive`, …).
    #[serde(default, deserialize_with = "text")]
    pub message_type: Option<String>,
    /// WhatsApp: a shared location's latitude, as sent.
    #[serde(default, deserialize_with = "text")]
    pub latitude: Option<String>,
    /// WhatsApp: a shared location's longitude, as sent.
    #[serde(default, deserialize_with = "text")]
    pub longitude: Option<String>,
    /// WhatsApp: a shared location's address.
    #[serde(default, deserialize_with = "text")]
    pub address: Option<String>,
    /// WhatsApp: a shared location's label.
    #[serde(default, deserialize_with = "text")]
    pub label: Option<String>,
    /// WhatsApp: the sender of the message this one replies to.
    #[serde(default, deserialize_with = "text")]
    pub original_replied_message_sender: Option<String>,
    /// WhatsApp: the message this one replies to.
    #[serde(default, deserialize_with = "text")]
    pub original_replied_message_sid: Option<String>,
    /// WhatsApp click-to-chat ad: its body.
    #[serde(default, deserialize_with = "text")]
    pub referral_body: Option<String>,
    /// WhatsApp click-to-chat ad: its headline.
    #[serde(default, deserialize_with = "text")]
    pub referral_headline: Option<String>,
    /// WhatsApp click-to-chat ad: its ID.
    #[serde(default, deserialize_with = "text")]
    pub referral_source_id: Option<String>,
    /// WhatsApp click-to-chat ad: its kind (`ad`, `post`).
    #[serde(default, deserialize_with = "text")]
    pub referral_source_type: Option<String>,
    /// WhatsApp click-to-chat ad: its URL.
    #[serde(default, deserialize_with = "text")]
    pub referral_source_url: Option<String>,
    /// WhatsApp click-to-chat ad: its click ID.
    #[serde(default, deserialize_with = "text")]
    pub referral_ctwa_clid: Option<String>,
    /// The attachments, in the order of their numbers (`MediaUrl0`, `MediaUrl1`, …).
    #[serde(flatten, deserialize_with = "numbered_media")]
    pub media: Vec<Media>,
}

/// The `MediaUrlN`/`MediaContentTypeN` pairs among the fields no other field took.
fn numbered_media<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Media>, D::Error> {
    let rest = BTreeMap::<String, Loose>::deserialize(deserializer)?;
    let mut media: BTreeMap<u32, (Option<String>, Option<String>)> = BTreeMap::new();
    for (key, Loose(value)) in rest {
        let (slot, number) = if let Some(n) = key.strip_prefix("MediaUrl") {
            (0, n)
        } else if let Some(n) = key.strip_prefix("MediaContentType") {
            (1, n)
        } else {
            continue;
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        let entry = media.entry(number).or_default();
        if slot == 0 {
            entry.0 = value;
        } else {
            entry.1 = value;
        }
    }
    Ok(media
        .into_values()
        .filter_map(|(url, content_type)| {
            Some(Media {
                url: url?,
                content_type,
            })
        })
        .collect())
}

/// Any field's value as loose text (`None` for empty, or for what is not a scalar).
struct Loose(Option<String>);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyValue;

        impl<'de> de::Visitor<'de> for AnyValue {
            type Value = Loose;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Loose, E> {
                Ok(Loose(Some(text.to_owned()).filter(|t| !t.is_empty())))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Loose, E> {
                Ok(Loose(Some(value.to_string())))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Loose, E> {
                Ok(Loose(Some(value.to_string())))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Loose, E> {
                Ok(Loose(Some(value.to_string())))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Loose, E> {
                Ok(Loose(Some(value.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Loose, D::Error> {
                Loose::deserialize(inner)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
                // A repeated key: the last value, as a single field takes it.
                let mut last = None;
                while let Some(Loose(value)) = seq.next_element()? {
                    last = value.or(last);
                }
                Ok(Loose(last))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Loose(None))
            }
        }

        deserializer.deserialize_any(AnyValue)
    }
}

/// What Twilio posts to a message's `StatusCallback` as it moves on (`queued`, `sent`,
/// `delivered`, `undelivered`, `failed`, `read`).
///
/// Every callback has `MessageSid`, `MessageStatus` (and the same as `SmsSid`/`SmsStatus`),
/// `AccountSid`, `From`, `To`, `ApiVersion`; `MessagingServiceSid` when sent through one;
/// `ErrorCode` (and sometimes `ErrorMessage`) for `undelivered` and `failed`; `RawDlrDoneDate`
/// when the carrier reported one; WhatsApp and other channels add `ChannelToAddress`,
/// `ChannelPrefix`, `ChannelInstallSid` and `EventType`.
///
/// ```
/// use twilio_endpoint::webhook::{from_form, MessageStatus, MessageStatusCallback};
///
/// let callback: MessageStatusCallback = from_form(
///     b"MessageSid=SM1&MessageStatus=undelivered&ErrorCode=30003&AccountSid=AC1&SmsStatus=undelivered",
/// )?;
/// assert_eq!(callback.message_status, Some(MessageStatus::Undelivered));
/// assert_eq!(callback.error_code, Some(30003));
/// let later: MessageStatusCallback = from_form(b"MessageStatus=teleported")?;
/// assert_eq!(later.message_status, Some(MessageStatus::Other("teleported".into())));
/// # Ok::<(), twilio_endpoint::webhook::FormError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct MessageStatusCallback {
    /// The message (`SM…`, `MM…`).
    #[serde(default, deserialize_with = "text")]
    pub message_sid: Option<String>,
    /// Its status now.
    #[serde(default, deserialize_with = "typed")]
    pub message_status: Option<MessageStatus>,
    /// The message, under its older name.
    #[serde(default, deserialize_with = "text")]
    pub sms_sid: Option<String>,
    /// Its status, under its older name.
    #[serde(default, deserialize_with = "typed")]
    pub sms_status: Option<MessageStatus>,
    /// The account.
    #[serde(default, deserialize_with = "text")]
    pub account_sid: Option<String>,
    /// The Messaging Service it was sent through.
    #[serde(default, deserialize_with = "text")]
    pub messaging_service_sid: Option<String>,
    /// The sender.
    #[serde(default, deserialize_with = "text")]
    pub from: Option<String>,
    /// The recipient.
    #[serde(default, deserialize_with = "text")]
    pub to: Option<String>,
    /// The API version.
    #[serde(default, deserialize_with = "text")]
    pub api_version: Option<String>,
    /// Twilio's error code, for `undelivered` and `failed` (`30003`, …).
    #[serde(default, deserialize_with = "number")]
    pub error_code: Option<u32>,
    /// The error's description, when sent.
    #[serde(default, deserialize_with = "text")]
    pub error_message: Option<String>,
    /// When the carrier reported the delivery (`YYMMDDhhmm`), as sent.
    #[serde(default, deserialize_with = "text")]
    pub raw_dlr_done_date: Option<String>,
    /// Other channels: the recipient's address on the channel.
    #[serde(default, deserialize_with = "text")]
    pub channel_to_address: Option<String>,
    /// Other channels: the channel (`whatsapp`).
    #[serde(default, deserialize_with = "text")]
    pub channel_prefix: Option<String>,
    /// Other channels: the channel's installation.
    #[serde(default, deserialize_with = "text")]
    pub channel_install_sid: Option<String>,
    /// WhatsApp: the event (`DELIVERED`, `READ`).
    #[serde(default, deserialize_with = "text")]
    pub event_type: Option<String>,
}

/// What Twilio posts to a number's voice webhook when a call comes in (and, with the same
/// fields, to the `Url` of an outbound call when it is answered). Also the fields every call
/// status callback has ([`CallStatusCallback::call`]).
///
/// Every request has `CallSid`, `AccountSid`, `From`, `To`, `CallStatus`, `ApiVersion`,
/// `Direction`; `ForwardedFrom` when the carrier says so; `CallerName` with caller-name lookup
/// on; `ParentCallSid` for a `<Dial>`'s child leg; `CallToken` for incoming calls that may be
/// forwarded; `StirVerstat` for SHAKEN/STIR-attested calls; and, when Twilio can tell, the
/// geographic `FromCity`, `FromState`, `FromZip`, `FromCountry`, `ToCity`, `ToState`, `ToZip`,
/// `ToCountry`.
///
/// ```
/// use twilio_endpoint::webhook::{from_form, CallDirection, CallStatus, IncomingCall};
///
/// let call: IncomingCall = from_form(
///     b"CallSid=CA1&AccountSid=AC1&From=%2B15551230000&To=%2B15559870000\
///       &CallStatus=ringing&Direction=inbound&ApiVersion=2010-04-01&CallerName=",
/// )?;
/// assert_eq!(call.call_status, Some(CallStatus::Ringing));
/// assert_eq!(call.direction, Some(CallDirection::Inbound));
/// assert_eq!(call.caller_name, None);
/// # Ok::<(), twilio_endpoint::webhook::FormError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct IncomingCall {
    /// The call (`CA…`).
    #[serde(default, deserialize_with = "text")]
    pub call_sid: Option<String>,
    /// The account.
    #[serde(default, deserialize_with = "text")]
    pub account_sid: Option<String>,
    /// The caller (a number, `client:…` or a SIP URI).
    #[serde(default, deserialize_with = "text")]
    pub from: Option<String>,
    /// The number (or client) called.
    #[serde(default, deserialize_with = "text")]
    pub to: Option<String>,
    /// The call's status.
    #[serde(default, deserialize_with = "typed")]
    pub call_status: Option<CallStatus>,
    /// The API version.
    #[serde(default, deserialize_with = "text")]
    pub api_version: Option<String>,
    /// The call's direction.
    #[serde(default, deserialize_with = "typed")]
    pub direction: Option<CallDirection>,
    /// The number that forwarded the call, when the carrier says.
    #[serde(default, deserialize_with = "text")]
    pub forwarded_from: Option<String>,
    /// The caller's name (caller-name lookup).
    #[serde(default, deserialize_with = "text")]
    pub caller_name: Option<String>,
    /// The parent call of a child leg.
    #[serde(default, deserialize_with = "text")]
    pub parent_call_sid: Option<String>,
    /// A token to forward the call with.
    #[serde(default, deserialize_with = "text")]
    pub call_token: Option<String>,
    /// SHAKEN/STIR verification status (`TN-Validation-Passed-A`, …).
    #[serde(default, deserialize_with = "text")]
    pub stir_verstat: Option<String>,
    /// The caller's city.
    #[serde(default, deserialize_with = "text")]
    pub from_city: Option<String>,
    /// The caller's state or province.
    #[serde(default, deserialize_with = "text")]
    pub from_state: Option<String>,
    /// The caller's postal code.
    #[serde(default, deserialize_with = "text")]
    pub from_zip: Option<String>,
    /// The caller's country.
    #[serde(default, deserialize_with = "text")]
    pub from_country: Option<String>,
    /// The called party's city.
    #[serde(default, deserialize_with = "text")]
    pub to_city: Option<String>,
    /// The called party's state or province.
    #[serde(default, deserialize_with = "text")]
    pub to_state: Option<String>,
    /// The called party's postal code.
    #[serde(default, deserialize_with = "text")]
    pub to_zip: Option<String>,
    /// The called party's country.
    #[serde(default, deserialize_with = "text")]
    pub to_country: Option<String>,
}

/// What Twilio posts to a call's `StatusCallback` for the events asked for
/// (`StatusCallbackEvent`: `initiated`, `ringing`, `answered`, `completed`): the fields of
/// [`IncomingCall`], and `Timestamp`, `CallbackSource`, `SequenceNumber`; on `completed`,
/// `CallDuration` (and `Duration`, in minutes), and with recording on, `RecordingUrl`,
/// `RecordingSid`, `RecordingDuration`; `SipResponseCode` for a failed SIP call; `AnsweredBy`
/// with answering-machine detection.
///
/// ```
/// use twilio_endpoint::webhook::{from_form, CallStatus, CallStatusCallback};
///
/// let callback: CallStatusCallback = from_form(
///     b"CallSid=CA1&CallStatus=completed&CallDuration=42&SequenceNumber=3\
///       &Timestamp=Tue%2C+10+Aug+2021+03%3A55%3A53+%2B0000&CallbackSource=call-progress-events",
/// )?;
/// assert_eq!(callback.call.call_status, Some(CallStatus::Completed));
/// assert_eq!(callback.call_duration, Some(42));
/// assert_eq!(callback.timestamp.map(|t| t.unix_timestamp()), Some(1_628_567_753));
/// # Ok::<(), twilio_endpoint::webhook::FormError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CallStatusCallback {
    /// The fields every call request has.
    #[serde(flatten)]
    pub call: IncomingCall,
    /// When the event happened (RFC 2822, as sent).
    #[serde(default, deserialize_with = "date")]
    pub timestamp: Option<OffsetDateTime>,
    /// What sent the callback (`call-progress-events`).
    #[serde(default, deserialize_with = "text")]
    pub callback_source: Option<String>,
    /// The order of this call's callbacks, from 0.
    #[serde(default, deserialize_with = "number")]
    pub sequence_number: Option<u32>,
    /// `completed`: the call's length in seconds.
    #[serde(default, deserialize_with = "number")]
    pub call_duration: Option<u32>,
    /// `completed`: the call's length in minutes, rounded up (as billed).
    #[serde(default, deserialize_with = "number")]
    pub duration: Option<u32>,
    /// A recording of the call, with recording on.
    #[serde(default, deserialize_with = "text")]
    pub recording_url: Option<String>,
    /// The recording (`RE…`).
    #[serde(default, deserialize_with = "text")]
    pub recording_sid: Option<String>,
    /// The recording's length in seconds.
    #[serde(default, deserialize_with = "number")]
    pub recording_duration: Option<u32>,
    /// The SIP response of a failed SIP call (`487`).
    #[serde(default, deserialize_with = "number")]
    pub sip_response_code: Option<u32>,
    /// Answering-machine detection's verdict (`human`, `machine_start`, `fax`, `unknown`, …).
    #[serde(default, deserialize_with = "text")]
    pub answered_by: Option<String>,
}

/// What Twilio posts to a recording's `RecordingStatusCallback` (of `<Record>`, `<Dial
/// record>`, a call's `Record` or the Recordings resource) for the events asked for
/// (`in-progress`, `completed`, `absent`, `failed`).
///
/// Every callback has `AccountSid`, `CallSid`, `RecordingSid`, `RecordingUrl`,
/// `RecordingStatus`, `RecordingStartTime`, `RecordingSource`, `RecordingTrack`,
/// `RecordingChannels`; `completed` adds `RecordingDuration`; `failed`, `ErrorCode`.
///
/// ```
/// use twilio_endpoint::webhook::{from_form, RecordingStatus, RecordingStatusCallback};
///
/// let callback: RecordingStatusCallback = from_form(
///     b"RecordingSid=RE1&RecordingStatus=completed&RecordingDuration=7&RecordingChannels=1\
///       &RecordingStartTime=Tue%2C+10+Aug+2021+03%3A55%3A53+%2B0000&ErrorCode=0",
/// )?;
/// assert_eq!(callback.recording_status, Some(RecordingStatus::Completed));
/// assert_eq!(callback.recording_duration, Some(7));
/// # Ok::<(), twilio_endpoint::webhook::FormError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct RecordingStatusCallback {
    /// The account.
    #[serde(default, deserialize_with = "text")]
    pub account_sid: Option<String>,
    /// The call recorded.
    #[serde(default, deserialize_with = "text")]
    pub call_sid: Option<String>,
    /// The recording (`RE…`).
    #[serde(default, deserialize_with = "text")]
    pub recording_sid: Option<String>,
    /// Where to fetch it (append `.mp3` or `.wav`).
    #[serde(default, deserialize_with = "text")]
    pub recording_url: Option<String>,
    /// Its status.
    #[serde(default, deserialize_with = "typed")]
    pub recording_status: Option<RecordingStatus>,
    /// Its length in seconds (`completed`).
    #[serde(default, deserialize_with = "number")]
    pub recording_duration: Option<u32>,
    /// How many channels (1 or 2).
    #[serde(default, deserialize_with = "number")]
    pub recording_channels: Option<u32>,
    /// When recording started.
    #[serde(default, deserialize_with = "date")]
    pub recording_start_time: Option<OffsetDateTime>,
    /// What started it (`RecordVerb`, `DialVerb`, `OutboundAPI`, `StartCallRecordingAPI`, …).
    #[serde(default, deserialize_with = "text")]
    pub recording_source: Option<String>,
    /// The audio recorded (`inbound`, `outbound`, `both`).
    #[serde(default, deserialize_with = "text")]
    pub recording_track: Option<String>,
    /// Twilio's error code (`failed`; `0` otherwise).
    #[serde(default, deserialize_with = "number")]
    pub error_code: Option<u32>,
}
