use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct ListCalls {
    pub account_sid: String,
    #[twilio(rename = StartTime)]
    pub started_after: Option<String>,
}

fn main() {}
