//! List operations of version 1+ products, one per page format Twilio's newer APIs use
//! (declared from `twilio_messaging_v1.json` and `twilio_numbers_v1.json`).
//!
//! The 2010 format is [`crate::messages::ListMessage`]'s.

use serde::Deserialize;
use twilio_endpoint::twilio_endpoint;

/// A Messaging Service (`messaging.v1.service`), the fields the tests read.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Service {
    /// The service (`MG…`).
    pub sid: String,
    /// Its name.
    pub friendly_name: Option<String>,
}

/// Lists the Messaging Services (Twilio's `ListService`: `meta.key` and an absolute
/// `meta.next_page_url` on messaging.twilio.com).
#[twilio_endpoint(GET, "/v1/Services", list = Service, host = "messaging")]
#[derive(Clone, Debug, Default)]
pub struct ListService {
    /// How many services to a page.
    pub page_size: Option<u32>,
}

/// A port-in request (`numbers.v1.port_in_request_list`), the fields the tests read.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PortInRequest {
    /// The request (`KW…`).
    pub port_in_request_sid: String,
    /// Its state (`Completed`, …).
    pub port_in_request_status: Option<String>,
}

/// Lists port-in requests (Twilio's `ListPortInRequests`: `meta.next_token`, sent back in
/// `Token`).
#[twilio_endpoint(GET, "/v1/Porting/PortIn/PortInRequests", list = PortInRequest, host = "numbers")]
#[derive(Clone, Debug, Default)]
pub struct ListPortInRequests {
    /// The page to start from; the stream fills it from each page's `meta.next_token`.
    #[twilio(page_token)]
    pub token: Option<String>,
    /// How many requests to a page (1 to 100).
    pub size: Option<u32>,
    /// Only requests in this state.
    pub port_in_request_status: Option<String>,
}
