//! The stand-in's server: its state, the two Payments routes and the handler that answers them.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use http::{HeaderMap, Method};
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;
use wiremock::{Request, Respond, ResponseTemplate};

use super::callbacks::Outbox;
use super::caller::{Caller, Outcome, PaymentSimulation};
use super::rules::{
    basic_credentials, check_content_type, decode_form, json_response, ApiError, Operation,
};
use crate::payments::Capture;

/// What the stand-in and its request handler share.
pub(super) struct Shared {
    pub(super) account_sid: String,
    pub(super) auth_token: String,
    pub(super) state: Mutex<State>,
    /// Where status callbacks go to be posted.
    pub(super) outbox: Outbox,
}

impl Shared {
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the `Authorization` header holds valid Basic credentials.
    pub(super) fn is_authenticated(&self, headers: &HeaderMap) -> bool {
        let Some((user, password)) = basic_credentials(headers) else {
            return false;
        };
        if user == self.account_sid {
            return password == self.auth_token;
        }
        self.lock().api_keys.get(&user) == Some(&password)
    }
}

/// The mutable part of the stand-in.
pub(super) struct State {
    /// Accepted API keys: SID to secret.
    pub(super) api_keys: HashMap<String, String>,
    /// Payment sessions by their `PK` SID.
    sessions: HashMap<String, Session>,
    /// Mixed into payment SIDs so that separate stand-ins hand out different ones.
    seed: u64,
    /// How many payment SIDs were handed out.
    counter: u64,
    /// Answers already given, by path and `IdempotencyKey`: a repeated request gets the same
    /// answer and changes nothing, as Twilio promises for the Payments operations.
    replies: HashMap<(String, String), (u16, serde_json::Value)>,
    /// The caller of sessions created from now on.
    pub(super) caller: Caller,
}

impl State {
    pub(super) fn new(caller: Caller) -> State {
        State {
            caller,
            api_keys: HashMap::new(),
            sessions: HashMap::new(),
            seed: RandomState::new().build_hasher().finish(),
            counter: 0,
            replies: HashMap::new(),
        }
    }

    /// A new `PK` SID, unique for this stand-in: the first half of its hex
    /// digits is a bijective mix of the counter.
    fn next_payment_sid(&mut self) -> String {
        self.counter += 1;
        let n = self
            .seed
            .wrapping_add(self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        format!("PK{:016x}{:016x}", mix(n), mix(!n))
    }
}

/// The splitmix64 finaliser, a bijection on `u64`.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A payment session created by `CreatePayments`.
struct Session {
    call_sid: String,
    date_created: OffsetDateTime,
    date_updated: OffsetDateTime,
    /// How the session was closed (`"complete"`, `"cancelled"` or `"ended by the caller"`), if
    /// it was.
    closed: Option<&'static str>,
    /// The caller's side of the session: what the status callbacks report.
    simulation: PaymentSimulation,
}

fn rfc2822(date: OffsetDateTime) -> String {
    date.format(&Rfc2822)
        .expect("the current time is representable in RFC 2822")
}

/// The wiremock responder: Twilio's behaviour for the Payments routes.
pub(super) struct Handler(pub(super) Arc<Shared>);

impl Respond for Handler {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.handle(request).unwrap_or_else(ApiError::into_response)
    }
}

impl Handler {
    fn handle(&self, request: &Request) -> Result<ResponseTemplate, ApiError> {
        let shared = &self.0;
        let path = request.url.path();
        if !shared.is_authenticated(&request.headers) {
            return Err(ApiError::unauthenticated());
        }
        let route =
            Operation::route(path, &shared.account_sid).ok_or_else(|| ApiError::not_found(path))?;
        if request.method != Method::POST {
            return Err(ApiError::method_not_allowed());
        }
        check_content_type(&request.headers)?;
        let form = decode_form(&request.body);
        route.operation.validate(&form)?;

        let now = OffsetDateTime::now_utc();
        let mut state = shared.lock();
        let idempotency_key = form
            .iter()
            .find(|(key, _)| key == "IdempotencyKey")
            .map(|(_, value)| (path.to_owned(), value.clone()));
        if let Some((status, body)) = idempotency_key
            .as_ref()
            .and_then(|key| state.replies.get(key))
        {
            return Ok(json_response(*status, body));
        }
        let status_callback = form
            .iter()
            .find(|(key, _)| key == "StatusCallback")
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        let mut events = Vec::new();
        let (status, sid) = match route.payment_sid {
            None => {
                let sid = state.next_payment_sid();
                let ids = [
                    ("AccountSid", shared.account_sid.clone()),
                    ("CallSid", route.call_sid.clone()),
                    ("Sid", sid.clone()),
                ];
                let unique = sid[2..26].to_ascii_lowercase();
                let (simulation, created) =
                    PaymentSimulation::create(state.caller.clone(), ids, &form, now, unique);
                events.push(created);
                let session = Session {
                    call_sid: route.call_sid,
                    date_created: now,
                    date_updated: now,
                    closed: None,
                    simulation,
                };
                state.sessions.insert(sid.clone(), session);
                (201, sid)
            }
            Some(sid) => {
                let session = state
                    .sessions
                    .get_mut(&sid)
                    .filter(|session| session.call_sid == route.call_sid)
                    .ok_or_else(|| ApiError::not_found(path))?;
                if let Some(closed) = session.closed {
                    return Err(ApiError::bad_request(format!(
                        "Payment session {sid} is already {closed}"
                    )));
                }
                session.date_updated = now;
                let value = |name: &str| {
                    form.iter()
                        .find(|(key, value)| key == name && !value.is_empty())
                        .map(|(_, value)| value.as_str())
                };
                match (value("Status"), value("Capture")) {
                    (Some("complete"), _) => {
                        session.closed = Some("complete");
                        events.push(session.simulation.complete(now));
                    }
                    (Some(_), _) => {
                        session.closed = Some("cancelled");
                        events.push(session.simulation.cancel(now));
                    }
                    (None, Some(capture)) => {
                        let capture = Capture::ALL[Capture::WIRE_VALUES
                            .iter()
                            .position(|wire| *wire == capture)
                            .expect("the rules checked the Capture value")];
                        let (captured, outcome) = session.simulation.capture(capture, now);
                        events.extend(captured);
                        if let Outcome::EndedByCaller = outcome {
                            session.closed = Some("ended by the caller");
                        }
                    }
                    (None, None) => unreachable!("the rules require Capture or Status"),
                }
                (202, sid)
            }
        };
        let session = &state.sessions[&sid];
        let body = serde_json::json!({
            "account_sid": shared.account_sid,
            "call_sid": session.call_sid,
            "sid": sid,
            "date_created": rfc2822(session.date_created),
            "date_updated": rfc2822(session.date_updated),
            "uri": format!(
                "/2010-04-01/Accounts/{}/Calls/{}/Payments/{sid}.json",
                shared.account_sid, session.call_sid
            ),
        });
        let response = json_response(status, &body);
        if let Some(key) = idempotency_key {
            state.replies.insert(key, (status, body));
        }
        // Queued for the delivery worker, not posted here: the answer never waits for them.
        for event in events {
            shared.outbox.send(&status_callback, event);
        }
        Ok(response)
    }
}
