//! The `Endpoint` trait that `#[twilio_endpoint]` implements, and a request encoded without I/O.

use http::Method;
use serde::de::DeserializeOwned;

use crate::encode::{with_scratch, RequestWriter};
use crate::error::{EndpointName, Error};
use crate::parameter::{AuthScheme, BodyFormat, Parameter};

/// A Twilio REST operation: what `#[twilio_endpoint]` implements for a struct.
///
/// Library code can be generic over it, and
/// [`Client::to_http_request`](crate::Client::to_http_request) turns a request into an
/// [`http::Request`] without sending it, for users who bring their own transport.
///
/// ```
/// use twilio_endpoint::{Client, Endpoint, Error};
///
/// /// Sends any endpoint and logs which one it was.
/// async fn send_logged<E: Endpoint>(client: &Client, request: &E) -> Result<E::Response, Error> {
///     println!("{} {}", E::METHOD, E::PATH_TEMPLATE);
///     client.send(request).await
/// }
/// ```
pub trait Endpoint {
    /// What a success body is deserialized into (`()` for an endpoint answering 204;
    /// [`Redirect`](crate::Redirect) for one answering only with a redirect).
    type Response: DeserializeOwned + 'static;

    /// The HTTP method.
    const METHOD: Method;

    /// The path template as declared, with `<Name>` placeholders.
    const PATH_TEMPLATE: &'static str;

    /// The Twilio product host: `api` for `api.twilio.com` (the default), `voice` for
    /// `voice.twilio.com`.
    const HOST: &'static str = "api";

    /// Whether the request carries an `IdempotencyKey`, so that Twilio will not act twice on it:
    /// by default, whether one of [`Self::PARAMETERS`] is marked as it.
    const IDEMPOTENCY_KEY: bool = crate::parameter::marks_idempotency_key(Self::PARAMETERS);

    /// Every parameter, in declaration order: name, location and rules.
    const PARAMETERS: &'static [Parameter];

    /// How the body is written: a form (the default) or JSON (`body = json`).
    const BODY: BodyFormat = BodyFormat::Form;

    /// How the request authenticates: Basic (the default) or an OAuth2 bearer token
    /// (`auth = oauth2`).
    const AUTH: AuthScheme = AuthScheme::Basic;

    /// Writes the path, query and body, collecting problems with values. Generated code.
    #[doc(hidden)]
    fn write_request(&self, writer: &mut RequestWriter<'_>);

    /// The method and path template, as errors name the endpoint.
    fn endpoint_name() -> EndpointName
    where
        Self: Sized,
    {
        EndpointName {
            method: Self::METHOD,
            path_template: Self::PATH_TEMPLATE,
        }
    }

    /// Validates and encodes the request without sending it: the path and query (relative to
    /// the origin), the body (form or JSON) and the header parameters. An empty `<AccountSid>`
    /// takes `account_sid`.
    ///
    /// Every problem with the values is reported at once, as
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation).
    fn encode(&self, account_sid: &str) -> Result<EncodedRequest, Error>
    where
        Self: Sized,
    {
        encode(self, account_sid)
    }
}

/// A request encoded without I/O: what [`Endpoint::encode`] gives.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EncodedRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path and the query string, relative to the origin of the endpoint's host (the client
    /// joins them to it; [`Client::to_http_request`](crate::Client::to_http_request) gives the
    /// full request).
    pub url: String,
    /// The body, for methods that carry one: form text, or JSON for a `body = json` endpoint.
    pub body: Option<String>,
    /// The body's `Content-Type` (`application/x-www-form-urlencoded` or `application/json`),
    /// when there is a body.
    pub content_type: Option<&'static str>,
    /// The header parameters (`X-Twilio-Webhook-Enabled`, `If-Match`), validated; the client adds
    /// its own (`Authorization`, `Accept`, `Content-Type`, `User-Agent`; no parameter may set
    /// one of the client's headers).
    pub headers: http::HeaderMap,
    /// Whether it carries a non-empty `IdempotencyKey`, so that Twilio acts on it once however
    /// often it is sent.
    pub carries_idempotency_key: bool,
}

/// Whether requests with this method carry a form body even when it is empty.
pub(crate) fn method_has_body(method: &Method) -> bool {
    *method == Method::POST || *method == Method::PUT || *method == Method::PATCH
}

/// Encodes `endpoint`: [`Endpoint::encode`].
///
/// The request is written into this thread's scratch buffers, then copied out at its exact size:
/// the URL and the body are the only allocations.
fn encode<E: Endpoint>(endpoint: &E, account_sid: &str) -> Result<EncodedRequest, Error> {
    with_scratch(|scratch| {
        let mut writer = RequestWriter::new(account_sid, scratch);
        endpoint.write_request(&mut writer);
        let written = writer.finish();
        if !written.problems.is_empty() {
            return Err(Error::validation(E::endpoint_name(), written.problems));
        }
        let body = match E::BODY {
            BodyFormat::Json => {
                let json = &mut scratch.json_body;
                if !written.whole_body {
                    // The members written so far, closed; `{}` when there is none.
                    if json.is_empty() {
                        json.push(b'{');
                    }
                    json.push(b'}');
                }
                // A `None` whole body sends nothing; serde_json writes UTF-8 only.
                (!json.is_empty() && (written.whole_body || method_has_body(&E::METHOD)))
                    .then(|| String::from_utf8_lossy(json).into_owned())
            }
            _ => (method_has_body(&E::METHOD) || !scratch.body.is_empty())
                .then(|| scratch.body.as_str().to_owned()),
        };
        Ok(EncodedRequest {
            method: E::METHOD,
            url: scratch.url.as_str().to_owned(),
            content_type: body.as_ref().map(|_| E::BODY.content_type()),
            body,
            headers: written.headers,
            carries_idempotency_key: written.idempotency_key,
        })
    })
}
