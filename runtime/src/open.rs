//! `Open<T>`: an enum value from a response that may be one Twilio added after this crate was
//! generated.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A value of one of Twilio's string enums as a response carries it: one this crate knows, or
/// the text of one it does not, so that a status Twilio adds tomorrow never breaks decoding.
///
/// ```
/// use twilio_endpoint::Open;
///
/// twilio_endpoint::string_enum! {
///     /// A message's status.
///     pub Status {
///         /// `queued`
///         Queued = "queued",
///         /// `delivered`
///         Delivered = "delivered",
///     }
/// }
///
/// let known: Open<Status> = serde_json::from_str(r#""delivered""#)?;
/// assert_eq!(known, Open::Known(Status::Delivered));
/// assert_eq!(known.known(), Some(&Status::Delivered));
/// let added: Open<Status> = serde_json::from_str(r#""partially_delivered""#)?;
/// assert_eq!(added.as_str(), "partially_delivered");
/// assert_eq!(added.known(), None);
/// assert_eq!(serde_json::to_string(&added)?, r#""partially_delivered""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Open<T> {
    /// A value the enum names.
    Known(T),
    /// A value it does not, as Twilio wrote it.
    Other(String),
}

impl<T> Open<T> {
    /// The known value, if it is one.
    pub fn known(&self) -> Option<&T> {
        match self {
            Open::Known(value) => Some(value),
            Open::Other(_) => None,
        }
    }
}

impl<T: Serialize> Open<T> {
    /// The value as Twilio writes it.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Open::Known(value) => std::borrow::Cow::Owned(wire_text(value)),
            Open::Other(text) => std::borrow::Cow::Borrowed(text),
        }
    }
}

/// The wire text of a string enum's value (its serialization as a JSON string).
fn wire_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl<T: Serialize> fmt::Display for Open<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl<T: Serialize> Serialize for Open<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Open::Known(value) => value.serialize(serializer),
            Open::Other(text) => serializer.serialize_str(text),
        }
    }
}

/// Read from text: the known value when `T` reads it, the text otherwise.
impl<'de, T: for<'a> Deserialize<'a>> Deserialize<'de> for Open<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let known = T::deserialize(StrDeserializer::<de::value::Error>::new(&text));
        Ok(match known {
            Ok(value) => Open::Known(value),
            Err(_) => Open::Other(text),
        })
    }
}
