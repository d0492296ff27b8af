//! Encoding of a request's values: path segments, query strings and form bodies.
//!
//! The attribute decides at compile time where each field goes and under which wire name; the
//! code here only handles values. Everything is written into two buffers (the URL and the body)
//! with no intermediate allocation for plain values.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use serde::ser::{self, Serialize};

use crate::parameter::Parameter;
use crate::validate::{Problem, ProblemKind};

/// A value that can stand in one path segment.
///
/// Implemented for strings and integers; a path field of any other type is refused at compile time.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written into a path segment",
    label = "a path field must be a string or an integer",
    note = "use `String` or an integer type for a field that fills a `<Placeholder>`, or implement `twilio_endpoint::PathValue` for `{Self}`"
)]
pub trait PathValue {
    /// The value as text, before percent-encoding.
    fn path_value(&self) -> Cow<'_, str>;
}

#[diagnostic::do_not_recommend]
impl PathValue for str {
    fn path_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

#[diagnostic::do_not_recommend]
impl PathValue for String {
    fn path_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

#[diagnostic::do_not_recommend]
impl PathValue for Cow<'_, str> {
    fn path_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

#[diagnostic::do_not_recommend]
impl<T: PathValue + ?Sized> PathValue for &T {
    fn path_value(&self) -> Cow<'_, str> {
        (**self).path_value()
    }
}

macro_rules! integer_path_value {
    ($($t:ty)*) => {$(
        #[diagnostic::do_not_recommend]
        impl PathValue for $t {
            fn path_value(&self) -> Cow<'_, str> {
                Cow::Owned(itoa::Buffer::new().format(*self).to_owned())
            }
        }
    )*};
}
integer_path_value!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize);

/// The buffers a request is written into, one set per thread and reused: the request is then
/// copied out at its exact size, so that encoding allocates only the URL and the body it returns.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The URL: the origin, if any, then the path and the query string.
    pub(crate) url: String,
    /// The form body.
    pub(crate) body: String,
    /// The JSON text of an object value, before it is form-encoded.
    json: Vec<u8>,
}

/// A scratch buffer that grew past this is given back to the allocator after use.
const SCRATCH_KEEP: usize = 64 * 1024;

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch { url: String::new(), body: String::new(), json: Vec::new() })
    };
}

impl Scratch {
    fn clear(&mut self) {
        self.url.clear();
        self.body.clear();
        self.json.clear();
    }

    fn trim(&mut self) {
        if self.url.capacity() > SCRATCH_KEEP {
            self.url = String::new();
        }
        if self.body.capacity() > SCRATCH_KEEP {
            self.body = String::new();
        }
        if self.json.capacity() > SCRATCH_KEEP {
            self.json = Vec::new();
        }
    }
}

/// Runs `f` with this thread's scratch buffers, empty; with new ones if they are in use further
/// up the stack (a `Serialize` impl that encodes a request) or the thread is being torn down.
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut f = Some(f);
    let result = SCRATCH.try_with(|cell| {
        let mut scratch = cell.try_borrow_mut().ok()?;
        let f = f.take()?;
        scratch.clear();
        let result = f(&mut scratch);
        scratch.trim();
        Some(result)
    });
    match (result, f) {
        (Ok(Some(result)), _) => result,
        (_, Some(f)) => f(&mut Scratch::default()),
        (_, None) => unreachable!("`f` runs only when it returns"),
    }
}

/// Writes a request: the path after the origin, then query pairs, and the form body.
///
/// Generated `Endpoint::write_request` implementations drive it; values that break a rule are
/// collected as problems instead of being written, so every problem is reported at once.
#[doc(hidden)]
#[derive(Debug)]
pub struct RequestWriter<'a> {
    account_sid: &'a str,
    url: &'a mut String,
    has_query: bool,
    body: &'a mut String,
    json: &'a mut Vec<u8>,
    problems: Vec<Problem>,
}

/// Which buffer a pair goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Query,
    Form,
}

impl<'a> RequestWriter<'a> {
    /// A writer into `scratch` (emptied by [`with_scratch`]), the path going after whatever the
    /// URL holds already (the origin); `account_sid` fills an `<AccountSid>` left empty.
    pub(crate) fn new(account_sid: &'a str, scratch: &'a mut Scratch) -> Self {
        RequestWriter {
            account_sid,
            url: &mut scratch.url,
            has_query: false,
            body: &mut scratch.body,
            json: &mut scratch.json,
            problems: Vec::new(),
        }
    }

    /// Appends a constant part of the path template, as it is (the attribute checked it).
    #[inline]
    pub fn path_literal(&mut self, literal: &str) {
        self.url.push_str(literal);
    }

    /// Appends one placeholder's value, percent-encoded as (part of) one segment.
    pub fn path_value<V: PathValue + ?Sized>(&mut self, param: &'static Parameter, value: &V) {
        let text = value.path_value();
        let text: &str = if text.is_empty() && param.account_default() {
            self.account_sid
        } else {
            &text
        };
        let problem = if text.is_empty() {
            Some(if param.account_default() {
                ProblemKind::NoAccount
            } else {
                ProblemKind::Empty
            })
        } else if text == "." || text == ".." {
            Some(ProblemKind::DotSegment)
        } else {
            check_sid(param, text)
        };
        match problem {
            Some(kind) => self.problem(param, kind),
            // A SID is its prefix and hex digits: only the prefix can need encoding.
            None if !param.sid_prefixes().is_empty()
                && text.bytes().take(2).all(|b| Keep::Segment.keeps(b)) =>
            {
                self.url.push_str(text)
            }
            None => push_encoded(self.url, text, Keep::Segment),
        }
    }

    /// Appends a query parameter (nothing for `None` or an empty list).
    pub fn query<V: Serialize + ?Sized>(&mut self, param: &'static Parameter, value: &V) {
        self.pair(Target::Query, param, value);
    }

    /// Appends a form body parameter (nothing for `None` or an empty list).
    pub fn form<V: Serialize + ?Sized>(&mut self, param: &'static Parameter, value: &V) {
        self.pair(Target::Form, param, value);
    }

    fn pair<V: Serialize + ?Sized>(
        &mut self,
        target: Target,
        param: &'static Parameter,
        value: &V,
    ) {
        let result = value.serialize(ValueSerializer {
            writer: self,
            target,
            param,
            in_list: false,
        });
        if let Err(EncodeError(message)) = result {
            self.problem(param, ProblemKind::Unencodable(message));
        }
    }

    fn problem(&mut self, param: &'static Parameter, kind: ProblemKind) {
        self.problems.push(Problem::new(param.name(), kind));
    }

    /// Starts a pair: separator, key and `=`.
    fn begin_pair(&mut self, target: Target, key: &str) -> &mut String {
        let buf = match target {
            Target::Query => {
                self.url.push(if self.has_query { '&' } else { '?' });
                self.has_query = true;
                &mut *self.url
            }
            Target::Form => {
                if !self.body.is_empty() {
                    self.body.push('&');
                }
                &mut *self.body
            }
        };
        buf.push_str(key);
        buf.push('=');
        buf
    }

    fn push_text(&mut self, target: Target, param: &'static Parameter, text: &str) {
        if let Some(kind) = check_text(param, text) {
            return self.problem(param, kind);
        }
        let buf = self.begin_pair(target, param.encoded_name());
        push_form_encoded(buf, text);
    }

    fn push_raw(&mut self, target: Target, param: &'static Parameter, text: &str) {
        self.begin_pair(target, param.encoded_name()).push_str(text);
    }

    /// The problems found; the request is in the scratch buffers.
    pub(crate) fn finish(self) -> Vec<Problem> {
        self.problems
    }
}

/// Which bytes a value keeps as they are; all others are percent-encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    /// A path segment: RFC 3986's unreserved set, ASCII letters, digits and `- . _ ~`.
    /// Everything else, `/ ? # %`, space, controls and non-ASCII included, is encoded, so that no
    /// value can add a segment, a query or a fragment.
    Segment,
    /// A form value (`application/x-www-form-urlencoded`, as `form_urlencoded` writes it):
    /// ASCII letters, digits and `* - . _`; a space becomes `+`.
    Form,
}

/// For each byte, whether `keep` keeps it.
const fn table(keep: Keep) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_')
            || match keep {
                Keep::Segment => byte == b'~',
                Keep::Form => byte == b'*',
            };
        b += 1;
    }
    table
}

static SEGMENT_TABLE: [bool; 256] = table(Keep::Segment);
static FORM_TABLE: [bool; 256] = table(Keep::Form);

impl Keep {
    /// Whether `b` stays as it is.
    #[inline(always)]
    fn keeps(self, b: u8) -> bool {
        self.table()[usize::from(b)]
    }

    #[inline(always)]
    fn table(self) -> &'static [bool; 256] {
        match self {
            Keep::Segment => &SEGMENT_TABLE,
            Keep::Form => &FORM_TABLE,
        }
    }

    /// The first byte at or after `from` that must be encoded. Eight bytes are tested at a time
    /// without a branch between them.
    #[inline(always)]
    fn next_escape(self, bytes: &[u8], mut from: usize) -> Option<usize> {
        let table = self.table();
        while let Some(chunk) = bytes.get(from..from + 8) {
            if chunk
                .iter()
                .fold(true, |all, &b| all & table[usize::from(b)])
            {
                from += 8;
            } else {
                break;
            }
        }
        let rest = bytes.get(from..)?;
        rest.iter()
            .position(|&b| !table[usize::from(b)])
            .map(|i| from + i)
    }
}

/// Appends `text` to `buf`, each byte that `keep` does not keep as `%XX` (a space in a form
/// value as `+`). Text with nothing to encode is copied whole; otherwise, from the first byte
/// to encode on, the output is put together in a buffer on the stack and copied in chunks.
#[inline]
fn push_encoded(buf: &mut String, text: &str, keep: Keep) {
    let bytes = text.as_bytes();
    let Some(first) = keep.next_escape(bytes, 0) else {
        buf.push_str(text);
        return;
    };
    // `..first` holds kept ASCII bytes only, so `first` is a character boundary.
    buf.push_str(&text[..first]);
    let table = keep.table();
    let mut out = [0u8; 128];
    let mut len = 0;
    for &b in &bytes[first..] {
        if len + 3 > out.len() {
            push_ascii(buf, &out[..len]);
            len = 0;
        }
        if table[usize::from(b)] {
            out[len] = b;
            len += 1;
        } else if b == b' ' && keep == Keep::Form {
            out[len] = b'+';
            len += 1;
        } else {
            out[len] = b'%';
            out[len + 1] = HEX[usize::from(b >> 4)];
            out[len + 2] = HEX[usize::from(b & 15)];
            len += 3;
        }
    }
    push_ascii(buf, &out[..len]);
}

/// Upper-case hexadecimal digits, for `%XX`.
const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends bytes that [`push_encoded`] wrote, all ASCII.
fn push_ascii(buf: &mut String, ascii: &[u8]) {
    match std::str::from_utf8(ascii) {
        Ok(text) => buf.push_str(text),
        Err(_) => unreachable!("percent-encoded text is ASCII"),
    }
}

/// Form-encodes `text` (`application/x-www-form-urlencoded`, space as `+`) onto `buf`.
pub(crate) fn push_form_encoded(buf: &mut String, text: &str) {
    push_encoded(buf, text, Keep::Form);
}

fn check_sid(param: &Parameter, text: &str) -> Option<ProblemKind> {
    if param.sid_prefixes().is_empty() || crate::validate::is_sid(text, param.sid_prefixes()) {
        None
    } else {
        Some(ProblemKind::Sid(param.sid_prefixes()))
    }
}

fn check_text(param: &Parameter, text: &str) -> Option<ProblemKind> {
    if text.is_empty() {
        return param.required().then_some(ProblemKind::Empty);
    }
    if param.uri() && !crate::validate::is_uri(text) {
        return Some(ProblemKind::Uri);
    }
    check_sid(param, text)
}

/// Why a value could not be encoded (a type whose `Serialize` output has no form encoding).
#[derive(Debug)]
struct EncodeError(String);

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

impl ser::Error for EncodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        EncodeError(msg.to_string())
    }
}

fn unsupported(what: &str) -> EncodeError {
    EncodeError(format!("{what} has no form encoding"))
}

/// Serializes one field's value as zero or more `key=value` pairs, the way Twilio's helper
/// libraries do: `None` and empty lists left out, lists as repeated keys, booleans as
/// `true`/`false`, enum variants as their serde names, maps and structs as JSON text.
struct ValueSerializer<'w, 'a> {
    writer: &'w mut RequestWriter<'a>,
    target: Target,
    param: &'static Parameter,
    in_list: bool,
}

impl<'w, 'a> ValueSerializer<'w, 'a> {
    fn text(self, text: &str) -> Result<(), EncodeError> {
        self.writer.push_text(self.target, self.param, text);
        Ok(())
    }

    fn raw(self, text: &str) -> Result<(), EncodeError> {
        self.writer.push_raw(self.target, self.param, text);
        Ok(())
    }

    fn json(self) -> JsonObject<'w, 'a> {
        JsonObject::new(self.writer, self.target, self.param)
    }
}

macro_rules! serialize_integers {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<(), EncodeError> {
            self.raw(itoa::Buffer::new().format(v))
        }
    )*};
}

macro_rules! serialize_floats {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<(), EncodeError> {
            if !v.is_finite() {
                return Err(EncodeError(format!("{v} is not a finite number")));
            }
            self.raw(ryu::Buffer::new().format_finite(v))
        }
    )*};
}

impl<'w, 'a> ser::Serializer for ValueSerializer<'w, 'a> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = List<'w, 'a>;
    type SerializeTuple = ser::Impossible<(), EncodeError>;
    type SerializeTupleStruct = ser::Impossible<(), EncodeError>;
    type SerializeTupleVariant = ser::Impossible<(), EncodeError>;
    type SerializeMap = JsonObject<'w, 'a>;
    type SerializeStruct = JsonObject<'w, 'a>;
    type SerializeStructVariant = ser::Impossible<(), EncodeError>;

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.raw(if v { "true" } else { "false" })
    }

    serialize_integers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128
    );

    serialize_floats!(serialize_f32: f32, serialize_f64: f64);

    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.text(v)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), EncodeError> {
        Err(unsupported("a byte string"))
    }

    fn serialize_none(self) -> Result<(), EncodeError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), EncodeError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), EncodeError> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), EncodeError> {
        self.text(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<(), EncodeError> {
        Err(unsupported(&format!(
            "the enum variant `{variant}` with data"
        )))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<List<'w, 'a>, EncodeError> {
        if self.in_list {
            return Err(unsupported("a list inside a list"));
        }
        Ok(List {
            writer: self.writer,
            target: self.target,
            param: self.param,
        })
    }

    // A tuple is not a list: a type such as `time::OffsetDateTime` serializes as one when it
    // has no text form, and sending its parts as repeated keys would be wrong without an error.
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, EncodeError> {
        Err(unsupported(
            "a tuple (for a date or time, use a type that serializes as ISO 8601 text)",
        ))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, EncodeError> {
        Err(unsupported(&format!("the tuple struct `{name}`")))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(unsupported(&format!(
            "the enum variant `{variant}` with data"
        )))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<JsonObject<'w, 'a>, EncodeError> {
        Ok(self.json())
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<JsonObject<'w, 'a>, EncodeError> {
        Ok(self.json())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(unsupported(&format!(
            "the enum variant `{variant}` with data"
        )))
    }
}

/// A list: each element becomes its own pair under the same key.
struct List<'w, 'a> {
    writer: &'w mut RequestWriter<'a>,
    target: Target,
    param: &'static Parameter,
}

impl List<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.serialize(ValueSerializer {
            writer: self.writer,
            target: self.target,
            param: self.param,
            in_list: true,
        })
    }
}

impl ser::SerializeSeq for List<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

/// An object, written as one pair whose value is the object's JSON text (CreatePayments'
/// `Parameter`), keys in order and each once, as a `serde_json::Map` holds them.
///
/// While keys come in increasing order and values hold no object (a `serde_json::Map` or a
/// `BTreeMap` of plain values), entries are written straight into the JSON text. Otherwise what
/// was written is read back into a `Map`, which sorts keys (inside values too), and the rest of
/// the entries are collected there.
struct JsonObject<'w, 'a> {
    writer: &'w mut RequestWriter<'a>,
    target: Target,
    param: &'static Parameter,
    /// Where the last key written lies in `writer.json`, quotes left out.
    last_key: Option<(usize, usize)>,
    /// The entries, once they are collected instead of written.
    object: Option<serde_json::Map<String, serde_json::Value>>,
    next_key: Option<String>,
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<serde_json::Value, EncodeError> {
    serde_json::to_value(value).map_err(|e| EncodeError(e.to_string()))
}

/// `key`, which must be a JSON string.
fn json_key<T: Serialize + ?Sized>(key: &T) -> Result<String, EncodeError> {
    match to_json(key)? {
        serde_json::Value::String(key) => Ok(key),
        other => Err(EncodeError(format!(
            "an object key must be a string, not {other}"
        ))),
    }
}

impl<'w, 'a> JsonObject<'w, 'a> {
    fn new(writer: &'w mut RequestWriter<'a>, target: Target, param: &'static Parameter) -> Self {
        writer.json.clear();
        writer.json.push(b'{');
        JsonObject {
            writer,
            target,
            param,
            last_key: None,
            object: None,
            next_key: None,
        }
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        if self.object.is_some() {
            self.next_key = Some(json_key(key)?);
            return Ok(());
        }
        let json = &mut *self.writer.json;
        let mark = json.len();
        if self.last_key.is_some() {
            json.push(b',');
        }
        let start = json.len();
        serde_json::to_writer(&mut *json, key).map_err(|e| EncodeError(e.to_string()))?;
        let (from, to) = (start + 1, json.len().saturating_sub(1));
        let written = json.get(start) == Some(&b'"')
            && !json[from..to].contains(&b'\\')
            && self
                .last_key
                .is_none_or(|(s, e)| json[s..e] < json[from..to]);
        if written {
            json.push(b':');
            self.last_key = Some((from, to));
            return Ok(());
        }
        // Out of order, escaped or not a string: from here on, as a `Map` does it.
        let key = match serde_json::from_slice(&json[start..]) {
            Ok(key) => key,
            Err(_) => json_key(key)?,
        };
        json.truncate(mark);
        self.collect()?;
        self.next_key = Some(key);
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        if let Some(object) = &mut self.object {
            object.insert(self.next_key.take().unwrap_or_default(), to_json(value)?);
            return Ok(());
        }
        let json = &mut *self.writer.json;
        let start = json.len();
        serde_json::to_writer(&mut *json, value).map_err(|e| EncodeError(e.to_string()))?;
        if json[start..].contains(&b'{') {
            // An object inside, whose keys a `Map` would sort: read it back.
            self.collect()?;
        }
        Ok(())
    }

    /// Reads what was written back into a `Map`, where the rest is collected.
    fn collect(&mut self) -> Result<(), EncodeError> {
        self.writer.json.push(b'}');
        let object = serde_json::from_slice(self.writer.json)
            .map_err(|e| EncodeError(format!("the object's JSON does not read back: {e}")))?;
        self.object = Some(object);
        Ok(())
    }

    fn finish(self) -> Result<(), EncodeError> {
        let JsonObject {
            writer,
            target,
            param,
            object,
            ..
        } = self;
        match object {
            Some(object) => {
                let text = serde_json::Value::Object(object).to_string();
                writer.push_text(target, param, &text);
            }
            None => {
                // Taken out for the time of the write: `push_text` borrows the whole writer.
                let mut json = std::mem::take(writer.json);
                json.push(b'}');
                match std::str::from_utf8(&json) {
                    Ok(text) => writer.push_text(target, param, text),
                    Err(_) => unreachable!("serde_json writes UTF-8"),
                }
                *writer.json = json;
            }
        }
        Ok(())
    }
}

impl ser::SerializeMap for JsonObject<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.value(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}

impl ser::SerializeStruct for JsonObject<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.key(key)?;
        self.value(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use serde::Serialize;

    use super::*;
    use crate::parameter::Location;

    static FORM: Parameter = Parameter::__new(
        "Parameter",
        "Parameter",
        Location::Form,
        false,
        &[],
        false,
        false,
    );

    /// What `form` writes for `value` into an empty body, or the problems it found.
    fn form<V: Serialize + ?Sized>(value: &V) -> Result<String, Vec<Problem>> {
        with_scratch(|scratch| {
            let mut writer = RequestWriter::new("", scratch);
            writer.form(&FORM, value);
            let problems = writer.finish();
            if problems.is_empty() {
                Ok(scratch.body.clone())
            } else {
                Err(problems)
            }
        })
    }

    /// Every byte alone, in runs, between others, and non-ASCII text.
    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        texts.extend((0u8..128).map(|b| format!("ab{}cd{}", char::from(b), char::from(b))));
        let all: String = (1u8..128).map(char::from).collect();
        texts.push(all.clone());
        texts.push(all.repeat(3));
        for text in [
            "",
            "plain-text_0.9*~",
            "https://example.com/a b?c=d&e=f#g",
            "Zoë & co, 東京 🎉",
            "ü",
            "aü",
            "üa",
            "  leading and trailing  ",
            "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
        ] {
            texts.push(text.to_owned());
        }
        texts
    }

    #[test]
    fn form_values_encode_as_form_urlencoded_does() {
        for text in texts() {
            let mut ours = String::from("x");
            push_form_encoded(&mut ours, &text);
            let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
            assert_eq!(ours, format!("x{theirs}"), "{text:?}");
        }
    }

    #[test]
    fn path_segments_keep_only_unreserved_characters() {
        const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        for text in texts() {
            let mut ours = String::from("/");
            push_encoded(&mut ours, &text, Keep::Segment);
            let theirs = percent_encoding::utf8_percent_encode(&text, UNRESERVED).to_string();
            assert_eq!(ours, format!("/{theirs}"), "{text:?}");
        }
    }

    /// What an object field was sent as before entries were written straight: the object
    /// collected into a `serde_json::Map`, then its JSON text.
    fn collected<V: Serialize>(value: &V) -> String {
        let text = serde_json::to_value(value).unwrap().to_string();
        format!(
            "Parameter={}",
            form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>()
        )
    }

    #[derive(Serialize)]
    struct Unordered {
        zeta: u32,
        alpha: &'static str,
        nested: Nested,
    }

    #[derive(Serialize)]
    struct Nested {
        y: bool,
        x: Option<f64>,
    }

    #[derive(Serialize)]
    struct Flat {
        b: i64,
        a: Vec<u8>,
    }

    /// A map that gives the same key twice, as a `Map` would keep only the last.
    struct Twice;

    impl Serialize for Twice {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("k", &1)?;
            map.serialize_entry("k", &2)?;
            map.serialize_entry("j", &3)?;
            map.end()
        }
    }

    #[test]
    fn objects_are_sent_as_a_collected_map_would_be() {
        let mut json = serde_json::Map::new();
        json.insert("name".into(), "Zoë & co".into());
        json.insert("retries".into(), 2.into());
        json.insert("list".into(), serde_json::json!([1, "two", null, 2.5]));
        assert_eq!(form(&json).unwrap(), collected(&json));
        assert_eq!(
            form(&Some(json.clone())).unwrap(),
            collected(&json),
            "inside an Option"
        );

        let nested = serde_json::json!({"b": {"d": 1, "c": [{"f": 2, "e": 3}]}, "a": 0});
        assert_eq!(form(&nested).unwrap(), collected(&nested));

        let sorted: BTreeMap<&str, u32> = [("a", 1), ("b", 2), ("c", 3)].into();
        assert_eq!(form(&sorted).unwrap(), collected(&sorted));

        let hashed: HashMap<String, u32> = (0..40).map(|i| (format!("key{i}"), i)).collect();
        assert_eq!(form(&hashed).unwrap(), collected(&hashed));

        let unordered = Unordered {
            zeta: 1,
            alpha: "a",
            nested: Nested { y: true, x: None },
        };
        assert_eq!(form(&unordered).unwrap(), collected(&unordered));

        let flat = Flat {
            b: -1,
            a: vec![1, 2],
        };
        assert_eq!(form(&flat).unwrap(), collected(&flat));

        let escaped: BTreeMap<&str, &str> =
            [("a\"b", "1"), ("a\\b", "2"), ("a\nb", "3"), ("ab", "{")].into();
        assert_eq!(form(&escaped).unwrap(), collected(&escaped));

        assert_eq!(form(&Twice).unwrap(), collected(&Twice));

        let empty = serde_json::Map::new();
        assert_eq!(form(&empty).unwrap(), "Parameter=%7B%7D");
    }

    #[test]
    fn an_object_key_must_be_a_string() {
        let map: BTreeMap<u32, u32> = [(1, 2)].into();
        let problems = form(&map).unwrap_err();
        assert_eq!(
            problems[0].kind(),
            &ProblemKind::Unencodable("an object key must be a string, not 1".into())
        );
    }

    #[test]
    fn a_list_of_objects_sends_one_pair_each() {
        let list = vec![serde_json::json!({"b": 1, "a": 2}), serde_json::json!({})];
        assert_eq!(
            form(&list).unwrap(),
            "Parameter=%7B%22a%22%3A2%2C%22b%22%3A1%7D&Parameter=%7B%7D"
        );
    }

    /// A value whose `Serialize` encodes a whole request, so that encoding nests.
    struct Inner;

    impl Serialize for Inner {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use crate::Endpoint;
            let request = crate::payments::UpdatePayments {
                account_sid: String::new(),
                call_sid: "CA0123456789abcdef0123456789abcdef".into(),
                sid: "PK0123456789abcdef0123456789abcdef".into(),
                idempotency_key: "k".into(),
                status_callback: "https://example.com/cb".into(),
                capture: None,
                status: None,
            };
            let encoded = request
                .encode("AC0123456789abcdef0123456789abcdef")
                .map_err(serde::ser::Error::custom)?;
            serializer.serialize_str(&encoded.body.unwrap_or_default())
        }
    }

    #[test]
    fn encoding_nests() {
        assert_eq!(
            form(&Inner).unwrap(),
            "Parameter=IdempotencyKey%3Dk%26StatusCallback%3Dhttps%253A%252F%252Fexample.com%252Fcb"
        );
    }
}
