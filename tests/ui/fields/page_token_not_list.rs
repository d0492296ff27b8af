use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/v1/Porting/PortIn/PortInRequests/<PortInRequestSid>", host = "numbers")]
pub struct FetchPortInRequest {
    pub port_in_request_sid: String,
    #[twilio(page_token)]
    pub token: Option<String>,
}

fn main() {}
