//! A list declared with `list =`: `send` gives one page, `stream` and `pages` are lazy `Send`
//! streams.

use futures_util::{StreamExt as _, TryStreamExt as _};
use twilio_endpoint::{twilio_endpoint, Client, Error, Page};

#[derive(Debug, serde::Deserialize)]
pub struct PortInRequest {
    pub port_in_request_sid: String,
}

#[twilio_endpoint(GET, "/v1/Porting/PortIn/PortInRequests", list = PortInRequest, host = "numbers")]
pub struct ListPortInRequests {
    #[twilio(page_token)]
    pub token: Option<String>,
    pub size: Option<u32>,
}

fn assert_send<T: Send>(value: T) -> T {
    value
}

async fn uses(client: &Client) -> Result<(), Error> {
    let request = ListPortInRequests::builder().size(50).build();
    let first: Page<PortInRequest> = request.send(client).await?;
    let _ = first.items.len();
    let all: Vec<PortInRequest> = assert_send(request.stream(client)).try_collect().await?;
    let five: Vec<_> = request.stream(client).take(5).collect().await;
    let mut pages = assert_send(request.pages(client));
    while let Some(page) = pages.try_next().await? {
        let _ = page.items;
    }
    let _ = (all, five);
    Ok(())
}

fn main() {
    let _ = uses;
}
