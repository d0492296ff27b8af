//! The `#[twilio_endpoint]` attribute of [twilio-endpoint](https://docs.rs/twilio-endpoint).
//!
//! Use it through `twilio_endpoint::twilio_endpoint`; its documentation lives there. This crate
//! does token work only: the stages are `args` (the attribute's arguments), `template` (the path
//! template), `wire_name` (field name to Twilio name), `model` (the endpoint model), `check`
//! (rules across the model), and `expand` (the generated code).

mod args;
mod check;
mod errors;
mod expand;
mod model;
#[cfg(test)]
mod snapshot;
mod template;
mod wire_name;

use proc_macro::TokenStream;

/// Turns a struct with named fields into a Twilio REST endpoint.
///
/// See `twilio_endpoint::twilio_endpoint` for the full documentation.
#[proc_macro_attribute]
pub fn twilio_endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(args.into(), item.into()).into()
}
