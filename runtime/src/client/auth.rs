//! Credentials: the secret type, the `Authorization` header made from it once, and the redactor
//! that takes the secret out of text from the server.

use std::fmt;

use base64::Engine as _;
use http::HeaderValue;

/// An auth token or API secret. Its `Debug` shows `***`, so that a struct holding one can
/// `#[derive(Debug)]` (as octocrab's `SecretString`); the text is reached only through
/// [`Secret::expose`], where it goes into the `Authorization` header.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Secret(Box<str>);

impl Secret {
    /// The secret's text: only for the `Authorization` header and the redactor.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Secret {
        Secret(text.into_boxed_str())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

/// HTTP Basic credentials: the account SID or API key SID as the user name, with its secret.
#[derive(Debug)]
pub(crate) struct Credentials {
    /// The user name: the account SID or an API key SID.
    pub(crate) username: String,
    /// `Basic …`, marked sensitive so that `http` never shows it.
    pub(crate) authorization: HeaderValue,
    /// Takes the secret out of text from the server before it goes into an error.
    pub(crate) redactor: Redactor,
}

impl Credentials {
    /// The `Authorization` header and the redactor for `username` with `secret`.
    pub(crate) fn basic(username: String, secret: &Secret) -> Credentials {
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{username}:{}", secret.expose()));
        let mut authorization = HeaderValue::try_from(format!("Basic {encoded}"))
            .expect("base64 after `Basic ` is always valid header text");
        authorization.set_sensitive(true);
        Credentials {
            redactor: Redactor::new(secret, Secret::from(encoded)),
            username,
            authorization,
        }
    }
}

/// The shortest secret searched for in text. Twilio's auth tokens and API secrets are 32
/// characters; a shorter secret (a test credential such as `t`) would match ordinary text
/// and mask every `t` in an error message, so it is not searched for at all.
pub(crate) const MIN_REDACTED_LEN: usize = 16;

/// Replaces every copy of the client's secrets in text from the server with `***`.
///
/// A server never needs the secret in a body, but one that echoes the request (a misconfigured
/// proxy, a debugging endpoint, a hostile stand-in given the credentials) would put the
/// `Authorization` header, or the decoded secret, into an error message that ends up in logs.
/// Only whole secrets of at least [`MIN_REDACTED_LEN`] characters are replaced.
#[derive(Clone, Debug)]
pub(crate) struct Redactor {
    /// The base64 `user:secret` of the Basic header, then the auth token or API secret: the
    /// longer first, so that replacing one never breaks a copy of the other.
    needles: [Secret; 2],
}

impl Redactor {
    pub(crate) fn new(secret: &Secret, basic: Secret) -> Redactor {
        Redactor {
            needles: [basic, secret.clone()],
        }
    }

    /// `text` with every whole secret replaced by `***`.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for needle in &self.needles {
            let needle = needle.expose();
            if needle.chars().count() >= MIN_REDACTED_LEN && text.contains(needle) {
                text = text.replace(needle, "***");
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_debugs_as_stars_and_so_does_a_struct_deriving_debug() {
        #[derive(Debug)]
        #[allow(dead_code)] // Read by `Debug` only.
        struct Holder {
            user: &'static str,
            secret: Secret,
        }
        let holder = Holder {
            user: "SK1",
            secret: Secret::from("0123456789abcdef0123456789abcdef".to_owned()),
        };
        let debug = format!("{holder:?}");
        assert_eq!(debug, r#"Holder { user: "SK1", secret: "***" }"#);
        assert_eq!(holder.secret.expose(), "0123456789abcdef0123456789abcdef");
    }

    #[test]
    fn the_authorization_header_is_sensitive_and_not_in_debug() {
        let credentials = Credentials::basic(
            "AC1".to_owned(),
            &Secret::from("0123456789abcdef0123456789abcdef".to_owned()),
        );
        assert!(credentials.authorization.is_sensitive());
        let debug = format!("{credentials:?}");
        assert!(!debug.contains("0123456789abcdef"), "{debug}");
        assert!(!debug.contains("QUMx"), "{debug}");
    }

    #[test]
    fn whole_long_secrets_are_redacted_short_ones_are_not_searched_for() {
        let token = "s3cr3t-token-0123456789abcdef";
        let long = Credentials::basic("AC1".to_owned(), &Secret::from(token.to_owned()));
        let basic = long
            .authorization
            .to_str()
            .unwrap()
            .strip_prefix("Basic ")
            .unwrap()
            .to_owned();
        let echoed = format!("token={token}; Authorization: Basic {basic}");
        assert_eq!(
            long.redactor.redact(&echoed),
            "token=***; Authorization: Basic ***"
        );
        // A one-letter test token would otherwise mask every `t` in the text.
        let short = Credentials::basic("AC1".to_owned(), &Secret::from("t".to_owned()));
        let text = "the requested resource was not found";
        assert_eq!(short.redactor.redact(text), text);
        // 15 characters: left alone; 16: replaced.
        let fifteen = "abcdefghijklmno";
        let sixteen = "abcdefghijklmnop";
        for (secret, expected) in [(fifteen, fifteen), (sixteen, "***")] {
            let credentials =
                Credentials::basic("AC1".to_owned(), &Secret::from(secret.to_owned()));
            assert_eq!(credentials.redactor.redact(secret), expected);
        }
    }
}
