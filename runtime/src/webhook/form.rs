//! `from_form`: a webhook's form body into any `Deserialize` type, the way Twilio writes it.
//!
//! Not `serde_urlencoded::from_bytes`: it reads `Key=` as `Some("")` (and fails an
//! `Option<u32>` on it), refuses sequences so a repeated key cannot fill a `Vec`, and reports a
//! repeated key of a struct as a duplicate field. Twilio sends all three.

use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// Reads a webhook's `application/x-www-form-urlencoded` body into `T`: Twilio's callbacks
/// ([`PaymentStatusCallback`](crate::payments::PaymentStatusCallback)) or any callback type a
/// library author declares with `#[derive(Deserialize)]`.
///
/// The body is decoded as Twilio's helper libraries decode it (`+` is a space, `%XX` a byte),
/// then read with Twilio's habits in mind:
///
/// - an empty value is `None` for an `Option` field (Twilio sends `Key=` for an absent value);
/// - a repeated key fills a `Vec` field with every value in order; a single field takes the
///   last value;
/// - `true` and `false` (any case) are booleans, numbers are parsed from their text;
/// - keys the type does not name are ignored (unless it says `deny_unknown_fields`).
///
/// ```
/// use serde::Deserialize;
/// use twilio_endpoint::webhook::from_form;
///
/// #[derive(Deserialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct MessageStatus {
///     message_sid: String,
///     message_status: String,
///     error_code: Option<u32>,
///     #[serde(default)]
///     media_url: Vec<String>,
///     opt_out: Option<bool>,
/// }
///
/// let status: MessageStatus = from_form(
///     b"MessageSid=SM1&MessageStatus=delivered&ErrorCode=&MediaUrl=https%3A%2F%2Fa\
///       &MediaUrl=https%3A%2F%2Fb&OptOut=true&ApiVersion=2010-04-01",
/// )?;
/// assert_eq!(status.message_status, "delivered");
/// assert_eq!(status.error_code, None);
/// assert_eq!(status.media_url, ["https://a", "https://b"]);
/// assert_eq!(status.opt_out, Some(true));
/// # Ok::<(), twilio_endpoint::webhook::FormError>(())
/// ```
pub fn from_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, FormError> {
    let mut entries: Vec<(String, Vec<String>)> = Vec::new();
    for (key, value) in form_urlencoded::parse(body) {
        match entries.iter_mut().find(|(seen, _)| *seen == key) {
            Some((_, values)) => values.push(value.into_owned()),
            None => entries.push((key.into_owned(), vec![value.into_owned()])),
        }
    }
    // The error names the field (`NumMedia`), not only the value.
    serde_path_to_error::deserialize(FormDeserializer { entries }).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." {
            inner
        } else {
            FormError(format!("`{path}`: {}", inner.0))
        }
    })
}

/// Why a form body could not be read into the requested type: the field and what was wrong,
/// in serde's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError(String);

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the form body: {}", self.0)
    }
}

impl std::error::Error for FormError {}

impl de::Error for FormError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        FormError(msg.to_string())
    }
}

/// The whole body: a map from each key to its values.
struct FormDeserializer {
    entries: Vec<(String, Vec<String>)>,
}

impl<'de> de::Deserializer<'de> for FormDeserializer {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_map(Entries {
            entries: self.entries.into_iter(),
            values: None,
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

struct Entries {
    entries: std::vec::IntoIter<(String, Vec<String>)>,
    values: Option<Vec<String>>,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = FormError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, FormError> {
        let Some((key, values)) = self.entries.next() else {
            return Ok(None);
        };
        self.values = Some(values);
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, FormError> {
        let values = self.values.take().unwrap_or_default();
        seed.deserialize(Values(values))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The values of one key, in the order they came (never empty for a key that was sent).
struct Values(Vec<String>);

impl Values {
    /// The value a single field takes: the last one.
    fn last(mut self) -> String {
        self.0.pop().unwrap_or_default()
    }

    fn parse<T: std::str::FromStr>(self, what: &str) -> Result<T, FormError> {
        let text = self.last();
        text.trim()
            .parse()
            .map_err(|_| FormError(format!("`{text}` is not {what}")))
    }
}

macro_rules! parse_number {
    ($($method:ident $visit:ident $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
            visitor.$visit(self.parse::<$ty>(concat!("a number (", stringify!($ty), ")"))?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Values {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        if self.0.len() > 1 {
            self.deserialize_seq(visitor)
        } else {
            visitor.visit_string(self.last())
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        if self.0.iter().all(String::is_empty) {
            visitor.visit_none()
        } else {
            // `Key=` next to real values of a list is an absent element, not a value.
            let values = self.0.into_iter().filter(|v| !v.is_empty()).collect();
            visitor.visit_some(Values(values))
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        let text = self.last();
        if text.trim().eq_ignore_ascii_case("true") {
            visitor.visit_bool(true)
        } else if text.trim().eq_ignore_ascii_case("false") {
            visitor.visit_bool(false)
        } else {
            Err(FormError(format!("`{text}` is not `true` or `false`")))
        }
    }

    parse_number! {
        deserialize_i8 visit_i8 i8,
        deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64,
        deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8,
        deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64,
        deserialize_u128 visit_u128 u128,
        deserialize_f32 visit_f32 f32,
        deserialize_f64 visit_f64 f64,
        deserialize_char visit_char char,
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_string(self.last())
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_string(self.last())
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_byte_buf(self.last().into_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        let items = self.0.into_iter().map(|value| Values(vec![value]));
        visitor.visit_seq(de::value::SeqDeserializer::new(items))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FormError> {
        visitor.visit_enum(self.last().into_deserializer())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        tuple tuple_struct map struct identifier
    }
}

impl<'de> IntoDeserializer<'de, FormError> for Values {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Sample {
        name: String,
        count: Option<u32>,
        flag: Option<bool>,
        #[serde(default)]
        items: Vec<String>,
        kind: Option<Kind>,
        note: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        PaymentCardNumber,
    }

    #[test]
    fn twilio_quirks() {
        let sample: Sample = from_form(
            b"Name=a+b%2Bc&Count=&Flag=TRUE&Items=x&Unknown=1&Items=y&Kind=payment-card-number&Note=",
        )
        .unwrap();
        assert_eq!(
            sample,
            Sample {
                name: "a b+c".into(),
                count: None,
                flag: Some(true),
                items: vec!["x".into(), "y".into()],
                kind: Some(Kind::PaymentCardNumber),
                note: None,
            }
        );
    }

    #[test]
    fn repeated_scalar_takes_the_last_value() {
        let sample: Sample = from_form(b"Name=first&Name=second&Count=1&Count=2").unwrap();
        assert_eq!(sample.name, "second");
        assert_eq!(sample.count, Some(2));
    }

    #[test]
    fn errors_name_the_bad_value() {
        let error = from_form::<Sample>(b"Name=a&Count=many").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`Count`: `many` is not a number"),
            "{error}"
        );
        let error = from_form::<Sample>(b"Name=a&Flag=yes").unwrap_err();
        assert!(
            error.to_string().contains("`yes` is not `true` or `false`"),
            "{error}"
        );
        let error = from_form::<Sample>(b"Count=1").unwrap_err();
        assert!(
            error.to_string().contains("missing field `Name`"),
            "{error}"
        );
    }

    #[test]
    fn maps_keep_every_key() {
        let map: BTreeMap<String, String> = from_form(b"A=1&B=&A=2").unwrap();
        assert_eq!(map["A"], "2");
        assert_eq!(map["B"], "");
        let lists: BTreeMap<String, Vec<String>> = from_form(b"A=1&B=&A=2").unwrap();
        assert_eq!(lists["A"], ["1", "2"]);
    }
}
