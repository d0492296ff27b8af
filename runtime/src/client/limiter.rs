//! Flow control: how many requests a client has at Twilio at once, learnt from Twilio's answers.
//!
//! Every attempt of [`Client::send`](crate::Client::send) passes a [`Limiter`] first and tells
//! it how the attempt ended. The one shipped, [`InProcessLimiter`], keeps one gate per account
//! and product host: an additive-increase / multiplicative-decrease (AIMD) concurrency limit in
//! front of a FIFO queue, optionally with a requests-per-second cap.
//!
//! How it learns, and why AIMD: [`InProcessLimiter`]'s docs.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// The limit a gate starts with, before it has learnt anything.
pub const INITIAL_LIMIT: u32 = 16;
/// The highest limit an adaptive gate reaches when no [`max_in_flight`] is set.
///
/// [`max_in_flight`]: crate::ClientBuilder::max_in_flight
pub const DEFAULT_MAX_IN_FLIGHT: u32 = 512;
/// What a `429` keeps of the limit (multiplicative decrease).
const BACKOFF: f64 = 0.5;

/// What a limit is kept for: one account at one product host (`api`, `messaging`), since
/// Twilio counts concurrency per account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LimitKey<'a> {
    /// The account SID the requests are made for (empty for an OAuth2-only client).
    pub account: &'a str,
    /// The endpoint's product host, as in [`Endpoint::HOST`](crate::Endpoint::HOST).
    pub host: &'a str,
}

/// How an attempt ended, as far as flow control cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Signal {
    /// Twilio took the request: any answer but a `429` (an error status included: Twilio
    /// processed it).
    Accepted {
        /// The answer's `Twilio-Concurrent-Requests`, when present.
        concurrent: Option<u32>,
    },
    /// Twilio refused the request for load: `429` (error 20429).
    Refused {
        /// The answer's `Twilio-Concurrent-Requests`, when present: how many requests the
        /// account had in flight when Twilio refused this one.
        concurrent: Option<u32>,
    },
    /// No answer (a transport failure or timeout): says nothing about load.
    Failed,
}

/// A slot for one attempt, from [`Limiter::acquire`]. Tell it how the attempt ended with
/// [`Permit::finish`]; dropping it unfinished (a cancelled `send`) gives the slot back and
/// teaches nothing.
pub trait Permit: Send {
    /// The attempt ended so: give the slot back and learn from it.
    fn finish(self: Box<Self>, signal: Signal);
}

/// The future [`Limiter::acquire`] returns.
pub type Acquire<'a> = Pin<Box<dyn Future<Output = Box<dyn Permit>> + Send + 'a>>;

/// Flow control in front of the transport: every attempt waits for a [`Permit`] and reports how
/// it ended.
///
/// Implement it to share one account's limit across processes (see the README's "Many
/// processes, one account"): `acquire` takes a slot from the shared store (a Redis counter, a
/// lease) and waits while none is free; `finish` gives it back and records a refusal.
/// [`InProcessLimiter`] is the one shipped, and [`ClientBuilder::limiter`] installs another.
///
/// `acquire` must be cancel-safe: a future dropped before it resolves must leave no slot taken.
///
/// [`ClientBuilder::limiter`]: crate::ClientBuilder::limiter
pub trait Limiter: Send + Sync + fmt::Debug + 'static {
    /// Waits until an attempt to `key` may start.
    fn acquire<'a>(&'a self, key: LimitKey<'a>) -> Acquire<'a>;

    /// A slot at once, when one is free and nobody waits ahead: the quiet path, which the
    /// client tries before [`acquire`](Limiter::acquire) so that an idle limiter costs no
    /// future and no timer. `None` (the default) sends the attempt through `acquire`.
    fn try_acquire(&self, key: LimitKey<'_>) -> Option<Box<dyn Permit>> {
        let _ = key;
        None
    }

    /// The state kept for `key`, when there is one.
    fn snapshot(&self, key: LimitKey<'_>) -> Option<LimiterSnapshot>;
}

/// A read-only view of one gate, for progress reports: [`Client::limiter_snapshot`].
///
/// [`Client::limiter_snapshot`]: crate::Client::limiter_snapshot
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LimiterSnapshot {
    /// How many attempts may be in flight at once now.
    pub limit: u32,
    /// How many are in flight.
    pub in_flight: u32,
    /// How many wait for a slot.
    pub queued: u32,
    /// How many `429` answers the gate has seen.
    pub refused: u64,
    /// The last `Twilio-Concurrent-Requests` Twilio reported, if any.
    pub twilio_concurrent: Option<u32>,
}

/// How the in-process limiter is set: the client builder's `max_in_flight`,
/// `max_requests_per_second` and `adaptive_concurrency`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LimiterSettings {
    /// The highest limit (`None`: [`DEFAULT_MAX_IN_FLIGHT`] when adaptive, none when fixed).
    pub(crate) max_in_flight: Option<u32>,
    /// The most attempts started per second, per gate.
    pub(crate) per_second: Option<f64>,
    /// Whether the limit learns from answers.
    pub(crate) adaptive: bool,
}

impl Default for LimiterSettings {
    fn default() -> Self {
        LimiterSettings {
            max_in_flight: None,
            per_second: None,
            adaptive: true,
        }
    }
}

/// The limiter a client has unless told otherwise: one AIMD gate per account and host, in
/// this process. [`ClientBuilder::max_in_flight`](crate::ClientBuilder::max_in_flight),
/// `max_requests_per_second` and `adaptive_concurrency` set it.
///
/// **Why AIMD.** Three families were weighed:
///
/// - *Gradient limiters* (Netflix's concurrency-limits `Gradient2`, Vector's adaptive request
///   concurrency) move the limit with the ratio of a short-term to a long-term latency average.
///   They shine when a server queues work and slows down before it fails. Twilio does not: it
///   refuses the excess at once with `429` (error 20429) and serves the rest at its usual
///   speed, so latency carries almost no signal and the gradient would wander on noise.
/// - *CUBIC rate limiting* (the AWS SDKs' `adaptive` retry mode) limits the *rate* of requests,
///   with a cubic probe after each throttle. Twilio's documented limit is a *concurrency*
///   (error 20429 "exceeds allowed concurrency"), and a rate limiter lets a slow patch of
///   answers pile up requests in flight; it also needs clock-driven state per key.
/// - *AIMD on a concurrency limit* (TCP's congestion window, concurrency-limits' `AIMDLimit`)
///   reacts to exactly the signal Twilio gives (a refusal), is a handful of integer operations
///   per answer, and converges when many clients share one account, which is Twilio's case.
///
/// So: AIMD, with TCP's two refinements. *Slow start*: until the first `429` the limit grows by
/// one per success (doubling each round trip), so a client that is never refused reaches the
/// concurrency it is given in a few round trips. *One cut per window*: a `429` cuts the limit
/// only if the refused attempt started after the last cut, so a burst of refusals from one
/// overshoot halves the limit once, not once per refusal. The limit grows only while it binds
/// (at least half of it was in use when the attempt started), so a quiet client does not drift to a huge limit
/// and then flood Twilio when work arrives.
///
/// A request beyond the limit waits in the gate's FIFO queue ([`tokio::sync::Semaphore`] is
/// fair); it never fails for it, and the wait counts against the call's
/// [total budget](crate::RetryPolicy::total_budget). A dropped `send` future gives back its
/// place and its slot.
///
/// ```
/// use twilio_endpoint::{Client, InProcessLimiter, LimitKey, Limiter};
///
/// let client = Client::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "your_auth_token")?;
/// assert_eq!(client.limiter_snapshot("api"), None, "nothing sent yet");
/// let limiter = InProcessLimiter::adaptive();
/// assert_eq!(limiter.snapshot(LimitKey { account: "AC1", host: "api" }), None);
/// # Ok::<(), twilio_endpoint::Error>(())
/// ```
pub struct InProcessLimiter {
    settings: LimiterSettings,
    gates: RwLock<Vec<(String, String, Arc<Gate>)>>,
}

impl fmt::Debug for InProcessLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InProcessLimiter")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl InProcessLimiter {
    /// The default: adaptive, starting at [`INITIAL_LIMIT`], at most
    /// [`DEFAULT_MAX_IN_FLIGHT`], no rate cap.
    pub fn adaptive() -> InProcessLimiter {
        InProcessLimiter::new(LimiterSettings::default())
    }

    /// A fixed limit of `max_in_flight` (at least 1), optionally at most `per_second` attempts
    /// started per second; it does not learn.
    pub fn fixed(max_in_flight: u32, per_second: Option<f64>) -> InProcessLimiter {
        InProcessLimiter::new(LimiterSettings {
            max_in_flight: Some(max_in_flight.max(1)),
            per_second,
            adaptive: false,
        })
    }

    pub(crate) fn new(settings: LimiterSettings) -> InProcessLimiter {
        InProcessLimiter {
            settings,
            gates: RwLock::new(Vec::new()),
        }
    }

    /// The gate of `key`, made on first use.
    fn gate(&self, key: LimitKey<'_>) -> Arc<Gate> {
        let same = |(account, host, _): &&(String, String, Arc<Gate>)| {
            account == key.account && host == key.host
        };
        if let Some((_, _, gate)) = self
            .gates
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(same)
        {
            return gate.clone();
        }
        let mut gates = self.gates.write().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, _, gate)) = gates.iter().find(same) {
            return gate.clone();
        }
        let gate = Arc::new(Gate::new(self.settings, key));
        gates.push((key.account.to_owned(), key.host.to_owned(), gate.clone()));
        gate
    }
}

impl Limiter for InProcessLimiter {
    fn acquire<'a>(&'a self, key: LimitKey<'a>) -> Acquire<'a> {
        let gate = self.gate(key);
        Box::pin(async move { Box::new(gate.acquire().await) as Box<dyn Permit> })
    }

    fn try_acquire(&self, key: LimitKey<'_>) -> Option<Box<dyn Permit>> {
        let gate = self.gate(key);
        // Under a rate cap an attempt may have to wait for its start: that is `acquire`'s.
        if gate.spacing.is_some() {
            return None;
        }
        let slot = gate.slots.clone().try_acquire_owned().ok()?;
        let (permit, _) = Gate::admit(&gate, Some(slot));
        Some(Box::new(permit))
    }

    fn snapshot(&self, key: LimitKey<'_>) -> Option<LimiterSnapshot> {
        let gates = self.gates.read().unwrap_or_else(PoisonError::into_inner);
        let (_, _, gate) = gates
            .iter()
            .find(|(account, host, _)| account == key.account && host == key.host)?;
        Some(gate.snapshot())
    }
}

/// One account's limit at one host.
struct Gate {
    /// Free slots; a waiter queues here, first come first served.
    slots: Arc<Semaphore>,
    /// Attempts waiting for a slot (or for the rate cap).
    queued: AtomicU32,
    state: Mutex<State>,
    adaptive: bool,
    ceiling: u32,
    /// The spacing between two attempts' starts, from the rate cap.
    spacing: Option<Duration>,
    /// For the trace: which gate this is.
    host: String,
}

/// What a gate learns, behind its lock.
struct State {
    limit: u32,
    in_flight: u32,
    /// Slots to take out of circulation as they come back (after a cut larger than the free
    /// slots).
    debt: u32,
    /// Successes since the limit last grew.
    acks: u32,
    /// Still growing by one per success (until the first `429`).
    slow_start: bool,
    /// Counts cuts; a refusal cuts only when its attempt started after the last one.
    epoch: u64,
    refused: u64,
    twilio_concurrent: Option<u32>,
    /// When the next attempt may start under the rate cap.
    next_start: Option<Instant>,
}

impl Gate {
    fn new(settings: LimiterSettings, key: LimitKey<'_>) -> Gate {
        let ceiling = match (settings.adaptive, settings.max_in_flight) {
            (_, Some(max)) => max.max(1),
            (true, None) => DEFAULT_MAX_IN_FLIGHT,
            (false, None) => Semaphore::MAX_PERMITS.min(u32::MAX as usize) as u32,
        };
        let limit = if settings.adaptive {
            INITIAL_LIMIT.min(ceiling)
        } else {
            ceiling
        };
        let spacing = settings
            .per_second
            .filter(|rate| rate.is_finite() && *rate > 0.0)
            .map(|rate| Duration::from_secs_f64(1.0 / rate));
        Gate {
            slots: Arc::new(Semaphore::new(limit as usize)),
            queued: AtomicU32::new(0),
            state: Mutex::new(State {
                limit,
                in_flight: 0,
                debt: 0,
                acks: 0,
                slow_start: true,
                epoch: 0,
                refused: 0,
                twilio_concurrent: None,
                next_start: None,
            }),
            adaptive: settings.adaptive,
            ceiling,
            spacing,
            host: key.host.to_owned(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn snapshot(&self) -> LimiterSnapshot {
        let state = self.lock();
        LimiterSnapshot {
            limit: state.limit,
            in_flight: state.in_flight,
            queued: self.queued.load(Ordering::Relaxed),
            refused: state.refused,
            twilio_concurrent: state.twilio_concurrent,
        }
    }

    /// Waits for a slot (FIFO), then for the rate cap.
    async fn acquire(self: Arc<Gate>) -> GatePermit {
        let queued = Queued::enter(&self.queued);
        // The semaphore is never closed, so this waits until a slot is free.
        let slot = self.slots.clone().acquire_owned().await.ok();
        let (permit, start_at) = Gate::admit(&self, slot);
        if let Some(at) = start_at {
            tokio::time::sleep_until(at).await;
        }
        drop(queued);
        permit
    }

    /// Counts an attempt holding `slot` in flight; when the rate cap makes it wait, the
    /// instant it may start.
    fn admit(
        gate: &Arc<Gate>,
        slot: Option<OwnedSemaphorePermit>,
    ) -> (GatePermit, Option<Instant>) {
        let (epoch, binding, start_at) = {
            let mut state = gate.lock();
            state.in_flight += 1;
            // The limit binds when at least half of it is in use.
            let binding = state.in_flight * 2 >= state.limit;
            let start_at = gate.spacing.and_then(|spacing| {
                let now = Instant::now();
                let at = state.next_start.map_or(now, |next| next.max(now));
                state.next_start = Some(at + spacing);
                (at > now).then_some(at)
            });
            (state.epoch, binding, start_at)
        };
        let permit = GatePermit {
            gate: gate.clone(),
            slot,
            epoch,
            binding,
        };
        (permit, start_at)
    }

    /// Learns from `signal` and gives `slot` back.
    fn release(
        &self,
        slot: Option<OwnedSemaphorePermit>,
        signal: Option<Signal>,
        epoch: u64,
        binding: bool,
    ) {
        let mut state = self.lock();
        state.in_flight = state.in_flight.saturating_sub(1);
        let before = state.limit;
        match signal {
            Some(Signal::Accepted { concurrent }) => {
                if concurrent.is_some() {
                    state.twilio_concurrent = concurrent;
                }
                if self.adaptive && binding && state.limit < self.ceiling {
                    state.acks += 1;
                    if state.slow_start || state.acks >= state.limit {
                        state.acks = 0;
                        state.limit += 1;
                    }
                }
            }
            Some(Signal::Refused { concurrent }) => {
                state.refused += 1;
                if concurrent.is_some() {
                    state.twilio_concurrent = concurrent;
                }
                if self.adaptive && epoch == state.epoch {
                    let mut cut = (f64::from(state.limit) * BACKOFF) as u32;
                    if let Some(reported) = concurrent {
                        // Twilio refused with `reported` in flight for the account: a limit
                        // above that share cannot be right.
                        cut = cut.min((f64::from(reported) * BACKOFF) as u32);
                    }
                    state.limit = cut.max(1);
                    state.slow_start = false;
                    state.acks = 0;
                    state.epoch += 1;
                }
            }
            Some(Signal::Failed) | None => {}
        }
        let after = state.limit;
        if after > before {
            let grow = after - before;
            let repaid = grow.min(state.debt);
            state.debt -= repaid;
            self.slots.add_permits((grow - repaid) as usize);
        } else if after < before {
            let shrink = before - after;
            let taken = self.slots.forget_permits(shrink as usize) as u32;
            state.debt += shrink - taken;
        }
        if let Some(slot) = slot {
            if state.debt > 0 {
                state.debt -= 1;
                slot.forget();
            } else {
                drop(slot);
            }
        }
        let refused = state.refused;
        drop(state);
        if after != before {
            tracing::debug!(
                target: "twilio_endpoint::limiter",
                host = %self.host,
                limit = after,
                previous = before,
                refused,
                "concurrency limit changed"
            );
        }
    }
}

/// Counts a waiter in the queue until it is dropped (served or cancelled).
struct Queued<'a>(&'a AtomicU32);

impl<'a> Queued<'a> {
    fn enter(counter: &'a AtomicU32) -> Queued<'a> {
        counter.fetch_add(1, Ordering::Relaxed);
        Queued(counter)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A slot of an [`InProcessLimiter`] gate.
struct GatePermit {
    gate: Arc<Gate>,
    /// `None` once given back.
    slot: Option<OwnedSemaphorePermit>,
    epoch: u64,
    binding: bool,
}

impl GatePermit {
    fn give_back(&mut self, signal: Option<Signal>) {
        if let Some(slot) = self.slot.take() {
            self.gate
                .release(Some(slot), signal, self.epoch, self.binding);
        }
    }
}

impl Permit for GatePermit {
    fn finish(mut self: Box<Self>, signal: Signal) {
        self.give_back(Some(signal));
    }
}

impl Drop for GatePermit {
    fn drop(&mut self) {
        self.give_back(None);
    }
}

/// The `Twilio-Concurrent-Requests` header's value, when it is a number.
pub(crate) fn twilio_concurrent(headers: &http::HeaderMap) -> Option<u32> {
    // A constant name: looking up a `&str` would parse and hash it on every answer.
    const TWILIO_CONCURRENT_REQUESTS: http::HeaderName =
        http::HeaderName::from_static("twilio-concurrent-requests");
    headers
        .get(TWILIO_CONCURRENT_REQUESTS)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: LimitKey<'static> = LimitKey {
        account: "AC1",
        host: "api",
    };

    fn snapshot(limiter: &InProcessLimiter) -> LimiterSnapshot {
        limiter.snapshot(KEY).expect("the gate exists")
    }

    #[tokio::test]
    async fn slow_start_then_one_cut_per_window() {
        let limiter = InProcessLimiter::adaptive();
        // Fill the gate: every attempt binds, so every success grows the limit by one.
        let mut permits = Vec::new();
        for _ in 0..INITIAL_LIMIT {
            permits.push(limiter.acquire(KEY).await);
        }
        assert_eq!(snapshot(&limiter).in_flight, INITIAL_LIMIT);
        for permit in permits.drain(..) {
            permit.finish(Signal::Accepted { concurrent: None });
        }
        let grown = snapshot(&limiter).limit;
        assert_eq!(
            grown,
            INITIAL_LIMIT + INITIAL_LIMIT / 2 + 1,
            "one per binding success"
        );
        // A burst of refusals from one window cuts once.
        for _ in 0..8 {
            permits.push(limiter.acquire(KEY).await);
        }
        for permit in permits.drain(..) {
            permit.finish(Signal::Refused { concurrent: None });
        }
        let after = snapshot(&limiter);
        assert_eq!(after.limit, grown / 2, "halved once");
        assert_eq!(after.refused, 8);
        assert_eq!(after.in_flight, 0);
        // Out of slow start: one more per `limit` binding successes.
        let limit = after.limit;
        for _round in 0..2 {
            // Each round has `limit / 2 + 1` binding successes: two make more than `limit`.
            let mut permits = Vec::new();
            for _ in 0..limit {
                permits.push(limiter.acquire(KEY).await);
            }
            for permit in permits {
                permit.finish(Signal::Accepted { concurrent: None });
            }
        }
        assert_eq!(snapshot(&limiter).limit, limit + 1);
    }

    #[tokio::test]
    async fn a_quiet_client_does_not_grow_its_limit() {
        let limiter = InProcessLimiter::adaptive();
        for _ in 0..100 {
            limiter
                .acquire(KEY)
                .await
                .finish(Signal::Accepted { concurrent: None });
        }
        assert_eq!(snapshot(&limiter).limit, INITIAL_LIMIT);
    }

    #[tokio::test]
    async fn a_cut_below_the_slots_in_use_is_paid_as_they_come_back() {
        let limiter = InProcessLimiter::fixed(4, None);
        let adaptive = InProcessLimiter::adaptive();
        let mut held = Vec::new();
        for _ in 0..INITIAL_LIMIT {
            held.push(adaptive.acquire(KEY).await);
        }
        // One refusal cuts 16 to 8 while 16 are out: 8 must vanish as they return.
        held.pop()
            .unwrap()
            .finish(Signal::Refused { concurrent: None });
        drop(held);
        let state = adaptive.snapshot(KEY).unwrap();
        assert_eq!((state.limit, state.in_flight), (INITIAL_LIMIT / 2, 0));
        let gate = adaptive.gate(KEY);
        assert_eq!(gate.slots.available_permits(), (INITIAL_LIMIT / 2) as usize);
        // A fixed gate never moves, whatever the answers.
        let permit = limiter.acquire(KEY).await;
        permit.finish(Signal::Refused {
            concurrent: Some(1),
        });
        assert_eq!(snapshot(&limiter).limit, 4);
    }

    #[tokio::test]
    async fn the_reported_concurrency_bounds_a_cut() {
        let limiter = InProcessLimiter::adaptive();
        let permit = limiter.acquire(KEY).await;
        permit.finish(Signal::Refused {
            concurrent: Some(6),
        });
        let state = snapshot(&limiter);
        assert_eq!(state.limit, 3);
        assert_eq!(state.twilio_concurrent, Some(6));
    }

    #[tokio::test]
    async fn waiters_are_served_in_order_and_a_dropped_waiter_leaves() {
        let limiter = Arc::new(InProcessLimiter::fixed(1, None));
        let first = limiter.acquire(KEY).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for n in 0..5 {
            let (limiter, order) = (limiter.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                let permit = limiter.acquire(KEY).await;
                order.lock().unwrap().push(n);
                permit.finish(Signal::Accepted { concurrent: None });
            }));
            // Let each task reach the queue before the next.
            tokio::task::yield_now().await;
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        // A waiter that gives up leaves no slot taken.
        let gave_up = tokio::time::timeout(Duration::from_millis(5), limiter.acquire(KEY)).await;
        assert!(gave_up.is_err());
        assert_eq!(snapshot(&limiter).queued, 5);
        drop(first);
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3, 4]);
        let state = snapshot(&limiter);
        assert_eq!((state.in_flight, state.queued), (0, 0));
        assert_eq!(limiter.gate(KEY).slots.available_permits(), 1);
    }

    #[tokio::test]
    async fn the_quiet_path_takes_a_free_slot_and_never_jumps_the_queue() {
        let limiter = Arc::new(InProcessLimiter::fixed(1, None));
        let first = limiter
            .try_acquire(KEY)
            .expect("a free slot is taken at once");
        assert_eq!(snapshot(&limiter).in_flight, 1);
        assert!(limiter.try_acquire(KEY).is_none(), "no slot is free");
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move { limiter.acquire(KEY).await })
        };
        tokio::time::sleep(Duration::from_millis(5)).await;
        first.finish(Signal::Accepted { concurrent: None });
        // The slot given back belongs to the waiter, not to a newcomer.
        assert!(
            limiter.try_acquire(KEY).is_none(),
            "FIFO: the waiter is first"
        );
        let second = waiter.await.unwrap();
        second.finish(Signal::Accepted { concurrent: None });
        let quick = limiter.try_acquire(KEY).expect("free again");
        drop(quick);
        assert_eq!(
            snapshot(&limiter).in_flight,
            0,
            "a dropped permit gives its slot back"
        );
        // Under a rate cap the quiet path steps aside: `acquire` spaces the starts.
        let capped = InProcessLimiter::fixed(4, Some(100.0));
        assert!(capped.try_acquire(KEY).is_none());
        let started = Instant::now();
        for _ in 0..3 {
            capped.acquire(KEY).await.finish(Signal::Failed);
        }
        assert!(
            started.elapsed() >= Duration::from_millis(20),
            "10 ms apart"
        );
    }

    #[test]
    fn the_header_is_read_when_it_is_a_number() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(twilio_concurrent(&headers), None);
        headers.insert("Twilio-Concurrent-Requests", "12".parse().unwrap());
        assert_eq!(twilio_concurrent(&headers), Some(12));
        headers.insert("Twilio-Concurrent-Requests", "many".parse().unwrap());
        assert_eq!(twilio_concurrent(&headers), None);
    }
}
