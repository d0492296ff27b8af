//! `#[twilio(...)]` on a field, read into set-once slots (serde's `internals/attr.rs` way): a
//! key given twice, or two keys that exclude each other, get the same error wherever they are.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr};

use crate::internals::errors::Errors;
use crate::internals::model::{Location, UriRule};
use crate::internals::symbol::{self, Symbol};

/// A slot that takes one value, from one of the keys that exclude each other (`path`, `query`,
/// `form`, `header`, `body`; `uri`, `uri_reference`; or a single key such as `rename`).
pub struct Attr<T> {
    /// Why the keys of this slot exclude each other, for the error (`a field goes in one place`).
    reason: &'static str,
    value: Option<(Symbol, Span, T)>,
}

impl<T> Attr<T> {
    /// An empty slot; `reason` says why its keys exclude each other.
    pub fn new(reason: &'static str) -> Self {
        Attr {
            reason,
            value: None,
        }
    }

    /// Fills the slot from `key` written at `span`; a second value is an error on its key and
    /// the first value stays.
    pub fn set(&mut self, key: Symbol, span: Span, value: T, errors: &mut Errors) {
        match &self.value {
            None => self.value = Some((key, span, value)),
            Some((first, ..)) if *first == key => {
                errors.at(span, format!("`{}` is given twice: keep one", key.name))
            }
            Some((first, ..)) => errors.at(
                span,
                format!(
                    "`{}` contradicts `{}`: {}, keep one",
                    key.name, first.name, self.reason
                ),
            ),
        }
    }

    /// The value and where its key was written.
    pub fn get(self) -> Option<(T, Span)> {
        self.value.map(|(_, span, value)| (value, span))
    }
}

/// What `#[twilio(...)]` says about one field.
pub struct FieldAttrs {
    pub rename: Option<LitStr>,
    /// The location and where its key was written.
    pub location: Option<(Location, Span)>,
    pub sid: Vec<String>,
    pub uri: UriRule,
    /// Where `sid`, `uri` or `uri_reference` was written (a rule on text), if one was.
    pub text_rule: Option<(&'static str, Span)>,
    /// Where `page_token` was written, if it was.
    pub page_token: Option<Span>,
}

/// Reads every `#[twilio(...)]` of a field, recording each mistake.
pub fn field_attrs(attrs: &[Attribute], errors: &mut Errors) -> FieldAttrs {
    let mut rename = Attr::new("");
    let mut location = Attr::new("a field goes in one place");
    let mut sid = Attr::new("");
    let mut uri = Attr::new("a URI is either absolute or a reference");
    let mut page_token = Attr::new("");
    for attr in attrs.iter().filter(|a| a.path().is_ident("twilio")) {
        let result = attr.parse_nested_meta(|meta| {
            let name = meta.path.get_ident().map(ToString::to_string);
            let Some(key) = name
                .as_deref()
                .and_then(|n| symbol::find(&symbol::FIELD_KEYS, n))
            else {
                let name = name.unwrap_or_else(|| "?".into());
                errors.spanned(
                    &meta.path,
                    symbol::unknown(
                        &format!("key `{name}` in `#[twilio(…)]`"),
                        &name,
                        &symbol::FIELD_KEYS,
                    ),
                );
                return skip_value(&meta);
            };
            let span = meta.path.span();
            match key {
                symbol::PATH => location.set(key, span, Location::Path, errors),
                symbol::QUERY => location.set(key, span, Location::Query, errors),
                symbol::FORM => location.set(key, span, Location::Form, errors),
                symbol::HEADER => location.set(key, span, Location::Header, errors),
                symbol::BODY => location.set(key, span, Location::Body, errors),
                symbol::URI => uri.set(key, span, UriRule::Absolute, errors),
                symbol::URI_REFERENCE => uri.set(key, span, UriRule::Reference, errors),
                symbol::PAGE_TOKEN => page_token.set(key, span, (), errors),
                symbol::RENAME => match string_value(&meta) {
                    Ok(lit) if is_wire_name(&lit.value()) => rename.set(key, span, lit, errors),
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
                symbol::SID => match string_value(&meta) {
                    Ok(lit) => {
                        let value = lit.value();
                        let prefixes: Vec<String> = value.split('|').map(str::to_owned).collect();
                        if prefixes.iter().all(|p| is_sid_prefix(p)) {
                            sid.set(key, span, prefixes, errors);
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
                _ => unreachable!("every field key is matched above"),
            }
            Ok(())
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    let sid = sid.get();
    let uri = uri.get();
    let text_rule = sid
        .as_ref()
        .map(|(_, span)| (symbol::SID.name, *span))
        .or_else(|| {
            uri.as_ref().map(|(rule, span)| match rule {
                UriRule::Reference => (symbol::URI_REFERENCE.name, *span),
                _ => (symbol::URI.name, *span),
            })
        });
    FieldAttrs {
        rename: rename.get().map(|(lit, _)| lit),
        location: location.get(),
        sid: sid.map(|(sid, _)| sid).unwrap_or_default(),
        uri: uri.map_or(UriRule::None, |(rule, _)| rule),
        text_rule,
        page_token: page_token.get().map(|((), span)| span),
    }
}

/// Reads `= "text"` after a key, or consumes whatever value stands there and gives its tokens
/// (none when there is no `=`).
fn string_value(meta: &ParseNestedMeta) -> Result<LitStr, TokenStream> {
    if !meta.input.peek(syn::Token![=]) {
        return Err(TokenStream::new());
    }
    let Ok(value) = meta.value() else {
        return Err(TokenStream::new());
    };
    if value.peek(LitStr) {
        if let Ok(lit) = value.parse() {
            return Ok(lit);
        }
    }
    Err(crate::internals::args::until_comma(value).unwrap_or_default())
}

/// Where a value error points: the value, or the key when there is none.
fn value_or(value: TokenStream, key: &syn::Path) -> TokenStream {
    if value.is_empty() {
        quote::quote!(#key)
    } else {
        value
    }
}

/// Consumes the value of a key that is not read (`= …` or `(…)`).
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        crate::internals::args::until_comma(meta.value()?)?;
    } else if meta.input.peek(syn::token::Paren) {
        let _group: proc_macro2::TokenTree = meta.input.parse()?;
    }
    Ok(())
}

fn is_wire_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic())
}

fn is_sid_prefix(prefix: &str) -> bool {
    prefix.len() == 2 && prefix.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn errors_of(attrs: Vec<Attribute>) -> Vec<String> {
        let mut errors = Errors::default();
        let _ = field_attrs(&attrs, &mut errors);
        errors.messages()
    }

    #[test]
    fn every_repeated_key_gets_the_same_error() {
        for key in [
            "path",
            "query",
            "form",
            "header",
            "body",
            "uri",
            "uri_reference",
            "page_token",
        ] {
            let key: syn::Ident = syn::Ident::new(key, Span::call_site());
            let attrs: Vec<Attribute> = vec![parse_quote!(#[twilio(#key, #key)])];
            assert_eq!(
                errors_of(attrs),
                [format!("`{key}` is given twice: keep one")]
            );
        }
        let attrs = vec![
            parse_quote!(#[twilio(sid = "CA")]),
            parse_quote!(#[twilio(sid = "PK")]),
        ];
        assert_eq!(errors_of(attrs), ["`sid` is given twice: keep one"]);
        let attrs = vec![parse_quote!(#[twilio(rename = "A", rename = "B")])];
        assert_eq!(errors_of(attrs), ["`rename` is given twice: keep one"]);
    }

    #[test]
    fn the_first_value_stays() {
        let attrs: Vec<Attribute> =
            vec![parse_quote!(#[twilio(rename = "A", sid = "CA", rename = "B", sid = "PK")])];
        let mut errors = Errors::default();
        let out = field_attrs(&attrs, &mut errors);
        assert_eq!(out.rename.unwrap().value(), "A");
        assert_eq!(out.sid, ["CA"]);
    }

    #[test]
    fn exclusive_keys_contradict() {
        let attrs = vec![parse_quote!(#[twilio(form, query)])];
        assert_eq!(
            errors_of(attrs),
            ["`query` contradicts `form`: a field goes in one place, keep one"]
        );
        let attrs = vec![parse_quote!(#[twilio(uri, uri_reference)])];
        assert_eq!(
            errors_of(attrs),
            ["`uri_reference` contradicts `uri`: a URI is either absolute or a reference, keep one"]
        );
    }
}
