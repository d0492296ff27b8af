//! Operations on `voice.twilio.com` (Twilio's Voice v1 API), declared from
//! `twilio_voice_v1.json` with `host = "voice"`.

use serde::Deserialize;
use time::OffsetDateTime;
use twilio_endpoint::twilio_endpoint;

/// An IP record (`voice.v1.ip_record`): an address allowed to reach a BYOC trunk.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct IpRecord {
    /// The record (`IL…`).
    pub sid: String,
    /// The account that owns it.
    pub account_sid: String,
    /// The address.
    pub ip_address: String,
    /// The CIDR prefix length (`32` for one address).
    pub cidr_prefix_length: Option<u32>,
    /// Its name.
    pub friendly_name: Option<String>,
    /// When it was created (RFC 3339, as the v1 APIs write dates).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub date_created: Option<OffsetDateTime>,
    /// Its absolute URL.
    pub url: Option<String>,
}

/// The paging of a v1 list.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PageMeta {
    /// The page number, from 0.
    pub page: u32,
    /// How many items a page holds.
    pub page_size: u32,
    /// The URL of the next page, `None` on the last one.
    pub next_page_url: Option<String>,
    /// The key of the list in the page (`ip_records`).
    pub key: String,
}

/// One page of IP records.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct IpRecordPage {
    /// The records of this page.
    pub ip_records: Vec<IpRecord>,
    /// The paging.
    pub meta: PageMeta,
}

/// A target of a connection policy (`voice.v1.connection_policy.connection_policy_target`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConnectionPolicyTarget {
    /// The target (`NE…`).
    pub sid: String,
    /// The policy (`NY…`).
    pub connection_policy_sid: String,
    /// The SIP URI calls are sent to.
    pub target: String,
    /// Lower is tried first.
    pub priority: Option<u32>,
    /// The share of calls among targets of the same priority.
    pub weight: Option<u32>,
    /// Whether calls are sent to it.
    pub enabled: Option<bool>,
}

/// Allows an IP address (Twilio's `CreateIpRecord`, answers 201).
#[twilio_endpoint(POST, "/v1/IpRecords", response = IpRecord, host = "voice")]
#[derive(Clone, Debug, Default)]
pub struct CreateIpRecord {
    /// The address.
    pub ip_address: String,
    /// A name for the record.
    pub friendly_name: Option<String>,
    /// The CIDR prefix length (`32` by default).
    pub cidr_prefix_length: Option<u32>,
}

/// Lists the IP records, paged (Twilio's `ListIpRecord`).
#[twilio_endpoint(GET, "/v1/IpRecords", response = IpRecordPage, host = "voice")]
#[derive(Clone, Debug, Default)]
pub struct ListIpRecord {
    /// How many records a page holds (1 to 1000).
    pub page_size: Option<u32>,
    /// The page number, from 0.
    pub page: Option<u32>,
    /// The token of the page, from a previous page's `next_page_url`.
    pub page_token: Option<String>,
}

/// Deletes an IP record (Twilio's `DeleteIpRecord`, answers 204).
#[twilio_endpoint(DELETE, "/v1/IpRecords/<Sid>", response = (), host = "voice")]
#[derive(Clone, Debug, Default)]
pub struct DeleteIpRecord {
    /// The record (`IL…`).
    #[twilio(sid = "IL")]
    pub sid: String,
}

/// Adds a target to a connection policy (Twilio's `CreateConnectionPolicyTarget`,
/// answers 201).
#[twilio_endpoint(
    POST,
    "/v1/ConnectionPolicies/<ConnectionPolicySid>/Targets",
    response = ConnectionPolicyTarget,
    host = "voice"
)]
#[derive(Clone, Debug, Default)]
pub struct CreateConnectionPolicyTarget {
    /// The policy (`NY…`).
    #[twilio(sid = "NY")]
    pub connection_policy_sid: String,
    /// The SIP URI to send calls to (`sip:sip-box.com:1234`).
    #[twilio(uri)]
    pub target: String,
    /// A name for the target.
    pub friendly_name: Option<String>,
    /// Lower is tried first (0 to 65535).
    pub priority: Option<u32>,
    /// The share of calls among targets of the same priority (1 to 65535).
    pub weight: Option<u32>,
    /// Whether calls are sent to it.
    pub enabled: Option<bool>,
}
