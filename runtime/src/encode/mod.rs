//! Encoding of a request's values: path segments, query strings and form bodies.
//!
//! The attribute decides at compile time where each field goes and under which wire name; the
//! code here only handles values. Everything is written into two buffers (the URL and the body)
//! with no intermediate allocation for plain values.
//!
//! `percent` holds the percent-encoding of path segments and form text, `serializer` the serde
//! serializer that turns one value into pairs, and `writer` the [`RequestWriter`] that generated
//! code drives.

mod percent;
mod serializer;
mod writer;

use std::borrow::Cow;
use std::cell::RefCell;

pub use writer::{FieldValue, RequestWriter, Value};

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
    /// The JSON body of a `body = json` endpoint.
    pub(crate) json_body: Vec<u8>,
}

/// A scratch buffer that grew past this is given back to the allocator after use.
const SCRATCH_KEEP: usize = 64 * 1024;

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch {
            url: String::new(),
            body: String::new(),
            json: Vec::new(),
            json_body: Vec::new(),
        })
    };
}

impl Scratch {
    fn clear(&mut self) {
        self.url.clear();
        self.body.clear();
        self.json.clear();
        self.json_body.clear();
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
        if self.json_body.capacity() > SCRATCH_KEEP {
            self.json_body = Vec::new();
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
