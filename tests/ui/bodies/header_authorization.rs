use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/Organizations/<OrganizationSid>/Accounts", host = "preview-iam")]
pub struct ListOrganizationAccounts {
    pub organization_sid: String,
    #[twilio(header)]
    pub authorization: String,
}

fn main() {}
