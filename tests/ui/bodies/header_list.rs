use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(POST, "/v1/Services/<ServiceSid>/Documents/<Sid>", host = "sync")]
pub struct UpdateDocument {
    pub service_sid: String,
    pub sid: String,
    #[twilio(header)]
    pub if_match: Vec<String>,
}

fn main() {}
