use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "https://voice.twilio.com/v1/Calls/<Sid>")]
pub struct FetchCall {
    pub sid: String,
}

fn main() {}
