//! The runnable examples of twilio-endpoint (`cargo run --example update_payments`,
//! `cargo run --example sms_autoreply`), and the
//! pieces of them that tests drive: the status callback [`receiver`] and the Payments
//! [`flow`], the SMS app [`sms`].

#![deny(missing_docs)]

pub mod flow;
pub mod receiver;
pub mod sms;
