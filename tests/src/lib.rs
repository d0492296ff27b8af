//! Twilio operations declared with `#[twilio_endpoint]` for the conformance tests, and what the
//! tests need to read Twilio's own description of them.
//!
//! The bundled Payments endpoints (`twilio_endpoint::payments`) use a small part of what the
//! attribute can do. The operations here were chosen from Twilio's OpenAPI descriptions
//! (`tests/contract/`) to cover the rest, each declared the way a library author would:
//!
//! | operation | host | what it exercises |
//! | --- | --- | --- |
//! | [`calls::ListCall`] | api | `GET`, paging, `StartTime>`-style names, a query enum and SID |
//! | [`calls::CreateCall`] | api | a list (`StatusCallbackEvent`), booleans, integers, enums |
//! | [`calls::FetchCall`] | api | `GET` of one resource |
//! | [`calls::UpdateCall`] | api | a form enum and TwiML text that needs encoding |
//! | [`calls::DeleteCall`] | api | `DELETE` answered `204 No Content` |
//! | [`messages::CreateMessage`] | api | a list of URIs, a number, a date-time in a form |
//! | [`messages::ListMessage`] | api | `list =`: the 2010 page format |
//! | [`lists::ListService`] | messaging | `list =`: `meta.next_page_url` |
//! | [`lists::ListPortInRequests`] | numbers | `list =`: `meta.next_token`, `#[twilio(page_token)]` |
//! | [`phone_numbers::UpdateIncomingPhoneNumber`] | api | `AccountSid` in the path and the body |
//! | [`recordings::FetchRecordingAddOnResultPayload`] | api | four path placeholders |
//! | [`voice::CreateIpRecord`] | voice | another host |
//! | [`voice::ListIpRecord`] | voice | paging the v1 way (`meta`) |
//! | [`voice::DeleteIpRecord`] | voice | `DELETE` on another host |
//! | [`voice::CreateConnectionPolicyTarget`] | voice | a placeholder, a URI, booleans, integers |
//! | [`newer`] | content, assistants, conversations, sync, messaging, preview-iam | JSON bodies, headers, OAuth2, `<id>`, two origins |
//!
//! [`spec`] reads the descriptions and [`wire::WireValues`] lists the wire values of the enums,
//! for the drift test (`tests/drift.rs`) and the Prism contract suite (`tests/contract.rs`).

#![warn(missing_docs)]

pub mod calls;
pub mod lists;
pub mod loopback;
pub mod messages;
pub mod newer;
pub mod phone_numbers;
pub mod raw;
pub mod recordings;
pub mod spec;
pub mod voice;
pub mod wire;

pub use wire::DateTime;
