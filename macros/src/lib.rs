//! The `#[twilio_endpoint]` attribute of [twilio-endpoint](https://docs.rs/twilio-endpoint).
//!
//! Use it through `twilio_endpoint::twilio_endpoint`; its documentation lives there. This crate
//! does token work only. The front end is in `internals`, which the generator's `--check`
//! compiles too: `args` (the attribute's arguments), `template` (the path template), `attr` and
//! `symbol` (the `#[twilio(...)]` keys), `case` (names), `model` (the endpoint model). Then
//! `check` (rules across the model), `expand` and `builder` (the generated code); `shared` holds
//! the rules the runtime and the generator apply too.

mod builder;
mod check;
mod expand;
mod internals;
mod shared;
#[cfg(test)]
mod snapshot;

use internals::{args, case, errors, model, template};

use proc_macro::TokenStream;

/// Turns a struct with named fields into a Twilio REST endpoint.
///
/// See `twilio_endpoint::twilio_endpoint` for the full documentation.
#[proc_macro_attribute]
pub fn twilio_endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(args.into(), item.into()).into()
}
