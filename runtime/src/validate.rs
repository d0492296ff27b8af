//! Rules on values, checked before any I/O: every problem is collected and reported at once.

use std::borrow::Cow;
use std::fmt;

use crate::parameter::{Parameter, UriRule};

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
    /// The value is neither an absolute URI nor a relative reference (RFC 3986's
    /// `URI-reference`, such as `/pay/status`).
    UriReference,
    /// A path value of `.` or `..`, which would move the request to another path.
    DotSegment,
    /// The value's type has no form encoding (for example a list inside a list), or no JSON
    /// encoding (a map whose keys are neither text nor numbers).
    Unencodable(String),
    /// A header value that is not valid header text: a newline, a control character or a byte
    /// outside visible ASCII. The value is not shown.
    HeaderValue,
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
            ProblemKind::UriReference => write!(
                f,
                "`{name}` must be an absolute URI or a relative reference such as \
                 `https://example.com/callback` or `/callback`"
            ),
            ProblemKind::DotSegment => {
                write!(
                    f,
                    "`{name}` must not be `.` or `..` (it would change the path)"
                )
            }
            ProblemKind::Unencodable(why) => write!(f, "`{name}` cannot be encoded: {why}"),
            ProblemKind::HeaderValue => write!(
                f,
                "`{name}` is not a valid header value (visible ASCII, spaces and tabs only: no \
                 newline or control character)"
            ),
        }
    }
}

/// The SID rule of `param` on `text`: `None` when it has no SID rule or `text` follows it.
pub(crate) fn check_sid(param: &Parameter, text: &str) -> Option<ProblemKind> {
    if param.sid_prefixes().is_empty() || is_sid(text, param.sid_prefixes()) {
        None
    } else {
        Some(ProblemKind::Sid(param.sid_prefixes()))
    }
}

/// The rules of a JSON member's value, as JSON text: a string, or each string of a list, is
/// checked as a form value is; other values only for being there.
pub(crate) fn check_json_text(param: &Parameter, json: &[u8]) -> Option<ProblemKind> {
    let has_rules = param.is_required()
        || !param.sid_prefixes().is_empty()
        || param.uri_rule() != UriRule::None;
    if !has_rules {
        return None;
    }
    match json.first() {
        Some(b'"') => {
            let text: Cow<'_, str> = serde_json::from_slice(json).ok()?;
            check_text(param, &text)
        }
        Some(b'[') => {
            let texts: Vec<Cow<'_, str>> = serde_json::from_slice(json).ok()?;
            texts.iter().find_map(|text| check_text(param, text))
        }
        _ => None,
    }
}

/// Every rule of `param` on one text value: required (not empty), URI, SID.
pub(crate) fn check_text(param: &Parameter, text: &str) -> Option<ProblemKind> {
    if text.is_empty() {
        return param.is_required().then_some(ProblemKind::Empty);
    }
    match param.uri_rule() {
        UriRule::Absolute if !is_uri(text) => return Some(ProblemKind::Uri),
        UriRule::Reference if !is_uri_reference(text) => return Some(ProblemKind::UriReference),
        _ => {}
    }
    check_sid(param, text)
}

/// Whether `text` is one of `prefixes` followed by exactly 32 hex digits (`^PK[0-9a-fA-F]{32}$`).
pub fn is_sid(text: &str, prefixes: &[&str]) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 34
        && prefixes.iter().any(|p| bytes.starts_with(p.as_bytes()))
        // Without a branch per byte, so that the 32 digits are tested a vector at a time.
        && bytes[2..]
            .iter()
            .fold(true, |all, b| all & b.is_ascii_hexdigit())
}

/// Whether `text` is an absolute URI as RFC 3986 defines it, which is what OpenAPI's
/// `format: uri` means and what Twilio's mock checks:
///
/// ```text
/// URI       = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
/// hier-part = "//" authority path-abempty / path-absolute / path-rootless
/// ```
///
/// Every part is checked against its grammar: the scheme's characters, `%` followed by two hex
/// digits, `[` `]` only around an IP literal host, one `#` at most.
pub fn is_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme_bytes = scheme.bytes();
    let scheme_ok = matches!(scheme_bytes.next(), Some(c) if c.is_ascii_alphabetic())
        && scheme_bytes.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return false;
    }
    let (hier, tail_ok) = split_tail(rest);
    !hier.is_empty() && hier_part(hier) && tail_ok
}

/// `text` without its `[ "?" query ] [ "#" fragment ]`, and whether those follow their grammar.
fn split_tail(text: &str) -> (&str, bool) {
    let (rest, fragment) = match text.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (text, None),
    };
    let (head, query) = match rest.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (rest, None),
    };
    let tail_ok = |part: Option<&str>| {
        part.is_none_or(|part| all_of(part, |b| is_pchar(b) || b == b'/' || b == b'?'))
    };
    (head, tail_ok(query) && tail_ok(fragment))
}

/// ```text
/// URI-reference = URI / relative-ref
/// relative-ref  = relative-part [ "?" query ] [ "#" fragment ]
/// relative-part = "//" authority path-abempty / path-absolute / path-noscheme / path-empty
/// ```
///
/// An absolute URI, or a reference relative to the URL of the request that carries it
/// (`/pay/status`, `status?x=1`), as Twilio documents for "an absolute or relative URL". The
/// first segment of a relative path holds no `:`, which would make it a scheme.
pub fn is_uri_reference(text: &str) -> bool {
    if is_uri(text) {
        return true;
    }
    let (relative, tail_ok) = split_tail(text);
    let first_segment = relative.split('/').next().unwrap_or_default();
    let relative_ok = if let Some(network_path) = relative.strip_prefix("//") {
        hier_part(relative) || all_of(network_path, |b| is_pchar(b) || b == b'/')
    } else {
        !first_segment.contains(':') && all_of(relative, |b| is_pchar(b) || b == b'/')
    };
    relative_ok && tail_ok
}

/// `hier-part`: a path of `pchar`s and `/`, or `//` with an authority whose host is an IP
/// literal (`[v6]`), which is the one place `[` and `]` may stand.
fn hier_part(hier: &str) -> bool {
    if all_of(hier, |b| is_pchar(b) || b == b'/') {
        return true;
    }
    let Some(authority_and_path) = hier.strip_prefix("//") else {
        return false;
    };
    let (authority, path) = match authority_and_path.find('/') {
        Some(slash) => authority_and_path.split_at(slash),
        None => (authority_and_path, ""),
    };
    let host_and_port = match authority.rsplit_once('@') {
        Some((userinfo, host)) if all_of(userinfo, |b| is_pchar(b) && b != b'@') => host,
        Some(_) => return false,
        None => authority,
    };
    let Some((literal, port)) = host_and_port
        .strip_prefix('[')
        .and_then(|h| h.split_once(']'))
    else {
        return false;
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()));
    port_ok && is_ip_literal(literal) && all_of(path, |b| is_pchar(b) || b == b'/')
}

/// The inside of `[…]`: an IPv6 address or an `IPvFuture` (`v1.x`).
fn is_ip_literal(literal: &str) -> bool {
    if let Some(future) = literal.strip_prefix(['v', 'V']) {
        return match future.split_once('.') {
            Some((version, rest)) => {
                !version.is_empty()
                    && version.bytes().all(|b| b.is_ascii_hexdigit())
                    && !rest.is_empty()
                    && rest
                        .bytes()
                        .all(|b| is_unreserved(b) || is_sub_delim(b) || b == b':')
            }
            None => false,
        };
    }
    literal.parse::<std::net::Ipv6Addr>().is_ok()
}

/// Whether every byte of `text` is allowed, reading `%XX` as one allowed character.
fn all_of(text: &str, allowed: impl Fn(u8) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let escape = bytes.get(i + 1..i + 3);
            if !escape.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
        } else if allowed(bytes[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

const fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// `pchar` without `%`, which [`all_of`] reads as an escape.
fn is_pchar(b: u8) -> bool {
    PCHAR[usize::from(b)]
}

/// [`is_pchar`] for every byte, looked up instead of tested.
static PCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = is_unreserved(byte) || is_sub_delim(byte) || byte == b':' || byte == b'@';
        b += 1;
    }
    table
};

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
            "https://[::1]:8080/cb",
            "https://user:pw@[v1.fe]/cb",
            "x:/",
            "https://example.com/cb#frag/with?marks",
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
            "x:",
            "x:?q",
            "https://example.com/a[1]",
            "https://example.com/cb?q=[1]",
            "https://example.com/cb#a#b",
            "https://[::1/cb",
            "https://[zz]/cb",
            "https://[::1]:80a/cb",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }

    #[test]
    fn uri_references() {
        for ok in [
            "https://example.com/cb",
            "/pay/status",
            "/pay/status?call=1#x",
            "status",
            "status/next?x=%20",
            "./a:b",
            "//host/cb",
            "?only=query",
            "#frag",
            "",
        ] {
            assert!(is_uri_reference(ok), "{ok}");
        }
        for bad in [
            "not a uri",
            "/pay status",
            "/pay\nstatus",
            "/pay/\u{7f}",
            "a:b:c d",
            "/ü",
            "/a%zz",
            "/cb#a#b",
            "/a{b}",
            "\t/cb",
        ] {
            assert!(!is_uri_reference(bad), "{bad}");
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
