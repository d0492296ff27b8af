//! The attribute's front end: its grammar, keys, defaults, name cases, placeholder matching and
//! locations, read from tokens into the endpoint model.
//!
//! The generator's `--check` (`codegen/src/check.rs`) compiles these same files with `#[path]`
//! and reads hand-written declarations with them, the way serde compiles `serde_derive`'s
//! internals into `serde_derive_internals`: one definition of each rule, so that the generator
//! cannot read an attribute otherwise than the macro does. They name one another as
//! `crate::internals::…` and the shared rules as `crate::shared`, which both crates declare at
//! their root.

pub mod args;
pub mod attr;
pub mod case;
pub mod errors;
pub mod model;
pub mod symbol;
pub mod template;
