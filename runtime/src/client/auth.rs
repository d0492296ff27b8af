//! Credentials: the secret type, the `Authorization` header made from it once, and the redactor
//! that takes the secret out of text from the server.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use base64::Engine as _;
use http::HeaderValue;

use super::oauth2::OAuth2;

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
pub(crate) struct Basic {
    /// The user name: the account SID or an API key SID.
    #[allow(dead_code)] // Read by `Debug` and tests.
    pub(crate) username: String,
    /// `Basic …`, marked sensitive so that `http` never shows it.
    pub(crate) authorization: HeaderValue,
}

/// A client's credentials: Basic, OAuth2 client credentials, or both.
#[derive(Debug)]
pub(crate) struct Credentials {
    pub(crate) basic: Option<Basic>,
    pub(crate) oauth2: Option<OAuth2>,
    /// Takes the secrets out of text from the server before it goes into an error.
    pub(crate) redactor: Redactor,
}

impl Credentials {
    /// Basic credentials only: the `Authorization` header and the redactor for `username` with
    /// `secret`.
    #[cfg(test)]
    pub(crate) fn basic(username: String, secret: &Secret) -> Credentials {
        Credentials::new(Some((username, secret)), None)
    }

    /// Basic credentials, OAuth2 client credentials (a client ID and its secret), or both.
    pub(crate) fn new(
        basic: Option<(String, &Secret)>,
        oauth2: Option<(String, Secret)>,
    ) -> Credentials {
        let mut needles = Vec::new();
        let basic = basic.map(|(username, secret)| {
            let encoded = base64::engine::general_purpose::STANDARD
                .encode(format!("{username}:{}", secret.expose()));
            let mut authorization = HeaderValue::try_from(format!("Basic {encoded}"))
                .expect("base64 after `Basic ` is always valid header text");
            authorization.set_sensitive(true);
            needles.push(Secret::from(encoded));
            needles.push(secret.clone());
            Basic {
                username,
                authorization,
            }
        });
        let token = Arc::new(RwLock::new(None));
        let oauth2 = oauth2.map(|(client_id, client_secret)| {
            needles.push(client_secret.clone());
            OAuth2::new(client_id, client_secret, Arc::clone(&token))
        });
        // The longer first, so that replacing one never breaks a copy of another.
        needles.sort_by_key(|needle| std::cmp::Reverse(needle.expose().len()));
        Credentials {
            basic,
            oauth2,
            redactor: Redactor { needles, token },
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
    /// The base64 `user:secret` of the Basic header, the auth token or API secret and the OAuth2
    /// client secret: the longer first, so that replacing one never breaks a copy of another.
    needles: Vec<Secret>,
    /// The OAuth2 access token in use, if any (it changes as tokens are refreshed).
    token: Arc<RwLock<Option<Secret>>>,
}

impl Redactor {
    /// `text` with every whole secret replaced by `***`.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut text = text.to_owned();
        let token = self
            .token
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        for needle in token.iter().chain(&self.needles) {
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
        let authorization = &credentials.basic.as_ref().unwrap().authorization;
        assert!(authorization.is_sensitive());
        let debug = format!("{credentials:?}");
        assert!(!debug.contains("0123456789abcdef"), "{debug}");
        assert!(!debug.contains("QUMx"), "{debug}");
    }

    #[test]
    fn whole_long_secrets_are_redacted_short_ones_are_not_searched_for() {
        let token = "s3cr3t-token-0123456789abcdef";
        let long = Credentials::basic("AC1".to_owned(), &Secret::from(token.to_owned()));
        let basic = long
            .basic
            .as_ref()
            .unwrap()
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
