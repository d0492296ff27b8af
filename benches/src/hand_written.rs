//! The baseline: the code a careful person writes for the same requests without the attribute.
//!
//! `format!` for the path with each value percent-encoded as a segment, and
//! `serde_urlencoded::to_string` on a `#[derive(Serialize)]` struct whose fields are renamed to
//! Twilio's names (`None` is left out). A list cannot go through `serde_urlencoded`'s struct
//! support, so its repeated keys are appended with `form_urlencoded`, which `serde_urlencoded`
//! itself uses. No validation: the generated code checks SIDs, URIs and required values on top.
//! The bytes are the same as the generated code's (the tests of this module check it).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use twilio_endpoint::payments::{
    BankAccountType, Capture, CreatePayments, PaymentMethod, PaymentStatus, TokenType,
    UpdatePayments,
};

use crate::ListCall;

/// RFC 3986's unreserved characters stay; everything else in a path segment is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The account of a request: its own, or the client's when left empty.
fn account<'a>(own: &'a str, client: &'a str) -> &'a str {
    if own.is_empty() {
        client
    } else {
        own
    }
}

/// `UpdatePayments`' form body.
#[derive(Serialize)]
struct UpdateForm<'a> {
    #[serde(rename = "IdempotencyKey")]
    idempotency_key: &'a str,
    #[serde(rename = "StatusCallback")]
    status_callback: &'a str,
    #[serde(rename = "Capture")]
    capture: Option<Capture>,
    #[serde(rename = "Status")]
    status: Option<PaymentStatus>,
}

/// `UpdatePayments`: the URL after `origin` (`""` for the path alone) and the form body.
pub fn update_payments(
    request: &UpdatePayments,
    account_sid: &str,
    origin: &str,
) -> (String, String) {
    let url = format!(
        "{origin}/2010-04-01/Accounts/{}/Calls/{}/Payments/{}.json",
        utf8_percent_encode(account(&request.account_sid, account_sid), SEGMENT),
        utf8_percent_encode(&request.call_sid, SEGMENT),
        utf8_percent_encode(&request.sid, SEGMENT),
    );
    let body = serde_urlencoded::to_string(UpdateForm {
        idempotency_key: &request.idempotency_key,
        status_callback: &request.status_callback,
        capture: request.capture,
        status: request.status,
    })
    .expect("the form encodes");
    (url, body)
}

/// `CreatePayments`' form body; `Parameter` is JSON text, as Twilio takes it.
#[derive(Serialize)]
struct CreateForm<'a> {
    #[serde(rename = "IdempotencyKey")]
    idempotency_key: &'a str,
    #[serde(rename = "StatusCallback")]
    status_callback: &'a str,
    #[serde(rename = "BankAccountType")]
    bank_account_type: Option<BankAccountType>,
    #[serde(rename = "ChargeAmount")]
    charge_amount: Option<&'a str>,
    #[serde(rename = "Currency")]
    currency: Option<&'a str>,
    #[serde(rename = "Description")]
    description: Option<&'a str>,
    #[serde(rename = "Input")]
    input: Option<&'a str>,
    #[serde(rename = "MinPostalCodeLength")]
    min_postal_code_length: Option<u32>,
    #[serde(rename = "Parameter")]
    parameter: Option<String>,
    #[serde(rename = "PaymentConnector")]
    payment_connector: Option<&'a str>,
    #[serde(rename = "PaymentMethod")]
    payment_method: Option<PaymentMethod>,
    #[serde(rename = "PostalCode")]
    postal_code: Option<bool>,
    #[serde(rename = "SecurityCode")]
    security_code: Option<bool>,
    #[serde(rename = "Timeout")]
    timeout: Option<u32>,
    #[serde(rename = "TokenType")]
    token_type: Option<TokenType>,
    #[serde(rename = "ValidCardTypes")]
    valid_card_types: Option<&'a str>,
    #[serde(rename = "RequireMatchingInputs")]
    require_matching_inputs: Option<&'a str>,
    #[serde(rename = "Confirmation")]
    confirmation: Option<bool>,
}

/// `CreatePayments`: the URL after `origin` (`""` for the path alone) and the form body.
pub fn create_payments(
    request: &CreatePayments,
    account_sid: &str,
    origin: &str,
) -> (String, String) {
    let url = format!(
        "{origin}/2010-04-01/Accounts/{}/Calls/{}/Payments.json",
        utf8_percent_encode(account(&request.account_sid, account_sid), SEGMENT),
        utf8_percent_encode(&request.call_sid, SEGMENT),
    );
    let parameter = request
        .parameter
        .as_ref()
        .map(|map| serde_json::to_string(map).expect("a JSON map encodes"));
    let body = serde_urlencoded::to_string(CreateForm {
        idempotency_key: &request.idempotency_key,
        status_callback: &request.status_callback,
        bank_account_type: request.bank_account_type,
        charge_amount: request.charge_amount.as_ref().map(|amount| amount.as_str()),
        currency: request.currency.as_deref(),
        description: request.description.as_deref(),
        input: request.input.as_deref(),
        min_postal_code_length: request.min_postal_code_length,
        parameter,
        payment_connector: request.payment_connector.as_deref(),
        payment_method: request.payment_method,
        postal_code: request.postal_code,
        security_code: request.security_code,
        timeout: request.timeout,
        token_type: request.token_type,
        valid_card_types: request.valid_card_types.as_deref(),
        require_matching_inputs: request.require_matching_inputs.as_deref(),
        confirmation: request.confirmation,
    })
    .expect("the form encodes");
    (url, body)
}

/// `ListCall`'s query, but for its list.
#[derive(Serialize)]
struct ListQuery<'a> {
    #[serde(rename = "To")]
    to: Option<&'a str>,
    #[serde(rename = "StartTime>")]
    start_time_after: Option<&'a str>,
    #[serde(rename = "PageSize")]
    page_size: Option<u32>,
}

/// `ListCall`: the URL after `origin` (`""` for the path alone) with its query string (a GET
/// has no body).
pub fn list_call(request: &ListCall, account_sid: &str, origin: &str) -> String {
    let mut url = format!(
        "{origin}/2010-04-01/Accounts/{}/Calls.json",
        utf8_percent_encode(account(&request.account_sid, account_sid), SEGMENT),
    );
    let mut query = form_urlencoded::Serializer::new(
        serde_urlencoded::to_string(ListQuery {
            to: request.to.as_deref(),
            start_time_after: request.start_time_after.as_deref(),
            page_size: request.page_size,
        })
        .expect("the query encodes"),
    );
    for status in &request.status {
        query.append_pair("Status", status);
    }
    let query = query.finish();
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    url
}

#[cfg(test)]
mod tests {
    use twilio_endpoint::Endpoint;

    use crate::{samples, ACCOUNT};

    /// Checks that the generated code encodes `request` as the baseline did, `url` and `body`,
    /// with `count` pairs in the body (or, without one, in the query).
    fn same_bytes<E: Endpoint>(request: &E, url: &str, body: Option<&str>, count: usize) {
        let generated = request.encode(ACCOUNT).unwrap();
        assert_eq!(generated.url, url);
        assert_eq!(generated.body.as_deref(), body);
        let pairs = body.unwrap_or_else(|| url.split_once('?').map_or("", |(_, query)| query));
        assert_eq!(form_urlencoded::parse(pairs.as_bytes()).count(), count);
    }

    #[test]
    fn update_payments_is_byte_for_byte_the_generated_request() {
        let request = samples::update_payments();
        let (url, body) = super::update_payments(&request, ACCOUNT, "");
        same_bytes(&request, &url, Some(&body), 4);
    }

    #[test]
    fn create_payments_is_byte_for_byte_the_generated_request() {
        let request = samples::create_payments();
        let (url, body) = super::create_payments(&request, ACCOUNT, "");
        same_bytes(&request, &url, Some(&body), 18);
    }

    #[test]
    fn list_call_is_byte_for_byte_the_generated_request() {
        let request = samples::list_call();
        same_bytes(&request, &super::list_call(&request, ACCOUNT, ""), None, 6);
    }
}
