//! `Decimal`: a number Twilio sends as decimal text (`"-0.0025"`, `"19.720000"`), kept exactly.
//!
//! The rules on decimal text that [`Amount`](crate::Amount) shares live here too: what a plain
//! decimal is, which of its digits count, and how two compare.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number from a response, such as a message's `price` (`"-0.0025"`), a phone
/// number's `latitude` (`"19.720000"`) or a record's `usage`: kept as the text Twilio sent,
/// never turned into a float.
///
/// Twilio's descriptions say `type: number` for these members, but Twilio sends most of them
/// as JSON strings; a float type fails to decode them (`invalid type: string "19.720000",
/// expected f64`) and would round money if it did not. `Decimal` reads both forms:
///
/// - a JSON string or form value: an optional `-`, digits, optionally a `.` and more digits
///   (no exponent, no spaces), kept to the letter;
/// - a JSON number: an integer exactly; a number with a fraction as the shortest text that
///   reads back to the same `f64` (serde_json has parsed it into one already), which is the
///   text Twilio sent whenever it has at most 15 significant digits and no trailing zeros.
///
/// Two decimals are equal when they are the same number (`"12.50" == "12.5"`, `"-0" == "0"`);
/// [`as_str`](Decimal::as_str) keeps the text.
///
/// ```
/// use twilio_endpoint::Decimal;
///
/// #[derive(serde::Deserialize)]
/// struct Message {
///     price: Option<Decimal>,
/// }
///
/// let message: Message = serde_json::from_str(r#"{"price": "-0.0025"}"#)?;
/// let price = message.price.unwrap();
/// assert_eq!(price.as_str(), "-0.0025");
/// assert!(price.is_negative());
/// let from_number: Message = serde_json::from_str(r#"{"price": -0.0025}"#)?;
/// assert_eq!(from_number.price, Some(price));
/// assert_eq!("19.720000".parse::<Decimal>()?, "19.72".parse::<Decimal>()?);
/// assert!("1e3".parse::<Decimal>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Decimal {
    text: Box<str>,
}

/// Text that is not a [`Decimal`]: shows the text, says what the rule is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecimalError(String);

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a decimal number: write digits with an optional `-` and an optional \
             `.` and fraction, such as `-0.0025` (no exponent or spaces)",
            self.0
        )
    }
}

impl std::error::Error for DecimalError {}

impl Decimal {
    /// The text, exactly as given (`19.720000` stays `19.720000`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the number is below zero (`-0` is not).
    pub fn is_negative(&self) -> bool {
        let (negative, digits) = sign(&self.text);
        negative && !is_zero(digits)
    }

    /// The nearest `f64`, for arithmetic where rounding does not matter (a map's coordinates,
    /// say). Money should stay a `Decimal`.
    pub fn to_f64(&self) -> f64 {
        // Valid decimal text always parses as a float.
        self.text.parse().unwrap_or(f64::NAN)
    }

    /// The sign, and the digits before and after the point without the zeros that do not
    /// change the value: equal numbers have equal parts (zero is never negative).
    fn significant(&self) -> (bool, (&str, &str)) {
        let (negative, digits) = sign(&self.text);
        (negative && !is_zero(digits), significant(digits))
    }
}

/// Splits a leading `-` off.
fn sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    }
}

/// Whether unsigned decimal text is zero (`0`, `0.00`).
pub(crate) fn is_zero(digits: &str) -> bool {
    digits.bytes().all(|b| b == b'0' || b == b'.')
}

/// The whole part and fraction of unsigned decimal text (digits, optionally `.` and digits),
/// or `None` when it is not such text.
pub(crate) fn split_unsigned(text: &str) -> Option<(&str, &str)> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    (digits(whole) && fraction.is_none_or(digits)).then_some((whole, fraction.unwrap_or("")))
}

/// The digits of unsigned decimal text that change its value: the whole part without leading
/// zeros, the fraction without trailing ones.
pub(crate) fn significant(digits: &str) -> (&str, &str) {
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    (
        whole.trim_start_matches('0'),
        fraction.trim_end_matches('0'),
    )
}

/// Compares unsigned numbers by their [`significant`] digits.
pub(crate) fn cmp_unsigned(a: (&str, &str), b: (&str, &str)) -> Ordering {
    a.0.len()
        .cmp(&b.0.len())
        .then_with(|| a.0.cmp(b.0))
        .then_with(|| a.1.cmp(b.1))
}

impl FromStr for Decimal {
    type Err = DecimalError;

    fn from_str(text: &str) -> Result<Self, DecimalError> {
        match split_unsigned(sign(text).1) {
            Some(_) => Ok(Decimal { text: text.into() }),
            None => Err(DecimalError(text.to_owned())),
        }
    }
}

impl TryFrom<&str> for Decimal {
    type Error = DecimalError;

    fn try_from(text: &str) -> Result<Self, DecimalError> {
        text.parse()
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.text)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.significant() == other.significant()
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.significant().hash(state);
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let (negative, digits) = self.significant();
        let (other_negative, other_digits) = other.significant();
        match (negative, other_negative) {
            (false, false) => cmp_unsigned(digits, other_digits),
            (true, true) => cmp_unsigned(other_digits, digits),
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Written as its text, a JSON string: no reader turns it into a float.
impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// Read from decimal text or a JSON number (see [`Decimal`]).
impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;

        impl de::Visitor<'_> for DecimalVisitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number, as text such as \"-0.0025\" or as a number")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
                text.parse().map_err(E::custom)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
                Ok(Decimal {
                    text: value.to_string().into(),
                })
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
                Ok(Decimal {
                    text: value.to_string().into(),
                })
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
                if !value.is_finite() {
                    return Err(E::custom(DecimalError(value.to_string())));
                }
                // Rust writes the shortest text that reads back to `value`, never an exponent.
                value.to_string().parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_any(DecimalVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn text_is_kept_and_compared_as_numbers() {
        assert_eq!(decimal("19.720000").as_str(), "19.720000");
        assert_eq!(decimal("19.720000"), decimal("19.72"));
        assert_eq!(decimal("-0"), decimal("0.00"));
        assert!(!decimal("-0.000").is_negative());
        assert!(decimal("-0.0025") < decimal("0"));
        assert!(decimal("-0.5") < decimal("-0.25"));
        assert!(decimal("10") > decimal("9.99"));
        assert!(decimal("007") == decimal("7"));
        for bad in [
            "", "-", "1e3", "1.", ".5", "+1", "1 000", "1,5", "--1", "NaN",
        ] {
            assert_eq!(
                bad.parse::<Decimal>(),
                Err(DecimalError(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn both_json_forms_decode() {
        #[derive(Deserialize)]
        struct Number {
            latitude: Decimal,
            price: Option<Decimal>,
        }
        let as_text: Number =
            serde_json::from_str(r#"{"latitude": "19.720000", "price": "-0.0025"}"#).unwrap();
        let as_numbers: Number =
            serde_json::from_str(r#"{"latitude": 19.72, "price": -0.0025}"#).unwrap();
        assert_eq!(as_text.latitude.as_str(), "19.720000");
        assert_eq!(as_numbers.latitude.as_str(), "19.72");
        assert_eq!(as_text.latitude, as_numbers.latitude);
        assert_eq!(as_text.price, as_numbers.price);
        let whole: Number = serde_json::from_str(r#"{"latitude": -3, "price": null}"#).unwrap();
        assert_eq!((whole.latitude.as_str(), whole.price), ("-3", None));
        let error = serde_json::from_str::<Number>(r#"{"latitude": "north", "price": null}"#)
            .err()
            .unwrap();
        assert!(
            error
                .to_string()
                .contains("`north` is not a decimal number"),
            "{error}"
        );
        assert_eq!(
            serde_json::to_string(&as_text.latitude).unwrap(),
            r#""19.720000""#
        );
    }

    #[test]
    fn tiny_and_huge_numbers_keep_no_exponent() {
        let tiny: Decimal = serde_json::from_str("1e-7").unwrap();
        assert_eq!(tiny.as_str(), "0.0000001");
        let huge: Decimal = serde_json::from_str("1.5e20").unwrap();
        assert_eq!(huge.as_str(), "150000000000000000000");
    }
}
