//! Date and time parameters as Twilio reads them, and dates in its answers.
//!
//! [`DateTime`] reads both formats of Twilio's answers: RFC 2822 (`Wed, 26 Nov 2026 11:00:00
//! +0000`, the 2010 API's `format: date-time-rfc-2822`) and RFC 3339 (the other products).
//!
//! Twilio's descriptions ask for `format: date-time` (RFC 3339, `2026-01-02T03:04:05Z`) and
//! `format: date` (`2026-01-02`) in requests. `time`'s own types serialize as tuples unless a
//! feature is on, and then not in these formats, so a parameter uses these wrappers:
//!
//! ```
//! use twilio_endpoint::{twilio_endpoint, Date, DateTime, Endpoint};
//!
//! /// Calls that started in a range.
//! #[twilio_endpoint(GET, "/2010-04-01/Accounts/<AccountSid>/Calls.json")]
//! pub struct ListCall {
//!     /// The account; left empty, the client's.
//!     pub account_sid: String,
//!     /// Calls that started on or after this time.
//!     #[twilio(rename = "StartTime>")]
//!     pub started_after: Option<DateTime>,
//!     /// Calls that ended on this day.
//!     #[twilio(rename = "EndTime")]
//!     pub ended_on: Option<Date>,
//! }
//!
//! let request = ListCall::builder()
//!     .started_after(twilio_endpoint::time::macros::datetime!(2026-01-02 03:04:05 +01:00).into())
//!     .ended_on(twilio_endpoint::time::macros::date!(2026-01-03).into())
//!     .build();
//! let encoded = request.encode("AC00000000000000000000000000000000")?;
//! assert_eq!(
//!     encoded.url,
//!     "/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json\
//!      ?StartTime%3E=2026-01-02T03%3A04%3A05%2B01%3A00&EndTime=2026-01-03"
//! );
//! # Ok::<(), twilio_endpoint::Error>(())
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::{Iso8601, Rfc2822, Rfc3339};
use time::OffsetDateTime;

/// A date and time sent as RFC 3339 (`2026-01-02T03:04:05Z`), Twilio's `format: date-time`,
/// and read as RFC 3339 or RFC 2822 (`Wed, 26 Nov 2026 11:00:00 +0000`, as the 2010 API writes
/// its dates).
///
/// ```
/// use twilio_endpoint::DateTime;
///
/// let rfc_2822: DateTime = serde_json::from_str("\"Wed, 26 Nov 2026 11:00:00 +0000\"")?;
/// let rfc_3339: DateTime = serde_json::from_str("\"2026-11-26T11:00:00Z\"")?;
/// assert_eq!(rfc_2822, rfc_3339);
/// assert_eq!(rfc_2822.to_string(), "2026-11-26T11:00:00Z");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub OffsetDateTime);

/// A calendar date sent as `2026-01-02`, Twilio's `format: date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl From<OffsetDateTime> for DateTime {
    fn from(value: OffsetDateTime) -> Self {
        DateTime(value)
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date(value)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.format(&Rfc3339).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.0.to_calendar_date();
        write!(f, "{year:04}-{:02}-{day:02}", u8::from(month))
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // RFC 3339 cannot write years before 0; that is an error, not a wrong value.
        let text = self.0.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        OffsetDateTime::parse(&text, &Rfc3339)
            .or_else(|_| OffsetDateTime::parse(&text, &Rfc2822))
            .map(DateTime)
            .map_err(|_| {
                serde::de::Error::custom(format_args!(
                    "{text:?} is neither an RFC 3339 nor an RFC 2822 date-time"
                ))
            })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        time::Date::parse(&text, &Iso8601::DATE)
            .map(Date)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn date_times_are_rfc3339_both_ways() {
        let value = DateTime(datetime!(2026-01-02 03:04:05 +01:00));
        assert_eq!(
            serde_json::to_value(value).unwrap(),
            "2026-01-02T03:04:05+01:00"
        );
        let utc = DateTime(datetime!(2026-01-02 03:04:05.5 UTC));
        assert_eq!(utc.to_string(), "2026-01-02T03:04:05.5Z");
        let read: DateTime = serde_json::from_value("2026-01-02T03:04:05+01:00".into()).unwrap();
        assert_eq!(read, value);
        assert!(serde_json::from_value::<DateTime>("2026-01-02".into()).is_err());
    }

    #[test]
    fn date_times_are_read_in_rfc_2822_too() {
        let read: DateTime =
            serde_json::from_value("Wed, 18 Dec 2019 20:02:01 +0000".into()).unwrap();
        assert_eq!(read, DateTime(datetime!(2019-12-18 20:02:01 UTC)));
        let offset: DateTime =
            serde_json::from_value("Thu, 26 Nov 2026 11:00:00 -0500".into()).unwrap();
        assert_eq!(offset, DateTime(datetime!(2026-11-26 11:00:00 -5)));
        let error = serde_json::from_value::<DateTime>("yesterday".into()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "\"yesterday\" is neither an RFC 3339 nor an RFC 2822 date-time"
        );
    }

    #[test]
    fn dates_are_iso_8601_both_ways() {
        let value = Date(date!(2026 - 01 - 02));
        assert_eq!(serde_json::to_value(value).unwrap(), "2026-01-02");
        assert_eq!(Date(date!(0987 - 11 - 30)).to_string(), "0987-11-30");
        let read: Date = serde_json::from_value("2026-01-02".into()).unwrap();
        assert_eq!(read, value);
        assert!(serde_json::from_value::<Date>("2026-1-2".into()).is_err());
    }

    #[test]
    fn a_year_rfc_3339_cannot_write_is_an_error() {
        let far = DateTime(datetime!(-0001-01-01 00:00 UTC));
        assert!(serde_json::to_value(far).is_err());
    }
}
