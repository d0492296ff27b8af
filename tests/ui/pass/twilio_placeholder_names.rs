//! Placeholders as Twilio writes them: `<account_sid>`, `<id>`, `<assistantId>`.
use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<account_sid>/Calls/<CallSid>.json")]
pub struct FetchCall {
    pub account_sid: String,
    pub call_sid: String,
}

#[twilio_endpoint(GET, "/v1/Assistants/<assistantId>/Tools/<id>", host = "assistants")]
pub struct FetchTool {
    pub assistant_id: String,
    pub id: String,
}

fn main() {
    let _ = FetchCall::builder().account_sid("AC1").call_sid("CA1").build();
    let _ = FetchTool::builder().assistant_id("aia_asst_1").id("aia_tool_1").build();
}
