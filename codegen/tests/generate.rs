//! The generator on Twilio's own descriptions: the important lines of the Payments and Messages
//! operations, determinism, the checked-in generated file (compiled below against the runtime),
//! JSON bodies, headers and OAuth2, and errors naming the operation.

use std::path::Path;
use std::process::Command;

use twilio_endpoint_codegen::{generate_all, generate_operations, render::render_module, Spec};

/// The compile check: the checked-in output, compiled against the runtime.
#[allow(dead_code, clippy::all)]
#[path = "generated/api_v2010.rs"]
mod api_v2010;

/// The operations of `generated/api_v2010.rs`.
const V2010_OPERATIONS: &[&str] = &[
    "CreatePayments",
    "UpdatePayments",
    "ListMessage",
    "CreateMessage",
    "DeleteMessage",
];

fn read_spec(path: &Path) -> Spec {
    let text = std::fs::read_to_string(path).unwrap();
    Spec::from_json(&text).unwrap()
}

fn v2010_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/contract/twilio_api_v2010.json")
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn generate(spec: &Spec, operations: &[&str], source: &str) -> String {
    let ids: Vec<String> = operations.iter().map(|s| s.to_string()).collect();
    let module = generate_operations(spec, &ids).unwrap();
    render_module(&module, source).unwrap()
}

fn v2010(operations: &[&str]) -> String {
    generate(
        &read_spec(&v2010_path()),
        operations,
        "twilio_api_v2010.json",
    )
}

/// The lines of the struct `name` (its attribute to its closing brace), for assertions.
fn declaration(text: &str, name: &str) -> String {
    let start = text.find(&format!("pub struct {name} {{")).unwrap();
    let attribute = text[..start].rfind("#[twilio_endpoint(").unwrap();
    let end = start + text[start..].find("\n}\n").unwrap();
    text[attribute..end].to_string()
}

/// Whether `needle` (several lines) is in `haystack`, ignoring `///` lines.
fn has(haystack: &str, needle: &str) -> bool {
    let code: Vec<&str> = haystack
        .lines()
        .filter(|l| !l.trim_start().starts_with("///"))
        .collect();
    code.join("\n").contains(needle)
}

/// Asserts that every one of `expected` is in `text`, ignoring `///` lines.
fn assert_has_all(text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(has(text, expected), "missing:\n{expected}\nin:\n{text}");
    }
}

#[test]
fn update_payments() {
    let text = v2010(&["UpdatePayments"]);
    let decl = declaration(&text, "UpdatePayments");
    assert_has_all(
        &decl,
        &[
            "#[twilio_endpoint(\n    POST,\n    \"/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json\",\n    response = ApiV2010AccountCallPayments\n)]",
            "    #[twilio(sid = \"AC\")]\n    pub account_sid: String,",
            "    #[twilio(sid = \"CA\")]\n    pub call_sid: String,",
            "    #[twilio(sid = \"PK\")]\n    pub sid: String,",
            "    pub idempotency_key: String,",
            "    #[twilio(uri_reference)]\n    pub status_callback: String,",
            "    pub capture: Option<PaymentsEnumCapture>,",
            "    pub status: Option<PaymentsEnumStatus>,",
        ],
    );
    // The ten capture values of the description, in its order.
    assert!(text.contains("    ///\n    /// Twilio's `payments_enum_capture`.\n    pub PaymentsEnumCapture {\n        /// `payment-card-number`\n        PaymentCardNumber = \"payment-card-number\","));
    assert!(text.contains("PostalCodeMatcher = \"postal-code-matcher\","));
    // Docs from the description.
    assert!(
        text.contains("/// update an instance of payments with different phases of payment flows.")
    );
    // The response: every member optional, dates as DateTime.
    assert!(text.contains(
        "#[derive(Debug, Clone, serde::Deserialize)]\npub struct ApiV2010AccountCallPayments {"
    ));
    assert!(has(
        &text,
        "    pub date_created: Option<twilio_endpoint::DateTime>,"
    ));
}

#[test]
fn create_payments() {
    let text = v2010(&["CreatePayments"]);
    let decl = declaration(&text, "CreatePayments");
    assert_has_all(
        &decl,
        &[
            "\"/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments.json\",\n    response = ApiV2010AccountCallPayments",
            "    pub idempotency_key: String,\n",
            "    #[twilio(uri_reference)]\n    pub status_callback: String,",
            "    pub bank_account_type: Option<PaymentsEnumBankAccountType>,",
            "    pub charge_amount: Option<twilio_endpoint::Amount>,",
            "    pub confirmation: Option<bool>,",
            "    pub min_postal_code_length: Option<u32>,",
            "    pub parameter: Option<serde_json::Value>,",
            "    pub payment_method: Option<PaymentsEnumPaymentMethod>,",
            "    pub postal_code: Option<bool>,",
            "    pub token_type: Option<PaymentsEnumTokenType>,",
        ],
    );
}

#[test]
fn list_message() {
    let text = v2010(&["ListMessage"]);
    let decl = declaration(&text, "ListMessage");
    assert_has_all(
        &decl,
        &[
            "#[twilio_endpoint(\n    GET,\n    \"/2010-04-01/Accounts/<AccountSid>/Messages.json\",\n    list = ApiV2010AccountMessage\n)]",
            "    pub to: Option<String>,",
            "    pub date_sent: Option<twilio_endpoint::DateTime>,",
            "    #[twilio(rename = \"DateSent<\")]\n    pub date_sent_before: Option<twilio_endpoint::DateTime>,",
            "    #[twilio(rename = \"DateSent>\")]\n    pub date_sent_after: Option<twilio_endpoint::DateTime>,",
            "    pub page_size: Option<u32>,",
        ],
    );
    assert!(has(&text, "pub struct ApiV2010AccountMessage {"));
}

#[test]
fn create_message_lists_and_uris() {
    let text = v2010(&["CreateMessage"]);
    let decl = declaration(&text, "CreateMessage");
    assert_has_all(
        &decl,
        &[
            "    pub to: String,",
            "    #[twilio(uri)]\n    pub status_callback: Option<String>,",
            "    #[twilio(uri)]\n    pub media_url: Vec<String>,",
            "    #[twilio(sid = \"MG\")]\n    pub messaging_service_sid: Option<String>,",
        ],
    );
}

#[test]
fn delete_answers_nothing() {
    let text = v2010(&["DeleteMessage"]);
    assert!(has(
        &text,
        "#[twilio_endpoint(\n    DELETE,\n    \"/2010-04-01/Accounts/<AccountSid>/Messages/<Sid>.json\",\n    response = ()\n)]"
    ));
}

#[test]
fn a_redirect_only_operation_answers_where_it_points() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/contract/twilio_bulkexports_v1.json");
    let text = generate(
        &read_spec(&path),
        &["FetchDay"],
        "twilio_bulkexports_v1.json",
    );
    let day = declaration(&text, "FetchDay");
    assert!(
        day.contains("response = twilio_endpoint::Redirect"),
        "{day}"
    );
    assert!(day.contains("host = \"bulkexports\""), "{day}");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = v2010(V2010_OPERATIONS);
    let second = v2010(V2010_OPERATIONS);
    assert_eq!(first, second);
    let spec = read_spec(&v2010_path());
    let (a, _) = generate_all(&spec);
    let (b, _) = generate_all(&read_spec(&v2010_path()));
    assert_eq!(a, b);
}

/// `generated/api_v2010.rs` is what the generator writes today; `UPDATE_GENERATED=1` rewrites it.
#[test]
fn the_checked_in_file_is_regenerated_exactly() {
    let text = v2010(V2010_OPERATIONS);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generated/api_v2010.rs");
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap();
    assert!(
        checked_in == text,
        "tests/generated/api_v2010.rs is stale: run with UPDATE_GENERATED=1"
    );
}

#[test]
fn the_generated_declarations_send_what_twilio_expects() {
    use twilio_endpoint::Endpoint as _;
    let request = api_v2010::UpdatePayments::builder()
        .account_sid("")
        .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .idempotency_key("k1")
        .status_callback("/pay/status")
        .capture(api_v2010::PaymentsEnumCapture::PaymentCardNumber)
        .build();
    let encoded = request
        .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .unwrap();
    assert_eq!(
        encoded.url,
        "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Payments/PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json"
    );
    assert_eq!(
        encoded.body.as_deref(),
        Some("IdempotencyKey=k1&StatusCallback=%2Fpay%2Fstatus&Capture=payment-card-number")
    );

    let bad = api_v2010::UpdatePayments::builder()
        .account_sid("")
        .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .sid("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .idempotency_key("k1")
        .status_callback("/pay/status")
        .build();
    let error = bad
        .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .unwrap_err();
    assert_eq!(error.problems()[0].parameter(), "Sid");

    let list = api_v2010::ListMessage::builder()
        .account_sid("")
        .date_sent_after(twilio_endpoint::DateTime(
            twilio_endpoint::time::OffsetDateTime::from_unix_timestamp(1_767_323_045).unwrap(),
        ))
        .page_size(20)
        .build();
    let encoded = list.encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").unwrap();
    assert_eq!(
        encoded.url,
        "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json?DateSent%3E=2026-01-02T03%3A04%3A05Z&PageSize=20"
    );

    let page: api_v2010::ApiV2010AccountCallPayments = serde_json::from_str(
        r#"{"sid": "PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "date_created": "Wed, 18 Dec 2019 20:02:01 +0000"}"#,
    )
    .unwrap();
    assert!(page.date_created.is_some());
}

#[test]
fn json_bodies_headers_and_oauth2() {
    let spec = read_spec(&fixture("twilio_iam_organizations.json"));
    let text = generate(
        &spec,
        &[
            "ListOrganizationAccounts",
            "CreateRoleAssignment",
            "PatchOrganizationUser",
        ],
        "twilio_iam_organizations.json",
    );
    assert_has_all(
        &text,
        &[
            "#[twilio_endpoint(\n    GET,\n    \"/Organizations/<OrganizationSid>/Accounts\",\n    list = PublicApiAccountResponse,\n    host = \"preview-iam\",\n    auth = oauth2\n)]",
            "    body = json,\n    auth = oauth2\n)]\npub struct CreateRoleAssignment {",
            "    #[twilio(sid = \"IX\")]\n    pub role_sid: String,",
            "    #[twilio(header)]\n    pub if_match: Option<String>,",
            "    #[twilio(rename = \"Operations\")]\n    pub operations: Vec<serde_json::Value>,",
        ],
    );

    let spec = read_spec(&fixture("twilio_assistants_v1.json"));
    let text = generate(&spec, &["CreateMessage"], "twilio_assistants_v1.json");
    assert!(has(&text, "    \"/v1/Assistants/<id>/Messages\",\n"));
    assert!(has(
        &text,
        "    host = \"assistants\",\n    body = json\n)]"
    ));
    assert!(has(&text, "    pub id: String,\n"));

    let spec = read_spec(&fixture("twilio_sync_v1.json"));
    let text = generate(&spec, &["UpdateDocument"], "twilio_sync_v1.json");
    assert!(has(&text, "    host = \"sync\"\n)]"));
    assert!(has(
        &text,
        "    #[twilio(header)]\n    pub if_match: Option<String>,"
    ));
}

/// A description Twilio did not write, with the constructs the attribute cannot express.
const UNSUPPORTED: &str = r##"{
  "servers": [{"url": "https://api.twilio.com"}],
  "paths": {
    "/v1/Things": {
      "post": {
        "operationId": "CreateThing",
        "parameters": [{"name": "Session", "in": "cookie", "schema": {"type": "string"}}],
        "responses": {"201": {}}
      },
      "get": {
        "operationId": "ListThing",
        "responses": {"200": {}}
      }
    },
    "/v1/Things/{Sid}": {
      "post": {
        "operationId": "UpdateThing",
        "parameters": [{"name": "Sid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
          "type": "object",
          "properties": {"Value": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}
        }}}},
        "responses": {"200": {}}
      },
      "delete": {
        "operationId": "DeleteThing",
        "parameters": [{"name": "Sid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
          "type": "object",
          "properties": {"Sid": {"type": "string"}, "sid": {"type": "string"}}
        }}}},
        "responses": {"204": {}}
      }
    },
    "/v1/Elsewhere": {
      "get": {
        "operationId": "FetchElsewhere",
        "servers": [{"url": "https://example.com"}],
        "responses": {"200": {}}
      }
    }
  }
}"##;

#[test]
fn what_cannot_be_declared_is_an_error_naming_the_operation() {
    let spec = Spec::from_json(UNSUPPORTED).unwrap();
    let errors = |id: &str| {
        generate_operations(&spec, &[id.to_string()])
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        errors("CreateThing"),
        ["CreateThing: parameter `Session` is in cookie, which the attribute cannot send"]
    );
    assert_eq!(
        errors("UpdateThing"),
        ["UpdateThing: parameter `Value`: oneOf/anyOf/allOf in a form, query or header value cannot be declared"]
    );
    assert_eq!(
        errors("DeleteThing"),
        ["DeleteThing: parameters `sid` and another both become field `new_sid`"]
    );
    assert_eq!(
        errors("FetchElsewhere"),
        ["FetchElsewhere: server `https://example.com` is not https://{product}.twilio.com"]
    );
    assert_eq!(
        errors("FetchNothing"),
        ["FetchNothing: no operation has this operationId in the description"]
    );
    // One operation that can be declared beside them.
    assert!(generate_operations(&spec, &["ListThing".to_string()]).is_ok());
}

fn codegen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_twilio-endpoint-codegen"))
}

#[test]
fn the_command_prints_the_declarations() {
    let output = codegen()
        .arg("--spec")
        .arg(v2010_path())
        .args(V2010_OPERATIONS.iter().flat_map(|o| ["--operation", o]))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        v2010(V2010_OPERATIONS)
    );
}

#[test]
fn the_command_fails_naming_the_operation() {
    let dir = std::env::temp_dir().join(format!("codegen-unsupported-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("unsupported.json");
    std::fs::write(&spec, UNSUPPORTED).unwrap();
    let output = codegen()
        .arg("--spec")
        .arg(&spec)
        .args(["--operation", "ListThing", "--operation", "CreateThing"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "no output beside an error");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "error: CreateThing: parameter `Session` is in cookie, which the attribute cannot send\n"
    );

    // --all lists every operation left out and writes nothing, unless --keep-going.
    let out = dir.join("all");
    let output = codegen()
        .arg("--spec")
        .arg(&spec)
        .args(["--all", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(String::from_utf8(output.stderr).unwrap().lines().count(), 4);
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn all_writes_one_module_per_tag() {
    let dir = std::env::temp_dir().join(format!("codegen-all-{}", std::process::id()));
    let output = codegen()
        .arg("--spec")
        .arg(fixture("twilio_iam_organizations.json"))
        .args(["--all", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "mod.rs",
            "organization_accounts.rs",
            "role_assignments.rs",
            "scim.rs"
        ]
    );
    let mod_rs = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
    assert!(mod_rs
        .ends_with("pub mod organization_accounts;\npub mod role_assignments;\npub mod scim;\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_path_segment_is_text_even_for_an_enum_or_a_date() {
    let spec = Spec::from_json(
        r##"{
          "servers": [{"url": "https://numbers.twilio.com"}],
          "paths": {"/v1/Hooks/{WebhookType}/{Day}": {"delete": {
            "operationId": "DeleteHook",
            "parameters": [
              {"name": "WebhookType", "in": "path", "required": true,
               "schema": {"type": "string", "enum": ["PORT_IN", "PORT_OUT"]}},
              {"name": "Day", "in": "path", "required": true,
               "schema": {"type": "string", "format": "date"}}
            ],
            "responses": {"204": {}}
          }}}
        }"##,
    )
    .unwrap();
    let text = generate(&spec, &["DeleteHook"], "hooks.json");
    assert_has_all(
        &text,
        &[
            "    \"/v1/Hooks/<WebhookType>/<Day>\",\n    response = (),\n    host = \"numbers\"\n)]",
            "    pub webhook_type: String,\n    pub day: String,\n",
        ],
    );
}

#[test]
fn numbers_in_responses_are_decimals() {
    // Twilio's schema says `type: number` for a number's latitude; Twilio sends "19.720000".
    let text = v2010(&["ListAvailablePhoneNumberLocal"]);
    assert!(
        has(&text, "    pub latitude: Option<twilio_endpoint::Decimal>,"),
        "{text}"
    );
    assert!(!text.contains("f64"), "no float in the response: {text}");
}

#[test]
fn response_enums_are_open_and_the_description_s_example_decodes() {
    use twilio_endpoint::Open;
    let text = v2010(&["CreateMessage"]);
    assert!(
        has(
            &text,
            "    pub status: Option<twilio_endpoint::Open<MessageEnumStatus>>,"
        ),
        "{text}"
    );
    // The description's own example of CreateMessage's answer decodes into the checked-in type.
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(v2010_path()).unwrap()).unwrap();
    let example = spec["paths"]["/2010-04-01/Accounts/{AccountSid}/Messages.json"]["post"]
        ["responses"]["201"]["content"]["application/json"]["examples"]["create"]["value"]
        .clone();
    let message: api_v2010::ApiV2010AccountMessage =
        serde_json::from_value(example.clone()).unwrap();
    assert_eq!(
        message.status,
        Some(Open::Known(api_v2010::MessageEnumStatus::Queued))
    );
    assert_eq!(
        message.direction,
        Some(Open::Known(api_v2010::MessageEnumDirection::OutboundApi))
    );
    // A status Twilio adds later is kept, not an error.
    let mut later = example;
    later["status"] = "teleported".into();
    let message: api_v2010::ApiV2010AccountMessage = serde_json::from_value(later).unwrap();
    assert_eq!(message.status, Some(Open::Other("teleported".into())));
}
