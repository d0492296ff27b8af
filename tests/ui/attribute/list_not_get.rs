use twilio_endpoint::{twilio_endpoint, Client};

#[derive(Debug, serde::Deserialize)]
pub struct Message {
    pub sid: String,
}

#[twilio_endpoint(POST, "/2010-04-01/Accounts/<AccountSid>/Messages.json", list = Message)]
pub struct ListMessage {
    pub account_sid: String,
    pub page_size: Option<u32>,
}

// One mistake is one error: the uses of the endpoint's list surface add none.
async fn uses(client: &Client) {
    let request = ListMessage::builder().build();
    let _first = request.send(client).await;
    let _items = request.stream(client);
    let _pages = request.pages(client);
}

fn main() {
    let _ = uses;
}
