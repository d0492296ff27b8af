use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/v1/Services")]
pub fn list_services() {}

fn main() {}
