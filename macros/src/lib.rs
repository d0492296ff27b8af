//! The `#[twilio_endpoint]` attribute of [twilio-endpoint](https://docs.rs/twilio-endpoint).
//!
//! Use it through `twilio_endpoint::twilio_endpoint`; its documentation lives there. This crate
//! does token work only: the stages are `args` (the attribute's arguments), `template` (the path
//! template), `attr` and `symbol` (the `#[twilio(...)]` keys), `case` (names), `shared` (the rules the runtime and the generator apply too), `model` (the endpoint model), `check`
//! (rules across the model), `expand` and `builder` (the generated code).

mod args;
mod attr;
mod builder;
mod case;
mod check;
mod errors;
mod expand;
mod model;
mod shared;
#[cfg(test)]
mod snapshot;
mod symbol;
mod template;

use proc_macro::TokenStream;

/// Turns a struct with named fields into a Twilio REST endpoint.
///
/// See `twilio_endpoint::twilio_endpoint` for the full documentation.
#[proc_macro_attribute]
pub fn twilio_endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(args.into(), item.into()).into()
}
