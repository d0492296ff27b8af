//! What the axum extractor and the tower layer share: reading a body within the verifier's
//! limit, checking it, and the mark a checked request carries.

use bytes::Bytes;
use http_body_util::{BodyExt as _, LengthLimitError, Limited};

use super::{Verifier, VerifyError};

/// Put in a request's extensions by the tower layer once its signature is checked, so that the
/// extractor does not check it again. Private: nothing outside the crate can forge it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Verified;

/// Reads the whole body, refusing one larger than `limit`.
pub(crate) async fn read_body<B>(body: B, limit: usize) -> Result<Bytes, VerifyError>
where
    B: http_body::Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => Err(VerifyError::BodyTooLarge),
        Err(_) => Err(VerifyError::BodyUnreadable),
    }
}

/// Reads the body of a request and checks its signature.
pub(crate) async fn read_and_verify<B>(
    verifier: &Verifier,
    parts: &http::request::Parts,
    body: B,
) -> Result<Bytes, VerifyError>
where
    B: http_body::Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let bytes = read_body(body, verifier.max_body_bytes()).await?;
    verifier.verify(&parts.method, &parts.uri, &parts.headers, &bytes)?;
    Ok(bytes)
}

/// The plain-text answer to a refused request: its status and what went wrong (never a key).
pub(crate) fn refusal(status: http::StatusCode, message: String) -> http::Response<String> {
    let mut response = http::Response::new(message);
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
