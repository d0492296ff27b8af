//! The scripted caller and the payment session it plays: what the stand-in reports in each
//! status callback.

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::OffsetDateTime;

use crate::payments::Capture;

/// The caller on the other end of a [`StandIn`](super::StandIn)'s call: what they key in when
/// Twilio prompts them, and how the payment processor answers.
///
/// The default caller pays with Visa's test card (`4111 1111 1111 1111`, expiring 12/30,
/// security code `123`, postal code `94105`), or for an ACH debit with the routing number
/// `121000358` and an account ending in `6789`, and the processor accepts: the final callback
/// has `Result=success` and a `PaymentConfirmationCode`.
///
/// The other scripts change one thing each:
///
/// | script | what the status callbacks report |
/// |---|---|
/// | [`Caller::pays`] (the default) | each capture, then `Result=success` with a `PaymentConfirmationCode` |
/// | [`Caller::mistypes`] | the first entry of that item refused: `ErrorType` (`invalid-card-number`, `invalid-date`, …) and the item still first in `Required`; the next entry is accepted |
/// | [`Caller::declined`] | every capture accepted, then `Result=payment-connector-error` with `PaymentError`, `PayErrorCode` and `ConnectorError` |
/// | [`Caller::times_out_at`] | nothing entered for that item: `ErrorType=timeout` and `Result=input-timeout`; the session ends |
/// | [`Caller::hangs_up_at`] | the caller hangs up when asked for that item: `Result=caller-hung-up`; the session ends |
///
/// ```
/// use twilio_endpoint::payments::Capture;
/// use twilio_endpoint::testing::{Caller, StandIn};
///
/// # async fn f() {
/// // A caller who first keys in a card number that fails the Luhn check, then the right one,
/// // and whose card the processor then declines.
/// let stand_in = StandIn::builder()
///     .caller(Caller::declined().mistypes(Capture::PaymentCardNumber))
///     .start()
///     .await;
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Caller {
    /// Items whose first entry is refused, once each.
    mistypes: Vec<Capture>,
    ending: Ending,
}

/// How a scripted caller's session ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Ending {
    /// The processor accepts the payment.
    #[default]
    Pays,
    /// The processor declines the payment.
    Declined,
    /// The caller enters nothing when asked for this item.
    TimesOutAt(Capture),
    /// The caller hangs up when asked for this item.
    HangsUpAt(Capture),
}

impl Caller {
    /// A caller who enters the test card (or bank account) correctly, and a processor that
    /// accepts the payment. The same as `Caller::default()`.
    #[must_use]
    pub fn pays() -> Caller {
        Caller::default()
    }

    /// A caller who enters everything correctly, and a processor that declines the card when
    /// the session is completed: `Result=payment-connector-error`,
    /// `PaymentError=Your card was declined.`, `PayErrorCode=64008`,
    /// `ConnectorError=card_declined`.
    #[must_use]
    pub fn declined() -> Caller {
        Caller {
            ending: Ending::Declined,
            ..Caller::default()
        }
    }

    /// A caller who enters nothing when asked for `capture`: Twilio reports `ErrorType=timeout`
    /// and ends the session with `Result=input-timeout`.
    #[must_use]
    pub fn times_out_at(capture: Capture) -> Caller {
        Caller {
            ending: Ending::TimesOutAt(capture),
            ..Caller::default()
        }
    }

    /// A caller who hangs up when asked for `capture`: Twilio ends the session with
    /// `Result=caller-hung-up`.
    #[must_use]
    pub fn hangs_up_at(capture: Capture) -> Caller {
        Caller {
            ending: Ending::HangsUpAt(capture),
            ..Caller::default()
        }
    }

    /// This caller, except that their first entry of `capture` is invalid (a card number that
    /// fails the Luhn check, a month 13, a one-digit security code, …): Twilio reports the
    /// item's `ErrorType` and keeps it first in `Required`, and the next entry is accepted.
    /// Call it again for another item.
    #[must_use]
    pub fn mistypes(mut self, capture: Capture) -> Caller {
        self.mistypes.push(capture);
        self
    }
}

/// The form fields of one status callback, in the order they are posted.
pub(super) type Event = Vec<(&'static str, String)>;

/// What a session knows from `CreatePayments` and has captured since.
pub(super) struct PaymentSimulation {
    caller: Caller,
    /// `AccountSid`, `CallSid`, `Sid`, `DateCreated` and what `CreatePayments` set.
    session_fields: Event,
    /// Still to capture, in the order Twilio asks.
    required: Vec<Capture>,
    /// What has been entered so far, masked as Twilio masks it.
    entered: Event,
    charge_amount_is_zero: bool,
    /// Unique per session: the tail of the confirmation code or token.
    unique: String,
}

/// The session's ending, once the caller or the processor has ended it.
pub(super) enum Outcome {
    /// The session goes on.
    Open,
    /// The caller ended it (time-out or hang-up): later updates are refused.
    EndedByCaller,
}

/// ISO 8601 with milliseconds, as Twilio's Payments callbacks send dates.
const CALLBACK_DATE: &[BorrowedFormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

pub(super) fn callback_date(date: OffsetDateTime) -> String {
    date.to_offset(time::UtcOffset::UTC)
        .format(CALLBACK_DATE)
        .expect("a current date formats")
}

impl PaymentSimulation {
    /// A new session: `ids` are `AccountSid`, `CallSid`, `Sid`; `form` the `CreatePayments`
    /// parameters. Gives the session and its first callback.
    pub(super) fn create(
        caller: Caller,
        ids: [(&'static str, String); 3],
        form: &[(String, String)],
        now: OffsetDateTime,
        unique: String,
    ) -> (PaymentSimulation, Event) {
        let value = |name: &str| {
            form.iter()
                .find(|(key, value)| key == name && !value.is_empty())
                .map(|(_, value)| value.clone())
        };
        let ach = value("PaymentMethod").as_deref() == Some("ach-debit");
        let mut session_fields: Event = ids.into();
        session_fields.push(("DateCreated", callback_date(now)));
        session_fields.push((
            "PaymentConnector",
            value("PaymentConnector").unwrap_or_else(|| "Default".to_owned()),
        ));
        session_fields.push((
            "PaymentMethod",
            value("PaymentMethod").unwrap_or_else(|| "credit-card".to_owned()),
        ));
        let charge_amount = value("ChargeAmount");
        for name in ["ChargeAmount", "TokenType", "BankAccountType"] {
            if let Some(value) = value(name) {
                session_fields.push((name, value));
            }
        }
        session_fields.push((
            "Currency",
            value("Currency").unwrap_or_else(|| "usd".to_owned()),
        ));
        let asked = |name: &str| value(name).as_deref() != Some("false");
        let required = if ach {
            vec![Capture::BankRoutingNumber, Capture::BankAccountNumber]
        } else {
            let mut required = vec![Capture::PaymentCardNumber, Capture::ExpirationDate];
            required.extend(asked("SecurityCode").then_some(Capture::SecurityCode));
            required.extend(asked("PostalCode").then_some(Capture::PostalCode));
            required
        };
        let simulation = PaymentSimulation {
            caller,
            session_fields: session_fields.clone(),
            required,
            entered: Vec::new(),
            charge_amount_is_zero: charge_amount
                .is_some_and(|a| a.trim_matches(['0', '.']).is_empty()),
            unique,
        };
        (simulation, session_fields)
    }

    /// The fields every callback after the first carries.
    fn update(&self, now: OffsetDateTime) -> Event {
        let mut event = self.session_fields.clone();
        event.push(("DateUpdated", callback_date(now)));
        event
    }

    fn required_field(&self) -> (&'static str, String) {
        let names: Vec<&str> = self.required.iter().map(|c| c.as_str()).collect();
        ("Required", names.join(","))
    }

    /// `UpdatePayments` with `Capture`: Twilio prompts the caller, who keys the item in. Gives
    /// the callbacks (a partial one while the caller types, then the finished one).
    pub(super) fn capture(
        &mut self,
        capture: Capture,
        now: OffsetDateTime,
    ) -> (Vec<Event>, Outcome) {
        let mut event = self.update(now);
        event.push(("Capture", capture.as_str().to_owned()));
        let ended = match self.caller.ending {
            Ending::TimesOutAt(at) if at == capture => Some(("timeout", "input-timeout")),
            Ending::HangsUpAt(at) if at == capture => Some(("", "caller-hung-up")),
            _ => None,
        };
        if let Some((error_type, result)) = ended {
            event.push(("PartialResult", "false".to_owned()));
            event.push(self.required_field());
            event.push(("ErrorType", error_type.to_owned()));
            event.extend(self.entered.iter().cloned());
            event.push(("Result", result.to_owned()));
            return (vec![event], Outcome::EndedByCaller);
        }
        let mistyped = match self.caller.mistypes.iter().position(|&c| c == capture) {
            Some(index) => {
                self.caller.mistypes.remove(index);
                true
            }
            None => false,
        };
        let input = Input::of(capture, mistyped);
        let mut partial = event.clone();
        partial.push(("PartialResult", "true".to_owned()));
        partial.push(self.required_field());
        partial.push(("ErrorType", String::new()));
        partial.extend(self.entered.iter().cloned());
        partial.extend(input.partial);

        if input.error_type.is_empty() {
            self.required.retain(|&c| c != capture);
            self.entered
                .retain(|(name, _)| !input.fields.iter().any(|(n, _)| n == name));
            self.entered.extend(input.fields.iter().cloned());
        }
        event.push(("PartialResult", "false".to_owned()));
        event.push(self.required_field());
        event.push(("ErrorType", input.error_type.to_owned()));
        event.extend(self.entered.iter().cloned());
        if !input.error_type.is_empty() {
            event.extend(input.fields);
        }
        (vec![partial, event], Outcome::Open)
    }

    /// `UpdatePayments` with `Status=complete`: the captured information goes to the processor.
    pub(super) fn complete(&self, now: OffsetDateTime) -> Event {
        let mut event = self.update(now);
        event.extend(self.entered.iter().cloned());
        if !self.required.is_empty() {
            let (_, missing) = self.required_field();
            event.push(("Result", "validation-error".to_owned()));
            event.push((
                "PaymentError",
                format!("Required information missing: {missing}"),
            ));
            return event;
        }
        match self.caller.ending {
            Ending::Declined => {
                event.push(("Result", "payment-connector-error".to_owned()));
                event.push(("PaymentError", "Your card was declined.".to_owned()));
                event.push(("PayErrorCode", "64008".to_owned()));
                event.push(("ConnectorError", "card_declined".to_owned()));
            }
            _ => {
                event.push(("Result", "success".to_owned()));
                if self.charge_amount_is_zero {
                    event.push(("PaymentToken", format!("tok_{}", self.unique)));
                    event.push(("PaymentConfirmationCode", String::new()));
                } else {
                    event.push(("PaymentConfirmationCode", format!("ch_{}", self.unique)));
                    event.push(("PaymentToken", String::new()));
                }
                event.push(("ProfileId", String::new()));
            }
        }
        event
    }

    /// `UpdatePayments` with `Status=cancel`: nothing goes to the processor.
    pub(super) fn cancel(&self, now: OffsetDateTime) -> Event {
        let mut event = self.update(now);
        event.extend(self.entered.iter().cloned());
        event.push(("Result", "payment-cancelled".to_owned()));
        event
    }
}

/// What the caller keys in for one item: the fields of the partial callback, the fields of the
/// finished one, and the `ErrorType` if Twilio refuses it (empty if not).
struct Input {
    partial: Event,
    fields: Event,
    error_type: &'static str,
}

impl Input {
    fn of(capture: Capture, mistyped: bool) -> Input {
        let one = |name: &'static str, partial: &str, good: &str, bad: &str, error_type| Input {
            partial: vec![(name, partial.to_owned())],
            fields: vec![(name, if mistyped { bad } else { good }.to_owned())],
            error_type: if mistyped { error_type } else { "" },
        };
        match capture {
            Capture::PaymentCardNumber => {
                let mut input = one(
                    "PaymentCardNumber",
                    "xxxxxx",
                    "xxxxxxxxxxxx1111",
                    "xxxxxxxxxxxx1112",
                    "invalid-card-number",
                );
                if !mistyped {
                    input.fields.push(("PaymentCardType", "visa".to_owned()));
                }
                input
            }
            Capture::ExpirationDate => one("ExpirationDate", "12", "1230", "1330", "invalid-date"),
            Capture::SecurityCode => one("SecurityCode", "x", "xxx", "x", "invalid-security-code"),
            Capture::PostalCode => one(
                "PaymentCardPostalCode",
                "94",
                "94105",
                "9",
                "invalid-postal-code",
            ),
            Capture::BankRoutingNumber => one(
                "BankRoutingNumber",
                "121",
                "121000358",
                "123",
                "invalid-bank-routing-number",
            ),
            Capture::BankAccountNumber => one(
                "BankAccountNumber",
                "xxxx",
                "xxxxxxxx6789",
                "x",
                "invalid-bank-account-number",
            ),
            // A matcher asks for an item again to compare: the caller repeats it.
            Capture::PaymentCardNumberMatcher
            | Capture::ExpirationDateMatcher
            | Capture::SecurityCodeMatcher
            | Capture::PostalCodeMatcher => Input {
                partial: Vec::new(),
                fields: Vec::new(),
                error_type: if mistyped {
                    "input-matching-failed"
                } else {
                    ""
                },
            },
        }
    }
}
