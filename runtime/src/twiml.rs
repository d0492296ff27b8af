//! TwiML: the XML an app answers Twilio's webhooks with, built from typed verbs and nouns.
//!
//! [`MessagingResponse`] answers an incoming message, [`VoiceResponse`] a call. Attributes are
//! typed (enums where Twilio lists the values, [`Duration`]s in whole seconds, lists written
//! space-separated as TwiML wants them, unlike the REST API's repeated keys), and every text
//! and attribute value is escaped by quick-xml, so a caller's `<`, `&` or `"` cannot change the
//! document. With the `axum` feature both are an `IntoResponse` with `Content-Type: text/xml`.
//!
//! ```
//! use std::time::Duration;
//! use twilio_endpoint::twiml::{Gather, GatherInput, Say, VoiceResponse};
//!
//! let twiml = VoiceResponse::new()
//!     .gather(
//!         Gather::new()
//!             .input([GatherInput::Dtmf, GatherInput::Speech])
//!             .timeout(Duration::from_secs(5))
//!             .action("/menu?step=1&lang=en")
//!             .say(Say::new("Press 1 for sales & support")),
//!     )
//!     .hangup();
//! assert_eq!(
//!     twiml.to_xml(),
//!     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\
//!      <Gather input=\"dtmf speech\" timeout=\"5\" action=\"/menu?step=1&amp;lang=en\">\
//!      <Say>Press 1 for sales &amp; support</Say></Gather><Hangup/></Response>"
//! );
//! ```

use std::fmt::{self, Write as _};
use std::time::Duration;

use quick_xml::escape::escape;

use crate::payments::{BankAccountType, PaymentMethod, TokenType};

/// One element: its name, attributes in the order they were set, text and children.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Node {
    name: &'static str,
    attributes: Vec<(&'static str, String)>,
    text: Option<String>,
    children: Vec<Node>,
}

impl Node {
    fn new(name: &'static str) -> Self {
        Node {
            name,
            attributes: Vec::new(),
            text: None,
            children: Vec::new(),
        }
    }

    fn with_text(name: &'static str, text: impl Into<String>) -> Self {
        Node {
            text: Some(text.into()),
            ..Node::new(name)
        }
    }

    /// Sets an attribute (again: replaces its value, keeping its place).
    fn set(&mut self, name: &'static str, value: impl Into<String>) {
        let value = value.into();
        match self.attributes.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.attributes.push((name, value)),
        }
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.name);
        for (name, value) in &self.attributes {
            // `write!` into a String cannot fail.
            let _ = write!(out, " {name}=\"{}\"", escape(value.as_str()));
        }
        if self.text.is_none() && self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        if let Some(text) = &self.text {
            out.push_str(&escape(text.as_str()));
        }
        for child in &self.children {
            child.write(out);
        }
        let _ = write!(out, "</{}>", self.name);
    }
}

/// The whole document: the XML declaration and `<Response>`.
fn document(verbs: &[Node]) -> String {
    let mut out = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let response = Node {
        children: verbs.to_vec(),
        ..Node::new("Response")
    };
    response.write(&mut out);
    out
}

/// Whole seconds, as TwiML's durations are written (rounded down; at least what was given in
/// whole seconds).
fn seconds(duration: Duration) -> String {
    duration.as_secs().to_string()
}

/// A list attribute: TwiML separates the values with spaces.
fn spaced<T: AsRef<str>>(values: impl IntoIterator<Item = T>) -> String {
    let mut out = String::new();
    for value in values {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(value.as_ref());
    }
    out
}

/// Declares a TwiML attribute enum: each variant and the text TwiML writes for it.
macro_rules! twiml_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// The value as TwiML writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

twiml_enum! {
    /// The HTTP method Twilio requests an `action` or callback URL with.
    Method {
        /// `GET`
        Get = "GET",
        /// `POST` (Twilio's default)
        Post = "POST",
    }
}

twiml_enum! {
    /// What `<Gather>` listens for (`input`).
    GatherInput {
        /// `dtmf`: key presses.
        Dtmf = "dtmf",
        /// `speech`
        Speech = "speech",
    }
}

twiml_enum! {
    /// The call events a `<Number>`, `<Client>` or `<Conference>` reports to its
    /// `statusCallback` (`statusCallbackEvent`).
    CallEvent {
        /// `initiated`
        Initiated = "initiated",
        /// `ringing`
        Ringing = "ringing",
        /// `answered`
        Answered = "answered",
        /// `completed`
        Completed = "completed",
    }
}

twiml_enum! {
    /// The conference events reported to its `statusCallback` (`statusCallbackEvent`).
    ConferenceEvent {
        /// `start`
        Start = "start",
        /// `end`
        End = "end",
        /// `join`
        Join = "join",
        /// `leave`
        Leave = "leave",
        /// `mute`
        Mute = "mute",
        /// `hold`
        Hold = "hold",
        /// `modify`
        Modify = "modify",
        /// `speaker`
        Speaker = "speaker",
        /// `announcement`
        Announcement = "announcement",
    }
}

twiml_enum! {
    /// Whether `<Record>` trims silence (`trim`).
    Trim {
        /// `trim-silence`
        TrimSilence = "trim-silence",
        /// `do-not-trim`
        DoNotTrim = "do-not-trim",
    }
}

twiml_enum! {
    /// The tone a rejected call hears (`reason`).
    RejectReason {
        /// `rejected`: a "not in service" message.
        Rejected = "rejected",
        /// `busy`: a busy signal.
        Busy = "busy",
    }
}

twiml_enum! {
    /// Recording of a `<Dial>` (`record`).
    DialRecord {
        /// `do-not-record`
        DoNotRecord = "do-not-record",
        /// `record-from-answer`
        RecordFromAnswer = "record-from-answer",
        /// `record-from-ringing`
        RecordFromRinging = "record-from-ringing",
        /// `record-from-answer-dual`
        RecordFromAnswerDual = "record-from-answer-dual",
        /// `record-from-ringing-dual`
        RecordFromRingingDual = "record-from-ringing-dual",
    }
}

twiml_enum! {
    /// The recording events reported to a `recordingStatusCallback`
    /// (`recordingStatusCallbackEvent`).
    RecordingEvent {
        /// `in-progress`
        InProgress = "in-progress",
        /// `completed`
        Completed = "completed",
        /// `absent`
        Absent = "absent",
    }
}

twiml_enum! {
    /// The payment step a `<Prompt>` speaks for (`for`).
    PromptFor {
        /// `payment-card-number`
        PaymentCardNumber = "payment-card-number",
        /// `expiration-date`
        ExpirationDate = "expiration-date",
        /// `security-code`
        SecurityCode = "security-code",
        /// `postal-code`
        PostalCode = "postal-code",
        /// `bank-routing-number`
        BankRoutingNumber = "bank-routing-number",
        /// `bank-account-number`
        BankAccountNumber = "bank-account-number",
        /// `payment-processing`
        PaymentProcessing = "payment-processing",
    }
}

twiml_enum! {
    /// A card brand (`<Prompt cardType>`, `<Pay validCardTypes>`).
    CardType {
        /// `visa`
        Visa = "visa",
        /// `mastercard`
        Mastercard = "mastercard",
        /// `amex`
        Amex = "amex",
        /// `maestro`
        Maestro = "maestro",
        /// `discover`
        Discover = "discover",
        /// `optima`
        Optima = "optima",
        /// `jcb`
        Jcb = "jcb",
        /// `diners-club`
        DinersClub = "diners-club",
        /// `enroute`
        Enroute = "enroute",
    }
}

twiml_enum! {
    /// The error a `<Prompt>` speaks after (`errorType`).
    PromptError {
        /// `timeout`
        Timeout = "timeout",
        /// `invalid-card-number`
        InvalidCardNumber = "invalid-card-number",
        /// `invalid-card-type`
        InvalidCardType = "invalid-card-type",
        /// `invalid-date`
        InvalidDate = "invalid-date",
        /// `invalid-security-code`
        InvalidSecurityCode = "invalid-security-code",
        /// `invalid-postal-code`
        InvalidPostalCode = "invalid-postal-code",
        /// `invalid-bank-routing-number`
        InvalidBankRoutingNumber = "invalid-bank-routing-number",
        /// `invalid-bank-account-number`
        InvalidBankAccountNumber = "invalid-bank-account-number",
        /// `input-matching-failed`
        InputMatchingFailed = "input-matching-failed",
    }
}

/// Setters shared by every builder over a `Node`.
macro_rules! attributes {
    ($ty:ty { $($(#[$meta:meta])* $method:ident($arg:ty) => $attr:literal via $conv:expr;)* }) => {
        impl $ty {
            $(
                $(#[$meta])*
                pub fn $method(mut self, value: $arg) -> Self {
                    #[allow(clippy::redundant_closure_call)]
                    self.0.set($attr, ($conv)(value));
                    self
                }
            )*
        }
    };
}

/// An attribute given as text (a URL, a number, a name).
fn text(value: impl Into<String>) -> String {
    value.into()
}

fn flag(value: bool) -> String {
    value.to_string()
}

fn number(value: u32) -> String {
    value.to_string()
}

fn method(value: Method) -> String {
    value.as_str().to_owned()
}

// ---------------------------------------------------------------------------------------------
// Messaging

/// The answer to an incoming message: `<Response>` with `<Message>` and `<Redirect>` verbs.
///
/// ```
/// use twilio_endpoint::twiml::{Message, MessagingResponse};
///
/// let twiml = MessagingResponse::new()
///     .message("Thanks! <3")
///     .add_message(
///         Message::new("Here is the map")
///             .media("https://example.com/map.png?a=1&b=2")
///             .status_callback("https://example.com/status"),
///     );
/// assert_eq!(
///     twiml.to_xml(),
///     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\
///      <Message>Thanks! &lt;3</Message>\
///      <Message statusCallback=\"https://example.com/status\"><Body>Here is the map</Body>\
///      <Media>https://example.com/map.png?a=1&amp;b=2</Media></Message></Response>"
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct MessagingResponse {
    verbs: Vec<Node>,
}

impl MessagingResponse {
    /// An empty answer (`<Response/>`): no reply.
    pub fn new() -> Self {
        MessagingResponse::default()
    }

    /// Replies with this text.
    pub fn message(self, body: impl Into<String>) -> Self {
        self.add_message(Message::new(body))
    }

    /// Replies with this message (media, attributes).
    pub fn add_message(mut self, message: Message) -> Self {
        self.verbs.push(message.into_node());
        self
    }

    /// Asks Twilio to fetch the rest of the answer from `url`.
    pub fn redirect(mut self, redirect: Redirect) -> Self {
        self.verbs.push(redirect.0);
        self
    }

    /// The TwiML document.
    pub fn to_xml(&self) -> String {
        document(&self.verbs)
    }
}

impl fmt::Display for MessagingResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_xml())
    }
}

/// `<Message>`: a reply, with text (`<Body>`) and media (`<Media>`, up to ten).
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Message {
    node: Node,
    body: Option<String>,
    media: Vec<String>,
}

impl Message {
    /// A message with this text.
    pub fn new(body: impl Into<String>) -> Self {
        Message {
            node: Node::new("Message"),
            body: Some(body.into()),
            media: Vec::new(),
        }
    }

    /// A message of media only.
    pub fn media_only() -> Self {
        Message {
            node: Node::new("Message"),
            body: None,
            media: Vec::new(),
        }
    }

    /// Attaches the media at `url` (`<Media>`).
    pub fn media(mut self, url: impl Into<String>) -> Self {
        self.media.push(url.into());
        self
    }

    /// The recipient (default: the sender of the incoming message).
    pub fn to(mut self, to: impl Into<String>) -> Self {
        self.node.set("to", to);
        self
    }

    /// The sender (default: the number the message came to).
    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.node.set("from", from);
        self
    }

    /// Where Twilio posts the message's status changes.
    pub fn status_callback(mut self, url: impl Into<String>) -> Self {
        self.node.set("statusCallback", url);
        self
    }

    /// A URL to request after sending (deprecated by Twilio for `statusCallback`).
    pub fn action(mut self, url: impl Into<String>) -> Self {
        self.node.set("action", url);
        self
    }

    /// The method of `action`.
    pub fn method(mut self, method: Method) -> Self {
        self.node.set("method", method.as_str());
        self
    }

    fn into_node(self) -> Node {
        let mut node = self.node;
        if self.media.is_empty() {
            // Text alone is written inside `<Message>`, as Twilio's libraries do.
            node.text = self.body;
        } else {
            if let Some(body) = self.body {
                node.children.push(Node::with_text("Body", body));
            }
            for url in self.media {
                node.children.push(Node::with_text("Media", url));
            }
        }
        node
    }
}

// ---------------------------------------------------------------------------------------------
// Voice

/// The answer to a call: `<Response>` with voice verbs, run in order.
///
/// ```
/// use std::time::Duration;
/// use twilio_endpoint::twiml::{Dial, Number, Pause, Say, VoiceResponse};
///
/// let twiml = VoiceResponse::new()
///     .say(Say::new("Connecting you").voice("Polly.Joanna").language("en-US"))
///     .pause(Pause::new().length(Duration::from_secs(2)))
///     .dial(Dial::new().timeout(Duration::from_secs(20)).number(Number::new("+15558675310")));
/// assert!(twiml.to_xml().contains("<Pause length=\"2\"/>"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct VoiceResponse {
    verbs: Vec<Node>,
}

impl VoiceResponse {
    /// An empty answer (`<Response/>`): the call ends.
    pub fn new() -> Self {
        VoiceResponse::default()
    }

    fn push(mut self, node: Node) -> Self {
        self.verbs.push(node);
        self
    }

    /// `<Say>`: speaks text.
    pub fn say(self, say: Say) -> Self {
        self.push(say.0)
    }

    /// `<Play>`: plays audio (or digits).
    pub fn play(self, play: Play) -> Self {
        self.push(play.0)
    }

    /// `<Gather>`: collects key presses or speech.
    pub fn gather(self, gather: Gather) -> Self {
        self.push(gather.0)
    }

    /// `<Dial>`: connects the call to another party.
    pub fn dial(self, dial: Dial) -> Self {
        self.push(dial.0)
    }

    /// `<Record>`: records the caller.
    pub fn record(self, record: Record) -> Self {
        self.push(record.0)
    }

    /// `<Redirect>`: fetches the rest of the answer from another URL.
    pub fn redirect(self, redirect: Redirect) -> Self {
        self.push(redirect.0)
    }

    /// `<Hangup/>`: ends the call.
    pub fn hangup(self) -> Self {
        self.push(Node::new("Hangup"))
    }

    /// `<Pause>`: waits silently.
    pub fn pause(self, pause: Pause) -> Self {
        self.push(pause.0)
    }

    /// `<Reject>`: refuses an incoming call without answering (not billed).
    pub fn reject(self, reject: Reject) -> Self {
        self.push(reject.0)
    }

    /// `<Pay>`: captures a payment.
    pub fn pay(self, pay: Pay) -> Self {
        self.push(pay.0)
    }

    /// The TwiML document.
    pub fn to_xml(&self) -> String {
        document(&self.verbs)
    }
}

impl fmt::Display for VoiceResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_xml())
    }
}

/// `<Say>`: text spoken to the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Say(Node);

impl Say {
    /// Speaks `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Say(Node::with_text("Say", text))
    }
}

attributes!(Say {
    /// The voice (`man`, `woman`, `Polly.Joanna`, `Google.en-US-Neural2-F`, …).
    voice(impl Into<String>) => "voice" via text;
    /// The language (`en-US`, `fr-FR`, …).
    language(impl Into<String>) => "language" via text;
    /// How many times to say it (`0`: until the call ends).
    repeat(u32) => "loop" via number;
});

/// `<Play>`: audio from a URL, or DTMF digits.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Play(Node);

impl Play {
    /// Plays the audio at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Play(Node::with_text("Play", url))
    }

    /// Plays DTMF tones (`digits`: `0`–`9`, `*`, `#`, `w` for half a second's wait).
    pub fn digits(digits: impl Into<String>) -> Self {
        let mut node = Node::new("Play");
        node.set("digits", digits);
        Play(node)
    }
}

attributes!(Play {
    /// How many times to play it (`0`: until the call ends).
    repeat(u32) => "loop" via number;
});

/// `<Gather>`: collects digits or speech, with `<Say>`, `<Play>` and `<Pause>` nested as its
/// prompt, and posts the result to `action`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Gather(Node);

impl Default for Gather {
    fn default() -> Self {
        Gather::new()
    }
}

impl Gather {
    /// A gather with Twilio's defaults (DTMF, 5 seconds, `action` the current URL).
    pub fn new() -> Self {
        Gather(Node::new("Gather"))
    }

    /// What to listen for: written space-separated (`dtmf speech`).
    pub fn input(mut self, inputs: impl IntoIterator<Item = GatherInput>) -> Self {
        self.0.set("input", spaced(inputs));
        self
    }

    /// Speaks while gathering.
    pub fn say(mut self, say: Say) -> Self {
        self.0.children.push(say.0);
        self
    }

    /// Plays while gathering.
    pub fn play(mut self, play: Play) -> Self {
        self.0.children.push(play.0);
        self
    }

    /// Pauses while gathering.
    pub fn pause(mut self, pause: Pause) -> Self {
        self.0.children.push(pause.0);
        self
    }

    /// How long to wait for the first (and each next) input, in whole seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.0.set("timeout", seconds(timeout));
        self
    }
}

attributes!(Gather {
    /// Where Twilio posts the digits or speech.
    action(impl Into<String>) => "action" via text;
    /// The method of `action`.
    method(Method) => "method" via method;
    /// The key that ends the input (`#`; empty for none).
    finish_on_key(impl Into<String>) => "finishOnKey" via text;
    /// How many digits to collect before posting.
    num_digits(u32) => "numDigits" via number;
    /// The language of speech (`en-US`).
    language(impl Into<String>) => "language" via text;
    /// Words likely to be said, comma-separated as Twilio takes them.
    hints(impl Into<String>) => "hints" via text;
    /// Posts partial speech results to this URL while the caller speaks.
    partial_result_callback(impl Into<String>) => "partialResultCallback" via text;
    /// Whether to post to `action` even when nothing was entered.
    action_on_empty_result(bool) => "actionOnEmptyResult" via flag;
    /// The speech model (`default`, `numbers_and_commands`, `phone_call`, …).
    speech_model(impl Into<String>) => "speechModel" via text;
});

/// `<Dial>`: connects the caller to a number, a client, a conference, or (as text) a number.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Dial(Node);

impl Default for Dial {
    fn default() -> Self {
        Dial::new()
    }
}

impl Dial {
    /// A dial whose nouns follow (`number`, `client`, `conference`).
    pub fn new() -> Self {
        Dial(Node::new("Dial"))
    }

    /// Dials this number, written as the verb's text (`<Dial>+15558675310</Dial>`).
    pub fn to(number: impl Into<String>) -> Self {
        Dial(Node::with_text("Dial", number))
    }

    /// Dials a `<Number>` (several ring at once; the first to answer is connected).
    pub fn number(mut self, number: Number) -> Self {
        self.0.children.push(number.0);
        self
    }

    /// Dials a `<Client>`.
    pub fn client(mut self, client: Client) -> Self {
        self.0.children.push(client.0);
        self
    }

    /// Joins a `<Conference>`.
    pub fn conference(mut self, conference: Conference) -> Self {
        self.0.children.push(conference.0);
        self
    }

    /// How long to ring, in whole seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.0.set("timeout", seconds(timeout));
        self
    }

    /// The longest the call may last, in whole seconds.
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.0.set("timeLimit", seconds(limit));
        self
    }
}

attributes!(Dial {
    /// Where Twilio posts the dial's outcome.
    action(impl Into<String>) => "action" via text;
    /// The method of `action`.
    method(Method) => "method" via method;
    /// The caller ID shown to the called party.
    caller_id(impl Into<String>) => "callerId" via text;
    /// Whether `*` hangs up the called party.
    hangup_on_star(bool) => "hangupOnStar" via flag;
    /// Recording of the dialed call.
    record(DialRecord) => "record" via |r: DialRecord| r.as_str().to_owned();
    /// Where Twilio posts the recording's status.
    recording_status_callback(impl Into<String>) => "recordingStatusCallback" via text;
    /// Whether to answer the caller only once the called party answers.
    answer_on_bridge(bool) => "answerOnBridge" via flag;
    /// A ringback tone URL played meanwhile.
    ring_tone(impl Into<String>) => "ringTone" via text;
});

/// The callback attributes of `<Number>` and `<Client>`; the events are written space-separated.
macro_rules! call_nouns {
    ($($ty:ident $tag:literal,)*) => {$(
        impl $ty {
            /// The call events to post to `status_callback`, written space-separated
            /// (`initiated ringing answered completed`), not as repeated keys.
            pub fn status_callback_event(mut self, events: impl IntoIterator<Item = CallEvent>) -> Self {
                self.0.set("statusCallbackEvent", spaced(events));
                self
            }
        }

        attributes!($ty {
            /// Where Twilio posts this leg's call events.
            status_callback(impl Into<String>) => "statusCallback" via text;
            /// The method of `status_callback`.
            status_callback_method(Method) => "statusCallbackMethod" via method;
            /// A URL whose TwiML runs for the called party before connecting (a whisper).
            url(impl Into<String>) => "url" via text;
            /// The method of `url`.
            method(Method) => "method" via method;
        });
    )*};
}

/// `<Number>`: a phone number to dial.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Number(Node);

impl Number {
    /// Dials this number (E.164).
    pub fn new(number: impl Into<String>) -> Self {
        Number(Node::with_text("Number", number))
    }
}

attributes!(Number {
    /// Digits to play once the number answers (an extension: `wwww1928`).
    send_digits(impl Into<String>) => "sendDigits" via text;
});

/// `<Client>`: a Voice SDK client to dial, by identity.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Client(Node);

impl Client {
    /// Dials the client with this identity.
    pub fn new(identity: impl Into<String>) -> Self {
        Client(Node::with_text("Client", identity))
    }
}

call_nouns! {
    Number "Number",
    Client "Client",
}

/// `<Conference>`: a named conference room to join.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Conference(Node);

impl Conference {
    /// Joins the room with this name.
    pub fn new(name: impl Into<String>) -> Self {
        Conference(Node::with_text("Conference", name))
    }

    /// The conference events to post to `status_callback`, written space-separated.
    pub fn status_callback_event(
        mut self,
        events: impl IntoIterator<Item = ConferenceEvent>,
    ) -> Self {
        self.0.set("statusCallbackEvent", spaced(events));
        self
    }
}

attributes!(Conference {
    /// Whether the participant joins muted.
    muted(bool) => "muted" via flag;
    /// Whether the conference starts when this participant joins.
    start_conference_on_enter(bool) => "startConferenceOnEnter" via flag;
    /// Whether the conference ends when this participant leaves.
    end_conference_on_exit(bool) => "endConferenceOnExit" via flag;
    /// Hold music (a URL of TwiML or audio) until the conference starts.
    wait_url(impl Into<String>) => "waitUrl" via text;
    /// The most participants (2–250).
    max_participants(u32) => "maxParticipants" via number;
    /// Where Twilio posts the conference events.
    status_callback(impl Into<String>) => "statusCallback" via text;
    /// The method of `status_callback`.
    status_callback_method(Method) => "statusCallbackMethod" via method;
    /// A beep on enter and exit (`true`, `false`, `onEnter`, `onExit`).
    beep(impl Into<String>) => "beep" via text;
});

/// `<Record>`: records the caller and posts the recording's URL to `action`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Record(Node);

impl Default for Record {
    fn default() -> Self {
        Record::new()
    }
}

impl Record {
    /// A recording with Twilio's defaults.
    pub fn new() -> Self {
        Record(Node::new("Record"))
    }

    /// How much silence ends the recording, in whole seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.0.set("timeout", seconds(timeout));
        self
    }

    /// The longest recording, in whole seconds.
    pub fn max_length(mut self, length: Duration) -> Self {
        self.0.set("maxLength", seconds(length));
        self
    }

    /// The recording events to post to `recording_status_callback`, written space-separated.
    pub fn recording_status_callback_event(
        mut self,
        events: impl IntoIterator<Item = RecordingEvent>,
    ) -> Self {
        self.0.set("recordingStatusCallbackEvent", spaced(events));
        self
    }
}

attributes!(Record {
    /// Where Twilio posts the recording once done.
    action(impl Into<String>) => "action" via text;
    /// The method of `action`.
    method(Method) => "method" via method;
    /// Keys that end the recording (`1234567890*#`).
    finish_on_key(impl Into<String>) => "finishOnKey" via text;
    /// Whether to beep before recording.
    play_beep(bool) => "playBeep" via flag;
    /// Whether to trim silence.
    trim(Trim) => "trim" via |t: Trim| t.as_str().to_owned();
    /// Where Twilio posts the recording's status.
    recording_status_callback(impl Into<String>) => "recordingStatusCallback" via text;
    /// Whether to transcribe the recording.
    transcribe(bool) => "transcribe" via flag;
    /// Where Twilio posts the transcription.
    transcribe_callback(impl Into<String>) => "transcribeCallback" via text;
});

/// `<Redirect>`: the rest of the answer comes from another URL.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Redirect(Node);

impl Redirect {
    /// Fetches TwiML from `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Redirect(Node::with_text("Redirect", url))
    }
}

attributes!(Redirect {
    /// The method of the URL.
    method(Method) => "method" via method;
});

/// `<Pause>`: silence.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Pause(Node);

impl Default for Pause {
    fn default() -> Self {
        Pause::new()
    }
}

impl Pause {
    /// A pause of Twilio's default (one second).
    pub fn new() -> Self {
        Pause(Node::new("Pause"))
    }

    /// How long, in whole seconds.
    pub fn length(mut self, length: Duration) -> Self {
        self.0.set("length", seconds(length));
        self
    }
}

/// `<Reject>`: refuses the call.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Reject(Node);

impl Default for Reject {
    fn default() -> Self {
        Reject::new()
    }
}

impl Reject {
    /// Rejects with Twilio's default tone.
    pub fn new() -> Self {
        Reject(Node::new("Reject"))
    }
}

attributes!(Reject {
    /// The tone the caller hears.
    reason(RejectReason) => "reason" via |r: RejectReason| r.as_str().to_owned();
});

/// `<Pay>`: captures card or ACH details through a Pay Connector, with `<Prompt>`s to customize
/// what the caller hears and `<Parameter>`s for the connector.
///
/// ```
/// use twilio_endpoint::payments::PaymentMethod;
/// use twilio_endpoint::twiml::{Parameter, Pay, Prompt, PromptFor, Say, VoiceResponse};
///
/// let twiml = VoiceResponse::new().pay(
///     Pay::new()
///         .payment_method(PaymentMethod::AchDebit)
///         .charge_amount("13.22")
///         .prompt(Prompt::new(PromptFor::BankAccountNumber).say(Say::new("Enter your account number.")))
///         .parameter(Parameter::new("order", "42")),
/// );
/// assert!(twiml.to_xml().contains(r#"<Pay paymentMethod="ach-debit" chargeAmount="13.22">"#));
/// assert!(twiml.to_xml().contains(r#"<Parameter name="order" value="42"/>"#));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Pay(Node);

impl Default for Pay {
    fn default() -> Self {
        Pay::new()
    }
}

impl Pay {
    /// A `<Pay>` with Twilio's defaults (a card, the default connector).
    pub fn new() -> Self {
        Pay(Node::new("Pay"))
    }

    /// Customizes a step's prompt.
    pub fn prompt(mut self, prompt: Prompt) -> Self {
        self.0.children.push(prompt.0);
        self
    }

    /// A parameter for the Pay Connector.
    pub fn parameter(mut self, parameter: Parameter) -> Self {
        self.0.children.push(parameter.0);
        self
    }

    /// The card brands accepted, written space-separated (`visa mastercard amex`).
    pub fn valid_card_types(mut self, cards: impl IntoIterator<Item = CardType>) -> Self {
        self.0.set("validCardTypes", spaced(cards));
        self
    }

    /// How long to wait for each input, in whole seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.0.set("timeout", seconds(timeout));
        self
    }
}

attributes!(Pay {
    /// Card or ACH.
    payment_method(PaymentMethod) => "paymentMethod" via |m: PaymentMethod| m.as_str().to_owned();
    /// The amount to charge (`10.00`); absent or `0` tokenizes.
    charge_amount(impl Into<String>) => "chargeAmount" via text;
    /// The currency (`usd`).
    currency(impl Into<String>) => "currency" via text;
    /// The Pay Connector's unique name.
    payment_connector(impl Into<String>) => "paymentConnector" via text;
    /// Where Twilio posts the result, and requests the next TwiML.
    action(impl Into<String>) => "action" via text;
    /// The method of `action`.
    method(Method) => "method" via method;
    /// Where Twilio posts each step's status.
    status_callback(impl Into<String>) => "statusCallback" via text;
    /// The kind of token of a tokenization.
    token_type(TokenType) => "tokenType" via |t: TokenType| t.as_str().to_owned();
    /// The bank account type of an ACH payment.
    bank_account_type(BankAccountType) => "bankAccountType" via |t: BankAccountType| t.as_str().to_owned();
    /// Whether to ask for the card's postal code (or a postal code to use).
    postal_code(impl Into<String>) => "postalCode" via text;
    /// Whether to ask for the security code.
    security_code(bool) => "securityCode" via flag;
    /// How many tries the caller gets (1–3).
    max_attempts(u32) => "maxAttempts" via number;
    /// What the payment is for (reported back as `For`).
    description(impl Into<String>) => "description" via text;
    /// The input: `dtmf`, the only one Twilio takes.
    input(impl Into<String>) => "input" via text;
    /// The language of the default prompts (`en-US`).
    language(impl Into<String>) => "language" via text;
});

/// `<Prompt>`: what the caller hears at one step of `<Pay>`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Prompt(Node);

impl Prompt {
    /// A prompt for this step.
    pub fn new(step: PromptFor) -> Self {
        let mut node = Node::new("Prompt");
        node.set("for", step.as_str());
        Prompt(node)
    }

    /// Speaks this prompt.
    pub fn say(mut self, say: Say) -> Self {
        self.0.children.push(say.0);
        self
    }

    /// Plays this prompt.
    pub fn play(mut self, play: Play) -> Self {
        self.0.children.push(play.0);
        self
    }

    /// Pauses in this prompt.
    pub fn pause(mut self, pause: Pause) -> Self {
        self.0.children.push(pause.0);
        self
    }

    /// Only for these card brands, written space-separated.
    pub fn card_type(mut self, cards: impl IntoIterator<Item = CardType>) -> Self {
        self.0.set("cardType", spaced(cards));
        self
    }

    /// Only after these errors, written space-separated.
    pub fn error_type(mut self, errors: impl IntoIterator<Item = PromptError>) -> Self {
        self.0.set("errorType", spaced(errors));
        self
    }

    /// Only at these attempts (1–10), written space-separated (`2 3`).
    pub fn attempt(mut self, attempts: impl IntoIterator<Item = u32>) -> Self {
        self.0.set(
            "attempt",
            spaced(attempts.into_iter().map(|a| a.to_string())),
        );
        self
    }
}

attributes!(Prompt {
    /// Asks twice and checks the inputs match (ACH numbers).
    require_matching_inputs(bool) => "requireMatchingInputs" via flag;
});

/// `<Parameter>`: a name and value passed to `<Pay>`'s connector.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Parameter(Node);

impl Parameter {
    /// A parameter.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        let mut node = Node::new("Parameter");
        node.set("name", name);
        node.set("value", value);
        Parameter(node)
    }
}

#[cfg(feature = "axum")]
mod axum_response {
    use axum::response::{IntoResponse, Response};

    use super::{MessagingResponse, VoiceResponse};

    fn xml(document: String) -> Response {
        (
            [(http::header::CONTENT_TYPE, "text/xml; charset=utf-8")],
            document,
        )
            .into_response()
    }

    impl IntoResponse for MessagingResponse {
        fn into_response(self) -> Response {
            xml(self.to_xml())
        }
    }

    impl IntoResponse for VoiceResponse {
        fn into_response(self) -> Response {
            xml(self.to_xml())
        }
    }
}
