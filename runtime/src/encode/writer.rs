//! The writer that generated `Endpoint::write_request` implementations drive.

use serde::Serialize;

use super::percent::{push_encoded, push_form_encoded, Keep};
use super::serializer::{EncodeError, ValueSerializer};
use std::borrow::Cow;

use super::Scratch;
use crate::parameter::Parameter;
use crate::validate::{check_json_text, check_sid, check_text, Problem, ProblemKind};
use http::{HeaderMap, HeaderName, HeaderValue};

/// Writes a request: the path after the origin, then query pairs, and the form body.
///
/// Generated `Endpoint::write_request` implementations drive it; values that break a rule are
/// collected as problems instead of being written, so every problem is reported at once.
///
/// Each method is for one location, chosen by the attribute: [`RequestWriter::path`],
/// [`RequestWriter::query`], [`RequestWriter::form`], [`RequestWriter::header`],
/// [`RequestWriter::json_member`], [`RequestWriter::json_body`]; none decides a location at run
/// time.
#[doc(hidden)]
#[derive(Debug)]
pub struct RequestWriter<'a> {
    account_sid: &'a str,
    url: &'a mut String,
    has_query: bool,
    body: &'a mut String,
    pub(super) json: &'a mut Vec<u8>,
    /// The JSON body: members (`{` and `,` written before each) or the whole body.
    json_body: &'a mut Vec<u8>,
    /// Whether a `#[twilio(body)]` field wrote the whole JSON body.
    whole_body: bool,
    headers: HeaderMap,
    problems: Vec<Problem>,
    idempotency_key: bool,
}

/// What writing a request found, besides the request in the scratch buffers.
#[derive(Debug)]
pub(crate) struct Written {
    /// Every value that broke a rule.
    pub(crate) problems: Vec<Problem>,
    /// Whether a non-empty value of the parameter marked `IdempotencyKey` was written.
    pub(crate) idempotency_key: bool,
    /// The header parameters, validated.
    pub(crate) headers: HeaderMap,
    /// Whether a `#[twilio(body)]` field wrote the whole JSON body; otherwise the JSON body,
    /// if any, is the members written (without the closing `}`).
    pub(crate) whole_body: bool,
}

/// The value of a query or form field: any `Serialize` type. Generated code names the field's
/// (item) type through this trait, so that a type that cannot be sent is one error on it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as a Twilio parameter",
    label = "`{Self}` does not implement `serde::Serialize`",
    note = "derive `serde::Serialize` for it (a unit variant is sent as its serde name), or use `String`, a number or `bool`"
)]
pub trait FieldValue {
    /// Writes each value of a query field.
    fn query<V: Value<Self> + ?Sized>(
        writer: &mut RequestWriter<'_>,
        param: &'static Parameter,
        value: &V,
    );

    /// Writes each value of a form field.
    fn form<V: Value<Self> + ?Sized>(
        writer: &mut RequestWriter<'_>,
        param: &'static Parameter,
        value: &V,
    );

    /// Sets a header field (nothing for `None`).
    fn header(writer: &mut RequestWriter<'_>, param: &'static Parameter, value: Option<&Self>);

    /// Writes a member of the JSON body (nothing for `None`).
    fn json_member(writer: &mut RequestWriter<'_>, param: &'static Parameter, value: Option<&Self>);

    /// Writes the whole JSON body.
    fn json_body(writer: &mut RequestWriter<'_>, param: &'static Parameter, value: Option<&Self>);
}

#[diagnostic::do_not_recommend]
impl<T: Serialize + ?Sized> FieldValue for T {
    #[inline]
    fn query<V: Value<T> + ?Sized>(
        writer: &mut RequestWriter<'_>,
        param: &'static Parameter,
        value: &V,
    ) {
        writer.query::<T, V>(param, value);
    }

    #[inline]
    fn form<V: Value<T> + ?Sized>(
        writer: &mut RequestWriter<'_>,
        param: &'static Parameter,
        value: &V,
    ) {
        writer.form::<T, V>(param, value);
    }

    #[inline]
    fn header(writer: &mut RequestWriter<'_>, param: &'static Parameter, value: Option<&T>) {
        writer.header(param, value);
    }

    #[inline]
    fn json_member(writer: &mut RequestWriter<'_>, param: &'static Parameter, value: Option<&T>) {
        writer.json_member(param, value);
    }

    #[inline]
    fn json_body(writer: &mut RequestWriter<'_>, param: &'static Parameter, value: Option<&T>) {
        writer.json_body(param, value);
    }
}

/// A field as declared, holding values of type `T`: `T` itself, `Option<T>` (no value for
/// `None`) or `Vec<T>` (one value per element, sent as repeated keys).
pub trait Value<T: ?Sized> {
    /// Calls `write` with each value.
    fn each(&self, write: impl FnMut(&T));
}

impl<T: ?Sized> Value<T> for T {
    #[inline]
    fn each(&self, mut write: impl FnMut(&T)) {
        write(self);
    }
}

impl<T> Value<T> for Option<T> {
    #[inline]
    fn each(&self, write: impl FnMut(&T)) {
        self.iter().for_each(write);
    }
}

impl<T> Value<T> for Vec<T> {
    #[inline]
    fn each(&self, write: impl FnMut(&T)) {
        self.iter().for_each(write);
    }
}

/// Which buffer a pair goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
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
            json_body: &mut scratch.json_body,
            whole_body: false,
            headers: HeaderMap::new(),
            problems: Vec::new(),
            idempotency_key: false,
        }
    }

    /// Appends a constant part of the path template, as it is (the attribute checked it).
    #[inline]
    pub fn path_literal(&mut self, literal: &str) {
        self.url.push_str(literal);
    }

    /// Appends one placeholder's value (what [`PathValue::path_value`] gave), percent-encoded
    /// as (part of) one segment.
    pub fn path(&mut self, param: &'static Parameter, text: Cow<'_, str>) {
        let text: &str = if text.is_empty() && param.has_account_default() {
            self.account_sid
        } else {
            &text
        };
        let problem = if text.is_empty() {
            Some(if param.has_account_default() {
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

    /// Appends a query parameter: a pair per value of the field (none for `None` or an empty
    /// list).
    #[inline]
    pub fn query<T: Serialize + ?Sized, V: Value<T> + ?Sized>(
        &mut self,
        param: &'static Parameter,
        value: &V,
    ) {
        value.each(|value| self.pair(Target::Query, param, value));
    }

    /// Appends a form body parameter: a pair per value of the field (none for `None` or an
    /// empty list).
    #[inline]
    pub fn form<T: Serialize + ?Sized, V: Value<T> + ?Sized>(
        &mut self,
        param: &'static Parameter,
        value: &V,
    ) {
        value.each(|value| self.pair(Target::Form, param, value));
    }

    /// Sets a header parameter (none for `None`). Its value is text, a number or a boolean, as
    /// visible ASCII: a newline or a control character is a problem, never a header.
    pub fn header<T: Serialize + ?Sized>(&mut self, param: &'static Parameter, value: Option<&T>) {
        let Some(value) = value else { return };
        let text = match serde_json::to_value(value) {
            Ok(serde_json::Value::String(text)) => text,
            Ok(serde_json::Value::Bool(flag)) => flag.to_string(),
            Ok(serde_json::Value::Number(number)) => number.to_string(),
            Ok(_) => {
                return self.problem(
                    param,
                    ProblemKind::Unencodable("a header holds text, a number or a boolean".into()),
                )
            }
            Err(error) => return self.problem(param, ProblemKind::Unencodable(error.to_string())),
        };
        if let Some(kind) = check_text(param, &text) {
            return self.problem(param, kind);
        }
        // `from_str` takes visible ASCII, space and tab only: no CR, LF or NUL can split the
        // request.
        let value = match HeaderValue::from_str(&text) {
            Ok(value) => value,
            Err(_) => return self.problem(param, ProblemKind::HeaderValue),
        };
        match HeaderName::from_bytes(param.name().as_bytes()) {
            // The attribute refuses these names; a hand-written `Endpoint` meets this instead.
            Ok(name) if crate::shared::client_header(name.as_str()).is_some() => self.problem(
                param,
                ProblemKind::Unencodable("a header the client writes itself".into()),
            ),
            Ok(name) => {
                self.headers.insert(name, value);
            }
            Err(_) => self.problem(param, ProblemKind::Unencodable("not a header name".into())),
        }
    }

    /// Writes a member of the JSON body (none for `None`): `"name":value`, the value as
    /// serde_json writes it. Text values are checked as form values are (required, SID, URI).
    pub fn json_member<T: Serialize + ?Sized>(
        &mut self,
        param: &'static Parameter,
        value: Option<&T>,
    ) {
        let Some(value) = value else { return };
        let mark = self.json_body.len();
        self.json_body.push(if mark == 0 { b'{' } else { b',' });
        let written = serde_json::to_writer(&mut *self.json_body, param.name()).and_then(|()| {
            self.json_body.push(b':');
            let start = self.json_body.len();
            serde_json::to_writer(&mut *self.json_body, value).map(|()| start)
        });
        let problem = match written {
            Ok(start) => check_json_text(param, &self.json_body[start..]),
            Err(error) => Some(ProblemKind::Unencodable(error.to_string())),
        };
        if let Some(kind) = problem {
            self.json_body.truncate(mark);
            self.problem(param, kind);
        } else {
            self.idempotency_key |= param.is_idempotency_key();
        }
    }

    /// Writes the whole JSON body from one value (`#[twilio(body)]`); for `None` the body is
    /// `{}`, as for a JSON endpoint without members.
    pub fn json_body<T: Serialize + ?Sized>(
        &mut self,
        param: &'static Parameter,
        value: Option<&T>,
    ) {
        let Some(value) = value else { return };
        self.json_body.clear();
        match serde_json::to_writer(&mut *self.json_body, value) {
            Ok(()) => self.whole_body = true,
            Err(error) => {
                self.json_body.clear();
                self.problem(param, ProblemKind::Unencodable(error.to_string()));
            }
        }
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

    pub(super) fn push_text(&mut self, target: Target, param: &'static Parameter, text: &str) {
        if let Some(kind) = check_text(param, text) {
            return self.problem(param, kind);
        }
        self.idempotency_key |= param.is_idempotency_key() && !text.is_empty();
        let buf = self.begin_pair(target, param.encoded_name());
        push_form_encoded(buf, text);
    }

    pub(super) fn push_raw(&mut self, target: Target, param: &'static Parameter, text: &str) {
        self.begin_pair(target, param.encoded_name()).push_str(text);
    }

    /// What was found; the request is in the scratch buffers.
    pub(crate) fn finish(self) -> Written {
        Written {
            problems: self.problems,
            idempotency_key: self.idempotency_key,
            headers: self.headers,
            whole_body: self.whole_body,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use serde::Serialize;

    use super::*;
    use crate::encode::with_scratch;

    static FORM: Parameter = Parameter::form("Parameter");

    /// What `form` writes for `value` into an empty body, or the problems it found.
    fn form<V: Serialize + ?Sized>(value: &V) -> Result<String, Vec<Problem>> {
        with_scratch(|scratch| {
            let mut writer = RequestWriter::new("", scratch);
            writer.form::<V, V>(&FORM, value);
            let problems = writer.finish().problems;
            if problems.is_empty() {
                Ok(scratch.body.clone())
            } else {
                Err(problems)
            }
        })
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
    fn only_a_non_empty_value_of_the_marked_parameter_carries_the_key() {
        static KEY: Parameter = Parameter::form("IdempotencyKey").idempotency_key();
        static UNMARKED: Parameter = Parameter::form("IdempotencyKey");
        let carries = |param: &'static Parameter, value: Option<&str>| {
            with_scratch(|scratch| {
                let mut writer = RequestWriter::new("", scratch);
                writer.form::<&str, _>(param, &value);
                writer.finish().idempotency_key
            })
        };
        assert!(carries(&KEY, Some("k-1")));
        assert!(!carries(&KEY, Some("")));
        assert!(!carries(&KEY, None));
        assert!(!carries(&UNMARKED, Some("k-1")));
    }

    #[test]
    fn headers_are_checked_before_they_are_set() {
        static IF_MATCH: Parameter = Parameter::header("If-Match");
        static REQUIRED: Parameter = Parameter::header("X-Required").required();
        static AUTHORIZATION: Parameter = Parameter::header("Authorization");
        static SPACED: Parameter = Parameter::header("Not A Name");
        with_scratch(|scratch| {
            let mut writer = RequestWriter::new("", scratch);
            writer.header(&IF_MATCH, Some("\"3\""));
            writer.header::<str>(&IF_MATCH, None);
            writer.header(&REQUIRED, Some(""));
            writer.header(&AUTHORIZATION, Some("Basic x"));
            writer.header(&SPACED, Some(&7));
            writer.header(&IF_MATCH, Some(&[1, 2]));
            writer.header(&IF_MATCH, Some("a\u{0}b"));
            let written = writer.finish();
            assert_eq!(written.headers.len(), 1);
            assert_eq!(written.headers["if-match"], "\"3\"");
            let kinds: Vec<(&str, &ProblemKind)> = written
                .problems
                .iter()
                .map(|p| (p.parameter(), p.kind()))
                .collect();
            assert_eq!(
                kinds,
                [
                    ("X-Required", &ProblemKind::Empty),
                    (
                        "Authorization",
                        &ProblemKind::Unencodable("a header the client writes itself".into())
                    ),
                    (
                        "Not A Name",
                        &ProblemKind::Unencodable("not a header name".into())
                    ),
                    (
                        "If-Match",
                        &ProblemKind::Unencodable(
                            "a header holds text, a number or a boolean".into()
                        )
                    ),
                    ("If-Match", &ProblemKind::HeaderValue),
                ]
            );
        });
    }

    #[test]
    fn a_json_member_that_fails_leaves_no_trace() {
        static NAME: Parameter = Parameter::json_member("name").required();
        static MAP: Parameter = Parameter::json_member("map");
        with_scratch(|scratch| {
            let mut writer = RequestWriter::new("", scratch);
            writer.json_member(&NAME, Some("a"));
            let bad: BTreeMap<Vec<u8>, u8> = [(vec![1], 2)].into();
            writer.json_member(&MAP, Some(&bad));
            writer.json_member(&NAME, Some(""));
            writer.json_member::<u8>(&MAP, None);
            writer.json_member(&MAP, Some(&BTreeMap::from([(1, 2)])));
            let written = writer.finish();
            assert_eq!(written.problems.len(), 2, "{:?}", written.problems);
            // serde_json writes integer keys as strings, as JSON objects need.
            assert_eq!(scratch.json_body, br#"{"name":"a","map":{"1":2}"#);
        });
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
