use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(POST, "/v1/Content", body = json, host = "content")]
pub struct CreateContent {
    pub language: String,
    #[twilio(form)]
    pub friendly_name: Option<String>,
}

fn main() {}
