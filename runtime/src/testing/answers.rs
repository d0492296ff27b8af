//! The stand-in for any declared endpoint: canned answers, handlers and paged lists, registered
//! per operation by the declared type ([`StandIn::answer`], [`StandIn::handle`],
//! [`StandIn::serve_list`]).
//!
//! Registered operations are matched before the Payments routes, by method and path template
//! (a placeholder matches any non-empty text within its segment); the last registration for an
//! operation wins. Every request still needs the stand-in's Basic credentials (`401`, code
//! 20003, otherwise) and is recorded ([`StandIn::received`]). The host is not matched: every
//! product shares the stand-in's one origin.

use std::sync::{Arc, Mutex, PoisonError};

use http::Method;
use serde::Serialize;
use serde_json::{json, Value};
use wiremock::{Match, Request, Respond, ResponseTemplate};

use super::rules::{json_response, template_matches, ApiError};
use super::server::Shared;
use super::{RecordedRequest, StandIn};
use crate::{Endpoint, ListEndpoint};

/// What the stand-in answers a registered operation with: see [`StandIn::answer`].
///
/// ```
/// use twilio_endpoint::testing::Answer;
///
/// let found = Answer::ok(serde_json::json!({"sid": "SM1"}));
/// let created = Answer::json(201, serde_json::json!({"sid": "SM2"}));
/// let missing = Answer::error(404, 20404, "The requested resource was not found");
/// let deleted = Answer::no_content();
/// // Twilio's load headers, to test how an app reacts to them:
/// let busy = Answer::error(429, 20429, "Too Many Requests")
///     .header(http::header::RETRY_AFTER, http::HeaderValue::from(2u32))
///     .header(
///         http::HeaderName::from_static("twilio-concurrent-requests"),
///         http::HeaderValue::from(25u32),
///     );
/// # let _ = (found, created, missing, deleted, busy);
/// ```
#[derive(Clone)]
pub struct Answer(AnswerKind, Vec<(http::HeaderName, http::HeaderValue)>);

#[derive(Clone)]
enum AnswerKind {
    Fixed { status: u16, body: Option<Value> },
    Paged(PagedList),
    Handler(Arc<Handler>),
}

type Handler = dyn Fn(&RecordedRequest) -> Answer + Send + Sync;

impl Answer {
    /// `status` with `body` as JSON.
    ///
    /// # Panics
    ///
    /// If `body` does not serialize to JSON.
    pub fn json(status: u16, body: impl Serialize) -> Answer {
        let body = serde_json::to_value(body).expect("a stand-in answer serializes to JSON");
        Answer::from_kind(AnswerKind::Fixed {
            status,
            body: Some(body),
        })
    }

    /// `200 OK` with `body` as JSON.
    pub fn ok(body: impl Serialize) -> Answer {
        Answer::json(200, body)
    }

    /// `204 No Content`, as Twilio answers a `DELETE`.
    pub fn no_content() -> Answer {
        Answer::from_kind(AnswerKind::Fixed {
            status: 204,
            body: None,
        })
    }

    /// Twilio's error answer: `{"code", "message", "more_info", "status"}`.
    pub fn error(status: u16, code: u32, message: impl Into<String>) -> Answer {
        Answer::json(
            status,
            json!({
                "code": code,
                "message": message.into(),
                "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
                "status": status,
            }),
        )
    }

    /// A list served page by page: see [`PagedList`].
    pub fn list(list: PagedList) -> Answer {
        Answer::from_kind(AnswerKind::Paged(list))
    }

    /// The same answer with the header `name: value` too, such as `Retry-After` or
    /// `Twilio-Concurrent-Requests` on a `429` (on every page of a list). A handler's answer
    /// carries its own headers.
    pub fn header(mut self, name: http::HeaderName, value: http::HeaderValue) -> Answer {
        self.1.push((name, value));
        self
    }

    fn from_kind(kind: AnswerKind) -> Answer {
        Answer(kind, Vec::new())
    }
}

impl From<PagedList> for Answer {
    fn from(list: PagedList) -> Answer {
        Answer::list(list)
    }
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            AnswerKind::Fixed { status, body } => f
                .debug_struct("Answer")
                .field("status", status)
                .field("body", body)
                .finish(),
            AnswerKind::Paged(list) => f.debug_tuple("Answer").field(list).finish(),
            AnswerKind::Handler(_) => f.write_str("Answer(handler)"),
        }
    }
}

/// Which of Twilio's three page formats a [`PagedList`] answers in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageFormat {
    /// The 2010 API: the items under the key, `next_page_uri` relative to the host, paged by
    /// `PageSize`, `Page` and `PageToken`.
    NextPageUri,
    /// Version 1+ products: `meta.key`, `meta.next_page_url` absolute on the product's Twilio
    /// host (`https://{host}.twilio.com/…`, which a client sends to its own origin).
    NextPageUrl,
    /// Token pages: `meta.next_token`, read back from the operation's `#[twilio(page_token)]`
    /// parameter (`PageToken` when none is marked).
    NextToken,
}

/// Items that the stand-in serves as a Twilio list, a page at a time, in any [`PageFormat`].
///
/// A request's `PageSize` parameter overrides the page size. The links repeat the request's
/// other query parameters (its filters), as Twilio's do; the filters are not applied.
///
/// ```
/// use twilio_endpoint::testing::{PageFormat, PagedList};
///
/// let messages = (0..120).map(|i| serde_json::json!({"sid": format!("SM{i:032}")}));
/// let list = PagedList::new("messages", messages).page_size(50);
/// let v1 = PagedList::new("services", Vec::<serde_json::Value>::new())
///     .format(PageFormat::NextPageUrl);
/// # let _ = (list, v1);
/// ```
#[derive(Clone, Debug)]
pub struct PagedList {
    key: String,
    items: Arc<[Value]>,
    format: PageFormat,
    page_size: usize,
    /// The query key a token page reads the token from.
    token_parameter: Option<String>,
}

impl PagedList {
    /// The items under `key` (`messages`, `services`), in the 2010 format, 50 to a page.
    ///
    /// # Panics
    ///
    /// If an item does not serialize to JSON.
    pub fn new<T: Serialize>(key: impl Into<String>, items: impl IntoIterator<Item = T>) -> Self {
        let items = items
            .into_iter()
            .map(|item| serde_json::to_value(item).expect("a list item serializes to JSON"))
            .collect();
        PagedList {
            key: key.into(),
            items,
            format: PageFormat::NextPageUri,
            page_size: 50,
            token_parameter: None,
        }
    }

    /// Answers in this format.
    #[must_use]
    pub fn format(mut self, format: PageFormat) -> Self {
        self.format = format;
        self
    }

    /// Puts `size` items on a page (at least 1).
    #[must_use]
    pub fn page_size(mut self, size: usize) -> Self {
        self.page_size = size.max(1);
        self
    }

    /// Reads a token page's token from the query parameter `key` (form-encoded, such as
    /// `Token`). [`StandIn::serve_list`] sets it from the operation's `#[twilio(page_token)]`;
    /// `PageToken` when neither says.
    #[must_use]
    pub fn token_parameter(mut self, key: impl Into<String>) -> Self {
        self.token_parameter = Some(key.into());
        self
    }

    /// The page `request` asks for, as Twilio would answer it.
    fn respond(&self, request: &Request, host: &str) -> ResponseTemplate {
        let token_key = self.token_parameter.as_deref().unwrap_or("PageToken");
        let mut page = 0usize;
        let mut size = self.page_size;
        let mut filters = form_urlencoded::Serializer::new(String::new());
        for (key, value) in request.url.query_pairs() {
            match &*key {
                "PageSize" => size = value.parse().unwrap_or(size).max(1),
                "Page" if self.format != PageFormat::NextToken => {
                    page = value.parse().unwrap_or(0);
                }
                "PageToken" if self.format != PageFormat::NextToken => {}
                key if key == token_key && self.format == PageFormat::NextToken => {
                    page = value
                        .strip_prefix("PT")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(0);
                }
                _ => {
                    filters.append_pair(&key, &value);
                }
            }
        }
        let filters = filters.finish();
        let start = page.saturating_mul(size).min(self.items.len());
        let end = start.saturating_add(size).min(self.items.len());
        let items = &self.items[start..end];
        let has_next = end < self.items.len();
        let path = request.url.path();
        let link = |page: usize| {
            let mut query = filters.clone();
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&format!("PageSize={size}&Page={page}"));
            if page > 0 {
                query.push_str(&format!("&PageToken=PA{page:032x}"));
            }
            format!("{path}?{query}")
        };
        let body = match self.format {
            PageFormat::NextPageUri => json!({
                self.key.as_str(): items,
                "page": page,
                "page_size": size,
                "start": start,
                "end": end.saturating_sub(1),
                "uri": link(page),
                "first_page_uri": link(0),
                "previous_page_uri": page.checked_sub(1).map(link),
                "next_page_uri": has_next.then(|| link(page + 1)),
            }),
            PageFormat::NextPageUrl => {
                let url = |page| format!("https://{host}.twilio.com{}", link(page));
                json!({
                    "meta": {
                        "page": page,
                        "page_size": size,
                        "first_page_url": url(0),
                        "previous_page_url": page.checked_sub(1).map(url),
                        "url": url(page),
                        "next_page_url": has_next.then(|| url(page + 1)),
                        "key": self.key,
                    },
                    self.key.as_str(): items,
                })
            }
            PageFormat::NextToken => json!({
                self.key.as_str(): items,
                "meta": {
                    "next_token": has_next.then(|| format!("PT{}", page + 1)),
                    "previous_token": page.checked_sub(1).map(|p| format!("PT{p}")),
                },
            }),
        };
        json_response(200, &body)
    }
}

/// One registered operation.
struct Route {
    method: Method,
    template: &'static str,
    host: &'static str,
    answer: Answer,
}

/// The registered operations, matched before the Payments routes.
pub(super) struct Routes {
    shared: Arc<Shared>,
    routes: Mutex<Vec<Route>>,
}

impl Routes {
    pub(super) fn new(shared: Arc<Shared>) -> Arc<Routes> {
        Arc::new(Routes {
            shared,
            routes: Mutex::new(Vec::new()),
        })
    }

    fn add(&self, route: Route) {
        let mut routes = self.routes.lock().unwrap_or_else(PoisonError::into_inner);
        routes.retain(|r| !(r.method == route.method && r.template == route.template));
        routes.push(route);
    }

    /// The answer and host of the operation `request` addresses, if one is registered.
    fn find(&self, request: &Request) -> Option<(Answer, &'static str)> {
        let routes = self.routes.lock().unwrap_or_else(PoisonError::into_inner);
        routes
            .iter()
            .rev()
            .find(|r| {
                r.method == request.method && template_matches(r.template, request.url.path())
            })
            .map(|r| (r.answer.clone(), r.host))
    }
}

/// The wiremock matcher: a registered operation.
pub(super) struct Registered(pub(super) Arc<Routes>);

impl Match for Registered {
    fn matches(&self, request: &Request) -> bool {
        self.0.find(request).is_some()
    }
}

/// The wiremock responder: Basic auth, then the registered answer.
pub(super) struct Answering(pub(super) Arc<Routes>);

impl Respond for Answering {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if !self.0.shared.is_authenticated(&request.headers) {
            return ApiError::unauthenticated().into_response();
        }
        let Some((answer, host)) = self.0.find(request) else {
            return ApiError::not_found(request.url.path()).into_response();
        };
        let mut answer = answer;
        loop {
            let response = match answer.0 {
                AnswerKind::Fixed { status, body: None } => ResponseTemplate::new(status),
                AnswerKind::Fixed {
                    status,
                    body: Some(body),
                } => json_response(status, &body),
                AnswerKind::Paged(list) => list.respond(request, host),
                AnswerKind::Handler(handler) => {
                    answer = handler(&RecordedRequest::from_request(request));
                    continue;
                }
            };
            return answer
                .1
                .into_iter()
                .fold(response, |response, (name, value)| {
                    response.append_header(name, value)
                });
        }
    }
}

impl StandIn {
    /// Answers the operation `E` (its method and path template) with `answer`, from now on,
    /// before anything else the stand-in serves.
    ///
    /// ```
    /// use twilio_endpoint::testing::{Answer, StandIn};
    /// use twilio_endpoint::twilio_endpoint;
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// pub struct Call {
    ///     pub sid: String,
    /// }
    ///
    /// #[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = Call)]
    /// pub struct FetchCall {
    ///     pub account_sid: String,
    ///     pub sid: String,
    /// }
    ///
    /// # async fn f() -> Result<(), twilio_endpoint::Error> {
    /// let stand_in = StandIn::start().await;
    /// stand_in.answer::<FetchCall>(Answer::ok(serde_json::json!({"sid": "CA1"})));
    /// let call = FetchCall::builder().sid("CA1").build().send(&stand_in.client()).await?;
    /// assert_eq!(call.sid, "CA1");
    /// # Ok(())
    /// # }
    /// ```
    pub fn answer<E: Endpoint>(&self, answer: impl Into<Answer>) {
        self.routes.add(Route {
            method: E::METHOD,
            template: E::PATH_TEMPLATE,
            host: E::HOST,
            answer: answer.into(),
        });
    }

    /// Answers the operation `E` with what `handler` makes of each request.
    ///
    /// ```
    /// use twilio_endpoint::testing::{Answer, StandIn};
    /// # use twilio_endpoint::twilio_endpoint;
    /// # #[twilio_endpoint(DELETE, "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json", response = ())]
    /// # pub struct DeleteCall { pub account_sid: String, pub sid: String }
    ///
    /// # async fn f() {
    /// let stand_in = StandIn::start().await;
    /// stand_in.handle::<DeleteCall>(|request| {
    ///     if request.path.ends_with("/CA1.json") {
    ///         Answer::no_content()
    ///     } else {
    ///         Answer::error(404, 20404, "The requested resource was not found")
    ///     }
    /// });
    /// # }
    /// ```
    pub fn handle<E: Endpoint>(
        &self,
        handler: impl Fn(&RecordedRequest) -> Answer + Send + Sync + 'static,
    ) {
        self.answer::<E>(Answer::from_kind(AnswerKind::Handler(Arc::new(handler))));
    }

    /// Serves the list operation `E` as Twilio would page `list`: in its [`PageFormat`], a
    /// token page reading the token back from `E`'s `#[twilio(page_token)]` parameter.
    ///
    /// ```
    /// use futures_util::TryStreamExt as _;
    /// use twilio_endpoint::testing::{PagedList, StandIn};
    /// use twilio_endpoint::twilio_endpoint;
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// pub struct Message {
    ///     pub sid: String,
    /// }
    ///
    /// #[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Messages.json", list = Message)]
    /// pub struct ListMessage {
    ///     pub account_sid: String,
    /// }
    ///
    /// # async fn f() -> Result<(), twilio_endpoint::Error> {
    /// let stand_in = StandIn::start().await;
    /// let sids: Vec<_> = (0..7).map(|i| serde_json::json!({"sid": format!("SM{i}")})).collect();
    /// stand_in.serve_list::<ListMessage>(PagedList::new("messages", sids).page_size(3));
    /// let all: Vec<Message> = ListMessage::builder().build().stream(&stand_in.client()).try_collect().await?;
    /// assert_eq!(all.len(), 7);
    /// assert_eq!(stand_in.received().await.len(), 3); // pages of 3, 3 and 1
    /// # Ok(())
    /// # }
    /// ```
    pub fn serve_list<E: ListEndpoint>(&self, mut list: PagedList) {
        if let (None, Some(key)) = (&list.token_parameter, E::PAGE_TOKEN) {
            list.token_parameter = Some(key.to_owned());
        }
        self.answer::<E>(Answer::list(list));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_paths() {
        let t = "/2010-04-01/Accounts/<AccountSid>/Calls/<Sid>.json";
        assert!(template_matches(
            t,
            "/2010-04-01/Accounts/AC1/Calls/CA1.json"
        ));
        assert!(template_matches(
            t,
            "/2010-04-01/Accounts/AC1/Calls/a.json.json"
        ));
        assert!(!template_matches(t, "/2010-04-01/Accounts/AC1/Calls/.json"));
        assert!(!template_matches(
            t,
            "/2010-04-01/Accounts/AC1/X/Calls/CA1.json"
        ));
        assert!(!template_matches(
            t,
            "/2010-04-01/Accounts/AC1/Calls/CA1.xml"
        ));
        assert!(template_matches("/v1/Services", "/v1/Services"));
        assert!(!template_matches("/v1/Services", "/v1/Services/MG1"));
        assert!(template_matches("/v1/<A><B>", "/v1/xy"));
    }
}
