//! Webhook signatures against the test vectors of Twilio's official helper libraries, the
//! negative cases that must fail, and properties on arbitrary URLs and bodies.
//!
//! The vectors are copied from these MIT-licensed files (auth token `12345` in all of them):
//!
//! - twilio-python `tests/unit/test_request_validator.py` (py)
//! - twilio-node `spec/validation.spec.js` (node)
//! - twilio-go `client/request_validator_test.go` (go)
//! - twilio-java `src/test/java/com/twilio/security/RequestValidatorTest.java` (java)
//!
//! The libraries take the parameters as a map; here they are the raw form body Twilio would
//! post (`form(…)` encodes them, `+` as `%2B`).

use proptest::prelude::*;
use twilio_endpoint::webhook::{body_sha256, SharedKeyValidator, SignatureError, Validator};

const TOKEN: &str = "12345";
const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
/// py, node, go, java: the signature of `URL` with `PARAMS`.
const SIGNATURE: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const PARAMS: &[(&str, &str)] = &[
    ("CallSid", "CA1234567890ABCDE"),
    ("Digits", "1234"),
    ("From", "+14158675309"),
    ("To", "+18005551212"),
    ("Caller", "+14158675309"),
];
const JSON_BODY: &[u8] = br#"{"property": "value", "boolean": true}"#;
/// py, node, java: the SHA-256 of `JSON_BODY`.
const JSON_BODY_HASH: &str = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
/// py, node, go, java: the signature of `URL&bodySHA256=JSON_BODY_HASH`.
const JSON_SIGNATURE: &str = "a9nBmqA0ju/hNViExpshrM61xv4=";

/// The HMAC-SHA256 (shared-key) signatures of the same texts with the key `12345`, computed
/// with Python's `hmac` module over `URL` + the sorted names and values (and over the JSON URL).
const SHA256_SIGNATURE: &str = "033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=";
const SHA256_JSON_SIGNATURE: &str = "+UOCWf84gdgo/5Hpg4m5/EgKnJA2/TbOw5sPNVr3bPk=";

fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
        .into_bytes()
}

fn validator() -> Validator {
    Validator::new(TOKEN)
}

fn json_url() -> String {
    format!("{URL}&bodySHA256={JSON_BODY_HASH}")
}

/// One form vector: the URL, the parameters, the signature, and the suites it comes from.
struct FormVector {
    url: String,
    params: Vec<(&'static str, &'static str)>,
    signature: &'static str,
    sources: &'static str,
}

fn form_vectors() -> Vec<FormVector> {
    let with_port = URL.replace(".com", ".com:1234");
    let duplicates = vec![
        ("Sid", "CA123"),
        ("SidAccount", "AC123"),
        ("Digits", "5678"),
        ("Digits", "1234"),
    ];
    let v = |url: &str, params: &[(&'static str, &'static str)], signature, sources| FormVector {
        url: url.to_owned(),
        params: params.to_vec(),
        signature,
        sources,
    };
    vec![
        v(
            URL,
            PARAMS,
            SIGNATURE,
            "py test_validation, test_compute_signature; node, go, java validate",
        ),
        v(
            &with_port,
            PARAMS,
            SIGNATURE,
            "py/java removes port on https; node strips ports; go",
        ),
        v(
            &with_port.replace("https", "http"),
            PARAMS,
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
            "py/java/node/go http with port 1234",
        ),
        v(
            URL,
            PARAMS,
            "kvajT1Ptam85bY51eRf/AJRuM3w=",
            "py/java/node/go adds port 443",
        ),
        v(
            &URL.replace("https", "http"),
            PARAMS,
            "0ZXoZLH/DfblKGATFgpif+LLRf4=",
            "py/java/node/go adds port 80",
        ),
        v(
            URL,
            &duplicates,
            "IK+Dwps556ElfBT0I3Rgjkr1wJU=",
            "py duplicate multi dict / query dict",
        ),
        v(
            URL,
            &[
                ("Sid", "CA123"),
                ("SidAccount", "AC123"),
                ("Digits", "5678"),
                ("Digits", "1234"),
                ("Digits", "1234"),
            ],
            "IK+Dwps556ElfBT0I3Rgjkr1wJU=",
            "node multiple params and values (a repeated value counts once)",
        ),
        v(
            "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
            PARAMS,
            "CukzLTc1tT5dXEDIHm/tKBanW10=",
            "node urls with credentials",
        ),
        v(
            "https://user@mycompany.com/myapp.php?foo=1&bar=2",
            PARAMS,
            "2YRLlVAflCqxaNicjMpJcSTgzSs=",
            "node urls with just username",
        ),
        v(
            "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
            PARAMS,
            "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=",
            "node credentials by adding port",
        ),
        v(
            &format!("{URL}&Body=It's+amazing"),
            PARAMS,
            "dsq4Ehbj6cs+KdTkpF5sSSplOWw=",
            "node urls with special characters",
        ),
        v(
            URL,
            &[
                ("MessagingBinding.Address", "+1325xxxxxxx"),
                ("MessagingBinding.Address", "+1415xxxxxxx"),
            ],
            "83O6e2vORAoJHUNzJjDWN1jz+BA=",
            "node array parameter",
        ),
        v(
            URL,
            &[
                ("MessagingBinding.Address", "+1415xxxxxxx"),
                ("MessagingBinding.Address", "+1325xxxxxxx"),
            ],
            "83O6e2vORAoJHUNzJjDWN1jz+BA=",
            "node array parameter regardless of position",
        ),
    ]
}

#[test]
fn every_form_vector_of_the_official_libraries_validates() {
    let validator = validator();
    let vectors = form_vectors();
    assert_eq!(vectors.len(), 13);
    for vector in vectors {
        let body = form(&vector.params);
        assert_eq!(
            validator.validate(&vector.url, &body, vector.signature),
            Ok(()),
            "{} ({})",
            vector.url,
            vector.sources
        );
    }
}

#[test]
fn sign_gives_the_vectors_signatures() {
    let validator = validator();
    // py test_compute_signature
    assert_eq!(validator.sign(URL, &form(PARAMS)), SIGNATURE);
    // py test_compute_signature_duplicate_query_dict: the raw body as Django receives it
    assert_eq!(
        validator.sign(URL, b"Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234"),
        "IK+Dwps556ElfBT0I3Rgjkr1wJU="
    );
    // node urls with credentials, with special characters: the URL is hashed as given
    assert_eq!(
        validator.sign(
            "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
            &form(PARAMS)
        ),
        "CukzLTc1tT5dXEDIHm/tKBanW10="
    );
    assert_eq!(
        validator.sign(&format!("{URL}&Body=It's+amazing"), &form(PARAMS)),
        "dsq4Ehbj6cs+KdTkpF5sSSplOWw="
    );
    // py/java adds port 443: `sign` does not add it, the validator tries it
    assert_eq!(
        validator.sign(
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            &form(PARAMS)
        ),
        "kvajT1Ptam85bY51eRf/AJRuM3w="
    );
}

#[test]
fn json_vectors_validate() {
    // py test_compute_hash_unicode; node/java validateBody
    assert_eq!(body_sha256(JSON_BODY), JSON_BODY_HASH);
    let validator = validator();
    // py test_validation_of_body_succeeds; node validate request body when given; go; java
    assert_eq!(
        validator.validate_json(&json_url(), JSON_BODY, JSON_SIGNATURE),
        Ok(())
    );
    // node/go/java: the URL carries only bodySHA256
    let short = format!("https://mycompany.com/myapp.php?bodySHA256={JSON_BODY_HASH}");
    assert_eq!(
        validator.validate_json(&short, JSON_BODY, "y77kIzt2vzLz71DgmJGsen2scGs="),
        Ok(())
    );
    // node validate request body when empty: `{}`, signed over the URL with port 443
    let empty = format!(
        "{URL}&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    );
    assert_eq!(
        validator.validate_json(&empty, b"{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc="),
        Ok(())
    );
}

#[test]
fn official_negative_vectors_fail() {
    let validator = validator();
    let body = form(PARAMS);
    // node "WRONG_SIGNATURE", go "WRONG SIGNATURE", java "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8="
    for wrong in [
        "WRONG_SIGNATURE",
        "WRONG SIGNATURE",
        "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=",
        "",
    ] {
        assert_eq!(
            validator.validate(URL, &body, wrong),
            Err(SignatureError::Mismatch),
            "{wrong}"
        );
    }
    // node/go/java: a JSON body but no bodySHA256 in the URL
    assert_eq!(
        validator.validate_json(URL, JSON_BODY, SIGNATURE),
        Err(SignatureError::MissingBodyHash)
    );
    // node/java validateBody with a wrong hash: the signature covers the URL, the hash differs
    let wrong_hash = format!("{URL}&bodySHA256=WRONG_HASH");
    assert_eq!(
        validator.validate_json(&wrong_hash, JSON_BODY, &validator.sign(&wrong_hash, b"")),
        Err(SignatureError::BodyHashMismatch)
    );
    // node middleware: an unexpected query parameter, a hash cut short
    assert_eq!(
        validator.validate(&format!("{URL}&somethingUnexpected=true"), &body, SIGNATURE),
        Err(SignatureError::Mismatch)
    );
    let cut = json_url();
    assert_eq!(
        validator.validate_json(&cut[..cut.len() - 1], JSON_BODY, JSON_SIGNATURE),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn changes_that_must_fail() {
    let validator = validator();
    let body = form(PARAMS);
    let mismatch = Err(SignatureError::Mismatch);
    // Names sorted case-insensitively (Caller before CallSid) is not Twilio's order; nor is the
    // order of the body. (Signatures computed with Python's hmac over those concatenations.)
    assert_eq!(
        validator.validate(URL, &body, "OCo4gXhGdqELQKuB5w7aI64nqCE="),
        mismatch
    );
    assert_eq!(
        validator.validate(URL, &body, "QF95FbqKILImGzL3WT1zU6f7sBU="),
        mismatch
    );
    // A repeated name's values unsorted, or counted twice.
    let duplicates = b"Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234";
    assert_eq!(
        validator.validate(URL, duplicates, "oNd5IjYjmops86rU2fr7navM88g="),
        mismatch
    );
    assert_eq!(
        validator.validate(URL, duplicates, "tM//N+MVWOh7+ol2z8YCNxSY0Eg="),
        mismatch
    );
    // The URL is hashed as given: host case, escapes, query order, scheme, path, user info.
    for url in [
        "https://MyCompany.com/myapp.php?foo=1&bar=2",
        "https://mycompany.com/myapp.php?bar=2&foo=1",
        "https://mycompany.com/myapp.php?foo=%31&bar=2",
        "http://mycompany.com/myapp.php?foo=1&bar=2",
        "https://mycompany.com/myapp.php/?foo=1&bar=2",
        "https://mycompany.com/myapp.php?foo=1&bar=2#",
        "https://user@mycompany.com/myapp.php?foo=1&bar=2",
        "https://mycompany.com:443:443/myapp.php?foo=1&bar=2",
    ] {
        assert_eq!(validator.validate(url, &body, SIGNATURE), mismatch, "{url}");
    }
    // A tampered body: a value, a name's case, a parameter more or less.
    let tampered = [
        form(&[("Digits", "1235")]),
        body.iter()
            .map(|&b| if b == b'D' { b'd' } else { b })
            .collect(),
        [&body[..], b"&Extra=1"].concat(),
        form(&PARAMS[1..]),
    ];
    for tampered in tampered {
        assert_eq!(validator.validate(URL, &tampered, SIGNATURE), mismatch);
    }
    // Another token.
    assert_eq!(
        Validator::new("12346").validate(URL, &body, SIGNATURE),
        mismatch
    );
    // A changed JSON body.
    assert_eq!(
        validator.validate_json(
            &json_url(),
            br#"{"property": "value", "boolean": false}"#,
            JSON_SIGNATURE
        ),
        Err(SignatureError::BodyHashMismatch)
    );
    // Form decoding is Twilio's: `+` and `%20` are both a space, escapes of either case the
    // same byte; such a body has the same signature.
    let spaced = validator.sign(URL, b"Body=a+b%2Fc");
    assert_eq!(validator.validate(URL, b"Body=a%20b%2fc", &spaced), Ok(()));
    assert_eq!(
        validator.validate(URL, b"Body=a%2Bb%2Fc", &spaced),
        mismatch
    );
    // A body that is not text.
    assert_eq!(
        validator.validate(URL, b"Body=\xff", &spaced),
        Err(SignatureError::MalformedBody)
    );
}

fn request(
    method: &str,
    content_type: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder()
        .method(method)
        // As a server behind a proxy sees it: another host and scheme than Twilio used.
        .uri("http://someothercompany.com/myapp.php?foo=1&bar=2");
    if let Some(content_type) = content_type {
        builder = builder.header("Content-Type", content_type);
    }
    if let Some(signature) = signature {
        builder = builder.header("X-Twilio-Signature", signature);
    }
    builder.body(body.to_vec()).unwrap()
}

#[test]
fn validate_request_reads_the_header_and_picks_the_check() {
    let validator = validator();
    let body = form(PARAMS);
    let form_type = Some("application/x-www-form-urlencoded");
    // node middleware: standard requests; manual host and protocol; manual URL
    let post = request("POST", form_type, Some(SIGNATURE), &body);
    assert_eq!(validator.validate_request(&post, URL), Ok(()));
    // The request's own URI is not what Twilio signed.
    assert_eq!(
        validator.validate_request(&post, &post.uri().to_string()),
        Err(SignatureError::Mismatch)
    );
    // node middleware: post body with a bodySHA256 query parameter
    let json = request(
        "POST",
        Some("application/json"),
        Some(JSON_SIGNATURE),
        JSON_BODY,
    );
    assert_eq!(validator.validate_request(&json, &json_url()), Ok(()));
    assert_eq!(
        validator.validate_request(&json, URL),
        Err(SignatureError::MissingBodyHash)
    );
    // A form without a Content-Type is read as a form.
    let untyped = request("POST", None, Some(SIGNATURE), &body);
    assert_eq!(validator.validate_request(&untyped, URL), Ok(()));
    // A GET: the URL alone, whatever the body.
    let get_signature = validator.sign(URL, b"");
    let get = request("GET", None, Some(&get_signature), b"ignored");
    assert_eq!(validator.validate_request(&get, URL), Ok(()));
    // node middleware: no signature header; node: undefined signature
    let unsigned = request("POST", form_type, None, &body);
    assert_eq!(
        validator.validate_request(&unsigned, URL),
        Err(SignatureError::MissingHeader)
    );
    let mut bad_header = request("POST", form_type, None, &body);
    bad_header.headers_mut().insert(
        "X-Twilio-Signature",
        http::HeaderValue::from_bytes(b"\xffsig").unwrap(),
    );
    assert_eq!(
        validator.validate_request(&bad_header, URL),
        Err(SignatureError::MalformedHeader)
    );
    // Works on any body that is bytes.
    let bytes = http::Request::post("/")
        .header("X-Twilio-Signature", SIGNATURE)
        .body(body.as_slice())
        .unwrap();
    assert_eq!(validator.validate_request(&bytes, URL), Ok(()));
}

#[test]
fn the_token_never_shows() {
    let token = "0123456789abcdef-auth-token";
    let validator = Validator::new(token);
    assert!(!format!("{validator:?}").contains(token));
    assert!(!format!("{:?}", validator.clone()).contains("abcdef"));
    let errors = [
        SignatureError::MissingHeader,
        SignatureError::MalformedHeader,
        SignatureError::Mismatch,
        SignatureError::MissingBodyHash,
        SignatureError::BodyHashMismatch,
        SignatureError::MalformedBody,
    ];
    for error in errors {
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains(token) && !shown.contains("abcdef"),
            "{shown}"
        );
        let _: &dyn std::error::Error = &error;
    }
}

/// Form pairs of text that matters to forms and URLs.
fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let text = prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            1 => prop::sample::select(vec!['+', '&', '=', '%', ' ', 'é', '😀', 'A', 'Z', '0', '.']),
        ],
        0..8,
    )
    .prop_map(String::from_iter);
    prop::collection::vec((text.clone(), text), 0..6)
}

fn url() -> impl Strategy<Value = String> {
    let part = "[a-zA-Z0-9._~%-]{0,10}";
    (
        prop::sample::select(vec!["https", "http"]),
        "[a-z]{1,8}(\\.[a-z]{2,3})?",
        prop::option::of(1u16..),
        part,
        prop::option::of("[a-zA-Z0-9=&%+]{0,12}"),
    )
        .prop_map(|(scheme, host, port, path, query)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            format!("{scheme}://{host}{port}/{path}{query}")
        })
}

/// The pairs a body decodes to, as Twilio signs them: sorted, repeated pairs once.
/// What Twilio's algorithm appends to the URL for a form body: every name followed by its value,
/// names in byte order, a repeated name's distinct values in sorted order. Written out here from
/// the algorithm's description, as the oracle the validator is checked against.
fn signed_text(body: &[u8]) -> String {
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    pairs.sort();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|(name, value)| name + &value)
        .collect()
}

#[test]
fn bodies_that_concatenate_alike_share_a_signature_as_in_twilio_s_algorithm() {
    // Found by `a_changed_body_byte_fails`: Twilio signs `name` + `value` with nothing between,
    // so `d=daa` and `d&daa` (`d` and `daa`, both empty) sign the same text, `ddaa`.
    let validator = Validator::new(TOKEN);
    let url = "https://example.com/cb";
    let signature = validator.sign(url, b"d=daa");
    assert_eq!(validator.sign(url, b"d&daa"), signature);
    assert_eq!(validator.validate(url, b"d&daa", &signature), Ok(()));
    assert_eq!(signed_text(b"d=daa"), signed_text(b"d&daa"));
    assert_eq!(
        validator.validate(url, b"d=dab", &signature),
        Err(SignatureError::Mismatch)
    );
}

proptest! {
    #[test]
    fn what_sign_makes_validates(url in url(), pairs in pairs(), token in "[ -~]{1,40}") {
        let validator = Validator::new(token);
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
        let signature = validator.sign(&url, body.as_bytes());
        prop_assert_eq!(validator.validate(&url, body.as_bytes(), &signature), Ok(()));
        // The same request as an `http::Request`.
        let request = http::Request::post("/").header("X-Twilio-Signature", &signature).body(body.clone()).unwrap();
        prop_assert_eq!(validator.validate_request(&request, &url), Ok(()));
        // And as JSON: the body's hash in the URL.
        let separator = if url.contains('?') { '&' } else { '?' };
        let json_url = format!("{url}{separator}bodySHA256={}", body_sha256(body.as_bytes()));
        let json_signature = validator.sign(&json_url, b"");
        prop_assert_eq!(validator.validate_json(&json_url, body.as_bytes(), &json_signature), Ok(()));
    }

    #[test]
    fn another_token_fails(url in url(), pairs in pairs(), token in "[ -~]{1,40}", other in "[ -~]{1,40}") {
        prop_assume!(token != other);
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
        let signature = Validator::new(token).sign(&url, body.as_bytes());
        prop_assert_eq!(
            Validator::new(other).validate(&url, body.as_bytes(), &signature),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_changed_url_byte_fails(url in url(), pairs in pairs(), at in any::<prop::sample::Index>(), byte in 0x20u8..0x7f) {
        let validator = Validator::new(TOKEN);
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
        let signature = validator.sign(&url, body.as_bytes());
        let mut changed = url.clone().into_bytes();
        let at = at.index(changed.len());
        prop_assume!(changed[at] != byte);
        changed[at] = byte;
        let changed = String::from_utf8(changed).unwrap();
        prop_assert_eq!(
            validator.validate(&changed, body.as_bytes(), &signature),
            Err(SignatureError::Mismatch),
            "{} -> {}", url, changed
        );
    }

    #[test]
    fn a_changed_body_byte_fails(url in url(), pairs in pairs(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let validator = Validator::new(TOKEN);
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish().into_bytes();
        prop_assume!(!body.is_empty());
        let signature = validator.sign(&url, &body);
        let mut changed = body.clone();
        let at = at.index(changed.len());
        prop_assume!(changed[at] != byte);
        changed[at] = byte;
        let result = validator.validate(&url, &changed, &signature);
        if std::str::from_utf8(&changed).is_err() {
            prop_assert_eq!(result, Err(SignatureError::MalformedBody));
        } else if signed_text(&changed) == signed_text(&body) {
            // What Twilio signs did not change: the same parameters written another way (`+`
            // for a space, `%2b` for `%2B`), or other parameters whose names and values
            // concatenate to the same text (`d=daa` and `d&daa`), which Twilio's algorithm,
            // joining names and values with nothing between them, cannot tell apart.
            prop_assert_eq!(result, Ok(()));
        } else {
            prop_assert_eq!(result, Err(SignatureError::Mismatch));
        }
    }

    #[test]
    fn a_changed_json_body_fails(body in prop::collection::vec(any::<u8>(), 0..64), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let validator = Validator::new(TOKEN);
        let url = format!("https://example.com/cb?bodySHA256={}", body_sha256(&body));
        let signature = validator.sign(&url, b"");
        prop_assert_eq!(validator.validate_json(&url, &body, &signature), Ok(()));
        prop_assume!(!body.is_empty());
        let mut changed = body.clone();
        let at = at.index(changed.len());
        prop_assume!(changed[at] != byte);
        changed[at] = byte;
        prop_assert_eq!(validator.validate_json(&url, &changed, &signature), Err(SignatureError::BodyHashMismatch));
    }
}

#[test]
fn shared_key_signatures_are_hmac_sha256_over_the_same_text() {
    let body = form(PARAMS);
    let key = SharedKeyValidator::new(TOKEN);
    assert_eq!(key.sign(URL, &body), SHA256_SIGNATURE);
    assert_eq!(key.validate(URL, &body, SHA256_SIGNATURE), Ok(()));
    assert_eq!(
        key.validate_json(&json_url(), JSON_BODY, SHA256_JSON_SIGNATURE),
        Ok(())
    );
    // The port variant, as with the auth token.
    assert_eq!(
        key.validate(
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            &body,
            SHA256_SIGNATURE
        ),
        Ok(())
    );
    // The SHA-1 signature is not a SHA-256 one, nor the other way round.
    assert_eq!(
        key.validate(URL, &body, SIGNATURE),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        validator().validate(URL, &body, SHA256_SIGNATURE),
        Err(SignatureError::Mismatch)
    );
    // Rotation: either key, in either order; a third is refused.
    let rotating = SharedKeyValidator::new("new-key").with_key(TOKEN);
    assert_eq!(rotating.key_count(), 2);
    assert_eq!(rotating.validate(URL, &body, SHA256_SIGNATURE), Ok(()));
    let new_signature = SharedKeyValidator::new("new-key").sign(URL, &body);
    assert_eq!(rotating.validate(URL, &body, &new_signature), Ok(()));
    assert_eq!(
        SharedKeyValidator::new(TOKEN)
            .with_key("new-key")
            .validate(URL, &body, &new_signature),
        Ok(())
    );
    assert_eq!(
        SharedKeyValidator::new("third").validate(URL, &body, &new_signature),
        Err(SignatureError::Mismatch)
    );
    // A changed body.
    assert_eq!(
        rotating.validate(URL, &form(&PARAMS[1..]), SHA256_SIGNATURE),
        Err(SignatureError::Mismatch)
    );
    // Keys never show.
    let shown = format!("{rotating:?}");
    assert!(
        !shown.contains("new-key") && !shown.contains(TOKEN),
        "{shown}"
    );
}
