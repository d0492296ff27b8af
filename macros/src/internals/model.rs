//! The endpoint model: each field with its wire name, its place in the request and its rules.

use proc_macro2::Span;
use quote::ToTokens;
use syn::{
    Attribute, Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type,
};

use crate::internals::args::EndpointArgs;
use crate::internals::attr;
use crate::internals::case::{header_case, pascal_case, snake_case};
use crate::internals::errors::Errors;

/// Where a field goes in the request (the runtime's `Location`, by the same name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// Fills the placeholder of the same wire name.
    Path,
    /// A query-string parameter.
    Query,
    /// A form body parameter.
    Form,
    /// A request header.
    Header,
    /// A member of the JSON body (`body = json`).
    JsonMember,
    /// The whole JSON body (`#[twilio(body)]`).
    Body,
}

/// What a field's value must be as a URI (the runtime's `UriRule`, by the same name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UriRule {
    /// No URI rule.
    None,
    /// An absolute URI (`#[twilio(uri)]`).
    Absolute,
    /// An absolute URI or a relative reference (`#[twilio(uri_reference)]`).
    Reference,
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
    pub location: Location,
    /// Where an explicit `path`, `query` or `form` was written, if one was.
    pub explicit_location: Option<Span>,
    pub shape: Shape<'a>,
    pub sid: Vec<String>,
    pub uri: UriRule,
    /// Which rule on text (`sid`, `uri`, `uri_reference`) was written, and where.
    pub text_rule: Option<(&'static str, Span)>,
    /// Where `#[twilio(page_token)]` was written: this parameter takes a token page's
    /// `meta.next_token`.
    pub page_token: Option<Span>,
}

impl Field<'_> {
    /// Whether the builder must be given this field: neither `Option`, nor a list, nor the
    /// `<AccountSid>` that the client's account fills.
    pub fn required_in_builder(&self) -> bool {
        matches!(self.shape, Shape::Plain) && !self.account_default()
    }

    /// Whether an empty value takes the client's account SID.
    pub fn account_default(&self) -> bool {
        self.location == Location::Path && self.wire == "AccountSid"
    }

    /// Whether this is the request's `IdempotencyKey`, which makes it safe to send twice.
    pub fn is_idempotency_key(&self) -> bool {
        self.location != Location::Path && self.wire == "IdempotencyKey"
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
    let body_location = match args.method.value_location() {
        Location::Form if args.json_body.is_some() => Location::JsonMember,
        location => location,
    };
    let mut fields = Vec::new();
    for field in &named?.named {
        let Some(ident) = &field.ident else { continue };
        let attrs = attr::field_attrs(&field.attrs, errors);
        let name = ident.to_string();
        let name = name.trim_start_matches("r#");
        let renamed = attrs.rename.as_ref().map(LitStr::value);
        // The placeholder the field fills: the one of its wire name, or, for a field that is
        // not renamed, the one whose snake_case is the field's name (`<assistantId>`).
        let placeholder = placeholders.iter().copied().find(|p| match &renamed {
            Some(renamed) => p == renamed,
            None => *p == pascal_case(name) || snake_case(p) == name,
        });
        let location = match attrs.location {
            Some((location, _)) => location,
            None if placeholder.is_some() => Location::Path,
            None => body_location,
        };
        let wire = renamed.unwrap_or_else(|| match location {
            Location::Path => placeholder.map_or_else(|| pascal_case(name), str::to_owned),
            Location::Header => header_case(name),
            Location::JsonMember | Location::Body => name.to_owned(),
            Location::Query | Location::Form => pascal_case(name),
        });
        fields.push(Field {
            ident,
            ty: &field.ty,
            docs: field
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("doc"))
                .collect(),
            wire,
            location,
            explicit_location: attrs.location.map(|(_, span)| span),
            shape: shape(&field.ty),
            sid: attrs.sid,
            uri: attrs.uri,
            text_rule: attrs.text_rule,
            page_token: attrs.page_token,
        });
    }
    Some(Endpoint {
        input,
        args,
        fields,
    })
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
        let args = crate::internals::args::parse(args, &mut errors);
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
        let args = crate::internals::args::parse(
            quote!(POST, "/A/<AccountSid>/N/<Sid>.json"),
            &mut errors,
        );
        let model = build(&input, args, &mut errors).unwrap();
        assert!(errors.is_empty());
        let summary: Vec<(String, Location, bool)> = model
            .fields
            .iter()
            .map(|f| (f.wire.clone(), f.location, f.required_in_builder()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("AccountSid".into(), Location::Path, false),
                ("AccountSid".into(), Location::Form, false),
                ("StartTime>".into(), Location::Query, false),
                ("Events".into(), Location::Form, false),
                ("Sid".into(), Location::Path, true),
            ]
        );
    }

    #[test]
    fn wire_names_of_the_newer_places() {
        let input: DeriveInput = syn::parse2(quote! {
            struct X {
                assistant_id: String,
                #[twilio(rename = "id", path)]
                tool: String,
                friendly_name: Option<String>,
                #[twilio(rename = "sessionId")]
                session: Option<String>,
                #[twilio(header)]
                x_twilio_webhook_enabled: Option<bool>,
                #[twilio(query)]
                page_size: Option<u32>,
            }
        })
        .unwrap();
        let mut errors = Errors::default();
        let args = crate::internals::args::parse(
            quote!(POST, "/v1/Assistants/<assistantId>/Tools/<id>", body = json),
            &mut errors,
        );
        let model = build(&input, args, &mut errors).unwrap();
        assert!(errors.is_empty());
        let summary: Vec<(&str, Location)> = model
            .fields
            .iter()
            .map(|f| (f.wire.as_str(), f.location))
            .collect();
        assert_eq!(
            summary,
            [
                ("assistantId", Location::Path),
                ("id", Location::Path),
                ("friendly_name", Location::JsonMember),
                ("sessionId", Location::JsonMember),
                ("X-Twilio-Webhook-Enabled", Location::Header),
                ("PageSize", Location::Query),
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
