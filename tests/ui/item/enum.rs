use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json")]
pub enum FetchCall {
    BySid { account_sid: String, sid: String },
}

fn main() {}
