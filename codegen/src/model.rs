//! What the generator decided about each operation, before any text is written; the model is
//! printed as Rust by [`crate::render`].

use std::fmt;

/// Where a field goes on the wire, and which URIs a value may be: the attribute's own types
/// (`macros/src/internals/model.rs`), so that the generator and `--check` name the same
/// locations and rules as the macro.
pub use crate::internals::model::{Location, UriRule};

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Form => "form",
            Location::Header => "header",
            Location::JsonMember => "JSON member",
            Location::Body => "whole body",
        })
    }
}

impl fmt::Display for UriRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UriRule::None => "no URI rule",
            UriRule::Absolute => "uri",
            UriRule::Reference => "uri_reference",
        })
    }
}

/// One parameter of an operation, as a field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust name (`start_time_after`, `r#type`).
    pub name: String,
    /// Twilio's name (`StartTime>`).
    pub wire: String,
    /// Where it goes.
    pub location: Location,
    /// Whether it must be sent (a plain type rather than `Option`).
    pub required: bool,
    /// Whether it is a list (`Vec<T>`, repeated keys).
    pub list: bool,
    /// The type of one value (`String`, `twilio_endpoint::DateTime`, `PaymentsEnumCapture`).
    pub value_type: String,
    /// The SID prefixes a value must have (`"PK"`, `"SM|MM"`).
    pub sid: Option<String>,
    /// Which URIs a value may be.
    pub uri: UriRule,
    /// The enum (Twilio's schema name) whose values it takes.
    pub enum_schema: Option<String>,
    /// The description's text.
    pub doc: Option<String>,
}

impl Field {
    /// The field's Rust type (`Option<String>`, `Vec<PaymentsEnumCapture>`, `u32`).
    pub fn rust_type(&self) -> String {
        if self.list {
            format!("Vec<{}>", self.value_type)
        } else if self.required {
            self.value_type.clone()
        } else {
            format!("Option<{}>", self.value_type)
        }
    }
}

/// What a success answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `response = Type` (`()` for 204).
    Response(String),
    /// `list = Item`.
    List(String),
    /// Neither: a `serde_json::Value`.
    Json,
}

/// One operation, as a `#[twilio_endpoint]` struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// Twilio's `operationId`, the struct's name.
    pub name: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path template with `<Name>` placeholders.
    pub template: String,
    /// The product host (`voice`); `None` for `api`.
    pub host: Option<String>,
    /// What a success answers.
    pub answer: Answer,
    /// `body = json`.
    pub json_body: bool,
    /// `auth = oauth2`.
    pub oauth2: bool,
    /// The description's text.
    pub doc: Option<String>,
    /// The fields, path parameters first.
    pub fields: Vec<Field>,
}

/// A string enum a field takes, declared with `twilio_endpoint::string_enum!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringEnum {
    /// The Rust name (`PaymentsEnumCapture`).
    pub name: String,
    /// Twilio's schema name (`payments_enum_capture`).
    pub schema: String,
    /// The schema's description.
    pub description: Option<String>,
    /// Variant names and wire values, in the description's order.
    pub variants: Vec<(String, String)>,
}

/// A response struct (`#[derive(Debug, Clone, serde::Deserialize)]`), every field optional.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseStruct {
    /// The Rust name (`ApiV2010AccountMessage`).
    pub name: String,
    /// Twilio's schema name (`api.v2010.account.message`).
    pub schema: String,
    /// Its members.
    pub fields: Vec<ResponseField>,
}

/// One member of a response struct.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseField {
    /// The Rust name.
    pub name: String,
    /// The JSON key.
    pub key: String,
    /// The type inside the `Option`.
    pub value_type: String,
    /// The description's text.
    pub doc: Option<String>,
}

/// Everything generated for a set of operations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Module {
    /// The enums, by name.
    pub enums: Vec<StringEnum>,
    /// The response structs, by name.
    pub responses: Vec<ResponseStruct>,
    /// The endpoints, in the order asked for.
    pub endpoints: Vec<Endpoint>,
}
