//! Names: Twilio's wire names to Rust names, and the attribute's own rules for going back, so
//! that a `rename` is written exactly where the attribute would otherwise get the name wrong.
//!
//! [`pascal_case`], [`header_case`] and [`placeholder_snake_case`] are the attribute's own rules:
//! `macros/src/internals/case.rs` is compiled into this crate as well (a proc-macro crate cannot be a
//! library dependency), so the generator and the attribute cannot disagree on a name.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's keywords, written `r#…` as field names.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; a `_` is appended instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The Rust field name of a wire name: snake_case, `>` and `<` suffixes as `_after` and
/// `_before` (`StartTime>` -> `start_time_after`), `r#` before a keyword. `None` when no
/// identifier can be made (a name without letters, or starting with a digit).
pub fn field_name(wire: &str) -> Option<String> {
    let spelled = wire.replace('>', "After").replace('<', "Before");
    let snake = spelled.to_snake_case();
    let first = snake.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_')
        || !snake.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    Some(raw_if_keyword(snake))
}

/// `name`, written `r#name` when it is a keyword.
pub fn raw_if_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A type name for a schema or enum value (`payments_enum_capture` -> `PaymentsEnumCapture`,
/// `api.v2010.account.message` -> `ApiV2010AccountMessage`); `None` when it would not start
/// with a letter.
pub fn type_name(name: &str) -> Option<String> {
    let camel = name.to_upper_camel_case();
    let first = camel.chars().next()?;
    (first.is_ascii_alphabetic() && camel.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(camel)
}

/// The attribute's name rules, from the macro's own source.
use crate::internals::case;

/// The attribute's Twilio name for a field (`status_callback` -> `StatusCallback`).
pub use case::pascal_case;

/// The attribute's header name for a field (`if_match` -> `If-Match`).
pub use case::header_case;

/// The attribute's snake_case of a placeholder (`assistantId` -> `assistant_id`): a path field
/// with this name fills the placeholder without a `rename`.
pub use case::snake_case as placeholder_snake_case;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        assert_eq!(
            field_name("StartTime>").as_deref(),
            Some("start_time_after")
        );
        assert_eq!(
            field_name("StartTime<").as_deref(),
            Some("start_time_before")
        );
        assert_eq!(
            field_name("StatusCallback").as_deref(),
            Some("status_callback")
        );
        assert_eq!(field_name("Type").as_deref(), Some("r#type"));
        assert_eq!(field_name("assistantId").as_deref(), Some("assistant_id"));
        assert_eq!(
            field_name("X-Twilio-Webhook-Enabled").as_deref(),
            Some("x_twilio_webhook_enabled")
        );
        assert_eq!(field_name("Self").as_deref(), Some("self_"));
        assert_eq!(field_name("3Ds"), None);
    }

    #[test]
    fn attribute_names() {
        assert_eq!(pascal_case("start_time_after"), "StartTimeAfter");
        assert_eq!(pascal_case("r#type"), "Type");
        assert_eq!(header_case("if_match"), "If-Match");
        assert_eq!(placeholder_snake_case("assistantId"), "assistant_id");
        assert_eq!(
            type_name("payments_enum_capture").as_deref(),
            Some("PaymentsEnumCapture")
        );
        assert_eq!(
            type_name("api.v2010.account.message").as_deref(),
            Some("ApiV2010AccountMessage")
        );
    }
}
