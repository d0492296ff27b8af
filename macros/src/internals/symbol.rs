//! Every key the attribute reads, named once: the parsers, the "did you mean" and the help text
//! all read these tables.

use crate::internals::case::closest;

/// One key: its name and how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// The key as written (`rename`).
    pub name: &'static str,
    /// The key with an example value, as help texts show it (`rename = "…"`).
    pub usage: &'static str,
}

/// `response = Type`: what a success body is decoded into.
pub const RESPONSE: Symbol = Symbol {
    name: "response",
    usage: "response = Type",
};
/// `host = "voice"`: the product host.
pub const HOST: Symbol = Symbol {
    name: "host",
    usage: "host = \"…\"",
};

/// `list = Message`: a list operation, answered a `Page<Message>`.
pub const LIST: Symbol = Symbol {
    name: "list",
    usage: "list = Item",
};
/// `body = json`: the request body is JSON, not a form.
pub const BODY_FORMAT: Symbol = Symbol {
    name: "body",
    usage: "body = json",
};
/// `auth = oauth2`: the endpoint needs an OAuth2 bearer token.
pub const AUTH: Symbol = Symbol {
    name: "auth",
    usage: "auth = oauth2",
};

/// The options after the method and the template, in help order.
pub const OPTIONS: [Symbol; 5] = [RESPONSE, LIST, HOST, BODY_FORMAT, AUTH];

/// The values of `body = …`.
pub const BODY_FORMATS: [&str; 2] = ["json", "form"];
/// The values of `auth = …`.
pub const AUTH_SCHEMES: [&str; 2] = ["oauth2", "basic"];

/// `#[twilio(rename = "StartTime>")]`: the Twilio name.
pub const RENAME: Symbol = Symbol {
    name: "rename",
    usage: "rename = \"…\"",
};
/// `#[twilio(path)]`: fills the placeholder of its Twilio name.
pub const PATH: Symbol = Symbol {
    name: "path",
    usage: "path",
};
/// `#[twilio(query)]`: a query-string parameter.
pub const QUERY: Symbol = Symbol {
    name: "query",
    usage: "query",
};
/// `#[twilio(form)]`: a form body parameter.
pub const FORM: Symbol = Symbol {
    name: "form",
    usage: "form",
};
/// `#[twilio(header)]`: a request header.
pub const HEADER: Symbol = Symbol {
    name: "header",
    usage: "header",
};
/// `#[twilio(body)]`: the whole JSON body.
pub const BODY: Symbol = Symbol {
    name: "body",
    usage: "body",
};
/// `#[twilio(sid = "CA")]`: a SID with one of these prefixes.
pub const SID: Symbol = Symbol {
    name: "sid",
    usage: "sid = \"CA\"",
};
/// `#[twilio(uri)]`: an absolute URI.
pub const URI: Symbol = Symbol {
    name: "uri",
    usage: "uri",
};
/// `#[twilio(uri_reference)]`: an absolute URI or a relative reference (`/pay/status`).
pub const URI_REFERENCE: Symbol = Symbol {
    name: "uri_reference",
    usage: "uri_reference",
};

/// `#[twilio(page_token)]`: the parameter a token page's `meta.next_token` goes back in.
pub const PAGE_TOKEN: Symbol = Symbol {
    name: "page_token",
    usage: "page_token",
};

/// The keys of `#[twilio(...)]` on a field, in help order.
pub const FIELD_KEYS: [Symbol; 10] = [
    RENAME,
    PATH,
    QUERY,
    FORM,
    HEADER,
    BODY,
    SID,
    URI,
    URI_REFERENCE,
    PAGE_TOKEN,
];

/// The symbol named `name` among `keys`.
pub fn find(keys: &[Symbol], name: &str) -> Option<Symbol> {
    keys.iter().copied().find(|key| key.name == name)
}

/// The keys' usages as a sentence: "`a`, `b` and `c`".
pub fn usages(keys: &[Symbol]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{}`", k.usage)).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The message for a key that is none of `keys` (`what` names the key and where it was written,
/// such as "key `x` in `#[twilio(…)]`"): the nearest key, then every one.
pub fn unknown(what: &str, name: &str, keys: &[Symbol]) -> String {
    let kinds = if keys == OPTIONS { "options" } else { "keys" };
    match closest(name, keys.iter().map(|k| k.name)) {
        Some(known) => format!(
            "unknown {what}: did you mean `{known}`? The {kinds} are {}",
            usages(keys)
        ),
        None => format!("unknown {what}: the {kinds} are {}", usages(keys)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usages_read_as_a_sentence() {
        assert_eq!(
            usages(&OPTIONS),
            "`response = Type`, `list = Item`, `host = \"…\"`, `body = json` and `auth = oauth2`"
        );
        assert_eq!(usages(&[PATH]), "`path`");
    }

    #[test]
    fn unknown_keys_suggest_the_nearest() {
        assert_eq!(
            unknown("key `renam`", "renam", &[RENAME, PATH]),
            "unknown key `renam`: did you mean `rename`? The keys are `rename = \"…\"` and `path`"
        );
        assert_eq!(
            unknown("option `zzz`", "zzz", &OPTIONS),
            "unknown option `zzz`: the options are `response = Type`, `list = Item`, \
             `host = \"…\"`, `body = json` and `auth = oauth2`"
        );
    }
}
