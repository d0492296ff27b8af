//! An SMS auto-reply app: an axum server that answers each incoming SMS or MMS with TwiML
//! (`<Message>` echoing it) and records the delivery status callbacks of its replies.
//!
//! ```text
//! cargo run --example sms_autoreply
//! ```
//!
//! Without `TWILIO_AUTH_TOKEN` it runs the whole loop offline: the app listens on 127.0.0.1, a
//! local Twilio stand-in posts it a signed SMS, a signed MMS, a forged SMS (refused with 403)
//! and the delivery callbacks of the replies, and the example prints the TwiML answered and
//! the deliveries recorded. With `TWILIO_AUTH_TOKEN` and `TWILIO_PUBLIC_URL` (the public base
//! URL of the number's messaging webhook, e.g. a tunnel `https://abc.ngrok.app`, the webhook
//! being `{TWILIO_PUBLIC_URL}/sms`) it serves on `TWILIO_WEBHOOK_LISTEN` (default
//! `127.0.0.1:8080`) until stopped.

use std::process::ExitCode;

use twilio_endpoint::testing::StandIn;
use twilio_endpoint::webhook::Verifier;
use twilio_endpoint_examples::sms::{app, AppState};

#[tokio::main]
async fn main() -> ExitCode {
    match std::env::var("TWILIO_AUTH_TOKEN") {
        Ok(token) if !token.is_empty() => live(token).await,
        _ => offline().await,
    }
}

async fn live(auth_token: String) -> ExitCode {
    let Ok(public_url) = std::env::var("TWILIO_PUBLIC_URL") else {
        eprintln!("TWILIO_PUBLIC_URL is not set: the public base URL Twilio posts to");
        return ExitCode::FAILURE;
    };
    let listen = std::env::var("TWILIO_WEBHOOK_LISTEN").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let verifier = match Verifier::builder()
        .auth_token(auth_token)
        .public_base_url(&public_url)
        .build()
    {
        Ok(verifier) => verifier,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {listen}: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("serving {public_url}/sms and {public_url}/status on {listen}");
    match axum::serve(listener, app(verifier, AppState::new(public_url))).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn offline() -> ExitCode {
    let stand_in = StandIn::start().await;
    let Ok(listener) = tokio::net::TcpListener::bind("127.0.0.1:0").await else {
        eprintln!("cannot listen on 127.0.0.1");
        return ExitCode::FAILURE;
    };
    let Ok(address) = listener.local_addr() else {
        return ExitCode::FAILURE;
    };
    let public_url = format!("http://{address}");
    let verifier = Verifier::builder()
        .auth_token(stand_in.auth_token())
        .public_base_url(&public_url)
        .build()
        .expect("a loopback URL and the stand-in's token make a verifier");
    let state = AppState::new(&public_url);
    let served = app(verifier, state.clone());
    tokio::spawn(async move { axum::serve(listener, served).await });
    println!("No TWILIO_AUTH_TOKEN: the app listens on {public_url}, a local Twilio stand-in plays Twilio.\n");

    let sms_url = format!("{public_url}/sms");
    let status_url = format!("{public_url}/status");
    let mut ok = true;
    let sends = [
        (
            "an SMS",
            stand_in
                .incoming_sms(&sms_url)
                .from("+15551230000")
                .body("Hello <there> & hi"),
        ),
        (
            "an MMS",
            stand_in
                .incoming_sms(&sms_url)
                .body("Two pictures")
                .media("https://api.twilio.com/m/ME0", "image/jpeg")
                .media("https://api.twilio.com/m/ME1", "image/png"),
        ),
    ];
    for (n, (what, webhook)) in sends.into_iter().enumerate() {
        match webhook.send().await {
            Ok(reply) => {
                println!(
                    "{what} -> {} {}\n  {}",
                    reply.status,
                    reply.content_type.unwrap_or_default(),
                    reply.body
                );
                ok &= reply.status == 200;
            }
            Err(error) => {
                println!("{what}: {error}");
                ok = false;
            }
        }
        let sid = format!("SM{n:032}");
        for status in ["sent", "delivered"] {
            let delivered = stand_in
                .message_status(&status_url, &sid, status)
                .send()
                .await;
            ok &= delivered.is_ok_and(|reply| reply.status == 204);
        }
    }
    // A forged request: signed with another token. The app refuses it and never answers it.
    let forged = twilio_endpoint::reqwest::Client::new()
        .post(&sms_url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", "Zm9yZ2Vk")
        .body("From=%2B15550000000&Body=send+me+money")
        .send()
        .await;
    match forged {
        Ok(response) => {
            println!("a forged SMS -> {}", response.status());
            ok &= response.status() == 403;
        }
        Err(error) => {
            println!("a forged SMS: {error}");
            ok = false;
        }
    }
    println!("\ndeliveries recorded:");
    for delivery in state.deliveries() {
        println!("  {} {}", delivery.message_sid, delivery.status);
    }
    ok &= state.deliveries().len() == 4;
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
