//! Lists as lazy streams, on loopback against the stand-in, in each of Twilio's three page
//! formats: every item in order, only the pages needed, foreign links refused, retries within a
//! stream, repeated links, empty lists and Twilio's errors.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::FusedStream as _;
use futures_util::{StreamExt as _, TryStreamExt as _};
use serde_json::{json, Value};
use twilio_endpoint::testing::{Answer, PageFormat, PagedList, RecordedRequest, StandIn};
use twilio_endpoint::{Client, ErrorKind, ListEndpoint, NextPage, Page, RetryPolicy};
use twilio_endpoint_tests::lists::{ListPortInRequests, ListService, PortInRequest, Service};
use twilio_endpoint_tests::messages::{ListMessage, Message};

/// Tests of one behaviour in each of the three formats: `name::format_2010`, `::format_v1`
/// and `::format_token`, each bounded in time.
macro_rules! in_every_format {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::*;

            #[tokio::test]
            async fn format_2010() {
                bounded(super::$name::<ListMessage>()).await;
            }

            #[tokio::test]
            async fn format_v1() {
                bounded(super::$name::<ListService>()).await;
            }

            #[tokio::test]
            async fn format_token() {
                bounded(super::$name::<ListPortInRequests>()).await;
            }
        }
    )*};
}

in_every_format!(
    every_item_in_order,
    take_fetches_only_the_pages_needed,
    an_empty_list_yields_nothing,
    a_429_on_page_2_is_retried,
    a_twilio_error_page_is_typed,
    a_repeated_link_ends_the_stream,
);

/// Every test is bounded in time: a stream that loops or hangs fails instead.
async fn bounded<F: Future>(test: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .expect("the test finished within 20 s")
}

/// One page format: a list endpoint that answers in it, the items' key, and how an item is
/// made and read.
trait Format: ListEndpoint + Default {
    const FORMAT: PageFormat;
    const KEY: &'static str;
    fn item(i: usize) -> Value;
    fn sid(item: &Self::Item) -> String;
    /// Where a page request says which page it is, after the first.
    fn page_marker(page: usize) -> String;
}

fn sid(prefix: &str, i: usize) -> String {
    format!("{prefix}{i:032x}")
}

impl Format for ListMessage {
    const FORMAT: PageFormat = PageFormat::NextPageUri;
    const KEY: &'static str = "messages";
    fn item(i: usize) -> Value {
        json!({"sid": sid("SM", i), "body": format!("message {i}"), "status": "delivered"})
    }
    fn sid(item: &Message) -> String {
        item.sid.clone()
    }
    fn page_marker(page: usize) -> String {
        format!("Page={page}&PageToken=")
    }
}

impl Format for ListService {
    const FORMAT: PageFormat = PageFormat::NextPageUrl;
    const KEY: &'static str = "services";
    fn item(i: usize) -> Value {
        json!({"sid": sid("MG", i), "friendly_name": format!("service {i}")})
    }
    fn sid(item: &Service) -> String {
        item.sid.clone()
    }
    fn page_marker(page: usize) -> String {
        format!("Page={page}&PageToken=")
    }
}

impl Format for ListPortInRequests {
    const FORMAT: PageFormat = PageFormat::NextToken;
    const KEY: &'static str = "port_in_requests";
    fn item(i: usize) -> Value {
        json!({"port_in_request_sid": sid("KW", i), "port_in_request_status": "Completed"})
    }
    fn sid(item: &PortInRequest) -> String {
        item.port_in_request_sid.clone()
    }
    fn page_marker(page: usize) -> String {
        format!("Token=PT{page}")
    }
}

fn list<E: Format>(count: usize, page_size: usize) -> PagedList {
    PagedList::new(E::KEY, (0..count).map(E::item))
        .format(E::FORMAT)
        .page_size(page_size)
        .token_parameter(E::PAGE_TOKEN.unwrap_or("PageToken"))
}

/// A client of the stand-in whose retries wait at most a few milliseconds.
fn quick_client(stand_in: &StandIn) -> Client {
    Client::builder()
        .account_sid(stand_in.account_sid())
        .auth_token(stand_in.auth_token())
        .base_url(stand_in.base_url())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .build()
        .unwrap()
}

fn expected_sids<E: Format>(range: std::ops::Range<usize>) -> Vec<String> {
    range
        .map(|i| {
            let item = E::item(i);
            item.get("sid")
                .or(item.get("port_in_request_sid"))
                .and_then(Value::as_str)
                .unwrap()
                .to_owned()
        })
        .collect()
}

async fn every_item_in_order<E: Format>() {
    let stand_in = StandIn::start().await;
    stand_in.serve_list::<E>(list::<E>(23, 5));
    let mut stream = stand_in.client().stream(&E::default());
    let mut items = Vec::new();
    while let Some(item) = stream.try_next().await.unwrap() {
        // What is left of the page at hand is known.
        let page_start = items.len() / 5 * 5;
        let page_len = (23 - page_start).min(5);
        let left = page_len - 1 - (items.len() - page_start);
        assert_eq!(futures_util::Stream::size_hint(&stream).0, left);
        items.push(item);
    }
    assert!(stream.is_terminated());
    assert!(stream.next().await.is_none(), "an ended stream stays ended");
    let sids: Vec<String> = items.iter().map(E::sid).collect();
    assert_eq!(sids, expected_sids::<E>(0..23));
    let received = stand_in.received().await;
    assert_eq!(received.len(), 5, "pages of 5, 5, 5, 5 and 3");
    for (page, request) in received.iter().enumerate().skip(1) {
        let query = request.query.as_deref().unwrap_or("");
        assert!(query.contains(&E::page_marker(page)), "{query}");
    }
}

async fn take_fetches_only_the_pages_needed<E: Format>() {
    let stand_in = StandIn::start().await;
    stand_in.serve_list::<E>(list::<E>(100, 5));
    let client = stand_in.client();
    let request = E::default();
    let (stand_in_ref, client_ref, request_ref) = (&stand_in, &client, &request);
    let pages_for = move |n: usize| {
        let (stand_in, client, request) = (stand_in_ref, client_ref, request_ref);
        async move {
            let before = stand_in.received().await.len();
            let items: Vec<_> = client.stream(request).take(n).collect().await;
            assert_eq!(items.len(), n);
            assert!(items.iter().all(Result::is_ok));
            stand_in.received().await.len() - before
        }
    };
    assert_eq!(pages_for(0).await, 0, "nothing is fetched until polled");
    assert_eq!(pages_for(5).await, 1, "five items are one page");
    assert_eq!(pages_for(6).await, 2);
    assert_eq!(pages_for(11).await, 3);
    // A stream not polled fetches nothing.
    let stream = client.stream(&request);
    tokio::time::sleep(Duration::from_millis(50)).await;
    drop(stream);
    let pages = client.pages(&request).take(2).try_collect::<Vec<_>>().await;
    assert_eq!(pages.unwrap().len(), 2);
    assert_eq!(stand_in.received().await.len(), 1 + 2 + 3 + 2);
}

async fn an_empty_list_yields_nothing<E: Format>() {
    let stand_in = StandIn::start().await;
    stand_in.serve_list::<E>(list::<E>(0, 5));
    let items: Vec<E::Item> = stand_in
        .client()
        .stream(&E::default())
        .try_collect()
        .await
        .unwrap();
    assert!(items.is_empty());
    assert_eq!(stand_in.received().await.len(), 1);
}

/// The stand-in serves `list`, except that page 2 (the second request) gets `second` first.
fn with_second_page<E: Format>(
    stand_in: &StandIn,
    list: PagedList,
    second: impl Fn(&RecordedRequest) -> Option<Answer> + Send + Sync + 'static,
) -> Arc<AtomicUsize> {
    let requests = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&requests);
    stand_in.handle::<E>(move |request| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        match n {
            1 => second(request).unwrap_or_else(|| Answer::list(list.clone())),
            _ => Answer::list(list.clone()),
        }
    });
    requests
}

async fn a_429_on_page_2_is_retried<E: Format>() {
    let stand_in = StandIn::start().await;
    let requests = with_second_page::<E>(&stand_in, list::<E>(12, 5), |_| {
        Some(Answer::error(429, 20429, "Too Many Requests"))
    });
    let client = quick_client(&stand_in);
    let items: Vec<E::Item> = client.stream(&E::default()).try_collect().await.unwrap();
    assert_eq!(
        items.iter().map(E::sid).collect::<Vec<_>>(),
        expected_sids::<E>(0..12)
    );
    assert_eq!(requests.load(Ordering::SeqCst), 4, "3 pages and one retry");
    // Pages pass the gate of the endpoint's product host, whatever the base URL's host.
    let gate = client
        .limiter_snapshot(E::HOST)
        .expect("the pages used the host's gate");
    assert_eq!((gate.refused, gate.in_flight), (1, 0), "{gate:?}");
    let received = stand_in.received().await;
    assert_eq!(
        received[1].query, received[2].query,
        "the retry asks again for page 2"
    );
}

async fn a_twilio_error_page_is_typed<E: Format>() {
    let stand_in = StandIn::start().await;
    with_second_page::<E>(&stand_in, list::<E>(12, 5), |_| {
        Some(Answer::error(400, 20001, "Invalid PageToken"))
    });
    let results: Vec<_> = stand_in.client().stream(&E::default()).collect().await;
    assert_eq!(results.len(), 6, "five items, then the error, then nothing");
    assert!(results[..5].iter().all(Result::is_ok));
    let error = results[5].as_ref().err().unwrap();
    match error.kind() {
        ErrorKind::Api(twilio) => {
            assert_eq!(
                (twilio.code, twilio.message.as_str()),
                (Some(20001), "Invalid PageToken")
            );
        }
        other => panic!("expected Twilio's error, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        stand_in.received().await.len(),
        2,
        "the stream ends at the error"
    );
}

/// A page of `E`'s format with one item and this next link (or token).
fn page_pointing_to<E: Format>(next: &str) -> Value {
    let items = vec![E::item(0)];
    match E::FORMAT {
        PageFormat::NextPageUri => json!({E::KEY: items, "next_page_uri": next}),
        PageFormat::NextPageUrl => {
            json!({"meta": {"key": E::KEY, "next_page_url": next}, E::KEY: items})
        }
        _ => json!({E::KEY: items, "meta": {"next_token": next}}),
    }
}

async fn a_repeated_link_ends_the_stream<E: Format>() {
    let stand_in = StandIn::start().await;
    // Every page points to the second page: the second page repeats the first's link.
    let next = match E::FORMAT {
        PageFormat::NextPageUri => "/v1/Anything?Page=1&PageToken=PA1".to_owned(),
        PageFormat::NextPageUrl => format!("https://{}.twilio.com/v1/Anything?Page=1", E::HOST),
        _ => "PT1".to_owned(),
    };
    let next = match E::FORMAT {
        // The 2010 link is the endpoint's own path (the stand-in matches on it).
        PageFormat::NextPageUri => format!(
            "/2010-04-01/Accounts/{}/Messages.json?Page=1&PageToken=PA1",
            stand_in.account_sid()
        ),
        PageFormat::NextPageUrl => next.replace("/v1/Anything", "/v1/Services"),
        _ => next,
    };
    let page = page_pointing_to::<E>(&next);
    stand_in.answer::<E>(Answer::ok(page));
    let results: Vec<_> = stand_in.client().stream(&E::default()).collect().await;
    assert_eq!(results.len(), 3, "two items, then the error");
    match results[2].as_ref().err().unwrap().kind() {
        ErrorKind::RepeatedNextPage { link } => assert_eq!(*link, next),
        other => panic!("expected a repeated link, got {other:?}"),
    }
    assert_eq!(stand_in.received().await.len(), 2);
}

#[tokio::test]
async fn a_foreign_link_is_refused_and_nothing_is_sent_there() {
    bounded(async {
        let foreign = wiremock::MockServer::start().await;
        let foreign_links = [
            format!("{}/2010-04-01/Accounts/AC1/Messages.json?Page=1", foreign.uri()),
            format!("//{}/v1/Services?Page=1", foreign.address()),
            "https://messaging.twilio.com.evil.example/v1/Services?Page=1".to_owned(),
            "https://voice.twilio.com/v1/Services?Page=1".to_owned(),
            "http://messaging.twilio.com/v1/Services?Page=1".to_owned(),
        ];
        for link in &foreign_links {
            for format in [PageFormat::NextPageUri, PageFormat::NextPageUrl] {
                let stand_in = StandIn::start().await;
                let page = if format == PageFormat::NextPageUri {
                    page_pointing_to::<ListMessage>(link)
                } else {
                    page_pointing_to::<ListService>(link)
                };
                let results: Vec<_> = if format == PageFormat::NextPageUri {
                    stand_in.answer::<ListMessage>(Answer::ok(page));
                    let stream = stand_in.client().stream(&ListMessage::default());
                    stream.map(|r| r.map(drop)).collect().await
                } else {
                    stand_in.answer::<ListService>(Answer::ok(page));
                    let stream = stand_in.client().stream(&ListService::default());
                    stream.map(|r| r.map(drop)).collect().await
                };
                assert_eq!(results.len(), 2, "{link}: the page's item, then the error");
                let error = results[1].as_ref().unwrap_err();
                assert!(
                    matches!(error.kind(), ErrorKind::ForeignNextPage { link: refused } if refused == link),
                    "{link}: {error:?}"
                );
                assert_eq!(stand_in.received().await.len(), 1, "{link}");
            }
        }
        let seen = foreign.received_requests().await.unwrap();
        assert!(seen.is_empty(), "the foreign listener saw {seen:?}");
    })
    .await;
}

#[tokio::test]
async fn links_on_the_product_host_go_to_the_client_s_origin() {
    bounded(async {
        // The stand-in answers with Twilio's own absolute links (https://messaging.twilio.com/…);
        // the client sends them to its base URL, and the credentials go nowhere else.
        let stand_in = StandIn::start().await;
        stand_in.serve_list::<ListService>(list::<ListService>(4, 2));
        let first: Page<Service> = ListService::default()
            .send(&stand_in.client())
            .await
            .unwrap();
        assert_eq!(first.items.len(), 2);
        match first.next_page() {
            Some(NextPage::Url(url)) => {
                assert!(
                    url.starts_with("https://messaging.twilio.com/v1/Services?"),
                    "{url}"
                )
            }
            other => panic!("expected an absolute link, got {other:?}"),
        }
        let pages: Vec<Page<Service>> = ListService::default()
            .pages(&stand_in.client())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), 2);
        assert!(!pages[1].has_next());
        for request in stand_in.received().await {
            assert_eq!(request.path, "/v1/Services");
            assert!(request.header("authorization").is_some());
        }
    })
    .await;
}

#[tokio::test]
async fn the_filters_are_sent_once_and_the_link_is_followed_as_is() {
    bounded(async {
        let stand_in = StandIn::start().await;
        stand_in.serve_list::<ListMessage>(list::<ListMessage>(9, 3));
        let request = ListMessage {
            to: Some("+15558675310".into()),
            page_size: Some(3),
            ..ListMessage::default()
        };
        let all: Vec<Message> = request
            .stream(&stand_in.client())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 9);
        let received = stand_in.received().await;
        assert_eq!(received.len(), 3);
        assert_eq!(
            received[0].query.as_deref(),
            Some("To=%2B15558675310&PageSize=3")
        );
        for request in &received[1..] {
            let query = request.query.as_deref().unwrap();
            assert_eq!(query.matches("To=").count(), 1, "{query}");
            assert_eq!(query.matches("PageSize=").count(), 1, "{query}");
        }
        // The token list keeps its filters and replaces the token.
        stand_in.serve_list::<ListPortInRequests>(list::<ListPortInRequests>(5, 2));
        let request = ListPortInRequests {
            port_in_request_status: Some("Completed".into()),
            ..ListPortInRequests::default()
        };
        let all: Vec<PortInRequest> = request
            .stream(&stand_in.client())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 5);
        let queries: Vec<String> = stand_in.received().await[3..]
            .iter()
            .map(|r| r.query.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            queries,
            [
                "PortInRequestStatus=Completed",
                "PortInRequestStatus=Completed&Token=PT1",
                "PortInRequestStatus=Completed&Token=PT2",
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn a_request_that_breaks_a_rule_is_the_stream_s_only_item() {
    bounded(async {
        let stand_in = StandIn::start().await;
        let request = ListMessage {
            account_sid: "not a SID".into(),
            ..ListMessage::default()
        };
        let results: Vec<_> = request.stream(&stand_in.client()).collect().await;
        assert_eq!(results.len(), 1);
        assert!(matches!(
            results[0].as_ref().unwrap_err().kind(),
            ErrorKind::Validation(_)
        ));
        assert!(stand_in.received().await.is_empty());
    })
    .await;
}

#[test]
fn streams_are_send_unpin_and_static() {
    fn assert_stream<S: futures_util::Stream + Send + Unpin + 'static>(_: &S) {}
    let client = Client::new("AC00000000000000000000000000000000", "token").unwrap();
    let stream = ListMessage::default().stream(&client);
    assert_stream(&stream);
    assert_stream(&ListService::default().pages(&client));
}

#[tokio::test]
async fn the_stand_in_checks_credentials_on_declared_endpoints_and_keeps_payments() {
    bounded(async {
        use twilio_endpoint::payments::CreatePayments;
        let stand_in = StandIn::start().await;
        stand_in.serve_list::<ListMessage>(list::<ListMessage>(3, 2));
        let wrong = Client::builder()
            .account_sid(stand_in.account_sid())
            .auth_token("not the token")
            .base_url(stand_in.base_url())
            .build()
            .unwrap();
        let error = ListMessage::default().send(&wrong).await.unwrap_err();
        assert_eq!(error.twilio_error().and_then(|e| e.code), Some(20003));
        // The last registration for an operation wins.
        stand_in.answer::<ListMessage>(Answer::error(404, 20404, "gone"));
        let error = ListMessage::default()
            .send(&stand_in.client())
            .await
            .unwrap_err();
        assert_eq!(error.twilio_error().and_then(|e| e.code), Some(20404));
        // The Payments routes are served as before.
        let created = CreatePayments::builder()
            .call_sid("CA5ef8732a3c49700934481addd5ce1659")
            .idempotency_key("k1")
            .status_callback("https://example.com/payments")
            .build()
            .send(&stand_in.client())
            .await
            .unwrap();
        assert!(created.sid.unwrap().starts_with("PK"));
        assert_eq!(
            stand_in.received().await.len(),
            3,
            "every request is recorded"
        );
    })
    .await;
}

#[tokio::test]
async fn a_cycle_of_links_ends_the_stream_with_an_error() {
    bounded(async {
        // The first page links to page 1, which links back to the first page's URL.
        let stand_in = StandIn::start().await;
        let path = format!(
            "/2010-04-01/Accounts/{}/Messages.json",
            stand_in.account_sid()
        );
        let (first, second) = (path.clone(), format!("{path}?Page=1"));
        let link_back = first.clone();
        stand_in.handle::<ListMessage>(move |request| {
            let next = match request.query.as_deref() {
                Some("Page=1") => &link_back,
                _ => &second,
            };
            Answer::ok(page_pointing_to::<ListMessage>(next))
        });
        let results: Vec<_> = stand_in
            .client()
            .stream(&ListMessage::default())
            .collect()
            .await;
        assert_eq!(results.len(), 3, "the two pages' items, then the error");
        match results[2].as_ref().unwrap_err().kind() {
            ErrorKind::RepeatedNextPage { link } => assert!(link.ends_with(&first), "{link}"),
            other => panic!("expected a repeated link, got {other:?}"),
        }
        assert_eq!(
            stand_in.received().await.len(),
            2,
            "the first page is not asked for again"
        );
    })
    .await;
}

#[tokio::test]
async fn a_token_page_without_a_page_token_field_ends_with_a_typed_error() {
    bounded(async {
        let stand_in = StandIn::start().await;
        stand_in.serve_list::<ListService>(
            PagedList::new("services", (0..4).map(ListService::item))
                .format(PageFormat::NextToken)
                .page_size(2),
        );
        let results: Vec<_> = stand_in
            .client()
            .stream(&ListService::default())
            .collect()
            .await;
        assert_eq!(results.len(), 3);
        match results[2].as_ref().unwrap_err().kind() {
            ErrorKind::PageTokenUndeclared { token } => assert_eq!(token, "PT1"),
            other => panic!("expected an undeclared page token, got {other:?}"),
        }
        assert_eq!(stand_in.received().await.len(), 1);
    })
    .await;
}
