//! Retries, the whole decision: which requests may be sent again, after which failures, how
//! long to wait between attempts and how long a call may take in all. The client's loop asks
//! [`Retries`] after each failed attempt and does what it says.

use std::time::{Duration, Instant, SystemTime};

use http::header::RETRY_AFTER;
use http::{HeaderMap, Method};
use time::macros::format_description;

use crate::error::{Error, ErrorKind};

/// When and how often [`Client::send`](crate::Client::send) sends a request again.
///
/// Every attempt sends the identical request: the same URL, headers and body bytes, so the
/// same `IdempotencyKey`. Which failures are retried depends on whether Twilio may have acted
/// on the failed attempt:
///
/// | failure | retried for | why |
/// | --- | --- | --- |
/// | `429` (error 20429, too many requests at once) | every request, `POST`s without a key included | Twilio documents it as not processed and safe to retry, whatever the method |
/// | connection refused or not opened (DNS, connect, TLS handshake) | every request | no byte of the request reached Twilio |
/// | budget ran out waiting for a slot ([`ErrorKind::Queued`](crate::ErrorKind::Queued)) | not retried (the budget is spent) | never sent |
/// | `500`, `502`, `503`, `504` | `GET`, `DELETE`, a non-empty `IdempotencyKey`; others only with [`retry_non_idempotent`](RetryPolicy::retry_non_idempotent) | Twilio may have acted before failing |
/// | timeout, connection reset or closed after the request was written | as for `5xx` | the request may have arrived |
/// | any other answer or error | never | another attempt would fail the same way |
///
/// [`Error::is_retryable`](crate::Error::is_retryable) tells the same table after the fact.
///
/// Between attempts the client waits a random time between zero and
/// `base_delay × 2^(retry − 1)`, at most `max_delay` ("full jitter", so that many clients
/// failing together do not retry together), or what the answer's `Retry-After` asks, at most
/// `retry_after_cap`. The whole call stays within the total budget, counted from the first
/// attempt: each attempt's timeout is cut to what is left of it, and when a wait would end past
/// it the call gives up at once with the last error.
///
/// The default, in numbers:
///
/// | setting | default |
/// | --- | --- |
/// | [`max_attempts`](RetryPolicy::max_attempts) | 3 (the first and two retries) |
/// | [`max_throttled_attempts`](RetryPolicy::max_throttled_attempts) | 10 (for a request answered `429`) |
/// | [`base_delay`](RetryPolicy::base_delay) | 500 ms |
/// | [`max_delay`](RetryPolicy::max_delay) | 8 s |
/// | [`retry_after_cap`](RetryPolicy::retry_after_cap) | 10 s |
/// | [`total_budget`](RetryPolicy::total_budget) | 60 s |
/// | [`retry_non_idempotent`](RetryPolicy::retry_non_idempotent) | `false` |
///
/// ```
/// use std::time::Duration;
/// use twilio_endpoint::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .auth_token("your_auth_token")
///     .retry(
///         RetryPolicy::default()
///             .max_attempts(5)
///             .base_delay(Duration::from_millis(200))
///             .total_budget(Duration::from_secs(20)),
///     )
///     .build()?;
/// assert_eq!(
///     client.retry_policy(),
///     &RetryPolicy::default()
///         .max_attempts(5)
///         .base_delay(Duration::from_millis(200))
///         .total_budget(Duration::from_secs(20))
/// );
/// # Ok::<(), twilio_endpoint::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct RetryPolicy {
    max_attempts: u32,
    max_throttled_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    retry_after_cap: Duration,
    total_budget: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// Three attempts, 500 ms base delay, 8 s longest wait, `Retry-After` honoured up to 10 s,
    /// 60 s for the whole call, `POST`s without an `IdempotencyKey` sent once.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_throttled_attempts: 10,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            retry_after_cap: Duration::from_secs(10),
            total_budget: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Every request is sent once; the total budget still bounds it.
    ///
    /// ```
    /// use twilio_endpoint::RetryPolicy;
    ///
    /// assert_eq!(RetryPolicy::none(), RetryPolicy::default().max_attempts(1));
    /// ```
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// How many times a request may be sent in all, the first time included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// How many attempts a request gets in all when Twilio answers `429` (error 20429): at
    /// least [`max_attempts`](RetryPolicy::max_attempts), 10 by default. A `429` is a refusal
    /// for load, not a failure: the request was not processed, the client's limiter has just
    /// lowered its concurrency, and the next attempt waits for a slot, so a bulk job gets
    /// through where three attempts would drop a few requests in a thousand. The total budget
    /// still bounds the call, and `max_attempts(1)` (as in [`none`](RetryPolicy::none)) still
    /// sends once.
    pub fn max_throttled_attempts(mut self, attempts: u32) -> Self {
        self.max_throttled_attempts = attempts.max(1);
        self
    }

    /// The attempt cap after a failure: `max_throttled_attempts` (but never above one attempt
    /// when `max_attempts` is 1) after a `429`, `max_attempts` otherwise.
    fn attempt_cap(&self, throttled: bool) -> u32 {
        if throttled && self.max_attempts > 1 {
            self.max_attempts.max(self.max_throttled_attempts)
        } else {
            self.max_attempts
        }
    }

    /// The longest wait before the first retry; it doubles for each further retry.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest wait between two attempts, whatever the number of retries.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest wait a `Retry-After` header is followed for; a longer one is cut to this.
    pub fn retry_after_cap(mut self, cap: Duration) -> Self {
        self.retry_after_cap = cap;
        self
    }

    /// The time one call to `send` may take, every attempt and wait included.
    pub fn total_budget(mut self, budget: Duration) -> Self {
        self.total_budget = budget;
        self
    }

    /// Also retry requests that are not safe to repeat: `POST`, `PUT` and `PATCH` requests
    /// without an `IdempotencyKey` (off by default).
    ///
    /// **Risk of acting twice.** When an attempt fails after the request reached Twilio (a `5xx`
    /// answer, a reset connection, a timeout), Twilio may have acted on it: placed the call, sent
    /// the message, charged the card. Sending it again can do it a second time. Turn this on only
    /// for a client whose non-idempotent requests are harmless to repeat; for payments, give
    /// every request an `IdempotencyKey` instead, which is retried safely without this.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// Whether failures after which Twilio may have acted are retried for a request;
    /// `repeatable` when it is safe to send twice.
    pub(crate) fn repeats(&self, repeatable: bool) -> bool {
        repeatable || self.retry_non_idempotent
    }

    /// How long to wait before retry number `retry` (1 for the second attempt), given the
    /// failed attempt's `Retry-After`.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(asked) => asked.min(self.retry_after_cap),
            None => full_jitter(self.ceiling(retry)),
        }
    }

    /// The longest backoff before retry number `retry`: `base × 2^(retry − 1)`, at most
    /// `max_delay`, without overflow for any number.
    fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// The retry decisions of one call: how many attempts it may make and until when.
pub(crate) struct Retries<'a> {
    policy: &'a RetryPolicy,
    /// Whether failures after which Twilio may have acted are retried.
    repeats: bool,
    /// When the call's budget ends (`None` when the budget is too long to count).
    deadline: Option<Instant>,
}

/// What to do after a failed attempt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Wait this long, then send the request again.
    Retry(Duration),
    /// Stop: the failure is final, or the attempts are used up.
    Stop,
    /// Stop: the wait before another attempt would end past the call's budget.
    PastBudget(Duration),
}

impl<'a> Retries<'a> {
    /// The decisions for one call of a request with `method`, which carries a non-empty
    /// `IdempotencyKey` or not (as the encoder recorded); the budget starts now.
    pub(crate) fn start(
        policy: &'a RetryPolicy,
        method: &Method,
        carries_key: bool,
    ) -> Retries<'a> {
        Retries {
            policy,
            repeats: policy.repeats(repeatable(method, carries_key)),
            deadline: Instant::now().checked_add(policy.total_budget),
        }
    }

    /// The time allowed for the next attempt: the per-attempt timeout, cut to what is left of
    /// the budget.
    pub(crate) fn attempt_timeout(&self, per_attempt: Duration) -> Duration {
        let left = self
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()));
        left.map_or(per_attempt, |left| left.min(per_attempt))
    }

    /// Whether this call may send its request again after a failure Twilio may have acted on.
    pub(crate) fn repeats(&self) -> bool {
        self.repeats
    }

    /// What is left of the call's budget (`None`: no end).
    pub(crate) fn left(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// What to do after attempt number `attempt` failed with `error`, the answer having asked
    /// for `retry_after`.
    pub(crate) fn after(&self, attempt: u32, error: &Error, retry_after: Option<Duration>) -> Next {
        let again = match failure_class(error) {
            FailureClass::NotProcessed => !matches!(error.kind(), ErrorKind::Queued { .. }),
            FailureClass::MayHaveActed => self.repeats,
            FailureClass::Final => false,
        };
        let throttled = error.status() == Some(http::StatusCode::TOO_MANY_REQUESTS);
        if attempt >= self.policy.attempt_cap(throttled) || !again {
            return Next::Stop;
        }
        let wait = self.policy.delay(attempt, retry_after);
        if fits(self.deadline, wait) {
            Next::Retry(wait)
        } else {
            Next::PastBudget(wait)
        }
    }
}

/// Whether a wait of `wait` from now ends before `deadline` (`None`: no deadline).
fn fits(deadline: Option<Instant>, wait: Duration) -> bool {
    match deadline {
        None => true,
        Some(deadline) => Instant::now()
            .checked_add(wait)
            .is_some_and(|end| end < deadline),
    }
}

/// A uniformly random duration between zero and `ceiling`, both included.
///
/// `fastrand` is enough here: the spread needs no cryptographic quality, only independence
/// between clients, which its per-thread, randomly seeded generator gives.
fn full_jitter(ceiling: Duration) -> Duration {
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(fastrand::u64(0..=nanos))
}

/// Whether a request with this method may be sent twice without acting twice; `has_key` when
/// it carries a non-empty `IdempotencyKey`.
fn repeatable(method: &Method, has_key: bool) -> bool {
    has_key || *method == Method::GET || *method == Method::DELETE
}

/// Where a failure stands in the retry table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailureClass {
    /// Twilio certainly did not process the request: retried for every request.
    NotProcessed,
    /// Twilio may have acted: retried only for requests safe to send twice.
    MayHaveActed,
    /// Another attempt would fail the same way.
    Final,
}

/// Classifies `error` for the retry table.
pub(crate) fn failure_class(error: &Error) -> FailureClass {
    match error.kind() {
        ErrorKind::Api(_) | ErrorKind::Status { .. } => match error.status().map(|s| s.as_u16()) {
            Some(429) => FailureClass::NotProcessed,
            Some(500 | 502 | 503 | 504) => FailureClass::MayHaveActed,
            _ => FailureClass::Final,
        },
        ErrorKind::Queued { .. } => FailureClass::NotProcessed,
        // A connect error (refused, no route, DNS, TLS handshake, connect timeout) comes before
        // any byte of the request is written.
        ErrorKind::Transport(source) if source.is_connect() => FailureClass::NotProcessed,
        ErrorKind::Transport(source)
            if source.is_timeout() || source.is_request() || source.is_body() =>
        {
            FailureClass::MayHaveActed
        }
        _ => FailureClass::Final,
    }
}

/// Whether an answer with this status is worth another attempt for some request: Twilio's
/// rate limit (`429`) and the server errors that say "not now" (`500`, `502`, `503`, `504`).
#[cfg(test)]
fn retryable_status(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504)
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date (`IMF-fixdate`, the
/// form RFC 9110 has servers send), counted from `now`. A date in the past is no wait; a value
/// that is neither is ignored.
pub(super) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Only digits: a number too large for u64 is still "very long".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let imf_fixdate = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = time::PrimitiveDateTime::parse(value, imf_fixdate)
        .ok()?
        .assume_utc();
    Some(
        SystemTime::from(at)
            .duration_since(now)
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderValue, StatusCode};

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn backoff_doubles_up_to_the_max() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(750));
        let ceilings: Vec<u128> = (1..=6).map(|r| policy.ceiling(r).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 750, 750, 750]);
        // No overflow, however many retries.
        assert_eq!(policy.ceiling(u32::MAX), Duration::from_millis(750));
        let huge = RetryPolicy::default()
            .base_delay(Duration::MAX)
            .max_delay(Duration::MAX);
        assert_eq!(huge.ceiling(40), Duration::MAX);
        let _ = huge.delay(40, None);
    }

    #[test]
    fn full_jitter_stays_within_zero_and_the_ceiling() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_secs(1));
        let delays: Vec<Duration> = (0..500).map(|_| policy.delay(2, None)).collect();
        assert!(delays.iter().all(|d| *d <= Duration::from_millis(200)));
        // Spread out, not a constant: some below a quarter of the ceiling, some above three.
        assert!(delays.iter().any(|d| *d < Duration::from_millis(50)));
        assert!(delays.iter().any(|d| *d > Duration::from_millis(150)));
        assert_eq!(
            RetryPolicy::default()
                .base_delay(Duration::ZERO)
                .delay(3, None),
            Duration::ZERO
        );
    }

    #[test]
    fn retry_after_is_followed_up_to_the_cap() {
        let policy = RetryPolicy::default().retry_after_cap(Duration::from_secs(5));
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(3600))),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn retry_after_values() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000); // 2023-11-14 22:13:20
        let parse = |value: &str| retry_after(&headers(value), now);
        assert_eq!(parse("0"), Some(Duration::ZERO));
        assert_eq!(parse(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            parse("99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            parse("Tue, 14 Nov 2023 22:13:50 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse("Tue, 14 Nov 2023 22:00:00 GMT"), Some(Duration::ZERO));
        for ignored in [
            "",
            "-5",
            "+5",
            "1.5",
            "soon",
            "Tue, 14 Nov 2023 22:13:50 +0100",
        ] {
            assert_eq!(parse(ignored), None, "{ignored:?}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn what_is_retried() {
        for status in [429, 500, 502, 503, 504] {
            assert!(retryable_status(StatusCode::from_u16(status).unwrap()));
        }
        for status in [200, 301, 400, 401, 403, 404, 409, 501, 505] {
            assert!(!retryable_status(StatusCode::from_u16(status).unwrap()));
        }
        assert!(repeatable(&Method::GET, false));
        assert!(repeatable(&Method::DELETE, false));
        assert!(repeatable(&Method::POST, true));
        assert!(!repeatable(&Method::POST, false));
        assert!(!repeatable(&Method::PATCH, false));
        let policy = RetryPolicy::default();
        assert!(policy.repeats(true));
        assert!(!policy.repeats(false));
        assert!(policy.retry_non_idempotent(true).repeats(false));
    }

    fn status_error(status: u16) -> Error {
        Error::exchange(
            crate::EndpointName {
                method: Method::POST,
                path_template: "/x",
            },
            Some(StatusCode::from_u16(status).unwrap()),
            crate::ErrorKind::Status {
                body: String::new(),
            },
        )
    }

    #[test]
    fn a_post_without_a_key_is_retried_after_a_429_not_after_a_500() {
        let policy = RetryPolicy::default().base_delay(Duration::ZERO);
        let post = Retries::start(&policy, &Method::POST, false);
        assert!(matches!(
            post.after(1, &status_error(429), None),
            Next::Retry(_)
        ));
        assert_eq!(post.after(1, &status_error(500), None), Next::Stop);
        assert!(
            matches!(post.after(3, &status_error(429), None), Next::Retry(_)),
            "a 429 has max_throttled_attempts, not max_attempts"
        );
        assert_eq!(
            post.after(10, &status_error(429), None),
            Next::Stop,
            "used up"
        );
        assert_eq!(post.after(3, &status_error(503), None), Next::Stop);
        let once = RetryPolicy::none();
        let once = Retries::start(&once, &Method::POST, false);
        assert_eq!(
            once.after(1, &status_error(429), None),
            Next::Stop,
            "max_attempts(1) sends once"
        );
        let few = policy.clone().max_throttled_attempts(4);
        let few = Retries::start(&few, &Method::POST, false);
        assert!(matches!(
            few.after(3, &status_error(429), None),
            Next::Retry(_)
        ));
        assert_eq!(few.after(4, &status_error(429), None), Next::Stop);
        let keyed = Retries::start(&policy, &Method::POST, true);
        assert!(matches!(
            keyed.after(1, &status_error(500), None),
            Next::Retry(_)
        ));
        let opted = policy.clone().retry_non_idempotent(true);
        let opted = Retries::start(&opted, &Method::POST, false);
        assert!(matches!(
            opted.after(1, &status_error(500), None),
            Next::Retry(_)
        ));
        // What `is_retryable` says agrees.
        assert!(status_error(429).unrepeatable(true).is_retryable());
        assert!(!status_error(500).unrepeatable(true).is_retryable());
        assert!(status_error(500).is_retryable());
    }

    #[tokio::test]
    async fn a_refused_connection_is_retried_a_timeout_is_not() {
        let policy = RetryPolicy::default().base_delay(Duration::ZERO);
        let post = Retries::start(&policy, &Method::POST, false);
        let name = || crate::EndpointName {
            method: Method::POST,
            path_template: "/x",
        };
        // A port that was just free: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let refused = reqwest::Client::new()
            .post(format!("http://127.0.0.1:{port}/"))
            .send()
            .await
            .unwrap_err();
        let refused = Error::exchange(name(), None, crate::ErrorKind::Transport(refused));
        assert!(matches!(post.after(1, &refused, None), Next::Retry(_)));
        // A server that accepts and never answers: the request was written, then timed out.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = silent.local_addr().unwrap();
        let hold = tokio::spawn(async move {
            let (_socket, _) = silent.accept().await.unwrap();
            tokio::time::sleep(Duration::from_secs(5)).await;
        });
        let timeout = reqwest::Client::new()
            .post(format!("http://{addr}/"))
            .timeout(Duration::from_millis(100))
            .send()
            .await
            .unwrap_err();
        hold.abort();
        let timeout = Error::exchange(name(), None, crate::ErrorKind::Transport(timeout));
        assert_eq!(post.after(1, &timeout, None), Next::Stop);
        assert!(!timeout.unrepeatable(true).is_retryable());
    }

    #[test]
    fn the_decision_after_a_failure() {
        let policy = RetryPolicy::default()
            .max_attempts(2)
            .retry_after_cap(Duration::from_secs(5))
            .total_budget(Duration::from_secs(3));
        let retries = Retries::start(&policy, &Method::GET, false);
        let error = |status: u16| {
            Error::exchange(
                crate::EndpointName {
                    method: Method::GET,
                    path_template: "/x",
                },
                Some(StatusCode::from_u16(status).unwrap()),
                crate::ErrorKind::Status {
                    body: String::new(),
                },
            )
        };
        let second = Some(Duration::from_secs(1));
        assert_eq!(
            retries.after(1, &error(503), second),
            Next::Retry(Duration::from_secs(1))
        );
        assert_eq!(
            retries.after(2, &error(503), second),
            Next::Stop,
            "attempts used up"
        );
        assert_eq!(
            retries.after(1, &error(404), second),
            Next::Stop,
            "not retryable"
        );
        assert_eq!(
            retries.after(1, &error(429), Some(Duration::from_secs(60))),
            Next::PastBudget(Duration::from_secs(5)),
            "capped at 5 s, still past the 3 s budget"
        );
        assert!(retries.attempt_timeout(Duration::from_secs(30)) <= Duration::from_secs(3));
        assert_eq!(
            retries.attempt_timeout(Duration::from_secs(1)),
            Duration::from_secs(1)
        );
    }
}
