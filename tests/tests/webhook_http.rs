//! Webhooks over real HTTP: axum served on loopback, requests sent with reqwest, through the
//! `TwilioWebhook<T>` extractor and through the tower layer. Every refused request is checked to
//! have never reached its handler (a counter of handler calls).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::routing::{get, post};
use axum::{Extension, Router};
use twilio_endpoint::webhook::{
    body_sha256, IncomingMessage, SharedKeyValidator, TwilioWebhook, Validator, Verifier,
    SIGNATURE_SETTINGS_HEADER,
};

const TOKEN: &str = "12345";
/// The official vector (twilio-python, -node, -go, -java): the URL
/// `https://mycompany.com/myapp.php?foo=1&bar=2`, parameters, signature.
const PATH: &str = "/myapp.php?foo=1&bar=2";
const SIGNATURE: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const PARAMS: &[(&str, &str)] = &[
    ("CallSid", "CA1234567890ABCDE"),
    ("Digits", "1234"),
    ("From", "+14158675309"),
    ("To", "+18005551212"),
    ("Caller", "+14158675309"),
];
const JSON_BODY: &str = r#"{"property": "value", "boolean": true}"#;
const JSON_PATH: &str = "/myapp.php?foo=1&bar=2\
    &bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
const JSON_SIGNATURE: &str = "a9nBmqA0ju/hNViExpshrM61xv4=";
const FORM: &str = "application/x-www-form-urlencoded";

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// A route that counts its calls and answers with what it parsed.
#[derive(Clone, Default)]
struct Calls(Arc<AtomicUsize>);

impl Calls {
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// The app under test: form and JSON handlers through the extractor.
fn app(verifier: Verifier, calls: &Calls) -> Router {
    let (c1, c2, c3) = (calls.clone(), calls.clone(), calls.clone());
    Router::new()
        .route(
            "/myapp.php",
            post(
                move |TwilioWebhook(call): TwilioWebhook<serde_json::Value>| async move {
                    c1.0.fetch_add(1, Ordering::SeqCst);
                    // A form's values, or the JSON document.
                    call.to_string()
                },
            )
            .get(
                move |TwilioWebhook(query): TwilioWebhook<serde_json::Value>| async move {
                    c3.0.fetch_add(1, Ordering::SeqCst);
                    query.to_string()
                },
            ),
        )
        .route(
            "/sms",
            post(
                move |TwilioWebhook(message): TwilioWebhook<IncomingMessage>| async move {
                    c2.0.fetch_add(1, Ordering::SeqCst);
                    format!(
                        "{} {} {}",
                        message.from.unwrap_or_default(),
                        message.body.unwrap_or_default(),
                        message.media.len()
                    )
                },
            ),
        )
        .layer(Extension(verifier))
}

/// The same routes with the signature checked by the layer, the handlers using plain axum
/// extractors for some (the layer alone guards them) and `TwilioWebhook` for others.
fn layered_app(verifier: Verifier, calls: &Calls) -> Router {
    let (c1, c2) = (calls.clone(), calls.clone());
    Router::new()
        .route(
            "/myapp.php",
            post(move |body: String| async move {
                c1.0.fetch_add(1, Ordering::SeqCst);
                body
            }),
        )
        .route(
            "/sms",
            post(
                move |TwilioWebhook(message): TwilioWebhook<IncomingMessage>| async move {
                    c2.0.fetch_add(1, Ordering::SeqCst);
                    message.body.unwrap_or_default()
                },
            ),
        )
        .layer(verifier.layer())
}

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

fn verifier() -> Verifier {
    Verifier::builder()
        .auth_token(TOKEN)
        .public_base_url("https://mycompany.com")
        .build()
        .unwrap()
}

struct Post<'a> {
    path: &'a str,
    content_type: &'a str,
    body: String,
    headers: Vec<(&'a str, String)>,
}

impl<'a> Post<'a> {
    fn form(path: &'a str, body: String, signature: Option<&str>) -> Self {
        let mut headers = Vec::new();
        if let Some(signature) = signature {
            headers.push(("X-Twilio-Signature", signature.to_owned()));
        }
        Post {
            path,
            content_type: FORM,
            body,
            headers,
        }
    }

    fn header(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    async fn send(self, address: SocketAddr) -> (u16, String) {
        let mut request = reqwest::Client::new()
            .post(format!("http://{address}{}", self.path))
            .header("Content-Type", self.content_type)
            .body(self.body);
        for (name, value) in self.headers {
            request = request.header(name, value);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }
}

/// Each way a request can fail the check, sent to `path` of a server: 403 every time.
async fn assert_refusals(address: SocketAddr, calls: &Calls) {
    let body = form(PARAMS);
    let before = calls.count();
    let cases = [
        (
            "bad signature",
            Post::form(PATH, body.clone(), Some("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")),
        ),
        ("missing signature", Post::form(PATH, body.clone(), None)),
        (
            "body changed after signing",
            Post::form(PATH, body.replace("1234", "1235"), Some(SIGNATURE)),
        ),
        (
            "another URL than the one signed",
            Post::form("/myapp.php?foo=1&bar=3", body.clone(), Some(SIGNATURE)),
        ),
        (
            "a parameter added",
            Post::form(PATH, format!("{body}&Extra=1"), Some(SIGNATURE)),
        ),
    ];
    for (what, post) in cases {
        let (status, _) = post.send(address).await;
        assert_eq!(status, 403, "{what}");
    }
    assert_eq!(
        calls.count(),
        before,
        "a refused request reached the handler"
    );
}

#[tokio::test]
async fn the_official_vector_reaches_the_handler_through_the_extractor() {
    let calls = Calls::default();
    let address = serve(app(verifier(), &calls)).await;
    let (status, answer) = Post::form(PATH, form(PARAMS), Some(SIGNATURE))
        .send(address)
        .await;
    assert_eq!(status, 200, "{answer}");
    let parsed: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(parsed["Digits"], "1234");
    assert_eq!(parsed["From"], "+14158675309");
    assert_eq!(calls.count(), 1);
    assert_refusals(address, &calls).await;
}

#[tokio::test]
async fn the_official_vector_reaches_the_handler_through_the_layer() {
    let calls = Calls::default();
    let address = serve(layered_app(verifier(), &calls)).await;
    let (status, answer) = Post::form(PATH, form(PARAMS), Some(SIGNATURE))
        .send(address)
        .await;
    assert_eq!(status, 200, "{answer}");
    // The handler gets the body as it was sent.
    assert_eq!(answer, form(PARAMS));
    assert_eq!(calls.count(), 1);
    assert_refusals(address, &calls).await;
}

#[tokio::test]
async fn a_typed_incoming_mms_through_extractor_and_layer() {
    let url = "https://mycompany.com/sms";
    let body = form(&[
        ("MessageSid", "MM0123456789abcdef0123456789abcdef"),
        ("From", "+15551230000"),
        ("To", "+15559870000"),
        ("Body", "two pictures"),
        ("NumMedia", "2"),
        ("MediaUrl0", "https://api.twilio.com/m/0"),
        ("MediaContentType0", "image/jpeg"),
        ("MediaUrl1", "https://api.twilio.com/m/1"),
        ("MediaContentType1", "image/png"),
        ("FromCity", ""),
    ]);
    let signature = Validator::new(TOKEN).sign(url, body.as_bytes());
    for layered in [false, true] {
        let calls = Calls::default();
        let router = if layered {
            layered_app(verifier(), &calls)
        } else {
            app(verifier(), &calls)
        };
        let address = serve(router).await;
        let (status, answer) = Post::form("/sms", body.clone(), Some(&signature))
            .send(address)
            .await;
        assert_eq!(status, 200, "{answer}");
        let expected = if layered {
            "two pictures"
        } else {
            "+15551230000 two pictures 2"
        };
        assert_eq!(answer, expected);
        // A body that does not fit the type: 400 naming the field, the handler not run.
        let bad = body.replace("NumMedia=2", "NumMedia=two");
        let signature = Validator::new(TOKEN).sign(url, bad.as_bytes());
        let (status, answer) = Post::form("/sms", bad, Some(&signature))
            .send(address)
            .await;
        assert_eq!(status, 400, "{answer}");
        assert!(
            answer.contains("NumMedia") && answer.contains("two"),
            "{answer}"
        );
        assert_eq!(calls.count(), 1);
    }
}

#[tokio::test]
async fn json_callbacks_with_body_sha256() {
    let calls = Calls::default();
    let address = serve(app(verifier(), &calls)).await;
    let json = |body: &str, path: &'static str, signature: &str| Post {
        path,
        content_type: "application/json",
        body: body.to_owned(),
        headers: vec![("X-Twilio-Signature", signature.to_owned())],
    };
    let (status, answer) = json(JSON_BODY, JSON_PATH, JSON_SIGNATURE)
        .send(address)
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer, r#"{"boolean":true,"property":"value"}"#);
    assert_eq!(calls.count(), 1);
    // The body changed: its hash is not the URL's.
    let changed = JSON_BODY.replace("value", "other");
    let (status, _) = json(&changed, JSON_PATH, JSON_SIGNATURE)
        .send(address)
        .await;
    assert_eq!(status, 403);
    // No bodySHA256 in the URL.
    let (status, _) = json(JSON_BODY, PATH, SIGNATURE).send(address).await;
    assert_eq!(status, 403);
    assert_eq!(calls.count(), 1);
    // Signed, but not JSON: 400, the handler not run.
    let broken = "{not json";
    let path = format!("/myapp.php?bodySHA256={}", body_sha256(broken.as_bytes()));
    let signature = Validator::new(TOKEN).sign(&format!("https://mycompany.com{path}"), b"");
    let path: &'static str = Box::leak(path.into_boxed_str());
    let (status, answer) = json(broken, path, &signature).send(address).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(calls.count(), 1);
}

#[tokio::test]
async fn the_official_json_vector_through_the_layer() {
    let calls = Calls::default();
    let address = serve(layered_app(verifier(), &calls)).await;
    let post = |body: &str, signature: &str| Post {
        path: JSON_PATH,
        content_type: "application/json",
        body: body.to_owned(),
        headers: vec![("X-Twilio-Signature", signature.to_owned())],
    };
    let (status, answer) = post(JSON_BODY, JSON_SIGNATURE).send(address).await;
    assert_eq!((status, answer.as_str()), (200, JSON_BODY));
    let (status, _) = post(&JSON_BODY.replace("true", "false"), JSON_SIGNATURE)
        .send(address)
        .await;
    assert_eq!(status, 403);
    let (status, _) = post(JSON_BODY, SIGNATURE).send(address).await;
    assert_eq!(status, 403);
    assert_eq!(calls.count(), 1);
}

#[tokio::test]
async fn a_get_webhook_is_signed_over_its_url_and_read_from_its_query() {
    let calls = Calls::default();
    let address = serve(app(verifier(), &calls)).await;
    let path = "/myapp.php?CallSid=CA1&Digits=42";
    let signature = Validator::new(TOKEN).sign(&format!("https://mycompany.com{path}"), b"");
    let get = |signature: &str| {
        reqwest::Client::new()
            .get(format!("http://{address}{path}"))
            .header("X-Twilio-Signature", signature)
            .send()
    };
    let response = get(&signature).await.unwrap();
    assert_eq!(response.status(), 200);
    let parsed: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(parsed["Digits"], "42");
    assert_eq!(get(SIGNATURE).await.unwrap().status(), 403);
    assert_eq!(calls.count(), 1);
}

#[tokio::test]
async fn forwarded_headers_are_ignored_unless_trusted() {
    // Twilio signed https://public.example/myapp.php?..., the server is reached as 127.0.0.1.
    let public = "https://public.example/myapp.php?foo=1&bar=2";
    let body = form(PARAMS);
    let signature = Validator::new(TOKEN).sign(public, body.as_bytes());
    let with_forwarded = |post: Post<'static>| {
        post.header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "public.example")
    };

    // Configured for mycompany.com, not trusting: the headers change nothing.
    let calls = Calls::default();
    let address = serve(app(verifier(), &calls)).await;
    let (status, _) = with_forwarded(Post::form(PATH, body.clone(), Some(&signature)))
        .send(address)
        .await;
    assert_eq!(status, 403);
    // ... and a forged host cannot make a signature for another URL pass either.
    let (status, _) = Post::form(PATH, body.clone(), Some(&signature))
        .header("Forwarded", "proto=https;host=public.example")
        .send(address)
        .await;
    assert_eq!(status, 403);
    assert_eq!(calls.count(), 0);

    // Trusting them: the URL is the forwarded one, both through Forwarded and X-Forwarded-*.
    let trusting = Verifier::builder()
        .auth_token(TOKEN)
        .trust_forwarded_headers(true)
        .build()
        .unwrap();
    let calls = Calls::default();
    let address = serve(app(trusting, &calls)).await;
    let (status, answer) = with_forwarded(Post::form(PATH, body.clone(), Some(&signature)))
        .send(address)
        .await;
    assert_eq!(status, 200, "{answer}");
    let (status, _) = Post::form(PATH, body.clone(), Some(&signature))
        .header(
            "Forwarded",
            "for=203.0.113.7;proto=https;host=public.example",
        )
        .send(address)
        .await;
    assert_eq!(status, 200);
    // Without them it is the Host the server saw: not what Twilio signed.
    let (status, _) = Post::form(PATH, body.clone(), Some(&signature))
        .send(address)
        .await;
    assert_eq!(status, 403);
    // The port variant of the forwarded host is accepted, as Twilio's libraries do.
    let (status, _) = Post::form(PATH, body, Some(&signature))
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "public.example:443")
        .send(address)
        .await;
    assert_eq!(status, 200);
    assert_eq!(calls.count(), 3);
}

#[tokio::test]
async fn shared_keys_with_two_keys_during_rotation() {
    let url = "https://mycompany.com/sms";
    let body = form(&[
        ("MessageSid", "SM1"),
        ("From", "+15551230000"),
        ("Body", "rotated"),
    ]);
    let old = SharedKeyValidator::new("old-shared-key").sign(url, body.as_bytes());
    let new = SharedKeyValidator::new("new-shared-key").sign(url, body.as_bytes());
    let third = SharedKeyValidator::new("third-key").sign(url, body.as_bytes());
    let auth = Validator::new(TOKEN).sign(url, body.as_bytes());
    let settings = "key=KS0123456789abcdef0123456789abcdef,algorithm=HMAC_SHA256";
    let rotating = Verifier::builder()
        .auth_token(TOKEN)
        .shared_key("new-shared-key")
        .shared_key("old-shared-key")
        .public_base_url("https://mycompany.com")
        .build()
        .unwrap();
    for layered in [false, true] {
        let calls = Calls::default();
        let router = if layered {
            layered_app(rotating.clone(), &calls)
        } else {
            app(rotating.clone(), &calls)
        };
        let address = serve(router).await;
        let send = |signature: &str, settings: Option<&str>| {
            let mut post = Post::form("/sms", body.clone(), Some(signature));
            if let Some(settings) = settings {
                post = post.header(SIGNATURE_SETTINGS_HEADER, settings);
            }
            post.send(address)
        };
        assert_eq!(send(&old, Some(settings)).await.0, 200, "the old key");
        assert_eq!(send(&new, Some(settings)).await.0, 200, "the new key");
        assert_eq!(send(&third, Some(settings)).await.0, 403, "another key");
        // A SHA-256 signature without the header is checked as an auth-token one, and fails.
        assert_eq!(send(&new, None).await.0, 403);
        // The auth token still signs requests without the header, not those with it.
        assert_eq!(send(&auth, None).await.0, 200);
        assert_eq!(send(&auth, Some(settings)).await.0, 403);
        // An algorithm this crate does not know.
        let sha1 = "key=KS1,algorithm=HMAC_SHA1";
        assert_eq!(send(&auth, Some(sha1)).await.0, 403);
        assert_eq!(calls.count(), 3, "layered: {layered}");
    }

    // A shared-key request to a verifier without shared keys: a misconfiguration, 500.
    let calls = Calls::default();
    let address = serve(app(verifier(), &calls)).await;
    let (status, answer) = Post::form("/sms", body.clone(), Some(&new))
        .header(SIGNATURE_SETTINGS_HEADER, settings)
        .send(address)
        .await;
    assert_eq!(status, 500, "{answer}");
    assert!(answer.contains("shared key"), "{answer}");
    assert!(!answer.contains("new-shared-key"));
    assert_eq!(calls.count(), 0);
}

#[tokio::test]
async fn a_verifier_missing_from_the_router_is_a_clear_500() {
    let calls = Calls::default();
    let counted = calls.clone();
    let router = Router::new().route(
        "/sms",
        post(
            move |TwilioWebhook(_): TwilioWebhook<IncomingMessage>| async move {
                counted.0.fetch_add(1, Ordering::SeqCst);
            },
        ),
    );
    let address = serve(router).await;
    let (status, answer) = Post::form("/sms", form(PARAMS), Some(SIGNATURE))
        .send(address)
        .await;
    assert_eq!(status, 500);
    assert!(answer.contains("Verifier"), "{answer}");
    assert_eq!(calls.count(), 0);
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let small = Verifier::builder()
        .auth_token(TOKEN)
        .public_base_url("https://mycompany.com")
        .max_body_bytes(64)
        .build()
        .unwrap();
    for layered in [false, true] {
        let calls = Calls::default();
        let router = if layered {
            layered_app(small.clone(), &calls)
        } else {
            app(small.clone(), &calls)
        };
        let address = serve(router).await;
        let big = form(&[("Body", &"x".repeat(100))]);
        let signature = Validator::new(TOKEN).sign("https://mycompany.com/sms", big.as_bytes());
        let (status, _) = Post::form("/sms", big, Some(&signature))
            .send(address)
            .await;
        assert_eq!(status, 413);
        assert_eq!(calls.count(), 0);
    }
}

#[tokio::test]
async fn the_layer_serves_a_plain_get_route_only_when_signed() {
    let calls = Calls::default();
    let counted = calls.clone();
    let router = Router::new()
        .route(
            "/status",
            get(move || async move {
                counted.0.fetch_add(1, Ordering::SeqCst);
                "ok"
            }),
        )
        .layer(verifier().layer());
    let address = serve(router).await;
    let signature = Validator::new(TOKEN).sign("https://mycompany.com/status", b"");
    let client = reqwest::Client::new();
    let url = format!("http://{address}/status");
    let signed = client
        .get(&url)
        .header("X-Twilio-Signature", &signature)
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 200);
    assert_eq!(client.get(&url).send().await.unwrap().status(), 403);
    assert_eq!(calls.count(), 1);
}
