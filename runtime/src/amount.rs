//! `Amount`: money as the decimal text Twilio reads, never a float.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::decimal;

/// An amount of money, such as `ChargeAmount`: decimal text kept exactly as given.
///
/// Valid by construction, by Twilio's rule for `ChargeAmount` ("a positive decimal value less
/// than 1,000,000 … Leave blank or set to 0 to tokenize"): digits, optionally a `.` and more
/// digits, no sign, no exponent, below 1,000,000; `0` (tokenize) is allowed. Text that breaks
/// the rule is refused with an [`AmountError`] when the `Amount` is made, so that a request
/// holding an `Amount` cannot carry a bad one.
///
/// There is deliberately no way to make an `Amount` from a float (no `From<f64>`): `0.1 + 0.2`
/// is `0.30000000000000004`, which is not an amount anyone meant. Write the text, or give
/// minor units ([`Amount::from_minor`]).
///
/// ```
/// use twilio_endpoint::Amount;
///
/// let amount: Amount = "9.99".parse()?;
/// assert_eq!(amount.to_string(), "9.99");
/// assert_eq!(Amount::from_minor(999, 2)?, amount);
/// assert_eq!("12.50".parse::<Amount>()?, "12.5".parse::<Amount>()?); // equal as numbers
/// assert_eq!("12.50".parse::<Amount>()?.as_str(), "12.50"); // the text is kept
/// assert!("-1".parse::<Amount>().is_err());
/// assert!("1000000".parse::<Amount>().is_err());
/// assert!("1e3".parse::<Amount>().is_err());
/// # Ok::<(), twilio_endpoint::AmountError>(())
/// ```
#[derive(Clone)]
pub struct Amount {
    text: Box<str>,
}

/// Why text is not an [`Amount`]. Says what the rule is; shows the text it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AmountError {
    /// Not a plain decimal number (digits with an optional `.` and fraction; no sign, exponent,
    /// spaces or separators).
    NotDecimal(String),
    /// 1,000,000 or more: Twilio takes amounts below 1,000,000.
    TooLarge(String),
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotDecimal(text) => write!(
                f,
                "`{text}` is not an amount: write a decimal number such as `9.99` (digits, an \
                 optional `.` and fraction; no sign or exponent)"
            ),
            AmountError::TooLarge(text) => {
                write!(f, "`{text}` is not an amount: it must be below 1,000,000")
            }
        }
    }
}

impl std::error::Error for AmountError {}

/// The largest number of digits before the point, once leading zeros are gone (999999).
const MAX_WHOLE_DIGITS: usize = 6;

impl Amount {
    /// Zero: with `ChargeAmount`, a tokenization instead of a charge.
    pub fn zero() -> Self {
        Amount { text: "0".into() }
    }

    /// The amount of `units` of a currency's minor unit with `scale` decimal places:
    /// `from_minor(999, 2)` is `9.99`, `from_minor(5, 0)` is `5`.
    ///
    /// ```
    /// use twilio_endpoint::Amount;
    ///
    /// assert_eq!(Amount::from_minor(1050, 2)?.as_str(), "10.50");
    /// assert_eq!(Amount::from_minor(7, 3)?.as_str(), "0.007");
    /// assert!(Amount::from_minor(100_000_000, 2).is_err()); // 1,000,000.00
    /// # Ok::<(), twilio_endpoint::AmountError>(())
    /// ```
    pub fn from_minor(units: u64, scale: u8) -> Result<Self, AmountError> {
        let digits = units.to_string();
        let scale = usize::from(scale);
        let text = if scale == 0 {
            digits
        } else {
            let padded = format!("{digits:0>width$}", width = scale + 1);
            let (whole, fraction) = padded.split_at(padded.len() - scale);
            format!("{whole}.{fraction}")
        };
        text.parse()
    }

    /// The text, exactly as given (`12.50` stays `12.50`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the amount is zero (`0`, `0.00`): with `ChargeAmount`, a tokenization.
    pub fn is_zero(&self) -> bool {
        decimal::is_zero(&self.text)
    }

    /// The digits before and after the point without the zeros that do not change the value:
    /// equal amounts have equal parts.
    fn significant(&self) -> (&str, &str) {
        decimal::significant(&self.text)
    }
}

impl FromStr for Amount {
    type Err = AmountError;

    fn from_str(text: &str) -> Result<Self, AmountError> {
        let Some((whole, _)) = decimal::split_unsigned(text) else {
            return Err(AmountError::NotDecimal(text.to_owned()));
        };
        if whole.trim_start_matches('0').len() > MAX_WHOLE_DIGITS {
            return Err(AmountError::TooLarge(text.to_owned()));
        }
        Ok(Amount { text: text.into() })
    }
}

impl TryFrom<&str> for Amount {
    type Error = AmountError;

    fn try_from(text: &str) -> Result<Self, AmountError> {
        text.parse()
    }
}

impl TryFrom<String> for Amount {
    type Error = AmountError;

    fn try_from(text: String) -> Result<Self, AmountError> {
        text.parse()
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({})", self.text)
    }
}

impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        self.significant() == other.significant()
    }
}

impl Eq for Amount {}

impl Hash for Amount {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.significant().hash(state);
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Self) -> Ordering {
        decimal::cmp_unsigned(self.significant(), other.significant())
    }
}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Written as its text: `ChargeAmount=9.99` in a form, `"9.99"` in JSON (a string, so that no
/// reader turns it into a float).
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// Read from text (a form value, a JSON string) or a JSON integer. A JSON number with a
/// fraction is refused: it has been through a float already, and its text is lost.
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;

        impl de::Visitor<'_> for AmountVisitor {
            type Value = Amount;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount as text, such as \"9.99\"")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Amount, E> {
                text.parse().map_err(E::custom)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Amount, E> {
                Amount::from_minor(value, 0).map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Amount, E> {
                u64::try_from(value)
                    .map_err(|_| E::custom(AmountError::NotDecimal(value.to_string())))
                    .and_then(|value| self.visit_u64(value))
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_round_trips_exactly() {
        for text in [
            "0",
            "0.00",
            "9.99",
            "12.50",
            "007.5",
            "999999.999",
            "0.30000000000000004",
        ] {
            let amount: Amount = text.parse().unwrap();
            assert_eq!(amount.to_string(), text);
            assert_eq!(
                serde_json::to_string(&amount).unwrap(),
                format!("\"{text}\"")
            );
            let read: Amount = serde_json::from_str(&format!("\"{text}\"")).unwrap();
            assert_eq!(read.as_str(), text);
        }
    }

    #[test]
    fn refused_text() {
        for text in [
            "",
            ".",
            "1.",
            ".5",
            "-1",
            "+1",
            "1e3",
            "NaN",
            "inf",
            "1,5",
            "12,345.00",
            " 1",
            "1 ",
            "١",
        ] {
            assert_eq!(
                text.parse::<Amount>(),
                Err(AmountError::NotDecimal(text.into())),
                "{text:?}"
            );
        }
        for text in ["1000000", "1000000.00", "99999999"] {
            assert_eq!(
                text.parse::<Amount>(),
                Err(AmountError::TooLarge(text.into()))
            );
        }
        assert!("0999999.99".parse::<Amount>().is_ok());
    }

    #[test]
    fn compares_as_numbers() {
        let a = |t: &str| t.parse::<Amount>().unwrap();
        assert_eq!(a("1.50"), a("01.5"));
        assert_eq!(a("0"), a("0.000"));
        assert!(a("9.99") < a("10"));
        assert!(a("0.5") < a("0.51"));
        assert!(a("100") > a("99.999"));
        assert!(a("0.00").is_zero() && Amount::zero().is_zero() && !a("0.01").is_zero());
    }

    #[test]
    fn json_numbers() {
        assert_eq!(serde_json::from_str::<Amount>("12").unwrap().as_str(), "12");
        assert!(serde_json::from_str::<Amount>("-12").is_err());
        assert!(serde_json::from_str::<Amount>("0.1").is_err());
        assert!(serde_json::from_str::<Amount>("1000000").is_err());
    }

    #[test]
    fn charge_amount_goes_on_the_wire_as_written() {
        use crate::payments::CreatePayments;
        use crate::Endpoint as _;

        for text in ["0.30000000000000004", "12.50", "0"] {
            let request = CreatePayments {
                call_sid: "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into(),
                idempotency_key: "k".into(),
                status_callback: "https://example.com/cb".into(),
                charge_amount: Some(text.parse().unwrap()),
                ..CreatePayments::default()
            };
            let encoded = request
                .encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
                .unwrap();
            let body = encoded.body.unwrap();
            assert!(body.ends_with(&format!("&ChargeAmount={text}")), "{body}");
        }
    }

    #[test]
    fn minor_units() {
        assert_eq!(Amount::from_minor(0, 2).unwrap().as_str(), "0.00");
        assert_eq!(Amount::from_minor(5, 1).unwrap().as_str(), "0.5");
        assert_eq!(
            Amount::from_minor(99_999_999, 2).unwrap().as_str(),
            "999999.99"
        );
        assert!(Amount::from_minor(u64::MAX, 0).is_err());
    }
}
