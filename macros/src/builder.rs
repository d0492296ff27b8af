//! The typed builder, bon's way: one zero-sized marker per required parameter, one state type
//! parameter, and the rules as bounds on traits defined once in the runtime
//! (`twilio_endpoint::builder`). A setter's code does not grow with the number of fields.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::case::{is_pascal_identifier, pascal_case, snake_case};

use crate::model::{self, Endpoint, Field, Shape};

/// A required parameter's names in the builder's state module.
struct Member<'a> {
    field: &'a Field<'a>,
    /// The marker type: the Twilio name (`CallSid`).
    marker: Ident,
    /// The state after its setter ran: `SetCallSid<S>`.
    transition: Ident,
    /// Its slot in the state tuple.
    slot: usize,
}

/// The most required parameters a builder tracks: the runtime's `builder::MAX_REQUIRED`, the
/// longest state tuple it implements `Slot` for.
pub const MAX_REQUIRED: usize = 16;

/// The builder struct, its state module and its methods.
pub fn builder(endpoint: &Endpoint) -> TokenStream {
    let ident = &endpoint.input.ident;
    let vis = &endpoint.input.vis;
    let builder = format_ident!("{}Builder", ident);
    let state = format_ident!("{}", snake_case(&builder.to_string()));
    let members = members(endpoint);
    let markers: Vec<&Ident> = members.iter().map(|m| &m.marker).collect();
    let setter_markers: Vec<&Ident> = members.iter().map(|m| m.field.ident).collect();
    let values = format_ident!("__{}Values", builder);
    let indexes = (0..members.len()).map(Literal::usize_unsuffixed);
    let slots: Vec<Ident> = (0..members.len())
        .map(|i| format_ident!("__R{}", i))
        .collect();
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
        let slot = Literal::usize_unsuffixed(member.slot);
        let doc = format!("`{}` set, on top of `S`.", member.field.wire);
        quote! {
            #[doc = #doc]
            pub type #transition<S> = <S as __tw::Slot<#slot>>::Filled;
        }
    });
    let module_doc = format!(
        "Which required parameters of a [`{builder}`](super::{builder}) are set: its type parameter."
    );
    let state_module = quote! {
        #[doc = #module_doc]
        #vis mod #state {
            use ::twilio_endpoint::__private as __tw;
            use self::members as __m;
            /// A builder's state: one slot per required parameter, its marker type until set.
            pub trait State: #(__tw::Slot<#indexes>)+* {}
            impl<#(#slots),*> State for (#(#slots,)*) {}
            /// Nothing set yet.
            pub type Empty = (#(__m::#markers,)*);
            #(#transitions)*
            /// Every required parameter set: what `build()` needs.
            pub trait IsComplete: State {}
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            pub mod members { #(pub struct #markers; pub struct #setter_markers;)* }
        }
    };

    let setters = endpoint
        .fields
        .iter()
        .map(|field| setter(endpoint, &builder, &members, field));
    let build_fields = endpoint.fields.iter().map(|field| {
        let name = field.ident;
        if field.required_in_builder() {
            quote!(#name: __tw::set_value(self.0.#name))
        } else {
            quote!(#name: self.0.#name)
        }
    });
    // Each bound spanned on its field, where rustc's "unsatisfied trait bound" note points.
    let complete_bounds = members.iter().map(|member| {
        let (setter, slot) = (member.field.ident, Literal::usize_unsuffixed(member.slot));
        quote_spanned! {setter.span()=>
            <S as __tw::Slot<#slot>>::Value: __tw::IsSet<#ident, __m::#setter>
        }
    });
    let complete_bound = quote_spanned!(ident.span()=> S: __st::IsComplete);
    // Spanned on the struct's name, where rustc's "required for … to implement" note points. A
    // blanket impl, which rustc does not offer as "the trait is implemented for …" noise.
    let complete_impl = quote_spanned! {ident.span()=>
        #[automatically_derived]
        impl<S: __st::State> __st::IsComplete for S where #(#complete_bounds,)* {}
    };
    let build = Ident::new("build", ident.span());
    let doc = format!(
        "Builds a [`{ident}`]: made by [`{ident}::builder`], it has a setter per parameter (named \
         after the field; `maybe_` ones take an `Option`), and `.build()` compiles once every \
         required parameter is set, each once."
    );
    quote! {
        #[doc = #doc]
        #[must_use = "a builder does nothing until `.build()` is called"]
        #vis struct #builder<S = #state::Empty>(#values, ::core::marker::PhantomData<fn() -> S>);

        #[derive(Default)]
        struct #values { #(#storage,)* }

        #state_module

        const _: () = {
            use ::twilio_endpoint::__private as __tw;
            use #state as __st;
            use #state::members as __m;

            #complete_impl

            #[automatically_derived]
            impl<S: __st::State> #builder<S> {
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
        if members.iter().any(|m| m.marker == name)
            || endpoint.fields.iter().any(|f| f.ident == name.as_str())
        {
            name = format!("{name}{}", pascal_case(&field.ident.to_string()));
        }
        // Spanned on the field, where rustc's help about the marker then points.
        members.push(Member {
            field,
            slot: members.len(),
            transition: format_ident!("Set{}", name),
            marker: Ident::new(&name, field.ident.span()),
        });
    }
    members
}

/// One setter (and `maybe_` setter for an optional field). The Twilio name and whether it is
/// required are said once, on the builder and in the state module, not on every setter.
fn setter(endpoint: &Endpoint, builder: &Ident, members: &[Member], field: &Field) -> TokenStream {
    let vis = &endpoint.input.vis;
    let name = field.ident;
    let docs = &field.docs;
    let (arg, value) = setter_argument(field);
    let member = members.iter().find(|m| m.field.ident == field.ident);
    if let Some(member) = member {
        let (marker, transition) = (&member.marker, &member.transition);
        let slot = Literal::usize_unsuffixed(member.slot);
        let bound = quote_spanned! {name.span()=> __tw::IsUnset<__m::#marker, __m::#name> };
        return quote! {
            #(#docs)*
            #vis fn #name(mut self, #arg) -> #builder<__st::#transition<S>>
            where <S as __tw::Slot<#slot>>::Value: #bound
            {
                self.0.#name = __tw::Some(#value);
                #builder(self.0, __tw::PhantomData)
            }
        };
    }
    match field.shape {
        Shape::Option(inner) => {
            let maybe = format_ident!("maybe_{}", name.to_string().trim_start_matches("r#"));
            let doc = format!("[`Self::{name}`] with an `Option`: `None` clears it.");
            let (maybe_arg, maybe_value) = if model::is_string(inner) {
                (
                    quote!(value: __tw::Option<impl __tw::Into<#inner>>),
                    quote!(value.map(__tw::Into::into)),
                )
            } else {
                (quote!(value: __tw::Option<#inner>), quote!(value))
            };
            quote! {
                #(#docs)*
                #vis fn #name(self, #arg) -> Self {
                    self.#maybe(__tw::Some(value))
                }
                #[doc = #doc]
                #vis fn #maybe(mut self, #maybe_arg) -> Self {
                    self.0.#name = #maybe_value;
                    self
                }
            }
        }
        Shape::List(_) => quote! {
            #(#docs)*
            #vis fn #name(mut self, #arg) -> Self {
                self.0.#name.extend(#value);
                self
            }
        },
        Shape::Plain => quote! {
            #(#docs)*
            #vis fn #name(mut self, #arg) -> Self {
                self.0.#name = #value;
                self
            }
        },
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
