//! Updating a phone number with Twilio's 2010 API, declared from `twilio_api_v2010.json`.

use serde::Deserialize;
use twilio_endpoint::twilio_endpoint;

use crate::wire::HttpMethod;

crate::wire::string_enum! {
    /// Whether the number's emergency calling is on (`incoming_phone_number_enum_emergency_status`).
    EmergencyStatus {
        /// `Active`
        Active = "Active",
        /// `Inactive`
        Inactive = "Inactive",
    }
}

crate::wire::string_enum! {
    /// What the number receives (`incoming_phone_number_enum_voice_receive_mode`).
    VoiceReceiveMode {
        /// `voice`
        Voice = "voice",
        /// `fax`
        Fax = "fax",
    }
}

/// What a number can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Capabilities {
    /// Voice calls.
    pub voice: bool,
    /// SMS.
    pub sms: bool,
    /// MMS.
    pub mms: bool,
    /// Fax.
    pub fax: bool,
}

/// A phone number of the account (`api.v2010.account.incoming_phone_number`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct IncomingPhoneNumber {
    /// The number (`PN…`).
    pub sid: String,
    /// The account that owns it.
    pub account_sid: String,
    /// The number in E.164 form.
    pub phone_number: Option<String>,
    /// Its name.
    pub friendly_name: Option<String>,
    /// What it can do.
    pub capabilities: Option<Capabilities>,
    /// Whether caller names are looked up.
    pub voice_caller_id_lookup: Option<bool>,
    /// Whether emergency calling is on.
    pub emergency_status: Option<EmergencyStatus>,
    /// What it receives.
    pub voice_receive_mode: Option<VoiceReceiveMode>,
}

/// Changes a phone number, or moves it to another account (Twilio's
/// `UpdateIncomingPhoneNumber`).
///
/// `AccountSid` is both a placeholder (the account that owns the number now) and a form
/// parameter (the account to move it to): the form field is renamed, as the attribute refuses
/// two fields sent under the same name in the same place, but not in two places.
///
/// Declares the parameters the tests use, out of the 25 of the description.
#[twilio_endpoint(
    POST,
    "/2010-04-01/Accounts/<AccountSid>/IncomingPhoneNumbers/<Sid>.json",
    response = IncomingPhoneNumber
)]
#[derive(Clone, Debug, Default)]
pub struct UpdateIncomingPhoneNumber {
    /// The account that owns the number (`AC…`); left empty, the client's.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The number (`PN…`).
    #[twilio(sid = "PN")]
    pub sid: String,
    /// The account to move the number to (`AC…`), sent in the body as `AccountSid`.
    #[twilio(rename = "AccountSid", form, sid = "AC")]
    pub new_account_sid: Option<String>,
    /// A name for the number.
    pub friendly_name: Option<String>,
    /// The URL requested when the number receives a call.
    #[twilio(uri)]
    pub voice_url: Option<String>,
    /// How `VoiceUrl` is requested.
    pub voice_method: Option<HttpMethod>,
    /// The URL requested when the number receives a message.
    #[twilio(uri)]
    pub sms_url: Option<String>,
    /// Whether to look up callers' names.
    pub voice_caller_id_lookup: Option<bool>,
    /// Turns emergency calling on or off.
    pub emergency_status: Option<EmergencyStatus>,
    /// Whether the number receives voice or fax.
    pub voice_receive_mode: Option<VoiceReceiveMode>,
    /// The SIP trunk that handles the number's calls (`TK…`).
    #[twilio(sid = "TK")]
    pub trunk_sid: Option<String>,
}
