//! Operations of Twilio's newer products: JSON bodies, header parameters, OAuth2, Twilio's own
//! placeholder names (`<id>`, `<assistantId>`) and one path on two product hosts.
//!
//! Each is declared from its operation in Twilio's description (`tests/contract/`):
//!
//! | operation | description | what it exercises |
//! | --- | --- | --- |
//! | [`CreateContent`] | `twilio_content_v1.json` `CreateContent` | JSON members, a nested `Serialize` type, a map |
//! | [`CreateAssistantMessage`] | `twilio_assistants_v1.json` `CreateMessage` | `<id>`, a `#[twilio(body)]` whole body |
//! | [`ListKnowledgeByAssistant`] | `twilio_assistants_v1.json` `ListKnowledgeByAssistant` | `<assistantId>` filled by `assistant_id` |
//! | [`CreateServiceConversation`] | `twilio_conversations_v1.json` `CreateServiceConversation` | a header enum beside form fields |
//! | [`UpdateDocument`] | `twilio_sync_v1.json` `UpdateDocument` | an `If-Match` header on an update |
//! | [`FetchMessagingService`], [`FetchSyncService`] | messaging v1, sync v1 `FetchService` | `/v1/Services/<Sid>` on two hosts |
//! | [`ListOrganizationAccounts`] | `twilio_iam_organizations.json` `ListOrganizationAccounts` | `auth = oauth2` |

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use twilio_endpoint::twilio_endpoint;

/// The `types` of a content template: one member per content type (`twilio/text`, …).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ContentTypes {
    /// `twilio/text`: a text message.
    #[serde(rename = "twilio/text", skip_serializing_if = "Option::is_none")]
    pub twilio_text: Option<TwilioText>,
}

/// `twilio/text`.
#[derive(Clone, Debug, Serialize)]
pub struct TwilioText {
    /// The text, with `{{1}}`-style variables.
    pub body: String,
}

/// A greeting template with every member set, as both the loopback and the Prism tests send it.
pub fn greeting_content() -> CreateContent {
    let mut variables = serde_json::Map::new();
    variables.insert("1".into(), "Zoë & \"co\"".into());
    CreateContent::builder()
        .friendly_name("greeting")
        .language("en")
        .variables(variables)
        .types(ContentTypes {
            twilio_text: Some(TwilioText {
                body: "Hi {{1}}".into(),
            }),
        })
        .build()
}

/// Create a content template (`POST https://content.twilio.com/v1/Content`).
#[twilio_endpoint(POST, "/v1/Content", body = json, host = "content")]
pub struct CreateContent {
    /// `friendly_name`: the template's name.
    pub friendly_name: Option<String>,
    /// `language`: the template's language (`en`).
    pub language: String,
    /// `variables`: default values of the template's variables.
    pub variables: Option<serde_json::Map<String, serde_json::Value>>,
    /// `types`: the content, one member per content type.
    pub types: ContentTypes,
}

/// The body of `CreateMessage` (`assistants.v1.service.assistant_send_message_request`).
#[derive(Clone, Debug, Serialize)]
pub struct AssistantsV1CreateMessageRequest {
    /// The user's identity.
    pub identity: String,
    /// The session's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// The query to ask the assistant.
    pub body: String,
    /// Called once the assistant answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook: Option<String>,
    /// `chat`, `email` or `voice`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// Send a message to an assistant (`POST https://assistants.twilio.com/v1/Assistants/{id}/Messages`).
#[twilio_endpoint(POST, "/v1/Assistants/<id>/Messages", body = json, host = "assistants")]
pub struct CreateAssistantMessage {
    /// The assistant (`{id}` in Twilio's path).
    #[twilio(rename = "id", path)]
    pub id: String,
    /// The whole body.
    #[twilio(body)]
    pub body: AssistantsV1CreateMessageRequest,
}

/// The knowledge of an assistant (`GET https://assistants.twilio.com/v1/Assistants/{assistantId}/Knowledge`).
#[twilio_endpoint(GET, "/v1/Assistants/<assistantId>/Knowledge", host = "assistants")]
pub struct ListKnowledgeByAssistant {
    /// `<assistantId>`: filled by the field whose snake_case name it is.
    pub assistant_id: String,
    /// `PageSize`.
    pub page_size: Option<u32>,
}

crate::wire::string_enum! {
    /// `service_conversation_enum_webhook_enabled_type`: whether webhooks fire for this request.
    WebhookEnabled {
        /// `true`.
        True = "true",
        /// `false`.
        False = "false",
    }
}

/// Create a conversation in a service
/// (`POST https://conversations.twilio.com/v1/Services/{ChatServiceSid}/Conversations`).
#[twilio_endpoint(
    POST,
    "/v1/Services/<ChatServiceSid>/Conversations",
    host = "conversations"
)]
pub struct CreateServiceConversation {
    /// The conversation service.
    #[twilio(sid = "IS")]
    pub chat_service_sid: String,
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// `X-Twilio-Webhook-Enabled`.
    #[twilio(header)]
    pub x_twilio_webhook_enabled: Option<WebhookEnabled>,
}

/// Update a Sync document, only if it is still at a revision
/// (`POST https://sync.twilio.com/v1/Services/{ServiceSid}/Documents/{Sid}`).
#[twilio_endpoint(POST, "/v1/Services/<ServiceSid>/Documents/<Sid>", host = "sync")]
pub struct UpdateDocument {
    /// The Sync service, by SID or unique name (Twilio describes no pattern for it).
    pub service_sid: String,
    /// The document's SID or unique name.
    pub sid: String,
    /// `Data`: the document, sent as JSON text in the form.
    pub data: Option<BTreeMap<String, serde_json::Value>>,
    /// `Ttl`, in seconds.
    pub ttl: Option<u32>,
    /// `If-Match`: the revision the update applies to.
    #[twilio(header)]
    pub if_match: Option<String>,
}

/// A Messaging service (`GET https://messaging.twilio.com/v1/Services/{Sid}`).
#[twilio_endpoint(GET, "/v1/Services/<Sid>", host = "messaging")]
pub struct FetchMessagingService {
    /// The service.
    #[twilio(sid = "MG")]
    pub sid: String,
}

/// A Sync service (`GET https://sync.twilio.com/v1/Services/{Sid}`).
#[twilio_endpoint(GET, "/v1/Services/<Sid>", host = "sync")]
pub struct FetchSyncService {
    /// The service.
    pub sid: String,
}

/// One page of an organization's accounts.
#[derive(Debug, Deserialize)]
pub struct AccountPage {
    /// The accounts.
    #[serde(default)]
    pub content: Vec<serde_json::Value>,
}

/// The accounts of an organization, with an OAuth2 bearer token
/// (`GET https://preview-iam.twilio.com/Organizations/{OrganizationSid}/Accounts`).
#[twilio_endpoint(GET, "/Organizations/<OrganizationSid>/Accounts", auth = oauth2,
                  host = "preview-iam", response = AccountPage)]
pub struct ListOrganizationAccounts {
    /// The organization. Twilio's pattern, `OR[0-9a-f]{32}`, is written unanchored and with
    /// lower-case hex only; the `sid` rule is the anchored SID rule of every other description.
    #[twilio(sid = "OR")]
    pub organization_sid: String,
    /// `PageSize`.
    pub page_size: Option<u32>,
}
