//! The contract suite of the newer shapes: JSON bodies, header parameters, `<id>` and
//! `<assistantId>`, two products behind two origins and an OAuth2-only operation, each sent
//! through the real `Client` to Stoplight Prism mocking Twilio's description of its product.
//!
//! The mocks are started by `bash .ci/prism.sh start` (ports 4012 to 4018, see the script). As in
//! `contract.rs`, a test whose mock does not answer is reported as **ignored**, never as passed,
//! and fails instead when `TWILIO_PRISM_REQUIRED=1` or `--include-ignored`. The same requests are
//! checked byte for byte on a loopback server in `json_bodies.rs`.

use std::collections::BTreeMap;
use std::future::Future;
use std::process::ExitCode;

use libtest_mimic::{Arguments, Trial};
use twilio_endpoint::{Client, Endpoint};
use twilio_endpoint_tests::newer::{
    greeting_content, AssistantsV1CreateMessageRequest, CreateAssistantMessage,
    CreateServiceConversation, FetchMessagingService, FetchSyncService, ListKnowledgeByAssistant,
    ListOrganizationAccounts, UpdateDocument, WebhookEnabled,
};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const SERVICE: &str = "IS0123456789abcdef0123456789abcdef";

/// A Prism mock of one of Twilio's descriptions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mock {
    Content,
    Assistants,
    Conversations,
    Sync,
    Messaging,
    IamOrganizations,
    OAuth,
}

impl Mock {
    const ALL: [Mock; 7] = [
        Mock::Content,
        Mock::Assistants,
        Mock::Conversations,
        Mock::Sync,
        Mock::Messaging,
        Mock::IamOrganizations,
        Mock::OAuth,
    ];

    /// The product host it stands for, and where it listens.
    fn host_and_url(self) -> (&'static str, &'static str) {
        match self {
            Mock::Content => ("content", "http://127.0.0.1:4012"),
            Mock::Assistants => ("assistants", "http://127.0.0.1:4013"),
            Mock::Conversations => ("conversations", "http://127.0.0.1:4014"),
            Mock::Sync => ("sync", "http://127.0.0.1:4015"),
            Mock::Messaging => ("messaging", "http://127.0.0.1:4016"),
            Mock::IamOrganizations => ("preview-iam", "http://127.0.0.1:4017"),
            Mock::OAuth => ("oauth", "http://127.0.0.1:4018"),
        }
    }

    async fn answers(self) -> Result<(), String> {
        let (_, url) = self.host_and_url();
        reqwest::Client::new()
            .get(url)
            .timeout(std::time::Duration::from_secs(5))
            .send()
            .await
            .map(drop)
            .map_err(|error| format!("Prism does not answer on {url}: {error}"))
    }
}

/// A client whose every product host with a mock goes to that mock: Basic credentials, or
/// OAuth2 client credentials only.
fn client(oauth2_only: bool) -> Client {
    let mut builder = Client::builder();
    builder = if oauth2_only {
        builder.oauth2_client_credentials(
            "OQ0123456789abcdef0123456789abcdef",
            "contract-test-client-secret",
        )
    } else {
        builder
            .account_sid(ACCOUNT)
            .auth_token("contract-test-token")
    };
    for mock in Mock::ALL {
        let (host, url) = mock.host_and_url();
        builder = builder.host_base_url(host, url);
    }
    builder.no_retries().build().expect("loopback origins")
}

/// Sends and expects a 2xx; a refusal fails with the error (Prism's reasons in its body).
async fn send_ok<E: Endpoint>(client: &Client, request: &E) -> E::Response {
    match client.send(request).await {
        Ok(response) => response,
        Err(error) => panic!("Prism refused what the crate sent: {error}"),
    }
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let required = std::env::var("TWILIO_PRISM_REQUIRED").as_deref() == Ok("1");
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let mut absent = Vec::new();
    for mock in Mock::ALL {
        if let Err(error) = runtime.block_on(mock.answers()) {
            eprintln!(
                "contract tests that need it are ignored: {error} (start it with \
                 `bash .ci/prism.sh start`)"
            );
            absent.push(mock);
        }
    }
    drop(runtime);
    let trial = |name: &'static str, needs: &[Mock], test: fn() -> Pin| {
        let missing = needs.iter().any(|mock| absent.contains(mock));
        Trial::test(name, move || {
            let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
            runtime.block_on(test());
            Ok(())
        })
        .with_ignored_flag(missing && !required)
    };
    let trials = vec![
        trial("json_members_body", &[Mock::Content], || {
            Box::pin(json_members_body())
        }),
        trial("whole_body_and_id_placeholder", &[Mock::Assistants], || {
            Box::pin(whole_body_and_id_placeholder())
        }),
        trial("camel_case_placeholder", &[Mock::Assistants], || {
            Box::pin(camel_case_placeholder())
        }),
        trial("header_parameter", &[Mock::Conversations], || {
            Box::pin(header_parameter())
        }),
        trial("if_match_update", &[Mock::Sync], || {
            Box::pin(if_match_update())
        }),
        trial(
            "two_products_behind_two_origins",
            &[Mock::Sync, Mock::Messaging],
            || Box::pin(two_products_behind_two_origins()),
        ),
        trial(
            "oauth2_only_operation",
            &[Mock::IamOrganizations, Mock::OAuth],
            || Box::pin(oauth2_only_operation()),
        ),
    ];
    libtest_mimic::run(&args, trials).exit_code()
}

type Pin = std::pin::Pin<Box<dyn Future<Output = ()>>>;

async fn json_members_body() {
    send_ok(&client(false), &greeting_content()).await;
}

async fn whole_body_and_id_placeholder() {
    let request = CreateAssistantMessage::builder()
        .id("aia_asst_0123")
        .body(AssistantsV1CreateMessageRequest {
            identity: "user:1".into(),
            session_id: Some("session-1".into()),
            body: "What is my balance?".into(),
            webhook: None,
            mode: Some("chat".into()),
        })
        .build();
    send_ok(&client(false), &request).await;
}

async fn camel_case_placeholder() {
    let request = ListKnowledgeByAssistant::builder()
        .assistant_id("aia_asst_0123")
        .page_size(5)
        .build();
    send_ok(&client(false), &request).await;
}

async fn header_parameter() {
    let request = CreateServiceConversation::builder()
        .chat_service_sid(SERVICE)
        .friendly_name("Support")
        .x_twilio_webhook_enabled(WebhookEnabled::True)
        .build();
    send_ok(&client(false), &request).await;
}

async fn if_match_update() {
    let request = UpdateDocument::builder()
        .service_sid(SERVICE)
        .sid("settings")
        .data(BTreeMap::from([("theme".to_owned(), "dark".into())]))
        .ttl(60)
        .if_match("3")
        .build();
    send_ok(&client(false), &request).await;
}

async fn two_products_behind_two_origins() {
    let client = client(false);
    let messaging = FetchMessagingService::builder()
        .sid("MG0123456789abcdef0123456789abcdef")
        .build();
    let answer = send_ok(&client, &messaging).await;
    assert!(
        answer["sid"].as_str().is_some_and(|s| s.starts_with("MG")),
        "{answer}"
    );
    let sync = FetchSyncService::builder().sid(SERVICE).build();
    let answer = send_ok(&client, &sync).await;
    assert!(
        answer["sid"].as_str().is_some_and(|s| s.starts_with("IS")),
        "{answer}"
    );
}

async fn oauth2_only_operation() {
    let request = ListOrganizationAccounts::builder()
        .organization_sid("OR0123456789abcdef0123456789abcdef")
        .page_size(2)
        .build();
    send_ok(&client(true), &request).await;
}
