//! Payments status callbacks as Twilio posts them, through the signature check and
//! `from_form::<PaymentStatusCallback>`: every event of a session, with Twilio's quirks (empty
//! values, both date forms, fields the type does not know).
//!
//! The payloads follow the shape of Twilio's documented examples (Payments resource,
//! "StatusCallback"), with made-up SIDs; dates in the ISO 8601-with-milliseconds form Twilio's
//! Payments callbacks send and in the RFC 2822 form its API answers with.

use time::macros::datetime;
use twilio_endpoint::payments::{
    BankAccountType, Capture, PaymentMethod, PaymentStatusCallback, TokenType,
};
use twilio_endpoint::webhook::{from_form, FormError, Validator};
use twilio_endpoint::Amount;

const ACCOUNT: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const CALL: &str = "CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const SID: &str = "PKcccccccccccccccccccccccccccccccc";

fn body(pairs: &[(&str, &str)]) -> Vec<u8> {
    let ids = [("AccountSid", ACCOUNT), ("CallSid", CALL), ("Sid", SID)];
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(ids.iter().chain(pairs))
        .finish()
        .into_bytes()
}

fn read(pairs: &[(&str, &str)]) -> PaymentStatusCallback {
    let body = body(pairs);
    // Through the signature check first, as a handler does.
    let validator = Validator::new("auth-token");
    let url = "https://example.com/payments?order=42";
    validator
        .validate(url, &body, &validator.sign(url, &body))
        .unwrap();
    from_form(&body).unwrap()
}

fn amount(text: &str) -> Option<Amount> {
    Some(text.parse().unwrap())
}

#[test]
fn session_created() {
    let callback = read(&[
        ("DateCreated", "2021-08-10T03:55:53.408Z"),
        ("PaymentConnector", "PGP_MOCK"),
        ("PaymentMethod", "credit-card"),
        ("ChargeAmount", "9.99"),
        ("Currency", "usd"),
        ("TokenType", "reusable"),
        ("BankAccountType", ""),
        ("ApiVersion", "2010-04-01"),
    ]);
    assert_eq!(callback.account_sid.as_deref(), Some(ACCOUNT));
    assert_eq!(callback.call_sid.as_deref(), Some(CALL));
    assert_eq!(callback.sid.as_deref(), Some(SID));
    assert_eq!(
        callback.date_created,
        Some(datetime!(2021-08-10 03:55:53.408 UTC))
    );
    assert_eq!(callback.date_updated, None);
    assert_eq!(callback.payment_connector.as_deref(), Some("PGP_MOCK"));
    assert_eq!(callback.payment_method, Some(PaymentMethod::CreditCard));
    assert_eq!(callback.charge_amount, amount("9.99"));
    assert_eq!(callback.token_type, Some(TokenType::Reusable));
    assert_eq!(callback.bank_account_type, None);
    assert_eq!(callback.required, []);
    assert!(!callback.is_complete() && !callback.succeeded() && !callback.is_partial());
}

#[test]
fn capture_in_progress() {
    let callback = read(&[
        ("DateCreated", "Tue, 10 Aug 2021 03:55:53 +0000"),
        ("DateUpdated", "2021-08-10T03:58:27.290Z"),
        ("Capture", "payment-card-number"),
        ("PartialResult", "true"),
        (
            "Required",
            "payment-card-number,expiration-date,security-code,postal-code",
        ),
        ("PaymentCardNumber", "xxxxxxxxxxxx1111"),
        ("PaymentCardType", "visa"),
        ("ExpirationDate", ""),
        ("SecurityCode", ""),
        ("PaymentCardPostalCode", ""),
        ("ErrorType", ""),
        ("ChargeAmount", "9.99"),
        ("PaymentMethod", "credit-card"),
    ]);
    assert_eq!(
        callback.date_created,
        Some(datetime!(2021-08-10 03:55:53 UTC))
    );
    assert_eq!(
        callback.date_updated,
        Some(datetime!(2021-08-10 03:58:27.290 UTC))
    );
    assert_eq!(callback.capture, Some(Capture::PaymentCardNumber));
    assert!(callback.is_partial());
    assert_eq!(
        callback.required,
        [
            Capture::PaymentCardNumber,
            Capture::ExpirationDate,
            Capture::SecurityCode,
            Capture::PostalCode
        ]
    );
    assert_eq!(callback.next_required(), Some(Capture::PaymentCardNumber));
    assert_eq!(
        callback.payment_card_number.as_deref(),
        Some("xxxxxxxxxxxx1111")
    );
    assert_eq!(callback.payment_card_type.as_deref(), Some("visa"));
    assert_eq!(callback.expiration_date, None);
    assert_eq!(callback.security_code, None);
    assert_eq!(callback.error_type, None);
    assert!(!callback.is_complete());
}

#[test]
fn capture_finished_with_space_separated_required() {
    let callback = read(&[
        ("Capture", "expiration-date"),
        ("PartialResult", "false"),
        ("Required", "security-code postal-code"),
        ("ExpirationDate", "1225"),
    ]);
    assert_eq!(callback.partial_result, Some(false));
    assert_eq!(
        callback.required,
        [Capture::SecurityCode, Capture::PostalCode]
    );
    assert_eq!(callback.next_required(), Some(Capture::SecurityCode));
    assert_eq!(callback.expiration_date.as_deref(), Some("1225"));
}

#[test]
fn required_as_repeated_keys() {
    let callback = read(&[
        ("Required", "bank-routing-number"),
        ("Required", "bank-account-number"),
    ]);
    assert_eq!(
        callback.required,
        [Capture::BankRoutingNumber, Capture::BankAccountNumber]
    );
}

#[test]
fn validation_error() {
    let callback = read(&[
        ("Capture", "payment-card-number"),
        ("PartialResult", "false"),
        ("ErrorType", "invalid-card-number"),
        ("Required", "payment-card-number,expiration-date"),
        ("PaymentCardNumber", ""),
    ]);
    assert_eq!(callback.error_type.as_deref(), Some("invalid-card-number"));
    assert_eq!(callback.next_required(), Some(Capture::PaymentCardNumber));
    assert_eq!(callback.payment_card_number, None);
    assert!(!callback.is_complete());
}

#[test]
fn completed_with_a_charge() {
    let callback = read(&[
        ("DateUpdated", "2021-08-10T04:01:02.003Z"),
        ("Result", "success"),
        ("PaymentConfirmationCode", "ch_1JMxyz"),
        ("PaymentToken", ""),
        ("ProfileId", "cus_K1a"),
        ("PaymentCardNumber", "xxxxxxxxxxxx1111"),
        ("PaymentCardType", "visa"),
        ("ExpirationDate", "1225"),
        ("SecurityCode", "xxx"),
        ("PaymentCardPostalCode", "94105"),
        ("ChargeAmount", "9.99"),
        ("Required", ""),
        ("PaymentError", ""),
        ("PayErrorCode", ""),
        ("ConnectorError", ""),
        ("SomethingTwilioAddedLater", "x"),
    ]);
    assert!(callback.is_complete() && callback.succeeded());
    assert_eq!(
        callback.payment_confirmation_code.as_deref(),
        Some("ch_1JMxyz")
    );
    assert_eq!(callback.payment_token, None);
    assert_eq!(callback.profile_id.as_deref(), Some("cus_K1a"));
    assert_eq!(callback.payment_card_postal_code.as_deref(), Some("94105"));
    assert_eq!(callback.next_required(), None);
    assert_eq!(
        (callback.payment_error, callback.pay_error_code),
        (None, None)
    );
    assert_eq!(callback.connector_error, None);
}

#[test]
fn tokenized_ach_debit() {
    let callback = read(&[
        ("Result", "success"),
        ("PaymentMethod", "ach-debit"),
        ("BankAccountType", "consumer-checking"),
        ("BankAccountNumber", "xxxxxx6789"),
        ("BankRoutingNumber", "121000358"),
        ("ChargeAmount", "0"),
        ("PaymentToken", "tok_abc"),
        ("TokenType", "one-time"),
    ]);
    assert_eq!(callback.payment_method, Some(PaymentMethod::AchDebit));
    assert_eq!(
        callback.bank_account_type,
        Some(BankAccountType::ConsumerChecking)
    );
    assert!(callback.charge_amount.as_ref().is_some_and(Amount::is_zero));
    assert_eq!(callback.payment_token.as_deref(), Some("tok_abc"));
    assert_eq!(callback.token_type, Some(TokenType::OneTime));
}

#[test]
fn failed_at_the_connector() {
    let callback = read(&[
        ("Result", "payment-connector-error"),
        ("PaymentError", "Your card was declined."),
        ("PayErrorCode", "64015"),
        ("ConnectorError", "card_declined"),
        ("PaymentConfirmationCode", ""),
        ("For", "order 42"),
        ("Attempt", "2"),
    ]);
    assert!(callback.is_complete() && !callback.succeeded());
    assert_eq!(callback.result.as_deref(), Some("payment-connector-error"));
    assert_eq!(
        callback.payment_error.as_deref(),
        Some("Your card was declined.")
    );
    assert_eq!(callback.pay_error_code, Some(64015));
    assert_eq!(callback.connector_error.as_deref(), Some("card_declined"));
    assert_eq!(callback.payment_confirmation_code, None);
    assert_eq!(callback.for_.as_deref(), Some("order 42"));
    assert_eq!(callback.attempt, Some(2));
}

#[test]
fn cancelled() {
    let callback = read(&[
        ("DateUpdated", "Tue, 10 Aug 2021 04:05:00 +0000"),
        ("Result", "caller-interrupted-with-star"),
        ("Capture", ""),
        ("PartialResult", ""),
        ("Required", "security-code"),
    ]);
    assert!(callback.is_complete() && !callback.succeeded());
    assert_eq!(callback.capture, None);
    assert_eq!(callback.partial_result, None);
    assert_eq!(
        callback.date_updated,
        Some(datetime!(2021-08-10 04:05:00 UTC))
    );
}

#[test]
fn loose_where_twilio_is_loose() {
    // An unreadable date is `None`, not an error; an empty body is an empty callback.
    let callback = read(&[("DateCreated", "sometime"), ("DateUpdated", " ")]);
    assert_eq!((callback.date_created, callback.date_updated), (None, None));
    let empty: PaymentStatusCallback = from_form(b"").unwrap();
    assert_eq!(empty.sid, None);
    assert_eq!(empty.required, []);
}

#[test]
fn typed_where_twilio_is_precise() {
    let error = |pairs: &[(&str, &str)]| -> FormError {
        from_form::<PaymentStatusCallback>(&body(pairs)).unwrap_err()
    };
    assert!(error(&[("Capture", "pin")]).to_string().contains("pin"));
    assert!(error(&[("Required", "payment-card-number,pin")])
        .to_string()
        .contains("pin"));
    assert!(error(&[("PartialResult", "maybe")])
        .to_string()
        .contains("`maybe` is not `true` or `false`"));
    assert!(error(&[("ChargeAmount", "9,99")])
        .to_string()
        .contains("`9,99` is not an amount"));
    assert!(error(&[("Attempt", "second")])
        .to_string()
        .contains("`second` is not a whole number"));
}

mod properties {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use twilio_endpoint::webhook::from_form;
    use twilio_endpoint::Amount;

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                3 => prop::char::range('a', 'c'),
                1 => prop::sample::select(vec!['+', '&', '=', '%', ' ', 'é', '😀', '\n']),
            ],
            0..6,
        )
        .prop_map(String::from_iter)
    }

    proptest! {
        /// Whatever pairs a form carries, `from_form` gives every key its values in order.
        #[test]
        fn from_form_keeps_every_value(pairs in prop::collection::vec((text(), text()), 0..8)) {
            let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
            let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (key, value) in &pairs {
                expected.entry(key.clone()).or_default().push(value.clone());
            }
            let read: BTreeMap<String, Vec<String>> = from_form(body.as_bytes()).unwrap();
            prop_assert_eq!(read, expected);
            // An optional field is `None` exactly when every value of its key is empty.
            let options: BTreeMap<String, Option<String>> = from_form(body.as_bytes()).unwrap();
            for (key, value) in options {
                let all_empty = pairs.iter().filter(|(k, _)| *k == key).all(|(_, v)| v.is_empty());
                prop_assert_eq!(value.is_none(), all_empty);
            }
        }

        /// Decimal text below 1,000,000 round-trips exactly, through `Display`, JSON and forms.
        #[test]
        fn amounts_round_trip(whole in 0u32..1_000_000, fraction in prop::option::of("[0-9]{1,12}")) {
            let text = match fraction {
                Some(fraction) => format!("{whole}.{fraction}"),
                None => whole.to_string(),
            };
            let amount: Amount = text.parse().unwrap();
            prop_assert_eq!(amount.to_string(), text.clone());
            let json = serde_json::to_string(&amount).unwrap();
            let read: Amount = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(read.as_str(), text.as_str());
            let form: BTreeMap<String, Amount> = from_form(format!("ChargeAmount={text}").as_bytes()).unwrap();
            prop_assert_eq!(form["ChargeAmount"].as_str(), text.as_str());
        }

        /// A float's text is an amount only if it is plain decimal text below 1,000,000, and
        /// then it is kept as written; nothing else gets in.
        #[test]
        fn float_text_is_kept_or_refused(value in any::<f64>()) {
            let text = value.to_string();
            match text.parse::<Amount>() {
                Ok(amount) => {
                    prop_assert_eq!(amount.as_str(), text.as_str());
                    prop_assert!((0.0..1_000_000.0).contains(&value));
                }
                Err(_) => prop_assert!(
                    !value.is_finite() || text.starts_with('-') || value >= 1_000_000.0 || text.contains('e'),
                    "{} refused", text
                ),
            }
        }
    }
}
