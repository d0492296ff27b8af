use twilio_endpoint::twilio_endpoint;

pub enum CallStatus {
    Queued,
    Ringing,
}

/// Lists the calls in one status.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct ListCalls {
    pub account_sid: String,
    pub status: Option<CallStatus>,
    pub page_size: Option<u32>,
}

fn main() {
    let _ = [CallStatus::Queued, CallStatus::Ringing];
}
