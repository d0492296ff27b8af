//! The runnable examples of twilio-endpoint (`cargo run --example update_payments`).
//!
//! This library is empty: Cargo needs a target in the package, and the examples live beside it.
