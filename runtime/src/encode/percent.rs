//! Percent-encoding: path segments (RFC 3986's unreserved set) and form text
//! (`application/x-www-form-urlencoded`, as `form_urlencoded` writes it).

/// Which bytes a value keeps as they are; all others are percent-encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Keep {
    /// A path segment: RFC 3986's unreserved set, ASCII letters, digits and `- . _ ~`.
    /// Everything else, `/ ? # %`, space, controls and non-ASCII included, is encoded, so that no
    /// value can add a segment, a query or a fragment.
    Segment,
    /// A form value (`application/x-www-form-urlencoded`, as `form_urlencoded` writes it):
    /// ASCII letters, digits and `* - . _`; a space becomes `+`.
    Form,
}

/// For each byte, whether `keep` keeps it.
const fn table(keep: Keep) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_')
            || match keep {
                Keep::Segment => byte == b'~',
                Keep::Form => byte == b'*',
            };
        b += 1;
    }
    table
}

static SEGMENT_TABLE: [bool; 256] = table(Keep::Segment);
static FORM_TABLE: [bool; 256] = table(Keep::Form);

impl Keep {
    /// Whether `b` stays as it is.
    #[inline(always)]
    pub(super) fn keeps(self, b: u8) -> bool {
        self.table()[usize::from(b)]
    }

    #[inline(always)]
    fn table(self) -> &'static [bool; 256] {
        match self {
            Keep::Segment => &SEGMENT_TABLE,
            Keep::Form => &FORM_TABLE,
        }
    }

    /// The first byte at or after `from` that must be encoded. Eight bytes are tested at a time
    /// without a branch between them.
    #[inline(always)]
    fn next_escape(self, bytes: &[u8], mut from: usize) -> Option<usize> {
        let table = self.table();
        while let Some(chunk) = bytes.get(from..from + 8) {
            if chunk
                .iter()
                .fold(true, |all, &b| all & table[usize::from(b)])
            {
                from += 8;
            } else {
                break;
            }
        }
        let rest = bytes.get(from..)?;
        rest.iter()
            .position(|&b| !table[usize::from(b)])
            .map(|i| from + i)
    }
}

/// Appends `text` to `buf`, each byte that `keep` does not keep as `%XX` (a space in a form
/// value as `+`). Text with nothing to encode is copied whole; otherwise, from the first byte
/// to encode on, the output is put together in a buffer on the stack and copied in chunks.
#[inline]
pub(super) fn push_encoded(buf: &mut String, text: &str, keep: Keep) {
    let bytes = text.as_bytes();
    let Some(first) = keep.next_escape(bytes, 0) else {
        buf.push_str(text);
        return;
    };
    // `..first` holds kept ASCII bytes only, so `first` is a character boundary.
    buf.push_str(&text[..first]);
    let table = keep.table();
    let mut out = [0u8; 128];
    let mut len = 0;
    for &b in &bytes[first..] {
        if len + 3 > out.len() {
            push_ascii(buf, &out[..len]);
            len = 0;
        }
        if table[usize::from(b)] {
            out[len] = b;
            len += 1;
        } else if b == b' ' && keep == Keep::Form {
            out[len] = b'+';
            len += 1;
        } else {
            out[len] = b'%';
            out[len + 1] = HEX[usize::from(b >> 4)];
            out[len + 2] = HEX[usize::from(b & 15)];
            len += 3;
        }
    }
    push_ascii(buf, &out[..len]);
}

/// Upper-case hexadecimal digits, for `%XX`.
const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends bytes that [`push_encoded`] wrote, all ASCII.
fn push_ascii(buf: &mut String, ascii: &[u8]) {
    match std::str::from_utf8(ascii) {
        Ok(text) => buf.push_str(text),
        Err(_) => unreachable!("percent-encoded text is ASCII"),
    }
}

/// Form-encodes `text` (`application/x-www-form-urlencoded`, space as `+`) onto `buf`.
pub(super) fn push_form_encoded(buf: &mut String, text: &str) {
    push_encoded(buf, text, Keep::Form);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte alone, in runs, between others, and non-ASCII text.
    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        texts.extend((0u8..128).map(|b| format!("ab{}cd{}", char::from(b), char::from(b))));
        let all: String = (1u8..128).map(char::from).collect();
        texts.push(all.clone());
        texts.push(all.repeat(3));
        for text in [
            "",
            "plain-text_0.9*~",
            "https://example.com/a b?c=d&e=f#g",
            "Zoë & co, 東京 🎉",
            "ü",
            "aü",
            "üa",
            "  leading and trailing  ",
            "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
        ] {
            texts.push(text.to_owned());
        }
        texts
    }

    #[test]
    fn form_values_encode_as_form_urlencoded_does() {
        for text in texts() {
            let mut ours = String::from("x");
            push_form_encoded(&mut ours, &text);
            let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
            assert_eq!(ours, format!("x{theirs}"), "{text:?}");
        }
    }

    #[test]
    fn path_segments_keep_only_unreserved_characters() {
        const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        for text in texts() {
            let mut ours = String::from("/");
            push_encoded(&mut ours, &text, Keep::Segment);
            let theirs = percent_encoding::utf8_percent_encode(&text, UNRESERVED).to_string();
            assert_eq!(ours, format!("/{theirs}"), "{text:?}");
        }
    }
}
