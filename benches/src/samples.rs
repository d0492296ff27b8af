//! The requests the benchmarks build: every parameter set, with values that need encoding.

use twilio_endpoint::payments::{
    BankAccountType, Capture, CreatePayments, PaymentMethod, PaymentStatus, TokenType,
    UpdatePayments,
};

use crate::{ListCall, CALL, PAYMENT};

/// The bundled `UpdatePayments` with all four form parameters set; `<AccountSid>` is left
/// empty for the client's account to fill, as the README's example does.
pub fn update_payments() -> UpdatePayments {
    UpdatePayments {
        account_sid: String::new(),
        call_sid: CALL.into(),
        sid: PAYMENT.into(),
        idempotency_key: "capture-card-number-1".into(),
        status_callback: "https://example.com/twilio/payments".into(),
        capture: Some(Capture::PaymentCardNumber),
        status: Some(PaymentStatus::Complete),
    }
}

/// The bundled `CreatePayments` with every one of its 20 parameters set.
pub fn create_payments() -> CreatePayments {
    let mut parameter = serde_json::Map::new();
    parameter.insert("customer".into(), "Zoë & co".into());
    parameter.insert("order".into(), 1234.into());
    CreatePayments {
        account_sid: String::new(),
        call_sid: CALL.into(),
        idempotency_key: "session-1".into(),
        status_callback: "https://example.com/twilio/payments".into(),
        bank_account_type: Some(BankAccountType::ConsumerChecking),
        charge_amount: Some("12.5".parse().expect("a valid amount")),
        currency: Some("USD".into()),
        description: Some("Order #1234: 2 items".into()),
        input: Some("dtmf".into()),
        min_postal_code_length: Some(5),
        parameter: Some(parameter),
        payment_connector: Some("Default".into()),
        payment_method: Some(PaymentMethod::CreditCard),
        postal_code: Some(true),
        security_code: Some(true),
        timeout: Some(5),
        token_type: Some(TokenType::Reusable),
        valid_card_types: Some("visa mastercard amex".into()),
        require_matching_inputs: Some("payment-card-number,expiration-date".into()),
        confirmation: Some(false),
    }
}

/// A [`ListCall`] with every parameter set and three statuses.
pub fn list_call() -> ListCall {
    ListCall {
        account_sid: String::new(),
        to: Some("+15558675310".into()),
        start_time_after: Some("2024-01-01".into()),
        status: vec!["queued".into(), "ringing".into(), "in-progress".into()],
        page_size: Some(50),
    }
}
