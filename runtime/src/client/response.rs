//! Response decoding: a success body into the endpoint's response type (a failure naming the
//! field path), an error status into Twilio's error or a status error, secrets taken out first.

use http::StatusCode;
use serde::de::DeserializeOwned;

use super::auth::Redactor;
use crate::error::{DecodeError, EndpointName, Error, ErrorKind, TwilioError};

/// How many characters of a body an error keeps.
const EXCERPT_CHARS: usize = 200;

/// Decodes a `2xx` body into the response type. A failure names the path of the value that did
/// not fit (`calls[0].date_created`), with serde_json's reason: the body is then read a second
/// time, with the path tracked.
pub(crate) fn decode_success<T: DeserializeOwned>(
    endpoint: EndpointName,
    status: StatusCode,
    body: &[u8],
    redactor: &Redactor,
) -> Result<T, Error> {
    // An empty body (204 No Content) decodes as JSON `null`, which `()` accepts.
    let json = if body.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        body
    };
    // The fast way first: serde_path_to_error keeps every key it passes as a `String` (about a
    // third of the time of a list page). Only a body that fails is read again, for the path.
    if let Ok(value) = serde_json::from_slice(json) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let decoded = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| (error.path().to_string(), error.into_inner()))
        .and_then(|value| {
            // Trailing characters after a whole value: at the root.
            let end = deserializer.end();
            end.map(|()| value).map_err(|error| (".".to_owned(), error))
        });
    decoded.map_err(|(path, error)| {
        let source = DecodeError::new(redactor.redact(&path), redactor.redact(&error.to_string()));
        let excerpt = excerpt(&redactor.redact(&String::from_utf8_lossy(body)));
        Error::exchange(
            endpoint,
            Some(status),
            ErrorKind::Decode { source, excerpt },
        )
    })
}

/// The error for a non-`2xx` answer: Twilio's typed error when the body is Twilio's JSON, the
/// status and the start of the text otherwise. Any copy of the secret is redacted first.
pub(crate) fn status_error(
    endpoint: EndpointName,
    status: StatusCode,
    body: &[u8],
    redactor: &Redactor,
) -> Error {
    let text = redactor.redact(&String::from_utf8_lossy(body));
    let kind = match serde_json::from_str::<TwilioError>(&text) {
        Ok(error) => ErrorKind::Api(error),
        Err(_) => ErrorKind::Status {
            body: excerpt(&text),
        },
    };
    Error::exchange(endpoint, Some(status), kind)
}

/// The start of `text`, at most [`EXCERPT_CHARS`] characters, `…` marking a cut. Text is
/// redacted before it is cut, so that no part of a secret is left at the cut (bodies are
/// bounded by the client's `max_response_bytes`).
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::auth::{Credentials, Secret};
    use http::Method;
    use serde::Deserialize;

    const TOKEN: &str = "s3cr3t-token-0123456789abcdef";

    fn redactor() -> Redactor {
        Credentials::basic("AC1".to_owned(), &Secret::from(TOKEN.to_owned())).redactor
    }

    fn endpoint() -> EndpointName {
        EndpointName {
            method: Method::GET,
            path_template: "/2010-04-01/Accounts/<AccountSid>/Calls.json",
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // Decoded, not read.
    struct Calls {
        calls: Vec<Call>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Call {
        sid: String,
        #[serde(with = "time::serde::rfc2822")]
        date_created: time::OffsetDateTime,
    }

    fn decode_error(body: &str) -> (DecodeError, String) {
        let error =
            decode_success::<Calls>(endpoint(), StatusCode::OK, body.as_bytes(), &redactor())
                .unwrap_err();
        assert_eq!(error.status(), Some(StatusCode::OK));
        match error.into_kind() {
            ErrorKind::Decode { source, excerpt } => (source, excerpt),
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn a_decode_error_names_the_field_path() {
        let body = r#"{"calls": [{"sid": "CA1", "date_created": "yesterday"}]}"#;
        let (source, excerpt) = decode_error(body);
        assert_eq!(source.path(), "calls[0].date_created");
        assert!(
            source
                .to_string()
                .starts_with("at `calls[0].date_created`: "),
            "{source}"
        );
        assert_eq!(excerpt, body);
        let (source, _) = decode_error(r#"{"calls": [{"sid": "CA1"}]}"#);
        assert_eq!(source.path(), "calls[0]");
        assert!(source.message().contains("date_created"), "{source}");
        let (source, _) = decode_error(r#"{"calls": []} trailing"#);
        assert_eq!(source.path(), ".");
        assert!(source.message().contains("trailing"), "{source}");
    }

    #[test]
    fn a_decode_error_hides_the_secret_even_in_serde_json_s_words() {
        let body = format!(r#"{{"calls": [{{"sid": 1, "{TOKEN}": "{TOKEN}"}}], "x": "{TOKEN}"}}"#);
        let (source, excerpt) = decode_error(&body);
        for shown in [source.to_string(), excerpt] {
            assert!(!shown.contains(TOKEN), "{shown}");
        }
        let (source, _) = decode_error(&format!(r#"{{"calls": "{TOKEN}"}}"#));
        assert!(!source.message().contains(TOKEN), "{source}");
        assert!(source.message().contains("***"), "{source}");
    }

    #[test]
    fn excerpts_are_redacted_before_they_are_cut() {
        let redactor = redactor();
        let shown = |body: &str| {
            let error = status_error(
                endpoint(),
                StatusCode::BAD_GATEWAY,
                body.as_bytes(),
                &redactor,
            );
            match error.into_kind() {
                ErrorKind::Status { body } => body,
                other => panic!("expected a status error, got {other:?}"),
            }
        };
        // However many copies, none survives in part at the cut.
        assert_eq!(
            shown(&TOKEN.repeat(500)),
            format!("{}…", &"***".repeat(67)[..200])
        );
        let body = format!("{}{TOKEN}{}", "x".repeat(195), "y".repeat(50));
        let cut = shown(&body);
        assert!(cut.starts_with(&format!("{}***", "x".repeat(195))), "{cut}");
        assert!(!cut.contains("s3cr"), "{cut}");
        let not_utf8 = status_error(
            endpoint(),
            StatusCode::BAD_GATEWAY,
            b"not UTF-8: \xff",
            &redactor,
        );
        assert!(
            matches!(not_utf8.kind(), ErrorKind::Status { body } if body == "not UTF-8: \u{fffd}")
        );
    }

    #[test]
    fn twilio_s_error_body_is_typed() {
        let body = br#"{"code": 20404, "message": "Not found", "status": 404}"#;
        let error = status_error(endpoint(), StatusCode::NOT_FOUND, body, &redactor());
        let twilio = error.twilio_error().unwrap();
        assert_eq!(
            (twilio.code, twilio.message.as_str()),
            (Some(20404), "Not found")
        );
        assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    }
}
