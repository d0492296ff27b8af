//! The serde serializer that writes one value as zero or more `key=value` pairs.

use std::fmt;

use serde::ser::{self, Serialize};

use super::writer::{RequestWriter, Target};
use crate::parameter::Parameter;

/// Why a value could not be encoded (a type whose `Serialize` output has no form encoding).
#[derive(Debug)]
pub(super) struct EncodeError(pub(super) String);

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
pub(super) struct ValueSerializer<'w, 'a> {
    pub(super) writer: &'w mut RequestWriter<'a>,
    pub(super) target: Target,
    pub(super) param: &'static Parameter,
    pub(super) in_list: bool,
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
pub(super) struct List<'w, 'a> {
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
pub(super) struct JsonObject<'w, 'a> {
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
