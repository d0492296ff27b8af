//! Rules across the model: every placeholder has exactly one field, no two fields share a wire
//! name in the same place, path fields have a type a path can hold.

use quote::ToTokens;

use crate::args::Method;
use crate::case::closest;
use crate::case::snake_case;
use crate::errors::Errors;
use crate::model::{Endpoint, Location, Shape};

/// Records every rule the model breaks.
pub fn check(endpoint: &Endpoint, errors: &mut Errors) {
    check_list(endpoint, errors);
    for placeholder in endpoint.args.template.placeholders() {
        let mut path_fields = endpoint
            .fields
            .iter()
            .filter(|f| f.location == Location::Path && f.wire == placeholder);
        if path_fields.next().is_none() {
            missing_placeholder_field(endpoint, placeholder, errors);
        }
        for extra in path_fields {
            errors.spanned(
                extra.ident,
                format!("`<{placeholder}>` is already filled by another field: one field per placeholder"),
            );
        }
    }
    body_rules(endpoint, errors);
    text_rules(endpoint, errors);
    required_count(endpoint, errors);
    let placeholders: Vec<&str> = endpoint.args.template.placeholders().collect();
    for (index, field) in endpoint.fields.iter().enumerate() {
        if field.location == Location::Path {
            if !placeholders.contains(&field.wire.as_str()) {
                let span_tokens = field
                    .explicit_location
                    .unwrap_or_else(|| field.ident.span());
                errors.at(
                    span_tokens,
                    format!(
                        "field `{}` is marked `path` but the template has no `<{}>`: add \
                         `<{}>` to the template, or remove `path`",
                        field.ident, field.wire, field.wire
                    ),
                );
            }
            match field.shape {
                Shape::Option(inner) => errors.spanned(
                    field.ty,
                    format!(
                        "`<{}>` is part of the path, so it cannot be optional: use `{}`{}",
                        field.wire,
                        inner.to_token_stream(),
                        if field.account_default() {
                            " (left empty, `<AccountSid>` takes the client's account)"
                        } else {
                            ""
                        }
                    ),
                ),
                Shape::List(inner) => errors.spanned(
                    field.ty,
                    format!(
                        "`<{}>` fills one path segment, so it cannot be a list: use `{}`",
                        field.wire,
                        inner.to_token_stream()
                    ),
                ),
                Shape::Plain => {}
            }
            continue;
        }
        let earlier = endpoint.fields[..index]
            .iter()
            .find(|other| other.location == field.location && other.wire == field.wire);
        if let Some(earlier) = earlier {
            errors.spanned(
                field.ident,
                format!(
                    "fields `{}` and `{}` are both sent as `{}`: give one of them \
                     `#[twilio(rename = \"…\")]`",
                    earlier.ident, field.ident, field.wire
                ),
            );
        }
    }
}

/// `sid`, `uri` and `uri_reference` check text: on a number or a boolean they could never hold,
/// they are an error on the key.
fn text_rules(endpoint: &Endpoint, errors: &mut Errors) {
    for field in &endpoint.fields {
        let Some((key, span)) = field.text_rule else {
            continue;
        };
        let value = match field.shape {
            Shape::Option(inner) | Shape::List(inner) => inner,
            Shape::Plain => field.ty,
        };
        let Some(primitive) = non_text_primitive(value) else {
            continue;
        };
        errors.at(
            span,
            format!(
                "`{key}` checks text, but field `{}` is of type `{primitive}`, which never holds any: \
                 make it a `String`, or remove `{key}`",
                field.ident
            ),
        );
    }
}

/// The name of `ty` when it is a number, a boolean or a `char` of the standard library.
fn non_text_primitive(ty: &syn::Type) -> Option<String> {
    const NOT_TEXT: [&str; 17] = [
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "bool",
        "char",
        "NonZeroU32",
    ];
    let syn::Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() || path.path.segments.len() != 1 {
        return None;
    }
    let name = path.path.segments[0].ident.to_string();
    NOT_TEXT.contains(&name.as_str()).then_some(name)
}

/// The rules of JSON bodies and headers: `body = json` only with a method that has a body, no
/// form field beside it, one `#[twilio(body)]` field and nothing else in the body, headers that
/// hold one value under a name the client does not own.
fn body_rules(endpoint: &Endpoint, errors: &mut Errors) {
    let args = &endpoint.args;
    if let Some(span) = args.json_body {
        if args.method.value_location() == Location::Query {
            errors.at(
                span,
                format!(
                    "a {} request has no body: remove `body = json` (its fields go in the query \
                     string)",
                    args.method.as_str()
                ),
            );
        }
    }
    let whole = endpoint
        .fields
        .iter()
        .filter(|f| f.location == Location::Body)
        .collect::<Vec<_>>();
    for extra in whole.iter().skip(1) {
        errors.at(
            extra
                .explicit_location
                .unwrap_or_else(|| extra.ident.span()),
            format!(
                "field `{}` is already the whole body: one `#[twilio(body)]` field per endpoint \
                 (make the others members of its type)",
                whole[0].ident
            ),
        );
    }
    for field in &endpoint.fields {
        let at = field
            .explicit_location
            .unwrap_or_else(|| field.ident.span());
        match field.location {
            Location::Body if args.json_body.is_none() => errors.at(
                at,
                "`#[twilio(body)]` makes the field the whole JSON body: add `body = json` to \
                 `#[twilio_endpoint(…)]`",
            ),
            Location::Form if args.json_body.is_some() => errors.at(
                at,
                format!(
                    "`body = json` sends a JSON body, so field `{}` cannot be a form parameter: \
                     remove `form` (it becomes the JSON member `{}`), or write `query`",
                    field.ident, field.ident
                ),
            ),
            Location::JsonMember if !whole.is_empty() => errors.at(
                at,
                format!(
                    "field `{}` is the whole body (`#[twilio(body)]`), so field `{}` cannot be a \
                     member beside it: mark it `path`, `query` or `header`, or move it into the \
                     body's type",
                    whole[0].ident, field.ident
                ),
            ),
            Location::Header => header_rules(field, errors),
            _ => {}
        }
    }
}

fn header_rules(field: &crate::model::Field, errors: &mut Errors) {
    if let Some((name, why)) = crate::shared::client_header(&field.wire) {
        errors.spanned(
            field.ident,
            format!("`{name}` is a header the client writes itself: {why}; remove this field"),
        );
    } else if !crate::case::is_header_name(&field.wire) {
        errors.spanned(
            field.ident,
            format!(
                "`{}` is not a header name: letters, digits and `-`, such as \
                 `#[twilio(header, rename = \"If-Match\")]`",
                field.wire
            ),
        );
    }
    if let Shape::List(inner) = field.shape {
        errors.spanned(
            field.ty,
            format!(
                "the header `{}` holds one value, so it cannot be a list: use `{}` or \
                 `Option<{}>`",
                field.wire,
                inner.to_token_stream(),
                inner.to_token_stream()
            ),
        );
    }
}

/// `list = Item` is a `GET` without `response =`; `#[twilio(page_token)]` is on one query field
/// of a list.
fn check_list(endpoint: &Endpoint, errors: &mut Errors) {
    let args = &endpoint.args;
    if let Some(list) = &args.list {
        let item = list.item.to_token_stream();
        if args.method != Method::Get {
            errors.at(
                list.key,
                format!(
                    "`list = {item}` declares a list operation, and Twilio reads lists with \
                     `GET`, not `{}`: write `GET`, or remove `list` (and give \
                     `response = …`)",
                    args.method.as_str()
                ),
            );
        }
        if let (Some(response), Some(response_key)) = (&args.response, args.response_key) {
            errors.at(
                response_key,
                format!(
                    "`list = {item}` already says what the answer is (a \
                     `twilio_endpoint::Page<{item}>`): remove `response = {}`",
                    response.to_token_stream()
                ),
            );
        }
    }
    let mut tokens = endpoint
        .fields
        .iter()
        .filter_map(|f| f.page_token.map(|span| (f, span)));
    if let Some((field, span)) = tokens.next() {
        if args.list.is_none() {
            errors.at(
                span,
                format!(
                    "`page_token` marks where a list's next-page token goes, but this endpoint \
                     is not a list: add `list = Item` to `#[twilio_endpoint(...)]`, or remove \
                     `page_token` from `{}`",
                    field.ident
                ),
            );
        } else if field.location != Location::Query {
            errors.at(
                span,
                format!(
                    "`page_token` goes on a query parameter, and `{}` is not in the query string: \
                     remove `page_token`, or mark the field `query`",
                    field.ident
                ),
            );
        }
    }
    for (field, span) in tokens {
        errors.at(
            span,
            format!(
                "`page_token` is already on another field: one parameter takes the token, \
                 remove it from `{}`",
                field.ident
            ),
        );
    }
}

/// Says what to do about a placeholder that no field fills. A field whose name is close is one
/// of two misspellings: templates are copied from Twilio's documentation and field names typed,
/// so the field is told to change, unless the placeholder is the one missing a letter.
fn missing_placeholder_field(endpoint: &Endpoint, placeholder: &str, errors: &mut Errors) {
    let template = &endpoint.args.template_lit;
    let near = closest(
        placeholder,
        endpoint
            .fields
            .iter()
            .filter(|f| f.location != Location::Path)
            .map(|f| f.wire.as_str()),
    )
    .and_then(|wire| endpoint.fields.iter().find(|f| f.wire == wire));
    match near {
        Some(field) if placeholder.len() < field.wire.len() => errors.spanned(
            template,
            format!(
                "no field for `<{placeholder}>`; did you mean `<{}>` (field `{}`)?",
                field.wire, field.ident
            ),
        ),
        Some(field) => errors.spanned(
            field.ident,
            format!(
                "no field for `<{placeholder}>`, and field `{}` (sent as `{}`) is close: did \
                 you mean `{}`?",
                field.ident,
                field.wire,
                snake_case(placeholder)
            ),
        ),
        None => errors.spanned(
            template,
            format!(
                "no field for `<{placeholder}>`: add a field such as `pub {}: String`, or name \
                 one with `#[twilio(rename = \"{placeholder}\")]`",
                snake_case(placeholder)
            ),
        ),
    }
}

/// The builder tracks at most `builder::MAX_REQUIRED` required parameters (one slot each in its
/// state); the first one beyond is the error.
fn required_count(endpoint: &Endpoint, errors: &mut Errors) {
    let max = crate::builder::MAX_REQUIRED;
    if let Some(field) = endpoint
        .fields
        .iter()
        .filter(|f| f.required_in_builder())
        .nth(max)
    {
        errors.spanned(
            field.ident,
            format!(
                "a builder tracks at most {max} required parameters (Twilio's operations have at \
                 most 10): make `{}` or another one an `Option`",
                field.ident
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::DeriveInput;

    fn check_errors(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> Vec<String> {
        let input: DeriveInput = syn::parse2(item).unwrap();
        let mut errors = Errors::default();
        let args = crate::args::parse(args, &mut errors);
        let model = crate::model::build(&input, args, &mut errors).unwrap();
        check(&model, &mut errors);
        errors.messages()
    }

    /// A struct with `n` required form fields `f0`, `f1`, ….
    fn required_fields(n: usize) -> proc_macro2::TokenStream {
        let fields = (0..n).map(|i| quote::format_ident!("f{}", i));
        quote!(struct X { #(#fields: String,)* })
    }

    #[test]
    fn the_required_parameter_past_the_builder_limit_is_the_error() {
        let max = crate::builder::MAX_REQUIRED;
        assert_eq!(
            check_errors(quote!(POST, "/X"), required_fields(max)),
            Vec::<String>::new()
        );
        assert_eq!(
            check_errors(quote!(POST, "/X"), required_fields(max + 1)),
            [format!(
                "a builder tracks at most {max} required parameters (Twilio's operations have at \
                 most 10): make `f{max}` or another one an `Option`"
            )]
        );
        // The runtime implements `Slot` for tuples up to the same length.
        let runtime = include_str!("../../runtime/src/builder.rs");
        assert!(
            runtime.contains(&format!("pub const MAX_REQUIRED: usize = {max};")),
            "runtime/src/builder.rs must say MAX_REQUIRED = {max}"
        );
        let arity = format!("T{}]);", max - 1);
        assert!(
            runtime.contains(&arity),
            "the runtime's slots! list must end at `{arity}`"
        );
    }

    #[test]
    fn a_misspelt_placeholder_suggests_the_field() {
        let errors = check_errors(
            quote!(POST, "/Calls/<CalSid>.json"),
            quote!(
                struct X {
                    call_sid: String,
                }
            ),
        );
        assert_eq!(
            errors,
            ["no field for `<CalSid>`; did you mean `<CallSid>` (field `call_sid`)?"]
        );
    }

    #[test]
    fn a_misspelt_field_is_told_to_change() {
        let errors = check_errors(
            quote!(POST, "/Accounts/<AccountSid>/Calls.json"),
            quote!(
                struct X {
                    acount_sid: String,
                }
            ),
        );
        assert_eq!(
            errors,
            [
                "no field for `<AccountSid>`, and field `acount_sid` (sent as `AcountSid`) is \
              close: did you mean `account_sid`?"
            ]
        );
    }

    #[test]
    fn a_missing_placeholder_field_says_what_to_add() {
        let errors = check_errors(
            quote!(POST, "/Calls/<CallSid>.json"),
            quote!(
                struct X {
                    to: String,
                }
            ),
        );
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("add a field such as `pub call_sid: String`"),
            "{errors:?}"
        );
    }

    #[test]
    fn duplicate_wire_names() {
        let errors = check_errors(
            quote!(POST, "/Calls.json"),
            quote!(
                struct X {
                    to: String,
                    #[twilio(rename = "To")]
                    other: String,
                }
            ),
        );
        assert_eq!(errors, ["fields `to` and `other` are both sent as `To`: give one of them `#[twilio(rename = \"…\")]`"]);
        let errors = check_errors(
            quote!(POST, "/A/<Sid>"),
            quote!(
                struct X {
                    sid: String,
                    #[twilio(rename = "Sid", path)]
                    other: String,
                }
            ),
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("already filled"));
    }

    #[test]
    fn same_name_in_path_and_body_is_fine() {
        let errors = check_errors(
            quote!(POST, "/A/<AccountSid>/N.json"),
            quote!(
                struct X {
                    account_sid: String,
                    #[twilio(rename = "AccountSid", form)]
                    new_account: Option<String>,
                }
            ),
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn json_body_rules() {
        let errors = check_errors(
            quote!(POST, "/v1/Content", body = json),
            quote!(
                struct X {
                    language: String,
                    #[twilio(form)]
                    friendly_name: Option<String>,
                }
            ),
        );
        assert_eq!(
            errors,
            [
                "`body = json` sends a JSON body, so field `friendly_name` cannot be a form \
              parameter: remove `form` (it becomes the JSON member `friendly_name`), or write \
              `query`"
            ]
        );
        let errors = check_errors(
            quote!(POST, "/v1/A/<id>", body = json),
            quote!(
                struct X {
                    id: String,
                    #[twilio(body)]
                    a: String,
                    #[twilio(body)]
                    b: String,
                    member: String,
                    #[twilio(query)]
                    page: Option<u32>,
                }
            ),
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("field `a` is already the whole body"));
        assert!(errors[1].contains("field `member` cannot be a member beside it"));
        let errors = check_errors(
            quote!(POST, "/v1/A"),
            quote!(
                struct X {
                    #[twilio(body)]
                    a: String,
                }
            ),
        );
        assert!(errors[0].contains("add `body = json`"), "{errors:?}");
        let errors = check_errors(
            quote!(DELETE, "/v1/A", body = json),
            quote!(
                struct X {}
            ),
        );
        assert!(
            errors[0].starts_with("a DELETE request has no body"),
            "{errors:?}"
        );
    }

    #[test]
    fn header_rules() {
        let errors = check_errors(
            quote!(GET, "/v1/A"),
            quote!(
                struct X {
                    #[twilio(header)]
                    authorization: String,
                    #[twilio(header, rename = "content-type")]
                    kind: String,
                    #[twilio(header)]
                    if_match: Vec<String>,
                    #[twilio(header, rename = "X:Y")]
                    odd: String,
                    #[twilio(header)]
                    x_twilio_webhook_enabled: Option<bool>,
                }
            ),
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].starts_with("`Authorization` is a header the client writes itself"));
        assert!(errors[1].starts_with("`Content-Type` is a header the client writes itself"));
        assert!(errors[2].starts_with("the header `If-Match` holds one value"));
        assert!(errors[3].starts_with("`X:Y` is not a header name"));
    }

    #[test]
    fn placeholders_as_twilio_writes_them() {
        let errors = check_errors(
            quote!(GET, "/v1/Assistants/<assistantId>/Tools/<id>"),
            quote!(
                struct X {
                    assistant_id: String,
                    id: String,
                }
            ),
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn list_rules() {
        let errors = check_errors(
            quote!(POST, "/v1/Services", list = Service),
            quote!(
                struct X {}
            ),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("`list = Service` declares a list operation, and Twilio reads lists with `GET`, not `POST`"), "{errors:?}");
        let errors = check_errors(
            quote!(GET, "/v1/Services", list = Service, response = Services),
            quote!(
                struct X {}
            ),
        );
        assert_eq!(errors, ["`list = Service` already says what the answer is (a `twilio_endpoint::Page<Service>`): remove `response = Services`"]);
        let errors = check_errors(
            quote!(GET, "/v1/Services"),
            quote!(
                struct X {
                    #[twilio(page_token)]
                    token: Option<String>,
                }
            ),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("this endpoint is not a list"),
            "{errors:?}"
        );
        let errors = check_errors(
            quote!(GET, "/v1/Services", list = Service),
            quote!(
                struct X {
                    #[twilio(page_token)]
                    token: Option<String>,
                    #[twilio(page_token)]
                    other: Option<String>,
                }
            ),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("remove it from `other`"), "{errors:?}");
    }

    #[test]
    fn path_field_shapes() {
        let errors = check_errors(
            quote!(GET, "/A/<Sid>/<Other>"),
            quote!(
                struct X {
                    sid: Option<String>,
                    other: Vec<String>,
                    #[twilio(path)]
                    stray: String,
                }
            ),
        );
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].contains("cannot be optional"));
        assert!(errors[1].contains("cannot be a list"));
        assert!(errors[2].contains("has no `<Stray>`"));
    }
}
