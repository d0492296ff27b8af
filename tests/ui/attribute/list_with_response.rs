use twilio_endpoint::twilio_endpoint;

#[derive(Debug, serde::Deserialize)]
pub struct Message {
    pub sid: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct MessagePage {
    pub messages: Vec<Message>,
}

#[twilio_endpoint(
    GET,
    "/2010-04-01/Accounts/<AccountSid>/Messages.json",
    list = Message,
    response = MessagePage
)]
pub struct ListMessage {
    pub account_sid: String,
}

fn main() {}
