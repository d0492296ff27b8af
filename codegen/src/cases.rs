//! Requests to prove declarations with: for each generated endpoint, a minimal request (the
//! parameters the description requires) and a full one (every parameter), each with valid
//! values picked from the description's schemas, and what each must put on the wire.
//!
//! The values and the expected wire are read from the description itself, not from the
//! [`model`](crate::model): the model only says which Rust field carries which Twilio
//! parameter, so a generator or attribute that names, places or encodes a parameter wrongly
//! shows up as a difference on the wire. The contract suite (`tests/operations`) compiles the
//! rendered cases with the declarations and sends them.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::generate::{find_operations, json_text, OperationRef};
use crate::model::{Endpoint, Field, Location, Module};
use crate::spec::{Parameter, Schema, Spec};

/// The date-time every sample uses, as Twilio writes it (RFC 3339).
pub const DATE_TIME: &str = "2026-01-02T03:04:05Z";
/// [`DATE_TIME`] as seconds since the Unix epoch.
pub const DATE_TIME_UNIX: i64 = 1_767_323_045;
/// The date every sample uses.
pub const DATE: &str = "2026-01-02";

/// Which of an operation's two requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Only the parameters the description requires.
    Minimal,
    /// Every parameter.
    Full,
}

/// One request and what the description says it puts on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The operation (`CreateMessage`).
    pub operation: String,
    /// Minimal or full.
    pub kind: Kind,
    /// The struct literal that declares the request, as Rust text.
    pub literal: String,
    /// The method.
    pub method: String,
    /// The path with every placeholder replaced by its percent-encoded value.
    pub path: String,
    /// Query pairs, a list as repeated keys.
    pub query: Vec<(String, String)>,
    /// Form pairs, a list as repeated keys.
    pub form: Vec<(String, String)>,
    /// Header values.
    pub headers: Vec<(String, String)>,
    /// The JSON body, compact.
    pub json: Option<String>,
    /// Whether a form parameter is a list or an object, which Prism cannot read from a form
    /// body (`PRISM_NOTES.md`).
    pub form_structured: bool,
}

/// A parameter of the description, where it goes and its schema.
struct WireParam {
    location: Location,
    name: String,
    required: bool,
    schema: Schema,
}

/// The two cases of every endpoint of `module`, and an error naming each endpoint the cases
/// cannot be written for.
pub fn cases(spec: &Spec, module: &Module) -> (Vec<Case>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for endpoint in &module.endpoints {
        let op = match find_operations(spec, std::slice::from_ref(&endpoint.name)) {
            Ok(mut found) => found.remove(0),
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        let params = wire_params(spec, &op);
        let both = [Kind::Minimal, Kind::Full]
            .map(|kind| case(spec, module, endpoint, &op, &params, kind));
        match both {
            [Ok(minimal), Ok(full)] => out.extend([minimal, full]),
            [Err(e), _] | [_, Err(e)] => errors.push(format!("{}: {e}", endpoint.name)),
        }
    }
    (out, errors)
}

fn case(
    spec: &Spec,
    module: &Module,
    endpoint: &Endpoint,
    op: &OperationRef<'_>,
    params: &[WireParam],
    kind: Kind,
) -> Result<Case, String> {
    let mut case = Case {
        operation: endpoint.name.clone(),
        kind,
        literal: String::new(),
        method: op.method.to_string(),
        path: op.path.to_string(),
        query: Vec::new(),
        form: Vec::new(),
        headers: Vec::new(),
        json: None,
        form_structured: false,
    };
    let mut members = Map::new();
    let mut values: Vec<(&Field, Value)> = Vec::new();
    for param in params {
        if kind == Kind::Minimal && !param.required {
            continue;
        }
        let value = sample(spec, &param.schema, &param.name, kind, 0, 0);
        let field = endpoint
            .fields
            .iter()
            .find(|f| f.wire == param.name && f.location == param.location)
            .ok_or_else(|| format!("no field carries {} `{}`", param.location, param.name))?;
        let texts = || -> Vec<String> {
            match &value {
                Value::Array(items) => items.iter().map(json_text).collect(),
                other => vec![json_text(other)],
            }
        };
        match param.location {
            Location::Path => {
                let placeholder = format!("{{{}}}", param.name);
                case.path = case
                    .path
                    .replace(&placeholder, &percent_encode(&json_text(&value)));
            }
            Location::Query => case
                .query
                .extend(texts().into_iter().map(|t| (param.name.clone(), t))),
            Location::Form => {
                case.form_structured |= value.is_array() || value.is_object();
                case.form
                    .extend(texts().into_iter().map(|t| (param.name.clone(), t)));
            }
            Location::Header => case.headers.push((param.name.clone(), json_text(&value))),
            Location::JsonMember => {
                members.insert(param.name.clone(), value.clone());
            }
            Location::Body => case.json = Some(value.to_string()),
        }
        values.push((field, value));
    }
    if endpoint.json_body && case.json.is_none() {
        case.json = Some(Value::Object(members).to_string());
    }
    let mut literal = format!("{} {{", endpoint.name);
    for field in &endpoint.fields {
        let value = values.iter().find(|(f, _)| f.name == field.name);
        let expr = match value {
            Some((_, value)) => field_expr(module, field, value)?,
            None if field.list => "Vec::new()".to_string(),
            None if !field.required => "None".to_string(),
            None => return Err(format!("required field `{}` has no value", field.name)),
        };
        let _ = write!(literal, " {}: {expr},", field.name);
    }
    literal.push_str(" }");
    case.literal = literal;
    Ok(case)
}

/// The operation's parameters as the description states them: path, query and header
/// parameters (the operation's replacing the path item's of the same name and place), then the
/// form or JSON body's members, or the whole JSON body when it has no members.
fn wire_params(spec: &Spec, op: &OperationRef<'_>) -> Vec<WireParam> {
    let resolve = |p: &Parameter| -> Option<Parameter> {
        match &p.reference {
            Some(r) => spec
                .components
                .parameters
                .get(r.trim_start_matches("#/components/parameters/"))
                .cloned(),
            None => Some(p.clone()),
        }
    };
    let mut declared: Vec<Parameter> = Vec::new();
    for p in op.item.parameters.iter().chain(&op.operation.parameters) {
        if let Some(p) = resolve(p) {
            declared.retain(|q| (&q.name, &q.location) != (&p.name, &p.location));
            declared.push(p);
        }
    }
    let mut out: Vec<WireParam> = declared
        .into_iter()
        .filter(|p| !(p.location == "header" && p.name.eq_ignore_ascii_case("authorization")))
        .filter_map(|p| {
            let location = match p.location.as_str() {
                "path" => Location::Path,
                "query" => Location::Query,
                "header" => Location::Header,
                _ => return None,
            };
            Some(WireParam {
                location,
                required: p.required || location == Location::Path,
                schema: p.schema.unwrap_or_default(),
                name: p.name,
            })
        })
        .collect();
    let Some(body) = &op.operation.request_body else {
        return out;
    };
    let form = body.content.get("application/x-www-form-urlencoded");
    let json = body.content.get("application/json").or_else(|| {
        body.content
            .iter()
            .find(|(media, _)| media.ends_with("+json"))
            .map(|(_, m)| m)
    });
    let (media, member_location) = match (form, json) {
        (Some(m), _) => (m, Location::Form),
        (None, Some(m)) => (m, Location::JsonMember),
        (None, None) => return out,
    };
    let schema = resolved(spec, media.schema.as_ref().unwrap_or(&Schema::default()));
    let whole = member_location == Location::JsonMember
        && (schema.properties.is_empty() || schema.one_of.is_some() || schema.any_of.is_some());
    if whole {
        out.push(WireParam {
            location: Location::Body,
            name: "body".into(),
            required: body.required,
            schema,
        });
    } else {
        // A body the description requires is never empty: with no member required, the
        // minimal request carries the first.
        let none_required = !schema
            .properties
            .keys()
            .any(|n| schema.required.contains(n));
        for (i, (name, member)) in schema.properties.iter().enumerate() {
            out.push(WireParam {
                location: member_location,
                name: name.clone(),
                required: schema.required.contains(name)
                    || (body.required && none_required && i == 0),
                schema: member.clone(),
            });
        }
    }
    out
}

/// `schema`, or the component schema it refers to.
fn resolved(spec: &Spec, schema: &Schema) -> Schema {
    match &schema.reference {
        Some(r) => spec.resolve(r).map(|(_, s)| s.clone()).unwrap_or_default(),
        None => schema.clone(),
    }
}

/// A value `schema` allows: the first enum value (the `index`th, for the items of a list), a
/// text its pattern matches, the least allowed number, a fixed date; a list of two items in
/// a full request and one in a minimal one; an object with its required members, or all of
/// them in a full request. `name` is the parameter's: a text named `…Amount` is a decimal.
pub fn sample(
    spec: &Spec,
    schema: &Schema,
    name: &str,
    kind: Kind,
    index: usize,
    depth: usize,
) -> Value {
    let schema = resolved(spec, schema);
    if depth > 8 {
        return Value::Object(Map::new());
    }
    if let Some(values) = schema.values.as_ref().filter(|v| !v.is_empty()) {
        return values[index % values.len()].clone();
    }
    if let Some(first) = schema
        .one_of
        .as_ref()
        .or(schema.any_of.as_ref())
        .and_then(|alternatives| alternatives.first())
    {
        return sample(spec, first, name, kind, index, depth + 1);
    }
    match schema.kind.as_deref() {
        Some("string") if name.ends_with("Amount") => Value::String("10.50".into()),
        Some("string") => Value::String(string_sample(&schema, index)),
        Some("integer") => {
            let least = schema.minimum.unwrap_or(1.0).max(1.0);
            let n = match schema.maximum {
                Some(most) => least.min(most),
                None => least,
            };
            Value::from(n as i64 + index as i64)
        }
        Some("number") => Value::from(0.5),
        Some("boolean") => Value::Bool(true),
        Some("array") => {
            let items = schema.items.as_deref().cloned().unwrap_or_default();
            let count = if kind == Kind::Full { 2 } else { 1 };
            Value::Array(
                (0..count)
                    .map(|i| sample(spec, &items, name, kind, i, depth + 1))
                    .collect(),
            )
        }
        _ => {
            let mut members = Map::new();
            for (key, member) in &schema.properties {
                if kind == Kind::Full || schema.required.contains(key) {
                    members.insert(key.clone(), sample(spec, member, key, kind, 0, depth + 1));
                }
            }
            Value::Object(members)
        }
    }
}

fn string_sample(schema: &Schema, index: usize) -> String {
    if let Some(pattern) = &schema.pattern {
        return pattern_sample(pattern);
    }
    let text = match schema.format.as_deref() {
        Some("date-time" | "date-time-rfc-2822") => DATE_TIME.to_string(),
        Some("date") => DATE.to_string(),
        Some("uri") => format!("https://example.com/twilio/{index}"),
        Some("phone-number" | "endpoint") => format!("+1500555000{}", 6 + index % 4),
        Some("email") => "user@example.com".to_string(),
        Some("iso-country-code") => "US".to_string(),
        Some("twiml") => "<Response><Say>hello</Say></Response>".to_string(),
        Some("currency") => "10.50".to_string(),
        _ => format!("example-{index}"),
    };
    match schema.max_length {
        Some(most) if text.len() > most => text[..most].to_string(),
        _ => text,
    }
}

/// A text the regular expression matches, for the shapes Twilio's descriptions use:
/// literals, `[classes]` with `{n}`, `+` or `{m,n}`, `.+`, and groups of alternatives (the
/// first is taken, as few times as allowed).
pub fn pattern_sample(pattern: &str) -> String {
    let pattern = pattern.strip_prefix('^').unwrap_or(pattern);
    let pattern = pattern.strip_suffix('$').unwrap_or(pattern);
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // One atom, as the text it produces once.
        let (atom, next): (Box<dyn Fn(usize) -> String>, usize) = match chars[i] {
            '[' => {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == ']')
                    .map_or(chars.len(), |p| i + p);
                let class: Vec<char> = chars[i + 1..end].to_vec();
                (Box::new(move |n| class_text(&class, n)), end + 1)
            }
            '(' => {
                let mut level = 0;
                let mut end = i;
                for (j, &c) in chars.iter().enumerate().skip(i) {
                    match c {
                        '(' => level += 1,
                        ')' => {
                            level -= 1;
                            if level == 0 {
                                end = j;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let inner: String = chars[i + 1..end].iter().collect();
                let first = inner.split('|').next().unwrap_or("").to_string();
                (Box::new(move |_| pattern_sample(&first)), end + 1)
            }
            '.' => (Box::new(|_| "example".to_string()), i + 1),
            '\\' if i + 1 < chars.len() => {
                let c = chars[i + 1];
                (Box::new(move |_| c.to_string()), i + 2)
            }
            c => (Box::new(move |_| c.to_string()), i + 1),
        };
        // Its quantifier: how many times.
        let (count, after) = match chars.get(next) {
            Some('+') => (1, next + 1),
            Some('*') | Some('?') => (0, next + 1),
            Some('{') => {
                let end = chars[next..]
                    .iter()
                    .position(|&c| c == '}')
                    .map_or(chars.len(), |p| next + p);
                let spec: String = chars[next + 1..end].iter().collect();
                let least = spec
                    .split(',')
                    .next()
                    .and_then(|n| n.trim().parse().ok())
                    .unwrap_or(1);
                (least, end + 1)
            }
            _ => (1, next),
        };
        if count > 0 {
            out.push_str(&atom(count));
        }
        i = after;
    }
    out
}

/// `n` characters of a `[class]`: hexadecimal digits in turn where the class allows them
/// (so a SID pattern gets `0123…`), else the class's first character.
fn class_text(class: &[char], n: usize) -> String {
    let allows = |c: char| {
        let mut k = 0;
        while k < class.len() {
            if k + 2 < class.len() && class[k + 1] == '-' {
                if (class[k]..=class[k + 2]).contains(&c) {
                    return true;
                }
                k += 3;
            } else {
                if class[k] == c {
                    return true;
                }
                k += 1;
            }
        }
        false
    };
    let preferred: Vec<char> = "0123456789abcdef"
        .chars()
        .chain('A'..='Z')
        .chain('a'..='z')
        .filter(|&c| allows(c))
        .collect();
    let cycle: Vec<char> =
        if preferred.iter().all(|c| c.is_ascii_hexdigit()) || preferred.len() >= 16 {
            preferred.iter().copied().take(16).collect()
        } else {
            preferred
        };
    if cycle.is_empty() {
        return "x".repeat(n);
    }
    (0..n).map(|k| cycle[k % cycle.len()]).collect()
}

/// Percent-encodes a path segment: everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The Rust expression for `field` holding `value`.
fn field_expr(module: &Module, field: &Field, value: &Value) -> Result<String, String> {
    let one = |v: &Value| value_expr(module, field, v);
    if field.list {
        let items = match value {
            Value::Array(items) => items.iter().map(one).collect::<Result<Vec<_>, _>>()?,
            other => vec![one(other)?],
        };
        return Ok(format!("vec![{}]", items.join(", ")));
    }
    let expr = one(value)?;
    Ok(if field.required {
        expr
    } else {
        format!("Some({expr})")
    })
}

fn value_expr(module: &Module, field: &Field, value: &Value) -> Result<String, String> {
    let wrong = || format!("`{}` cannot hold {value}", field.name);
    Ok(match field.value_type.as_str() {
        "String" => format!("{:?}.to_string()", json_text(value)),
        "u32" | "i64" => value.as_i64().ok_or_else(wrong)?.to_string(),
        "f64" => format!("{:?}", value.as_f64().ok_or_else(wrong)?),
        // An enum of `"true"` and `"false"` is declared as a `bool`.
        "bool" => match value {
            Value::Bool(b) => b.to_string(),
            Value::String(s) if s == "true" || s == "false" => s.clone(),
            _ => return Err(wrong()),
        },
        "twilio_endpoint::DateTime" if json_text(value) == DATE_TIME => {
            format!("crate::date_time({DATE_TIME_UNIX})")
        }
        "twilio_endpoint::Date" if json_text(value) == DATE => "crate::date()".to_string(),
        "twilio_endpoint::Amount" => format!("crate::amount({:?})", json_text(value)),
        "serde_json::Value" => format!("crate::json({:?})", value.to_string()),
        name => {
            let string_enum = module
                .enums
                .iter()
                .find(|e| e.name == name)
                .ok_or_else(wrong)?;
            let wire = json_text(value);
            let (variant, _) = string_enum
                .variants
                .iter()
                .find(|(_, w)| *w == wire)
                .ok_or_else(wrong)?;
            format!("{name}::{variant}")
        }
    })
}

/// The cases as a Rust function `cases()` returning `Vec<crate::Case>`, to be placed in the
/// module that declares the endpoints. `crate::Case`, `crate::Kind`, `crate::send` and the
/// value helpers the literals call (`crate::date_time`, `crate::date`, `crate::amount`,
/// `crate::json`) are the test crate's.
pub fn render_cases(cases: &[Case]) -> String {
    let mut out = String::from("pub fn cases() -> Vec<crate::Case> {\n    vec![\n");
    for case in cases {
        let pairs = |pairs: &[(String, String)]| {
            let items: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("({k:?}, {v:?})"))
                .collect();
            format!("&[{}]", items.join(", "))
        };
        let _ = writeln!(
            out,
            "        crate::Case {{ operation: {:?}, kind: crate::Kind::{:?}, method: {:?}, path: {:?}, query: {}, form: {}, headers: {}, json: {:?}, form_structured: {}, send: |client| crate::send(client, {}) }},",
            case.operation,
            case.kind,
            case.method,
            case.path,
            pairs(&case.query),
            pairs(&case.form),
            pairs(&case.headers),
            case.json,
            case.form_structured,
            case.literal,
        );
    }
    out.push_str("    ]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_give_matching_text() {
        assert_eq!(
            pattern_sample("^PK[0-9a-fA-F]{32}$"),
            "PK0123456789abcdef0123456789abcdef"
        );
        assert_eq!(
            pattern_sample("^(SM|MM)[0-9a-fA-F]{32}$"),
            "SM0123456789abcdef0123456789abcdef"
        );
        assert_eq!(pattern_sample("^aia_plcy_.+$"), "aia_plcy_example");
        assert_eq!(
            pattern_sample("^BU[0-9a-fA-F]{32}(,BU[0-9a-fA-F]{32}){0,19}$"),
            "BU0123456789abcdef0123456789abcdef"
        );
        assert_eq!(pattern_sample("^[a-zA-Z]{2}[0-9a-f]{2}$"), "ab01");
        assert_eq!(pattern_sample("OQ[a-zA-Z0-9]{4}"), "OQ0123");
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(percent_encode("a b/c"), "a%20b%2Fc");
        assert_eq!(percent_encode("AC01"), "AC01");
    }
}
