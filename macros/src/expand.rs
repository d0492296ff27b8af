//! The generated code: the `Endpoint` impl, `builder()`, `send()` and the typed builder.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident};

use crate::errors::Errors;
use crate::model::{self, Endpoint, Field, FieldRole, Shape};
use crate::template::Part;
use crate::wire_name::form_encoded;
use crate::{args, check};

/// The whole expansion: on any error, `compile_error!`s plus the struct without the macro's
/// attributes, so the rest of the user's crate still type-checks.
pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut input: DeriveInput = match syn::parse2(item.clone()) {
        Ok(input) => input,
        Err(error) => {
            let error = match item_keyword(&item) {
                Some(keyword) => syn::Error::new(
                    keyword.span(),
                    format!(
                        "`#[twilio_endpoint]` goes on a struct with named fields, not on `{keyword}`"
                    ),
                ),
                None => syn::Error::new(
                    error.span(),
                    "`#[twilio_endpoint]` goes on a struct with named fields",
                ),
            };
            let error = error.to_compile_error();
            return quote!(#error #item);
        }
    };
    let mut errors = Errors::new(input.ident.span());
    let args = args::parse(args, &mut errors);
    let generated = model::build(&input, args, &mut errors).and_then(|model| {
        check::check(&model, &mut errors);
        errors.is_empty().then(|| generate(&model))
    });
    strip_field_attrs(&mut input);
    match generated {
        Some(generated) if errors.is_empty() => quote!(#input #generated),
        _ => {
            let errors = errors.to_compile_errors();
            quote!(#input #errors)
        }
    }
}

/// The keyword of an item that is not a struct, enum or union (`fn`, `impl`, `trait`, …): the
/// first identifier after its attributes and visibility.
fn item_keyword(item: &TokenStream) -> Option<Ident> {
    let mut tokens = item.clone().into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            // An attribute: `#` and its bracketed group.
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '#' => {
                tokens.next();
            }
            proc_macro2::TokenTree::Ident(ident) if ident == "pub" => {
                if let Some(proc_macro2::TokenTree::Group(_)) = tokens.peek() {
                    tokens.next();
                }
            }
            proc_macro2::TokenTree::Ident(ident) if ident == "async" || ident == "unsafe" => {}
            proc_macro2::TokenTree::Ident(ident) => return Some(ident),
            _ => return None,
        }
    }
    None
}

/// Removes `#[twilio(...)]` from fields: it is the macro's, not the compiler's.
fn strip_field_attrs(input: &mut DeriveInput) {
    let strip = |fields: &mut Fields| {
        for field in fields.iter_mut() {
            field.attrs.retain(|a| !a.path().is_ident("twilio"));
        }
    };
    match &mut input.data {
        Data::Struct(data) => strip(&mut data.fields),
        Data::Enum(data) => data.variants.iter_mut().for_each(|v| strip(&mut v.fields)),
        Data::Union(data) => data
            .fields
            .named
            .iter_mut()
            .for_each(|f| f.attrs.retain(|a| !a.path().is_ident("twilio"))),
    }
}

/// The runtime, named only through its hidden re-export.
fn rt() -> TokenStream {
    quote!(::twilio_endpoint::__private)
}

fn generate(endpoint: &Endpoint) -> TokenStream {
    let rt = rt();
    let ident = &endpoint.input.ident;
    let vis = &endpoint.input.vis;
    let args = &endpoint.args;
    let method = &args.method;
    let template = args.template_lit.value();
    let host = &args.host;
    // Spanned on the user's type, so that one that is not `Deserialize` is an error on it. (A
    // check through a trait of our own would add a second error: the bound of `Endpoint::Response`
    // is checked on the type as written.)
    let response = match &args.response {
        Some(ty) => quote_spanned!(ty.span()=> #ty),
        None => quote!(#rt::Value),
    };
    let idempotency_key = endpoint
        .fields
        .iter()
        .any(|f| f.role != FieldRole::Path && f.wire == "IdempotencyKey");
    let writes = write_request_body(endpoint);
    let parameters = endpoint.fields.iter().map(parameter);
    let builder_ident = format_ident!("{}Builder", ident);
    let builder = builder(endpoint);
    let doc_send = format!(
        "Validates this request and sends it as `{method} {template}`, decoding the answer."
    );
    let doc_builder = format!(
        "Starts a [`{ident}Builder`]: required parameters must be set before `build()` compiles."
    );
    quote! {
        #builder

        const _: () = {
            #[automatically_derived]
            impl #rt::Endpoint for #ident {
                type Response = #response;
                const METHOD: #rt::Method = #rt::Method::#method;
                const PATH_TEMPLATE: &'static str = #template;
                const HOST: &'static str = #host;
                const IDEMPOTENCY_KEY: bool = #idempotency_key;
                const PARAMETERS: &'static [#rt::Parameter] = &[#(#parameters),*];

                fn write_request(&self, __writer: &mut #rt::RequestWriter<'_>) {
                    #writes
                }
            }

            #[automatically_derived]
            impl #ident {
                #[doc = #doc_builder]
                #vis fn builder() -> #builder_ident {
                    #builder_ident::__new()
                }

                #[doc = #doc_send]
                ///
                /// Every problem with the values is reported at once, before any I/O.
                #vis async fn send(
                    &self,
                    client: &#rt::Client,
                ) -> ::core::result::Result<<Self as #rt::Endpoint>::Response, #rt::Error> {
                    client.send(self).await
                }
            }
        };
    }
}

/// The runtime's description of a field: wire name, encoded key, location and rules.
fn parameter(field: &Field) -> TokenStream {
    let rt = rt();
    let wire = &field.wire;
    let key = form_encoded(wire);
    let location = match field.role {
        FieldRole::Path => quote!(Path),
        FieldRole::Query => quote!(Query),
        FieldRole::Form => quote!(Form),
    };
    let required = matches!(field.shape, Shape::Plain);
    let sid = &field.sid;
    let uri = field.uri;
    let account_default = field.account_default();
    quote! {
        #rt::Parameter::__new(
            #wire, #key, #rt::Location::#location, #required, &[#(#sid),*], #uri, #account_default,
        )
    }
}

/// `write_request`: the path in template order, then every other field in declaration order.
/// Each call names its field's entry of `PARAMETERS`, a `'static` constant, and the field's type
/// through the trait it needs (`PathValue`, `FieldValue`), so that a type that cannot be sent is
/// one error on that type.
fn write_request_body(endpoint: &Endpoint) -> TokenStream {
    let rt = rt();
    let index_of = |field: &Field| {
        endpoint
            .fields
            .iter()
            .position(|f| f.ident == field.ident)
            .unwrap_or_default()
    };
    let path = endpoint.args.template.parts.iter().map(|part| match part {
        Part::Literal(text) => quote!(__writer.path_literal(#text);),
        Part::Placeholder(name) => {
            let Some(field) = endpoint
                .fields
                .iter()
                .find(|f| f.role == FieldRole::Path && &f.wire == name)
            else {
                // `check` reported the placeholder without a field; nothing is generated then.
                return TokenStream::new();
            };
            let ident = field.ident;
            let index = index_of(field);
            let ty = field.ty;
            quote! {
                __writer.path_value(
                    &Self::PARAMETERS[#index],
                    &<#ty as #rt::PathValue>::path_value(&self.#ident),
                );
            }
        }
    });
    let pairs = endpoint
        .fields
        .iter()
        .filter(|f| f.role != FieldRole::Path)
        .map(|field| {
            let ident = field.ident;
            let index = index_of(field);
            let inner = field.inner_ty();
            let write = match field.shape {
                Shape::Option(_) => quote!(write_option),
                Shape::List(_) => quote!(write_list),
                Shape::Plain => quote!(write),
            };
            quote! {
                <#inner as #rt::FieldValue>::#write(&self.#ident, __writer, &Self::PARAMETERS[#index]);
            }
        });
    quote!(#(#path)* #(#pairs)*)
}

/// The typed builder: one type parameter per required field, `Unset` until its setter runs;
/// `build()` compiles only once all are set, and each setter only while its slot is unset. Both
/// rules are trait bounds whose messages name the Twilio parameter, spanned on the user's tokens
/// (the struct's name for `build()`, the field for its setter), so that the notes rustc adds
/// point at the declaration rather than into generated code.
fn builder(endpoint: &Endpoint) -> TokenStream {
    let rt = rt();
    let ident = &endpoint.input.ident;
    let vis = &endpoint.input.vis;
    let builder = format_ident!("{}Builder", ident);
    let fields = &endpoint.fields;
    let required: Vec<&Field> = fields.iter().filter(|f| f.required_in_builder()).collect();
    let states: Vec<Ident> = (0..required.len())
        .map(|i| format_ident!("__S{}", i))
        .collect();
    let state_of = |field: &Field| required.iter().position(|r| r.ident == field.ident);
    let slot_traits: Vec<SlotTraits> = required
        .iter()
        .map(|field| SlotTraits::new(ident, field))
        .collect();

    let storage = fields.iter().map(|field| {
        let name = field.ident;
        match state_of(field) {
            Some(i) => {
                let state = &states[i];
                quote!(#name: #state)
            }
            None => {
                let ty = field.ty;
                quote!(#name: #ty)
            }
        }
    });
    let init = fields.iter().map(|field| {
        let name = field.ident;
        match state_of(field) {
            Some(_) => quote!(#name: #rt::Unset),
            None => quote!(#name: ::core::default::Default::default()),
        }
    });
    let setters = fields.iter().map(|field| {
        let name = field.ident;
        let docs = &field.docs;
        let (arg, value) = setter_argument(field);
        let note = format!(
            "Sets `{}`{}.",
            field.wire,
            match (state_of(field), field.shape) {
                (Some(_), _) => " (required, once)",
                (None, Shape::List(_)) => ", adding each value (sent as repeated keys)",
                _ => "",
            }
        );
        let Some(i) = state_of(field) else {
            let assign = match field.shape {
                Shape::Option(_) => quote!(self.#name = ::core::option::Option::Some(#value);),
                Shape::List(_) => quote!(self.#name.extend(#value);),
                Shape::Plain => quote!(self.#name = #value;),
            };
            return quote! {
                #(#docs)*
                #[doc = ""]
                #[doc = #note]
                #vis fn #name(mut self, #arg) -> Self {
                    #assign
                    self
                }
            };
        };
        let ty = field.ty;
        let after = states.iter().enumerate().map(|(j, s)| {
            if i == j {
                quote!(#rt::Set<#ty>)
            } else {
                quote!(#s)
            }
        });
        let moves = fields.iter().filter(|f| f.ident != name).map(|f| {
            let other = f.ident;
            quote!(#other: self.#other)
        });
        let unset_bound = slot_traits[i].bound(&states[i], false, name.span());
        quote! {
            #(#docs)*
            #[doc = ""]
            #[doc = #note]
            #vis fn #name(self, #arg) -> #builder<#(#after),*>
            where
                #unset_bound
            {
                #builder { #name: #rt::Set(#value), #(#moves),* }
            }
        }
    });
    let trait_defs = slot_traits
        .iter()
        .zip(&required)
        .map(|(traits, field)| traits.definitions(field));
    let build_fields = fields.iter().map(|field| {
        let name = field.ident;
        match state_of(field) {
            Some(i) => {
                let set = &slot_traits[i].set;
                quote!(#name: #set::__value(self.#name))
            }
            None => quote!(#name: self.#name),
        }
    });
    let set_bounds = states
        .iter()
        .zip(&slot_traits)
        .map(|(state, traits)| traits.bound(state, true, ident.span()));
    let build = Ident::new("build", ident.span());
    let doc = format!(
        "Builds a [`{ident}`]. Made by [`{ident}::builder`]; each required Twilio parameter has a \
         type parameter that its setter turns from `Unset` to `Set`, so that `build()` compiles \
         only once all of them are given, and each of them is given once."
    );
    quote! {
        #[doc = #doc]
        #[must_use = "a builder does nothing until `.build()` is called"]
        #vis struct #builder<#(#states = #rt::Unset),*> {
            #(#storage,)*
        }

        const _: () = {
            #(#trait_defs)*

            #[automatically_derived]
            impl #builder {
                fn __new() -> Self {
                    #builder { #(#init,)* }
                }
            }

            #[automatically_derived]
            impl<#(#states),*> #builder<#(#states),*> {
                #(#setters)*

                /// Builds the request.
                #vis fn #build(self) -> #ident
                where
                    #(#set_bounds,)*
                {
                    #ident { #(#build_fields,)* }
                }
            }
        };
    }
}

/// The two traits of a required field's builder slot: `set` holds once its setter ran (`build()`
/// needs it), `unset` until then (the setter needs it). Their diagnostics name the parameter.
struct SlotTraits {
    set: Ident,
    unset: Ident,
    missing: [String; 3],
    repeated: [String; 3],
}

impl SlotTraits {
    fn new(endpoint: &Ident, field: &Field) -> Self {
        let name = field.ident.to_string();
        let name = name.trim_start_matches("r#");
        let wire = diagnostic_text(&field.wire);
        SlotTraits {
            set: format_ident!("{}_{}_is_set", endpoint, name),
            unset: format_ident!("{}_{}_is_not_set", endpoint, name),
            missing: [
                format!("`{endpoint}` is missing its required Twilio parameter `{wire}`"),
                format!("`{wire}` is not set"),
                format!("set it with `.{name}(…)` before `.build()`"),
            ],
            repeated: [
                format!("`{wire}` is already set"),
                format!("`{wire}` was given by an earlier `.{name}(…)`"),
                format!("each parameter is set once: remove one of the two `.{name}(…)` calls"),
            ],
        }
    }

    /// `state: trait`, spanned at `span` so that rustc's "required by this bound" note points
    /// at the user's declaration.
    fn bound(&self, state: &Ident, set: bool, span: Span) -> TokenStream {
        let state = Ident::new(&state.to_string(), span);
        let name = if set { &self.set } else { &self.unset };
        let name = Ident::new(&name.to_string(), span);
        quote_spanned!(span=> #state: #name)
    }

    fn definitions(&self, field: &Field) -> TokenStream {
        let rt = rt();
        let ty = field.ty;
        let (set, unset) = (&self.set, &self.unset);
        let missing = on_unimplemented(&self.missing);
        let repeated = on_unimplemented(&self.repeated);
        quote! {
            #missing
            #[allow(non_camel_case_types)]
            #[doc(hidden)]
            pub trait #set {
                fn __value(self) -> #ty;
            }
            #[automatically_derived]
            impl #set for #rt::Set<#ty> {
                fn __value(self) -> #ty {
                    self.0
                }
            }
            #repeated
            #[allow(non_camel_case_types)]
            #[doc(hidden)]
            pub trait #unset {}
            #[automatically_derived]
            impl #unset for #rt::Unset {}
        }
    }
}

/// `#[diagnostic::on_unimplemented]` with a message, a label and a note.
fn on_unimplemented([message, label, note]: &[String; 3]) -> TokenStream {
    quote!(#[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)])
}

/// `text` with the braces that `on_unimplemented` would read as format arguments doubled.
fn diagnostic_text(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// A setter's parameter and the expression giving the stored value: strings take
/// `impl Into<String>`, lists take any iterator, optional fields take their inner value.
fn setter_argument(field: &Field) -> (TokenStream, TokenStream) {
    let inner = field.inner_ty();
    let takes_into = model::is_string(inner);
    let span = Span::call_site();
    match field.shape {
        Shape::List(item) if takes_into => (
            quote_spanned!(span=> values: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#item>>),
            quote_spanned!(span=> values.into_iter().map(::core::convert::Into::into)),
        ),
        Shape::List(item) => (
            quote_spanned!(span=> values: impl ::core::iter::IntoIterator<Item = #item>),
            quote_spanned!(span=> values),
        ),
        _ if takes_into => (
            quote_spanned!(span=> value: impl ::core::convert::Into<#inner>),
            quote_spanned!(span=> value.into()),
        ),
        _ => (
            quote_spanned!(span=> value: #inner),
            quote_spanned!(span=> value),
        ),
    }
}
