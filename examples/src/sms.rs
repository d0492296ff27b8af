//! The app of `sms_autoreply`: an axum server that answers each incoming SMS or MMS with TwiML
//! and records the delivery status callbacks of its replies. Every request is checked by
//! `TwilioWebhook<T>` first: an unsigned or forged one gets 403 and never reaches a handler.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Extension, Router};
use twilio_endpoint::twiml::{Message, MessagingResponse};
use twilio_endpoint::webhook::{
    IncomingMessage, MessageStatus, MessageStatusCallback, TwilioWebhook, Verifier,
};

/// One delivery status callback the app received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The reply (`SM…`).
    pub message_sid: String,
    /// Its status then.
    pub status: MessageStatus,
    /// Twilio's error code, for `undelivered` and `failed`.
    pub error_code: Option<u32>,
}

/// What the app shares between requests.
#[derive(Clone, Debug, Default)]
pub struct AppState {
    /// The public base URL (the status callbacks of replies go to `{public_url}/status`).
    public_url: String,
    deliveries: Arc<Mutex<Vec<Delivery>>>,
}

impl AppState {
    /// The state of an app reachable at `public_url` (`https://abc.ngrok.app`).
    pub fn new(public_url: impl Into<String>) -> Self {
        AppState {
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            deliveries: Arc::default(),
        }
    }

    /// The delivery status callbacks received so far, in order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries
            .lock()
            .map(|d| d.clone())
            .unwrap_or_default()
    }
}

/// The reply to a message: its text echoed, and what it carried.
pub fn reply_to(message: &IncomingMessage) -> String {
    let body = message.body.as_deref().unwrap_or("");
    match message.media.len() {
        0 => format!("You said: {body}"),
        n => format!(
            "You said: {body} (and sent {n} attachment{})",
            if n == 1 { "" } else { "s" }
        ),
    }
}

async fn incoming(
    State(state): State<AppState>,
    TwilioWebhook(message): TwilioWebhook<IncomingMessage>,
) -> MessagingResponse {
    MessagingResponse::new().add_message(
        Message::new(reply_to(&message)).status_callback(format!("{}/status", state.public_url)),
    )
}

async fn status(
    State(state): State<AppState>,
    TwilioWebhook(callback): TwilioWebhook<MessageStatusCallback>,
) -> StatusCode {
    let (Some(message_sid), Some(status)) = (callback.message_sid, callback.message_status) else {
        return StatusCode::BAD_REQUEST;
    };
    if let Ok(mut deliveries) = state.deliveries.lock() {
        deliveries.push(Delivery {
            message_sid,
            status,
            error_code: callback.error_code,
        });
    }
    StatusCode::NO_CONTENT
}

/// The app: `POST /sms` (the number's messaging webhook) and `POST /status` (the replies'
/// status callbacks), both checked with `verifier`.
pub fn app(verifier: Verifier, state: AppState) -> Router {
    Router::new()
        .route("/sms", post(incoming))
        .route("/status", post(status))
        .with_state(state)
        .layer(Extension(verifier))
}
