//! Lenient readers of callback fields, the way Twilio writes them: empty is `None`, numbers and
//! booleans come as text (or as JSON values), dates in either of Twilio's formats. Used with
//! `#[serde(default, deserialize_with = "…")]` by every typed callback.

use std::fmt;

use serde::de::{self, Deserializer, IntoDeserializer};
use serde::Deserialize;
use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::OffsetDateTime;

/// The text of a scalar value, whatever the format gives (form text, a JSON string, number or
/// boolean); `None` for an absent or empty value.
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct LooseText;

    impl<'de> de::Visitor<'de> for LooseText {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("text")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(Some(text.to_owned()).filter(|text| !text.is_empty()))
        }
        fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
            Ok(Some(text).filter(|text| !text.is_empty()))
        }
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
            text(inner)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            // A repeated key (read through a buffering `flatten`): the last value, as a single
            // field takes it.
            let mut last = None;
            while let Some(value) = seq.next_element::<Option<String>>()? {
                last = value.filter(|v| !v.is_empty()).or(last);
            }
            Ok(last)
        }
    }

    deserializer.deserialize_any(LooseText)
}

/// A value of a typed field (an enum, an amount) read from its text; empty is `None`.
pub(crate) fn typed<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    text(deserializer)?
        .map(|text| T::deserialize(text.into_deserializer()))
        .transpose()
}

pub(crate) fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    text(deserializer)?
        .map(|text| {
            text.trim()
                .parse()
                .map_err(|_| de::Error::custom(format_args!("`{text}` is not a whole number")))
        })
        .transpose()
}

pub(crate) fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    text(deserializer)?
        .map(|text| match text.trim() {
            t if t.eq_ignore_ascii_case("true") => Ok(true),
            t if t.eq_ignore_ascii_case("false") => Ok(false),
            _ => Err(de::Error::custom(format_args!(
                "`{text}` is not `true` or `false`"
            ))),
        })
        .transpose()
}

/// A date in RFC 2822 (`Tue, 10 Aug 2021 03:55:53 +0000`, as Twilio's API answers) or ISO 8601
/// / RFC 3339 (`2021-08-10T03:55:53.408Z`, as Payments callbacks send); `None` if neither.
pub(crate) fn date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    Ok(text(deserializer)?.and_then(|text| parse_date(text.trim())))
}

pub(crate) fn parse_date(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(text, &Rfc2822))
        .ok()
}
