//! The endpoint model: each field with its wire name, its place in the request and its rules.

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{
    Attribute, Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type,
};

use crate::args::EndpointArgs;
use crate::errors::{closest, Errors};
use crate::wire_name::pascal_case;

/// The keys `#[twilio(...)]` accepts on a field.
const FIELD_KEYS: [&str; 6] = ["rename", "path", "query", "form", "sid", "uri"];

/// Where a field goes in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRole {
    /// Fills the placeholder of the same wire name.
    Path,
    /// A query-string parameter.
    Query,
    /// A form body parameter.
    Form,
}

/// The shape of a field's type, read from its syntax.
#[derive(Clone, Copy)]
pub enum Shape<'a> {
    /// `Option<T>`: optional, left out when `None`.
    Option(&'a Type),
    /// `Vec<T>`: a list, one pair per element, left out when empty.
    List(&'a Type),
    /// Anything else: required.
    Plain,
}

/// One field of the endpoint.
pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub docs: Vec<&'a Attribute>,
    /// The Twilio parameter name.
    pub wire: String,
    pub role: FieldRole,
    /// Where the explicit role key was written, if any.
    pub explicit_role: Option<Span>,
    pub shape: Shape<'a>,
    pub sid: Vec<String>,
    pub uri: bool,
}

impl Field<'_> {
    /// Whether the builder must be given this field: neither `Option`, nor a list, nor the
    /// `<AccountSid>` that the client's account fills.
    pub fn required_in_builder(&self) -> bool {
        matches!(self.shape, Shape::Plain) && !self.account_default()
    }

    /// Whether an empty value takes the client's account SID.
    pub fn account_default(&self) -> bool {
        self.role == FieldRole::Path && self.wire == "AccountSid"
    }

    /// The innermost type (`T` of `Option<T>` or `Vec<T>`).
    pub fn inner_ty(&self) -> &Type {
        match self.shape {
            Shape::Option(inner) | Shape::List(inner) => inner,
            Shape::Plain => self.ty,
        }
    }
}

/// The whole endpoint.
pub struct Endpoint<'a> {
    pub input: &'a DeriveInput,
    pub args: EndpointArgs,
    pub fields: Vec<Field<'a>>,
}

/// Builds the model, recording every mistake in the item and its fields.
pub fn build<'a>(
    input: &'a DeriveInput,
    args: Option<EndpointArgs>,
    errors: &mut Errors,
) -> Option<Endpoint<'a>> {
    let named = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Some(named),
            Fields::Unnamed(fields) => {
                errors.spanned(
                    fields,
                    "`#[twilio_endpoint]` needs named fields, one per Twilio parameter: \
                     `struct Name { pub call_sid: String, … }`",
                );
                None
            }
            Fields::Unit => {
                let written = format!(
                    "{} struct {} {{}}",
                    input.vis.to_token_stream(),
                    input.ident
                );
                errors.spanned(
                    &input.ident,
                    format!(
                        "`#[twilio_endpoint]` needs a struct with named fields: an endpoint \
                         without parameters is written `{}`",
                        written.trim_start()
                    ),
                );
                None
            }
        },
        Data::Enum(data) => {
            errors.spanned(
                data.enum_token,
                "`#[twilio_endpoint]` goes on a struct with named fields, not on an enum",
            );
            None
        }
        Data::Union(data) => {
            errors.spanned(
                data.union_token,
                "`#[twilio_endpoint]` goes on a struct with named fields, not on a union",
            );
            None
        }
    };
    if input.generics.lifetimes().next().is_some() {
        errors.spanned(
            &input.generics,
            "an endpoint owns its values: remove the lifetime and give the fields owned types, \
             such as `String` for `&str`",
        );
    } else if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        errors.spanned(
            &input.generics,
            "`#[twilio_endpoint]` does not take type parameters: give each field the type of its \
             Twilio parameter",
        );
    }
    let args = args?;
    let placeholders: Vec<&str> = args.template.placeholders().collect();
    let body_role = if args.method == "GET" || args.method == "DELETE" {
        FieldRole::Query
    } else {
        FieldRole::Form
    };
    let mut fields = Vec::new();
    for field in &named?.named {
        let Some(ident) = &field.ident else { continue };
        let attrs = parse_field_attrs(&field.attrs, errors);
        let wire = attrs
            .rename
            .as_ref()
            .map(LitStr::value)
            .unwrap_or_else(|| pascal_case(&ident.to_string()));
        let role = match attrs.role {
            Some((role, _)) => role,
            None if placeholders.contains(&wire.as_str()) => FieldRole::Path,
            None => body_role,
        };
        fields.push(Field {
            ident,
            ty: &field.ty,
            docs: field
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("doc"))
                .collect(),
            wire,
            role,
            explicit_role: attrs.role.map(|(_, span)| span),
            shape: shape(&field.ty),
            sid: attrs.sid,
            uri: attrs.uri,
        });
    }
    Some(Endpoint {
        input,
        args,
        fields,
    })
}

/// What `#[twilio(...)]` says about one field.
#[derive(Default)]
struct FieldAttrs {
    rename: Option<LitStr>,
    role: Option<(FieldRole, Span)>,
    sid: Vec<String>,
    uri: bool,
}

fn parse_field_attrs(attrs: &[Attribute], errors: &mut Errors) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("twilio")) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = meta.path.get_ident().map(Ident::to_string) else {
                errors.spanned(&meta.path, unknown_key_message("?"));
                return skip_value(&meta);
            };
            let role = match key.as_str() {
                "path" => Some(FieldRole::Path),
                "query" => Some(FieldRole::Query),
                "form" => Some(FieldRole::Form),
                _ => None,
            };
            if let Some(role) = role {
                if let Some((previous, _)) = out.role {
                    errors.spanned(
                        &meta.path,
                        format!(
                            "`{key}` contradicts `{}`: a field goes in one place, keep one",
                            role_key(previous)
                        ),
                    );
                } else {
                    out.role = Some((role, meta.path.span()));
                }
                return Ok(());
            }
            match key.as_str() {
                "rename" => match string_value(&meta) {
                    Ok(lit) if is_wire_name(&lit.value()) => {
                        if out.rename.is_some() {
                            errors.spanned(&meta.path, "`rename` is given twice: keep one");
                        }
                        out.rename = Some(lit);
                    }
                    Ok(lit) => errors.spanned(
                        lit,
                        "a Twilio parameter name is printable ASCII without spaces, such as \
                         \"StartTime>\"",
                    ),
                    Err(value) => {
                        let message = match value.to_string() {
                            text if value.is_empty() || text.contains(' ') => {
                                "`rename` takes a string: `#[twilio(rename = \"StartTime>\")]`"
                                    .to_owned()
                            }
                            text => {
                                format!("`rename` takes a string: `#[twilio(rename = \"{text}\")]`")
                            }
                        };
                        errors.spanned(value_or(value, &meta.path), message);
                    }
                },
                "sid" => match string_value(&meta) {
                    Ok(lit) => {
                        let value = lit.value();
                        let prefixes: Vec<String> = value.split('|').map(str::to_owned).collect();
                        if prefixes.iter().all(|p| is_sid_prefix(p)) {
                            out.sid = prefixes;
                        } else {
                            errors.spanned(
                                lit,
                                format!(
                                    "`sid` takes the two upper-case letters SIDs start with, \
                                     such as `sid = \"CA\"` (several: `sid = \"SM|MM\"`), not \
                                     {value:?}"
                                ),
                            );
                        }
                    }
                    Err(value) => errors.spanned(
                        value_or(value, &meta.path),
                        "`sid` takes the two letters SIDs start with, as a string: \
                         `#[twilio(sid = \"CA\")]`",
                    ),
                },
                "uri" => out.uri = true,
                other => {
                    errors.spanned(&meta.path, unknown_key_message(other));
                    return skip_value(&meta);
                }
            }
            Ok(())
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    out
}

/// Reads `= "text"` after a key, or consumes whatever value stands there and gives its tokens
/// (none when there is no `=`).
fn string_value(meta: &syn::meta::ParseNestedMeta) -> Result<LitStr, proc_macro2::TokenStream> {
    if !meta.input.peek(syn::Token![=]) {
        return Err(proc_macro2::TokenStream::new());
    }
    let Ok(value) = meta.value() else {
        return Err(proc_macro2::TokenStream::new());
    };
    if value.peek(LitStr) {
        if let Ok(lit) = value.parse() {
            return Ok(lit);
        }
    }
    let mut tokens = proc_macro2::TokenStream::new();
    while !value.is_empty() && !value.peek(syn::Token![,]) {
        match value.parse::<proc_macro2::TokenTree>() {
            Ok(token) => tokens.extend([token]),
            Err(_) => break,
        }
    }
    Err(tokens)
}

/// Where a value error points: the value, or the key when there is none.
fn value_or(value: proc_macro2::TokenStream, key: &syn::Path) -> proc_macro2::TokenStream {
    if value.is_empty() {
        quote::quote!(#key)
    } else {
        value
    }
}

fn skip_value(meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        skip_tokens(meta.value()?)?;
    } else if meta.input.peek(syn::token::Paren) {
        let _group: proc_macro2::TokenTree = meta.input.parse()?;
    }
    Ok(())
}

fn skip_tokens(input: syn::parse::ParseStream) -> syn::Result<()> {
    crate::args::until_comma(input).map(drop)
}

fn unknown_key_message(key: &str) -> String {
    let hint = match closest(key, FIELD_KEYS) {
        Some(known) => format!(": did you mean `{known}`?"),
        None => String::new(),
    };
    format!(
        "unknown key `{key}` in `#[twilio(…)]`{hint} The keys are `rename = \"…\"`, `path`, \
         `query`, `form`, `sid = \"CA\"` and `uri`"
    )
}

fn role_key(role: FieldRole) -> &'static str {
    match role {
        FieldRole::Path => "path",
        FieldRole::Query => "query",
        FieldRole::Form => "form",
    }
}

fn is_wire_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic())
}

fn is_sid_prefix(prefix: &str) -> bool {
    prefix.len() == 2 && prefix.bytes().all(|b| b.is_ascii_uppercase())
}

/// Reads `Option<T>` and `Vec<T>` from a type's syntax (the last path segment, as serde's and
/// bon's derives do); everything else is plain.
fn shape(ty: &Type) -> Shape<'_> {
    let Type::Path(path) = ty else {
        return Shape::Plain;
    };
    if path.qself.is_some() {
        return Shape::Plain;
    }
    let Some(last) = path.path.segments.last() else {
        return Shape::Plain;
    };
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return Shape::Plain;
    };
    let [GenericArgument::Type(inner)] = args.args.iter().collect::<Vec<_>>()[..] else {
        return Shape::Plain;
    };
    if last.ident == "Option" {
        Shape::Option(inner)
    } else if last.ident == "Vec" {
        Shape::List(inner)
    } else {
        Shape::Plain
    }
}

/// Whether a type is written `String` (its setter then takes `impl Into<String>`).
pub fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "String" && s.arguments.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn model_errors(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> Vec<String> {
        let input: DeriveInput = syn::parse2(item).unwrap();
        let mut errors = Errors::default();
        let args = crate::args::parse(args, &mut errors);
        let _ = build(&input, args, &mut errors);
        errors.messages()
    }

    #[test]
    fn classifies_fields() {
        let input: DeriveInput = syn::parse2(quote! {
            struct X {
                account_sid: String,
                #[twilio(rename = "AccountSid", form)]
                new_account: Option<String>,
                #[twilio(rename = "StartTime>", query)]
                start: Option<String>,
                events: Vec<String>,
                sid: String,
            }
        })
        .unwrap();
        let mut errors = Errors::default();
        let args = crate::args::parse(quote!(POST, "/A/<AccountSid>/N/<Sid>.json"), &mut errors);
        let model = build(&input, args, &mut errors).unwrap();
        assert!(errors.is_empty());
        let summary: Vec<(String, FieldRole, bool)> = model
            .fields
            .iter()
            .map(|f| (f.wire.clone(), f.role, f.required_in_builder()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("AccountSid".into(), FieldRole::Path, false),
                ("AccountSid".into(), FieldRole::Form, false),
                ("StartTime>".into(), FieldRole::Query, false),
                ("Events".into(), FieldRole::Form, false),
                ("Sid".into(), FieldRole::Path, true),
            ]
        );
    }

    #[test]
    fn field_attribute_mistakes() {
        let errors = model_errors(
            quote!(GET, "/a"),
            quote! {
                struct X {
                    #[twilio(renam = "A")] a: String,
                    #[twilio(rename = A)] b: String,
                    #[twilio(sid = "pk")] c: String,
                    #[twilio(form, query)] d: String,
                }
            },
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].contains("did you mean `rename`?"));
        assert!(errors[1].contains("`rename` takes a string"));
        assert!(errors[2].contains("two upper-case letters"));
        assert!(errors[3].contains("`query` contradicts `form`"));
    }

    #[test]
    fn item_mistakes() {
        assert!(model_errors(
            quote!(GET, "/a"),
            quote!(
                enum X {
                    A,
                }
            )
        )[0]
        .contains("not on an enum"));
        assert!(model_errors(
            quote!(GET, "/a"),
            quote!(
                struct X(String);
            )
        )[0]
        .contains("named fields"));
        assert!(model_errors(
            quote!(GET, "/a"),
            quote!(
                struct X;
            )
        )[0]
        .contains("named fields"));
        assert!(model_errors(
            quote!(GET, "/a"),
            quote!(
                struct X<T> {
                    t: T,
                }
            )
        )[0]
        .contains("does not take type parameters"));
        assert!(model_errors(
            quote!(GET, "/a"),
            quote!(
                struct X<'a> {
                    t: &'a str,
                }
            )
        )[0]
        .contains("remove the lifetime"));
    }
}
