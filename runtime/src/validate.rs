//! Rules on values, checked before any I/O: every problem is collected and reported at once.

use std::fmt;

/// One value that breaks a rule of Twilio's contract, named by its Twilio parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    parameter: &'static str,
    kind: ProblemKind,
}

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required value, or a path value, is empty.
    Empty,
    /// `<AccountSid>` was left empty and the client has no account SID to fill it.
    NoAccount,
    /// The value is not a SID with one of these prefixes followed by 32 hex digits.
    Sid(&'static [&'static str]),
    /// The value is not an absolute URI (RFC 3986, with a scheme), as Twilio's `format: uri` asks.
    Uri,
    /// A path value of `.` or `..`, which would move the request to another path.
    DotSegment,
    /// The value's type has no form encoding (for example a list inside a list).
    Unencodable(String),
}

impl Problem {
    /// A problem with the parameter whose Twilio name is `parameter`.
    pub fn new(parameter: &'static str, kind: ProblemKind) -> Self {
        Problem { parameter, kind }
    }

    /// The Twilio name of the parameter (`IdempotencyKey`).
    pub fn parameter(&self) -> &'static str {
        self.parameter
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.parameter;
        match &self.kind {
            ProblemKind::Empty => write!(f, "`{name}` must not be empty"),
            ProblemKind::NoAccount => write!(
                f,
                "`{name}` is empty and the client has no account SID to fill it"
            ),
            ProblemKind::Sid(prefixes) => {
                write!(f, "`{name}` must be ")?;
                for (i, prefix) in prefixes.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "`{prefix}`")?;
                }
                f.write_str(" followed by 32 hex digits")
            }
            ProblemKind::Uri => write!(
                f,
                "`{name}` must be an absolute URI such as `https://example.com/callback`"
            ),
            ProblemKind::DotSegment => {
                write!(
                    f,
                    "`{name}` must not be `.` or `..` (it would change the path)"
                )
            }
            ProblemKind::Unencodable(why) => write!(f, "`{name}` cannot be encoded: {why}"),
        }
    }
}

/// Whether `text` is one of `prefixes` followed by exactly 32 hex digits (`^PK[0-9a-fA-F]{32}$`).
pub fn is_sid(text: &str, prefixes: &[&str]) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 34
        && prefixes.iter().any(|p| bytes.starts_with(p.as_bytes()))
        && bytes[2..].iter().all(u8::is_ascii_hexdigit)
}

/// Whether `text` is an absolute URI as RFC 3986 defines it (what OpenAPI's `format: uri` means,
/// and what Twilio's mock checks): a scheme, then only characters a URI may hold, with `%`
/// followed by two hex digits.
pub fn is_uri(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if !(i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit())
            {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if !allowed {
            return false;
        }
        i += 1;
    }
    // The scheme ends at the first colon, before any `/ ? #`: ALPHA *( ALPHA / DIGIT / + - . ).
    let head = text.split(['/', '?', '#']).next().unwrap_or("");
    match head.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.bytes();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sid_pattern() {
        assert!(is_sid("PK0123456789abcdefABCDEF0123456789", &["PK"]));
        assert!(is_sid("MM0123456789abcdefABCDEF0123456789", &["SM", "MM"]));
        assert!(!is_sid("PK0123456789abcdefABCDEF012345678", &["PK"]));
        assert!(!is_sid("PK0123456789abcdefABCDEF01234567890", &["PK"]));
        assert!(!is_sid("CA0123456789abcdefABCDEF0123456789", &["PK"]));
        assert!(!is_sid("PK0123456789abcdefABCDEF012345678g", &["PK"]));
        assert!(!is_sid("pk0123456789abcdefABCDEF0123456789", &["PK"]));
    }

    #[test]
    fn absolute_uris() {
        for ok in [
            "https://example.com/cb",
            "https://example.com/cb?x=1&y=%20#f",
            "mailto:a@b.c",
            "urn:x",
            "https://",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in [
            "not a uri",
            "/relative/path",
            "cb",
            "//host/cb",
            "",
            "https://example.com/ü",
            "https://example.com/{x}",
            "https://example.com/%zz",
            "https://example.com/ab%4",
            "1http://x",
            "http://x\n",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }

    #[test]
    fn problems_name_the_parameter() {
        let p = Problem::new("Sid", ProblemKind::Sid(&["SM", "MM"]));
        assert_eq!(
            p.to_string(),
            "`Sid` must be `SM` or `MM` followed by 32 hex digits"
        );
        assert_eq!(
            Problem::new("IdempotencyKey", ProblemKind::Empty).to_string(),
            "`IdempotencyKey` must not be empty"
        );
    }
}
