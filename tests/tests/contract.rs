//! The contract suite: requests built by the crate, sent through the real `Client` to Stoplight
//! Prism mocking Twilio's own OpenAPI descriptions, which answers 422 with its reasons when a
//! request does not conform (see `tests/contract/PRISM_NOTES.md` for what it checks).
//!
//! Start the mocks with `bash .ci/prism.sh start` (`.ci/run` does). The suite has its own
//! `main` (libtest-mimic, `harness = false`) so that it can decide at run time: a test whose
//! mock does not answer is reported as **ignored**, never as passed, and fails instead when
//! `TWILIO_PRISM_REQUIRED=1` (set by `.ci/run`) or when it is run with `--include-ignored`.
//! `TWILIO_PRISM_URL` and `TWILIO_PRISM_VOICE_URL` point the suite at other mocks.
//!
//! Where Prism cannot judge a request, the bytes are checked on a loopback server instead:
//! - list parameters (`StatusCallbackEvent`, `MediaUrl`): Prism reads a form array only as
//!   `Key[]=a&Key[]=b`, and refuses every other form with "must be array"; Twilio's servers and
//!   helper libraries use repeated plain keys (`Key=a&Key=b`), which the crate sends;
//! - query names with `<` or `>` (`StartTime>`): Prism ignores them (a bug in how it loads
//!   operations), so it answers 200 whatever their value.

use std::collections::HashSet;
use std::future::Future;
use std::process::ExitCode;

use libtest_mimic::{Arguments, Trial};

use twilio_endpoint::payments::{
    BankAccountType, Capture, CreatePayments, PaymentMethod, PaymentStatus, TokenType,
    UpdatePayments,
};
use twilio_endpoint::{twilio_endpoint, Client, Endpoint, Location, ProblemKind};
use twilio_endpoint_tests::calls::{
    CallPage, CallStatus, CreateCall, DeleteCall, FetchCall, ListCall, UpdateCall, UpdateCallStatus,
};
use twilio_endpoint_tests::messages::{CreateMessage, ScheduleType};
use twilio_endpoint_tests::phone_numbers::{
    EmergencyStatus, UpdateIncomingPhoneNumber, VoiceReceiveMode,
};
use twilio_endpoint_tests::recordings::FetchRecordingAddOnResultPayload;
use twilio_endpoint_tests::voice::{
    CreateConnectionPolicyTarget, CreateIpRecord, DeleteIpRecord, ListIpRecord,
};
use twilio_endpoint_tests::wire::{HttpMethod, WireValues};
use twilio_endpoint_tests::{raw, spec, DateTime};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const OTHER_ACCOUNT: &str = "AC00112233445566778899aabbccddeeff";
const CALL: &str = "CA0123456789abcdef0123456789abcdef";
const PAYMENT: &str = "PK0123456789abcdef0123456789abcdef";
const CALLBACK: &str = "https://example.com/payments";

/// Runs the suite: each test with the mocks it needs; a test whose mock does not answer is
/// ignored (and said so once on stderr) unless `TWILIO_PRISM_REQUIRED=1`, when it runs and fails.
fn main() -> ExitCode {
    let args = Arguments::from_args();
    let required = std::env::var("TWILIO_PRISM_REQUIRED").as_deref() == Ok("1");
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let mut absent = Vec::new();
    for mock in [PrismMock::Api, PrismMock::Voice] {
        if let Err(error) = runtime.block_on(mock.answers()) {
            eprintln!(
                "contract tests that need it are ignored: {error} (start it with \
                 `bash .ci/prism.sh start`, or set TWILIO_PRISM_REQUIRED=1 to fail instead)"
            );
            absent.push(mock);
        }
    }
    drop(runtime);
    let trials = vec![
        prism(
            "update_payments_with_required_fields_only",
            &[PrismMock::Api],
            update_payments_with_required_fields_only,
        ),
        prism(
            "update_payments_with_every_field",
            &[PrismMock::Api],
            update_payments_with_every_field,
        ),
        prism(
            "create_payments_with_required_fields_only",
            &[PrismMock::Api],
            create_payments_with_required_fields_only,
        ),
        prism(
            "create_payments_with_every_field",
            &[PrismMock::Api],
            create_payments_with_every_field,
        ),
        prism(
            "every_enum_value_is_accepted",
            &[PrismMock::Api],
            every_enum_value_is_accepted,
        ),
        prism(
            "values_that_need_encoding_are_accepted_and_arrive_intact",
            &[PrismMock::Api],
            values_that_need_encoding_are_accepted_and_arrive_intact,
        ),
        prism(
            "sid_rules_agree_with_prism",
            &[PrismMock::Api],
            sid_rules_agree_with_prism,
        ),
        prism(
            "uri_rule_agrees_with_prism",
            &[PrismMock::Api],
            uri_rule_agrees_with_prism,
        ),
        prism(
            "relative_status_callback_is_a_known_difference_from_prism",
            &[PrismMock::Api],
            relative_status_callback_is_a_known_difference_from_prism,
        ),
        prism(
            "uri_rule_agrees_with_prism_on_rfc3986_grammar",
            &[PrismMock::Api],
            uri_rule_agrees_with_prism_on_rfc3986_grammar,
        ),
        prism(
            "required_strings_agree_with_prism",
            &[PrismMock::Api, PrismMock::Voice],
            required_strings_agree_with_prism,
        ),
        prism(
            "lists_calls_by_page_with_date_range_filters",
            &[PrismMock::Api],
            lists_calls_by_page_with_date_range_filters,
        ),
        prism(
            "creates_a_call_with_booleans_integers_and_enums",
            &[PrismMock::Api],
            creates_a_call_with_booleans_integers_and_enums,
        ),
        prism(
            "list_parameters_repeat_the_key",
            &[],
            list_parameters_repeat_the_key,
        ),
        plain(
            "a_date_time_field_is_one_value_or_refused",
            &[],
            a_date_time_field_is_one_value_or_refused,
        ),
        prism(
            "fetches_updates_and_deletes_a_call",
            &[PrismMock::Api],
            fetches_updates_and_deletes_a_call,
        ),
        prism(
            "creates_a_scheduled_message_with_numbers_and_booleans",
            &[PrismMock::Api],
            creates_a_scheduled_message_with_numbers_and_booleans,
        ),
        prism(
            "moves_a_phone_number_to_another_account",
            &[PrismMock::Api],
            moves_a_phone_number_to_another_account,
        ),
        prism(
            "fetches_at_a_path_with_four_placeholders",
            &[PrismMock::Api],
            fetches_at_a_path_with_four_placeholders,
        ),
        prism(
            "voice_host_operations",
            &[PrismMock::Voice],
            voice_host_operations,
        ),
    ];
    let trials = trials
        .into_iter()
        .map(|(trial, needs)| {
            let missing = needs.iter().any(|mock| absent.contains(mock));
            trial.with_ignored_flag(missing && !required)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}

/// A test that needs `needs`, run on its own current-thread runtime (as `#[tokio::test]` does).
fn prism<F>(
    name: &str,
    needs: &'static [PrismMock],
    test: fn() -> F,
) -> (Trial, &'static [PrismMock])
where
    F: Future<Output = ()> + 'static,
{
    let trial = Trial::test(name, move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime")
            .block_on(test());
        Ok(())
    });
    (trial, needs)
}

/// A test without I/O.
fn plain(name: &str, needs: &'static [PrismMock], test: fn()) -> (Trial, &'static [PrismMock]) {
    (
        Trial::test(name, move || {
            test();
            Ok(())
        }),
        needs,
    )
}

/// A Prism mock, and a client that sends every request to it.
struct Prism {
    client: Client,
}

/// A Prism mock the suite uses: where it listens by default, and the variable that moves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PrismMock {
    /// The mock of `api.twilio.com` (`twilio_api_v2010.json`).
    Api,
    /// The mock of `voice.twilio.com` (`twilio_voice_v1.json`).
    Voice,
}

impl PrismMock {
    fn base_url(self) -> String {
        let (variable, default) = match self {
            PrismMock::Api => ("TWILIO_PRISM_URL", "http://127.0.0.1:4010"),
            PrismMock::Voice => ("TWILIO_PRISM_VOICE_URL", "http://127.0.0.1:4011"),
        };
        std::env::var(variable)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| default.to_owned())
    }

    /// Whether the mock answers at all (any status).
    async fn answers(self) -> Result<(), String> {
        let base = self.base_url();
        reqwest::Client::new()
            .get(&base)
            .timeout(std::time::Duration::from_secs(5))
            .send()
            .await
            .map(drop)
            .map_err(|error| format!("Prism does not answer on {base}: {error}"))
    }
}

/// The mock of `api.twilio.com`; the test fails if it does not answer.
async fn api() -> Prism {
    Prism::connect(PrismMock::Api).await
}

/// The mock of `voice.twilio.com`; the test fails if it does not answer.
async fn voice() -> Prism {
    Prism::connect(PrismMock::Voice).await
}

/// A client for `base_url`, with credentials of the shape Prism checks (any user and password).
fn client_for(base_url: &str) -> Client {
    Client::builder()
        .account_sid(ACCOUNT)
        .auth_token("contract-test-token")
        .base_url(base_url)
        .build()
        .expect("a loopback base URL and credentials make a client")
}

impl Prism {
    /// The mock, checked to answer: a test that needs Prism never passes without it.
    async fn connect(mock: PrismMock) -> Prism {
        if let Err(error) = mock.answers().await {
            panic!("{error} (start it with `bash .ci/prism.sh start`)");
        }
        Prism {
            client: client_for(&mock.base_url()),
        }
    }

    /// Sends through the real client and expects a 2xx decoded into the declared type. A
    /// refusal fails with every reason Prism gave.
    async fn send_ok<E: Endpoint>(&self, request: &E) -> E::Response {
        self.try_send(request)
            .await
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// Sends through the real client; an error says what Prism refused and why.
    async fn try_send<E: Endpoint>(&self, request: &E) -> Result<E::Response, String> {
        match self.client.send(request).await {
            Ok(response) => Ok(response),
            Err(error) => {
                // The error keeps the start of the body only: replay the same bytes to show all
                // of Prism's reasons.
                let reasons = match self.client.to_http_request(request) {
                    Ok(bytes) => raw::send(bytes).await.validation().join("\n  "),
                    Err(_) => String::new(),
                };
                Err(format!(
                    "Prism refused what the crate sent: {error}\n  {reasons}"
                ))
            }
        }
    }

    /// Sends `request` as it is and expects a 422 whose reasons name `parameter`.
    async fn refuses(
        &self,
        request: http::Request<Vec<u8>>,
        parameter: &str,
    ) -> Result<(), String> {
        let what = format!("{} {}", request.method(), request.uri());
        let answer = raw::send(request).await;
        // `path.sid: …`, `query.parentcallsid: …`, `body.Capture: …`, or for a missing one
        // `body: Request body must have required property 'IdempotencyKey'`.
        let named = answer.validation().iter().any(|reason| {
            let (location, message) = reason.split_once(": ").unwrap_or_default();
            let last = location.rsplit('.').next().unwrap_or_default();
            last.eq_ignore_ascii_case(parameter) || message.contains(&format!("'{parameter}'"))
        });
        if answer.status == 422 && named {
            Ok(())
        } else {
            Err(format!(
                "Prism answered {} to {what}, not a 422 naming `{parameter}`: {}",
                answer.status, answer.body
            ))
        }
    }

    /// Sends `request` as it is and tells whether Prism accepted it (2xx).
    async fn accepts(&self, request: http::Request<Vec<u8>>) -> Result<(), String> {
        let what = format!("{} {}", request.method(), request.uri());
        let answer = raw::send(request).await;
        if (200..300).contains(&answer.status) {
            Ok(())
        } else {
            Err(format!(
                "Prism answered {} to {what}: {:?}",
                answer.status,
                answer.validation()
            ))
        }
    }
}

/// A loopback server that answers like the description's success for `E`, and the one request
/// the client sent it, as bytes: for what Prism cannot check.
async fn loopback<E: Endpoint>(request: &E) -> wiremock::Request {
    let (status, example) = spec::operation_of::<E>().success();
    let server = MockServer::start().await;
    let answer = match example {
        Some(body) => ResponseTemplate::new(status).set_body_json(body),
        None => ResponseTemplate::new(status),
    };
    Mock::given(any()).respond_with(answer).mount(&server).await;
    let client = client_for(&server.uri());
    if let Err(error) = client.send(request).await {
        panic!("the loopback server's answer did not decode: {error}");
    }
    let mut received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 1, "one request");
    received.remove(0)
}

/// The decoded pairs of a form body or query string.
fn pairs(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded).into_owned().collect()
}

/// `value` as a form body or query string writes it.
fn form_encoded(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

fn update_payments() -> UpdatePayments {
    UpdatePayments::builder()
        .call_sid(CALL)
        .sid(PAYMENT)
        .idempotency_key("contract-update")
        .status_callback(CALLBACK)
        .build()
}

fn create_payments() -> CreatePayments {
    CreatePayments::builder()
        .call_sid(CALL)
        .idempotency_key("contract-create")
        .status_callback(CALLBACK)
        .build()
}

fn create_call() -> CreateCall {
    CreateCall::builder()
        .to("+15551234567")
        .from("+15557654321")
        .url("https://example.com/twiml")
        .build()
}

fn date(text: &str) -> DateTime {
    DateTime(
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap(),
    )
}

// ---------------------------------------------------------------------------------------------
// The Payments endpoints.

async fn update_payments_with_required_fields_only() {
    let prism = api().await;
    let payment = prism.send_ok(&update_payments()).await;
    assert!(payment.sid.as_deref().is_some_and(|s| s.starts_with("PK")));
    assert!(payment.date_updated.is_some(), "{payment:?}");
}

async fn update_payments_with_every_field() {
    let prism = api().await;
    let request = UpdatePayments {
        capture: Some(Capture::SecurityCode),
        status: Some(PaymentStatus::Complete),
        ..update_payments()
    };
    assert_every_described_parameter_is_sent(&prism, &request);
    prism.send_ok(&request).await;
}

async fn create_payments_with_required_fields_only() {
    let prism = api().await;
    let payment = prism.send_ok(&create_payments()).await;
    assert!(payment.date_created.is_some(), "{payment:?}");
}

fn create_payments_with_everything() -> CreatePayments {
    let parameter = serde_json::json!({"merchant": "acme", "ref": 42});
    CreatePayments {
        bank_account_type: Some(BankAccountType::ConsumerChecking),
        charge_amount: Some("12.5".parse().unwrap()),
        currency: Some("USD".into()),
        description: Some("api testing".into()),
        input: Some("dtmf".into()),
        min_postal_code_length: Some(5),
        parameter: parameter.as_object().cloned(),
        payment_connector: Some("stripe_connector".into()),
        payment_method: Some(PaymentMethod::CreditCard),
        postal_code: Some(true),
        security_code: Some(false),
        timeout: Some(5),
        token_type: Some(TokenType::Reusable),
        valid_card_types: Some("visa amex".into()),
        require_matching_inputs: Some("payment-card-number,expiration-date".into()),
        confirmation: Some(true),
        ..create_payments()
    }
}

async fn create_payments_with_every_field() {
    let prism = api().await;
    let request = create_payments_with_everything();
    assert_every_described_parameter_is_sent(&prism, &request);
    prism.send_ok(&request).await;
}

/// "Every field" means every form parameter of the description, not only those declared.
fn assert_every_described_parameter_is_sent<E: Endpoint>(prism: &Prism, request: &E) {
    let encoded = request.encode(prism.client.account_sid()).unwrap();
    let sent: HashSet<String> = pairs(encoded.body.unwrap_or_default().as_bytes())
        .into_iter()
        .map(|(key, _)| key)
        .collect();
    let operation = spec::operation_of::<E>();
    let described: HashSet<String> = operation
        .parameters()
        .into_iter()
        .filter(|p| p.location == Location::Form)
        .map(|p| p.name)
        .collect();
    assert_eq!(
        sent, described,
        "{}: not every described form parameter is sent",
        operation.id
    );
}

/// Sends a request with each value of `T`: every value the description allows (each must have
/// a variant: a dropped one fails here) and every variant (each must be accepted: one Twilio
/// does not describe gets a 422).
async fn each_value<T: WireValues, E: Endpoint>(
    prism: &Prism,
    parameter: &str,
    make: impl Fn(T) -> E,
) {
    let op = spec::operation_of::<E>();
    let described = op
        .parameter(parameter, Location::Form)
        .and_then(|p| p.values())
        .unwrap_or_else(|| panic!("{} describes no values for `{parameter}`", op.id));
    let mut values = T::all();
    for text in &described {
        let value = T::from_wire(text).unwrap_or_else(|| {
            panic!(
                "{}: `{parameter}` value `{text}` of the description has no variant in `{}`",
                op.id,
                T::NAME
            )
        });
        if !values.contains(&value) {
            values.push(value);
        }
    }
    for value in values {
        if let Err(error) = prism.try_send(&make(value)).await {
            panic!("{}: `{parameter}={}`: {error}", op.id, value.wire());
        }
    }
}

/// `each_value` for each listed field of a valid request: `"Name" => field` sets `field`.
macro_rules! each_field_value {
    ($prism:expr, $valid:expr, { $($name:literal => $field:ident),* $(,)? }) => {$(
        each_value($prism, $name, |value| {
            let mut request = $valid;
            request.$field = Some(value);
            request
        })
        .await;
    )*};
}

async fn every_enum_value_is_accepted() {
    let prism = api().await;
    each_field_value!(&prism, update_payments(), {
        "Capture" => capture,
        "Status" => status,
    });
    each_field_value!(&prism, create_payments(), {
        "BankAccountType" => bank_account_type,
        "PaymentMethod" => payment_method,
        "TokenType" => token_type,
        // A string enum `"true"`/`"false"` in the description, `Option<bool>` in the crate.
        "Confirmation" => confirmation,
    });
}

/// Text with every character that form encoding must escape, and some it must not.
const AWKWARD: &str = "café & crème = 100% + tax; #1?/ \"quoted\" 'single' <b> 👍\nline 2\t~*-._";

async fn values_that_need_encoding_are_accepted_and_arrive_intact() {
    let prism = api().await;
    let parameter = serde_json::json!({"note": AWKWARD, "a&b=c": "+ %20"});
    let callback = "https://example.com/cb?a=1&b=x+y%20z&c=%2B#frag";
    let request = CreatePayments {
        idempotency_key: format!("key {AWKWARD}"),
        status_callback: callback.into(),
        description: Some(AWKWARD.into()),
        parameter: parameter.as_object().cloned(),
        ..create_payments_with_everything()
    };
    // Prism decodes `+` as a space: a `+` sent unencoded would break the URI format.
    prism.send_ok(&request).await;

    let received = loopback(&request).await;
    let form = pairs(&received.body);
    let value = |key: &str| form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    assert_eq!(
        value("IdempotencyKey"),
        Some(format!("key {AWKWARD}").as_str())
    );
    assert_eq!(value("StatusCallback"), Some(callback));
    assert_eq!(value("Description"), Some(AWKWARD));
    let sent: serde_json::Value = serde_json::from_str(value("Parameter").unwrap()).unwrap();
    assert_eq!(sent, parameter);

    // The same text in a query string and a path-adjacent form: TwiML on UpdateCall, a
    // date-time with a `+` offset in a query (Prism checks `StartTime` as `date-time`).
    let update = UpdateCall {
        sid: CALL.into(),
        twiml: Some(format!("<Response><Say>{AWKWARD}</Say></Response>")),
        ..UpdateCall::default()
    };
    prism.send_ok(&update).await;
    let list = ListCall {
        start_time: Some(date("2026-01-01T00:00:00+01:00")),
        to: Some(AWKWARD.into()),
        ..ListCall::default()
    };
    prism.send_ok(&list).await;
    let received = loopback(&list).await;
    assert_eq!(
        pairs(received.url.query().unwrap_or_default().as_bytes()),
        [
            ("To".to_owned(), AWKWARD.to_owned()),
            (
                "StartTime".to_owned(),
                "2026-01-01T00:00:00+01:00".to_owned()
            ),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Rules a Rust type cannot express: the runtime's validation and Prism must agree on each value.

/// One value of a request that a test varies: its Twilio name, where it goes, its value in the
/// valid request, and how to set another.
struct Slot<E> {
    parameter: &'static str,
    location: Location,
    valid: &'static str,
    set: fn(&mut E, &str),
}

fn slot<E>(
    parameter: &'static str,
    location: Location,
    valid: &'static str,
    set: fn(&mut E, &str),
) -> Slot<E> {
    Slot {
        parameter,
        location,
        valid,
        set,
    }
}

impl<E: Clone> Slot<E> {
    /// `base` with this slot set to `value`.
    fn with(&self, base: &E, value: &str) -> E {
        let mut request = base.clone();
        (self.set)(&mut request, value);
        request
    }
}

/// Checks, for each value, that the runtime and Prism agree: the runtime refuses it before
/// sending (a problem naming the parameter) exactly when Prism refuses the same bytes with a
/// 422 naming it. The bytes are the valid request's with the one value replaced, so they are
/// what the runtime would send had it not refused.
async fn agree<E: Endpoint + Clone>(
    prism: &Prism,
    base: &E,
    slot: &Slot<E>,
    values: &[impl AsRef<str>],
) -> Vec<String> {
    let mut disagreements = Vec::new();
    let template = prism
        .client
        .to_http_request(&slot.with(base, slot.valid))
        .unwrap();
    for value in values {
        let value = value.as_ref();
        let bytes = replace(&template, slot, value);
        let verdict =
            match prism.client.to_http_request(&slot.with(base, value)) {
                Ok(sent) => {
                    assert_eq!(
                        (sent.uri(), sent.body()),
                        (bytes.uri(), bytes.body()),
                        "the replaced bytes are what the runtime sends"
                    );
                    prism.accepts(bytes).await.map_err(|e| {
                        format!("the runtime accepts {value:?} but Prism refuses it: {e}")
                    })
                }
                Err(error)
                    if error.problems().len() == 1
                        && error.problems()[0].parameter() == slot.parameter =>
                {
                    let problems = error.problems();
                    prism.refuses(bytes, slot.parameter).await.map_err(|e| {
                        format!("the runtime refuses {value:?} ({}) but {e}", problems[0])
                    })
                }
                Err(other) => Err(format!(
                    "the runtime failed on {value:?} another way: {other}"
                )),
            };
        if let Err(line) = verdict {
            disagreements.push(format!("{} {}: {line}", E::METHOD, slot.parameter));
        }
    }
    disagreements
}

/// The valid request with the slot's value replaced by `value`, every other byte kept.
fn replace<E>(
    template: &http::Request<Vec<u8>>,
    slot: &Slot<E>,
    value: &str,
) -> http::Request<Vec<u8>> {
    let mut request = template.clone();
    match slot.location {
        Location::Path => {
            // Path values here are letters and digits, which a segment keeps as they are.
            assert!(
                value.bytes().all(|b| b.is_ascii_alphanumeric()),
                "{value:?}"
            );
            let uri = template.uri().to_string();
            let from = format!("/{}", slot.valid);
            assert_eq!(uri.matches(&from).count(), 1, "{uri} holds {from} once");
            *request.uri_mut() = uri.replace(&from, &format!("/{value}")).parse().unwrap();
        }
        Location::Query => {
            let uri = template.uri().to_string();
            let (path, query) = uri.split_once('?').expect("a query string");
            let query = replace_pair(query, slot, Some(value));
            *request.uri_mut() = format!("{path}?{query}").parse().unwrap();
        }
        Location::Form => {
            let body = String::from_utf8(template.body().clone()).unwrap();
            *request.body_mut() = replace_pair(&body, slot, Some(value)).into_bytes();
        }
        // The 2010 API's slots are path, query and form parameters only.
        Location::Header | Location::JsonMember | Location::Body => {
            unreachable!("no slot of the 2010 API is a header or JSON")
        }
    }
    request
}

/// `encoded` (`a=1&b=2`) with the slot's pair holding `value`, or without the pair for `None`.
fn replace_pair<E>(encoded: &str, slot: &Slot<E>, value: Option<&str>) -> String {
    let key = form_encoded(slot.parameter);
    let pair = format!("{key}={}", form_encoded(slot.valid));
    let pieces: Vec<&str> = encoded.split('&').collect();
    assert_eq!(
        pieces.iter().filter(|p| **p == pair).count(),
        1,
        "{encoded} holds {pair} once"
    );
    pieces
        .into_iter()
        .filter_map(|piece| match (piece == pair, value) {
            (false, _) => Some(piece.to_owned()),
            (true, Some(value)) => Some(format!("{key}={}", form_encoded(value))),
            (true, None) => None,
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Values around the SID rule of `valid`'s prefix (`PK` followed by 32 hex digits): upper-case
/// hex (valid), then too short, another prefix, a lower-case prefix, a non-hex digit, too long.
fn sid_values(valid: &str) -> Vec<String> {
    let prefix = &valid[..2];
    let digits = "0123456789abcdef0123456789abcdef";
    let other = if prefix == "CA" { "PK" } else { "CA" };
    vec![
        format!("{prefix}0123456789ABCDEF0123456789abcdef"),
        format!("{prefix}0123"),
        format!("{other}{digits}"),
        format!("{}{digits}", prefix.to_lowercase()),
        format!("{prefix}0123456789abcdef0123456789abcdeg"),
        format!("{prefix}{digits}0"),
    ]
}

fn assert_agreement(disagreements: Vec<String>) {
    assert!(
        disagreements.is_empty(),
        "the runtime's validation and Twilio's contract disagree:\n{}",
        disagreements.join("\n")
    );
}

async fn sid_rules_agree_with_prism() {
    use Location::{Form, Path, Query};
    let prism = api().await;
    let mut found = Vec::new();
    for sid in [
        slot("AccountSid", Path, ACCOUNT, |r: &mut UpdatePayments, v| {
            r.account_sid = v.into()
        }),
        slot("CallSid", Path, CALL, |r, v| r.call_sid = v.into()),
        slot("Sid", Path, PAYMENT, |r, v| r.sid = v.into()),
    ] {
        let values = sid_values(sid.valid);
        found.extend(agree(&prism, &update_payments(), &sid, &values).await);
    }
    // A SID in a query string, and in a form body (`AccountSid` again, as a form parameter).
    let parent = slot("ParentCallSid", Query, CALL, |r: &mut ListCall, v| {
        r.parent_call_sid = Some(v.into())
    });
    found.extend(agree(&prism, &ListCall::default(), &parent, &sid_values(CALL)).await);
    let number = UpdateIncomingPhoneNumber::builder()
        .sid("PN0123456789abcdef0123456789abcdef")
        .build();
    let owner = slot(
        "AccountSid",
        Form,
        OTHER_ACCOUNT,
        |r: &mut UpdateIncomingPhoneNumber, v| r.new_account_sid = Some(v.into()),
    );
    found.extend(agree(&prism, &number, &owner, &sid_values(OTHER_ACCOUNT)).await);
    assert_agreement(found);
}

/// `StatusCallback` values on which the runtime's `uri_reference` rule and Prism's `format: uri`
/// agree, accepted ones first. Relative references are not here: they are the one known
/// difference ([`RELATIVE_STATUS_CALLBACKS`]).
const URIS: &[&str] = &[
    "https://example.com/cb?x=1",
    "http://example.com",
    "https://example.com/cb#frag",
    "https://example.com/cb?a=b&c=d",
    "HTTPS://EXAMPLE.COM/cb",
    "https://user:pw@example.com:8443/cb",
    "https://[::1]:80/cb",
    "https://example.com/a+b",
    "https://example.com/%7Euser",
    "mailto:a@b.c",
    "urn:x",
    "tel:+15551234567",
    "sip:sip-box.com:1234",
    "a:b",
    "x:/",
    "https://",
    "",
    "not a uri",
    ":",
    "1http://x",
    "https://example.com/a b",
    "http://exa mple.com/",
    "https://exämple.com/cb",
    "https://example.com/ü",
    "https://example.com/{x}",
    "https://example.com/cb|x",
    "https://ex.com/%zz",
    "https://example.com/cb\n",
];

fn status_callback() -> Slot<UpdatePayments> {
    slot("StatusCallback", Location::Form, CALLBACK, |r, v| {
        r.status_callback = v.into()
    })
}

async fn uri_rule_agrees_with_prism() {
    let prism = api().await;
    let found = agree(&prism, &update_payments(), &status_callback(), URIS).await;
    assert_agreement(found);
}

/// A known difference from Prism, kept on purpose. Twilio's text for both Payments operations
/// says `StatusCallback` is "an absolute or relative URL" (a relative one is resolved against the
/// call's webhook URL), and so does the `<Pay>` documentation; the crate accepts a URI reference
/// (`#[twilio(uri_reference)]`) and sends it. Prism refuses it with a 422, because the
/// description's schema says `format: uri`. Refusing a documented request would leave users no
/// way round, so the crate follows the text. If Prism ever accepts these, move them to [`URIS`].
const RELATIVE_STATUS_CALLBACKS: &[&str] = &[
    "/pay/status",
    "/relative/path",
    "status?order=42",
    "cb",
    "//example.com/cb",
];

async fn relative_status_callback_is_a_known_difference_from_prism() {
    let prism = api().await;
    let mut found = Vec::new();
    for &value in RELATIVE_STATUS_CALLBACKS {
        let mut update = update_payments();
        update.status_callback = value.into();
        let mut create = create_payments();
        create.status_callback = value.into();
        found.extend(sent_and_refused(&prism, &update, value).await);
        found.extend(sent_and_refused(&prism, &create, value).await);
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Checks that the crate validates and sends `value` as the `StatusCallback` of `request`, and
/// that Prism answers those bytes with a 422 naming `StatusCallback`.
async fn sent_and_refused<E: Endpoint>(prism: &Prism, request: &E, value: &str) -> Option<String> {
    let operation = std::any::type_name::<E>()
        .rsplit("::")
        .next()
        .unwrap_or_default();
    let bytes = match prism.client.to_http_request(request) {
        Ok(bytes) => bytes,
        Err(error) => {
            return Some(format!(
                "{}: the crate refuses {value:?}: {error}",
                operation
            ))
        }
    };
    let sent = pairs(bytes.body());
    assert!(
        sent.iter()
            .any(|(key, sent)| key == "StatusCallback" && sent == value),
        "{sent:?}"
    );
    let refused = prism.refuses(bytes, "StatusCallback").await;
    refused
        .err()
        .map(|error| format!("{} {value:?}: {error}", operation))
}

/// Absolute URIs whose characters are all allowed but whose grammar is not RFC 3986's: Prism
/// (ajv-formats' `uri`) refuses them, so the runtime's `uri` rule must too (it once checked
/// only the scheme and the characters, and sent them).
async fn uri_rule_agrees_with_prism_on_rfc3986_grammar() {
    let prism = api().await;
    let values = [
        // nothing after the scheme's colon (RFC 3986 allows an empty path; ajv does not)
        "x:",
        "x:?q",
        // `[` and `]` outside an IP literal
        "https://example.com/a[1]",
        "https://example.com/cb?q=[1]",
        // a second `#`
        "https://example.com/cb#a#b",
        // a broken IP literal
        "https://[::1/cb",
        "https://[zz]/cb",
    ];
    let found = agree(&prism, &update_payments(), &status_callback(), &values).await;
    assert_agreement(found);
}

/// A required string left empty: the runtime refuses it (a `String` field cannot be "absent"
/// any other way), and Prism refuses the request without the parameter.
///
/// For a plain `type: string` (`IdempotencyKey`, `To`, `IpAddress`) Prism accepts an empty
/// value, since the description sets no `minLength`: the runtime is deliberately stricter
/// there, as Twilio's servers treat an empty value as no value and refuse a missing required
/// parameter. For `format: uri` strings Prism refuses the empty value too.
async fn required_strings_agree_with_prism() {
    use Location::Form;
    let (api, voice) = (api().await, voice().await);
    let mut found = Vec::new();
    // Each slot with whether Prism accepts it empty.
    let key = |valid| {
        slot(
            "IdempotencyKey",
            Form,
            valid,
            |r: &mut CreatePayments, v| r.idempotency_key = v.into(),
        )
    };
    let callback = slot(
        "StatusCallback",
        Form,
        CALLBACK,
        |r: &mut CreatePayments, v| r.status_callback = v.into(),
    );
    let strings = [(key("contract-create"), true), (callback, false)];
    found.extend(required(&api, &create_payments(), &strings).await);
    let update_key = slot(
        "IdempotencyKey",
        Form,
        "contract-update",
        |r: &mut UpdatePayments, v| r.idempotency_key = v.into(),
    );
    let strings = [(update_key, true), (status_callback(), false)];
    found.extend(required(&api, &update_payments(), &strings).await);
    let strings = [
        (
            slot("To", Form, "+15551234567", |r: &mut CreateCall, v| {
                r.to = v.into()
            }),
            true,
        ),
        (
            slot("From", Form, "+15557654321", |r, v| r.from = v.into()),
            true,
        ),
    ];
    found.extend(required(&api, &create_call(), &strings).await);
    // Each valid body holds another parameter: Prism does not validate an empty body at all.
    let record = CreateIpRecord::builder()
        .ip_address("10.0.0.1")
        .friendly_name("office")
        .build();
    let address = slot(
        "IpAddress",
        Form,
        "10.0.0.1",
        |r: &mut CreateIpRecord, v| r.ip_address = v.into(),
    );
    found.extend(required(&voice, &record, &[(address, true)]).await);
    let target = CreateConnectionPolicyTarget::builder()
        .connection_policy_sid("NY0123456789abcdef0123456789abcdef")
        .target("sip:sip-box.com:1234")
        .friendly_name("primary")
        .build();
    let uri = slot(
        "Target",
        Form,
        "sip:sip-box.com:1234",
        |r: &mut CreateConnectionPolicyTarget, v| r.target = v.into(),
    );
    found.extend(required(&voice, &target, &[(uri, false)]).await);
    assert_agreement(found);
}

/// The pairs for required form strings of `base`: the runtime refuses each empty, Prism refuses
/// the body without it, and Prism's verdict on the empty value is the one given with it.
async fn required<E: Endpoint + Clone>(
    prism: &Prism,
    base: &E,
    strings: &[(Slot<E>, bool)],
) -> Vec<String> {
    let mut found = Vec::new();
    for (slot, empty_ok) in strings {
        let name = format!("{} {}", E::METHOD, slot.parameter);
        match slot.with(base, "").encode(prism.client.account_sid()) {
            Err(error)
                if error.problems().iter().any(|p| {
                    p.parameter() == slot.parameter && *p.kind() == ProblemKind::Empty
                }) => {}
            other => found.push(format!(
                "{name}: the runtime did not refuse it empty: {other:?}"
            )),
        }
        let template = prism
            .client
            .to_http_request(&slot.with(base, slot.valid))
            .unwrap();
        let mut missing = template.clone();
        let body = String::from_utf8(template.body().clone()).unwrap();
        *missing.body_mut() = replace_pair(&body, slot, None).into_bytes();
        if let Err(e) = prism.refuses(missing, slot.parameter).await {
            found.push(format!("{name}: missing: {e}"));
        }
        let verdict = prism.accepts(replace(&template, slot, "")).await;
        if verdict.is_ok() != *empty_ok {
            found.push(format!(
                "{name}: Prism's verdict on the empty value changed (expected it to {}): {verdict:?}",
                if *empty_ok { "accept" } else { "refuse" }
            ));
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Further operations, declared in `tests/src` with the attribute.

async fn lists_calls_by_page_with_date_range_filters() {
    let prism = api().await;
    let filters = ListCall {
        status: Some(CallStatus::Completed),
        parent_call_sid: Some(CALL.into()),
        start_time: Some(date("2026-01-01T00:00:00Z")),
        started_after: Some(date("2026-01-01T00:00:00+01:00")),
        started_before: Some(date("2026-02-01T00:00:00Z")),
        ended_after: Some(date("2026-01-01T00:00:00Z")),
        ended_before: Some(date("2026-02-01T12:30:00.5-05:00")),
        page_size: Some(2),
        ..ListCall::default()
    };
    let first = prism.send_ok(&filters).await;
    assert_eq!(first.calls[0].status, Some(CallStatus::Completed));
    assert!(first.calls[0].start_time.is_some(), "{:?}", first.calls[0]);
    let (page, token) = first.next_page().expect("a next page");
    let next = ListCall {
        page: Some(page),
        page_token: Some(token),
        ..filters.clone()
    };
    prism.send_ok(&next).await;

    // Prism ignores `StartTime>`-style names (they never reach its validation), so their
    // bytes are checked here: the name's `>` and the offset's `+` and `:` percent-encoded.
    let received = loopback(&filters).await;
    let query = received.url.query().unwrap_or_default().to_owned();
    for expected in [
        "StartTime%3E=2026-01-01T00%3A00%3A00%2B01%3A00",
        "StartTime%3C=2026-02-01T00%3A00%3A00Z",
        "EndTime%3E=2026-01-01T00%3A00%3A00Z",
        "EndTime%3C=2026-02-01T12%3A30%3A00.5-05%3A00",
    ] {
        assert!(query.contains(expected), "{expected} in {query}");
    }
}

async fn creates_a_call_with_booleans_integers_and_enums() {
    let prism = api().await;
    let request = CreateCall {
        method: Some(HttpMethod::Get),
        status_callback: Some("https://example.com/status?a=1&b=2".into()),
        status_callback_method: Some(HttpMethod::Post),
        timeout: Some(30),
        record: Some(true),
        time_limit: Some(600),
        application_sid: Some("AP0123456789abcdef0123456789abcdef".into()),
        ..create_call()
    };
    let call = prism.send_ok(&request).await;
    assert!(call.sid.starts_with("CA"), "{call:?}");
    for record in [false, true] {
        prism
            .send_ok(&CreateCall {
                record: Some(record),
                twiml: Some("<Response><Say>Hi</Say></Response>".into()),
                url: None,
                ..create_call()
            })
            .await;
    }
}

/// List parameters go as repeated plain keys, as Twilio's servers and helper libraries expect.
/// Prism cannot check them (it accepts a form array only as `Key[]=a&Key[]=b`), so the bytes
/// are checked on a loopback server.
async fn list_parameters_repeat_the_key() {
    let events = ["initiated", "ringing", "answered", "completed"];
    let call = CreateCall::builder()
        .to("+15551234567")
        .from("+15557654321")
        .status_callback_event(events)
        .build();
    let received = loopback(&call).await;
    let body = String::from_utf8(received.body).unwrap();
    assert!(
        body.ends_with(
            "&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing\
             &StatusCallbackEvent=answered&StatusCallbackEvent=completed"
        ),
        "{body}"
    );

    let media = [
        "https://example.com/a.png?size=1&x=y",
        "https://example.com/b c.png",
    ];
    let message = CreateMessage {
        to: "+15551234567".into(),
        body: Some("two pictures".into()),
        media_url: vec![media[0].into(), "https://example.com/b%20c.png".into()],
        ..CreateMessage::default()
    };
    let received = loopback(&message).await;
    let sent: Vec<String> = pairs(&received.body)
        .into_iter()
        .filter(|(key, _)| key == "MediaUrl")
        .map(|(_, value)| value)
        .collect();
    assert_eq!(sent, [media[0], "https://example.com/b%20c.png"]);
    // The `uri` rule applies to each element.
    let relative = CreateMessage {
        media_url: vec![media[0].into(), media[1].into(), "/b.png".into()],
        ..message
    };
    let problems = relative
        .encode(loopback_client().account_sid())
        .unwrap_err();
    assert_eq!(
        problems
            .problems()
            .iter()
            .map(|p| (p.parameter(), p.kind().clone()))
            .collect::<Vec<_>>(),
        [
            ("MediaUrl", ProblemKind::Uri),
            ("MediaUrl", ProblemKind::Uri)
        ]
    );
}

/// `ListCall` as a library author might first declare it, with `time::OffsetDateTime` for a
/// `format: date-time` parameter.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json", response = CallPage)]
struct ListCallSince {
    #[twilio(sid = "AC")]
    account_sid: String,
    start_time: Option<time::OffsetDateTime>,
}

/// A value that is not a list must travel as one pair, or be refused before sending.
/// `time::OffsetDateTime` serializes (without time's `serde-human-readable` feature) as a tuple
/// of nine numbers, which the runtime once sent as nine `StartTime` keys; it is now refused.
fn a_date_time_field_is_one_value_or_refused() {
    let request = ListCallSince {
        account_sid: String::new(),
        start_time: Some(time::macros::datetime!(2026-01-02 03:04:05 +01:00)),
    };
    match request.encode(loopback_client().account_sid()) {
        Ok(encoded) => {
            let query = encoded.url.split_once('?').map_or("", |(_, q)| q);
            let times = pairs(query.as_bytes())
                .into_iter()
                .filter(|(key, _)| key == "StartTime")
                .count();
            assert_eq!(times, 1, "one StartTime in {query}");
        }
        Err(error) => assert!(
            matches!(error.problems(), [p] if matches!(p.kind(), ProblemKind::Unencodable(_))),
            "{error}"
        ),
    }
}

/// A client for encoding only: nothing listens at its base URL.
fn loopback_client() -> Client {
    client_for("http://127.0.0.1:9")
}

async fn fetches_updates_and_deletes_a_call() {
    let prism = api().await;
    let call = prism.send_ok(&FetchCall::builder().sid(CALL).build()).await;
    assert_eq!(call.account_sid, "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    for status in UpdateCallStatus::ALL {
        prism
            .send_ok(&UpdateCall {
                sid: CALL.into(),
                status: Some(*status),
                ..UpdateCall::default()
            })
            .await;
    }
    prism
        .send_ok(&UpdateCall {
            sid: CALL.into(),
            url: Some("https://example.com/next".into()),
            method: Some(HttpMethod::Post),
            fallback_url: Some("https://example.com/fallback".into()),
            fallback_method: Some(HttpMethod::Get),
            status_callback: Some(CALLBACK.into()),
            status_callback_method: Some(HttpMethod::Get),
            time_limit: Some(60),
            ..UpdateCall::default()
        })
        .await;
    // 204 No Content decodes as `()`.
    let () = prism
        .send_ok(&DeleteCall::builder().sid(CALL).build())
        .await;
}

async fn creates_a_scheduled_message_with_numbers_and_booleans() {
    let prism = api().await;
    let message = prism
        .send_ok(&CreateMessage {
            to: "+15551234567".into(),
            messaging_service_sid: Some("MG0123456789abcdef0123456789abcdef".into()),
            body: Some("Hello! 👍 & good-bye".into()),
            status_callback: Some(CALLBACK.into()),
            max_price: Some(0.75),
            provide_feedback: Some(true),
            validity_period: Some(600),
            send_at: Some(date("2026-12-01T10:00:00+01:00")),
            schedule_type: Some(ScheduleType::Fixed),
            ..CreateMessage::default()
        })
        .await;
    assert!(message.sid.starts_with("SM") || message.sid.starts_with("MM"));
}

/// `AccountSid` is both the account in the path (the client's) and, in the body, the account
/// to move the number to.
async fn moves_a_phone_number_to_another_account() {
    let prism = api().await;
    let request = UpdateIncomingPhoneNumber {
        sid: "PN0123456789abcdef0123456789abcdef".into(),
        new_account_sid: Some(OTHER_ACCOUNT.into()),
        friendly_name: Some("Front desk (main)".into()),
        voice_url: Some("https://example.com/voice".into()),
        voice_method: Some(HttpMethod::Post),
        sms_url: Some("https://example.com/sms".into()),
        voice_caller_id_lookup: Some(true),
        emergency_status: Some(EmergencyStatus::Inactive),
        voice_receive_mode: Some(VoiceReceiveMode::Voice),
        trunk_sid: Some("TK0123456789abcdef0123456789abcdef".into()),
        ..UpdateIncomingPhoneNumber::default()
    };
    let number = prism.send_ok(&request).await;
    assert_eq!(number.capabilities.map(|c| c.voice), Some(true));

    let received = loopback(&request).await;
    assert_eq!(
        received.url.path(),
        format!("/2010-04-01/Accounts/{ACCOUNT}/IncomingPhoneNumbers/PN0123456789abcdef0123456789abcdef.json")
    );
    assert_eq!(
        pairs(&received.body)[0],
        ("AccountSid".to_owned(), OTHER_ACCOUNT.to_owned())
    );
}

/// Four placeholders, each with its own SID prefix: Prism checks every segment's pattern, so a
/// value written into the wrong placeholder is refused.
async fn fetches_at_a_path_with_four_placeholders() {
    let prism = api().await;
    let fetch = FetchRecordingAddOnResultPayload::builder()
        .reference_sid("RE0123456789abcdef0123456789abcdef")
        .add_on_result_sid("XR0123456789abcdef0123456789abcdef")
        .sid("XH0123456789abcdef0123456789abcdef")
        .build();
    let payload = prism.send_ok(&fetch).await;
    assert!(payload.subresource_uris.contains_key("data"), "{payload:?}");
}

/// `host = "voice"` endpoints, against the mock of `twilio_voice_v1.json`.
async fn voice_host_operations() {
    let prism = voice().await;
    let record = prism
        .send_ok(&CreateIpRecord {
            ip_address: "10.0.0.1".into(),
            friendly_name: Some("office & lab".into()),
            cidr_prefix_length: Some(32),
        })
        .await;
    assert!(record.sid.starts_with("IL") && record.date_created.is_some());
    let page = prism
        .send_ok(&ListIpRecord {
            page_size: Some(20),
            page: Some(0),
            ..ListIpRecord::default()
        })
        .await;
    assert_eq!(page.meta.key, "ip_records");
    prism
        .send_ok(&DeleteIpRecord::builder().sid(record.sid.clone()).build())
        .await;
    let target = prism
        .send_ok(&CreateConnectionPolicyTarget {
            connection_policy_sid: "NY0123456789abcdef0123456789abcdef".into(),
            target: "sip:sip-box.com:1234".into(),
            friendly_name: Some("primary".into()),
            priority: Some(1),
            weight: Some(20),
            enabled: Some(true),
        })
        .await;
    assert_eq!((target.priority, target.enabled), (Some(1), Some(true)));
}
