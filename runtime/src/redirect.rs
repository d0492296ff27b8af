//! [`Redirect`]: the answer of an operation that answers with a redirect and nothing else.

use std::any::Any;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer};

use crate::error::{Error, ErrorKind};

/// Where an operation that only redirects points: the response type of Twilio's redirect-only
/// operations (bulk exports' `FetchDay`, the 2010 API's `FetchRecordingAddOnResultPayloadData`,
/// OAuth's `FetchAuthorize`), declared `response = twilio_endpoint::Redirect`.
///
/// The client never follows a redirect, so credentials are never sent anywhere but Twilio's
/// origin; for an endpoint declared with this response, a `3xx` answer is the success and its
/// `Location` (a download link, say) is yours to fetch. For any other endpoint a `3xx` stays
/// the error [`ErrorKind::Redirect`].
///
/// ```
/// use twilio_endpoint::{twilio_endpoint, Redirect};
///
/// /// A day of exported records: a redirect to the file (Twilio's `FetchDay`).
/// #[twilio_endpoint(GET, "/v1/Exports/<ResourceType>/Days/<Day>", host = "bulkexports",
///                   response = Redirect)]
/// pub struct FetchDay {
///     pub resource_type: String,
///     pub day: String,
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The status (`302`, `307`, …).
    pub status: u16,
    /// The `Location` header, when the answer had one.
    pub location: Option<String>,
}

/// A success body is not a redirect: decoding one as [`Redirect`] is a decode error that says so.
impl<'de> Deserialize<'de> for Redirect {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(de::Error::custom(
            "the operation is declared to answer with a redirect, and answered with a success body",
        ))
    }
}

impl fmt::Display for Redirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{} to {location}", self.status),
            None => write!(f, "{} without a Location", self.status),
        }
    }
}

/// The answer `R` an endpoint gets for `error`, when `R` is [`Redirect`] and `error` a redirect.
pub(crate) fn as_answer<R: 'static>(error: &Error) -> Option<R> {
    let ErrorKind::Redirect { location } = error.kind() else {
        return None;
    };
    let redirect = Redirect {
        status: error.status()?.as_u16(),
        location: location.clone(),
    };
    (Box::new(redirect) as Box<dyn Any>)
        .downcast::<R>()
        .ok()
        .map(|answer| *answer)
}
