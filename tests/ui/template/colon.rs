use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/v1/Calls/:sid")]
pub struct FetchCall {
    pub sid: String,
}

fn main() {}
