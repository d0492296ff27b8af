//! The rules the attribute, the runtime and the generator share, each defined once here.
//!
//! This one file is compiled into every crate that applies them, the way serde compiles
//! `serde_derive`'s internals into `serde_derive_internals`: the macro crate as its module
//! `shared`, the runtime through the symlink `runtime/src/shared.rs` (a symlink, so that
//! `cargo package` copies the file into the runtime's package), the generator with `#[path]`.
//! It names nothing but `core`, so that it compiles the same in each.

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
}
