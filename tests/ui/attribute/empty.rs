use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint]
pub struct FetchCall {
    pub sid: String,
}

fn main() {}
