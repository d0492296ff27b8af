//! Drift between the declarations and Twilio's OpenAPI description (`tests/contract/*.json`).
//!
//! Each declared endpoint is compared with the operation of the same `operationId`: method,
//! path template, host, every parameter's wire name and place, which are required, SID
//! patterns, `format: uri`, enum values, and the success response. A change on either side,
//! a renamed field or a new Twilio parameter, a dropped variant or a new enum value, fails
//! with one line per difference.
//!
//! The success status is not part of a declaration: `Client::send` takes any 2xx and decodes
//! its body into `Endpoint::Response`. What a declaration must get right is that its response
//! type reads what Twilio answers: each example of the described success response must
//! deserialize into it, and a `204` (no body) must be accepted as empty. The status itself is
//! checked against the Payments stand-in, which models Twilio's answers for the bundled
//! endpoints and must answer the described code.

use std::any::type_name;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use twilio_endpoint::payments::{CreatePayments, UpdatePayments};
use twilio_endpoint::testing::StandIn;
use twilio_endpoint::{twilio_endpoint, Client, Endpoint, Location, Parameter};
use twilio_endpoint_tests::spec::{self, location_name, sid_pattern, DescribedParameter};
use twilio_endpoint_tests::wire::WireValues;
use twilio_endpoint_tests::{calls, messages, phone_numbers, raw, recordings, voice};

/// How much of the described operation a declaration covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coverage {
    /// Every described parameter is declared (the bundled endpoints).
    Every,
    /// Every required one is; optional ones may be left out (the test declarations).
    Required,
}

/// A declared parameter whose type has a fixed set of wire values: an enum, or `bool` for
/// Twilio's string enum `true`/`false`.
struct Values {
    name: &'static str,
    type_name: &'static str,
    wire: Vec<String>,
}

/// The values of an optional field, named by its Twilio parameter name. The accessor ties the
/// entry to the field's type, so changing the type changes the values compared.
fn optional<E, T: WireValues>(name: &'static str, _field: fn(&E) -> &Option<T>) -> Values {
    Values {
        name,
        type_name: T::NAME,
        wire: T::all().into_iter().map(WireValues::wire).collect(),
    }
}

/// Every difference between `E` and the operation `id` of the description of `E::HOST`.
fn differences<E: Endpoint>(id: &str, coverage: Coverage, values: &[Values]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(description) = spec::for_host(E::HOST) else {
        return vec![format!("{id}: no description of the host `{}`", E::HOST)];
    };
    let Some(op) = description.operation(id) else {
        return vec![format!("{id}: not an operation of {}", description.file())];
    };
    let mut differ = |what: String| out.push(format!("{id}: {what}"));
    if E::METHOD != op.method {
        differ(format!(
            "method: declared {}, described {}",
            E::METHOD,
            op.method
        ));
    }
    if E::PATH_TEMPLATE != op.template() {
        differ(format!(
            "path: declared `{}`, described `{}`",
            E::PATH_TEMPLATE,
            op.template()
        ));
    }
    let host = format!("https://{}.twilio.com", E::HOST);
    if op.server.as_deref() != Some(host.as_str()) {
        differ(format!("host: declared {host}, described {:?}", op.server));
    }

    let described = op.parameters();
    // A `#[twilio(body)]` field is the whole JSON body: its type holds the members.
    let whole_body = E::PARAMETERS.iter().any(|p| p.location() == Location::Body);
    for parameter in &described {
        if whole_body && parameter.location == Location::JsonMember {
            continue;
        }
        let declared = E::PARAMETERS
            .iter()
            .find(|d| d.name() == parameter.name && d.location() == parameter.location);
        match declared {
            Some(declared) => {
                let table = values.iter().find(|v| v.name == parameter.name);
                compare_parameter(declared, parameter, table, &mut differ);
            }
            None if coverage == Coverage::Every || parameter.required => differ(format!(
                "{:?} ({}) is described but not declared",
                parameter,
                if parameter.required {
                    "required"
                } else {
                    "optional"
                }
            )),
            None => {}
        }
    }
    for declared in E::PARAMETERS {
        let found = described
            .iter()
            .any(|p| p.name == declared.name() && p.location == declared.location())
            || (declared.location() == Location::Body && op.has_json_body());
        if !found {
            differ(format!(
                "{} parameter `{}` is declared but not described",
                location_name(declared.location()),
                declared.name()
            ));
        }
    }
    for table in values {
        if !E::PARAMETERS.iter().any(|p| p.name() == table.name) {
            differ(format!(
                "the values table names `{}`, which is not declared",
                table.name
            ));
        }
    }

    let successes = op.successes();
    if successes.len() != 1 {
        differ(format!(
            "{} success responses are described, not one",
            successes.len()
        ));
    }
    let response = type_name::<E::Response>();
    for success in &successes {
        if !success.has_body {
            if let Err(e) = serde_json::from_value::<E::Response>(Value::Null) {
                differ(format!(
                    "success {} has no body, but `{response}` needs one: {e}",
                    success.status
                ));
            }
        }
        for (name, example) in &success.examples {
            if let Err(e) = serde_json::from_value::<E::Response>(example.clone()) {
                differ(format!(
                    "success {}: example `{name}` does not deserialize into `{response}`: {e}",
                    success.status
                ));
            }
        }
    }
    out
}

/// Compares one parameter present on both sides.
fn compare_parameter(
    declared: &Parameter,
    described: &DescribedParameter<'_>,
    table: Option<&Values>,
    differ: &mut impl FnMut(String),
) {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    // A path parameter is always required; `<AccountSid>` may be left empty for the client's
    // account, but a value is always sent.
    if declared.is_required() != described.required {
        differ(format!(
            "{described:?}: required: declared {}, described {}",
            yes_no(declared.is_required()),
            yes_no(described.required)
        ));
    }
    let pattern = sid_pattern(declared.sid_prefixes());
    if pattern.as_deref() != described.pattern() {
        differ(format!(
            "{described:?}: SID pattern: declared {}, described {}",
            pattern.as_deref().unwrap_or("none"),
            described.pattern().unwrap_or("none")
        ));
    }
    if (declared.uri_rule() != twilio_endpoint::UriRule::None) != described.is_uri() {
        differ(format!(
            "{described:?}: format uri: declared {}, described {}",
            yes_no(declared.uri_rule() != twilio_endpoint::UriRule::None),
            yes_no(described.is_uri())
        ));
    }
    match (described.values(), table) {
        (Some(allowed), Some(table)) => {
            for value in &allowed {
                if !table.wire.contains(value) {
                    differ(format!(
                        "{described:?}: described value `{value}` has no variant in `{}`",
                        table.type_name
                    ));
                }
            }
            for value in &table.wire {
                if !allowed.contains(value) {
                    differ(format!(
                        "{described:?}: `{}` value `{value}` is not described",
                        table.type_name
                    ));
                }
            }
        }
        (Some(allowed), None) => differ(format!(
            "{described:?}: described as one of {allowed:?}, but no enum type is declared for it \
             (add its field to the values table)"
        )),
        // A `bool` field for a described `type: boolean` is the plain mapping.
        (None, Some(table))
            if !(table.type_name == "bool" && described.value_type() == Some("boolean")) =>
        {
            differ(format!(
                "{described:?}: declared with the values of `{}`, but the description does not \
                 restrict it",
                table.type_name
            ))
        }
        (None, _) => {}
    }
}

/// Fails with every difference, one per line.
fn assert_no_differences(found: Vec<Vec<String>>) {
    let found: Vec<String> = found.into_iter().flatten().collect();
    assert!(
        found.is_empty(),
        "the declarations drifted from Twilio's description ({} differences):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// `differences` between `$ty` and the operation of the same name, with the value table of
/// the fields whose type has a fixed set of values (`"Capture" => capture`).
macro_rules! drift {
    ($ty:ident, $coverage:expr $(, { $($name:literal => $field:ident),* $(,)? })?) => {
        differences::<$ty>(
            stringify!($ty),
            $coverage,
            &[$($(optional($name, |r: &$ty| &r.$field)),*)?],
        )
    };
}

#[test]
fn bundled_payments_endpoints_match_the_description() {
    assert_no_differences(vec![
        drift!(CreatePayments, Coverage::Every, {
            "BankAccountType" => bank_account_type,
            "PaymentMethod" => payment_method,
            "TokenType" => token_type,
            // Twilio describes `Confirmation` as a string enum `"true"`/`"false"`; the crate
            // models it as `Option<bool>`, which sends exactly those two strings. The mapping
            // is accepted here on purpose: a third value in the description fails.
            "Confirmation" => confirmation,
        }),
        drift!(UpdatePayments, Coverage::Every, {
            "Capture" => capture,
            "Status" => status,
        }),
    ]);
}

#[test]
fn endpoints_declared_for_the_tests_match_the_description() {
    use calls::*;
    use messages::CreateMessage;
    use phone_numbers::UpdateIncomingPhoneNumber;
    use recordings::*;
    use voice::*;
    use Coverage::{Every, Required};
    assert_no_differences(vec![
        drift!(ListCall, Every, { "Status" => status }),
        drift!(CreateCall, Required, {
            "Method" => method,
            "StatusCallbackMethod" => status_callback_method,
        }),
        drift!(FetchCall, Every),
        drift!(UpdateCall, Every, {
            "Method" => method,
            "Status" => status,
            "FallbackMethod" => fallback_method,
            "StatusCallbackMethod" => status_callback_method,
        }),
        drift!(DeleteCall, Every),
        drift!(CreateMessage, Required, { "ScheduleType" => schedule_type }),
        drift!(UpdateIncomingPhoneNumber, Required, {
            "VoiceMethod" => voice_method,
            "EmergencyStatus" => emergency_status,
            "VoiceReceiveMode" => voice_receive_mode,
        }),
        drift!(FetchRecordingAddOnResultPayload, Every),
        drift!(CreateIpRecord, Every),
        drift!(ListIpRecord, Every),
        drift!(DeleteIpRecord, Every),
        drift!(CreateConnectionPolicyTarget, Every),
    ]);
}

#[test]
fn newer_endpoints_match_their_descriptions() {
    use twilio_endpoint_tests::newer::*;
    use Coverage::{Every, Required};
    let webhook_enabled = [optional(
        "X-Twilio-Webhook-Enabled",
        |r: &CreateServiceConversation| &r.x_twilio_webhook_enabled,
    )];
    // Twilio describes two success answers of the assistants' `CreateMessage` (200 and 202);
    // `send` takes either.
    let assistant_message: Vec<String> =
        differences::<CreateAssistantMessage>("CreateMessage", Every, &[])
            .into_iter()
            .filter(|line| line != "CreateMessage: 2 success responses are described, not one")
            .collect();
    // The Organizations API writes its SID patterns unanchored and lower-case only
    // (`OR[0-9a-f]{32}`); the declaration keeps the anchored rule of every other description.
    let organization_accounts: Vec<String> =
        differences::<ListOrganizationAccounts>("ListOrganizationAccounts", Required, &[])
            .into_iter()
            .filter(|line| {
                line != "ListOrganizationAccounts: path parameter `OrganizationSid`: SID \
                         pattern: declared ^OR[0-9a-fA-F]{32}$, described OR[0-9a-f]{32}"
            })
            .collect();
    assert_no_differences(vec![
        differences::<CreateContent>("CreateContent", Every, &[]),
        assistant_message,
        differences::<ListKnowledgeByAssistant>("ListKnowledgeByAssistant", Required, &[]),
        differences::<CreateServiceConversation>(
            "CreateServiceConversation",
            Required,
            &webhook_enabled,
        ),
        differences::<UpdateDocument>("UpdateDocument", Every, &[]),
        differences::<FetchMessagingService>("FetchService", Every, &[]),
        differences::<FetchSyncService>("FetchService", Every, &[]),
        organization_accounts,
    ]);
}

/// The stand-in answers a valid request with the status Twilio describes for it.
#[tokio::test]
async fn the_stand_in_answers_the_described_success_statuses() {
    let stand_in = StandIn::start().await;
    let client = stand_in.client();
    let create = CreatePayments::builder()
        .call_sid("CA0123456789abcdef0123456789abcdef")
        .idempotency_key("drift-create")
        .status_callback("https://example.com/payments")
        .build();
    let created = answers_described_status(&client, &create).await;
    let session: Value = serde_json::from_str(&created.body).unwrap();
    let update = UpdatePayments::builder()
        .call_sid(create.call_sid.clone())
        .sid(session["sid"].as_str().unwrap())
        .idempotency_key("drift-update")
        .status_callback("https://example.com/payments")
        .capture(twilio_endpoint::payments::Capture::PaymentCardNumber)
        .build();
    answers_described_status(&client, &update).await;
}

/// Sends `request` and checks that the answer's status is the described success status.
async fn answers_described_status<E: Endpoint>(client: &Client, request: &E) -> raw::Answer {
    let answer = raw::send(client.to_http_request(request).unwrap()).await;
    let op = spec::operation_of::<E>();
    assert_eq!(answer.status, op.success().0, "{}: {}", op.id, answer.body);
    answer
}

/// `Capture` without its last value, as a careless edit would leave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
enum ShortCapture {
    #[serde(rename = "payment-card-number")]
    PaymentCardNumber,
    #[serde(rename = "expiration-date")]
    ExpirationDate,
    #[serde(rename = "security-code")]
    SecurityCode,
    #[serde(rename = "postal-code")]
    PostalCode,
    #[serde(rename = "bank-routing-number")]
    BankRoutingNumber,
    #[serde(rename = "bank-account-number")]
    BankAccountNumber,
    #[serde(rename = "payment-card-number-matcher")]
    PaymentCardNumberMatcher,
    #[serde(rename = "expiration-date-matcher")]
    ExpirationDateMatcher,
    #[serde(rename = "security-code-matcher")]
    SecurityCodeMatcher,
}

impl WireValues for ShortCapture {
    const NAME: &'static str = "ShortCapture";

    fn all() -> Vec<Self> {
        use ShortCapture::*;
        vec![
            PaymentCardNumber,
            ExpirationDate,
            SecurityCode,
            PostalCode,
            BankRoutingNumber,
            BankAccountNumber,
            PaymentCardNumberMatcher,
            ExpirationDateMatcher,
            SecurityCodeMatcher,
        ]
    }

    fn wire(self) -> String {
        serde_json::to_value(self)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn from_wire(text: &str) -> Option<Self> {
        serde_json::from_value(Value::String(text.to_owned())).ok()
    }
}

/// `UpdatePayments` after careless edits, one rule broken by each line.
#[twilio_endpoint(
    PUT,
    "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payment/<Sid>.json",
    response = ()
)]
struct DriftedUpdatePayments {
    #[twilio(sid = "AC")]
    account_sid: String,
    call_sid: String,
    #[twilio(sid = "PK|PL")]
    sid: String,
    #[twilio(rename = "IdempotencyKeyX")]
    idempotency_key: String,
    status_callback: Option<String>,
    capture: Option<ShortCapture>,
    #[twilio(query)]
    status: Option<bool>,
}

/// The drift check itself: a declaration with one mistake of each kind is reported line by
/// line, so the tests above cannot pass by comparing nothing.
#[test]
fn each_kind_of_drift_is_reported() {
    let found = differences::<DriftedUpdatePayments>(
        "UpdatePayments",
        Coverage::Every,
        &[
            optional("Capture", |r: &DriftedUpdatePayments| &r.capture),
            optional("Status", |r: &DriftedUpdatePayments| &r.status),
            optional("Mode", |r: &DriftedUpdatePayments| &r.status),
        ],
    );
    let expected = [
        "method: declared PUT, described POST",
        "path: declared `/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payment/<Sid>.json`, \
         described `/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json`",
        "path parameter `CallSid`: SID pattern: declared none, described ^CA[0-9a-fA-F]{32}$",
        "path parameter `Sid`: SID pattern: declared ^(PK|PL)[0-9a-fA-F]{32}$, described \
         ^PK[0-9a-fA-F]{32}$",
        // Form properties come in alphabetical order (serde_json's map).
        "form parameter `Capture`: described value `postal-code-matcher` has no variant in \
         `ShortCapture`",
        "form parameter `IdempotencyKey` (required) is described but not declared",
        "form parameter `Status` (optional) is described but not declared",
        "form parameter `StatusCallback`: required: declared no, described yes",
        "form parameter `StatusCallback`: format uri: declared no, described yes",
        "form parameter `IdempotencyKeyX` is declared but not described",
        "query parameter `Status` is declared but not described",
        "the values table names `Mode`, which is not declared",
    ]
    .map(|line| format!("UpdatePayments: {line}"));
    let (lines, rest) = found.split_at(expected.len().min(found.len()));
    assert_eq!(lines, expected, "all found:\n{}", found.join("\n"));
    // The response type `()` cannot read Twilio's JSON answer: one line per example.
    assert_eq!(rest.len(), 3, "{rest:#?}");
    assert!(rest.iter().all(
        |line| line.starts_with("UpdatePayments: success 202: example `")
            && line.contains("does not deserialize into `()`")
    ));
}

/// A value the description adds, or a variant whose wire name is not described, is reported
/// from the value table's side as well.
#[test]
fn added_and_unknown_enum_values_are_reported() {
    let capture = spec::operation("api", "UpdatePayments")
        .parameter("Capture", Location::Form)
        .unwrap();
    let table = Values {
        name: "Capture",
        type_name: "Capture",
        wire: vec!["payment-card-number".into(), "iban".into()],
    };
    let mut found = BTreeSet::new();
    compare_parameter(
        UpdatePayments::PARAMETERS
            .iter()
            .find(|p| p.name() == "Capture")
            .unwrap(),
        &capture,
        Some(&table),
        &mut |line| {
            found.insert(line);
        },
    );
    assert!(found.contains("form parameter `Capture`: `Capture` value `iban` is not described"));
    assert!(found.contains(
        "form parameter `Capture`: described value `expiration-date` has no variant in `Capture`"
    ));
    assert_eq!(found.len(), 10, "{found:#?}");
}
