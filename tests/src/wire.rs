//! Values with a fixed set of wire strings (Twilio's string enums and `bool`), and the date-time
//! type the declared endpoints send.

use std::fmt::Debug;
use std::hash::Hash;

use serde::de::DeserializeOwned;
use serde::Serialize;
use twilio_endpoint::payments::{
    BankAccountType, Capture, PaymentMethod, PaymentStatus, TokenType,
};

/// A type whose every value is one of a fixed set of strings on the wire: a Twilio string
/// enum, or `bool` (`true`/`false`).
///
/// The drift test compares [`WireValues::all`] with the description's `enum`; the contract
/// suite sends every value, and reads every value of the description with
/// [`WireValues::from_wire`].
pub trait WireValues: Sized + Copy + Eq + Hash + Debug {
    /// The Rust name of the type, for messages.
    const NAME: &'static str;

    /// Every value, in declaration order.
    fn all() -> Vec<Self>;

    /// The value as it is sent.
    fn wire(self) -> String;

    /// The value that is sent as `text`, if the type has one.
    fn from_wire(text: &str) -> Option<Self>;
}

impl WireValues for bool {
    const NAME: &'static str = "bool";

    fn all() -> Vec<bool> {
        vec![true, false]
    }

    fn wire(self) -> String {
        self.to_string()
    }

    fn from_wire(text: &str) -> Option<bool> {
        text.parse().ok()
    }
}

/// The wire text of a serde-renamed unit variant.
pub(crate) fn serde_wire<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        other => panic!("a string enum serializes as a string, not {other:?}"),
    }
}

/// The variant that deserializes from `text`.
pub(crate) fn serde_from_wire<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

/// Declares a string enum of Twilio's: serde names are the wire values, `ALL` lists them in
/// the description's order, and it implements [`WireValues`].
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($body:tt)* }) => {
        twilio_endpoint::string_enum! {
            $(#[$meta])*
            pub $name { $($body)* }
        }

        $crate::wire::wire_values!($name);
    };
}

/// Implements [`WireValues`] for enums with an `ALL` constant and serde wire names.
macro_rules! wire_values {
    ($($name:ident),* $(,)?) => {$(
        impl $crate::wire::WireValues for $name {
            const NAME: &'static str = stringify!($name);

            fn all() -> Vec<$name> {
                $name::ALL.to_vec()
            }

            fn wire(self) -> String {
                $crate::wire::serde_wire(&self)
            }

            fn from_wire(text: &str) -> Option<$name> {
                $crate::wire::serde_from_wire(text)
            }
        }
    )*};
}

wire_values!(
    Capture,
    PaymentStatus,
    PaymentMethod,
    BankAccountType,
    TokenType
);

pub(crate) use {string_enum, wire_values};

string_enum! {
    /// An HTTP method Twilio uses for a callback (`format: http-method`).
    HttpMethod {
        /// `GET`
        Get = "GET",
        /// `POST`
        Post = "POST",
    }
}

/// A date-time sent as RFC 3339, what the description's `format: date-time` asks: the runtime's.
pub use twilio_endpoint::DateTime;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_of_enums_and_bool() {
        assert_eq!(Capture::from_wire("postal-code"), Some(Capture::PostalCode));
        assert_eq!(Capture::PostalCode.wire(), "postal-code");
        assert_eq!(Capture::from_wire("Postal-Code"), None);
        assert_eq!(HttpMethod::all(), [HttpMethod::Get, HttpMethod::Post]);
        assert_eq!(HttpMethod::from_wire("POST"), Some(HttpMethod::Post));
        assert_eq!(bool::from_wire("false"), Some(false));
        assert_eq!(bool::from_wire("False"), None);
    }
}
