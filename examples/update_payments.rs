//! A whole Payments flow on a call, driven by Twilio's status callbacks: start a session, ask
//! the caller for each piece of card information Twilio says is still required, ask again for
//! one Twilio refused, complete, and report the confirmation code or the failure.
//!
//! ```text
//! cargo run --example update_payments                 # the caller pays
//! cargo run --example update_payments -- --decline    # the processor declines the card
//! cargo run --example update_payments -- --mistype    # a bad card number first, then a good one
//! cargo run --example update_payments -- --hang-up    # the caller hangs up at the expiry date
//! cargo run --example update_payments -- --timeout    # the caller enters no expiry date
//! ```
//!
//! The REST answers of the Payments operations only acknowledge a request: what the caller
//! entered, what is still `Required` and the final `Result` arrive as signed form POSTs to the
//! session's `StatusCallback`. So the example runs a small receiver: it checks each callback's
//! `X-Twilio-Signature` (refusing with 403, and never acting on, any that fails), reads it as a
//! `PaymentStatusCallback`, and the flow decides its next request from it.
//!
//! Without `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` it runs against a local Twilio stand-in
//! on 127.0.0.1 whose scripted caller the flags choose; the receiver listens on 127.0.0.1 too.
//! With them it runs against api.twilio.com on the live call `TWILIO_CALL_SID`, and needs
//! `TWILIO_STATUS_CALLBACK`: a public URL Twilio can reach (a tunnel such as ngrok) forwarding
//! to the receiver on `TWILIO_CALLBACK_LISTEN` (default `127.0.0.1:8080`). The flags do nothing
//! then: the real caller does what they do.
//!
//! Exits with 0 when the payment went through, 1 when it did not.

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use twilio_endpoint::payments::Capture;
use twilio_endpoint::testing::{Caller, StandIn};
use twilio_endpoint::webhook::Validator;
use twilio_endpoint::{Amount, Client};
use twilio_endpoint_examples::flow::{Flow, Outcome};
use twilio_endpoint_examples::receiver::CallbackReceiver;

/// Where the flow runs.
struct Target {
    client: Client,
    call_sid: String,
    status_callback: String,
    receiver: CallbackReceiver,
    callback_wait: Duration,
    /// Kept alive for the whole run when there are no Twilio credentials.
    _stand_in: Option<StandIn>,
}

/// The scripted caller the flags choose (stand-in only).
fn caller_from_args() -> Result<(Caller, &'static str), String> {
    let mut caller = (Caller::pays(), "pays with a test card");
    for arg in std::env::args().skip(1) {
        caller = match arg.as_str() {
            "--decline" => (Caller::declined(), "enters a card the processor declines"),
            "--mistype" => (
                Caller::pays().mistypes(Capture::PaymentCardNumber),
                "mistypes the card number once, then pays",
            ),
            "--hang-up" => (
                Caller::hangs_up_at(Capture::ExpirationDate),
                "hangs up when asked for the expiration date",
            ),
            "--timeout" => (
                Caller::times_out_at(Capture::ExpirationDate),
                "enters nothing when asked for the expiration date",
            ),
            other => {
                return Err(format!(
                    "unknown argument {other:?}: use --decline, --mistype, --hang-up or --timeout"
                ))
            }
        };
    }
    Ok(caller)
}

async fn target() -> Result<Target, Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let (caller, script) = caller_from_args()?;
    if let (Some(_), Some(auth_token)) = (var("TWILIO_ACCOUNT_SID"), var("TWILIO_AUTH_TOKEN")) {
        let call_sid = var("TWILIO_CALL_SID").ok_or(
            "TWILIO_CALL_SID must name a call in progress: Twilio's Payments run on a live call",
        )?;
        let public_url = var("TWILIO_STATUS_CALLBACK").ok_or(
            "TWILIO_STATUS_CALLBACK must be a public URL that Twilio can reach (such as an ngrok \
             tunnel) forwarding to this example's receiver on TWILIO_CALLBACK_LISTEN \
             (default 127.0.0.1:8080): the outcome of a payment arrives only there",
        )?;
        let listen = var("TWILIO_CALLBACK_LISTEN")
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned())
            .parse()?;
        let client = Client::from_env()?;
        println!(
            "Running against Twilio ({}) on call {call_sid}.",
            client.origin("api")
        );
        let receiver =
            CallbackReceiver::behind(Validator::new(auth_token), listen, &public_url).await?;
        println!(
            "Status callbacks: Twilio posts them to {public_url}; the receiver listens on {listen} \
             and checks every X-Twilio-Signature."
        );
        return Ok(Target {
            client,
            call_sid,
            status_callback: public_url,
            receiver,
            callback_wait: Duration::from_secs(120),
            _stand_in: None,
        });
    }
    // The stand-in's auth token signs its callbacks, as the account's does Twilio's.
    let validator = Validator::new(twilio_endpoint::testing::TEST_AUTH_TOKEN);
    let receiver = CallbackReceiver::on_loopback(validator, "/pay/status").await?;
    let origin = format!("http://{}", receiver.local_addr());
    let stand_in = StandIn::builder()
        .caller(caller)
        .call_webhook_url(format!("{origin}/voice"))
        .start()
        .await;
    println!(
        "No TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN: running against a local Twilio stand-in at {},",
        stand_in.base_url()
    );
    println!("whose scripted caller {script}.");
    println!(
        "Status callbacks: StatusCallback=/pay/status, which Twilio resolves against the call's \
         webhook URL {origin}/voice, so they reach this example's receiver at {}, which checks \
         every X-Twilio-Signature.",
        receiver.url()
    );
    Ok(Target {
        client: stand_in.client(),
        call_sid: "CA5ef8732a3c49700934481addd5ce1659".into(),
        status_callback: "/pay/status".into(),
        receiver,
        callback_wait: Duration::from_secs(10),
        _stand_in: Some(stand_in),
    })
}

#[tokio::main]
async fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut target = target().await?;
    let run = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis();
    let charge_amount = Amount::from_minor(1250, 2)?;
    let flow = Flow {
        client: &target.client,
        call_sid: &target.call_sid,
        status_callback: &target.status_callback,
        charge_amount: charge_amount.clone(),
        run: format!("update-payments-{run}"),
        callback_wait: target.callback_wait,
    };
    let outcome = flow
        .run(&mut target.receiver, &mut |line| println!("{line}"))
        .await?;
    match outcome {
        Outcome::Paid {
            payment_sid,
            confirmation_code,
        } => {
            println!(
                "\nPaid: session {payment_sid} charged {charge_amount} USD, confirmation code {}.",
                confirmation_code.as_deref().unwrap_or("(none given)")
            );
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Failed {
            payment_sid,
            result,
            explanation,
        } => {
            println!("\nNot paid: session {payment_sid} ended with {result}: {explanation}.");
            Ok(ExitCode::FAILURE)
        }
    }
}
