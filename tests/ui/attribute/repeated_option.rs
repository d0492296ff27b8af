use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/v1/Calls/<Sid>", host = "voice", host = "api")]
pub struct FetchCall {
    pub sid: String,
}

fn main() {}
