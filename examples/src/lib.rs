//! The runnable examples of twilio-endpoint (`cargo run --example update_payments`), and the
//! pieces of them that tests drive: the status callback [`receiver`] and the Payments
//! [`flow`].

#![deny(missing_docs)]

pub mod flow;
pub mod receiver;
