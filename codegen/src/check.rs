//! `--check FILE.rs`: hand-written declarations compared with the description. Every difference
//! that would change the wire or the checks is one [`Difference`]: an operation or parameter
//! added or removed, a parameter moved, made required or optional, a SID rule or URI rule
//! changed, a list made a single value, an enum value added or removed in a `string_enum!` the
//! file declares, or the method, template, host, body format or auth scheme changed. Types,
//! docs and field names (beyond the wire name they give) are the author's.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, Item, LitStr, Token, Type};

use crate::model::{Answer, Endpoint, Field, Location, UriRule};
use crate::spec::Spec;
use crate::{GenerateError, Module};

/// What `--check` tolerates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The file declares a chosen subset of each operation's optional parameters (`--subset`):
    /// an optional parameter of the description that a declaration leaves out is not reported.
    /// Everything declared is still compared, and a required parameter left out still is one.
    /// A list operation may also be declared with `response =` (one page read as a plain
    /// answer, no paging), which changes neither the wire nor the checks.
    pub subset: bool,
}

/// One difference between a declaration and the description.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// The operation (`UpdatePayments`).
    pub operation: String,
    /// What differs.
    pub message: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.operation, self.message)
    }
}

/// A `#[twilio_endpoint]` struct as written.
struct Declared {
    name: String,
    method: String,
    template: String,
    host: Option<String>,
    list: bool,
    json_body: bool,
    oauth2: bool,
    fields: Vec<DeclaredField>,
}

/// A field as written, with the wire name and location the attribute gives it.
struct DeclaredField {
    wire: String,
    location: Location,
    required: bool,
    list: bool,
    sid: Option<String>,
    uri: UriRule,
    /// The last segment of the value type (`Capture` in `Option<Capture>`).
    value_type: String,
}

/// A `string_enum!` body: `#[…] pub Name { #[…] Variant = "wire", … }`.
struct StringEnumBody {
    name: Ident,
    values: Vec<String>,
}

impl Parse for StringEnumBody {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        input.call(Attribute::parse_outer)?;
        input.parse::<syn::Visibility>()?;
        let name: Ident = input.parse()?;
        let content;
        syn::braced!(content in input);
        let mut values = Vec::new();
        while !content.is_empty() {
            content.call(Attribute::parse_outer)?;
            content.parse::<Ident>()?;
            content.parse::<Token![=]>()?;
            values.push(content.parse::<LitStr>()?.value());
            if content.parse::<Option<Token![,]>>()?.is_none() {
                break;
            }
        }
        Ok(StringEnumBody { name, values })
    }
}

fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The declaration `item` with its `#[twilio_endpoint(…)]` `attr`, read by the attribute's own
/// front end (`macros/src/internals`): the wire names, locations and rules are the ones the
/// macro gives, so that `--check` cannot read a declaration otherwise than it compiles.
fn declared(item: &syn::ItemStruct, attr: &Attribute) -> Result<Declared, String> {
    use crate::internals::{args, errors::Errors, model};
    let tokens = match &attr.meta {
        syn::Meta::List(list) => list.tokens.clone(),
        _ => proc_macro2::TokenStream::new(),
    };
    let mut item = item.clone();
    item.attrs
        .retain(|a| last_segment(a.path()) != "twilio_endpoint");
    let input = syn::DeriveInput::from(item);
    let mut errors = Errors::default();
    let args = args::parse(tokens, &mut errors);
    let endpoint = model::build(&input, args, &mut errors);
    let endpoint = match endpoint {
        Some(endpoint) if errors.is_empty() => endpoint,
        _ => return Err(errors.messages().join("; ")),
    };
    let fields = endpoint
        .fields
        .iter()
        .map(|field| DeclaredField {
            wire: field.wire.clone(),
            location: field.location,
            required: matches!(field.shape, model::Shape::Plain),
            list: matches!(field.shape, model::Shape::List(_)),
            sid: (!field.sid.is_empty()).then(|| field.sid.join("|")),
            uri: field.uri,
            value_type: match field.inner_ty() {
                Type::Path(path) => last_segment(&path.path),
                _ => String::new(),
            },
        })
        .collect();
    let args = &endpoint.args;
    Ok(Declared {
        name: input.ident.to_string(),
        method: args.method.as_str().to_string(),
        template: args.template_lit.value(),
        host: Some(args.host.clone()).filter(|h| h != "api"),
        list: args.list.is_some(),
        json_body: args.json_body.is_some(),
        oauth2: args.oauth2,
        fields,
    })
}

/// Compares the declarations of `source` (a Rust file) with `spec`. `Err` when the file does
/// not parse or holds no declaration.
pub fn check(spec: &Spec, source: &str, options: CheckOptions) -> Result<Vec<Difference>, String> {
    check_all(std::slice::from_ref(spec), source, options)
}

/// [`check`] against several descriptions (one per product): each declaration is compared with
/// the description that has its `operationId`.
pub fn check_all(
    specs: &[Spec],
    source: &str,
    options: CheckOptions,
) -> Result<Vec<Difference>, String> {
    let file = syn::parse_file(source).map_err(|e| format!("the file does not parse: {e}"))?;
    let mut declarations = Vec::new();
    let mut enums: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in &file.items {
        match item {
            Item::Struct(s) => {
                if let Some(attr) = s
                    .attrs
                    .iter()
                    .find(|a| last_segment(a.path()) == "twilio_endpoint")
                {
                    declarations
                        .push(declared(s, attr).map_err(|e| format!("`{}`: {e}", s.ident))?);
                }
            }
            Item::Macro(m) if last_segment(&m.mac.path) == "string_enum" => {
                let body: StringEnumBody = m
                    .mac
                    .parse_body()
                    .map_err(|e| format!("string_enum!: {e}"))?;
                enums.insert(body.name.to_string(), body.values);
            }
            _ => {}
        }
    }
    if declarations.is_empty() {
        return Err("the file declares no #[twilio_endpoint] struct".into());
    }
    let mut differences = Vec::new();
    for declared in &declarations {
        let mut differ = |message: String| {
            differences.push(Difference {
                operation: declared.name.clone(),
                message,
            })
        };
        let Some(model) = find_declared(specs, declared) else {
            differ(format!(
                "no operation has this operationId, or this method and path, in {}",
                if specs.len() == 1 {
                    "the description"
                } else {
                    "any of the descriptions"
                }
            ));
            continue;
        };
        let module = match model {
            Ok(module) => module,
            Err(errors) => {
                for e in errors {
                    differ(e.message);
                }
                continue;
            }
        };
        let Some(endpoint) = module.endpoints.first() else {
            continue;
        };
        compare_endpoint(declared, endpoint, options, &mut differ);
        compare_fields(declared, endpoint, &module, &enums, options, &mut differ);
    }
    differences.sort();
    differences.dedup();
    Ok(differences)
}

/// The model of the operation a declaration stands for: the operation of its name (on its
/// host, when several descriptions have one of that name), or else the operation with its
/// method and path, for a struct named otherwise (`FetchSyncService` for sync's `FetchService`).
/// Each candidate is generated once; `None` when no description has one.
fn find_declared(
    specs: &[Spec],
    declared: &Declared,
) -> Option<Result<Module, Vec<GenerateError>>> {
    let mut by_name = None;
    let mut by_path = None;
    for spec in specs {
        for op in crate::generate::operations(spec) {
            let Some(id) = op.operation.operation_id.as_deref() else {
                continue;
            };
            let named = id == declared.name;
            let same_route = op.method == declared.method
                && crate::generate::path_template(op.path).as_deref()
                    == Some(declared.template.as_str());
            if !named && (!same_route || by_path.is_some()) {
                continue;
            }
            let model = crate::generate_operations(spec, &[id.to_string()]);
            let on_host = model
                .as_ref()
                .is_ok_and(|m| m.endpoints.first().is_some_and(|e| e.host == declared.host));
            match (named, on_host) {
                (true, true) => return Some(model),
                (true, false) => {
                    by_name.get_or_insert(model);
                }
                (false, true) => by_path = Some(model),
                (false, false) => {}
            }
        }
    }
    by_name.or(by_path)
}

fn compare_endpoint(
    declared: &Declared,
    endpoint: &Endpoint,
    options: CheckOptions,
    differ: &mut impl FnMut(String),
) {
    if declared.method != endpoint.method {
        differ(format!(
            "method is {} in the description, {} here",
            endpoint.method, declared.method
        ));
    }
    if declared.template != endpoint.template {
        differ(format!(
            "path is `{}` in the description, `{}` here",
            endpoint.template, declared.template
        ));
    }
    if declared.host != endpoint.host {
        let show = |h: &Option<String>| h.clone().unwrap_or_else(|| "api".into());
        differ(format!(
            "host is `{}` in the description, `{}` here",
            show(&endpoint.host),
            show(&declared.host)
        ));
    }
    let list = matches!(endpoint.answer, Answer::List(_));
    // Reading one page as a plain response sends the same request: a subset may choose it.
    let chosen = options.subset && list && !declared.list;
    if declared.list != list && !chosen {
        differ(format!(
            "the description {} a list operation",
            if list { "makes it" } else { "does not make it" }
        ));
    }
    if declared.json_body != endpoint.json_body {
        differ(format!(
            "the body is {} in the description",
            if endpoint.json_body { "JSON" } else { "a form" }
        ));
    }
    if declared.oauth2 != endpoint.oauth2 {
        differ(format!(
            "the description's auth is {}",
            if endpoint.oauth2 {
                "OAuth2 only (`auth = oauth2`)"
            } else {
                "not OAuth2 only"
            }
        ));
    }
}

fn compare_fields(
    declared: &Declared,
    endpoint: &Endpoint,
    module: &crate::Module,
    enums: &BTreeMap<String, Vec<String>>,
    options: CheckOptions,
    differ: &mut impl FnMut(String),
) {
    let key = |wire: &str, location: Location| (wire.to_string(), location.to_string());
    // The JSON members declared as one typed whole body (`#[twilio(body)]`): the same wire,
    // but the members are the body type's, which the check cannot see.
    let typed_body = declared.fields.iter().any(|f| f.location == Location::Body)
        && endpoint
            .fields
            .iter()
            .any(|f| f.location == Location::JsonMember);
    if typed_body && !options.subset {
        differ("the JSON members are declared as one whole body (`#[twilio(body)]`); its type's members are not compared".into());
    }
    let described: BTreeMap<(String, String), &Field> = endpoint
        .fields
        .iter()
        .filter(|f| !(typed_body && f.location == Location::JsonMember))
        .map(|f| (key(&f.wire, f.location), f))
        .collect();
    let written: BTreeMap<(String, String), &DeclaredField> = declared
        .fields
        .iter()
        .filter(|f| !(typed_body && f.location == Location::Body))
        .map(|f| (key(&f.wire, f.location), f))
        .collect();
    let described_wires: BTreeSet<&String> = described.keys().map(|(w, _)| w).collect();
    let written_wires: BTreeSet<&String> = written.keys().map(|(w, _)| w).collect();
    for ((wire, location), field) in &described {
        if written.contains_key(&(wire.clone(), location.clone())) {
            continue;
        }
        if written_wires.contains(wire) {
            differ(format!(
                "parameter `{wire}` is in the {location} in the description"
            ));
        } else if !options.subset || field.required {
            let required = if field.required {
                "required"
            } else {
                "optional"
            };
            differ(format!("parameter `{wire}` ({location}, {required}) is in the description but not declared"));
        }
    }
    for (wire, location) in written.keys() {
        if !described.contains_key(&(wire.clone(), location.clone()))
            && !described_wires.contains(wire)
        {
            differ(format!(
                "parameter `{wire}` ({location}) is declared but not in the description"
            ));
        }
    }
    for (k, field) in &described {
        let Some(mine) = written.get(k) else { continue };
        let wire = &field.wire;
        if field.list != mine.list {
            let what = if field.list {
                "a list (`Vec`)"
            } else {
                "a single value"
            };
            differ(format!("parameter `{wire}` is {what} in the description"));
        } else if field.required != mine.required && !field.list {
            let what = if field.required {
                "required"
            } else {
                "optional"
            };
            // A path parameter is always a plain type.
            if field.location != Location::Path {
                differ(format!("parameter `{wire}` is {what} in the description"));
            }
        }
        if field.sid != mine.sid {
            let show = |s: &Option<String>| {
                s.as_deref()
                    .map_or("no SID rule".to_string(), |s| format!("sid = \"{s}\""))
            };
            differ(format!(
                "parameter `{wire}`: {} in the description, {} here",
                show(&field.sid),
                show(&mine.sid)
            ));
        }
        if field.uri != mine.uri {
            differ(format!(
                "parameter `{wire}`: {} in the description, {} here",
                field.uri, mine.uri
            ));
        }
        let described_enum = field
            .enum_schema
            .as_ref()
            .and_then(|schema| module.enums.iter().find(|e| e.schema == *schema));
        if let (Some(values), Some(described_enum)) = (enums.get(&mine.value_type), described_enum)
        {
            for (_, value) in &described_enum.variants {
                if !values.contains(value) {
                    differ(format!(
                        "enum `{}` (`{wire}`) has a new value `{value}` in the description",
                        mine.value_type
                    ));
                }
            }
            for value in values {
                if !described_enum.variants.iter().any(|(_, v)| v == value) {
                    differ(format!(
                        "enum `{}` (`{wire}`): value `{value}` is not in the description",
                        mine.value_type
                    ));
                }
            }
        }
    }
}
