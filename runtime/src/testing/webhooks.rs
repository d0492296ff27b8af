//! The stand-in as Twilio calling the app: signed incoming-message and incoming-call webhooks,
//! and the TwiML the app answers.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use quick_xml::events::Event;
use quick_xml::Reader;
use url::Url;

use super::callbacks::is_loopback;
use super::StandIn;
use crate::webhook::{Validator, SIGNATURE_HEADER};

/// A webhook the stand-in will post to the app, as Twilio would: from
/// [`StandIn::incoming_sms`] or [`StandIn::incoming_call`]. Set fields, then
/// [`send`](Self::send).
#[must_use]
pub struct Webhook<'a> {
    stand_in: &'a StandIn,
    url: String,
    params: Vec<(String, String)>,
    media: usize,
}

impl fmt::Debug for Webhook<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("url", &self.url)
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

/// What the app answered a webhook with.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` (`text/xml` for TwiML).
    pub content_type: Option<String>,
    /// The body: the TwiML.
    pub body: String,
}

impl WebhookReply {
    /// The text of each `<Message>` of a messaging answer, in order (its own text, or its
    /// `<Body>`; not its `<Media>` URLs); empty when the body is not TwiML.
    pub fn messages(&self) -> Vec<String> {
        self.texts_of("Message", "Media")
    }

    /// The URLs of the `<Media>` of each `<Message>`, in order.
    pub fn media(&self) -> Vec<String> {
        self.texts_of("Media", "")
    }

    /// The text of each `<Say>` of a voice answer, in order.
    pub fn says(&self) -> Vec<String> {
        self.texts_of("Say", "")
    }

    /// The text inside each element named `verb` (with whatever it nests, tags left out, and
    /// the text of elements named `skip` too).
    fn texts_of(&self, verb: &str, skip: &str) -> Vec<String> {
        let mut reader = Reader::from_str(&self.body);
        let mut texts = Vec::new();
        let mut depth = 0usize;
        // The depth at which a skipped element opened (0: none open).
        let mut skipping = 0usize;
        let mut current = String::new();
        loop {
            match reader.read_event() {
                Ok(Event::Start(start)) => {
                    if depth > 0 {
                        depth += 1;
                        if skipping == 0 && start.name().as_ref() == skip {
                            skipping = depth;
                        }
                    } else if start.name().as_ref() == verb {
                        depth = 1;
                        current.clear();
                    }
                }
                Ok(Event::End(_)) if depth > 0 => {
                    if skipping == depth {
                        skipping = 0;
                    }
                    depth -= 1;
                    if depth == 0 {
                        texts.push(std::mem::take(&mut current));
                    }
                }
                Ok(Event::Empty(empty)) if depth == 0 && empty.name().as_ref() == verb => {
                    texts.push(String::new());
                }
                Ok(Event::Text(text)) if depth > 0 && skipping == 0 => {
                    current.push_str(&text.xml10_content());
                }
                Ok(Event::GeneralRef(reference)) if depth > 0 && skipping == 0 => {
                    // `&amp;` and its kin come as references of their own.
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) => current.push(c),
                        _ => {
                            let name: &str = reference.as_ref();
                            current.push_str(match name {
                                "amp" => "&",
                                "lt" => "<",
                                "gt" => ">",
                                "quot" => "\"",
                                "apos" => "'",
                                _ => "",
                            });
                        }
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        texts
    }
}

/// Why a webhook could not be delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The URL is not an absolute `http(s)` URL to a loopback host (`127.0.0.0/8`, `::1`,
    /// `localhost`): the stand-in never posts anywhere else.
    NotLoopback(String),
    /// The request failed (the app is not listening, or closed the connection).
    Failed(String),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::NotLoopback(url) => {
                write!(
                    f,
                    "the stand-in posts webhooks to loopback only, not to `{url}`"
                )
            }
            WebhookError::Failed(why) => write!(f, "the webhook could not be delivered: {why}"),
        }
    }
}

impl std::error::Error for WebhookError {}

static NEXT_SID: AtomicU64 = AtomicU64::new(1);

fn new_sid(prefix: &str) -> String {
    let n = NEXT_SID.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}{:016x}{:016x}", fastrand::u64(..), n)
}

impl StandIn {
    /// An incoming SMS to post to the app's messaging webhook `url` (a loopback URL), with the
    /// fields Twilio sends (`MessageSid`, `AccountSid`, `From`, `To`, `Body`, `NumMedia`, …),
    /// signed with the stand-in's auth token over `url`.
    ///
    /// ```
    /// use twilio_endpoint::testing::StandIn;
    ///
    /// # async fn f(app_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// let stand_in = StandIn::start().await;
    /// let reply = stand_in
    ///     .incoming_sms(format!("{app_url}/sms"))
    ///     .from("+15551230000")
    ///     .body("hello")
    ///     .send()
    ///     .await?;
    /// assert_eq!(reply.messages(), ["You said: hello"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn incoming_sms(&self, url: impl Into<String>) -> Webhook<'_> {
        let sid = new_sid("SM");
        let params = [
            ("ToCountry", "US"),
            ("SmsMessageSid", &sid),
            ("NumMedia", "0"),
            ("SmsSid", &sid),
            ("SmsStatus", "received"),
            ("Body", ""),
            ("To", "+15559870000"),
            ("NumSegments", "1"),
            ("MessageSid", &sid),
            ("AccountSid", self.account_sid()),
            ("From", "+15551230000"),
            ("FromCity", ""),
            ("ApiVersion", "2010-04-01"),
        ];
        self.webhook(url.into(), &params)
    }

    /// An incoming call to post to the app's voice webhook `url`, with the fields Twilio sends
    /// (`CallSid`, `AccountSid`, `From`, `To`, `CallStatus=ringing`, `Direction=inbound`, …).
    pub fn incoming_call(&self, url: impl Into<String>) -> Webhook<'_> {
        let sid = new_sid("CA");
        let params = [
            ("AccountSid", self.account_sid()),
            ("ApiVersion", "2010-04-01"),
            ("CallSid", &sid),
            ("CallStatus", "ringing"),
            ("Called", "+15559870000"),
            ("Caller", "+15551230000"),
            ("Direction", "inbound"),
            ("From", "+15551230000"),
            ("To", "+15559870000"),
        ];
        self.webhook(url.into(), &params)
    }

    /// A message status callback to post to `url`, as Twilio posts one to a message's
    /// `StatusCallback` (`MessageSid`, `MessageStatus`, `SmsSid`, `SmsStatus`, `AccountSid`,
    /// `From`, `To`, `ApiVersion`; add `ErrorCode` with [`param`](Webhook::param)).
    pub fn message_status(
        &self,
        url: impl Into<String>,
        message_sid: &str,
        status: &str,
    ) -> Webhook<'_> {
        let params = [
            ("SmsSid", message_sid),
            ("SmsStatus", status),
            ("MessageStatus", status),
            ("To", "+15551230000"),
            ("MessageSid", message_sid),
            ("AccountSid", self.account_sid()),
            ("From", "+15559870000"),
            ("ApiVersion", "2010-04-01"),
        ];
        self.webhook(url.into(), &params)
    }

    fn webhook(&self, url: String, params: &[(&str, &str)]) -> Webhook<'_> {
        Webhook {
            stand_in: self,
            url,
            params: params
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            media: 0,
        }
    }
}

impl Webhook<'_> {
    /// Sets a field (replacing the one of that name).
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        match self.params.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.params.push((name, value)),
        }
        self
    }

    /// The sender (`From`, and for a call `Caller`).
    pub fn from(self, from: impl Into<String>) -> Self {
        let from = from.into();
        let is_call = self.params.iter().any(|(n, _)| n == "CallSid");
        let this = self.param("From", from.clone());
        if is_call {
            this.param("Caller", from)
        } else {
            this
        }
    }

    /// The recipient, the app's number (`To`, and for a call `Called`).
    pub fn to(self, to: impl Into<String>) -> Self {
        let to = to.into();
        let is_call = self.params.iter().any(|(n, _)| n == "CallSid");
        let this = self.param("To", to.clone());
        if is_call {
            this.param("Called", to)
        } else {
            this
        }
    }

    /// The message's text (`Body`).
    pub fn body(self, body: impl Into<String>) -> Self {
        self.param("Body", body)
    }

    /// Attaches a medium (`MediaUrlN`, `MediaContentTypeN`, and `NumMedia`): an MMS.
    pub fn media(mut self, url: impl Into<String>, content_type: impl Into<String>) -> Self {
        let n = self.media;
        self.media += 1;
        self.param(format!("MediaUrl{n}"), url)
            .param(format!("MediaContentType{n}"), content_type)
            .param("NumMedia", (n + 1).to_string())
    }

    /// The form body this webhook posts.
    pub fn form_body(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&self.params)
            .finish()
    }

    /// Posts the webhook, signed as Twilio signs it, and returns what the app answered.
    pub async fn send(self) -> Result<WebhookReply, WebhookError> {
        let url = Url::parse(&self.url)
            .ok()
            .filter(is_loopback)
            .ok_or_else(|| WebhookError::NotLoopback(self.url.clone()))?;
        let body = self.form_body();
        let signature = Validator::new(self.stand_in.auth_token()).sign(&self.url, body.as_bytes());
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| WebhookError::Failed(e.to_string()))?;
        let response = http
            .post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(SIGNATURE_HEADER, signature)
            .header("User-Agent", "TwilioProxy/1.1")
            .body(body)
            .send()
            .await
            .map_err(|e| WebhookError::Failed(e.to_string()))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response
            .text()
            .await
            .map_err(|e| WebhookError::Failed(e.to_string()))?;
        Ok(WebhookReply {
            status,
            content_type,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(body: &str) -> WebhookReply {
        WebhookReply {
            status: 200,
            content_type: Some("text/xml".into()),
            body: body.into(),
        }
    }

    #[test]
    fn reads_messages_and_says_from_twiml() {
        let twiml = crate::twiml::MessagingResponse::new()
            .message("a & <b>")
            .add_message(crate::twiml::Message::new("with media").media("https://m/0"))
            .to_xml();
        assert_eq!(reply(&twiml).messages(), ["a & <b>", "with media"]);
        assert_eq!(reply(&twiml).media(), ["https://m/0"]);
        let voice =
            r#"<Response><Say voice="man">Hi</Say><Gather><Say>Press 1</Say></Gather></Response>"#;
        assert_eq!(reply(voice).says(), ["Hi", "Press 1"]);
        assert!(reply("not xml").messages().is_empty());
        assert_eq!(reply("<Response><Message/></Response>").messages(), [""]);
    }
}
