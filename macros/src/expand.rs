//! The generated code: the `Endpoint` impl, `builder()`, `send()` and the typed builder.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident};

use crate::args::Method;
use crate::case::form_encoded;
use crate::errors::Errors;
use crate::model::{self, Endpoint, Field, Location, Shape, UriRule};
use crate::template::Part;
use crate::{args, builder, check};

/// The whole expansion. On any error: the `compile_error!`s, the struct without the macro's
/// attributes, and the whole public surface with placeholder bodies (`builder()` with a setter
/// per field, `send`, the `Endpoint` impl), so that one mistake is one error and the rest of the
/// user's crate still type-checks.
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
    let model = model::build(&input, args, &mut errors);
    if let Some(model) = &model {
        check::check(model, &mut errors);
    }
    let generated = match &model {
        Some(model) if errors.is_empty() => generate(model),
        _ => {
            let fallback = fallback(&input, model.as_ref().map(|m| &m.args));
            let errors = errors.to_compile_errors();
            quote!(#errors #fallback)
        }
    };
    strip_field_attrs(&mut input);
    quote!(#input #generated)
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

fn generate(endpoint: &Endpoint) -> TokenStream {
    let rt = quote!(__tw);
    let ident = &endpoint.input.ident;
    let args = &endpoint.args;
    let method = Ident::new(args.method.as_str(), Span::call_site());
    let template = args.template_lit.value();
    let host = &args.host;
    // Spanned on the user's type, so that one that is not `Deserialize` is an error on it. (A
    // check through a trait of our own would add a second error: the bound of `Endpoint::Response`
    // is checked on the type as written.)
    let response = match (&args.list, &args.response) {
        (Some(list), _) => {
            let item = &list.item;
            quote_spanned!(item.span()=> #rt::Page<#item>)
        }
        (None, Some(ty)) => quote_spanned!(ty.span()=> #ty),
        (None, None) => quote!(#rt::Json),
    };
    let list_impl = args.list.as_ref().map(|list| {
        let item = &list.item;
        let item = quote_spanned!(item.span()=> #item);
        let page_token = match endpoint.fields.iter().find(|f| f.page_token.is_some()) {
            Some(field) => {
                let key = form_encoded(&field.wire);
                quote!(#rt::Some(#key))
            }
            None => quote!(#rt::None),
        };
        quote! {
            #[automatically_derived]
            impl #rt::ListEndpoint for #ident {
                type Item = #item;
                const PAGE_TOKEN: #rt::Option<&'static str> = #page_token;
            }
        }
    });
    // Said only when it is not the default, `api`; `IDEMPOTENCY_KEY` is never said: the
    // runtime reads it from the parameters.
    let host = (host != "api").then(|| quote!(const HOST: &'static str = #host;));
    // One constant array for every parameter, one body for the compiler to check and evaluate;
    // `write_request` names its items after the fields.
    let parameters = endpoint.fields.iter().map(parameter);
    let count = Literal::usize_unsuffixed(endpoint.fields.len());
    let names = endpoint.fields.iter().map(|field| field.ident);
    let writes = write_request_body(endpoint);
    // Said only when they are not the defaults, so that a form endpoint's expansion is as it was.
    let body_format = args
        .json_body
        .map(|_| quote!(const BODY: #rt::BodyFormat = #rt::BodyFormat::Json;));
    let auth = args
        .oauth2
        .then(|| quote!(const AUTH: #rt::AuthScheme = #rt::AuthScheme::OAuth2;));
    let builder = builder::builder(endpoint);
    let list = match &args.list {
        Some(list) => ListSurface::Item(&list.item),
        None => ListSurface::None,
    };
    let builder_ident = format_ident!("{}Builder", ident);
    let new_builder = quote! {
        #builder_ident(__tw::Default::default(), __tw::PhantomData)
    };
    let surface = surface(
        ident,
        &endpoint.input.vis,
        (args.method, &template, &response),
        list,
        new_builder,
    );
    quote! {
        #builder

        const _: () = {
            use ::twilio_endpoint::__private as __tw;
            // Short, so that a field's write stays on one line.
            use __tw::{AnyWire as _, FieldValue as __Field, PathValue as __Path};
            const __PARAMETERS: [__tw::Parameter; #count] = [#(#parameters),*];

            #[automatically_derived]
            impl #rt::Endpoint for #ident {
                type Response = #response;
                const METHOD: #rt::Method = #rt::Method::#method;
                const PATH_TEMPLATE: &'static str = #template;
                #host
                const PARAMETERS: &'static [#rt::Parameter] = &__PARAMETERS;
                #body_format
                #auth

                #[inline]
                fn write_request(&self, __w: &mut #rt::RequestWriter<'_>) {
                    let &[#(ref #names),*] = &__PARAMETERS;
                    #writes
                }
            }

            #list_impl

            #surface
        };
    }
}

/// Whether `stream` and `pages` are part of an endpoint's surface.
#[derive(Clone, Copy)]
enum ListSurface<'a> {
    /// Not a list: no `stream`, no `pages`.
    None,
    /// A list of this item type.
    Item(&'a syn::Type),
    /// After an error: generic `stream` and `pages` whose item type any use infers, so that a
    /// use adds no error whatever the mistake was.
    Any,
}

/// `builder()` and `send` (and `stream` and `pages` for a list): the methods every endpoint
/// has, with or without errors. Goes in a block that imports the runtime as `__tw`.
fn surface(
    ident: &Ident,
    vis: &syn::Visibility,
    (method, template, response): (Method, &str, &TokenStream),
    list: ListSurface,
    new_builder: TokenStream,
) -> TokenStream {
    let rt = quote!(__tw);
    let builder = format_ident!("{}Builder", ident);
    let doc_send = format!(
        "Sends this request as `{} {template}` and decodes the answer; every problem with the \
         values is reported at once, before any I/O.",
        method.as_str()
    );
    let doc_builder =
        format!("Starts a [`{builder}`]: `build()` compiles once the required parameters are set.");
    let streams = match list {
        ListSurface::None => TokenStream::new(),
        ListSurface::Item(item) => quote! {
            /// Every item of the list, page by page, as a lazy `Stream` (see
            /// `Client::stream`): a page is fetched only when the items before it are used up.
            #[inline]
            #vis fn stream(&self, client: &#rt::Client) -> #rt::Items<#item> {
                client.stream(self)
            }

            /// The list's pages, as a lazy `Stream` (see `Client::pages`).
            #[inline]
            #vis fn pages(&self, client: &#rt::Client) -> #rt::Pages<#item> {
                client.pages(self)
            }
        },
        ListSurface::Any => quote! {
            #[allow(unused_variables, clippy::all)]
            #vis fn stream<__T>(&self, client: &#rt::Client) -> #rt::Items<__T> {
                ::core::unreachable!("`#[twilio_endpoint]` reported an error")
            }

            #[allow(unused_variables, clippy::all)]
            #vis fn pages<__T>(&self, client: &#rt::Client) -> #rt::Pages<__T> {
                ::core::unreachable!("`#[twilio_endpoint]` reported an error")
            }
        },
    };
    quote! {
        #[automatically_derived]
        impl #ident {
            #[doc = #doc_builder]
            #[inline]
            #vis fn builder() -> #builder {
                #new_builder
            }

            #[doc = #doc_send]
            #[inline]
            #vis fn send<'__a>(
                &'__a self,
                client: &'__a #rt::Client,
            ) -> impl ::core::future::Future<Output = #rt::Result<#response>> + '__a {
                client.send(self)
            }

            #streams
        }
    }
}

/// What stands in for the generated code after an error: the same public names, with bodies
/// that never run (the crate does not build), so that uses of the endpoint add no errors.
fn fallback(input: &DeriveInput, args: Option<&args::EndpointArgs>) -> TokenStream {
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        // An impl without the generics would be one more error; the struct is refused anyway.
        return TokenStream::new();
    }
    let rt = quote!(__tw);
    let ident = &input.ident;
    let vis = &input.vis;
    let builder = format_ident!("{}Builder", ident);
    let method = args.map_or(Method::Get, |a| a.method);
    let method_ident = Ident::new(method.as_str(), Span::call_site());
    let template = args.map_or(String::new(), |a| a.template_lit.value());
    let response = match (
        args.and_then(|a| a.list.as_ref()),
        args.and_then(|a| a.response.as_ref()),
    ) {
        (Some(list), _) => {
            let item = &list.item;
            quote!(#rt::Page<#item>)
        }
        (None, Some(ty)) => quote!(#ty),
        (None, None) => quote!(#rt::Json),
    };
    let fields: Vec<&Ident> = match &input.data {
        Data::Struct(data) => data
            .fields
            .iter()
            .filter_map(|f| f.ident.as_ref())
            .collect(),
        _ => Vec::new(),
    };
    let maybes = fields
        .iter()
        .map(|f| format_ident!("maybe_{}", f.to_string().trim_start_matches("r#")));
    // The declared item when `list = Item` was read, so that uses infer as they would without
    // the mistake; otherwise any item.
    let list = match args.and_then(|a| a.list.as_ref()) {
        Some(list) => ListSurface::Item(&list.item),
        None => ListSurface::Any,
    };
    let list_impl = args.and_then(|a| a.list.as_ref()).map(|list| {
        let item = &list.item;
        quote! {
            #[automatically_derived]
            impl #rt::ListEndpoint for #ident {
                type Item = #item;
                const PAGE_TOKEN: #rt::Option<&'static str> = #rt::None;
            }
        }
    });
    let surface = surface(
        ident,
        vis,
        (method, &template, &response),
        list,
        quote!(#builder),
    );
    let unreachable = quote!(::core::unreachable!(
        "`#[twilio_endpoint]` reported an error"
    ));
    quote! {
        #[doc(hidden)]
        #vis struct #builder;

        const _: () = {
            use ::twilio_endpoint::__private as __tw;

            #[automatically_derived]
            impl #rt::Endpoint for #ident {
                type Response = #response;
                const METHOD: #rt::Method = #rt::Method::#method_ident;
                const PATH_TEMPLATE: &'static str = #template;
                const PARAMETERS: &'static [#rt::Parameter] = &[];
                fn write_request(&self, _: &mut #rt::RequestWriter<'_>) {}
            }

            #list_impl

            #[automatically_derived]
            #[allow(unused_variables, clippy::all)]
            impl #builder {
                #(#vis fn #fields<V>(self, value: V) -> Self { self })*
                #(#vis fn #maybes<V>(self, value: V) -> Self { self })*
                #vis fn build(self) -> #ident {
                    #unreachable
                }
            }

            #surface
        };
    }
}

/// The runtime's description of a field, an item of the endpoint's parameter array: wire name,
/// location and rules, each rule a named call.
fn parameter(field: &Field) -> TokenStream {
    let wire = &field.wire;
    if field.account_default() && field.sid == ["AC"] && field.uri == UriRule::None {
        return quote!(__tw::Parameter::account_sid());
    }
    let mut value = match field.location {
        Location::Path => quote!(__tw::Parameter::path(#wire)),
        Location::Query => quote!(__tw::Parameter::query(#wire)),
        Location::Form => quote!(__tw::Parameter::form(#wire)),
        Location::Header => quote!(__tw::Parameter::header(#wire)),
        Location::JsonMember => quote!(__tw::Parameter::json_member(#wire)),
        Location::Body => quote!(__tw::Parameter::body(#wire)),
    };
    let key = form_encoded(wire);
    if matches!(field.location, Location::Query | Location::Form) && key != *wire {
        value.extend(quote!(.encoded_as(#key)));
    }
    // A path parameter is always required, a whole body never; the others when they are plain.
    if matches!(field.shape, Shape::Plain)
        && !matches!(field.location, Location::Path | Location::Body)
    {
        value.extend(quote!(.required()));
    }
    if !field.sid.is_empty() {
        let sid = &field.sid;
        value.extend(quote!(.sid(&[#(#sid),*])));
    }
    match field.uri {
        UriRule::None => {}
        UriRule::Absolute => value.extend(quote!(.uri())),
        UriRule::Reference => value.extend(quote!(.uri_reference())),
    }
    if field.account_default() {
        value.extend(quote!(.account_default()));
    }
    if field.is_idempotency_key() {
        value.extend(quote!(.idempotency_key()));
    }
    // A `string_enum!` type's wire values, which the compiler picks (`Wire<T>`); a type of the
    // standard library's is none, and is left out so that the common fields stay short.
    let ty = field.inner_ty();
    if !matches!(field.location, Location::Path | Location::Body) && !is_std_scalar(ty) {
        value.extend(quote!(.one_of(__tw::Wire::<#ty>::VALUES)));
    }
    value
}

/// Whether `ty` is written as one of the standard library's text, number or `bool` types, which
/// cannot be a `string_enum!` (the orphan rule keeps `StringEnum` off them).
fn is_std_scalar(ty: &syn::Type) -> bool {
    const SCALARS: [&str; 18] = [
        "String", "str", "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16",
        "i32", "i64", "i128", "isize", "f32", "f64",
    ];
    let ty = match ty {
        syn::Type::Reference(reference) => &*reference.elem,
        ty => ty,
    };
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
    && p.path.segments.last().is_some_and(|s| {
        s.arguments.is_empty() && SCALARS.iter().any(|scalar| s.ident == scalar)
    }))
}

/// `write_request`: the path in template order, then every other field in declaration order,
/// each through the writer's method for its location, with its `Parameter` (bound by the
/// field's name from the endpoint's array). The field's (item) type is named in each call,
/// spanned on the user's type, so that a type that cannot be sent is one error on that type.
fn write_request_body(endpoint: &Endpoint) -> TokenStream {
    let path = endpoint.args.template.parts.iter().map(|part| match part {
        Part::Literal(text) => quote!(__w.path_literal(#text);),
        Part::Placeholder(name) => {
            let Some(field) = endpoint
                .fields
                .iter()
                .find(|f| f.location == Location::Path && &f.wire == name)
            else {
                // `check` reported the placeholder without a field; nothing is generated then.
                return TokenStream::new();
            };
            let ident = field.ident;
            // The type spanned on the user's, so that one that cannot fill a path segment is
            // an error on it.
            let ty = field.ty;
            let ty = quote_spanned!(ty.span()=> #ty);
            quote!(__w.path(#ident, <#ty as __Path>::path_value(&self.#ident));)
        }
    });
    let pairs = endpoint
        .fields
        .iter()
        .filter(|f| f.location != Location::Path)
        .map(|field| {
            let ident = field.ident;
            let inner = field.inner_ty();
            let inner = quote_spanned!(inner.span()=> #inner);
            let write = match field.location {
                Location::Query => quote!(query),
                Location::Form => quote!(form),
                Location::Header => quote!(header),
                Location::JsonMember => quote!(json_member),
                _ => quote!(json_body),
            };
            if matches!(field.location, Location::Query | Location::Form) {
                return quote!(<#inner as __Field>::#write(__w, #ident, &self.#ident););
            }
            // One value, or none for `None`: a list is one JSON array, left out when empty as
            // its form and query pairs are (a header list is refused).
            let (ty, value) = match field.shape {
                Shape::Option(_) => (inner, quote!(__tw::Option::as_ref(&self.#ident))),
                Shape::List(_) => {
                    let ty = field.ty;
                    (
                        quote_spanned!(ty.span()=> #ty),
                        quote!((!self.#ident.is_empty()).then_some(&self.#ident)),
                    )
                }
                _ => {
                    let ty = field.ty;
                    (
                        quote_spanned!(ty.span()=> #ty),
                        quote!(__tw::Some(&self.#ident)),
                    )
                }
            };
            quote!(<#ty as __Field>::#write(__w, #ident, #value);)
        });
    quote!(#(#path)* #(#pairs)*)
}
