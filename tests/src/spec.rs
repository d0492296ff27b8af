//! Twilio's OpenAPI descriptions, as the drift and contract tests read them.
//!
//! The files are the copies in `tests/contract/` (see its `README.md` for their origin and
//! licence): `twilio_api_v2010.json` for `api.twilio.com`, `twilio_voice_v1.json` for
//! `voice.twilio.com`, and one per newer product (content, assistants, conversations, sync,
//! messaging, preview-iam). Only what the tests compare is read: operations, their parameters
//! (path, query, header, form body and JSON body members, with `$ref` schemas resolved) and
//! their success responses.

use std::fmt;
use std::sync::OnceLock;

use http::Method;
use serde_json::Value;
use twilio_endpoint::{Endpoint, Location};

/// One of Twilio's OpenAPI descriptions.
#[derive(Debug)]
pub struct Description {
    file: &'static str,
    document: Value,
}

/// The description of `api.twilio.com` (`tests/contract/twilio_api_v2010.json`).
pub fn api_v2010() -> &'static Description {
    static DESCRIPTION: OnceLock<Description> = OnceLock::new();
    DESCRIPTION.get_or_init(|| Description::load("twilio_api_v2010.json"))
}

/// The description of `voice.twilio.com` (`tests/contract/twilio_voice_v1.json`).
pub fn voice_v1() -> &'static Description {
    static DESCRIPTION: OnceLock<Description> = OnceLock::new();
    DESCRIPTION.get_or_init(|| Description::load("twilio_voice_v1.json"))
}

/// The descriptions of the newer products' hosts, as `(host, file)`: the operations in
/// `newer.rs` come from them.
const NEWER: [(&str, &str); 6] = [
    ("content", "twilio_content_v1.json"),
    ("assistants", "twilio_assistants_v1.json"),
    ("conversations", "twilio_conversations_v1.json"),
    ("sync", "twilio_sync_v1.json"),
    ("messaging", "twilio_messaging_v1.json"),
    ("preview-iam", "twilio_iam_organizations.json"),
];

/// The description that documents an endpoint's host (`Endpoint::HOST`: `api`, `voice`, or one
/// of the newer products').
pub fn for_host(host: &str) -> Option<&'static Description> {
    static NEWER_DESCRIPTIONS: [OnceLock<Description>; NEWER.len()] =
        [const { OnceLock::new() }; NEWER.len()];
    match host {
        "api" => Some(api_v2010()),
        "voice" => Some(voice_v1()),
        _ => {
            let index = NEWER.iter().position(|(name, _)| *name == host)?;
            let file = NEWER[index].1;
            Some(NEWER_DESCRIPTIONS[index].get_or_init(|| Description::load(file)))
        }
    }
}

/// Finds an operation by its `operationId` in the description of `host`.
///
/// # Panics
///
/// When the host has no description or the operation is not in it: the caller named an
/// operation that Twilio does not (or no longer) describe.
pub fn operation(host: &str, operation_id: &str) -> Operation<'static> {
    let description =
        for_host(host).unwrap_or_else(|| panic!("no description of the host `{host}`"));
    description.operation(operation_id).unwrap_or_else(|| {
        panic!(
            "`{operation_id}` is not an operation of {}",
            description.file()
        )
    })
}

/// The operation an endpoint declares: the one at its method and path in the description of
/// its host.
///
/// # Panics
///
/// When the description has no operation there.
pub fn operation_of<E: Endpoint>() -> Operation<'static> {
    let template = E::PATH_TEMPLATE.replace('<', "{").replace('>', "}");
    let description =
        for_host(E::HOST).unwrap_or_else(|| panic!("no description of the host `{}`", E::HOST));
    description
        .operations()
        .find(|op| op.method == E::METHOD && op.path == template)
        .unwrap_or_else(|| {
            panic!(
                "no operation at {} {} in {}",
                E::METHOD,
                E::PATH_TEMPLATE,
                description.file()
            )
        })
}

impl Description {
    fn load(file: &'static str) -> Description {
        let path = format!("{}/contract/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read Twilio's description {path}: {e}"));
        let document =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
        Description { file, document }
    }

    /// The file name, for messages (`twilio_api_v2010.json`).
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// Every operation, in path order.
    pub fn operations(&self) -> impl Iterator<Item = Operation<'_>> {
        let paths = self.document.get("paths").and_then(Value::as_object);
        paths.into_iter().flatten().flat_map(move |(path, item)| {
            ["get", "post", "put", "patch", "delete"]
                .into_iter()
                .filter_map(move |method| {
                    let operation = item.get(method)?;
                    let servers = operation.get("servers").or_else(|| item.get("servers"));
                    Some(Operation {
                        description: self,
                        id: text(operation, "operationId").to_owned(),
                        method: method.to_uppercase().parse().ok()?,
                        path: path.clone(),
                        server: servers
                            .and_then(|s| s.get(0)?.get("url")?.as_str())
                            .map(str::to_owned),
                        operation,
                    })
                })
        })
    }

    /// The operation whose `operationId` is `id`, if the description has it.
    pub fn operation(&self, id: &str) -> Option<Operation<'_>> {
        self.operations().find(|op| op.id == id)
    }

    /// Follows `$ref` links (`#/components/schemas/...`) until a schema that is not one.
    fn resolve<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let pointer = reference.trim_start_matches('#');
            match self.document.pointer(pointer) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }
}

/// One operation of a description.
#[derive(Debug)]
pub struct Operation<'d> {
    description: &'d Description,
    /// Its `operationId` (`UpdatePayments`).
    pub id: String,
    /// The HTTP method.
    pub method: Method,
    /// The path with `{Name}` placeholders, as the description writes it.
    pub path: String,
    /// The server URL of the path (`https://api.twilio.com`).
    pub server: Option<String>,
    operation: &'d Value,
}

impl<'d> Operation<'d> {
    /// The path with `<Name>` placeholders, as `#[twilio_endpoint]` writes it.
    pub fn template(&self) -> String {
        self.path.replace('{', "<").replace('}', ">")
    }

    /// Every parameter: path and query parameters, then the form body's properties.
    pub fn parameters(&self) -> Vec<DescribedParameter<'d>> {
        let description = self.description;
        let mut out = Vec::new();
        let listed = self.operation.get("parameters").and_then(Value::as_array);
        for parameter in listed.into_iter().flatten() {
            let location = match parameter.get("in").and_then(Value::as_str) {
                Some("path") => Location::Path,
                Some("query") => Location::Query,
                Some("header") => Location::Header,
                _ => continue,
            };
            out.push(DescribedParameter {
                name: text(parameter, "name").to_owned(),
                location,
                required: parameter.get("required").and_then(Value::as_bool) == Some(true),
                schema: description.resolve(parameter.get("schema").unwrap_or(&Value::Null)),
                description,
            });
        }
        let bodies = [
            ("x-www-form-urlencoded", Location::Form),
            ("json", Location::JsonMember),
        ];
        for (kind, location) in bodies {
            let pointer = format!("/requestBody/content/application~1{kind}/schema");
            let Some(body) = self.operation.pointer(&pointer) else {
                continue;
            };
            let body = description.resolve(body);
            let required = strings(body, "required");
            let properties = body.get("properties").and_then(Value::as_object);
            for (name, schema) in properties.into_iter().flatten() {
                out.push(DescribedParameter {
                    name: name.clone(),
                    location,
                    required: required.contains(&name.as_str()),
                    schema: description.resolve(schema),
                    description,
                });
            }
        }
        out
    }

    /// Whether the request body is JSON (`application/json`).
    pub fn has_json_body(&self) -> bool {
        self.operation
            .pointer("/requestBody/content/application~1json")
            .is_some()
    }

    /// The parameter named `name` in `location`.
    pub fn parameter(&self, name: &str, location: Location) -> Option<DescribedParameter<'d>> {
        self.parameters()
            .into_iter()
            .find(|p| p.name == name && p.location == location)
    }

    /// The success (2xx) responses: Twilio documents exactly one per operation.
    pub fn successes(&self) -> Vec<Success> {
        let responses = self.operation.get("responses").and_then(Value::as_object);
        responses
            .into_iter()
            .flatten()
            .filter_map(|(status, response)| {
                let status: u16 = status.parse().ok()?;
                if !(200..300).contains(&status) {
                    return None;
                }
                let json = response.pointer("/content/application~1json");
                let examples = json
                    .and_then(|json| json.get("examples"))
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter_map(|(name, example)| {
                        Some((name.clone(), example.get("value")?.clone()))
                    })
                    .collect();
                Some(Success {
                    status,
                    has_body: json.is_some(),
                    examples,
                })
            })
            .collect()
    }

    /// The one success response, and its first example body (none for a `204`).
    ///
    /// # Panics
    ///
    /// When the operation does not document exactly one success response.
    pub fn success(&self) -> (u16, Option<Value>) {
        let successes = self.successes();
        let [success] = &successes[..] else {
            panic!(
                "{} documents {} success responses, not one",
                self.id,
                successes.len()
            );
        };
        let body = success.examples.first().map(|(_, value)| value.clone());
        (success.status, body)
    }
}

/// A success response of an operation.
#[derive(Clone, Debug)]
pub struct Success {
    /// The status code (`201`).
    pub status: u16,
    /// Whether it has an `application/json` body (`204` has none).
    pub has_body: bool,
    /// The named examples of the body.
    pub examples: Vec<(String, Value)>,
}

/// One parameter of an operation, as the description states it.
#[derive(Clone)]
pub struct DescribedParameter<'d> {
    /// The Twilio name (`IdempotencyKey`, `StartTime>`).
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Whether the description lists it as required.
    pub required: bool,
    schema: &'d Value,
    description: &'d Description,
}

impl fmt::Debug for DescribedParameter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} parameter `{}`",
            location_name(self.location),
            self.name
        )
    }
}

impl DescribedParameter<'_> {
    /// The schema of one value: the items' schema for an array, else the parameter's.
    fn value_schema(&self) -> &Value {
        match self.schema.get("items") {
            Some(items) if self.is_array() => self.description.resolve(items),
            _ => self.schema,
        }
    }

    /// Whether the value is a list (`type: array`).
    pub fn is_array(&self) -> bool {
        self.schema.get("type").and_then(Value::as_str) == Some("array")
    }

    /// The JSON type of one value (`string`, `integer`, `boolean`, …), if the schema has one.
    pub fn value_type(&self) -> Option<&str> {
        self.value_schema().get("type").and_then(Value::as_str)
    }

    /// The values the description allows (`enum`), if it restricts them.
    pub fn values(&self) -> Option<Vec<String>> {
        let values = self.value_schema().get("enum")?.as_array()?;
        Some(
            values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect(),
        )
    }

    /// The `pattern` a value must match (`^PK[0-9a-fA-F]{32}$`), if any.
    pub fn pattern(&self) -> Option<&str> {
        self.value_schema().get("pattern").and_then(Value::as_str)
    }

    /// Whether a value must be a URI (`format: uri`).
    pub fn is_uri(&self) -> bool {
        self.value_schema().get("format").and_then(Value::as_str) == Some("uri")
    }
}

/// The pattern Twilio's descriptions write for a SID with these prefixes:
/// `^PK[0-9a-fA-F]{32}$`, or `^(SM|MM)[0-9a-fA-F]{32}$` for several.
pub fn sid_pattern(prefixes: &[&str]) -> Option<String> {
    match prefixes {
        [] => None,
        [one] => Some(format!("^{one}[0-9a-fA-F]{{32}}$")),
        several => Some(format!("^({})[0-9a-fA-F]{{32}}$", several.join("|"))),
    }
}

/// `path`, `query` or `form`, as messages name a location.
pub fn location_name(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Form => "form",
        Location::Header => "header",
        Location::JsonMember => "JSON member",
        Location::Body => "body",
    }
}

/// The strings of the array at `key` (`["a", "b"]`), none when there is no such array.
pub fn strings<'a>(value: &'a Value, key: &str) -> Vec<&'a str> {
    let array = value.get(key).and_then(Value::as_array);
    array
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_operation_with_refs_resolved() {
        let op = operation("api", "UpdatePayments");
        assert_eq!(op.method, Method::POST);
        assert_eq!(
            op.template(),
            "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json"
        );
        assert_eq!(op.server.as_deref(), Some("https://api.twilio.com"));
        let sid = op.parameter("Sid", Location::Path).unwrap();
        assert!(sid.required);
        assert_eq!(sid.pattern(), Some("^PK[0-9a-fA-F]{32}$"));
        let capture = op.parameter("Capture", Location::Form).unwrap();
        assert!(!capture.required);
        assert_eq!(capture.values().unwrap()[0], "payment-card-number");
        assert!(op
            .parameter("StatusCallback", Location::Form)
            .unwrap()
            .is_uri());
        assert_eq!(op.success().0, 202);
    }

    #[test]
    fn array_parameters_describe_their_items() {
        let op = operation("api", "CreateMessage");
        let media = op.parameter("MediaUrl", Location::Form).unwrap();
        assert!(media.is_array());
        assert!(media.is_uri());
        let delete = operation("voice", "DeleteIpRecord");
        let [success] = &delete.successes()[..] else {
            panic!("one success")
        };
        assert_eq!((success.status, success.has_body), (204, false));
    }

    #[test]
    fn sid_patterns_as_twilio_writes_them() {
        assert_eq!(sid_pattern(&[]), None);
        assert_eq!(sid_pattern(&["PK"]).unwrap(), "^PK[0-9a-fA-F]{32}$");
        assert_eq!(
            sid_pattern(&["SM", "MM"]).unwrap(),
            "^(SM|MM)[0-9a-fA-F]{32}$"
        );
    }
}
