use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<Sid>/Calls/<Sid>.json")]
pub struct FetchCall {
    pub sid: String,
}

fn main() {}
