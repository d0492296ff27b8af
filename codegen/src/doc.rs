//! Description texts as rustdoc: HTML tags taken out, Markdown links kept, lines wrapped.

/// The width a doc line's text is wrapped to.
const WIDTH: usize = 92;

/// The lines of a doc comment for a description text (without the `///`).
pub fn doc_lines(text: &str) -> Vec<String> {
    let text = markdown_safe(&strip_html(text));
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            if lines.last().is_some_and(|l: &String| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > WIDTH {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// `text` as rustdoc reads it without a warning: a bare URL in `<…>`, brackets that are not a
/// Markdown link (`[OBSOLETE]`) escaped; code spans and links left as they are.
fn markdown_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && c == '[' {
            if let Some(close) = rest.find(']') {
                let inner = &rest[1..close];
                let after = &rest[close + 1..];
                if after.starts_with('(') && !inner.contains('[') {
                    let end = after.find(')').map_or(after.len(), |e| e + 1);
                    out.push_str(&rest[..close + 1 + end]);
                    rest = &after[end..];
                    continue;
                }
            }
            out.push_str("\\[");
            rest = &rest[1..];
            continue;
        } else if !in_code && c == ']' {
            out.push_str("\\]");
            rest = &rest[1..];
            continue;
        } else if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '\'', '"', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `text` without HTML tags (`<br>`, `<a href="…">`, `</b>`); a `<` that does not open a tag
/// (`<=YYYY-MM-DD`, `DateSent<`) stays. `<br>` and `<p>` become line breaks.
fn strip_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let opens_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (opens_tag, after.find('>')) {
            (true, Some(end)) => {
                let tag = after[..end].trim_start_matches('/').to_ascii_lowercase();
                if tag.starts_with("br") || tag.starts_with('p') && tag.len() == 1 {
                    out.push('\n');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped_and_links_kept() {
        let lines = doc_lines("The <b>SID</b> of the [Account](https://www.twilio.com/docs/iam/api/account).<br>Then `<=YYYY-MM-DD`.");
        assert_eq!(
            lines,
            [
                "The SID of the [Account](https://www.twilio.com/docs/iam/api/account).",
                "Then `<=YYYY-MM-DD`."
            ]
        );
    }

    #[test]
    fn rustdoc_reads_it_without_warnings() {
        assert_eq!(
            doc_lines("[OBSOLETE] See https://example.com/a. Or [docs](https://example.com/b), `[x]`."),
            ["\\[OBSOLETE\\] See <https://example.com/a>. Or [docs](https://example.com/b), `[x]`."]
        );
        assert_eq!(
            doc_lines("'https://example.com/c'"),
            ["'<https://example.com/c>'"]
        );
    }

    #[test]
    fn long_lines_are_wrapped() {
        let text = "word ".repeat(40);
        let lines = doc_lines(&text);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.len() <= WIDTH));
    }
}
