//! The bundled Payments endpoints of Twilio's 2010 API: start a payment session on a live call
//! ([`CreatePayments`]), then capture each piece of payment information and complete or cancel
//! it ([`UpdatePayments`]).
//!
//! Declared with `#[twilio_endpoint]`, field for field as in Twilio's OpenAPI description
//! (`twilio_api_v2010.json`). `account_sid` may be left empty (the builder's default): the
//! client's account fills it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::twilio_endpoint;
use crate::Amount;

pub use crate::payment_callback::PaymentStatusCallback;

crate::string_enum! {
    /// The piece of payment information the caller is asked to enter (`payments_enum_capture`).
    pub Capture {
        /// `payment-card-number`
        PaymentCardNumber = "payment-card-number",
        /// `expiration-date`
        ExpirationDate = "expiration-date",
        /// `security-code`
        SecurityCode = "security-code",
        /// `postal-code`
        PostalCode = "postal-code",
        /// `bank-routing-number`
        BankRoutingNumber = "bank-routing-number",
        /// `bank-account-number`
        BankAccountNumber = "bank-account-number",
        /// `payment-card-number-matcher`
        PaymentCardNumberMatcher = "payment-card-number-matcher",
        /// `expiration-date-matcher`
        ExpirationDateMatcher = "expiration-date-matcher",
        /// `security-code-matcher`
        SecurityCodeMatcher = "security-code-matcher",
        /// `postal-code-matcher`
        PostalCodeMatcher = "postal-code-matcher",
    }
}

crate::string_enum! {
    /// Completes or cancels a payment session (`payments_enum_status`).
    pub PaymentStatus {
        /// `complete`: send the payment information to the Pay Connector.
        Complete = "complete",
        /// `cancel`: end the session without charging.
        Cancel = "cancel",
    }
}

crate::string_enum! {
    /// The kind of payment captured (`payments_enum_payment_method`).
    pub PaymentMethod {
        /// `credit-card`
        CreditCard = "credit-card",
        /// `ach-debit`
        AchDebit = "ach-debit",
    }
}

crate::string_enum! {
    /// The kind of bank account of an ACH payment (`payments_enum_bank_account_type`).
    pub BankAccountType {
        /// `consumer-checking`
        ConsumerChecking = "consumer-checking",
        /// `consumer-savings`
        ConsumerSavings = "consumer-savings",
        /// `commercial-checking`
        CommercialChecking = "commercial-checking",
    }
}

crate::string_enum! {
    /// How the payment method is tokenized (`payments_enum_token_type`).
    pub TokenType {
        /// `one-time`
        OneTime = "one-time",
        /// `reusable`
        Reusable = "reusable",
        /// `payment-method`
        PaymentMethod = "payment-method",
    }
}

/// A Payments resource, as Twilio answers both operations (`api.v2010.account.call.payments`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payment {
    /// The account that created the Payments resource (`AC…`).
    pub account_sid: Option<String>,
    /// The call the payment information is captured on (`CA…`).
    pub call_sid: Option<String>,
    /// The Payments resource (`PK…`).
    pub sid: Option<String>,
    /// When the resource was created (Twilio sends RFC 2822).
    #[serde(default, with = "time::serde::rfc2822::option")]
    pub date_created: Option<OffsetDateTime>,
    /// When the resource was last updated (Twilio sends RFC 2822).
    #[serde(default, with = "time::serde::rfc2822::option")]
    pub date_updated: Option<OffsetDateTime>,
    /// The resource's URI, relative to `https://api.twilio.com`.
    pub uri: Option<String>,
}

/// Starts a payment session on a live call (Twilio's `CreatePayments`, answers 201).
///
/// ```
/// use twilio_endpoint::payments::{CreatePayments, PaymentMethod};
/// use twilio_endpoint::Amount;
///
/// let request = CreatePayments::builder()
///     .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .idempotency_key("session-1")
///     .status_callback("https://example.com/payments")
///     .payment_method(PaymentMethod::CreditCard)
///     .charge_amount("12.50".parse::<Amount>()?)
///     .build();
/// let encoded = request.encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")?;
/// assert_eq!(
///     encoded.url,
///     "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Payments.json"
/// );
/// assert_eq!(
///     encoded.body.as_deref(),
///     Some("IdempotencyKey=session-1&StatusCallback=https%3A%2F%2Fexample.com%2Fpayments&ChargeAmount=12.50&PaymentMethod=credit-card")
/// );
/// # use twilio_endpoint::Endpoint as _;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[twilio_endpoint(
    POST,
    "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments.json",
    response = Payment
)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CreatePayments {
    /// The account that will create the resource (`AC…`); left empty, the client's account.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The call that will create the resource (`CA…`); its caller enters the payment information.
    #[twilio(sid = "CA")]
    pub call_sid: String,
    /// A unique token so that repeated calls with the same information make one transaction.
    pub idempotency_key: String,
    /// The URL that receives the Pay session's status callbacks: absolute, or relative to the
    /// call's webhook URL (`/pay/status`), as Twilio documents.
    #[twilio(uri_reference)]
    pub status_callback: String,
    /// The bank account type of an ACH payment.
    pub bank_account_type: Option<BankAccountType>,
    /// A positive amount below 1,000,000 to charge; leave it out or 0 to tokenize. An
    /// [`Amount`] is decimal text, checked against this rule when it is made.
    pub charge_amount: Option<Amount>,
    /// The currency of `ChargeAmount` (ISO 4217; `USD` by default).
    pub currency: Option<String>,
    /// A description sent to the Payment Connector with the transaction.
    pub description: Option<String>,
    /// The inputs accepted; only `dtmf` is supported.
    pub input: Option<String>,
    /// How many digits the postal code must have.
    pub min_postal_code_length: Option<u32>,
    /// Custom parameters for the payment processor, sent as JSON text (required for ACH).
    pub parameter: Option<serde_json::Map<String, serde_json::Value>>,
    /// The unique name of the Pay Connector (`Default` by default).
    pub payment_connector: Option<String>,
    /// Credit card or ACH debit.
    pub payment_method: Option<PaymentMethod>,
    /// Whether the caller must enter the postal code (`true` by default).
    pub postal_code: Option<bool>,
    /// Whether the caller must enter the security code (`true` by default).
    pub security_code: Option<bool>,
    /// Seconds to wait between digits (5 by default, 600 at most).
    pub timeout: Option<u32>,
    /// How the payment method is tokenized.
    pub token_type: Option<TokenType>,
    /// Card types accepted, separated by spaces (`visa mastercard amex` by default).
    pub valid_card_types: Option<String>,
    /// Fields the caller must enter twice, comma-separated (`payment-card-number`, …).
    pub require_matching_inputs: Option<String>,
    /// Whether the caller confirms the payment information before it is submitted
    /// (Twilio's string enum `true`/`false`).
    pub confirmation: Option<bool>,
}

/// Captures one piece of payment information, or completes or cancels the session (Twilio's
/// `UpdatePayments`, answers 202).
///
/// ```
/// use twilio_endpoint::payments::{Capture, UpdatePayments};
///
/// let request = UpdatePayments::builder()
///     .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .idempotency_key("k1")
///     .status_callback("https://example.com/cb")
///     .capture(Capture::PaymentCardNumber)
///     .build();
/// let encoded = request.encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")?;
/// assert_eq!(
///     encoded.body.as_deref(),
///     Some("IdempotencyKey=k1&StatusCallback=https%3A%2F%2Fexample.com%2Fcb&Capture=payment-card-number")
/// );
/// # use twilio_endpoint::Endpoint as _;
/// # Ok::<(), twilio_endpoint::Error>(())
/// ```
#[twilio_endpoint(
    POST,
    "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json",
    response = Payment
)]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdatePayments {
    /// The account that will update the resource (`AC…`); left empty, the client's account.
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// The call the session was created on (`CA…`).
    #[twilio(sid = "CA")]
    pub call_sid: String,
    /// The Payments session to update (`PK…`).
    #[twilio(sid = "PK")]
    pub sid: String,
    /// A unique token so that repeated calls with the same information make one transaction.
    pub idempotency_key: String,
    /// The URL that receives the Pay session's status callbacks: absolute, or relative to the
    /// call's webhook URL (`/pay/status`), as Twilio documents.
    #[twilio(uri_reference)]
    pub status_callback: String,
    /// The piece of payment information the caller is asked to enter next.
    pub capture: Option<Capture>,
    /// Completes or cancels the session.
    pub status: Option<PaymentStatus>,
}
