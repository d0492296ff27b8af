//! Listing 10,000 messages: `ListMessage::stream` against the reqwest loop a careful person
//! writes by hand to follow the same `next_page_uri` links, on a loopback server that answers
//! pre-rendered pages of Twilio's 2010 format.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::TryStreamExt as _;
use serde::Deserialize;
use twilio_endpoint::{twilio_endpoint, Client};

use crate::server::{json_response, Answer, Loopback};
use crate::ACCOUNT;

/// How many messages the list holds.
pub const ITEMS: usize = 10_000;

/// A message as Twilio lists it (`api.v2010.account.message`), the fields an application reads.
#[derive(Clone, Debug, Deserialize)]
pub struct Message {
    /// The message (`SM…`).
    pub sid: String,
    /// The account.
    pub account_sid: String,
    /// The text.
    pub body: Option<String>,
    /// `delivered`, …
    pub status: Option<String>,
    /// The recipient.
    pub to: Option<String>,
    /// The sender.
    pub from: Option<String>,
    /// `outbound-api`, …
    pub direction: Option<String>,
    /// How many segments it was sent in.
    pub num_segments: Option<String>,
    /// What it cost.
    pub price: Option<String>,
    /// When it was created (RFC 2822).
    #[serde(default, with = "time::serde::rfc2822::option")]
    pub date_created: Option<time::OffsetDateTime>,
}

/// Twilio's `ListMessage`, with its page size.
#[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Messages.json", list = Message)]
#[derive(Clone, Debug, Default)]
pub struct ListMessage {
    /// The account (left empty: the client's).
    #[twilio(sid = "AC")]
    pub account_sid: String,
    /// How many messages a page holds.
    pub page_size: Option<u32>,
}

/// The path of the list.
fn path() -> String {
    format!("/2010-04-01/Accounts/{ACCOUNT}/Messages.json")
}

/// One message's JSON, as Twilio writes it.
fn message_json(i: usize) -> serde_json::Value {
    serde_json::json!({
        "account_sid": ACCOUNT,
        "api_version": "2010-04-01",
        "body": format!("Message number {i}: your code is {:06}", i * 7919 % 1_000_000),
        "date_created": "Fri, 24 May 2019 17:44:46 +0000",
        "date_sent": "Fri, 24 May 2019 17:44:50 +0000",
        "date_updated": "Fri, 24 May 2019 17:44:50 +0000",
        "direction": "outbound-api",
        "error_code": null,
        "error_message": null,
        "from": "+12019235161",
        "messaging_service_sid": "MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "num_media": "0",
        "num_segments": "1",
        "price": "-0.00750",
        "price_unit": "USD",
        "sid": format!("SM{i:032x}"),
        "status": "delivered",
        "to": "+18182008801",
        "uri": format!("{}/SM{i:032x}.json", path().trim_end_matches(".json")),
    })
}

/// Every page of the list for each page size, rendered once, by the query that asks for it:
/// `PageSize=50` for the first, then the query of each `next_page_uri`.
pub fn pages(page_sizes: &[usize]) -> HashMap<String, Bytes> {
    let items: Vec<serde_json::Value> = (0..ITEMS).map(message_json).collect();
    let mut pages = HashMap::new();
    for &size in page_sizes {
        let query = |page: usize| match page {
            0 => format!("PageSize={size}"),
            page => format!(
                "PageSize={size}&Page={page}&PageToken=PASM{:032x}",
                page * size
            ),
        };
        for (page, chunk) in items.chunks(size).enumerate() {
            let next = (page + 1) * size < ITEMS;
            let body = serde_json::json!({
                "end": page * size + chunk.len() - 1,
                "first_page_uri": format!("{}?{}", path(), query(0)),
                "next_page_uri": next.then(|| format!("{}?{}", path(), query(page + 1))),
                "page": page,
                "page_size": size,
                "previous_page_uri": null,
                "start": page * size,
                "uri": format!("{}?{}", path(), query(page)),
                "messages": chunk,
            });
            pages.insert(query(page), Bytes::from(body.to_string()));
        }
    }
    pages
}

/// A loopback server answering the pages of [`pages`] (any other query: `404`).
pub fn server(page_sizes: &[usize]) -> Loopback {
    let pages = pages(page_sizes);
    let answer: Answer = Arc::new(move |parts| {
        let query = parts.uri.query().unwrap_or("");
        match pages.get(query) {
            Some(body) => json_response(body.clone()),
            None => {
                let mut response = json_response(Bytes::from_static(b"{}"));
                *response.status_mut() = http::StatusCode::NOT_FOUND;
                response
            }
        }
    });
    Loopback::answering(answer)
}

/// The largest page body for `size`, in bytes.
pub fn largest_page(pages: &HashMap<String, Bytes>, size: usize) -> usize {
    let first = format!("PageSize={size}");
    pages
        .iter()
        .filter(|(query, _)| **query == first || query.starts_with(&format!("{first}&")))
        .map(|(_, body)| body.len())
        .max()
        .unwrap_or(0)
}

/// What an application does with each message: reads a little of it.
fn consume(message: &Message, total: &mut usize) {
    *total += message.sid.len() + message.body.as_ref().map_or(0, String::len);
}

/// Every message through `ListMessage::stream`: what it read.
pub async fn streamed(client: &Client, page_size: u32) -> usize {
    let request = ListMessage {
        page_size: Some(page_size),
        ..ListMessage::default()
    };
    let mut total = 0;
    let mut count = 0;
    let mut stream = request.stream(client);
    while let Some(message) = stream.try_next().await.expect("the list streams") {
        consume(&message, &mut total);
        count += 1;
    }
    assert_eq!(count, ITEMS);
    total
}

/// The page as the hand-written loop reads it.
#[derive(Deserialize)]
struct HandPage {
    messages: Vec<Message>,
    next_page_uri: Option<String>,
}

/// The headers the client sends on a page request (`Accept`, `Authorization`, `User-Agent`),
/// taken once from `Client::to_http_request`, for the hand-written loop.
pub fn headers(client: &Client) -> http::HeaderMap {
    let request = ListMessage::default();
    let http_request = client
        .to_http_request(&request)
        .expect("the request encodes");
    http_request.headers().clone()
}

/// Every message through a hand-written reqwest loop that follows `next_page_uri`, with the
/// headers and the per-request timeout the client sends: what it read.
pub async fn hand_written(
    http: &reqwest::Client,
    headers: &http::HeaderMap,
    base_url: &str,
    page_size: u32,
) -> usize {
    let mut url = format!("{base_url}{}?PageSize={page_size}", path());
    let mut total = 0;
    let mut count = 0;
    loop {
        let response = http
            .get(&url)
            .headers(headers.clone())
            .timeout(twilio_endpoint::DEFAULT_TIMEOUT)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .expect("the page is served");
        let body = response.bytes().await.expect("the page is read");
        let page: HandPage = serde_json::from_slice(&body).expect("the page decodes");
        for message in &page.messages {
            consume(message, &mut total);
            count += 1;
        }
        match page.next_page_uri {
            Some(next) => url = format!("{base_url}{next}"),
            None => break,
        }
    }
    assert_eq!(count, ITEMS);
    total
}

/// Every message collected into one `Vec` first (what `stream` saves a user from): what it
/// read.
pub async fn collected(client: &Client, page_size: u32) -> usize {
    let request = ListMessage {
        page_size: Some(page_size),
        ..ListMessage::default()
    };
    let all: Vec<Message> = request
        .stream(client)
        .try_collect()
        .await
        .expect("the list streams");
    let mut total = 0;
    for message in &all {
        consume(message, &mut total);
    }
    total
}
