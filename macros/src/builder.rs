//! The typed builder, bon's way: one zero-sized marker per required parameter, one state type
//! parameter, and the rules as bounds on traits defined once in the runtime
//! (`twilio_endpoint::builder`). A setter's code does not grow with the number of fields.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::case::{is_pascal_identifier, pascal_case, snake_case};

use crate::model::{self, Endpoint, Field, Shape};

/// A required parameter's names in the builder's state module.
struct Member<'a> {
    field: &'a Field<'a>,
    /// The marker type and the state's associated type: the Twilio name (`CallSid`).
    marker: Ident,
    /// The state after its setter ran: `SetCallSid<S>`.
    transition: Ident,
}

/// The builder struct, its state module and its methods.
pub fn builder(endpoint: &Endpoint) -> TokenStream {
    let ident = &endpoint.input.ident;
    let vis = &endpoint.input.vis;
    let builder = format_ident!("{}Builder", ident);
    let state = format_ident!("{}", snake_case(&builder.to_string()));
    let members = members(endpoint);
    let markers: Vec<&Ident> = members.iter().map(|m| &m.marker).collect();
    let setter_markers: Vec<&Ident> = members.iter().map(|m| m.field.ident).collect();
    let names: Vec<&Ident> = endpoint.fields.iter().map(|f| f.ident).collect();
    let storage = endpoint.fields.iter().map(|field| {
        let name = field.ident;
        let ty = field.ty;
        if field.required_in_builder() {
            quote!(#name: ::core::option::Option<#ty>)
        } else {
            quote!(#name: #ty)
        }
    });
    let transitions = members.iter().map(|member| {
        let transition = &member.transition;
        let types = members.iter().map(|other| {
            let marker = &other.marker;
            if other.marker == member.marker {
                quote!(type #marker = __tw::Set<members::#marker>;)
            } else {
                quote!(type #marker = S::#marker;)
            }
        });
        let doc = format!("`{}` set, on top of `S`.", member.field.wire);
        quote! {
            #[doc = #doc]
            pub struct #transition<S>(::core::marker::PhantomData<fn() -> S>);
            impl<S: State> State for #transition<S> { #(#types)* }
        }
    });
    let module_doc = format!(
        "Which required parameters of a [`{builder}`](super::{builder}) are set: its type parameter."
    );
    let state_module = quote! {
        #[doc = #module_doc]
        #vis mod #state {
            use ::twilio_endpoint::__private as __tw;
            /// A builder's state: one associated type per required parameter.
            #[allow(missing_docs)]
            pub trait State { #(type #markers;)* }
            /// Nothing set yet.
            pub struct Empty;
            impl State for Empty { #(type #markers = members::#markers;)* }
            #(#transitions)*
            /// Every required parameter set: what `build()` needs.
            pub trait IsComplete: State {}
            #[doc(hidden)]
            pub mod members {
                #(
                    pub struct #markers;
                    #[diagnostic::do_not_recommend]
                    impl super::__tw::IsUnset<#markers, super::setters::#setter_markers>
                        for #markers {}
                )*
            }
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            pub mod setters { #(pub struct #setter_markers;)* }
        }
    };

    let setters = endpoint
        .fields
        .iter()
        .map(|field| setter(endpoint, &builder, &members, field));
    let build_fields = endpoint.fields.iter().map(|field| {
        let name = field.ident;
        if field.required_in_builder() {
            quote!(#name: __tw::set_value(self.#name))
        } else {
            quote!(#name: self.#name)
        }
    });
    // Each bound spanned on its field, where rustc's "unsatisfied trait bound" note points.
    let complete_bounds = members.iter().zip(&setter_markers).map(|(member, setter)| {
        let marker = &member.marker;
        quote_spanned!(member.field.ident.span()=> S::#marker: __tw::IsSet<#ident, __st::setters::#setter>)
    });
    let complete_bound = quote_spanned!(ident.span()=> S: __st::IsComplete);
    // Spanned on the struct's name, where rustc's "required for … to implement" note points.
    let complete_impl = quote_spanned! {ident.span()=>
        #[automatically_derived]
        impl<S: __st::State> __st::IsComplete for S where #(#complete_bounds,)* {}
    };
    let build = Ident::new("build", ident.span());
    let doc = format!(
        "Builds a [`{ident}`]: made by [`{ident}::builder`], it has a setter per parameter, and \
         `.build()` compiles once every required parameter is set, each once."
    );
    quote! {
        #[doc = #doc]
        #[must_use = "a builder does nothing until `.build()` is called"]
        #vis struct #builder<S: #state::State = #state::Empty> {
            __state: ::core::marker::PhantomData<fn() -> S>,
            #(#storage,)*
        }

        #state_module

        const _: () = {
            use ::twilio_endpoint::__private as __tw;
            use #state as __st;

            #complete_impl

            #[automatically_derived]
            impl<S: __st::State> #builder<S> {
                fn __new() -> Self {
                    #builder { __state: __tw::PhantomData, #(#names: __tw::Default::default(),)* }
                }

                fn __into<T: __st::State>(self) -> #builder<T> {
                    #builder { __state: __tw::PhantomData, #(#names: self.#names,)* }
                }

                #(#setters)*

                /// Builds the request.
                #vis fn #build(self) -> #ident where #complete_bound {
                    #ident { #(#build_fields,)* }
                }
            }
        };
    }
}

/// The required parameters, with marker names that are identifiers and unique.
fn members<'a>(endpoint: &'a Endpoint<'a>) -> Vec<Member<'a>> {
    let mut members: Vec<Member> = Vec::new();
    for field in endpoint.fields.iter().filter(|f| f.required_in_builder()) {
        let mut name = if is_pascal_identifier(&field.wire) {
            field.wire.clone()
        } else {
            pascal_case(&field.ident.to_string())
        };
        if members.iter().any(|m| m.marker == name) || name == "State" {
            name = format!("{name}{}", pascal_case(&field.ident.to_string()));
        }
        // Spanned on the field, where rustc's help about the marker then points.
        members.push(Member {
            field,
            transition: format_ident!("Set{}", name),
            marker: Ident::new(&name, field.ident.span()),
        });
    }
    members
}

/// One setter (and `maybe_` setter for an optional field).
fn setter(endpoint: &Endpoint, builder: &Ident, members: &[Member], field: &Field) -> TokenStream {
    let vis = &endpoint.input.vis;
    let name = field.ident;
    let docs = &field.docs;
    let (arg, value) = setter_argument(field);
    let member = members.iter().find(|m| m.field.ident == field.ident);
    let note = format!(
        "Twilio's `{}`{}.",
        field.wire,
        match (member, field.shape) {
            (Some(_), _) => ", required",
            (None, Shape::List(_)) => ": adds each value (sent as repeated keys)",
            _ => "",
        }
    );
    if let Some(member) = member {
        let (marker, transition) = (&member.marker, &member.transition);
        let bound = quote_spanned! {name.span()=>
            __tw::IsUnset<__st::members::#marker, __st::setters::#name>
        };
        return quote! {
            #(#docs)*
            #[doc = #note]
            #vis fn #name(mut self, #arg) -> #builder<__st::#transition<S>>
            where S::#marker: #bound
            {
                self.#name = __tw::Some(#value);
                self.__into()
            }
        };
    }
    let assign = match field.shape {
        Shape::Option(_) => quote!(self.#name = __tw::Some(#value);),
        Shape::List(_) => quote!(self.#name.extend(#value);),
        Shape::Plain => quote!(self.#name = #value;),
    };
    let maybe = match field.shape {
        Shape::Option(inner) => {
            let maybe = format_ident!("maybe_{}", name.to_string().trim_start_matches("r#"));
            let doc = format!(
                "Sets or clears `{}`: [`Self::{name}`] with an `Option`.",
                field.wire
            );
            let (arg, value) = if model::is_string(inner) {
                (
                    quote!(value: __tw::Option<impl __tw::Into<#inner>>),
                    quote!(value.map(__tw::Into::into)),
                )
            } else {
                (quote!(value: __tw::Option<#inner>), quote!(value))
            };
            quote! {
                #[doc = #doc]
                #vis fn #maybe(mut self, #arg) -> Self {
                    self.#name = #value;
                    self
                }
            }
        }
        _ => TokenStream::new(),
    };
    quote! {
        #(#docs)*
        #[doc = #note]
        #vis fn #name(mut self, #arg) -> Self {
            #assign
            self
        }
        #maybe
    }
}

/// A setter's parameter and the expression giving the stored value: strings take
/// `impl Into<String>`, lists take any iterator, optional fields take their inner value.
fn setter_argument(field: &Field) -> (TokenStream, TokenStream) {
    let inner = field.inner_ty();
    let takes_into = model::is_string(inner);
    let span = Span::call_site();
    match field.shape {
        Shape::List(item) if takes_into => (
            quote_spanned!(span=> values: impl ::core::iter::IntoIterator<Item = impl __tw::Into<#item>>),
            quote_spanned!(span=> values.into_iter().map(__tw::Into::into)),
        ),
        Shape::List(item) => (
            quote_spanned!(span=> values: impl ::core::iter::IntoIterator<Item = #item>),
            quote_spanned!(span=> values),
        ),
        _ if takes_into => (
            quote_spanned!(span=> value: impl __tw::Into<#inner>),
            quote_spanned!(span=> value.into()),
        ),
        _ => (
            quote_spanned!(span=> value: #inner),
            quote_spanned!(span=> value),
        ),
    }
}
