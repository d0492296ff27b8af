//! Encoding of a request's values: path segments, query strings and form bodies.
//!
//! The attribute decides at compile time where each field goes and under which wire name; the
//! code here only handles values. Everything is written into two buffers (the URL and the body)
//! with no intermediate allocation for plain values.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::ser::{self, Serialize};

use crate::parameter::Parameter;
use crate::validate::{Problem, ProblemKind};

/// Characters left as they are in a path segment: RFC 3986's unreserved set. Everything else,
/// `/ ? # %`, space, controls and non-ASCII included, is percent-encoded, so that no value can add
/// a segment, a query or a fragment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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

/// Writes a request: the path after the origin, then query pairs, and the form body.
///
/// Generated `Endpoint::write_request` implementations drive it; values that break a rule are
/// collected as problems instead of being written, so every problem is reported at once.
#[doc(hidden)]
#[derive(Debug)]
pub struct RequestWriter<'a> {
    account_sid: &'a str,
    url: String,
    has_query: bool,
    body: String,
    problems: Vec<Problem>,
}

/// Which buffer a pair goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Query,
    Form,
}

impl<'a> RequestWriter<'a> {
    /// A writer whose URL starts with `url` (an origin, possibly empty); `account_sid` fills
    /// an `<AccountSid>` left empty.
    pub fn new(account_sid: &'a str, url: String, body_capacity: usize) -> Self {
        RequestWriter {
            account_sid,
            url,
            has_query: false,
            body: String::with_capacity(body_capacity),
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
            None => self
                .url
                .extend(percent_encoding::utf8_percent_encode(text, SEGMENT)),
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
                &mut self.url
            }
            Target::Form => {
                if !self.body.is_empty() {
                    self.body.push('&');
                }
                &mut self.body
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

    /// The URL, the body and the problems found.
    pub fn finish(self) -> (String, String, Vec<Problem>) {
        (self.url, self.body, self.problems)
    }
}

/// Form-encodes `text` (`application/x-www-form-urlencoded`, space as `+`) onto `buf`.
pub(crate) fn push_form_encoded(buf: &mut String, text: &str) {
    if text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_'))
    {
        buf.push_str(text);
    } else {
        buf.extend(form_urlencoded::byte_serialize(text.as_bytes()));
    }
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
        JsonObject {
            writer: self.writer,
            target: self.target,
            param: self.param,
            object: serde_json::Map::new(),
            next_key: None,
        }
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

/// An object: its entries are collected, then written as one pair whose value is the object's
/// JSON text (CreatePayments' `Parameter`).
struct JsonObject<'w, 'a> {
    writer: &'w mut RequestWriter<'a>,
    target: Target,
    param: &'static Parameter,
    object: serde_json::Map<String, serde_json::Value>,
    next_key: Option<String>,
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<serde_json::Value, EncodeError> {
    serde_json::to_value(value).map_err(|e| EncodeError(e.to_string()))
}

impl JsonObject<'_, '_> {
    fn insert<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result<(), EncodeError> {
        self.object.insert(key, to_json(value)?);
        Ok(())
    }

    fn finish(self) -> Result<(), EncodeError> {
        let text = serde_json::Value::Object(self.object).to_string();
        self.writer.push_text(self.target, self.param, &text);
        Ok(())
    }
}

impl ser::SerializeMap for JsonObject<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        match to_json(key)? {
            serde_json::Value::String(key) => {
                self.next_key = Some(key);
                Ok(())
            }
            other => Err(EncodeError(format!(
                "an object key must be a string, not {other}"
            ))),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        let key = self.next_key.take().unwrap_or_default();
        self.insert(key, value)
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
        self.insert(key.to_owned(), value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}
