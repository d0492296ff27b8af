//! Every Twilio operation, declared and sent.
//!
//! For each description in `tests/contract/`, every operation the generator declared
//! (`build.rs`) sends a minimal and a full request through [`Client::send`]:
//!
//! 1. to a loopback capture (wiremock), where the method, path, query pairs, form pairs, JSON
//!    body and headers are compared with what the description requires (`codegen/src/cases.rs`
//!    picks the values and writes the expectation from the description, not from the model);
//! 2. to Stoplight Prism mocking that description (one Prism per description on a free port, a few at once),
//!    which answers 422/415/401 to a request the description does not allow.
//!
//! Prism reads a form body as one value per key, so a form parameter that is a list can never
//! pass it (`tests/contract/PRISM_NOTES.md`): when Prism's only objections are such lists, the
//! capture alone decides and the request is counted as such.
//!
//! It prints one line, `contract: N/1447 operations declared, K/M requests accepted by Prism and
//! equal on the wire`, and fails on any other result. Without Prism (`npm ci` not run) only the
//! capture runs and the Prism part is reported as not run; with `TWILIO_PRISM_REQUIRED=1` (as
//! `.ci/run` sets it) that is a failure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};
use tokio::process::{Child, Command};
use twilio_endpoint::Client;
use twilio_endpoint_operations::{Case, Description, Kind, DESCRIPTIONS};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const OAUTH_CLIENT: &str = "OQ0123456789abcdef0123456789abcdef";

/// Operations the generator may leave out, each with a limit of Twilio's description rather
/// than of the attribute: a refusal not listed here fails the suite. None today (the six
/// redirect-only operations are declared `response = twilio_endpoint::Redirect`).
const KNOWN_REFUSALS: &[(&str, &str)] = &[];

/// Prisms started at once, and requests in flight to each.
const PRISMS_AT_ONCE: usize = 3;
const IN_FLIGHT: usize = 4;

#[tokio::main]
async fn main() -> ExitCode {
    let started = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let prism = root.join("node_modules/.bin/prism");
    let required = std::env::var_os("TWILIO_PRISM_REQUIRED").is_some_and(|v| v == "1");

    let mut report = Report::default();
    for description in DESCRIPTIONS {
        report.operations += description.operations;
        let cases = (description.cases)();
        report.declared += cases.len() / 2;
        for (operation, reason) in description.refused {
            report
                .refused
                .push(format!("{}: {operation}: {reason}", description.file));
            if !KNOWN_REFUSALS.iter().any(|(o, _)| o == operation) {
                report.fail(format!(
                    "{}: {operation} not declared: {reason}",
                    description.file
                ));
            }
        }
    }

    // 1. The loopback capture.
    let capture = capture().await;
    let to_capture = client(&capture.uri(), &capture.uri());
    let mut on_wire: BTreeMap<(&str, &str, Kind), bool> = BTreeMap::new();
    for description in DESCRIPTIONS {
        for case in (description.cases)() {
            let _ = (case.send)(&to_capture).await;
            let received = capture.received_requests().await.unwrap_or_default();
            let problems = match received.last() {
                Some(request) => compare(&case, request),
                None => vec!["nothing reached the capture".to_string()],
            };
            if !problems.is_empty() {
                report.fail(format!(
                    "{} {} {:?}: on the wire: {}",
                    description.file,
                    case.operation,
                    case.kind,
                    problems.join("; ")
                ));
            }
            on_wire.insert(
                (description.file, case.operation, case.kind),
                problems.is_empty(),
            );
        }
    }
    let capture_time = started.elapsed();

    // 2. Prism, one per description, a few at once.
    let prism_started = Instant::now();
    let prism_ran = prism.exists();
    if prism_ran {
        let logs = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let oauth = DESCRIPTIONS
            .iter()
            .position(|d| d.file == "twilio_oauth_v2.json");
        let token_mock = match oauth {
            Some(i) => Some(start_prism(&prism, &root, &logs, &DESCRIPTIONS[i]).await),
            None => None,
        };
        let token_port = match &token_mock {
            Some(Ok((_, port))) => *port,
            _ => 0,
        };
        let results = stream::iter(DESCRIPTIONS.iter())
            .map(|description| {
                let (prism, root, logs) = (&prism, &root, &logs);
                async move {
                    if description.operations == 0 {
                        return (description, Ok(Vec::new()));
                    }
                    let mut mock = start_prism(prism, root, logs, description).await;
                    let outcome = match &mock {
                        Ok((_, port)) => {
                            let origin = format!("http://127.0.0.1:{port}");
                            // The OAuth descriptions answer on the token host themselves.
                            let token_origin = if description.file.starts_with("twilio_oauth_") {
                                origin.clone()
                            } else {
                                format!("http://127.0.0.1:{token_port}")
                            };
                            let token = token_origin;
                            let client = client(&origin, &token);
                            Ok(run_against_prism(&client, description).await)
                        }
                        Err(e) => Err(e.clone()),
                    };
                    if let Ok((child, _)) = &mut mock {
                        stop(child).await;
                    }
                    (description, outcome)
                }
            })
            .buffer_unordered(PRISMS_AT_ONCE)
            .collect::<Vec<_>>()
            .await;
        if let Some(Ok((mut child, _))) = token_mock {
            stop(&mut child).await;
        }
        for (description, outcome) in results {
            match outcome {
                Err(e) => report.fail(format!("{}: Prism did not start: {e}", description.file)),
                Ok(verdicts) => {
                    for (operation, kind, verdict) in verdicts {
                        let equal = on_wire[&(description.file, operation, kind)];
                        report.requests += 1;
                        match verdict {
                            Verdict::Accepted { decoded } => {
                                report.accepted += usize::from(equal);
                                report.undecoded += usize::from(!decoded);
                            }
                            Verdict::CaptureDecides(limit) => {
                                report.accepted += usize::from(equal);
                                match limit {
                                    PrismLimit::FormStructure => report.form_structure += 1,
                                    PrismLimit::Accept => report.accept += 1,
                                }
                            }
                            Verdict::Refused(reason) => report.fail(format!(
                                "{} {operation} {kind:?}: refused by Prism: {reason}",
                                description.file
                            )),
                        }
                    }
                }
            }
        }
    } else if required {
        report.fail(format!(
            "TWILIO_PRISM_REQUIRED is set and Prism is not installed at {} (npm ci)",
            prism.display()
        ));
    }

    for line in report.failures.iter().take(200) {
        println!("FAILED {line}");
    }
    if report.failures.len() > 200 {
        println!("... and {} more", report.failures.len() - 200);
    }
    for line in &report.refused {
        println!("not declared: {line}");
    }
    if prism_ran {
        println!(
            "contract: {}/{} operations declared, {}/{} requests accepted by Prism and equal on the wire",
            report.declared, report.operations, report.accepted, report.requests
        );
        println!(
            "  decided by the capture alone: {} with form lists or objects, which Prism cannot read; {} answered 406 for want of application/scim+json",
            report.form_structure, report.accept
        );
        println!(
            "  accepted with an answer the response type did not read (Prism's examples): {}",
            report.undecoded
        );
    } else {
        let equal = on_wire.values().filter(|e| **e).count();
        println!(
            "contract: {}/{} operations declared, {}/{} requests equal on the wire; Prism not run (no node_modules/.bin/prism: run `npm ci`)",
            report.declared,
            report.operations,
            equal,
            on_wire.len()
        );
    }
    println!(
        "  capture {:.1}s, Prism {:.1}s",
        capture_time.as_secs_f64(),
        prism_started.elapsed().as_secs_f64()
    );
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[derive(Default)]
struct Report {
    operations: usize,
    declared: usize,
    requests: usize,
    accepted: usize,
    form_structure: usize,
    accept: usize,
    undecoded: usize,
    refused: Vec<String>,
    failures: Vec<String>,
}

impl Report {
    fn fail(&mut self, line: String) {
        self.failures.push(line);
    }
}

/// A client whose every product goes to `origin`, and whose OAuth2 token comes from `token`.
fn client(origin: &str, token: &str) -> Client {
    Client::builder()
        .account_sid(ACCOUNT)
        .auth_token("operations-test-token")
        .oauth2_client_credentials(OAUTH_CLIENT, "operations-test-secret")
        .base_url(origin)
        .host_base_url("oauth", token)
        .no_retries()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a valid client")
}

/// The loopback capture: a token for OAuth2 clients, `{}` for everything else.
async fn capture() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"access_token":"capture-token","token_type":"Bearer","expires_in":3600}"#,
            "application/json",
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    server
}

/// Every difference between what reached the capture and what the description requires.
fn compare(case: &Case, request: &Request) -> Vec<String> {
    let mut problems = Vec::new();
    if request.method.as_str() != case.method {
        problems.push(format!(
            "method {} instead of {}",
            request.method, case.method
        ));
    }
    if request.url.path() != case.path {
        problems.push(format!(
            "path {} instead of {}",
            request.url.path(),
            case.path
        ));
    }
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    same_pairs("query", &query, case.query, &mut problems);
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let body = &request.body;
    match (case.json, case.form.is_empty()) {
        (Some(json), _) => {
            if !content_type.starts_with("application/json") {
                problems.push(format!("content type `{content_type}` for a JSON body"));
            }
            let sent: Result<serde_json::Value, _> = serde_json::from_slice(body);
            let wanted: serde_json::Value = serde_json::from_str(json).expect("expected JSON");
            match sent {
                Ok(sent) if sent == wanted => {}
                Ok(sent) => problems.push(format!("JSON body {sent} instead of {wanted}")),
                Err(e) => problems.push(format!("JSON body unreadable: {e}")),
            }
        }
        (None, false) => {
            if !content_type.starts_with("application/x-www-form-urlencoded") {
                problems.push(format!("content type `{content_type}` for a form body"));
            }
            let form: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
            same_pairs("form", &form, case.form, &mut problems);
            // Byte for byte: each pair as the form serializer writes it.
            let mut wanted: Vec<String> = case
                .form
                .iter()
                .map(|(k, v)| {
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair(k, v)
                        .finish()
                })
                .collect();
            let mut sent: Vec<String> = String::from_utf8_lossy(body)
                .split('&')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            wanted.sort();
            sent.sort();
            if problems.is_empty() && wanted != sent {
                problems.push(format!(
                    "form bytes `{}` instead of `{}`",
                    sent.join("&"),
                    wanted.join("&")
                ));
            }
        }
        (None, true) => {
            if !body.is_empty() {
                problems.push(format!("a body of {} bytes where none is due", body.len()));
            }
        }
    }
    for (name, value) in case.headers {
        match request.headers.get(*name).and_then(|v| v.to_str().ok()) {
            Some(sent) if sent == *value => {}
            Some(sent) => problems.push(format!("header {name}: `{sent}` instead of `{value}`")),
            None => problems.push(format!("header {name} missing")),
        }
    }
    problems
}

/// Whether `sent` holds exactly the `wanted` pairs: the same names, each with the same values
/// in the same order (a list's items keep theirs), names in any order.
fn same_pairs(
    what: &str,
    sent: &[(String, String)],
    wanted: &[(&str, &str)],
    problems: &mut Vec<String>,
) {
    let mut by_name: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (name, value) in sent {
        by_name.entry(name).or_default().0.push(value);
    }
    for (name, value) in wanted {
        by_name.entry(name).or_default().1.push(value);
    }
    for (name, (sent, wanted)) in by_name {
        if wanted.is_empty() {
            problems.push(format!("{what} {name} sent but not asked for"));
        } else if sent != wanted {
            problems.push(format!("{what} {name}: {sent:?} instead of {wanted:?}"));
        }
    }
}

enum Verdict {
    /// Prism answered 2xx; `decoded` whether the answer read as the response type.
    Accepted { decoded: bool },
    /// Prism refused for a reason of its own, and the capture alone decides.
    CaptureDecides(PrismLimit),
    /// Prism refused: the request breaks the description.
    Refused(String),
}

/// Where Prism cannot judge a request (`tests/contract/PRISM_NOTES.md`).
enum PrismLimit {
    /// A form parameter that is a list (repeated keys) or an object: Prism reads every form
    /// value as text, so `type: array` and `type: object` always fail.
    FormStructure,
    /// 406 to `Accept: application/json` (what Twilio's helper libraries send) where the
    /// description's answers are only `application/scim+json`.
    Accept,
}

async fn run_against_prism(
    client: &Client,
    description: &Description,
) -> Vec<(&'static str, Kind, Verdict)> {
    let cases = (description.cases)();
    stream::iter(cases)
        .map(|case| async move {
            let verdict = match (case.send)(client).await {
                Ok(()) => Verdict::Accepted { decoded: true },
                Err(f) if f.error.status().is_some_and(|s| s.is_success()) => {
                    Verdict::Accepted { decoded: false }
                }
                Err(f) => {
                    let body = f.body.unwrap_or_default();
                    let answer: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                    if case.form_structured && prism_cannot_read_form(&answer, &case) {
                        Verdict::CaptureDecides(PrismLimit::FormStructure)
                    } else if f.error.status().is_some_and(|s| s.as_u16() == 406)
                        && answer["detail"] == "Unable to find content for application/json"
                    {
                        Verdict::CaptureDecides(PrismLimit::Accept)
                    } else {
                        let reasons = answer.get("validation").map_or(body, |v| v.to_string());
                        Verdict::Refused(format!("{}: {reasons}", f.error))
                    }
                }
            };
            (case.operation, case.kind, verdict)
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await
}

/// Whether every objection in Prism's 422 is a form parameter that is a list or an object
/// ("Request body property Permission must be array"), which Prism cannot read from a form
/// body: it keeps each value as text.
fn prism_cannot_read_form(answer: &serde_json::Value, case: &Case) -> bool {
    let Some(objections) = answer["validation"].as_array() else {
        return false;
    };
    !objections.is_empty()
        && objections.iter().all(|o| {
            let message = o["message"].as_str().unwrap_or("");
            let Some(rest) = message.strip_prefix("Request body property ") else {
                return false;
            };
            let Some((name, kind)) = rest.split_once(" must be ") else {
                return false;
            };
            matches!(kind, "array" | "array,null" | "object" | "object,null")
                && case.form.iter().any(|(k, _)| *k == name)
        })
}

/// Starts a Prism mocking `description` on a free loopback port, and waits until it answers.
/// A port taken between choosing and binding it (another run of this suite, say) is tried
/// again on another.
async fn start_prism(
    prism: &Path,
    root: &Path,
    logs: &Path,
    description: &Description,
) -> Result<(Child, u16), String> {
    let mut last = String::new();
    for _ in 0..5 {
        let port = std::net::TcpListener::bind(("127.0.0.1", 0))
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        match start_prism_on(prism, root, logs, description, port).await {
            Ok(child) => return Ok((child, port)),
            Err(e) => last = e,
        }
    }
    Err(last)
}

async fn start_prism_on(
    prism: &Path,
    root: &Path,
    logs: &Path,
    description: &Description,
    port: u16,
) -> Result<Child, String> {
    let file = root.join("tests/contract").join(description.file);
    let log_path = logs.join(format!("prism-{}.log", description.file));
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let mut command = Command::new(prism);
    command
        .arg("mock")
        .arg(&file)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["--dynamic=false", "--cors=false", "--verboseLevel=warn"])
        .env("SCARF_ANALYTICS", "false")
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .process_group(0)
        .kill_on_drop(true);
    let mut child = command.spawn().map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("exited with {status}; see {}", log_path.display()));
        }
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            // The one answering is this Prism only if it is still running.
            tokio::time::sleep(Duration::from_millis(100)).await;
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!("exited with {status}; see {}", log_path.display()));
            }
            return Ok(child);
        }
        if Instant::now() > deadline {
            stop(&mut child).await;
            return Err("did not answer within 180 s".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Stops a Prism and every process it started (its own process group).
async fn stop(child: &mut Child) {
    if let Some(pid) = child.id() {
        let _ = Command::new("kill")
            .arg("--")
            .arg(format!("-{pid}"))
            .status()
            .await;
    }
    let _ = child.kill().await;
}
