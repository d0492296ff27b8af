//! Field names to Twilio parameter names, and the form encoding of those names.

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
    fn wire_names_are_form_encoded() {
        assert_eq!(form_encoded("IdempotencyKey"), "IdempotencyKey");
        assert_eq!(form_encoded("StartTime>"), "StartTime%3E");
        assert_eq!(form_encoded("DateCreated<"), "DateCreated%3C");
        assert_eq!(form_encoded("a b&c=d"), "a+b%26c%3Dd");
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
}
