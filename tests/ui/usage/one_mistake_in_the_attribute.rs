// Even when the attribute's arguments cannot be read, the struct keeps its builder and `send`.
use twilio_endpoint::{twilio_endpoint, Client};

#[twilio_endpoint(FETCH, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json")]
pub struct FetchCall {
    pub account_sid: String,
    pub sid: String,
}

async fn fetch(client: &Client) {
    let call = FetchCall::builder().sid("CA0123456789abcdef0123456789abcdef").build();
    let _ = call.send(client).await;
}

fn main() {
    let _ = fetch;
}
