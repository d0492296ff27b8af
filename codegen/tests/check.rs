//! `--check`: the bundled Payments endpoints and the checked-in generated file agree with the
//! description, and each kind of change to a copy of the description is reported.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use twilio_endpoint_codegen::check::{check, CheckOptions};
use twilio_endpoint_codegen::Spec;

fn v2010_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/contract/twilio_api_v2010.json")
}

fn v2010_json() -> Value {
    serde_json::from_str(&std::fs::read_to_string(v2010_path()).unwrap()).unwrap()
}

fn spec(json: &Value) -> Spec {
    Spec::from_json(&json.to_string()).unwrap()
}

fn payments_rs() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src/payments.rs"),
    )
    .unwrap()
}

fn generated_rs() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generated/api_v2010.rs"),
    )
    .unwrap()
}

fn differences(json: &Value, source: &str) -> Vec<String> {
    differences_with(json, source, CheckOptions::default())
}

fn differences_with(json: &Value, source: &str, options: CheckOptions) -> Vec<String> {
    check(&spec(json), source, options)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect()
}

const PAYMENT: &str = "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Payments/{Sid}.json";

fn update_payments_form(json: &mut Value) -> &mut Value {
    &mut json["paths"][PAYMENT]["post"]["requestBody"]["content"]
        ["application/x-www-form-urlencoded"]["schema"]
}

#[test]
fn the_bundled_payments_and_the_generated_file_agree_with_the_description() {
    let json = v2010_json();
    assert_eq!(differences(&json, &payments_rs()), Vec::<String>::new());
    assert_eq!(differences(&json, &generated_rs()), Vec::<String>::new());
}

#[test]
fn a_changed_description_is_reported() {
    let mut json = v2010_json();
    // A parameter made optional, one added, one removed, a SID pattern and a URI rule changed,
    // a new enum value.
    let form = update_payments_form(&mut json);
    form["required"] = json!(["StatusCallback"]);
    form["properties"]["Tip"] = json!({"type": "string"});
    form["properties"].as_object_mut().unwrap().remove("Status");
    form["properties"]["StatusCallback"]["description"] = json!("Where to send callbacks.");
    json["paths"][PAYMENT]["post"]["parameters"][2]["schema"]["pattern"] =
        json!("^PY[0-9a-fA-F]{32}$");
    json["components"]["schemas"]["payments_enum_capture"]["enum"]
        .as_array_mut()
        .unwrap()
        .push(json!("iban"));
    assert_eq!(
        differences(&json, &payments_rs()),
        [
            "UpdatePayments: enum `Capture` (`Capture`) has a new value `iban` in the description",
            "UpdatePayments: parameter `IdempotencyKey` is optional in the description",
            "UpdatePayments: parameter `Sid`: sid = \"PY\" in the description, sid = \"PK\" here",
            "UpdatePayments: parameter `StatusCallback`: uri in the description, uri_reference here",
            "UpdatePayments: parameter `Status` (form) is declared but not in the description",
            "UpdatePayments: parameter `Tip` (form, optional) is in the description but not declared",
        ]
    );
}

#[test]
fn a_changed_operation_is_reported() {
    let mut json = v2010_json();
    let mut item = json["paths"]
        .as_object_mut()
        .unwrap()
        .remove(PAYMENT)
        .unwrap();
    item["post"]["parameters"][2]["name"] = json!("PaymentSid");
    json["paths"]["/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Payments/{PaymentSid}.json"] =
        item;
    let found = differences(&json, &payments_rs());
    assert!(
        found.contains(&"UpdatePayments: parameter `PaymentSid` (path, required) is in the description but not declared".to_string()),
        "{found:#?}"
    );
    assert!(
        found.contains(
            &"UpdatePayments: parameter `Sid` (path) is declared but not in the description"
                .to_string()
        ),
        "{found:#?}"
    );
    assert!(
        found.contains(&"UpdatePayments: path is `/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<PaymentSid>.json` in the description, `/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json` here".to_string()),
        "{found:#?}"
    );
}

#[test]
fn the_command_exits_non_zero_on_a_difference() {
    let mut json = v2010_json();
    update_payments_form(&mut json)["properties"]["Tip"] = json!({"type": "string"});
    let dir = std::env::temp_dir().join(format!("codegen-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let changed = dir.join("twilio_api_v2010.json");
    std::fs::write(&changed, json.to_string()).unwrap();
    let payments = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src/payments.rs");

    let run = |spec: &Path| {
        Command::new(env!("CARGO_BIN_EXE_twilio-endpoint-codegen"))
            .arg("--spec")
            .arg(spec)
            .arg("--check")
            .arg(&payments)
            .output()
            .unwrap()
    };
    let same = run(&v2010_path());
    assert_eq!(same.status.code(), Some(0));
    assert!(same.stdout.is_empty());

    let differs = run(&changed);
    assert_eq!(differs.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(differs.stdout).unwrap(),
        "UpdatePayments: parameter `Tip` (form, optional) is in the description but not declared\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A subset of an operation's optional parameters, as `tests/src` declares them.
const LIST_MESSAGE_SUBSET: &str = r#"
use twilio_endpoint::twilio_endpoint;

#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Messages.json", list = Message)]
pub struct ListMessage {
    #[twilio(sid = "AC")]
    pub account_sid: String,
    pub to: Option<String>,
    #[twilio(rename = "DateSent>")]
    pub date_sent_after: Option<twilio_endpoint::DateTime>,
    pub page_size: Vec<u32>,
}
"#;

#[test]
fn a_subset_reports_only_what_it_declares() {
    let json = v2010_json();
    let full = differences(&json, LIST_MESSAGE_SUBSET);
    assert!(full.contains(
        &"ListMessage: parameter `From` (query, optional) is in the description but not declared"
            .to_string()
    ));
    assert_eq!(
        differences_with(&json, LIST_MESSAGE_SUBSET, CheckOptions { subset: true }),
        ["ListMessage: parameter `PageSize` is a single value in the description"]
    );
}

/// Every description in `tests/contract/`, by file name.
fn all_descriptions() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/contract");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let json = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), json)
        })
        .collect()
}

/// The files of `tests/src/` that declare endpoints.
fn test_declarations() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/src");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .filter(|(_, text)| text.contains("#[twilio_endpoint("))
        .collect();
    files.sort();
    files
}

#[test]
fn the_declarations_of_the_tests_agree_with_the_descriptions() {
    let specs: Vec<Spec> = all_descriptions().iter().map(|(_, j)| spec(j)).collect();
    let files = test_declarations();
    assert!(files.len() >= 6, "{files:?}");
    for (name, source) in files {
        let found = twilio_endpoint_codegen::check::check_all(
            &specs,
            &source,
            CheckOptions { subset: true },
        )
        .unwrap();
        let found: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(found, Vec::<String>::new(), "tests/src/{name}");
    }
}

#[test]
fn a_struct_named_otherwise_is_checked_against_its_method_and_path() {
    // tests/src/newer.rs declares sync's `FetchService` as `FetchSyncService`, and messaging's
    // as `FetchMessagingService`: a required parameter added to sync's alone is reported
    // against the one that stands for it.
    let mut descriptions = all_descriptions();
    let (_, sync) = descriptions
        .iter_mut()
        .find(|(name, _)| name == "twilio_sync_v1.json")
        .unwrap();
    sync["paths"]["/v1/Services/{Sid}"]["get"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Region", "in": "query", "required": true, "schema": {"type": "string"}}));
    let specs: Vec<Spec> = descriptions.iter().map(|(_, j)| spec(j)).collect();
    let (_, newer) = test_declarations()
        .into_iter()
        .find(|(name, _)| name == "newer.rs")
        .unwrap();
    let found: Vec<String> =
        twilio_endpoint_codegen::check::check_all(&specs, &newer, CheckOptions { subset: true })
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
    assert_eq!(
        found,
        ["FetchSyncService: parameter `Region` (query, required) is in the description but not declared"]
    );
}

/// `UpdatePayments` as bundled, with `extra` added to its attribute's arguments.
fn update_payments_with(extra: &str) -> String {
    let source = payments_rs();
    let declaration = "    \"/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json\",\n    response = Payment\n)]";
    assert!(
        source.contains(declaration),
        "payments.rs declares UpdatePayments so"
    );
    source.replacen(
        declaration,
        &declaration.replace(
            "response = Payment",
            &format!("response = Payment, {extra}"),
        ),
        1,
    )
}

/// `--check` reads a declaration with the macro's own front end: the defaults written out
/// (`body = form`, `auth = basic`) are what the macro gives them, not JSON and OAuth2, which
/// are a difference when written.
#[test]
fn body_and_auth_are_read_as_the_macro_reads_them() {
    let json = v2010_json();
    for defaults in ["body = form", "auth = basic", "body = form, auth = basic"] {
        assert_eq!(
            differences(&json, &update_payments_with(defaults)),
            Vec::<String>::new(),
            "{defaults}"
        );
    }
    let json_body = differences(&json, &update_payments_with("body = json"));
    assert!(
        json_body.contains(&"UpdatePayments: the body is a form in the description".to_string()),
        "{json_body:?}"
    );
    let oauth2 = differences(&json, &update_payments_with("auth = oauth2"));
    assert_eq!(
        oauth2,
        ["UpdatePayments: the description's auth is not OAuth2 only"]
    );
}

/// A declaration the macro refuses is refused by `--check` with the macro's message.
#[test]
fn a_declaration_the_macro_refuses_is_an_error() {
    let error = check(
        &spec(&v2010_json()),
        &update_payments_with("host = \"-voice\""),
        CheckOptions::default(),
    )
    .unwrap_err();
    assert!(
        error.starts_with("`UpdatePayments`: `host` is the product's part"),
        "{error}"
    );
}
