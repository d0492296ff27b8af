//! Status callback delivery: one worker per stand-in posts each event, signed, in order, to
//! its `StatusCallback` on loopback, and records what it did.

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use url::{Host, Url};

use crate::webhook::Validator;

use super::caller::Event;

/// How long one callback may take before the stand-in gives up on it.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// One status callback the [`StandIn`](super::StandIn) posted, or would have posted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallbackDelivery {
    /// The `StatusCallback` of the request that caused it, as the request gave it (absolute, or
    /// relative such as `/pay/status`).
    pub status_callback: String,
    /// The URL it was posted to: the `StatusCallback`, resolved against the call's webhook URL
    /// if relative. `None` if it could not be made absolute.
    pub url: Option<String>,
    /// The form body (`application/x-www-form-urlencoded`).
    pub body: Vec<u8>,
    /// The `X-Twilio-Signature` it carried; `None` if it was not sent.
    pub signature: Option<String>,
    /// What happened to it.
    pub outcome: DeliveryOutcome,
}

impl CallbackDelivery {
    /// The form fields, in the order they were posted.
    #[must_use]
    pub fn form(&self) -> Vec<(String, String)> {
        super::rules::decode_form(&self.body)
    }

    /// The value of the form field `name`, if it was posted (possibly empty).
    #[must_use]
    pub fn field(&self, name: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }
}

/// What happened to a status callback.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryOutcome {
    /// Posted; the receiver answered with this HTTP status.
    Delivered {
        /// The receiver's HTTP status code.
        status: u16,
    },
    /// Posted, but no answer came (refused connection, time-out after 5 s, …).
    Failed {
        /// Why, as the HTTP client said it.
        error: String,
    },
    /// Not attempted: the URL's host is not loopback (`127.0.0.0/8`, `::1`, `localhost`). A
    /// stand-in never sends a request off the machine.
    NotLoopback,
    /// Not attempted: the `StatusCallback` is relative and the stand-in has no call webhook URL
    /// to resolve it against ([`StandInBuilder::call_webhook_url`](super::StandInBuilder::call_webhook_url)),
    /// or it is not a URL.
    Unresolved,
}

/// An event waiting to be posted.
pub(super) struct Pending {
    pub(super) status_callback: String,
    pub(super) event: Event,
}

/// The handler's end of the delivery worker.
pub(super) struct Outbox {
    sender: mpsc::UnboundedSender<Pending>,
    /// How many events were queued.
    queued: AtomicU64,
    /// How many events the worker has finished with.
    done: watch::Receiver<u64>,
    deliveries: Arc<Mutex<Vec<CallbackDelivery>>>,
}

impl Outbox {
    /// Queues an event; the worker posts it after the answer that caused it is given.
    pub(super) fn send(&self, status_callback: &str, event: Event) {
        self.queued.fetch_add(1, Ordering::SeqCst);
        let pending = Pending {
            status_callback: status_callback.to_owned(),
            event,
        };
        if self.sender.send(pending).is_err() {
            // The worker is gone (its runtime shut down): count the event as finished.
            self.queued.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Every delivery so far, once every event queued before the call is finished with.
    pub(super) async fn settled(&self) -> Vec<CallbackDelivery> {
        let queued = self.queued.load(Ordering::SeqCst);
        let mut done = self.done.clone();
        // An error means the worker stopped: what it recorded is all there is.
        let _ = done.wait_for(|&done| done >= queued).await;
        self.deliveries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Starts the delivery worker on the current tokio runtime.
pub(super) fn start(
    validator: Validator,
    call_webhook_url: Option<Url>,
) -> (Outbox, tokio::task::JoinHandle<()>) {
    let (sender, mut receiver) = mpsc::unbounded_channel::<Pending>();
    let (done_sender, done) = watch::channel(0_u64);
    let deliveries = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&deliveries);
    // No proxy (a proxy would take the request off the machine) and no redirects (a loopback
    // receiver could point elsewhere).
    let http = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(DELIVERY_TIMEOUT)
        .build()
        .expect("a plain HTTP client builds");
    let worker = tokio::spawn(async move {
        while let Some(pending) = receiver.recv().await {
            let delivery = deliver(&http, &validator, call_webhook_url.as_ref(), pending).await;
            recorded
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(delivery);
            done_sender.send_modify(|done| *done += 1);
        }
    });
    let outbox = Outbox {
        sender,
        queued: AtomicU64::new(0),
        done,
        deliveries,
    };
    (outbox, worker)
}

async fn deliver(
    http: &reqwest::Client,
    validator: &Validator,
    call_webhook_url: Option<&Url>,
    pending: Pending,
) -> CallbackDelivery {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pending.event)
        .finish()
        .into_bytes();
    let url = resolve(&pending.status_callback, call_webhook_url);
    let mut delivery = CallbackDelivery {
        status_callback: pending.status_callback,
        url: url.as_ref().map(|url| url.as_str().to_owned()),
        body,
        signature: None,
        outcome: DeliveryOutcome::Unresolved,
    };
    let Some(url) = url else {
        return delivery;
    };
    if !is_loopback(&url) {
        delivery.outcome = DeliveryOutcome::NotLoopback;
        return delivery;
    }
    let signature = validator.sign(url.as_str(), &delivery.body);
    let sent = http
        .post(url)
        .header(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header("X-Twilio-Signature", &signature)
        .body(delivery.body.clone())
        .send()
        .await;
    delivery.signature = Some(signature);
    delivery.outcome = match sent {
        Ok(response) => DeliveryOutcome::Delivered {
            status: response.status().as_u16(),
        },
        Err(error) => DeliveryOutcome::Failed {
            error: error.to_string(),
        },
    };
    delivery
}

/// The absolute URL of a `StatusCallback`: as given if absolute; resolved against the call's
/// webhook URL if relative, as Twilio does.
pub(super) fn resolve(status_callback: &str, call_webhook_url: Option<&Url>) -> Option<Url> {
    match Url::parse(status_callback) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            call_webhook_url.and_then(|base| base.join(status_callback).ok())
        }
        Err(_) => None,
    }
}

/// Whether `url` is `http` or `https` to a loopback host: `127.0.0.0/8`, `::1` or `localhost`.
pub(super) fn is_loopback(url: &Url) -> bool {
    let host = match url.host() {
        Some(Host::Domain(domain)) => {
            return matches!(url.scheme(), "http" | "https")
                && domain.eq_ignore_ascii_case("localhost");
        }
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
        None => return false,
    };
    matches!(url.scheme(), "http" | "https") && host.is_loopback()
}
