//! The payloads of a recording's Add-on results, declared from `twilio_api_v2010.json`: a path
//! with four placeholders.

use std::collections::BTreeMap;

use serde::Deserialize;
use time::OffsetDateTime;
use twilio_endpoint::twilio_endpoint;

/// A payload of an Add-on result (`api.v2010.account.recording.recording_add_on_result.recording_add_on_result_payload`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AddOnResultPayload {
    /// The payload (`XH…`).
    pub sid: String,
    /// The recording the result is about (`RE…`).
    pub reference_sid: String,
    /// The Add-on result (`XR…`).
    pub add_on_result_sid: String,
    /// The payload's MIME type.
    pub content_type: Option<String>,
    /// When it was created (RFC 2822).
    #[serde(default, with = "time::serde::rfc2822::option")]
    pub date_created: Option<OffsetDateTime>,
    /// Related resources (`data`).
    #[serde(default)]
    pub subresource_uris: BTreeMap<String, String>,
}

/// Fetches one payload (Twilio's `FetchRecordingAddOnResultPayload`).
#[twilio_endpoint(
    GET,
    "/2010-04-01/Accounts/<AccountSid>/Recordings/<ReferenceSid>/AddOnResults/<AddOnResultSid>/Payloads/<Sid>.json",
    response = AddOnResultPayload
)]
#[derive(Clone, Debug, Default)]
pub struct FetchRecordingAddOnResultPayload {
    /// The account (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The recording (`RE…`).
    #[twilio(sid = "RE")]
    pub reference_sid: String,
    /// The Add-on result (`XR…`).
    #[twilio(sid = "XR")]
    pub add_on_result_sid: String,
    /// The payload (`XH…`).
    #[twilio(sid = "XH")]
    pub sid: String,
}
