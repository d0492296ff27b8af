//! The attribute's arguments: `#[twilio_endpoint(METHOD, "TEMPLATE", response = Type, host = "voice")]`.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token, Type};

use crate::internals::attr::Attr;
use crate::internals::errors::Errors;
use crate::internals::model::Location;
use crate::internals::symbol::{self, OPTIONS};
use crate::internals::template::{self, PathTemplate};
use crate::shared::is_host_label;

/// The HTTP methods the attribute accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];

    /// The method as written, and as `http::Method`'s constant is named (`POST`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The method written `name` (upper case, as HTTP writes it).
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// Where the fields that do not fill a placeholder go: the query string for `GET` and
    /// `DELETE`, the form body otherwise.
    pub fn value_location(self) -> Location {
        match self {
            Method::Get | Method::Delete => Location::Query,
            Method::Post | Method::Put | Method::Patch => Location::Form,
        }
    }
}

/// The example every argument error ends with, after the method the user wrote.
const EXAMPLE_PATH: &str = "\"/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json\"";

/// `#[twilio_endpoint(METHOD, "…")]`, as an example to copy.
fn example(method: &str) -> String {
    format!("`#[twilio_endpoint({method}, {EXAMPLE_PATH})]`")
}

/// The parsed arguments.
pub struct EndpointArgs {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: Method,
    /// The template as written (its span is where template errors point).
    pub template_lit: LitStr,
    pub template: PathTemplate,
    pub response: Option<Type>,
    /// Where `response` was written, for the error when `list` is given too.
    pub response_key: Option<proc_macro2::Span>,
    /// `list = Item`: a list operation, answered a `Page<Item>`.
    pub list: Option<ListArg>,
    /// The product host, `api` when absent.
    pub host: String,
    /// `body = json`, and where `body` was written.
    pub json_body: Option<proc_macro2::Span>,
    /// `auth = oauth2`.
    pub oauth2: bool,
}

/// `list = Item`: the item type and where the key was written.
pub struct ListArg {
    pub item: Type,
    pub key: proc_macro2::Span,
}

/// One comma-separated argument before interpretation.
enum RawArg {
    Ident(Ident),
    Str(LitStr),
    Option { key: Ident, value: TokenStream },
    Other(TokenStream),
}

fn parse_raw(input: ParseStream) -> syn::Result<Vec<RawArg>> {
    let mut args = Vec::new();
    while !input.is_empty() {
        let arg = if input.peek(LitStr) {
            RawArg::Str(input.parse()?)
        } else if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
            let key = input.call(Ident::parse_any)?;
            input.parse::<Token![=]>()?;
            RawArg::Option {
                key,
                value: until_comma(input)?,
            }
        } else if input.peek(Ident::peek_any) && (input.peek2(Token![,]) || is_last(input)) {
            RawArg::Ident(input.call(Ident::parse_any)?)
        } else {
            RawArg::Other(until_comma(input)?)
        };
        args.push(arg);
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(args)
}

fn is_last(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.call(Ident::parse_any).is_ok() && fork.is_empty()
}

/// The tokens up to the next top-level comma (or the end): one argument's value.
pub fn until_comma(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// Parses and checks the arguments, recording every mistake.
pub fn parse(tokens: TokenStream, errors: &mut Errors) -> Option<EndpointArgs> {
    if tokens.is_empty() {
        errors.on_attribute(format!(
            "`#[twilio_endpoint]` needs a method and a path template, such as {}",
            example("GET")
        ));
        return None;
    }
    let mut raw = match parse_raw.parse2(tokens) {
        Ok(raw) => raw,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    // `("/path", GET)`: one mistake, the order; the rest is checked as if it were right.
    if let [RawArg::Str(lit), RawArg::Ident(method), ..] = &raw[..] {
        errors.spanned(
            quote::quote!(#lit #method),
            format!(
                "write the method before the path: `#[twilio_endpoint({method}, {})]`",
                quote::quote!(#lit)
            ),
        );
        raw.swap(0, 1);
    }
    let mut raw = raw.into_iter().peekable();
    let method = match raw.next() {
        Some(RawArg::Ident(method)) => check_method(method, errors),
        Some(RawArg::Str(lit))
            if Method::from_name(&lit.value().to_ascii_uppercase()).is_some() =>
        {
            let upper = lit.value().to_ascii_uppercase();
            errors.spanned(
                &lit,
                format!("the method is a name, not a string: remove the quotes, `{upper}`"),
            );
            Method::from_name(&upper)
        }
        Some(RawArg::Str(lit)) => {
            errors.spanned(
                &lit,
                format!(
                    "the method is missing before the path: write {}",
                    example("GET")
                ),
            );
            return None;
        }
        Some(RawArg::Option { key, .. }) => {
            errors.spanned(
                &key,
                format!(
                    "the method and the path come first: write {}",
                    example("GET")
                ),
            );
            return None;
        }
        Some(RawArg::Other(tokens)) => {
            errors.spanned(
                tokens,
                format!(
                    "expected a method such as `GET` or `POST`: {}",
                    example("GET")
                ),
            );
            None
        }
        None => None,
    };
    let method_text = method.map_or("GET", Method::as_str);
    let not_literal = |what: String| {
        format!(
            "the path template must be a string literal{what}: write {}",
            example(method_text)
        )
    };
    let template = match raw.next() {
        Some(RawArg::Str(lit)) => Some(lit),
        Some(RawArg::Ident(ident)) => {
            errors.spanned(
                &ident,
                not_literal(format!(
                    ", not `{ident}` (an attribute cannot read a constant's value)"
                )),
            );
            None
        }
        Some(RawArg::Other(tokens)) => {
            errors.spanned(&tokens, not_literal(String::new()));
            None
        }
        Some(RawArg::Option { key, .. }) => {
            errors.spanned(
                &key,
                format!(
                    "the path template is missing before `{key}`: write {}",
                    example(method_text)
                ),
            );
            None
        }
        None => {
            if method.is_some() {
                errors.on_attribute(format!(
                    "the path template is missing after `{method_text}`: write {}",
                    example(method_text)
                ));
            }
            None
        }
    };
    let template_parsed = template
        .as_ref()
        .and_then(|lit| match template::parse(&lit.value()) {
            Ok(parsed) => Some(parsed),
            Err(messages) => {
                for message in messages {
                    errors.spanned(lit, message);
                }
                None
            }
        });
    let mut response = Attr::new("");
    let mut host = Attr::new("");
    let mut body = Attr::new("");
    let mut auth = Attr::new("");
    let mut list = Attr::new("");
    for arg in raw {
        let RawArg::Option { key, value } = arg else {
            let tokens = match arg {
                RawArg::Ident(i) => quote::quote!(#i),
                RawArg::Str(s) => quote::quote!(#s),
                RawArg::Other(t) => t,
                RawArg::Option { .. } => unreachable!(),
            };
            errors.spanned(
                &tokens,
                format!(
                    "unexpected `{tokens}`: after the method and the path come only {}",
                    symbol::usages(&OPTIONS)
                ),
            );
            continue;
        };
        let name = key.to_string();
        // Where a value error points: the value, or the key when the value is missing.
        let value_tokens = if value.is_empty() {
            quote::quote!(#key)
        } else {
            value.clone()
        };
        match symbol::find(&OPTIONS, &name) {
            Some(symbol::RESPONSE) => match syn::parse2::<Type>(value) {
                Ok(ty) => response.set(symbol::RESPONSE, key.span(), ty, errors),
                Err(_) => errors.spanned(
                    value_tokens,
                    "`response` takes a type, such as `response = Call` (no quotes)",
                ),
            },
            Some(symbol::LIST) => match syn::parse2::<Type>(value) {
                Ok(ty) => list.set(symbol::LIST, key.span(), ty, errors),
                Err(_) => errors.spanned(
                    value_tokens,
                    "`list` takes the item type, such as `list = Message` (no quotes)",
                ),
            },
            Some(symbol::HOST) => match syn::parse2::<LitStr>(value) {
                Ok(lit) if is_host_label(&lit.value()) => {
                    host.set(symbol::HOST, key.span(), lit.value(), errors)
                }
                Ok(lit) => errors.spanned(&lit, host_message(&lit.value())),
                Err(_) => errors.spanned(
                    value_tokens,
                    "`host` takes a string, such as `host = \"voice\"`",
                ),
            },
            Some(symbol::BODY_FORMAT) => match word_value(&value, &symbol::BODY_FORMATS) {
                Ok(format) => body.set(symbol::BODY_FORMAT, key.span(), format == "json", errors),
                Err(message) => errors.spanned(
                    value_tokens,
                    format!(
                        "{message}`body` takes `json` (a JSON body) or `form` (the default for \
                         POST, PUT and PATCH): `body = json`"
                    ),
                ),
            },
            Some(symbol::AUTH) => match word_value(&value, &symbol::AUTH_SCHEMES) {
                Ok(scheme) => auth.set(symbol::AUTH, key.span(), scheme == "oauth2", errors),
                Err(message) => errors.spanned(
                    value_tokens,
                    format!(
                        "{message}`auth` takes `oauth2` (an OAuth2 bearer token, as Twilio's \
                         Organizations API requires) or `basic` (the default): `auth = oauth2`"
                    ),
                ),
            },
            _ => errors.spanned(
                &key,
                symbol::unknown(&format!("option `{name}`"), &name, &OPTIONS),
            ),
        }
    }
    let (response, response_key) = response.get().unzip();
    Some(EndpointArgs {
        method: method?,
        template_lit: template?,
        template: template_parsed?,
        response,
        response_key,
        list: list.get().map(|(item, key)| ListArg { item, key }),
        host: host.get().map_or_else(|| "api".into(), |(host, _)| host),
        json_body: body.get().and_then(|(json, span)| json.then_some(span)),
        oauth2: auth.get().is_some_and(|(oauth2, _)| oauth2),
    })
}

/// The one word of an option's value among `words`, or the start of a message saying what was
/// written instead (ending with a space, or empty), with the nearest word.
fn word_value(value: &TokenStream, words: &[&'static str]) -> Result<&'static str, String> {
    let text = value.to_string();
    if let Some(word) = words.iter().find(|w| **w == text) {
        return Ok(word);
    }
    let text = text.trim_matches('"');
    Err(
        match crate::internals::case::closest(text, words.iter().copied()) {
            _ if text.is_empty() => String::new(),
            Some(near) if value.to_string().starts_with('"') => {
                format!("write `{near}` without quotes: ")
            }
            Some(near) => format!("unknown `{text}`; did you mean `{near}`? "),
            None => format!("unknown `{text}`: "),
        },
    )
}

/// What is wrong with a `host` value.
fn host_message(host: &str) -> String {
    let product = host
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .strip_suffix(".twilio.com");
    match product {
        Some(product) if is_host_label(product) => format!(
            "write only the product's part of the host: `host = \"{product}\"` (the client adds \
             `.twilio.com`)"
        ),
        _ => "`host` is the product's part of Twilio's host name: lower-case letters, digits and \
              `-` (not first or last), such as `host = \"voice\"` for voice.twilio.com"
            .into(),
    }
}

fn check_method(method: Ident, errors: &mut Errors) -> Option<Method> {
    let name = method.to_string();
    if let Some(method) = Method::from_name(&name) {
        return Some(method);
    }
    let upper = name.to_ascii_uppercase();
    let message = if Method::from_name(&upper).is_some() {
        format!("write the method in upper case: `{upper}`")
    } else {
        match upper.as_str() {
            "FETCH" | "READ" | "LIST" => format!(
                "unknown method `{name}`: use `GET` (Twilio's fetch and read operations are GET \
                 requests)"
            ),
            "CREATE" | "UPDATE" => format!(
                "unknown method `{name}`: use `POST` (Twilio's create and update operations are \
                 POST requests)"
            ),
            "REMOVE" => format!(
                "unknown method `{name}`: use `DELETE` (Twilio's delete operations are DELETE \
                 requests)"
            ),
            _ => format!("unknown method `{name}`: use GET, POST, PUT, PATCH or DELETE"),
        }
    };
    errors.spanned(&method, message);
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn errors_of(tokens: TokenStream) -> Vec<String> {
        let mut errors = Errors::default();
        let _ = parse(tokens, &mut errors);
        errors.messages()
    }

    #[test]
    fn parses_full_arguments() {
        let mut errors = Errors::default();
        let args = parse(
            quote!(POST, "/v1/<Sid>.json", response = Payment, host = "voice"),
            &mut errors,
        )
        .unwrap();
        assert_eq!(args.method, Method::Post);
        assert_eq!(args.template_lit.value(), "/v1/<Sid>.json");
        assert!(args.response.is_some());
        assert_eq!(args.host, "voice");
        let args = parse(
            quote!(POST, "/v1/Content", body = json, auth = oauth2),
            &mut errors,
        )
        .unwrap();
        assert!(args.json_body.is_some() && args.oauth2);
        assert!(errors.is_empty());
    }

    #[test]
    fn defaults() {
        let mut errors = Errors::default();
        let args = parse(quote!(GET, "/v1/Services"), &mut errors).unwrap();
        assert!(args.response.is_none() && args.list.is_none());
        let args = parse(quote!(GET, "/v1/Services", list = Service), &mut errors).unwrap();
        assert!(args.list.is_some());
        assert_eq!(args.host, "api");
    }

    #[test]
    fn argument_mistakes() {
        assert!(errors_of(quote!())[0].contains("needs a method and a path template"));
        assert!(errors_of(quote!(GET))[0].contains("path template is missing"));
        assert!(errors_of(quote!(GET, path))[0].contains("must be a string literal"));
        assert!(errors_of(quote!(FETCH, "/a"))[0].contains("unknown method `FETCH`"));
        assert!(errors_of(quote!(get, "/a"))[0].contains("upper case: `GET`"));
        assert_eq!(
            errors_of(quote!("/a", GET)),
            ["write the method before the path: `#[twilio_endpoint(GET, \"/a\")]`"]
        );
        assert!(errors_of(quote!("/a"))[0].contains("method is missing"));
        assert_eq!(
            errors_of(quote!("POST", "/a")),
            ["the method is a name, not a string: remove the quotes, `POST`"]
        );
        assert!(errors_of(quote!(GET, CALL))[0].contains("not `CALL`"));
        assert!(errors_of(quote!(GET, "/a", x))[0].contains("unexpected `x`"));
        assert!(errors_of(quote!(GET, "/a", respnose = X))[0].contains("did you mean `response`?"));
        assert!(errors_of(quote!(GET, "/a", host = "x", host = "y"))[0].contains("given twice"));
        assert!(errors_of(quote!(GET, "/a", response = "X"))[0].contains("takes a type"));
        assert!(errors_of(quote!(GET, "/a", list = "X"))[0].contains("takes the item type"));
        assert!(errors_of(quote!(GET, "/a", list = X, list = Y))[0].contains("given twice"));
        assert!(errors_of(quote!(GET, "/a", host = "Voice.X"))[0].contains("lower-case"));
        // The runtime's host-label rule (`shared::is_host_label`): no `-` at either end.
        for label in ["-voice", "voice-"] {
            assert!(
                errors_of(quote!(GET, "/a", host = #label))[0].contains("not first or last"),
                "{label}"
            );
        }
        assert!(errors_of(quote!(GET, "/a", host = "voice.twilio.com"))[0]
            .contains("`host = \"voice\"` (the client adds `.twilio.com`)"));
        assert_eq!(
            errors_of(quote!(GET, "/a", auth = bearer)),
            [
                "unknown `bearer`: `auth` takes `oauth2` (an OAuth2 bearer token, as Twilio's \
              Organizations API requires) or `basic` (the default): `auth = oauth2`"
            ]
        );
        assert!(errors_of(quote!(GET, "/a", auth = oauth))[0].contains("did you mean `oauth2`?"));
        assert!(errors_of(quote!(POST, "/a", body = "json"))[0].contains("without quotes"));
        assert!(errors_of(quote!(POST, "/a", body = xml))[0].contains("`body` takes `json`"));
    }
}
