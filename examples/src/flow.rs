//! The Payments flow, driven by what the status callbacks say: start a session, capture what
//! Twilio says is `Required` next, ask again for what it refused, complete when nothing is
//! required, and report the final `Result`.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use time::format_description::BorrowedFormatItem;
use time::{macros::format_description, OffsetDateTime, UtcOffset};
use twilio_endpoint::payments::{
    Capture, CreatePayments, Payment, PaymentMethod, PaymentStatus, PaymentStatusCallback,
    UpdatePayments,
};
use twilio_endpoint::{Amount, Client, Endpoint};

use crate::receiver::CallbackReceiver;

/// How many times the caller is asked for one item before the session is cancelled.
pub const MAX_ATTEMPTS: u32 = 3;

/// Where and how the flow runs.
pub struct Flow<'a> {
    /// The client for Twilio (or a stand-in).
    pub client: &'a Client,
    /// The call in progress the payment is captured on.
    pub call_sid: &'a str,
    /// The `StatusCallback` sent with every request (absolute, or relative to the call's
    /// webhook URL).
    pub status_callback: &'a str,
    /// The amount to charge.
    pub charge_amount: Amount,
    /// Unique to this run: the prefix of every `IdempotencyKey`.
    pub run: String,
    /// How long to wait for each callback.
    pub callback_wait: Duration,
}

/// How the session ended, from its final callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `Result=success`.
    Paid {
        /// The Payments session (`PK…`).
        payment_sid: String,
        /// The processor's confirmation code of the charge.
        confirmation_code: Option<String>,
    },
    /// Any other `Result`.
    Failed {
        /// The Payments session (`PK…`).
        payment_sid: String,
        /// Twilio's `Result` (`payment-connector-error`, `caller-hung-up`, …).
        result: String,
        /// Twilio's or the processor's explanation, when there is one.
        explanation: String,
    },
}

/// Why the flow stopped before a final callback.
#[derive(Debug)]
pub enum FlowError {
    /// A request failed.
    Twilio(twilio_endpoint::Error),
    /// Twilio answered without a payment SID.
    NoPaymentSid,
    /// No valid callback arrived in time.
    NoCallback {
        /// How long the flow waited.
        waited: Duration,
    },
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlowError::Twilio(error) => write!(f, "{error}"),
            FlowError::NoPaymentSid => f.write_str("Twilio answered without a payment SID"),
            FlowError::NoCallback { waited } => write!(
                f,
                "no valid status callback arrived within {} s (is the callback URL reachable \
                 by Twilio, and is TWILIO_AUTH_TOKEN the account's auth token?)",
                waited.as_secs()
            ),
        }
    }
}

impl std::error::Error for FlowError {}

impl From<twilio_endpoint::Error> for FlowError {
    fn from(error: twilio_endpoint::Error) -> Self {
        FlowError::Twilio(error)
    }
}

/// What to ask Twilio next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Capture(Capture),
    Complete,
    Cancel,
}

impl Flow<'_> {
    /// Runs the session to its final callback, telling the story through `say`.
    pub async fn run(
        &self,
        receiver: &mut CallbackReceiver,
        say: &mut dyn FnMut(String),
    ) -> Result<Outcome, FlowError> {
        say(format!(
            "\n1. We ask Twilio to start a payment session of {} USD on call {}.",
            self.charge_amount, self.call_sid
        ));
        let create = CreatePayments::builder()
            .call_sid(self.call_sid)
            .idempotency_key(format!("{}-create", self.run))
            .status_callback(self.status_callback)
            .charge_amount(self.charge_amount.clone())
            .currency("USD")
            .description("Order 42")
            .build();
        let created = self.send(&create, say).await?;
        let payment_sid = created.sid.ok_or(FlowError::NoPaymentSid)?;
        let mut attempts: HashMap<Capture, u32> = HashMap::new();
        let mut step_number = 1;
        loop {
            let callback =
                receiver
                    .next(self.callback_wait)
                    .await
                    .ok_or(FlowError::NoCallback {
                        waited: self.callback_wait,
                    })?;
            if callback.sid.as_deref() != Some(&payment_sid) {
                say(format!(
                    "   (a callback for another session, {}, is ignored)",
                    callback.sid.as_deref().unwrap_or("without a SID")
                ));
                continue;
            }
            say(format!("   Twilio reports: {}", describe(&callback)));
            if callback.is_complete() {
                return Ok(outcome(payment_sid, &callback));
            }
            if callback.is_partial() {
                continue;
            }
            let mut step = next_step(&callback);
            if let Step::Capture(capture) = step {
                let tries = attempts.entry(capture).or_default();
                *tries += 1;
                if *tries > MAX_ATTEMPTS {
                    say(format!(
                        "   The caller was asked for {} {MAX_ATTEMPTS} times: we give up.",
                        item(capture)
                    ));
                    step = Step::Cancel;
                }
            }
            step_number += 1;
            let update = UpdatePayments::builder()
                .call_sid(self.call_sid)
                .sid(&payment_sid)
                .idempotency_key(format!("{}-{step_number}", self.run))
                .status_callback(self.status_callback);
            let request = match step {
                Step::Capture(capture) => {
                    let again = if attempts[&capture] > 1 { " again" } else { "" };
                    say(format!(
                        "\n{step_number}. We ask Twilio to prompt the caller{again} for {}.",
                        item(capture)
                    ));
                    update.capture(capture).build()
                }
                Step::Complete => {
                    say(format!(
                        "\n{step_number}. Nothing more is required: we ask Twilio to complete the \
                         payment (the card goes to the payment processor)."
                    ));
                    update.status(PaymentStatus::Complete).build()
                }
                Step::Cancel => {
                    say(format!(
                        "\n{step_number}. We ask Twilio to cancel the session."
                    ));
                    update.status(PaymentStatus::Cancel).build()
                }
            };
            self.send(&request, say).await?;
            if step_number == 2 {
                say(
                    "   (An answer only acknowledges the request: what the caller enters, and \
                     whether Twilio accepts it, arrives by status callback.)"
                        .to_owned(),
                );
            }
        }
    }

    /// Sends a request, telling what goes on the wire and what the answer says.
    async fn send<E>(&self, request: &E, say: &mut dyn FnMut(String)) -> Result<Payment, FlowError>
    where
        E: Endpoint<Response = Payment>,
    {
        let wire = self.client.to_http_request(request)?;
        say(format!("   -> {} {}", wire.method(), wire.uri()));
        say(format!("      {}", String::from_utf8_lossy(wire.body())));
        let payment = self.client.send(request).await?;
        let updated = payment.date_updated.or(payment.date_created);
        say(format!(
            "   <- accepted: session {}, {}.",
            payment.sid.as_deref().unwrap_or("-"),
            updated.map_or_else(
                || "no date".to_owned(),
                |date| format!("updated {}", readable(date))
            )
        ));
        Ok(payment)
    }
}

/// What to ask for after a finished (not partial, not final) callback.
fn next_step(callback: &PaymentStatusCallback) -> Step {
    // The session was just created: nothing has been asked yet, and Twilio has not said what is
    // required. A card payment starts with the card number, an ACH debit with the routing
    // number.
    let Some(captured) = callback.capture else {
        return Step::Capture(match callback.payment_method {
            Some(PaymentMethod::AchDebit) => Capture::BankRoutingNumber,
            _ => Capture::PaymentCardNumber,
        });
    };
    if callback.error_type.is_some() {
        return Step::Capture(captured);
    }
    callback
        .next_required()
        .map_or(Step::Complete, Step::Capture)
}

fn outcome(payment_sid: String, callback: &PaymentStatusCallback) -> Outcome {
    if callback.succeeded() {
        return Outcome::Paid {
            payment_sid,
            confirmation_code: callback.payment_confirmation_code.clone(),
        };
    }
    let result = callback.result.clone().unwrap_or_default();
    let mut explanation = result_meaning(&result).to_owned();
    if let Some(error) = &callback.payment_error {
        explanation.push_str(&format!("; the processor said \"{error}\""));
    }
    if let Some(code) = callback.pay_error_code {
        explanation.push_str(&format!(" (Twilio error {code}"));
        if let Some(connector) = &callback.connector_error {
            explanation.push_str(&format!(", connector error {connector}"));
        }
        explanation.push(')');
    }
    Outcome::Failed {
        payment_sid,
        result,
        explanation,
    }
}

/// One callback in words.
pub fn describe(callback: &PaymentStatusCallback) -> String {
    if let Some(result) = &callback.result {
        let when = callback
            .date_updated
            .map(|date| format!(" at {}", readable(date)))
            .unwrap_or_default();
        return if callback.succeeded() {
            format!(
                "the payment went through{when} (Result=success). Confirmation code: {}.",
                callback
                    .payment_confirmation_code
                    .as_deref()
                    .or(callback.payment_token.as_deref())
                    .unwrap_or("none given")
            )
        } else {
            format!("the session ended{when} without payment (Result={result}).")
        };
    }
    let Some(capture) = callback.capture else {
        let created = callback
            .date_created
            .map_or_else(|| "-".to_owned(), readable);
        return format!(
            "session {} is open (created {created}): {} of {} {} through the connector {}.",
            callback.sid.as_deref().unwrap_or("-"),
            callback
                .payment_method
                .map_or("credit-card", |m| m.as_str()),
            callback
                .charge_amount
                .as_ref()
                .map_or("(no amount: tokenize only)", |a| a.as_str()),
            callback.currency.as_deref().unwrap_or("").to_uppercase(),
            callback.payment_connector.as_deref().unwrap_or("-"),
        );
    };
    let still = match callback.required.as_slice() {
        [] => "Nothing more is required.".to_owned(),
        required => format!(
            "Still required: {}.",
            required
                .iter()
                .map(|&c| item(c))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let entered = entered(callback, capture);
    if callback.is_partial() {
        return format!(
            "the caller is keying in {}… ({entered} so far)",
            item(capture)
        );
    }
    match &callback.error_type {
        Some(error) => format!(
            "{} the caller entered ({entered}) was refused: {error}, {}. {still}",
            item(capture),
            error_meaning(error)
        ),
        None => format!("the caller entered {} ({entered}). {still}", item(capture)),
    }
}

/// What has been entered for `capture`, as Twilio shows it (masked).
fn entered(callback: &PaymentStatusCallback, capture: Capture) -> String {
    let value = match capture {
        Capture::PaymentCardNumber => callback.payment_card_number.as_deref().map(|number| {
            match &callback.payment_card_type {
                Some(brand) => format!("{number}, {brand}"),
                None => number.to_owned(),
            }
        }),
        Capture::ExpirationDate => callback.expiration_date.clone(),
        Capture::SecurityCode => callback.security_code.clone(),
        Capture::PostalCode => callback.payment_card_postal_code.clone(),
        Capture::BankRoutingNumber => callback.bank_routing_number.clone(),
        Capture::BankAccountNumber => callback.bank_account_number.clone(),
        _ => None,
    };
    value.unwrap_or_else(|| "nothing".to_owned())
}

/// A piece of payment information, as the caller hears it asked for.
pub fn item(capture: Capture) -> &'static str {
    match capture {
        Capture::PaymentCardNumber => "the card number",
        Capture::ExpirationDate => "the expiration date",
        Capture::SecurityCode => "the security code",
        Capture::PostalCode => "the billing postal code",
        Capture::BankRoutingNumber => "the bank routing number",
        Capture::BankAccountNumber => "the bank account number",
        Capture::PaymentCardNumberMatcher => "the card number again, to match",
        Capture::ExpirationDateMatcher => "the expiration date again, to match",
        Capture::SecurityCodeMatcher => "the security code again, to match",
        Capture::PostalCodeMatcher => "the postal code again, to match",
        _ => "another piece of payment information",
    }
}

fn error_meaning(error_type: &str) -> &'static str {
    match error_type {
        "invalid-card-number" => "not a valid card number",
        "invalid-card-type" => "a card brand this payment does not take",
        "invalid-date" => "not a valid expiration date",
        "invalid-security-code" => "not a valid security code",
        "invalid-postal-code" => "not a valid postal code",
        "invalid-bank-routing-number" => "not a valid routing number",
        "invalid-bank-account-number" => "not a valid account number",
        "input-matching-failed" => "the two entries differ",
        "timeout" => "the caller entered nothing in time",
        _ => "see Twilio's Pay documentation",
    }
}

fn result_meaning(result: &str) -> &'static str {
    match result {
        "payment-connector-error" => "the payment processor refused the payment",
        "too-many-failed-attempts" => "the caller failed to enter valid information too often",
        "caller-interrupted-with-star" => "the caller pressed * to stop",
        "caller-hung-up" => "the caller hung up",
        "validation-error" => "the payment information was incomplete or invalid",
        "input-timeout" => "the caller entered nothing in time",
        "internal-error" => "Twilio had an internal error",
        "payment-cancelled" => "the session was cancelled",
        _ => "the payment did not go through",
    }
}

const READABLE: &[BorrowedFormatItem<'_>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");

/// A date as people read it: `2026-12-02 17:03:23 UTC`.
pub fn readable(date: OffsetDateTime) -> String {
    date.to_offset(UtcOffset::UTC)
        .format(READABLE)
        .unwrap_or_else(|_| date.to_string())
}
