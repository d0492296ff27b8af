//! The rules the attribute, the runtime and the generator share, each defined once here.
//!
//! This one file is compiled into every crate that applies them, the way serde compiles
//! `serde_derive`'s internals into `serde_derive_internals`: the macro crate as its module
//! `shared`, the runtime through the symlink `runtime/src/shared.rs` (a symlink, so that
//! `cargo package` copies the file into the runtime's package), the generator with `#[path]`.
//! It names nothing but `core`, so that it compiles the same in each.

/// The headers the client writes itself, in the case Twilio's documents write them, with why: no
/// parameter may set them (the attribute refuses such a field, the runtime such a `Parameter`,
/// the generator such a parameter of a description).
pub const CLIENT_HEADERS: [(&str, &str); 6] = [
    (
        "Authorization",
        "it carries the client's credentials (Twilio's descriptions list it as a parameter; the \
         client's Basic or OAuth2 auth fills it)",
    ),
    (
        "Content-Type",
        "it follows the body: `body = json` sends `application/json`, a form body \
         `application/x-www-form-urlencoded`",
    ),
    ("Content-Length", "it follows the body"),
    ("User-Agent", "the client names itself in it"),
    ("Host", "the client's origin for the product sets it"),
    ("Accept", "the client asks for JSON in it"),
];

/// The header of [`CLIENT_HEADERS`] named `name` (in any case), with why the client owns it.
pub fn client_header(name: &str) -> Option<(&'static str, &'static str)> {
    CLIENT_HEADERS
        .iter()
        .copied()
        .find(|(header, _)| header.eq_ignore_ascii_case(name))
}

/// Whether `label` can stand between dots in a host name, as an endpoint's `host`, an edge, a
/// region or a product must: lower-case ASCII letters, digits and `-`, not at either end.
pub fn is_host_label(label: &str) -> bool {
    !label.is_empty()
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels() {
        for good in ["ie1", "us1", "sao-paulo", "api", "x", "preview-iam"] {
            assert!(is_host_label(good), "{good}");
        }
        for bad in ["", "IE1", "-a", "a-", "-voice", "a.b", "a b", "é"] {
            assert!(!is_host_label(bad), "{bad}");
        }
    }

    #[test]
    fn client_headers_in_any_case() {
        assert_eq!(
            client_header("content-length").map(|(n, _)| n),
            Some("Content-Length")
        );
        assert_eq!(client_header("ACCEPT").map(|(n, _)| n), Some("Accept"));
        assert_eq!(client_header("If-Match"), None);
    }

    /// The README's sentence on the client's headers names each of them, in this order.
    #[test]
    fn the_readme_names_every_client_header() {
        let readme = include_str!("../../README.md");
        let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        let names: Vec<String> = CLIENT_HEADERS
            .iter()
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        let (last, others) = names.split_last().expect("headers");
        let sentence = format!(
            "{} and {last} are the client's and cannot be declared.",
            others.join(", ")
        );
        assert!(
            readme.contains(&sentence),
            "the README should say: {sentence}"
        );
    }
}
