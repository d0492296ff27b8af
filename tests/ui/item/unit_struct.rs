use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/v1/Services")]
pub struct ListServices;

fn main() {}
