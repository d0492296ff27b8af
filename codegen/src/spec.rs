//! The parts of an OpenAPI 3.0 description the generator reads, as typed serde structs: paths,
//! operations, parameters, request bodies, responses, component schemas, servers and security.
//! Everything else in Twilio's descriptions (examples, `x-twilio` extensions, headers) is
//! ignored.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A whole description (`twilio_api_v2010.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct Spec {
    /// The default servers of every operation.
    #[serde(default)]
    pub servers: Vec<Server>,
    /// Every path, with its operations.
    #[serde(default)]
    pub paths: BTreeMap<String, PathItem>,
    /// The named schemas and security schemes.
    #[serde(default)]
    pub components: Components,
    /// The default security of every operation.
    #[serde(default)]
    pub security: Option<Vec<SecurityRequirement>>,
}

/// One security requirement: scheme names to scopes.
pub type SecurityRequirement = BTreeMap<String, Vec<String>>;

/// A server an operation is sent to.
#[derive(Debug, Clone, Deserialize)]
pub struct Server {
    /// Its URL (`https://api.twilio.com`).
    pub url: String,
}

/// `components`: named schemas and security schemes.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Components {
    /// Schemas by name (`api.v2010.account.message`, `payments_enum_capture`).
    #[serde(default)]
    pub schemas: BTreeMap<String, Schema>,
    /// Shared parameters by name.
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    /// Security schemes by name.
    #[serde(default, rename = "securitySchemes")]
    pub security_schemes: BTreeMap<String, SecurityScheme>,
}

/// A security scheme (`{"type": "http", "scheme": "basic"}`, `{"type": "oauth2"}`).
#[derive(Debug, Clone, Deserialize)]
pub struct SecurityScheme {
    /// `http`, `oauth2`, `apiKey`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// For `http`: `basic` or `bearer`.
    #[serde(default)]
    pub scheme: Option<String>,
}

/// The operations of one path.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PathItem {
    /// Servers for every operation of the path.
    #[serde(default)]
    pub servers: Vec<Server>,
    /// Parameters shared by every operation of the path.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// `GET`.
    pub get: Option<Operation>,
    /// `POST`.
    pub post: Option<Operation>,
    /// `PUT`.
    pub put: Option<Operation>,
    /// `PATCH`.
    pub patch: Option<Operation>,
    /// `DELETE`.
    pub delete: Option<Operation>,
    /// `HEAD`, which the attribute cannot declare.
    pub head: Option<Operation>,
    /// `OPTIONS`, which the attribute cannot declare.
    pub options: Option<Operation>,
    /// `TRACE`, which the attribute cannot declare.
    pub trace: Option<Operation>,
}

impl PathItem {
    /// The operations of the path with their methods, in a fixed order.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
        [
            ("GET", &self.get),
            ("POST", &self.post),
            ("PUT", &self.put),
            ("PATCH", &self.patch),
            ("DELETE", &self.delete),
            ("HEAD", &self.head),
            ("OPTIONS", &self.options),
            ("TRACE", &self.trace),
        ]
        .into_iter()
        .filter_map(|(method, operation)| operation.as_ref().map(|o| (method, o)))
    }
}

/// One operation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Operation {
    /// Twilio's name for it (`CreateMessage`).
    #[serde(default, rename = "operationId")]
    pub operation_id: Option<String>,
    /// What it does.
    #[serde(default)]
    pub description: Option<String>,
    /// What it does, in one line.
    #[serde(default)]
    pub summary: Option<String>,
    /// Its tags (`Api20100401Message`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Its parameters, beside the path's.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// Its request body.
    #[serde(default, rename = "requestBody")]
    pub request_body: Option<RequestBody>,
    /// Its responses by status code.
    #[serde(default)]
    pub responses: BTreeMap<String, Response>,
    /// Its security, overriding the description's.
    #[serde(default)]
    pub security: Option<Vec<SecurityRequirement>>,
    /// Its servers, overriding the path's and the description's.
    #[serde(default)]
    pub servers: Vec<Server>,
}

/// A path, query, header or cookie parameter.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Parameter {
    /// Its wire name (`StartTime>`).
    #[serde(default)]
    pub name: String,
    /// `path`, `query`, `header` or `cookie`.
    #[serde(default, rename = "in")]
    pub location: String,
    /// What it means.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether it must be sent.
    #[serde(default)]
    pub required: bool,
    /// Its values.
    #[serde(default)]
    pub schema: Option<Schema>,
    /// A reference to a shared parameter (`#/components/parameters/Sid`).
    #[serde(default, rename = "$ref")]
    pub reference: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RequestBody {
    /// Schemas by media type.
    #[serde(default)]
    pub content: BTreeMap<String, MediaType>,
    /// Whether a body must be sent.
    #[serde(default)]
    pub required: bool,
}

/// The schema of one media type.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MediaType {
    /// The schema.
    #[serde(default)]
    pub schema: Option<Schema>,
}

/// A response.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Response {
    /// Schemas by media type; empty for `204 No Content`.
    #[serde(default)]
    pub content: BTreeMap<String, MediaType>,
}

/// A schema, with the keywords the generator reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Schema {
    /// A reference to a component schema (`#/components/schemas/payments_enum_capture`).
    #[serde(default, rename = "$ref")]
    pub reference: Option<String>,
    /// `string`, `integer`, `number`, `boolean`, `array` or `object`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// `date-time`, `date`, `uri`, `currency`, `int64`, …
    #[serde(default)]
    pub format: Option<String>,
    /// A regular expression the value matches (`^PK[0-9a-fA-F]{32}$`).
    #[serde(default)]
    pub pattern: Option<String>,
    /// The values allowed.
    #[serde(default, rename = "enum")]
    pub values: Option<Vec<serde_json::Value>>,
    /// The schema of an array's items.
    #[serde(default)]
    pub items: Option<Box<Schema>>,
    /// An object's members, by name.
    #[serde(default)]
    pub properties: BTreeMap<String, Schema>,
    /// The members that must be present.
    #[serde(default)]
    pub required: Vec<String>,
    /// What the value means.
    #[serde(default)]
    pub description: Option<String>,
    /// The least value of a number.
    #[serde(default)]
    pub minimum: Option<f64>,
    /// The greatest value of a number.
    #[serde(default)]
    pub maximum: Option<f64>,
    /// The most characters a string may have.
    #[serde(default, rename = "maxLength")]
    pub max_length: Option<usize>,
    /// `oneOf` alternatives.
    #[serde(default, rename = "oneOf")]
    pub one_of: Option<Vec<Schema>>,
    /// `anyOf` alternatives.
    #[serde(default, rename = "anyOf")]
    pub any_of: Option<Vec<Schema>>,
    /// `allOf` parts.
    #[serde(default, rename = "allOf")]
    pub all_of: Option<Vec<Schema>>,
}

impl Spec {
    /// Reads a description from JSON text.
    pub fn from_json(text: &str) -> Result<Spec, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The component schema a `$ref` names, with its name.
    pub fn resolve<'a>(&'a self, reference: &'a str) -> Option<(&'a str, &'a Schema)> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        self.components
            .schemas
            .get(name)
            .map(|schema| (name, schema))
    }
}
