//! Property tests of the encoding, on arbitrary Unicode (controls, `/ ? # % + & =`, dots,
//! non-BMP characters): a path value stays one segment and decodes back to itself; form and
//! query pairs decode back to the same pairs in the same order; no input panics the encoder.

use proptest::prelude::*;
use twilio_endpoint::payments::CreatePayments;
use twilio_endpoint::{twilio_endpoint, Client, Endpoint, Error, ErrorKind, ProblemKind};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const CALL: &str = "CA0123456789abcdef0123456789abcdef";

/// A `POST` with two plain-text path values and every shape of form field.
#[twilio_endpoint(POST, "/v1/Spaces/<First>/Items/<Second>.json")]
struct UpdateItem {
    first: String,
    second: String,
    idempotency_key: String,
    note: Option<String>,
    tags: Vec<String>,
    #[twilio(rename = "StartTime>")]
    after: Option<String>,
}

/// A `GET` with a path value and query fields.
#[twilio_endpoint(GET, "/v1/Spaces/<First>/Items.json")]
struct ListItems {
    first: String,
    to: Option<String>,
    status: Vec<String>,
    #[twilio(rename = "StartTime<")]
    before: Option<String>,
    page_size: Option<u32>,
}

/// The text of a valid `Amount`: below 1,000,000, with or without a fraction (of up to 20
/// digits, trailing zeros and all), leading zeros sometimes.
fn amount_text() -> impl Strategy<Value = String> {
    (
        0u32..1_000_000,
        prop::option::of(prop::collection::vec(0u8..10, 1..20)),
        any::<bool>(),
    )
        .prop_map(|(whole, fraction, padded)| {
            let mut text = if padded {
                format!("00{whole}")
            } else {
                whole.to_string()
            };
            if let Some(digits) = fraction {
                text.push('.');
                text.extend(digits.iter().map(|d| char::from(b'0' + d)));
            }
            text
        })
}

/// Text made of any characters, with the ones that matter to URLs and forms often.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        '.', '/', '\\', '%', '?', '#', '&', '=', '+', ' ', '~', '-', '_', ':', ';', '@', '[', ']',
        '\0', '\n', '\u{7f}', 'é', '\u{200b}', '\u{feff}', '😀', '2', 'e', 'F',
    ]);
    let chars = prop_oneof![any::<char>(), tricky];
    prop::collection::vec(chars, 0..12).prop_map(String::from_iter)
}

/// Values the path refuses by design: they would be missing or move the path.
fn refused_in_path(value: &str) -> bool {
    matches!(value, "" | "." | "..")
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .expect("a segment decodes as UTF-8")
        .into_owned()
}

fn pairs(encoded: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded.as_bytes())
        .into_owned()
        .collect()
}

/// The problems of a validation error, as (parameter, kind).
fn problems(error: &Error) -> Vec<(&'static str, ProblemKind)> {
    assert!(
        matches!(error.kind(), ErrorKind::Validation(_)),
        "{error:?}"
    );
    error
        .problems()
        .iter()
        .map(|p| (p.parameter(), p.kind().clone()))
        .collect()
}

fn path_problem(parameter: &'static str, value: &str) -> Option<(&'static str, ProblemKind)> {
    match value {
        "" => Some((parameter, ProblemKind::Empty)),
        "." | ".." => Some((parameter, ProblemKind::DotSegment)),
        _ => None,
    }
}

proptest! {
    // 256 cases keep the suite fast; a failure prints its shrunk input (nothing is written to
    // disk: integration tests have no lib.rs for proptest's regression files).
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn path_values_are_exactly_the_template_segments(first in text(), second in text()) {
        let item = UpdateItem {
            first: first.clone(),
            second: second.clone(),
            idempotency_key: "k".into(),
            note: None,
            tags: vec![],
            after: None,
        };
        let encoded = item.encode(ACCOUNT);
        if refused_in_path(&first) || refused_in_path(&second) {
            let expected: Vec<_> = [path_problem("First", &first), path_problem("Second", &second)]
                .into_iter()
                .flatten()
                .collect();
            prop_assert_eq!(problems(&encoded.unwrap_err()), expected);
            return Ok(());
        }
        let url = encoded.unwrap().url;
        prop_assert!(!url.contains(['?', '#']), "{}", url);
        let segments: Vec<&str> = url.split('/').collect();
        prop_assert_eq!(segments.len(), 6, "{}", url);
        prop_assert_eq!(&segments[..3], &["", "v1", "Spaces"]);
        prop_assert_eq!(segments[4], "Items");
        prop_assert_eq!(decode(segments[3]), first);
        let last = segments[5].strip_suffix(".json").expect("the literal suffix stays");
        prop_assert_eq!(decode(last), second);

        // A URL parser sees the same segments, and the request builds with that URL.
        let client = Client::new(ACCOUNT, "token").unwrap();
        let http = client.to_http_request(&item).unwrap();
        prop_assert_eq!(http.uri().path(), url.as_str());
        let parsed = reqwest::Url::parse(&format!("https://api.twilio.com{url}")).unwrap();
        prop_assert_eq!(parsed.path(), url.as_str());
        prop_assert_eq!(parsed.path_segments().unwrap().count(), 5);
    }

    #[test]
    fn form_pairs_decode_back_in_order(
        key in text(),
        note in prop::option::of(text()),
        tags in prop::collection::vec(text(), 0..4),
        after in prop::option::of(text()),
    ) {
        let item = UpdateItem {
            first: "a".into(),
            second: "b".into(),
            idempotency_key: key.clone(),
            note: note.clone(),
            tags: tags.clone(),
            after: after.clone(),
        };
        let encoded = item.encode(ACCOUNT);
        if key.is_empty() {
            prop_assert_eq!(problems(&encoded.unwrap_err()), vec![("IdempotencyKey", ProblemKind::Empty)]);
            return Ok(());
        }
        let body = encoded.unwrap().body.expect("a POST has a body");
        let mut expected = vec![("IdempotencyKey".to_owned(), key)];
        expected.extend(note.map(|n| ("Note".to_owned(), n)));
        expected.extend(tags.into_iter().map(|t| ("Tags".to_owned(), t)));
        expected.extend(after.map(|a| ("StartTime>".to_owned(), a)));
        prop_assert_eq!(pairs(&body), expected);
        // Only what `application/x-www-form-urlencoded` leaves as it is, and separators.
        prop_assert!(
            body.bytes().all(|b| b.is_ascii_alphanumeric() || b"*-._+%=&".contains(&b)),
            "{}", body
        );
    }

    #[test]
    fn query_pairs_decode_back_in_order(
        first in text().prop_filter("refused in a path", |v| !refused_in_path(v)),
        to in prop::option::of(text()),
        status in prop::collection::vec(text(), 0..4),
        before in prop::option::of(text()),
        page_size in prop::option::of(any::<u32>()),
    ) {
        let list = ListItems {
            first: first.clone(),
            to: to.clone(),
            status: status.clone(),
            before: before.clone(),
            page_size,
        };
        let encoded = list.encode(ACCOUNT).unwrap();
        prop_assert_eq!(encoded.body, None);
        let (path, query) = match encoded.url.split_once('?') {
            Some((path, query)) => (path, query),
            None => (encoded.url.as_str(), ""),
        };
        prop_assert!(!encoded.url.contains('#'));
        let segments: Vec<&str> = path.split('/').collect();
        prop_assert_eq!(segments.len(), 5);
        prop_assert_eq!(decode(segments[3]), first);
        let mut expected: Vec<(String, String)> = Vec::new();
        expected.extend(to.map(|t| ("To".to_owned(), t)));
        expected.extend(status.into_iter().map(|s| ("Status".to_owned(), s)));
        expected.extend(before.map(|b| ("StartTime<".to_owned(), b)));
        expected.extend(page_size.map(|p| ("PageSize".to_owned(), p.to_string())));
        prop_assert_eq!(pairs(query), expected);
    }

    #[test]
    fn no_input_panics_the_encoder(
        account_sid in prop_oneof![Just(String::new()), Just(ACCOUNT.to_owned()), text()],
        call_sid in prop_oneof![Just(CALL.to_owned()), text()],
        status_callback in prop_oneof![Just("https://example.com/cb".to_owned()), text()],
        strings in prop::collection::vec(text(), 5),
        charge_amount in prop::option::of(amount_text()),
        numbers in prop::collection::vec(prop::option::of(any::<u32>()), 2),
        flags in prop::collection::vec(prop::option::of(any::<bool>()), 3),
        parameter in prop::option::of(prop::collection::btree_map(text(), text(), 0..4)),
    ) {
        let [key, currency, description, connector, cards] =
            <[String; 5]>::try_from(strings).unwrap();
        let map = parameter.clone().map(|m| {
            m.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect()
        });
        let request = CreatePayments {
            account_sid,
            call_sid,
            idempotency_key: key,
            status_callback,
            charge_amount: charge_amount.as_deref().map(|text| text.parse().unwrap()),
            currency: Some(currency),
            description: Some(description),
            payment_connector: Some(connector),
            valid_card_types: Some(cards),
            min_postal_code_length: numbers[0],
            timeout: numbers[1],
            postal_code: flags[0],
            security_code: flags[1],
            confirmation: flags[2],
            parameter: map,
            ..CreatePayments::default()
        };
        match request.encode(ACCOUNT) {
            Ok(encoded) => {
                let body = encoded.body.unwrap();
                let sent = pairs(&body);
                if let Some(parameter) = parameter {
                    let json = &sent.iter().find(|(k, _)| k == "Parameter").unwrap().1;
                    let decoded: std::collections::BTreeMap<String, String> =
                        serde_json::from_str(json).unwrap();
                    prop_assert_eq!(decoded, parameter);
                }
                if let Some(amount) = charge_amount {
                    // The decimal text goes on the wire exactly as given.
                    let text = &sent.iter().find(|(k, _)| k == "ChargeAmount").unwrap().1;
                    prop_assert_eq!(text, &amount);
                }
            }
            Err(error) => {
                prop_assert!(!error.problems().is_empty(), "{:?}", error);
                // An `Amount` is valid when made: it is never the problem.
                prop_assert!(error.problems().iter().all(|p| p.parameter() != "ChargeAmount"));
            }
        }
    }
}

#[test]
fn refused_path_values() {
    for value in ["", ".", ".."] {
        let error = ListItems {
            first: value.into(),
            to: None,
            status: vec![],
            before: None,
            page_size: None,
        }
        .encode(ACCOUNT)
        .unwrap_err();
        assert_eq!(
            problems(&error),
            vec![path_problem("First", value).unwrap()]
        );
    }
    // Dots with anything else are plain values.
    let encoded = ListItems {
        first: "...".into(),
        to: None,
        status: vec![],
        before: None,
        page_size: None,
    }
    .encode(ACCOUNT)
    .unwrap();
    assert_eq!(encoded.url, "/v1/Spaces/.../Items.json");
}
