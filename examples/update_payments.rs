//! A full Payments flow on a call: start a session, capture the card number, the expiration
//! date and the security code, then complete it. Prints each request and response.
//!
//! ```text
//! cargo run --example update_payments
//! ```
//!
//! Without `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` it starts a local Twilio stand-in on
//! 127.0.0.1 and runs against it. With them it runs against api.twilio.com, on the live call
//! named by `TWILIO_CALL_SID` (Twilio's Payments work only on a call in progress), and sends
//! status callbacks to `TWILIO_PAYMENTS_CALLBACK` (default `https://example.com/payments`).

use std::time::{SystemTime, UNIX_EPOCH};

use twilio_endpoint::payments::{Capture, CreatePayments, Payment, PaymentStatus, UpdatePayments};
use twilio_endpoint::testing::StandIn;
use twilio_endpoint::{Amount, Client, Endpoint};

/// Where the flow runs.
struct Target {
    client: Client,
    call_sid: String,
    status_callback: String,
    /// Kept alive for the whole run when there are no Twilio credentials.
    _stand_in: Option<StandIn>,
}

async fn target() -> Result<Target, Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let status_callback =
        var("TWILIO_PAYMENTS_CALLBACK").unwrap_or_else(|| "https://example.com/payments".into());
    if var("TWILIO_ACCOUNT_SID").is_some() && var("TWILIO_AUTH_TOKEN").is_some() {
        let call_sid = var("TWILIO_CALL_SID").ok_or(
            "TWILIO_CALL_SID must name a call in progress: Twilio's Payments run on a live call",
        )?;
        println!(
            "Running against Twilio ({})",
            Client::from_env()?.origin("api")
        );
        return Ok(Target {
            client: Client::from_env()?,
            call_sid,
            status_callback,
            _stand_in: None,
        });
    }
    let stand_in = StandIn::start().await;
    println!(
        "No TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN: running against a local Twilio stand-in at {}",
        stand_in.base_url()
    );
    let client = Client::builder()
        .account_sid(stand_in.account_sid())
        .auth_token(stand_in.auth_token())
        .base_url(stand_in.base_url())
        .build()?;
    Ok(Target {
        client,
        call_sid: "CA5ef8732a3c49700934481addd5ce1659".into(),
        status_callback,
        _stand_in: Some(stand_in),
    })
}

/// Prints a request as it goes on the wire, sends it, and prints the answer.
async fn step<E>(
    client: &Client,
    title: &str,
    request: &E,
) -> Result<Payment, twilio_endpoint::Error>
where
    E: Endpoint<Response = Payment>,
{
    let encoded = client.encode(request)?;
    println!("\n== {title}");
    println!("-> {} {}", encoded.method, encoded.url);
    println!("   {}", encoded.body.as_deref().unwrap_or(""));
    let payment = client.send(request).await?;
    println!(
        "<- sid={} call={} updated={}",
        payment.sid.as_deref().unwrap_or("-"),
        payment.call_sid.as_deref().unwrap_or("-"),
        payment
            .date_updated
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into()),
    );
    Ok(payment)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = target().await?;
    let client = &target.client;
    // One idempotency key per request: a retried request repeats its own key, a new one does not.
    let run = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis();
    let key = |name: &str| format!("update-payments-{run}-{name}");

    let created = step(
        client,
        "Start a payment session (CreatePayments)",
        &CreatePayments::builder()
            .call_sid(&target.call_sid)
            .idempotency_key(key("create"))
            .status_callback(&target.status_callback)
            .charge_amount(Amount::from_minor(1250, 2).expect("12.50 is below 1,000,000"))
            .currency("USD")
            .description("Order 42")
            .build(),
    )
    .await?;
    let payment_sid = created.sid.ok_or("Twilio answered without a payment SID")?;

    let update = |name: &str| {
        UpdatePayments::builder()
            .call_sid(&target.call_sid)
            .sid(&payment_sid)
            .idempotency_key(key(name))
            .status_callback(&target.status_callback)
    };
    for (title, capture) in [
        ("Capture the card number", Capture::PaymentCardNumber),
        ("Capture the expiration date", Capture::ExpirationDate),
        ("Capture the security code", Capture::SecurityCode),
    ] {
        step(
            client,
            title,
            &update(capture.as_str()).capture(capture).build(),
        )
        .await?;
    }
    step(
        client,
        "Complete the payment",
        &update("complete").status(PaymentStatus::Complete).build(),
    )
    .await?;
    println!("\nPayment {payment_sid} completed.");
    Ok(())
}
