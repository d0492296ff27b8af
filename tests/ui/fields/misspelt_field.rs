use twilio_endpoint::twilio_endpoint;

// The template is copied from Twilio's documentation; the field name is the typo.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct ListCall {
    pub acount_sid: String,
}

fn main() {}
