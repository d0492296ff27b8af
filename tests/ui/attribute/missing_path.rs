use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET)]
pub struct FetchCall {
    pub sid: String,
}

fn main() {}
