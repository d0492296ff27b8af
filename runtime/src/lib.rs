//! Declare a Twilio REST endpoint as a plain Rust struct with one attribute.
//!
//! `#[twilio_endpoint]` turns the struct into a complete endpoint: path interpolation, form or
//! query encoding, required-parameter checks, a typed builder and an async `send`. The bundled
//! Payments endpoints live in [`payments`].
//!
//! ```no_run
//! use twilio_endpoint::payments::{Capture, UpdatePayments};
//! use twilio_endpoint::Client;
//!
//! # async fn run() -> Result<(), twilio_endpoint::Error> {
//! let client = Client::from_env()?;
//! let payment = UpdatePayments::builder()
//!     .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
//!     .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
//!     .idempotency_key("capture-card-1")
//!     .status_callback("https://example.com/payments")
//!     .capture(Capture::PaymentCardNumber)
//!     .build()
//!     .send(&client)
//!     .await?;
//! println!("{:?}", payment.sid);
//! # Ok(())
//! # }
//! ```
//!
//! Declaring a new endpoint:
//!
//! ```
//! use serde::Deserialize;
//! use twilio_endpoint::twilio_endpoint;
//!
//! #[derive(Debug, Deserialize)]
//! pub struct Call {
//!     pub sid: Option<String>,
//!     pub status: Option<String>,
//! }
//!
//! /// Fetch a call.
//! #[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = Call)]
//! pub struct FetchCall {
//!     /// The account (left empty: the client's).
//!     #[twilio(sid = "AC")]
//!     pub account_sid: String,
//!     /// The call.
//!     #[twilio(sid = "CA")]
//!     pub sid: String,
//! }
//!
//! let request = FetchCall::builder().sid("CA0123456789abcdef0123456789abcdef").build();
//! # let _ = request;
//! ```

#![warn(missing_docs)]

// Generated code names `::twilio_endpoint`, also inside this crate (the bundled endpoints).
extern crate self as twilio_endpoint;

mod amount;
pub mod builder;
mod client;
mod dates;
mod decimal;
mod encode;
mod endpoint;
mod error;
mod lenient;
mod list;
mod open;
mod parameter;
mod payment_callback;
pub mod payments;
mod redirect;
// The rules the macro and the generator apply too: one file, `macros/src/shared.rs`.
mod shared;
mod string_enum;
#[cfg(feature = "testing")]
pub mod testing;
pub mod twiml;
mod validate;
pub mod webhook;

pub use amount::{Amount, AmountError};
pub use client::{
    Acquire, Client, ClientBuilder, ConfigError, ConfigProblem, InProcessLimiter, Items, LimitKey,
    Limiter, LimiterSnapshot, Pages, Permit, RetryPolicy, Signal, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, INITIAL_LIMIT,
};
pub use dates::{Date, DateTime};
pub use decimal::{Decimal, DecimalError};
pub use encode::PathValue;
pub use endpoint::{EncodedRequest, Endpoint};
pub use error::{DecodeError, EndpointName, Error, ErrorKind, TwilioError};
/// The `Stream` trait of [`Client::stream`] and [`Client::pages`] (`futures_core`'s, which
/// `futures` re-exports).
pub use futures_core::Stream;
pub use list::{ListEndpoint, NextPage, Page};
pub use open::Open;
pub use parameter::{AuthScheme, BodyFormat, Location, Parameter, UriRule};
pub use redirect::Redirect;
/// The `time` crate, whose `OffsetDateTime` and `Date` [`DateTime`] and [`Date`] wrap.
pub use reqwest;
pub use time;
#[doc = include_str!("attribute.md")]
#[doc(inline)]
pub use twilio_endpoint_macros::twilio_endpoint;
pub use validate::{Problem, ProblemKind};

/// What a request gives: its decoded answer, or an [`Error`] (the return type of the `send`
/// methods the attribute generates).
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// What generated code names; not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::builder::{set_value, IsSet, IsUnset, Set, Slot};
    pub use crate::encode::{FieldValue, PathValue, RequestWriter, Value};
    pub use crate::parameter::{AuthScheme, BodyFormat, Parameter};
    pub use crate::string_enum::{AnyWire, StringEnum, Wire};
    pub use crate::{Client, Endpoint, Error, Items, ListEndpoint, Page, Pages, Result};
    pub use core::convert::Into;
    pub use core::default::Default;
    pub use core::marker::PhantomData;
    pub use core::option::Option::{self, None, Some};
    pub use http::Method;
    pub use serde;
    pub use serde_json::Value as Json;
    pub use std::borrow::Cow;
}
