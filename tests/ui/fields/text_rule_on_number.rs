use twilio_endpoint::twilio_endpoint;

// `uri` and `sid` check text; a number or a boolean never holds any, so the key is an error.
#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
pub struct CreateCall {
    pub account_sid: String,
    #[twilio(uri)]
    pub timeout: Option<u32>,
    #[twilio(sid = "CA")]
    pub record: bool,
    #[twilio(uri_reference)]
    pub status_callback_event: Vec<i64>,
    #[twilio(uri)]
    pub url: Option<String>,
}

fn main() {}
