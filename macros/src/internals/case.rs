//! Names and their cases: field names to Twilio names and back, the form encoding of names, and
//! the nearest known name to a misspelt one.

/// A field's Twilio name: its name in PascalCase (`status_callback` -> `StatusCallback`); a name
/// already in PascalCase stays as it is.
pub fn pascal_case(field: &str) -> String {
    let field = field.strip_prefix("r#").unwrap_or(field);
    let mut out = String::with_capacity(field.len());
    for part in field.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// A header field's default name: each word capitalised, joined by `-`
/// (`x_twilio_webhook_enabled` -> `X-Twilio-Webhook-Enabled`, `if_match` -> `If-Match`).
pub fn header_case(field: &str) -> String {
    let field = field.strip_prefix("r#").unwrap_or(field);
    let words: Vec<String> = field
        .split('_')
        .filter(|p| !p.is_empty())
        .map(pascal_case)
        .collect();
    words.join("-")
}

/// Whether `name` is an HTTP header name (RFC 9110's `token`).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `name` can be a placeholder: an ASCII letter or `_`, then letters, digits and `_`
/// (`<CallSid>`, `<id>`, `<assistantId>`).
pub fn is_placeholder_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'_'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `name` as `application/x-www-form-urlencoded` writes it: letters, digits and `* - . _` as
/// they are, space as `+`, every other byte as `%XX`. Wire names are constant, so this runs at
/// compile time and generated code writes the result as it is.
pub fn form_encoded(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Whether `name` can be a placeholder: an ASCII upper-case letter, then letters and digits.
pub fn is_pascal_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'A'..=b'Z')) && bytes.all(|b| b.is_ascii_alphanumeric())
}

/// `CallSid` -> `call_sid`, for suggestions.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The Levenshtein distance between `a` and `b`, ignoring ASCII case: how close a misspelt name
/// is to a known one.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<u8> = a.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The candidate closest to `name`, when it is close enough to be a likely misspelling.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.len() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_to_pascal_case() {
        assert_eq!(pascal_case("status_callback"), "StatusCallback");
        assert_eq!(pascal_case("account_sid"), "AccountSid");
        assert_eq!(pascal_case("sid"), "Sid");
        assert_eq!(pascal_case("min_postal_code_length"), "MinPostalCodeLength");
        assert_eq!(pascal_case("r#type"), "Type");
        assert_eq!(pascal_case("StatusCallback"), "StatusCallback");
        assert_eq!(pascal_case("sip_domain_sid2"), "SipDomainSid2");
        assert_eq!(pascal_case("_leading__double_"), "LeadingDouble");
    }

    #[test]
    fn header_names() {
        assert_eq!(
            header_case("x_twilio_webhook_enabled"),
            "X-Twilio-Webhook-Enabled"
        );
        assert_eq!(header_case("if_match"), "If-Match");
        assert_eq!(header_case("flex_metadata"), "Flex-Metadata");
        assert!(is_header_name("X-Twilio-Webhook-Enabled"));
        assert!(!is_header_name("X Twilio"));
        assert!(!is_header_name("a:b"));
    }

    #[test]
    fn twilio_placeholder_names() {
        for name in ["CallSid", "id", "assistantId", "Sid2", "call_sid"] {
            assert!(is_placeholder_name(name), "{name}");
        }
        for name in ["", "2Sid", "Call-Sid", "Call Sid", "Callé"] {
            assert!(!is_placeholder_name(name), "{name}");
        }
    }

    #[test]
    fn wire_names_are_form_encoded() {
        assert_eq!(form_encoded("IdempotencyKey"), "IdempotencyKey");
        assert_eq!(form_encoded("StartTime>"), "StartTime%3E");
        assert_eq!(form_encoded("DateCreated<"), "DateCreated%3C");
        assert_eq!(form_encoded("a b&c=d"), "a+b%26c%3Dd");
    }

    #[test]
    fn wire_names_are_form_encoded_as_form_urlencoded_does() {
        let mut names: Vec<String> = (0u8..128)
            .map(|b| format!("Name{}", char::from(b)))
            .collect();
        names.extend(
            [
                "StartTime>",
                "DateCreated<",
                "a b&c=d",
                "Zoë",
                "x+y",
                "~*-._",
            ]
            .map(String::from),
        );
        for name in names {
            let theirs: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
            assert_eq!(form_encoded(&name), theirs, "{name:?}");
        }
    }

    #[test]
    fn placeholder_names() {
        assert!(is_pascal_identifier("CallSid"));
        assert!(is_pascal_identifier("Sid2"));
        assert!(!is_pascal_identifier("callSid"));
        assert!(!is_pascal_identifier("Call-Sid"));
        assert!(!is_pascal_identifier("Call_Sid"));
        assert!(!is_pascal_identifier(""));
    }

    #[test]
    fn distances() {
        assert_eq!(distance("CallSid", "CallSid"), 0);
        assert_eq!(distance("CalSid", "CallSid"), 1);
        assert_eq!(distance("callsid", "CallSid"), 0);
        assert_eq!(distance("respnose", "response"), 2);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn closest_names() {
        assert_eq!(
            closest("CalSid", ["AccountSid", "CallSid"]),
            Some("CallSid")
        );
        assert_eq!(closest("respnose", ["response", "host"]), Some("response"));
        assert_eq!(closest("Zzz", ["CallSid"]), None);
    }
}
