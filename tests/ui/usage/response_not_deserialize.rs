use twilio_endpoint::{twilio_endpoint, Client};

pub struct Call {
    pub sid: Option<String>,
}

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = Call)]
pub struct FetchCall {
    pub account_sid: String,
    pub sid: String,
}

pub async fn fetch(client: &Client) -> Option<String> {
    let call = FetchCall::builder()
        .sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .build()
        .send(client)
        .await
        .ok()?;
    call.sid
}

fn main() {}
