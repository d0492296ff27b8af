use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/v1/Calls/<Sid>")]
pub union FetchCall {
    pub sid: u64,
}

fn main() {}
