use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/Organizations/<OrganizationSid>/Accounts", auth = bearer,
                  host = "preview-iam")]
pub struct ListOrganizationAccounts {
    pub organization_sid: String,
}

fn main() {}
