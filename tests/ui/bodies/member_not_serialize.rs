use twilio_endpoint::twilio_endpoint;

pub struct Types;

#[twilio_endpoint(POST, "/v1/Content", body = json, host = "content")]
pub struct CreateContent {
    pub language: String,
    pub types: Types,
}

fn main() {}
