//! `PaymentStatusCallback`: what Twilio posts to a Payments session's `StatusCallback`.

use std::fmt;

use serde::de::{self, Deserializer, IntoDeserializer};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::lenient::{date, flag, number, text, typed};

use crate::payments::{BankAccountType, Capture, PaymentMethod, TokenType};
use crate::Amount;

/// One status callback of a payment session: the form Twilio posts to the `StatusCallback` of
/// [`CreatePayments`](crate::payments::CreatePayments) and
/// [`UpdatePayments`](crate::payments::UpdatePayments), and of TwiML's `<Pay>` verb.
///
/// Read it with [`from_form`](crate::webhook::from_form) after checking the signature with
/// [`Validator`](crate::webhook::Validator). Every field is optional, since each event carries
/// a different set:
///
/// | Event | Fields |
/// |---|---|
/// | session created | `AccountSid`, `CallSid`, `Sid`, `DateCreated`, `PaymentConnector`, `PaymentMethod`, `ChargeAmount`, `Currency`, `TokenType`, `BankAccountType` |
/// | each capture update | the above with `DateUpdated`, `Capture`, `PartialResult`, `Required`, what has been entered so far (masked): `PaymentCardNumber`, `PaymentCardType`, `ExpirationDate`, `SecurityCode`, `PaymentCardPostalCode`, `BankAccountNumber`, `BankRoutingNumber`; and `ErrorType` when the caller's input was refused |
/// | complete or cancel | `Result`, and on success `PaymentConfirmationCode`, `PaymentToken`, `ProfileId`; on failure `PaymentError`, `PayErrorCode`, `ConnectorError` |
/// | `<Pay>` verb | also `For` and `Attempt` |
///
/// Parsing is lenient where Twilio is loose and typed where it is precise. Empty values
/// (`Key=`) are `None`; dates come as RFC 2822 or ISO 8601 (with milliseconds), and one that is
/// neither is `None`; fields Twilio adds later are ignored. `Capture`, `Required`,
/// `PartialResult`, the enums, `ChargeAmount`, `PayErrorCode` and `Attempt` are typed, and a
/// value that is not what Twilio's contract says is an error.
///
/// ```
/// use twilio_endpoint::payments::{Capture, PaymentStatusCallback};
/// use twilio_endpoint::webhook::from_form;
///
/// let callback: PaymentStatusCallback = from_form(
///     b"AccountSid=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Sid=PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
///       &Capture=payment-card-number&PartialResult=false&ErrorType=\
///       &Required=expiration-date%2Csecurity-code&PaymentCardNumber=xxxxxxxxxxxx1111\
///       &ChargeAmount=9.99&DateUpdated=2021-08-10T03%3A58%3A27.290Z",
/// )?;
/// assert_eq!(callback.next_required(), Some(Capture::ExpirationDate));
/// assert_eq!(callback.charge_amount.as_ref().map(|a| a.as_str()), Some("9.99"));
/// assert_eq!(callback.error_type, None);
/// assert!(!callback.is_complete());
/// # Ok::<(), twilio_endpoint::webhook::FormError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct PaymentStatusCallback {
    /// The account (`AC…`).
    #[serde(default, deserialize_with = "text")]
    pub account_sid: Option<String>,
    /// The call the payment is captured on (`CA…`).
    #[serde(default, deserialize_with = "text")]
    pub call_sid: Option<String>,
    /// The Payments session (`PK…`).
    #[serde(default, deserialize_with = "text")]
    pub sid: Option<String>,
    /// When the session was created.
    #[serde(default, deserialize_with = "date")]
    pub date_created: Option<OffsetDateTime>,
    /// When the session was last updated.
    #[serde(default, deserialize_with = "date")]
    pub date_updated: Option<OffsetDateTime>,
    /// The piece of payment information being captured.
    #[serde(default, deserialize_with = "typed")]
    pub capture: Option<Capture>,
    /// Whether this update reports input still being entered (`true`) or a finished piece.
    #[serde(default, deserialize_with = "flag")]
    pub partial_result: Option<bool>,
    /// The pieces of payment information still to be captured, in Twilio's order (sent
    /// comma- or space-separated, or as repeated keys; all are read).
    #[serde(default, deserialize_with = "captures")]
    pub required: Vec<Capture>,
    /// Why the caller's last input was refused (`invalid-card-number`, `invalid-date`, …).
    #[serde(default, deserialize_with = "text")]
    pub error_type: Option<String>,
    /// The card number entered so far, masked (`xxxxxxxxxxxx1111`).
    #[serde(default, deserialize_with = "text")]
    pub payment_card_number: Option<String>,
    /// The card's brand (`visa`, `mastercard`, `amex`, …).
    #[serde(default, deserialize_with = "text")]
    pub payment_card_type: Option<String>,
    /// The expiration date entered (`MMYY`).
    #[serde(default, deserialize_with = "text")]
    pub expiration_date: Option<String>,
    /// The security code entered, masked.
    #[serde(default, deserialize_with = "text")]
    pub security_code: Option<String>,
    /// The postal code entered.
    #[serde(default, deserialize_with = "text")]
    pub payment_card_postal_code: Option<String>,
    /// The bank account number entered, masked (ACH).
    #[serde(default, deserialize_with = "text")]
    pub bank_account_number: Option<String>,
    /// The bank routing number entered (ACH).
    #[serde(default, deserialize_with = "text")]
    pub bank_routing_number: Option<String>,
    /// The bank account type of an ACH payment.
    #[serde(default, deserialize_with = "typed")]
    pub bank_account_type: Option<BankAccountType>,
    /// The amount to charge, as sent; `0` or absent for a tokenization.
    #[serde(default, deserialize_with = "typed")]
    pub charge_amount: Option<Amount>,
    /// The currency of the amount (`USD`).
    #[serde(default, deserialize_with = "text")]
    pub currency: Option<String>,
    /// The Pay Connector's unique name.
    #[serde(default, deserialize_with = "text")]
    pub payment_connector: Option<String>,
    /// Credit card or ACH debit.
    #[serde(default, deserialize_with = "typed")]
    pub payment_method: Option<PaymentMethod>,
    /// How the payment method is tokenized.
    #[serde(default, deserialize_with = "typed")]
    pub token_type: Option<TokenType>,
    /// The outcome, on the final callback only: `success`, `payment-connector-error`,
    /// `too-many-failed-attempts`, `caller-interrupted-with-star`, `caller-hung-up`,
    /// `validation-error`, `input-timeout`, `internal-error`, …
    #[serde(default, deserialize_with = "text")]
    pub result: Option<String>,
    /// The payment processor's confirmation code of a successful charge.
    #[serde(default, deserialize_with = "text")]
    pub payment_confirmation_code: Option<String>,
    /// The token of a successful tokenization (or of the charged payment method).
    #[serde(default, deserialize_with = "text")]
    pub payment_token: Option<String>,
    /// The processor's profile of the customer, when it keeps one.
    #[serde(default, deserialize_with = "text")]
    pub profile_id: Option<String>,
    /// The processor's error message of a failed payment.
    #[serde(default, deserialize_with = "text")]
    pub payment_error: Option<String>,
    /// Twilio's error code of a failed payment.
    #[serde(default, deserialize_with = "number")]
    pub pay_error_code: Option<u32>,
    /// The error the Pay Connector reported.
    #[serde(default, deserialize_with = "text")]
    pub connector_error: Option<String>,
    /// `<Pay>` only: what the payment is for (the verb's `for` attribute).
    #[serde(rename = "For", default, deserialize_with = "text")]
    pub for_: Option<String>,
    /// `<Pay>` only: which attempt at entering the information this is (from 1).
    #[serde(default, deserialize_with = "number")]
    pub attempt: Option<u32>,
}

impl PaymentStatusCallback {
    /// Whether this is the final callback of the session (it carries a `Result`).
    pub fn is_complete(&self) -> bool {
        self.result.is_some()
    }

    /// Whether the session ended with a successful charge or tokenization (`Result=success`).
    pub fn succeeded(&self) -> bool {
        self.result.as_deref() == Some("success")
    }

    /// Whether this update reports input still being entered (`PartialResult=true`).
    pub fn is_partial(&self) -> bool {
        self.partial_result == Some(true)
    }

    /// The next piece of payment information to capture, if any is still required.
    pub fn next_required(&self) -> Option<Capture> {
        self.required.first().copied()
    }
}

/// `Required`: capture values separated by commas or spaces, in one value or repeated keys.
fn captures<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Capture>, D::Error> {
    struct Captures;

    impl<'de> de::Visitor<'de> for Captures {
        type Value = Vec<Capture>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("capture values separated by commas or spaces")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            let mut captures = Vec::new();
            split_captures(text, &mut captures)?;
            Ok(captures)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut captures = Vec::new();
            while let Some(text) = seq.next_element::<Option<String>>()? {
                split_captures(text.as_deref().unwrap_or(""), &mut captures)?;
            }
            Ok(captures)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
            inner.deserialize_any(self)
        }
    }

    deserializer.deserialize_any(Captures)
}

fn split_captures<E: de::Error>(text: &str, into: &mut Vec<Capture>) -> Result<(), E> {
    for item in text.split([',', ' ']).filter(|item| !item.is_empty()) {
        into.push(Capture::deserialize(item.into_deserializer())?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lenient::parse_date;

    #[test]
    fn both_date_forms() {
        let iso = parse_date("2021-08-10T03:55:53.408Z").unwrap();
        assert_eq!(iso.unix_timestamp(), 1_628_567_753);
        assert_eq!(iso.millisecond(), 408);
        let rfc2822 = parse_date("Tue, 10 Aug 2021 03:55:53 +0000").unwrap();
        assert_eq!(rfc2822.unix_timestamp(), 1_628_567_753);
        assert_eq!(
            parse_date("2021-08-10T03:55:53+02:00")
                .unwrap()
                .unix_timestamp(),
            1_628_560_553
        );
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn required_separators() {
        let read = |json: &str| -> Vec<Capture> {
            #[derive(Deserialize)]
            struct R {
                #[serde(deserialize_with = "captures")]
                r: Vec<Capture>,
            }
            serde_json::from_str::<R>(json).unwrap().r
        };
        let both = [Capture::ExpirationDate, Capture::SecurityCode];
        assert_eq!(read(r#"{"r": "expiration-date,security-code"}"#), both);
        assert_eq!(read(r#"{"r": "expiration-date security-code"}"#), both);
        assert_eq!(read(r#"{"r": "expiration-date, security-code"}"#), both);
        assert_eq!(read(r#"{"r": ["expiration-date", "security-code"]}"#), both);
        assert_eq!(read(r#"{"r": ""}"#), []);
        assert_eq!(read(r#"{"r": null}"#), []);
    }

    #[test]
    fn json_payloads_read_too() {
        let callback: PaymentStatusCallback = serde_json::from_str(
            r#"{"PartialResult": true, "ChargeAmount": "9.99", "Attempt": 2, "ErrorType": "",
                "Capture": "security-code", "Unknown": {"a": 1}}"#,
        )
        .unwrap();
        assert_eq!(callback.partial_result, Some(true));
        assert_eq!(callback.attempt, Some(2));
        assert_eq!(callback.error_type, None);
        assert_eq!(callback.capture, Some(Capture::SecurityCode));
    }
}
