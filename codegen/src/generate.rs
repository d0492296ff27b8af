//! From a description's operations to the [`model`](crate::model): every decision about
//! names, locations, types, rules and answers is made here, and every construct the attribute
//! cannot express is an error naming the operation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{
    Answer, Endpoint, Field, Location, Module, ResponseField, ResponseStruct, StringEnum, UriRule,
};
use crate::names;
use crate::spec::{Operation, Parameter, PathItem, Schema, Spec};

/// An operation the generator cannot declare, or a name it cannot give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError {
    /// The operation (`UpdatePayments`), or the path when it has no `operationId`.
    pub operation: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.operation, self.message)
    }
}

impl std::error::Error for GenerateError {}

/// One operation of a description, with where it is.
#[derive(Debug, Clone, Copy)]
pub struct OperationRef<'a> {
    /// Its path (`/2010-04-01/Accounts/{AccountSid}/Messages.json`).
    pub path: &'a str,
    /// Its method.
    pub method: &'static str,
    /// Its path item (shared parameters and servers).
    pub item: &'a PathItem,
    /// The operation.
    pub operation: &'a Operation,
}

impl OperationRef<'_> {
    /// Its `operationId`, or `METHOD path` when it has none.
    pub fn name(&self) -> String {
        self.operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", self.method, self.path))
    }

    /// Its first tag, or the first resource of its path.
    pub fn group(&self) -> String {
        if let Some(tag) = self.operation.tags.first() {
            return tag.clone();
        }
        self.path
            .split('/')
            .filter(|s| !s.is_empty() && !s.starts_with('{'))
            .find(|s| !s.starts_with('v') || !s[1..].chars().all(|c| c.is_ascii_digit()))
            .unwrap_or("root")
            .trim_end_matches(".json")
            .to_string()
    }
}

/// Every operation of a description, sorted by path then method.
pub fn operations(spec: &Spec) -> Vec<OperationRef<'_>> {
    spec.paths
        .iter()
        .flat_map(|(path, item)| {
            item.operations()
                .map(move |(method, operation)| OperationRef {
                    path,
                    method,
                    item,
                    operation,
                })
        })
        .collect()
}

/// Finds the operations named `ids`, in that order.
pub fn find_operations<'a>(
    spec: &'a Spec,
    ids: &[String],
) -> Result<Vec<OperationRef<'a>>, GenerateError> {
    let all = operations(spec);
    ids.iter()
        .map(|id| {
            let mut found = all
                .iter()
                .filter(|o| o.operation.operation_id.as_deref() == Some(id));
            match (found.next(), found.next()) {
                (Some(op), None) => Ok(*op),
                (Some(_), Some(_)) => Err(error(id, "two operations have this operationId")),
                (None, _) => Err(error(
                    id,
                    "no operation has this operationId in the description",
                )),
            }
        })
        .collect()
}

fn error(operation: &str, message: impl Into<String>) -> GenerateError {
    GenerateError {
        operation: operation.to_string(),
        message: message.into(),
    }
}

/// Builds the model of several operations, with the enums and response structs they need.
pub struct Generator<'a> {
    spec: &'a Spec,
    enums: BTreeMap<String, StringEnum>,
    responses: BTreeMap<String, ResponseStruct>,
    endpoints: Vec<Endpoint>,
}

/// Where a parameter's values are written, which decides what its schema may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// Form, query or header text: no alternatives.
    Text,
    /// JSON: anything nests.
    Json,
}

/// A parameter's type and rules.
struct ValueType {
    rust: String,
    list: bool,
    sid: Option<String>,
    uri: UriRule,
    enum_schema: Option<String>,
}

impl ValueType {
    fn plain(rust: &str) -> ValueType {
        ValueType {
            rust: rust.to_string(),
            list: false,
            sid: None,
            uri: UriRule::None,
            enum_schema: None,
        }
    }
}

impl<'a> Generator<'a> {
    /// A generator for operations of `spec`.
    pub fn new(spec: &'a Spec) -> Generator<'a> {
        Generator {
            spec,
            enums: BTreeMap::new(),
            responses: BTreeMap::new(),
            endpoints: Vec::new(),
        }
    }

    /// Adds one operation; on error, nothing of it is kept.
    pub fn add(&mut self, op: OperationRef<'_>) -> Result<(), GenerateError> {
        let enums = self.enums.clone();
        let responses = self.responses.clone();
        match self.endpoint(op) {
            Ok(endpoint) => {
                if self.endpoints.iter().any(|e| e.name == endpoint.name) {
                    return Err(error(&endpoint.name, "the operation is asked for twice"));
                }
                let clash = self
                    .enums
                    .values()
                    .map(|e| &e.name)
                    .chain(self.responses.values().map(|r| &r.name))
                    .any(|n| *n == endpoint.name);
                if clash {
                    self.enums = enums;
                    self.responses = responses;
                    return Err(error(
                        &endpoint.name,
                        "the struct's name clashes with an enum or response struct of the same name",
                    ));
                }
                self.endpoints.push(endpoint);
                Ok(())
            }
            Err(e) => {
                self.enums = enums;
                self.responses = responses;
                Err(e)
            }
        }
    }

    /// The module: enums and response structs sorted by name, endpoints in the order added.
    pub fn finish(self) -> Module {
        let mut enums: Vec<StringEnum> = self.enums.into_values().collect();
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        let mut responses: Vec<ResponseStruct> = self.responses.into_values().collect();
        responses.sort_by(|a, b| a.name.cmp(&b.name));
        Module {
            enums,
            responses,
            endpoints: self.endpoints,
        }
    }

    fn endpoint(&mut self, op: OperationRef<'_>) -> Result<Endpoint, GenerateError> {
        let name = op.name();
        let Some(id) = op.operation.operation_id.as_deref() else {
            return Err(error(
                &name,
                "the operation has no operationId to name its struct",
            ));
        };
        if names::type_name(id).as_deref() != Some(id) {
            return Err(error(
                &name,
                "the operationId is not a PascalCase Rust type name",
            ));
        }
        if matches!(op.method, "HEAD" | "OPTIONS" | "TRACE") {
            return Err(error(
                &name,
                format!("the attribute cannot declare a {} operation", op.method),
            ));
        }
        let template = template(&name, op.path)?;
        let host = self.host(&name, op)?;
        let oauth2 = self.oauth2_only(op.operation);

        let mut fields = Vec::new();
        let mut parameters: Vec<&Parameter> = Vec::new();
        for p in op.item.parameters.iter().chain(&op.operation.parameters) {
            let p = match &p.reference {
                Some(r) => r
                    .strip_prefix("#/components/parameters/")
                    .and_then(|n| self.spec.components.parameters.get(n))
                    .ok_or_else(|| {
                        error(&name, format!("parameter `{r}` is not in the description"))
                    })?,
                None => p,
            };
            parameters.retain(|q| !(q.name == p.name && q.location == p.location));
            parameters.push(p);
        }
        for p in &parameters {
            if let Some(r) = &p.reference {
                return Err(error(
                    &name,
                    format!("parameter `{}` refers again to `{r}`", p.name),
                ));
            }
            let location = match p.location.as_str() {
                "path" => Location::Path,
                "query" => Location::Query,
                "header" => {
                    if p.name.eq_ignore_ascii_case("authorization") {
                        continue;
                    }
                    if crate::shared::client_header(&p.name).is_some() {
                        return Err(error(
                            &name,
                            format!("header parameter `{}` is written by the client", p.name),
                        ));
                    }
                    Location::Header
                }
                other => {
                    return Err(error(
                        &name,
                        format!(
                            "parameter `{}` is in {other}, which the attribute cannot send",
                            p.name
                        ),
                    ))
                }
            };
            if location == Location::Path && !template.contains(&format!("<{}>", p.name)) {
                return Err(error(
                    &name,
                    format!("path parameter `{}` has no placeholder in the path", p.name),
                ));
            }
            let schema = p.schema.clone().unwrap_or_default();
            let mut value = self.value_type(&name, &p.name, &schema, Encoding::Text)?;
            // A path segment is a string or an integer: an enum or a date there is its text.
            if location == Location::Path
                && !matches!(value.rust.as_str(), "String" | "u32" | "i64")
            {
                value.rust = "String".into();
            }
            fields.push(self.field(
                &name,
                &p.name,
                location,
                p.required || location == Location::Path,
                value,
                p.description.as_deref(),
                &schema,
            )?);
        }

        let mut json_body = false;
        if let Some(body) = &op.operation.request_body {
            let mut media: Vec<&String> = body.content.keys().collect();
            // A JSON body may also be offered as a `+json` type (`application/scim+json`);
            // the client sends `application/json`.
            if media.iter().any(|m| *m == "application/json") {
                media.retain(|m| *m == "application/json" || !m.ends_with("+json"));
            }
            match media.as_slice() {
                [] => {}
                [m] if m.as_str() == "application/x-www-form-urlencoded" => {
                    let schema = body.content[*m].schema.clone().unwrap_or_default();
                    let schema = self.object_schema(&name, &schema, "form body")?;
                    for (wire, member) in ordered_members(&schema) {
                        let value = self.value_type(&name, wire, member, Encoding::Text)?;
                        let required = schema.required.contains(wire);
                        fields.push(self.field(
                            &name,
                            wire,
                            Location::Form,
                            required,
                            value,
                            member.description.as_deref(),
                            member,
                        )?);
                    }
                }
                [m] if m.as_str() == "application/json" => {
                    json_body = true;
                    let schema = body.content[*m].schema.clone().unwrap_or_default();
                    let resolved = match &schema.reference {
                        Some(r) => self
                            .spec
                            .resolve(r)
                            .map(|(_, s)| s.clone())
                            .unwrap_or_default(),
                        None => schema.clone(),
                    };
                    if resolved.properties.is_empty()
                        || resolved.one_of.is_some()
                        || resolved.any_of.is_some()
                    {
                        let mut value = ValueType::plain("serde_json::Value");
                        value.enum_schema = None;
                        fields.push(Field {
                            name: "body".into(),
                            wire: "body".into(),
                            location: Location::Body,
                            required: body.required,
                            list: false,
                            value_type: value.rust,
                            sid: None,
                            uri: UriRule::None,
                            enum_schema: None,
                            doc: resolved.description.clone(),
                        });
                    } else {
                        for (wire, member) in ordered_members(&resolved) {
                            let value = self.value_type(&name, wire, member, Encoding::Json)?;
                            let required = resolved.required.contains(wire);
                            fields.push(self.field(
                                &name,
                                wire,
                                Location::JsonMember,
                                required,
                                value,
                                member.description.as_deref(),
                                member,
                            )?);
                        }
                    }
                }
                _ => {
                    return Err(error(
                        &name,
                        format!(
                            "request body of media type {} cannot be declared (form or JSON only)",
                            media
                                .iter()
                                .map(|m| format!("`{m}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ))
                }
            }
        }

        // Locations differing from the attribute's defaults are written as keys; names are
        // unique, a body parameter sharing a path parameter's name becomes `new_…`.
        let mut seen: BTreeMap<String, Location> = BTreeMap::new();
        for field in &mut fields {
            if let Some(&earlier) = seen.get(&field.name) {
                if earlier == Location::Path && field.location != Location::Path {
                    field.name = format!("new_{}", field.name.trim_start_matches("r#"));
                }
                if seen.contains_key(&field.name) {
                    return Err(error(
                        &name,
                        format!(
                            "parameters `{}` and another both become field `{}`",
                            field.wire, field.name
                        ),
                    ));
                }
            }
            seen.insert(field.name.clone(), field.location);
        }

        let answer = self.answer(&name, op)?;
        Ok(Endpoint {
            name: id.to_string(),
            method: op.method.to_string(),
            template,
            host,
            answer,
            json_body,
            oauth2,
            doc: op
                .operation
                .description
                .clone()
                .or_else(|| op.operation.summary.clone()),
            fields,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        operation: &str,
        wire: &str,
        location: Location,
        required: bool,
        value: ValueType,
        doc: Option<&str>,
        schema: &Schema,
    ) -> Result<Field, GenerateError> {
        // A member that is a `$ref` (an enum) has its text on the schema it names.
        let referred = schema
            .reference
            .as_deref()
            .and_then(|r| self.spec.resolve(r))
            .and_then(|(_, s)| s.description.as_deref());
        let doc = doc.or(referred);
        let name = if location == Location::Body {
            "body".to_string()
        } else {
            names::field_name(wire).ok_or_else(|| {
                error(
                    operation,
                    format!("parameter `{wire}` cannot be a Rust field name"),
                )
            })?
        };
        let required = required && !value.list;
        Ok(Field {
            name,
            wire: wire.to_string(),
            location,
            required,
            list: value.list,
            value_type: value.rust,
            sid: value.sid,
            uri: value.uri,
            enum_schema: value.enum_schema,
            doc: doc.map(str::to_string),
        })
    }

    fn object_schema(
        &self,
        operation: &str,
        schema: &Schema,
        what: &str,
    ) -> Result<Schema, GenerateError> {
        let schema = match &schema.reference {
            Some(r) => self
                .spec
                .resolve(r)
                .map(|(_, s)| s.clone())
                .ok_or_else(|| {
                    error(
                        operation,
                        format!("{what}: `{r}` is not in the description"),
                    )
                })?,
            None => schema.clone(),
        };
        if schema.one_of.is_some() || schema.any_of.is_some() || schema.all_of.is_some() {
            return Err(error(
                operation,
                format!("{what}: oneOf/anyOf/allOf cannot be declared as fields"),
            ));
        }
        Ok(schema)
    }

    fn value_type(
        &mut self,
        operation: &str,
        wire: &str,
        schema: &Schema,
        encoding: Encoding,
    ) -> Result<ValueType, GenerateError> {
        if let Some(reference) = &schema.reference {
            let (schema_name, target) = self.spec.resolve(reference).ok_or_else(|| {
                error(
                    operation,
                    format!("parameter `{wire}`: `{reference}` is not in the description"),
                )
            })?;
            if target.values.is_some() {
                return self.enum_type(operation, wire, schema_name, target);
            }
            if target.kind.as_deref() == Some("object") || !target.properties.is_empty() {
                return Ok(ValueType::plain("serde_json::Value"));
            }
            let target = target.clone();
            return self.value_type(operation, wire, &target, encoding);
        }
        if schema.one_of.is_some() || schema.any_of.is_some() || schema.all_of.is_some() {
            if encoding == Encoding::Json {
                return Ok(ValueType::plain("serde_json::Value"));
            }
            return Err(error(
                operation,
                format!("parameter `{wire}`: oneOf/anyOf/allOf in a form, query or header value cannot be declared"),
            ));
        }
        if let Some(values) = &schema.values {
            let mut texts: Vec<String> = values.iter().map(json_text).collect();
            texts.sort();
            if texts == ["false", "true"] {
                return Ok(ValueType::plain("bool"));
            }
            let inline = format!(
                "{operation}_{}",
                names::pascal_case(&names::field_name(wire).unwrap_or_default())
            );
            let schema = schema.clone();
            return self.enum_type(operation, wire, &inline, &schema);
        }
        let amount = schema.format.as_deref() == Some("currency")
            || (wire.ends_with("Amount")
                && matches!(schema.kind.as_deref(), Some("number" | "string")));
        let mut value = match schema.kind.as_deref() {
            Some("string") if amount => ValueType::plain("twilio_endpoint::Amount"),
            Some("number") if amount => ValueType::plain("twilio_endpoint::Amount"),
            Some("string") => match schema.format.as_deref() {
                Some("date-time" | "date-time-rfc-2822") => {
                    ValueType::plain("twilio_endpoint::DateTime")
                }
                Some("date") => ValueType::plain("twilio_endpoint::Date"),
                Some("uri") => {
                    let mut v = ValueType::plain("String");
                    let relative = schema
                        .description
                        .as_deref()
                        .is_some_and(|d| d.to_ascii_lowercase().contains("absolute or relative"));
                    v.uri = if relative {
                        UriRule::Reference
                    } else {
                        UriRule::Absolute
                    };
                    v
                }
                _ => ValueType::plain("String"),
            },
            Some("integer") => {
                if schema.minimum.is_some_and(|m| m < 0.0) {
                    ValueType::plain("i64")
                } else {
                    ValueType::plain("u32")
                }
            }
            Some("number") => ValueType::plain("f64"),
            Some("boolean") => ValueType::plain("bool"),
            Some("array") => {
                let items = schema.items.as_deref().cloned().unwrap_or_default();
                let inner = self.value_type(operation, wire, &items, encoding)?;
                if inner.list {
                    return Err(error(
                        operation,
                        format!("parameter `{wire}`: a list of lists cannot be declared"),
                    ));
                }
                return Ok(ValueType {
                    list: true,
                    ..inner
                });
            }
            Some("object") | None => ValueType::plain("serde_json::Value"),
            Some(other) => {
                return Err(error(
                    operation,
                    format!("parameter `{wire}`: type `{other}` is not supported"),
                ))
            }
        };
        value.sid = schema.pattern.as_deref().and_then(sid_prefixes);
        Ok(value)
    }

    fn enum_type(
        &mut self,
        operation: &str,
        wire: &str,
        schema_name: &str,
        schema: &Schema,
    ) -> Result<ValueType, GenerateError> {
        let rust = names::type_name(schema_name).ok_or_else(|| {
            error(
                operation,
                format!("parameter `{wire}`: enum `{schema_name}` cannot be a Rust type name"),
            )
        })?;
        let mut variants: Vec<(String, String)> = Vec::new();
        for value in schema.values.as_deref().unwrap_or_default() {
            let text = json_text(value);
            let variant = if text.is_empty() {
                "Empty".to_string()
            } else {
                match names::type_name(&text) {
                    Some(v) => v,
                    None => {
                        let camel = names::type_name(&format!("v_{text}")).ok_or_else(|| {
                            error(
                                operation,
                                format!(
                                    "enum `{schema_name}`: value `{text}` cannot be a variant name"
                                ),
                            )
                        })?;
                        camel
                    }
                }
            };
            if variants.iter().any(|(v, w)| *v == variant && *w != text) {
                return Err(error(
                    operation,
                    format!("enum `{schema_name}`: values `{text}` and another both become variant `{variant}`"),
                ));
            }
            if !variants.iter().any(|(_, w)| *w == text) {
                variants.push((variant, text));
            }
        }
        let declared = StringEnum {
            name: rust.clone(),
            schema: schema_name.to_string(),
            description: schema.description.clone(),
            variants,
        };
        if let Some(clash) = self
            .enums
            .values()
            .find(|e| e.name == rust && e.schema != schema_name)
        {
            return Err(error(
                operation,
                format!(
                    "enums `{}` and `{schema_name}` both become `{rust}`",
                    clash.schema
                ),
            ));
        }
        self.enums.insert(schema_name.to_string(), declared);
        Ok(ValueType {
            enum_schema: Some(schema_name.to_string()),
            ..ValueType::plain(&rust)
        })
    }

    fn host(&self, operation: &str, op: OperationRef<'_>) -> Result<Option<String>, GenerateError> {
        let servers = [&op.operation.servers, &op.item.servers, &self.spec.servers]
            .into_iter()
            .find(|s| !s.is_empty());
        let Some(server) = servers.and_then(|s| s.first()) else {
            return Ok(None);
        };
        let host = server
            .url
            .strip_prefix("https://")
            .and_then(|rest| rest.trim_end_matches('/').strip_suffix(".twilio.com"))
            .filter(|h| crate::shared::is_host_label(h))
            .ok_or_else(|| {
                error(
                    operation,
                    format!(
                        "server `{}` is not https://{{product}}.twilio.com",
                        server.url
                    ),
                )
            })?;
        Ok((host != "api").then(|| host.to_string()))
    }

    fn oauth2_only(&self, operation: &Operation) -> bool {
        let Some(security) = operation.security.as_ref().or(self.spec.security.as_ref()) else {
            return false;
        };
        !security.is_empty()
            && security.iter().all(|requirement| {
                !requirement.is_empty()
                    && requirement.keys().all(|scheme| {
                        self.spec
                            .components
                            .security_schemes
                            .get(scheme)
                            .is_some_and(|s| {
                                s.kind == "oauth2"
                                    || (s.kind == "http" && s.scheme.as_deref() == Some("bearer"))
                            })
                    })
            })
    }

    fn answer(&mut self, operation: &str, op: OperationRef<'_>) -> Result<Answer, GenerateError> {
        let success = op
            .operation
            .responses
            .iter()
            .filter(|(code, _)| code.starts_with('2') && code.len() == 3)
            .min_by(|a, b| a.0.cmp(b.0));
        let Some((code, response)) = success else {
            // An operation that only redirects answers where it points (the client follows
            // no redirect).
            if op
                .operation
                .responses
                .keys()
                .any(|code| code.starts_with('3'))
            {
                return Ok(Answer::Response("twilio_endpoint::Redirect".into()));
            }
            let codes: Vec<&str> = op.operation.responses.keys().map(String::as_str).collect();
            return Err(error(
                operation,
                format!(
                    "the operation has no 2xx or 3xx response (only {})",
                    codes.join(", ")
                ),
            ));
        };
        if code == "204" || response.content.is_empty() {
            return Ok(Answer::Response("()".into()));
        }
        let Some(schema) = response
            .content
            .get("application/json")
            .and_then(|m| m.schema.as_ref())
        else {
            return Ok(Answer::Json);
        };
        let (schema_name, resolved) = self.named_schema(
            operation,
            schema,
            "response",
            format!("{operation}_response"),
        )?;
        if op.method == "GET" && code == "200" {
            let paged = resolved.properties.contains_key("meta")
                || resolved.properties.contains_key("next_page_uri");
            if paged {
                let items: Vec<&Schema> = resolved
                    .properties
                    .iter()
                    .filter(|(key, s)| *key != "meta" && s.kind.as_deref() == Some("array"))
                    .filter_map(|(_, s)| s.items.as_deref())
                    .filter(|s| s.reference.is_some() || !s.properties.is_empty())
                    .collect();
                let [item] = items.as_slice() else {
                    return Err(error(
                        operation,
                        "the 200 response is a page but has not exactly one array of resources",
                    ));
                };
                // A resource described in place (ListKnowledge) is named after the operation.
                let (n, s) =
                    self.named_schema(operation, item, "item", format!("{operation}_item"))?;
                let name = self.response_struct(operation, &n, &s)?;
                return Ok(Answer::List(name));
            }
        }
        if resolved.properties.is_empty() {
            return Ok(Answer::Json);
        }
        let name = self.response_struct(operation, &schema_name, &resolved)?;
        Ok(Answer::Response(name))
    }

    /// The schema a `$ref` names, with its name; a schema described in place, named `fallback`.
    fn named_schema(
        &self,
        operation: &str,
        schema: &Schema,
        what: &str,
        fallback: String,
    ) -> Result<(String, Schema), GenerateError> {
        match &schema.reference {
            Some(r) => {
                let (n, s) = self.spec.resolve(r).ok_or_else(|| {
                    error(operation, format!("{what} `{r}` is not in the description"))
                })?;
                Ok((n.to_string(), s.clone()))
            }
            None => Ok((fallback, schema.clone())),
        }
    }

    fn response_struct(
        &mut self,
        operation: &str,
        schema_name: &str,
        schema: &Schema,
    ) -> Result<String, GenerateError> {
        let name = names::type_name(schema_name).ok_or_else(|| {
            error(
                operation,
                format!("schema `{schema_name}` cannot be a Rust type name"),
            )
        })?;
        if let Some(existing) = self.responses.get(schema_name) {
            return Ok(existing.name.clone());
        }
        if let Some(clash) = self.responses.values().find(|r| r.name == name) {
            return Err(error(
                operation,
                format!(
                    "schemas `{}` and `{schema_name}` both become `{name}`",
                    clash.schema
                ),
            ));
        }
        let mut fields = Vec::new();
        let mut seen = BTreeSet::new();
        for (key, member) in &schema.properties {
            let field = names::field_name(key).ok_or_else(|| {
                error(
                    operation,
                    format!("member `{key}` of `{schema_name}` cannot be a Rust field name"),
                )
            })?;
            if !seen.insert(field.clone()) {
                return Err(error(
                    operation,
                    format!("two members of `{schema_name}` become field `{field}`"),
                ));
            }
            let value_type = self.response_type(operation, key, member, 0);
            let doc = member.description.clone().or_else(|| {
                member
                    .reference
                    .as_deref()
                    .and_then(|r| self.spec.resolve(r))
                    .and_then(|(_, s)| s.description.clone())
            });
            fields.push(ResponseField {
                name: field,
                key: key.clone(),
                value_type,
                doc,
            });
        }
        self.responses.insert(
            schema_name.to_string(),
            ResponseStruct {
                name: name.clone(),
                schema: schema_name.to_string(),
                fields,
            },
        );
        Ok(name)
    }

    /// A response member's type: a described string enum as `Open<Enum>` (a value Twilio adds
    /// later is kept as text, never a decoding error), nested objects as JSON.
    fn response_type(
        &mut self,
        operation: &str,
        key: &str,
        schema: &Schema,
        depth: usize,
    ) -> String {
        if let Some(r) = &schema.reference {
            let Some((schema_name, target)) = self.spec.resolve(r) else {
                return "serde_json::Value".into();
            };
            if target.values.is_some() && target.kind.as_deref() == Some("string") {
                let (schema_name, target) = (schema_name.to_string(), target.clone());
                // An enum whose name or values cannot be declared stays text.
                return match self.enum_type(operation, key, &schema_name, &target) {
                    Ok(value) => format!("twilio_endpoint::Open<{}>", value.rust),
                    Err(_) => "String".into(),
                };
            }
            return match self.spec.resolve(r) {
                Some((_, target))
                    if depth < 4
                        && target.properties.is_empty()
                        && target.kind.as_deref() != Some("object") =>
                {
                    let target = target.clone();
                    self.response_type(operation, key, &target, depth + 1)
                }
                _ => "serde_json::Value".into(),
            };
        }
        match schema.kind.as_deref() {
            Some("string") => match schema.format.as_deref() {
                Some("date-time" | "date-time-rfc-2822") => "twilio_endpoint::DateTime".into(),
                Some("date") => "twilio_endpoint::Date".into(),
                _ => "String".into(),
            },
            Some("integer") => "i64".into(),
            // Twilio sends most `number` members as decimal text (`"price": "-0.0025"`,
            // `"latitude": "19.720000"`), which a float fails to read and would round:
            // `Decimal` reads text and numbers and keeps the digits.
            Some("number") => "twilio_endpoint::Decimal".into(),
            Some("boolean") => "bool".into(),
            Some("array") => match schema.items.as_deref() {
                Some(items) if depth < 4 => {
                    let items = items.clone();
                    format!(
                        "Vec<{}>",
                        self.response_type(operation, key, &items, depth + 1)
                    )
                }
                _ => "Vec<serde_json::Value>".into(),
            },
            _ => "serde_json::Value".into(),
        }
    }
}

/// An object's members: required ones first, each group sorted by name.
fn ordered_members(schema: &Schema) -> Vec<(&String, &Schema)> {
    let mut members: Vec<(&String, &Schema)> = schema.properties.iter().collect();
    members.sort_by_key(|(name, _)| (!schema.required.contains(name), (*name).clone()));
    members
}

/// A JSON value as the text a form, query, path or header carries (`"complete"` -> `complete`,
/// `5` -> `5`; objects and lists as compact JSON).
pub(crate) fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The path template of a description's path (`/v1/Services/<Sid>` for
/// `/v1/Services/{Sid}`), when its placeholders can be written as `<Name>`.
pub fn path_template(path: &str) -> Option<String> {
    template("", path).ok()
}

/// The path template with `<Name>` placeholders.
fn template(operation: &str, path: &str) -> Result<String, GenerateError> {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .ok_or_else(|| error(operation, format!("path `{path}` has an unclosed `{{`")))?;
        let name = &rest[start + 1..start + end];
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(error(
                operation,
                format!("placeholder `{{{name}}}` cannot be a `<Name>` placeholder"),
            ));
        }
        out.push('<');
        out.push_str(name);
        out.push('>');
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The SID prefixes of a pattern (`^PK[0-9a-fA-F]{32}$` -> `PK`, `^(SM|MM)[0-9a-fA-F]{32}$` ->
/// `SM|MM`); `None` for any other pattern.
pub fn sid_prefixes(pattern: &str) -> Option<String> {
    let pattern = pattern.strip_prefix('^').unwrap_or(pattern);
    let pattern = pattern.strip_suffix('$').unwrap_or(pattern);
    let body = pattern
        .strip_suffix("[0-9a-fA-F]{32}")
        .or_else(|| pattern.strip_suffix("[0-9a-f]{32}"))?;
    let body = body
        .strip_prefix('(')
        .and_then(|b| b.strip_suffix(')'))
        .unwrap_or(body);
    let prefixes: Vec<&str> = body.split('|').collect();
    prefixes
        .iter()
        .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_uppercase()))
        .then(|| prefixes.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sid_patterns() {
        assert_eq!(sid_prefixes("^PK[0-9a-fA-F]{32}$").as_deref(), Some("PK"));
        assert_eq!(
            sid_prefixes("^(SM|MM)[0-9a-fA-F]{32}$").as_deref(),
            Some("SM|MM")
        );
        assert_eq!(sid_prefixes("OR[0-9a-f]{32}").as_deref(), Some("OR"));
        assert_eq!(sid_prefixes("^[A-Z]{2}[0-9a-fA-F]{32}$"), None);
        assert_eq!(sid_prefixes("^[a-z]+$"), None);
    }

    #[test]
    fn templates() {
        assert_eq!(
            template("X", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json").unwrap(),
            "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json"
        );
        assert_eq!(
            template("X", "/v1/Assistants/{id}").unwrap(),
            "/v1/Assistants/<id>"
        );
        assert!(template("X", "/v1/{a-b}").is_err());
    }
}
