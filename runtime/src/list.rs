//! Twilio's list operations: one [`Page`] of items and the way to the next, in any of Twilio's
//! three page formats, and the [`ListEndpoint`] trait that `list = Item` implements.
//!
//! Which operation uses which format is said on [`NextPage`].

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::endpoint::Endpoint;

/// A list operation: an [`Endpoint`] declared with `list = Item`, whose answer is a
/// [`Page<Item>`] and whose pages [`Client::pages`](crate::Client::pages) and
/// [`Client::stream`](crate::Client::stream) follow.
///
/// ```
/// use twilio_endpoint::{Client, Error, ListEndpoint};
///
/// /// Counts the items of any list, page by page.
/// async fn count<E: ListEndpoint>(client: &Client, request: &E) -> Result<usize, Error> {
///     use futures_util::TryStreamExt as _;
///     client.pages(request).try_fold(0, |n, page| async move { Ok(n + page.items.len()) }).await
/// }
/// ```
pub trait ListEndpoint: Endpoint {
    /// One item of the list (`Message` for `ListMessage`).
    type Item: DeserializeOwned + Send + 'static;

    /// The query key (form-encoded) of the parameter marked `#[twilio(page_token)]`, which
    /// takes a token page's `meta.next_token`; `None` when no field is marked.
    const PAGE_TOKEN: Option<&'static str>;
}

/// One page of a list: its items, and the way to the next page.
///
/// Decodes any of Twilio's three page formats (see [`NextPage`]). `send` on a list endpoint
/// gives the first page; `stream` and `pages` follow the links.
///
/// ```
/// use serde::Deserialize;
/// use twilio_endpoint::{NextPage, Page};
///
/// #[derive(Debug, Deserialize)]
/// struct Message {
///     sid: String,
/// }
///
/// let body = r#"{"messages": [{"sid": "SM1"}, {"sid": "SM2"}], "page": 0,
///     "next_page_uri": "/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=1&PageToken=PA2"}"#;
/// let page: Page<Message> = serde_json::from_str(body)?;
/// assert_eq!(page.items.len(), 2);
/// assert!(matches!(page.next_page(), Some(NextPage::Uri(uri)) if uri.ends_with("PageToken=PA2")));
///
/// let last = r#"{"meta": {"key": "services", "next_page_url": null}, "services": []}"#;
/// let last: Page<Message> = serde_json::from_str(last)?;
/// assert!(last.items.is_empty() && last.next_page().is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page, in Twilio's order.
    pub items: Vec<T>,
    next: Option<NextPage>,
}

/// Where the next page is, as the page said it: one variant per page format of Twilio's.
///
/// Which operations use which format, read from Twilio's OpenAPI descriptions (351 list
/// operations in all):
///
/// | format | where | the items | the next page |
/// | --- | --- | --- | --- |
/// | [`NextPage::Uri`] | the 2010 API (`api.twilio.com/2010-04-01`): 60 lists | under the resource's key (`messages`, `calls`) | `next_page_uri`, relative to the host |
/// | [`NextPage::Url`] | the version 1+ products (`messaging.twilio.com/v1`, …): 285 lists | under `meta.key` | `meta.next_page_url`, absolute |
/// | [`NextPage::Token`] | numbers v1 `ListPortInRequests` | `port_in_requests` | `meta.next_token`, sent back in the parameter marked `#[twilio(page_token)]` (`Token`) |
///
/// The other five: the 2010 API's `ListAvailablePhoneNumberCountry` answers one page
/// (`countries`, no link), which decodes as a last page; iam `ListOrganizationAccounts` and
/// `ListRoleAssignments` and numbers v2 `ListShortCodeApplications` describe no response body.
///
/// Every list response the descriptions describe has exactly one array at its top level: that
/// array is the page's items (`meta.key`, when there is one, names it).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextPage {
    /// The 2010 API's `next_page_uri`: a path and query relative to the host
    /// (`/2010-04-01/Accounts/AC…/Messages.json?PageSize=50&Page=1&PageToken=PA…`).
    Uri(String),
    /// A version 1+ product's `meta.next_page_url`: an absolute URL
    /// (`https://messaging.twilio.com/v1/Services?PageSize=50&Page=1&PageToken=…`).
    Url(String),
    /// A token page's `meta.next_token`, sent back in the `#[twilio(page_token)]` parameter.
    Token(String),
}

impl<T> Page<T> {
    /// A page of `items` with the way to the next one (`None` on the last page).
    pub fn new(items: Vec<T>, next: Option<NextPage>) -> Page<T> {
        Page { items, next }
    }

    /// Where the next page is; `None` on the last page.
    pub fn next_page(&self) -> Option<&NextPage> {
        self.next.as_ref()
    }

    /// Whether there is a page after this one.
    pub fn has_next(&self) -> bool {
        self.next.is_some()
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Page<T>, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

/// `meta` of the version 1+ formats; what paging needs of it.
#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    next_page_url: Option<String>,
    #[serde(default)]
    next_token: Option<String>,
}

/// A top-level key of a page.
enum PageKey {
    NextPageUri,
    Meta,
    /// Any other key: the items' (an array) or metadata (ignored).
    Other(String),
}

impl<'de> Deserialize<'de> for PageKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PageKey, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = PageKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<PageKey, E> {
                Ok(match key {
                    "next_page_uri" => PageKey::NextPageUri,
                    "meta" => PageKey::Meta,
                    other => PageKey::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// The value of a key that is not paging metadata: the items when it is an array, ignored
/// otherwise (`page`, `uri`, `start`, …), without buffering it.
enum MaybeItems<T> {
    Items(Vec<T>),
    Ignored,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MaybeItems<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<MaybeItems<T>, D::Error> {
        struct ItemsVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemsVisitor<T> {
            type Value = MaybeItems<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the page's items or its metadata")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(MaybeItems::Items(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(MaybeItems::Ignored)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(MaybeItems::Ignored)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(MaybeItems::Ignored)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(MaybeItems::Ignored)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(MaybeItems::Ignored)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(MaybeItems::Ignored)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(MaybeItems::Ignored)
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(MaybeItems::Ignored)
            }
        }
        deserializer.deserialize_any(ItemsVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a page of a Twilio list: an object with one array of items")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut items: Option<(String, Vec<T>)> = None;
        let mut next_page_uri = None;
        let mut meta: Option<Meta> = None;
        while let Some(key) = map.next_key::<PageKey>()? {
            match key {
                PageKey::NextPageUri => next_page_uri = map.next_value::<Option<String>>()?,
                PageKey::Meta => meta = map.next_value::<Option<Meta>>()?,
                PageKey::Other(key) => {
                    // Once `meta.key` is known, only that key holds the items.
                    let named = meta.as_ref().and_then(|m| m.key.as_deref());
                    if named.is_some_and(|named| named != key) {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    if let MaybeItems::Items(found) = map.next_value::<MaybeItems<T>>()? {
                        if let Some((first, _)) = &items {
                            return Err(de::Error::custom(format_args!(
                                "two arrays, `{first}` and `{key}`: a page has one array of items"
                            )));
                        }
                        items = Some((key, found));
                    }
                }
            }
        }
        let named = meta.as_ref().and_then(|m| m.key.clone());
        let items = match (items, named) {
            (Some((key, _)), Some(named)) if key != named => {
                return Err(A::Error::missing_field_owned(named))
            }
            (Some((_, items)), _) => items,
            (None, Some(named)) => return Err(A::Error::missing_field_owned(named)),
            (None, None) => return Err(de::Error::custom("no array of items in the page")),
        };
        let next = match (next_page_uri, meta) {
            (Some(uri), _) => Some(NextPage::Uri(uri)),
            (None, Some(meta)) => meta
                .next_page_url
                .map(NextPage::Url)
                .or(meta.next_token.map(NextPage::Token)),
            (None, None) => None,
        };
        let next = next.filter(|next| !next.text().is_empty());
        Ok(Page { items, next })
    }
}

impl NextPage {
    /// The link or token as the page gave it.
    pub fn text(&self) -> &str {
        match self {
            NextPage::Uri(text) | NextPage::Url(text) | NextPage::Token(text) => text,
        }
    }
}

/// `missing_field` takes a `&'static str`; a key named by the page is owned.
trait MissingOwned: de::Error {
    fn missing_field_owned(field: String) -> Self {
        Self::custom(format_args!(
            "missing field `{field}` (the page's `meta.key`)"
        ))
    }
}

impl<E: de::Error> MissingOwned for E {}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        sid: String,
    }

    fn page(body: &str) -> Result<Page<Item>, serde_json::Error> {
        serde_json::from_str(body)
    }

    #[test]
    fn the_three_formats() {
        let p = page(
            r#"{"end": 1, "first_page_uri": "/x?Page=0", "messages": [{"sid": "SM1"}],
                "next_page_uri": "/x?Page=1&PageToken=PA1", "page": 0, "page_size": 1,
                "previous_page_uri": null, "start": 0, "uri": "/x"}"#,
        )
        .unwrap();
        assert_eq!(p.items, [Item { sid: "SM1".into() }]);
        assert_eq!(
            p.next_page(),
            Some(&NextPage::Uri("/x?Page=1&PageToken=PA1".into()))
        );
        let p = page(
            r#"{"services": [{"sid": "MG1"}, {"sid": "MG2"}], "meta": {"page": 0, "key":
                "services", "next_page_url": "https://messaging.twilio.com/v1/Services?Page=1",
                "previous_page_url": null, "url": "u", "first_page_url": "f", "page_size": 2}}"#,
        )
        .unwrap();
        assert_eq!(p.items.len(), 2);
        assert_eq!(
            p.next_page(),
            Some(&NextPage::Url(
                "https://messaging.twilio.com/v1/Services?Page=1".into()
            ))
        );
        let p = page(
            r#"{"port_in_requests": [{"sid": "KW1"}],
                "meta": {"next_token": "KWbb", "previous_token": null}}"#,
        )
        .unwrap();
        assert_eq!(p.next_page(), Some(&NextPage::Token("KWbb".into())));
        let last = page(r#"{"port_in_requests": [], "meta": {"next_token": null}}"#).unwrap();
        assert!(last.items.is_empty() && !last.has_next());
        let last = page(r#"{"calls": [], "next_page_uri": null}"#).unwrap();
        assert!(!last.has_next());
    }

    #[test]
    fn meta_key_names_the_items() {
        let p = page(r#"{"meta": {"key": "b"}, "a": [1, 2], "b": [{"sid": "X"}]}"#).unwrap();
        assert_eq!(p.items, [Item { sid: "X".into() }]);
        let error = page(r#"{"meta": {"key": "b"}, "a": []}"#).unwrap_err();
        assert!(error.to_string().contains("missing field `b`"), "{error}");
        let error = page(r#"{"a": [], "b": []}"#).unwrap_err();
        assert!(error.to_string().contains("two arrays"), "{error}");
        let error = page(r#"{"page": 1}"#).unwrap_err();
        assert!(error.to_string().contains("no array of items"), "{error}");
    }

    #[test]
    fn a_bad_item_is_named_by_its_path() {
        let body = r#"{"calls": [{"sid": "CA1"}, {"sid": 2}], "next_page_uri": null}"#;
        let mut deserializer = serde_json::Deserializer::from_str(body);
        let error = serde_path_to_error::deserialize::<_, Page<Item>>(&mut deserializer)
            .map(drop)
            .unwrap_err();
        assert_eq!(error.path().to_string(), "calls[1].sid");
    }
}
