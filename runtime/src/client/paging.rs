//! Following a list's pages: [`Pages`] (a stream of pages) and [`Items`] (a stream of their
//! items), each page fetched through the client's retries and timeouts, only when the stream is
//! polled past the previous one.
//!
//! The next page's URL comes from the page as it is (Twilio's `PageToken` is opaque, and the
//! declared filters are already in the link). A link on the Twilio host of the endpoint's
//! product, or on the origin the client uses for it, goes to that origin (so paging works the
//! same with a base URL, a region and an edge); any other link is refused before anything is
//! sent ([`ErrorKind::ForeignNextPage`]). A link that leads back to the page just read, or to
//! any page read before, ends the stream with [`ErrorKind::RepeatedNextPage`].

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::future::Future;
use std::hash::{Hash as _, Hasher as _};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::{FusedStream, Stream};
use http::Method;
use reqwest::Url;
use serde::de::DeserializeOwned;
use tracing::field::Empty;
use tracing::Instrument as _;

use super::response::decode_success;
use super::retry::Retries;
use super::transport::Prepared;
use super::Client;
use crate::error::{EndpointName, Error, ErrorKind};
use crate::list::{ListEndpoint, NextPage, Page};
use crate::parameter::AuthScheme;

impl Client {
    /// The pages of a list, lazily: nothing is fetched until the stream is polled, and each
    /// next page only when the previous one has been taken.
    ///
    /// The request is validated now; a problem is the stream's only item. An error ends the
    /// stream after it is given. The stream is `Send`, `Unpin` and `'static` (it holds a clone
    /// of the client).
    ///
    /// ```
    /// use futures_util::TryStreamExt as _;
    /// use twilio_endpoint::{Client, Error, ListEndpoint};
    ///
    /// async fn page_sizes<E: ListEndpoint>(client: &Client, list: &E) -> Result<Vec<usize>, Error> {
    ///     let mut pages = client.pages(list);
    ///     let mut sizes = Vec::new();
    ///     while let Some(page) = pages.try_next().await? {
    ///         sizes.push(page.items.len());
    ///     }
    ///     Ok(sizes)
    /// }
    /// ```
    pub fn pages<E: ListEndpoint>(&self, list: &E) -> Pages<E::Item> {
        let first = self.url_and_encoded(list).map(|(url, _)| Some(url));
        Pages {
            lister: Arc::new(Lister {
                client: self.clone(),
                name: E::endpoint_name(),
                host: E::HOST,
                auth: E::AUTH,
                page_token: E::PAGE_TOKEN,
            }),
            state: State::Next(first),
            fetched: HashSet::new(),
        }
    }

    /// Every item of a list, page by page, lazily: the first page is fetched when the stream is
    /// first polled, and the next one only when the items of the current one are used up; one
    /// page is held at a time. `take(n)` fetches only the pages the `n` items need.
    ///
    /// ```
    /// use futures_util::{StreamExt as _, TryStreamExt as _};
    /// use twilio_endpoint::{Client, Error, ListEndpoint};
    ///
    /// async fn first_five<E: ListEndpoint>(client: &Client, list: &E) -> Result<Vec<E::Item>, Error> {
    ///     client.stream(list).take(5).try_collect().await
    /// }
    /// ```
    pub fn stream<E: ListEndpoint>(&self, list: &E) -> Items<E::Item> {
        Items {
            pages: self.pages(list),
            current: Vec::new().into_iter(),
        }
    }

    /// One page at `url` of a list at the product `host`, through the retries and the
    /// limiter's gate for that host: a list page is a `GET`, always safe to repeat.
    async fn fetch_page<T: DeserializeOwned>(
        &self,
        name: EndpointName,
        scheme: AuthScheme,
        host: &'static str,
        url: Url,
    ) -> Result<Page<T>, Error> {
        let auth = self.auth(scheme, name.clone())?;
        let span = tracing::info_span!(
            "twilio.request",
            method = %Method::GET,
            path_template = name.path_template,
            attempts = Empty,
            status = Empty,
        );
        let retries = Retries::start(&self.inner.retry, &Method::GET, false);
        let headers = self.inner.transport.headers(None, http::HeaderMap::new());
        let request = Prepared::new(name, Method::GET, url, headers, None);
        let key = super::LimitKey {
            account: &self.inner.account_sid,
            host,
        };
        let (status, body, attempts) = self
            .exchange(&request, &retries, auth, key)
            .instrument(span)
            .await?;
        let redactor = self.inner.transport.redactor();
        decode_success::<Page<T>>(request.name, status, &body, redactor)
            .map_err(|error| error.with_attempts(attempts))
    }
}

/// What every page request of one list shares.
struct Lister {
    client: Client,
    name: EndpointName,
    host: &'static str,
    auth: AuthScheme,
    page_token: Option<&'static str>,
}

/// The next page's URL, or the reason it is not followed.
type NextUrl = Result<Option<Url>, Error>;

/// A page request in flight: the page, and where the one after it is.
type Fetch<T> = Pin<Box<dyn Future<Output = Result<(Page<T>, NextUrl), Error>> + Send>>;

impl Lister {
    async fn fetch<T: DeserializeOwned>(
        self: Arc<Self>,
        url: Url,
    ) -> Result<(Page<T>, NextUrl), Error> {
        let page: Page<T> = self
            .client
            .fetch_page(self.name.clone(), self.auth, self.host, url.clone())
            .await?;
        let next = match page.next_page() {
            Some(next) => self.resolve(next, &url).map(Some),
            None => Ok(None),
        };
        Ok((page, next))
    }

    /// The URL of the page `next` points to, from the page at `current`.
    fn resolve(&self, next: &NextPage, current: &Url) -> Result<Url, Error> {
        let origins = &self.client.inner.origins;
        let refused = |link: &str| {
            let link = self.client.inner.transport.redactor().redact(link);
            Error::exchange(self.name.clone(), None, ErrorKind::ForeignNextPage { link })
        };
        let url = match next {
            NextPage::Token(token) => {
                let Some(key) = self.page_token else {
                    let token = self.client.inner.transport.redactor().redact(token);
                    return Err(Error::exchange(
                        self.name.clone(),
                        None,
                        ErrorKind::PageTokenUndeclared { token },
                    ));
                };
                with_token(current, key, token)
            }
            NextPage::Uri(link) | NextPage::Url(link) => {
                let relative = self.relative(link).ok_or_else(|| refused(link))?;
                origins
                    .join(self.host, &relative)
                    .map_err(|_| refused(link))?
            }
        };
        if url == *current {
            return Err(self.repeated(next.text()));
        }
        Ok(url)
    }

    /// The error for a link back to a page already read.
    fn repeated(&self, link: &str) -> Error {
        let link = self.client.inner.transport.redactor().redact(link);
        Error::exchange(
            self.name.clone(),
            None,
            ErrorKind::RepeatedNextPage { link },
        )
    }

    /// The path and query of `link` when it may be followed: a path on the same host (`/…`),
    /// an `https` URL on the product's Twilio host (`https://messaging.twilio.com/…`), or a URL
    /// on the origin the client uses for the product. `None` for any other link.
    fn relative(&self, link: &str) -> Option<String> {
        if link.starts_with('/') && !link.starts_with("//") && !link.starts_with("/\\") {
            return Some(link.to_owned());
        }
        let url = Url::parse(link).ok()?;
        if !url.username().is_empty() || url.password().is_some() {
            return None;
        }
        let path_and_query = |url: &Url| match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        let twilio_host = url.scheme() == "https"
            && url.port().is_none()
            && url
                .host_str()
                .and_then(|host| host.strip_suffix(".twilio.com"))
                .is_some_and(|product| product == self.host);
        if twilio_host {
            return Some(path_and_query(&url));
        }
        let origin = self.client.origin(self.host);
        let rest = url.as_str().strip_prefix(origin.as_str())?;
        rest.starts_with('/').then(|| {
            let rest = rest.split_once('#').map_or(rest, |(rest, _)| rest);
            rest.to_owned()
        })
    }
}

/// `current` with its page-token parameter (`key`, form-encoded) set to `token`; every other
/// parameter kept as it was sent.
fn with_token(current: &Url, key: &str, token: &str) -> Url {
    let mut query = String::new();
    for pair in current.query().unwrap_or("").split('&') {
        let pair_key = pair.split_once('=').map_or(pair, |(k, _)| k);
        if pair.is_empty() || pair_key == key {
            continue;
        }
        query.push_str(pair);
        query.push('&');
    }
    query.push_str(key);
    query.push('=');
    query.extend(form_urlencoded::byte_serialize(token.as_bytes()));
    let mut url = current.clone();
    url.set_query(Some(&query));
    url
}

/// The pages of a list, as a [`Stream`] of `Result<Page<T>, Error>`: see [`Client::pages`].
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T> {
    lister: Arc<Lister>,
    state: State<T>,
    /// A hash of every URL fetched so far (8 bytes a page): a link back to any of them ends the
    /// stream instead of going round a cycle.
    fetched: HashSet<u64>,
}

enum State<T> {
    /// The next page to fetch when polled, none after the last, or why not.
    Next(NextUrl),
    Fetching(Fetch<T>),
    Done,
}

impl<T: DeserializeOwned + Send + 'static> Stream for Pages<T> {
    type Item = Result<Page<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Next(Ok(Some(url))) => {
                    let mut hasher = DefaultHasher::new();
                    url.as_str().hash(&mut hasher);
                    if !self.fetched.insert(hasher.finish()) {
                        let error = self.lister.repeated(url.as_str());
                        return Poll::Ready(Some(Err(error)));
                    }
                    let lister = Arc::clone(&self.lister);
                    self.state = State::Fetching(Box::pin(lister.fetch(url)));
                }
                State::Next(Ok(None)) | State::Done => return Poll::Ready(None),
                State::Next(Err(error)) => return Poll::Ready(Some(Err(error))),
                State::Fetching(mut fetch) => {
                    return match fetch.as_mut().poll(cx) {
                        Poll::Pending => {
                            self.state = State::Fetching(fetch);
                            Poll::Pending
                        }
                        Poll::Ready(Err(error)) => Poll::Ready(Some(Err(error))),
                        Poll::Ready(Ok((page, next))) => {
                            self.state = State::Next(next);
                            Poll::Ready(Some(Ok(page)))
                        }
                    }
                }
            }
        }
    }
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Next(Ok(Some(_))) => "next page to fetch",
            State::Next(Ok(None)) | State::Done => "done",
            State::Next(Err(_)) => "failed",
            State::Fetching(_) => "fetching",
        };
        f.debug_struct("Pages")
            .field("endpoint", &self.lister.name)
            .field("state", &state)
            .finish()
    }
}

/// Every item of a list, as a [`Stream`] of `Result<T, Error>`: see [`Client::stream`].
#[must_use = "streams do nothing unless polled"]
pub struct Items<T> {
    pages: Pages<T>,
    current: std::vec::IntoIter<T>,
}

impl<T: DeserializeOwned + Send + 'static> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            // The used-up page's buffer is let go before the next one is fetched.
            self.current = Vec::new().into_iter();
            match Pin::new(&mut self.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => self.current = page.items.into_iter(),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    /// At least the items left in the page at hand.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.current.len();
        if self.pages.is_terminated() {
            (left, Some(left))
        } else {
            (left, None)
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> FusedStream for Pages<T> {
    fn is_terminated(&self) -> bool {
        matches!(self.state, State::Done | State::Next(Ok(None)))
    }
}

impl<T: DeserializeOwned + Send + 'static> FusedStream for Items<T> {
    fn is_terminated(&self) -> bool {
        self.current.len() == 0 && self.pages.is_terminated()
    }
}

// Nothing is pinned in place: the page in flight is boxed.
impl<T> Unpin for Items<T> {}
impl<T> Unpin for Pages<T> {}

impl<T> std::fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("left_in_page", &self.current.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_replaces_the_previous_one_and_keeps_the_filters() {
        let current =
            Url::parse("https://numbers.twilio.com/v1/P?Size=2&CreatedAfter=2025-05-05").unwrap();
        let next = with_token(&current, "Token", "KW b/1");
        assert_eq!(
            next.as_str(),
            "https://numbers.twilio.com/v1/P?Size=2&CreatedAfter=2025-05-05&Token=KW+b%2F1"
        );
        let again = with_token(&next, "Token", "KW2");
        assert_eq!(
            again.query(),
            Some("Size=2&CreatedAfter=2025-05-05&Token=KW2")
        );
    }

    fn lister(client: Client, host: &'static str) -> Lister {
        Lister {
            client,
            name: EndpointName {
                method: Method::GET,
                path_template: "/v1/Services",
            },
            host,
            auth: AuthScheme::Basic,
            page_token: None,
        }
    }

    #[test]
    fn links_go_to_the_client_s_origin_for_the_product() {
        let builder = || {
            Client::builder()
                .account_sid("AC0123456789abcdef0123456789abcdef")
                .auth_token("token")
        };
        let regional = lister(
            builder().edge("sydney").region("au1").build().unwrap(),
            "messaging",
        );
        let page1 = Url::parse("https://messaging.sydney.au1.twilio.com/v1/Services").unwrap();
        for link in [
            "https://messaging.twilio.com/v1/Services?PageSize=50&Page=1&PageToken=PA%3D1",
            "https://messaging.sydney.au1.twilio.com/v1/Services?PageSize=50&Page=1&PageToken=PA%3D1",
            "/v1/Services?PageSize=50&Page=1&PageToken=PA%3D1",
        ] {
            let url = regional
                .resolve(&NextPage::Url(link.into()), &page1)
                .unwrap();
            assert_eq!(
                url.as_str(),
                "https://messaging.sydney.au1.twilio.com/v1/Services?PageSize=50&Page=1&PageToken=PA%3D1"
            );
        }
        let local = lister(
            builder()
                .base_url("http://127.0.0.1:9/prefix")
                .build()
                .unwrap(),
            "messaging",
        );
        let page1 = Url::parse("http://127.0.0.1:9/prefix/v1/Services").unwrap();
        for link in [
            "https://messaging.twilio.com/v1/Services?Page=1",
            "http://127.0.0.1:9/prefix/v1/Services?Page=1",
        ] {
            let url = local.resolve(&NextPage::Url(link.into()), &page1).unwrap();
            assert_eq!(url.as_str(), "http://127.0.0.1:9/prefix/v1/Services?Page=1");
        }
        for foreign in [
            "https://evil.example.com/v1/Services?Page=1",
            "http://messaging.twilio.com/v1/Services?Page=1",
            "https://messaging.twilio.com.evil.example/v1/Services",
            "https://voice.twilio.com/v1/Services?Page=1",
            "https://messaging.twilio.com:8443/v1/Services",
            "https://user:pw@messaging.twilio.com/v1/Services",
            "http://127.0.0.1:90/prefix/v1/Services",
            "http://127.0.0.1:9/prefixed/v1/Services",
            "//evil.example.com/v1/Services",
            "ftp://messaging.twilio.com/v1",
            "not a link",
        ] {
            let error = local
                .resolve(&NextPage::Url(foreign.into()), &page1)
                .unwrap_err();
            assert!(
                matches!(error.kind(), ErrorKind::ForeignNextPage { link } if link == foreign),
                "{foreign}: {error:?}"
            );
        }
        let error = local
            .resolve(&NextPage::Uri("/prefix/v1/Services".into()), &page1)
            .map(|url| url.to_string());
        assert_eq!(
            error.unwrap(),
            "http://127.0.0.1:9/prefix/prefix/v1/Services",
            "a relative link is relative to the host Twilio sees, under the base URL's prefix"
        );
    }
}
