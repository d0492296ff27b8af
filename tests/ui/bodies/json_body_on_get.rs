use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/v1/Content", body = json, host = "content")]
pub struct ListContent {
    pub page_size: Option<u32>,
}

fn main() {}
