use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(POST, "/v1/Assistants/<id>/Messages", body = json, host = "assistants")]
pub struct CreateMessage {
    pub id: String,
    #[twilio(body)]
    pub message: serde_json::Value,
    pub identity: String,
}

fn main() {}
