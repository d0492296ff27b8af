//! Typed webhook payloads on realistic bodies: what Twilio posts for an SMS, an MMS with several
//! media, a WhatsApp message, message and call status callbacks, an incoming call and a
//! recording; fields Twilio leaves empty, values it adds later, and bodies that do not fit.

use twilio_endpoint::webhook::{
    from_form, CallDirection, CallStatus, CallStatusCallback, IncomingCall, IncomingMessage,
    MessageStatus, MessageStatusCallback, RecordingStatus, RecordingStatusCallback,
};

fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
        .into_bytes()
}

#[test]
fn an_mms_with_three_media_and_empty_geography() {
    // As Twilio posts it: numbered media in any order, empty geographic fields, fields this
    // crate does not name (ignored).
    let body = form(&[
        ("ToCountry", "US"),
        ("MediaContentType2", "video/mp4"),
        ("ToState", "CA"),
        ("SmsMessageSid", "MM0123456789abcdef0123456789abcdef"),
        ("NumMedia", "3"),
        ("ToCity", ""),
        ("FromZip", ""),
        ("SmsSid", "MM0123456789abcdef0123456789abcdef"),
        ("FromState", "NY"),
        ("SmsStatus", "received"),
        ("FromCity", ""),
        ("Body", "Photos from the trip & a video"),
        ("FromCountry", "US"),
        ("To", "+15559870000"),
        (
            "MediaUrl1",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
        ),
        ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
        ("ToZip", ""),
        ("MediaContentType0", "image/jpeg"),
        ("NumSegments", "1"),
        ("ReferralNumMedia", "0"),
        ("MessageSid", "MM0123456789abcdef0123456789abcdef"),
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("From", "+15551230000"),
        (
            "MediaUrl0",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0",
        ),
        ("MediaContentType1", "image/png"),
        (
            "MediaUrl2",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2",
        ),
        ("ApiVersion", "2010-04-01"),
    ]);
    let message: IncomingMessage = from_form(&body).unwrap();
    assert_eq!(
        message.body.as_deref(),
        Some("Photos from the trip & a video")
    );
    assert_eq!(message.num_media, Some(3));
    assert_eq!(message.num_segments, Some(1));
    assert_eq!(message.sms_status, Some(MessageStatus::Received));
    assert_eq!(message.from.as_deref(), Some("+15551230000"));
    assert_eq!(message.from_state.as_deref(), Some("NY"));
    assert_eq!((message.from_city, message.to_zip), (None, None));
    let media: Vec<(&str, Option<&str>)> = message
        .media
        .iter()
        .map(|m| (m.url.rsplit('/').next().unwrap(), m.content_type.as_deref()))
        .collect();
    assert_eq!(
        media,
        [
            ("ME0", Some("image/jpeg")),
            ("ME1", Some("image/png")),
            ("ME2", Some("video/mp4")),
        ]
    );
}

#[test]
fn media_numbers_sort_numerically_and_a_type_without_url_is_dropped() {
    let mut pairs = Vec::new();
    let urls: Vec<String> = (0..11).map(|n| format!("https://m/{n}")).collect();
    for (n, url) in urls.iter().enumerate().rev() {
        pairs.push((format!("MediaUrl{n}"), url.clone()));
    }
    pairs.push(("MediaContentType12".into(), "image/gif".into()));
    pairs.push(("MediaUrlX".into(), "https://not-numbered".into()));
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    let message: IncomingMessage = from_form(body.as_bytes()).unwrap();
    let got: Vec<&str> = message.media.iter().map(|m| m.url.as_str()).collect();
    assert_eq!(got, urls.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(message.media.iter().all(|m| m.content_type.is_none()));
}

#[test]
fn a_sms_without_media_has_an_empty_list() {
    let message: IncomingMessage =
        from_form(b"MessageSid=SM1&Body=hi&NumMedia=0&From=%2B15551230000").unwrap();
    assert!(message.media.is_empty());
    assert_eq!(message.num_media, Some(0));
}

#[test]
fn a_whatsapp_message_with_location_and_button() {
    let body = form(&[
        ("MessageSid", "SM1"),
        ("From", "whatsapp:+15551230000"),
        ("To", "whatsapp:+15559870000"),
        ("Body", ""),
        ("ProfileName", "Ada"),
        ("WaId", "15551230000"),
        ("Forwarded", "true"),
        ("FrequentlyForwarded", "false"),
        ("ButtonText", "Yes"),
        ("ButtonPayload", "confirm-42"),
        ("MessageType", "location"),
        ("Latitude", "37.7749"),
        ("Longitude", "-122.4194"),
        ("Address", "1 Main St"),
        ("Label", "Office"),
        ("OriginalRepliedMessageSid", "SM0"),
        ("ReferralCtwaClid", "clid"),
        ("NumMedia", "1"),
        ("MediaUrl0", "https://api.twilio.com/m/0"),
        ("MediaContentType0", "image/webp"),
    ]);
    let message: IncomingMessage = from_form(&body).unwrap();
    assert_eq!(message.body, None);
    assert_eq!(message.profile_name.as_deref(), Some("Ada"));
    assert_eq!(message.wa_id.as_deref(), Some("15551230000"));
    assert_eq!(message.forwarded, Some(true));
    assert_eq!(message.frequently_forwarded, Some(false));
    assert_eq!(message.button_payload.as_deref(), Some("confirm-42"));
    assert_eq!(message.message_type.as_deref(), Some("location"));
    assert_eq!(message.latitude.as_deref(), Some("37.7749"));
    assert_eq!(message.label.as_deref(), Some("Office"));
    assert_eq!(message.original_replied_message_sid.as_deref(), Some("SM0"));
    assert_eq!(message.referral_ctwa_clid.as_deref(), Some("clid"));
    assert_eq!(message.media.len(), 1);
}

#[test]
fn the_same_payloads_read_from_json() {
    let message: IncomingMessage = serde_json::from_str(
        r#"{"MessageSid": "MM1", "NumMedia": 2, "MediaUrl0": "https://m/0", "MediaUrl1": "https://m/1",
            "MediaContentType1": "image/png", "Forwarded": true, "Latitude": 1.5, "Extra": {"a": 1}}"#,
    )
    .unwrap();
    assert_eq!(message.num_media, Some(2));
    assert_eq!(message.media.len(), 2);
    assert_eq!(message.media[1].content_type.as_deref(), Some("image/png"));
    assert_eq!(message.forwarded, Some(true));
    assert_eq!(message.latitude.as_deref(), Some("1.5"));
}

#[test]
fn message_status_callbacks() {
    for (status, expected) in [
        ("queued", MessageStatus::Queued),
        ("sent", MessageStatus::Sent),
        ("delivered", MessageStatus::Delivered),
        ("undelivered", MessageStatus::Undelivered),
        ("failed", MessageStatus::Failed),
        ("read", MessageStatus::Read),
        ("partially_delivered", MessageStatus::PartiallyDelivered),
        (
            "some-new-status",
            MessageStatus::Other("some-new-status".into()),
        ),
    ] {
        let body = form(&[
            ("MessageSid", "SM1"),
            ("MessageStatus", status),
            ("SmsStatus", status),
            ("ErrorCode", ""),
            ("AccountSid", "AC1"),
            ("RawDlrDoneDate", "2512041937"),
        ]);
        let callback: MessageStatusCallback = from_form(&body).unwrap();
        assert_eq!(callback.message_status.as_ref(), Some(&expected));
        assert_eq!(callback.message_status.unwrap().as_str(), status);
        assert_eq!(callback.error_code, None);
        assert_eq!(callback.raw_dlr_done_date.as_deref(), Some("2512041937"));
    }
    let failed: MessageStatusCallback = from_form(&form(&[
        ("MessageStatus", "undelivered"),
        ("ErrorCode", "30006"),
        ("ChannelPrefix", "whatsapp"),
        ("EventType", "UNDELIVERED"),
    ]))
    .unwrap();
    assert_eq!(failed.error_code, Some(30006));
    assert_eq!(failed.channel_prefix.as_deref(), Some("whatsapp"));
}

#[test]
fn an_incoming_call_and_its_status_callbacks() {
    let body = form(&[
        ("AccountSid", "AC1"),
        ("ApiVersion", "2010-04-01"),
        ("CallSid", "CA1"),
        ("CallStatus", "ringing"),
        ("Called", "+15559870000"),
        ("Caller", "+15551230000"),
        ("Direction", "inbound"),
        ("From", "+15551230000"),
        ("FromCity", "BROOKLYN"),
        ("FromCountry", "US"),
        ("FromState", "NY"),
        ("FromZip", ""),
        ("StirVerstat", "TN-Validation-Passed-A"),
        ("To", "+15559870000"),
        ("CallToken", "%7B%22token%22%7D"),
    ]);
    let call: IncomingCall = from_form(&body).unwrap();
    assert_eq!(call.call_status, Some(CallStatus::Ringing));
    assert_eq!(call.direction, Some(CallDirection::Inbound));
    assert_eq!(call.from_city.as_deref(), Some("BROOKLYN"));
    assert_eq!(call.from_zip, None);
    assert_eq!(call.stir_verstat.as_deref(), Some("TN-Validation-Passed-A"));

    let completed = [
        body.as_slice(),
        b"&CallStatus=completed&CallDuration=95&Duration=2&SequenceNumber=3\
          &Timestamp=Thu%2C+04+Dec+2025+19%3A37%3A00+%2B0000&CallbackSource=call-progress-events\
          &RecordingUrl=&SipResponseCode=200&AnsweredBy=human",
    ]
    .concat();
    let callback: CallStatusCallback = from_form(&completed).unwrap();
    // A repeated key takes its last value, as Twilio's own libraries read it.
    assert_eq!(callback.call.call_status, Some(CallStatus::Completed));
    assert_eq!(callback.call.call_sid.as_deref(), Some("CA1"));
    assert_eq!(callback.call_duration, Some(95));
    assert_eq!(callback.duration, Some(2));
    assert_eq!(callback.sequence_number, Some(3));
    assert_eq!(callback.recording_url, None);
    assert_eq!(callback.sip_response_code, Some(200));
    assert_eq!(callback.answered_by.as_deref(), Some("human"));
    assert_eq!(
        callback.timestamp.map(|t| t.unix_timestamp()),
        Some(1_764_877_020)
    );
    let unknown: CallStatusCallback =
        from_form(b"CallStatus=transferred&Direction=sideways").unwrap();
    assert_eq!(
        unknown.call.call_status,
        Some(CallStatus::Other("transferred".into()))
    );
    assert_eq!(
        unknown.call.direction,
        Some(CallDirection::Other("sideways".into()))
    );
}

#[test]
fn a_recording_status_callback() {
    let body = form(&[
        ("AccountSid", "AC1"),
        ("CallSid", "CA1"),
        ("RecordingSid", "RE1"),
        (
            "RecordingUrl",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
        ),
        ("RecordingStatus", "completed"),
        ("RecordingDuration", "14"),
        ("RecordingChannels", "2"),
        ("RecordingStartTime", "Thu, 04 Dec 2025 19:37:00 +0000"),
        ("RecordingSource", "RecordVerb"),
        ("RecordingTrack", "both"),
        ("ErrorCode", "0"),
    ]);
    let callback: RecordingStatusCallback = from_form(&body).unwrap();
    assert_eq!(callback.recording_status, Some(RecordingStatus::Completed));
    assert_eq!(callback.recording_duration, Some(14));
    assert_eq!(callback.recording_channels, Some(2));
    assert_eq!(callback.recording_source.as_deref(), Some("RecordVerb"));
    assert_eq!(callback.error_code, Some(0));
    assert_eq!(
        callback.recording_start_time.map(|t| t.unix_timestamp()),
        Some(1_764_877_020)
    );
    let absent: RecordingStatusCallback =
        from_form(b"RecordingStatus=absent&RecordingDuration=&RecordingStartTime=").unwrap();
    assert_eq!(absent.recording_status, Some(RecordingStatus::Absent));
    assert_eq!(
        (absent.recording_duration, absent.recording_start_time),
        (None, None)
    );
}

#[test]
fn a_body_that_does_not_fit_names_the_field() {
    let cases: [(&[u8], &str, &str); 4] = [
        (b"NumMedia=two", "NumMedia", "two"),
        (b"Forwarded=maybe", "Forwarded", "maybe"),
        (b"CallDuration=a+while", "CallDuration", "a while"),
        (b"RecordingDuration=-1", "RecordingDuration", "-1"),
    ];
    for (body, field, value) in cases {
        let error = match field {
            "NumMedia" | "Forwarded" => from_form::<IncomingMessage>(body).unwrap_err(),
            "CallDuration" => from_form::<CallStatusCallback>(body).unwrap_err(),
            _ => from_form::<RecordingStatusCallback>(body).unwrap_err(),
        }
        .to_string();
        assert!(
            error.contains(&format!("`{field}`")) && error.contains(&format!("`{value}`")),
            "{error}"
        );
    }
}
