//! The path template: `/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json`.

use crate::internals::case::{is_pascal_identifier, is_placeholder_name, pascal_case, snake_case};

/// A parsed path template: constant parts and `<Name>` placeholders, in order. Placeholders are
/// named as Twilio names them: `<CallSid>`, `<id>`, `<assistantId>`.
#[derive(Debug, PartialEq, Eq)]
pub struct PathTemplate {
    pub parts: Vec<Part>,
}

/// One part of a template.
#[derive(Debug, PartialEq, Eq)]
pub enum Part {
    /// Constant text, written as it is.
    Literal(String),
    /// A placeholder, filled by the field whose wire name it is.
    Placeholder(String),
}

impl PathTemplate {
    /// The placeholders' names, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Placeholder(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }
}

/// Parses a template, or says everything that is wrong with it, each message saying how to fix.
pub fn parse(text: &str) -> Result<PathTemplate, Vec<String>> {
    let mut errors = Vec::new();
    if text.is_empty() {
        return Err(vec![
            "the path template is empty: write an absolute path such as \
             \"/2010-04-01/Accounts/<AccountSid>/Calls.json\""
                .into(),
        ]);
    }
    if !text.starts_with('/') {
        if let Some(url) = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
        {
            // One mistake: the rest of the URL is checked as the path it should have been.
            let (host, path) = url.split_once('/').unwrap_or((url, ""));
            let product = host.strip_suffix(".twilio.com").unwrap_or(host);
            return Err(vec![format!(
                "write only the path: \"/{path}\" (the client adds the host; for \
                 {host}, add `host = \"{product}\"`)"
            )]);
        } else {
            errors.push(format!(
                "the path template must start with `/`: \"/{}\"",
                text.trim_start_matches('/')
            ));
        }
    }
    if let Some((_, query)) = text.split_once('?') {
        let name = query
            .split(['=', '&', '#'])
            .next()
            .filter(|name| is_pascal_identifier(name))
            .unwrap_or("PageSize");
        errors.push(format!(
            "the path template holds no query string (`?{query}`): declare each query \
             parameter as a field, such as `pub {}: Option<String>` for `{name}`; a GET or \
             DELETE sends its fields in the query string",
            snake_case(name)
        ));
    } else if let Some((_, fragment)) = text.split_once('#') {
        errors.push(format!(
            "the path template holds no fragment: remove `#{fragment}`, which is never sent"
        ));
    }
    if let Some(position) = text.find(char::is_whitespace) {
        errors.push(format!(
            "the path template must not contain whitespace: remove it {}",
            around(text, position)
        ));
    } else if let Some(position) = text.find(char::is_control) {
        errors.push(format!(
            "the path template must not contain control characters: remove the one {}",
            around(text, position)
        ));
    }
    if let Some(c) = text.chars().find(|c| !c.is_ascii() && !c.is_whitespace()) {
        errors.push(format!(
            "the path template must be ASCII, and `{c}` is not: Twilio's paths are ASCII (values \
             are percent-encoded when they fill a placeholder)"
        ));
    }
    if let Some(position) = text.find("//") {
        errors.push(format!(
            "the path template has an empty segment: remove one `/` {}",
            around(text, position)
        ));
    }
    for segment in text.split('/') {
        if let Some(name) = segment.strip_prefix(':') {
            let name: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            errors.push(format!(
                "use `<{}>`, not `:{name}`: placeholders are written in angle brackets with the \
                 Twilio parameter name",
                pascal_case(&name)
            ));
        }
    }
    let parts = scan(text, &mut errors);
    let mut seen: Vec<&str> = Vec::new();
    for name in parts.iter().filter_map(|part| match part {
        Part::Placeholder(name) => Some(name.as_str()),
        Part::Literal(_) => None,
    }) {
        if seen.contains(&name) {
            errors.push(format!(
                "the placeholder `<{name}>` appears twice: each placeholder is filled by one field, once"
            ));
        } else {
            seen.push(name);
        }
    }
    if errors.is_empty() {
        Ok(PathTemplate { parts })
    } else {
        Err(errors)
    }
}

/// Splits the template into literals and placeholders, reporting brace and bracket mistakes.
fn scan(text: &str, errors: &mut Vec<String>) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let body = &rest[1..];
                let end = body.find(['>', '<', '/']);
                match end.map(|i| (i, body.as_bytes()[i])) {
                    Some((i, b'>')) => {
                        let name = &body[..i];
                        if name.is_empty() {
                            errors.push(
                                "empty placeholder `<>`: name the Twilio parameter that fills it, \
                                 such as `<Sid>`"
                                    .into(),
                            );
                        } else if !is_placeholder_name(name) {
                            let bad = name
                                .chars()
                                .find(|c| !c.is_ascii_alphanumeric() && *c != '_')
                                .map_or_else(
                                    || "a parameter name does not start with a digit".to_owned(),
                                    |c| format!("`{c}` cannot be part of a parameter name"),
                                );
                            errors.push(format!(
                                "the placeholder `<{name}>` is not a parameter name ({bad}): use \
                                 letters, digits and `_`, such as `<{}>`",
                                suggest_name(name)
                            ));
                        }
                        if !literal.is_empty() {
                            parts.push(Part::Literal(std::mem::take(&mut literal)));
                        }
                        parts.push(Part::Placeholder(name.to_owned()));
                        rest = &body[i + 1..];
                    }
                    _ => {
                        let name = &body[..end.unwrap_or(body.len())];
                        let name = name.split('.').next().unwrap_or(name);
                        errors.push(format!(
                            "unclosed `<{name}` in the path template: write `<{}>`",
                            suggest_name(name)
                        ));
                        literal.push('<');
                        rest = body;
                    }
                }
            }
            '>' => {
                let name = literal.rsplit('/').next().unwrap_or("");
                errors.push(if name.is_empty() {
                    "`>` without a matching `<` in the path template: write placeholders as \
                     `<Name>`"
                        .into()
                } else {
                    format!(
                        "`{name}>` has no opening `<`: write `<{}>`",
                        suggest_name(name)
                    )
                });
                literal.push('>');
                rest = &rest[1..];
            }
            '{' => {
                let body = &rest[1..];
                let name_end = body.find('}').unwrap_or(body.len());
                let name = &body[..name_end];
                errors.push(format!(
                    "use `<{}>`, not `{{{name}}}`: placeholders are written in angle brackets",
                    suggest_name(name)
                ));
                rest = body.get(name_end + 1..).unwrap_or("");
            }
            _ => {
                literal.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !literal.is_empty() {
        parts.push(Part::Literal(literal));
    }
    parts
}

/// Where `position` is in `text`, for a message: "after `/Calls/`" or "at the start".
fn around(text: &str, position: usize) -> String {
    let before = &text[..position];
    let start = before.trim_end_matches('/').rfind('/').unwrap_or(0);
    if position == 0 {
        "at the start".into()
    } else {
        format!("after `{}`", &before[start..])
    }
}

/// A PascalCase spelling of a name written another way (`call-sid` -> `CallSid`).
fn suggest_name(name: &str) -> String {
    let snake: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let pascal = pascal_case(&snake);
    if pascal.is_empty() {
        "Sid".into()
    } else {
        pascal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Part {
        Part::Literal(s.into())
    }
    fn ph(s: &str) -> Part {
        Part::Placeholder(s.into())
    }

    #[test]
    fn parses_the_update_payments_template() {
        let t =
            parse("/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/2010-04-01/Accounts/"),
                ph("AccountSid"),
                lit("/Calls/"),
                ph("CallSid"),
                lit("/Payments/"),
                ph("Sid"),
                lit(".json"),
            ]
        );
        assert_eq!(
            t.placeholders().collect::<Vec<_>>(),
            ["AccountSid", "CallSid", "Sid"]
        );
    }

    #[test]
    fn parses_templates_without_placeholders_or_ending_in_one() {
        assert_eq!(
            parse("/v1/Services").unwrap().parts,
            vec![lit("/v1/Services")]
        );
        assert_eq!(
            parse("/v1/<Sid>").unwrap().parts,
            vec![lit("/v1/"), ph("Sid")]
        );
    }

    fn errors(text: &str) -> Vec<String> {
        parse(text).unwrap_err()
    }

    #[test]
    fn reports_each_mistake_with_its_fix() {
        assert!(errors("")[0].contains("empty"));
        assert!(errors("2010-04-01/Calls.json")[0].contains("must start with `/`"));
        assert_eq!(
            errors("https://voice.twilio.com/v1/Calls/<Sid>"),
            [
                "write only the path: \"/v1/Calls/<Sid>\" (the client adds the host; for \
              voice.twilio.com, add `host = \"voice\"`)"
            ]
        );
        assert!(errors("/Calls.json?PageSize=2")[0].contains("`pub page_size: Option<String>`"));
        assert!(errors("/Calls.json#x")[0].contains("remove `#x`"));
        assert!(errors("/Calls/<CallSid.json")[0]
            .contains("unclosed `<CallSid` in the path template: write `<CallSid>`"));
        assert!(errors("/Calls/CallSid>")[0].contains("`CallSid>` has no opening `<`"));
        assert!(errors("/Calls>")[0].contains("`Calls>` has no opening `<`"));
        assert!(errors("/Calls/<>")[0].contains("empty placeholder"));
        assert!(errors("/Calls/<Call-Sid>")[0].contains("such as `<CallSid>`"));
        assert!(errors("/Calls/{Sid}")[0].contains("use `<Sid>`, not `{Sid}`"));
        assert!(errors("/Calls/:sid")[0].contains("use `<Sid>`, not `:sid`"));
        assert!(errors("/A/<Sid>/B/<Sid>")[0].contains("`<Sid>` appears twice"));
        assert!(errors("/Calls/ <Sid>")[0].contains("whitespace: remove it after `/Calls/`"));
        assert!(errors("/Caffè/<Sid>")[0].contains("`è` is not"));
        assert!(errors("/Calls//<Sid>")[0].contains("remove one `/` after `/Calls`"));
    }

    #[test]
    fn one_mistake_gives_one_message() {
        assert_eq!(errors("/Calls/{Sid}.json").len(), 1);
    }

    #[test]
    fn placeholders_are_named_as_twilio_names_them() {
        let t = parse("/v1/Assistants/<id>/Feedbacks/<assistantId>/<Sid>").unwrap();
        assert_eq!(
            t.placeholders().collect::<Vec<_>>(),
            ["id", "assistantId", "Sid"]
        );
        assert!(parse("/Calls/<call_sid>").is_ok());
        assert_eq!(
            errors("/Calls/<Call-Sid>"),
            [
                "the placeholder `<Call-Sid>` is not a parameter name (`-` cannot be part of a \
              parameter name): use letters, digits and `_`, such as `<CallSid>`"
            ]
        );
        assert!(errors("/Calls/<2nd>")[0].contains("does not start with a digit"));
    }
}
