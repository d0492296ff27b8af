use twilio_endpoint::twilio_endpoint;

// `-voice` is not a host name label, so the client could never send it (`ConfigProblem::BadHost`).
#[twilio_endpoint(GET, "/v1/Calls/<Sid>", host = "-voice")]
pub struct FetchCall {
    pub sid: String,
}

fn main() {}
