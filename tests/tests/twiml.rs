//! TwiML golden tests: the XML of every verb and noun, escaping, space-separated list
//! attributes, a `<Pay>` example of Twilio's docs reproduced, and the axum response.

use std::time::Duration;

use twilio_endpoint::payments::PaymentMethod;
use twilio_endpoint::twiml::{
    CallEvent, CardType, Client, Conference, ConferenceEvent, Dial, DialRecord, Gather,
    GatherInput, Message, MessagingResponse, Method, Number, Parameter, Pause, Pay, Play, Prompt,
    PromptError, PromptFor, Record, RecordingEvent, Redirect, Reject, RejectReason, Say, Trim,
    VoiceResponse,
};

const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

fn doc(inner: &str) -> String {
    format!("{DECLARATION}<Response>{inner}</Response>")
}

/// The XML of Twilio's docs without the whitespace between tags they are printed with.
fn compact(pretty: &str) -> String {
    pretty.lines().map(str::trim).collect::<Vec<_>>().concat()
}

#[test]
fn empty_responses() {
    assert_eq!(
        MessagingResponse::new().to_xml(),
        format!("{DECLARATION}<Response/>")
    );
    assert_eq!(
        VoiceResponse::new().to_string(),
        format!("{DECLARATION}<Response/>")
    );
}

#[test]
fn message_with_media_and_redirect() {
    let twiml = MessagingResponse::new()
        .message("Hello")
        .add_message(
            Message::new("Two pictures")
                .to("+15551230000")
                .from("+15559870000")
                .status_callback("https://example.com/status")
                .media("https://example.com/a.jpg")
                .media("https://example.com/b.png"),
        )
        .add_message(Message::media_only().media("https://example.com/c.gif"))
        .add_message(
            Message::new("Old style")
                .action("/sent")
                .method(Method::Get),
        )
        .redirect(Redirect::new("https://example.com/next").method(Method::Post));
    assert_eq!(
        twiml.to_xml(),
        doc("<Message>Hello</Message>\
             <Message to=\"+15551230000\" from=\"+15559870000\" statusCallback=\"https://example.com/status\">\
             <Body>Two pictures</Body><Media>https://example.com/a.jpg</Media>\
             <Media>https://example.com/b.png</Media></Message>\
             <Message><Media>https://example.com/c.gif</Media></Message>\
             <Message action=\"/sent\" method=\"GET\">Old style</Message>\
             <Redirect method=\"POST\">https://example.com/next</Redirect>")
    );
}

#[test]
fn say_play_pause_hangup_reject() {
    let twiml = VoiceResponse::new()
        .say(
            Say::new("Hi")
                .voice("Polly.Joanna")
                .language("en-US")
                .repeat(2),
        )
        .play(Play::new("https://example.com/a.mp3").repeat(0))
        .play(Play::digits("wwww3"))
        .pause(Pause::new())
        .pause(Pause::new().length(Duration::from_millis(3_900)))
        .hangup()
        .reject(Reject::new())
        .reject(Reject::new().reason(RejectReason::Busy));
    assert_eq!(
        twiml.to_xml(),
        doc(
            "<Say voice=\"Polly.Joanna\" language=\"en-US\" loop=\"2\">Hi</Say>\
             <Play loop=\"0\">https://example.com/a.mp3</Play><Play digits=\"wwww3\"/>\
             <Pause/><Pause length=\"3\"/><Hangup/><Reject/><Reject reason=\"busy\"/>"
        )
    );
}

#[test]
fn gather_with_nested_prompts() {
    let twiml = VoiceResponse::new().gather(
        Gather::new()
            .input([GatherInput::Speech, GatherInput::Dtmf])
            .action("/gathered")
            .method(Method::Get)
            .timeout(Duration::from_secs(3))
            .num_digits(4)
            .finish_on_key("#")
            .language("fr-FR")
            .hints("oui, non")
            .action_on_empty_result(true)
            .say(Say::new("Say or press"))
            .pause(Pause::new().length(Duration::from_secs(1)))
            .play(Play::new("https://example.com/beep.mp3")),
    );
    assert_eq!(
        twiml.to_xml(),
        doc(
            "<Gather input=\"speech dtmf\" action=\"/gathered\" method=\"GET\" timeout=\"3\" \
             numDigits=\"4\" finishOnKey=\"#\" language=\"fr-FR\" hints=\"oui, non\" \
             actionOnEmptyResult=\"true\"><Say>Say or press</Say><Pause length=\"1\"/>\
             <Play>https://example.com/beep.mp3</Play></Gather>"
        )
    );
}

#[test]
fn dial_number_client_conference() {
    let twiml = VoiceResponse::new()
        .dial(Dial::to("+15558675310"))
        .dial(
            Dial::new()
                .caller_id("+15551230000")
                .timeout(Duration::from_secs(20))
                .time_limit(Duration::from_secs(600))
                .record(DialRecord::RecordFromAnswerDual)
                .action("/dialed")
                .number(
                    Number::new("+15558675310")
                        .send_digits("ww12")
                        .status_callback("https://example.com/leg")
                        .status_callback_event([
                            CallEvent::Initiated,
                            CallEvent::Ringing,
                            CallEvent::Answered,
                            CallEvent::Completed,
                        ]),
                )
                .client(
                    Client::new("alice")
                        .status_callback_event([CallEvent::Answered])
                        .url("/whisper")
                        .method(Method::Get),
                ),
        )
        .dial(
            Dial::new().conference(
                Conference::new("Room 1")
                    .muted(false)
                    .start_conference_on_enter(true)
                    .end_conference_on_exit(true)
                    .max_participants(10)
                    .wait_url("")
                    .status_callback("/conf")
                    .status_callback_event([ConferenceEvent::Start, ConferenceEvent::Join]),
            ),
        );
    assert_eq!(
        twiml.to_xml(),
        doc("<Dial>+15558675310</Dial>\
             <Dial callerId=\"+15551230000\" timeout=\"20\" timeLimit=\"600\" \
             record=\"record-from-answer-dual\" action=\"/dialed\">\
             <Number sendDigits=\"ww12\" statusCallback=\"https://example.com/leg\" \
             statusCallbackEvent=\"initiated ringing answered completed\">+15558675310</Number>\
             <Client statusCallbackEvent=\"answered\" url=\"/whisper\" method=\"GET\">alice</Client></Dial>\
             <Dial><Conference muted=\"false\" startConferenceOnEnter=\"true\" \
             endConferenceOnExit=\"true\" maxParticipants=\"10\" waitUrl=\"\" statusCallback=\"/conf\" \
             statusCallbackEvent=\"start join\">Room 1</Conference></Dial>")
    );
}

#[test]
fn record_and_redirect() {
    let twiml = VoiceResponse::new()
        .record(
            Record::new()
                .action("/recorded")
                .timeout(Duration::from_secs(10))
                .max_length(Duration::from_secs(120))
                .finish_on_key("*")
                .play_beep(false)
                .trim(Trim::DoNotTrim)
                .recording_status_callback("/rec-status")
                .recording_status_callback_event([
                    RecordingEvent::InProgress,
                    RecordingEvent::Completed,
                ])
                .transcribe(true),
        )
        .redirect(Redirect::new("/again"));
    assert_eq!(
        twiml.to_xml(),
        doc(
            "<Record action=\"/recorded\" timeout=\"10\" maxLength=\"120\" finishOnKey=\"*\" \
             playBeep=\"false\" trim=\"do-not-trim\" recordingStatusCallback=\"/rec-status\" \
             recordingStatusCallbackEvent=\"in-progress completed\" transcribe=\"true\"/>\
             <Redirect>/again</Redirect>"
        )
    );
}

#[test]
fn pay_with_prompts_and_parameters() {
    let twiml = VoiceResponse::new().pay(
        Pay::new()
            .payment_connector("Default")
            .charge_amount("10.00")
            .currency("usd")
            .valid_card_types([CardType::Visa, CardType::Amex])
            .security_code(true)
            .max_attempts(2)
            .timeout(Duration::from_secs(7))
            .action("/paid")
            .status_callback("/pay-status")
            .prompt(
                Prompt::new(PromptFor::SecurityCode)
                    .card_type([CardType::Visa, CardType::Mastercard])
                    .attempt([2, 3])
                    .error_type([PromptError::Timeout, PromptError::InvalidSecurityCode])
                    .play(Play::new("https://example.com/cvv.mp3")),
            )
            .parameter(Parameter::new("customer", "c-42")),
    );
    assert_eq!(
        twiml.to_xml(),
        doc("<Pay paymentConnector=\"Default\" chargeAmount=\"10.00\" currency=\"usd\" \
             validCardTypes=\"visa amex\" securityCode=\"true\" maxAttempts=\"2\" timeout=\"7\" \
             action=\"/paid\" statusCallback=\"/pay-status\">\
             <Prompt for=\"security-code\" cardType=\"visa mastercard\" attempt=\"2 3\" \
             errorType=\"timeout invalid-security-code\"><Play>https://example.com/cvv.mp3</Play></Prompt>\
             <Parameter name=\"customer\" value=\"c-42\"/></Pay>")
    );
}

/// Twilio's docs, TwiML Voice `<Prompt>`, "Use with requireMatchingInputs and errorType"
/// (the output of twilio-python's builder, printed there with indentation).
const DOCS_PAY_EXAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Pay paymentMethod="ach-debit" chargeAmount="13.22">
        <Prompt for="bank-account-number">
            <Say>Thanks for using our service. Please enter your bank account number.</Say>
        </Prompt>
        <Prompt for="bank-account-number" requireMatchingInputs="true">
            <Say>Thank you. Please enter your bank account number again.</Say>
        </Prompt>
        <Prompt for="bank-account-number" errorType="input-matching-failed">
            <Say>Sorry, your two bank account number inputs did not match. Please enter your bank account number again. We will then ask a second time again.</Say>
        </Prompt>
    </Pay>
</Response>"#;

#[test]
fn the_pay_example_of_twilio_s_docs() {
    let twiml = VoiceResponse::new().pay(
        Pay::new()
            .payment_method(PaymentMethod::AchDebit)
            .charge_amount("13.22")
            .prompt(Prompt::new(PromptFor::BankAccountNumber).say(Say::new(
                "Thanks for using our service. Please enter your bank account number.",
            )))
            .prompt(
                Prompt::new(PromptFor::BankAccountNumber)
                    .require_matching_inputs(true)
                    .say(Say::new(
                        "Thank you. Please enter your bank account number again.",
                    )),
            )
            .prompt(
                Prompt::new(PromptFor::BankAccountNumber)
                    .error_type([PromptError::InputMatchingFailed])
                    .say(Say::new(
                        "Sorry, your two bank account number inputs did not match. Please enter \
                         your bank account number again. We will then ask a second time again.",
                    )),
            ),
    );
    assert_eq!(twiml.to_xml(), compact(DOCS_PAY_EXAMPLE));
}

#[test]
fn text_and_attributes_are_escaped() {
    let nasty = r#"a < b & c > d "quoted" 'single'"#;
    let twiml = VoiceResponse::new()
        .say(Say::new(nasty).voice(nasty))
        .redirect(Redirect::new("https://example.com/next?a=1&b=<2>"));
    let xml = twiml.to_xml();
    assert_eq!(
        xml,
        doc(
            "<Say voice=\"a &lt; b &amp; c &gt; d &quot;quoted&quot; &apos;single&apos;\">\
             a &lt; b &amp; c &gt; d &quot;quoted&quot; &apos;single&apos;</Say>\
             <Redirect>https://example.com/next?a=1&amp;b=&lt;2&gt;</Redirect>"
        )
    );
    // A caller's text cannot add an element.
    let injected = MessagingResponse::new().message("</Message><Redirect>https://evil</Redirect>");
    let xml = injected.to_xml();
    assert_eq!(xml.matches("<Redirect").count(), 0, "{xml}");
    assert_eq!(xml.matches("<Message>").count(), 1, "{xml}");
}

#[test]
fn setting_an_attribute_twice_keeps_the_last_value() {
    let twiml = VoiceResponse::new().say(Say::new("x").voice("man").voice("woman"));
    assert_eq!(twiml.to_xml(), doc("<Say voice=\"woman\">x</Say>"));
}

#[tokio::test]
async fn axum_responses_are_text_xml() {
    use axum::response::IntoResponse;

    for (response, expected) in [
        (
            MessagingResponse::new().message("hi").into_response(),
            doc("<Message>hi</Message>"),
        ),
        (
            VoiceResponse::new().hangup().into_response(),
            doc("<Hangup/>"),
        ),
    ] {
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"],
            "text/xml; charset=utf-8"
        );
        let body = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        assert_eq!(body, expected.as_bytes());
    }
}
