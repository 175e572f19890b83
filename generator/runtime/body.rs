//! Reading an answer: its status sorted into success or a typed error, and its body read as it
//! streams in, never past a limit, so a server cannot make the client hold more than that.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::transport::Operation;
use super::{Error, StatusBody};

/// How much of an error body whose status has the API's error body (documented in the spec) is
/// read: an error envelope is a few hundred bytes; past this the call fails with
/// [`Error::BodyTooLarge`].
pub const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// How much of an unexpected response body an error keeps, in characters.
pub(crate) const SNIPPET_LIMIT: usize = 512;

/// How many bytes hold [`SNIPPET_LIMIT`] characters at most (4 bytes per character in UTF-8;
/// each invalid byte becomes one character).
const SNIPPET_BYTES: usize = SNIPPET_LIMIT * 4;

/// Why a body was not taken.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// Reading failed: the connection dropped, or the timeout struck.
    Transport(reqwest::Error),
    /// The body is longer than the limit, in bytes.
    TooLarge(usize),
}

/// Reads the body of `response` to its end, failing as soon as it is longer than `limit` bytes
/// (at once when its `Content-Length` says so). Dropping the response then drops the connection
/// instead of reading the rest.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Bytes, BodyError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(BodyError::TooLarge(limit));
    }
    match read_prefix(&mut response, limit).await {
        Ok((body, true)) => Ok(body),
        Ok((_, false)) => Err(BodyError::TooLarge(limit)),
        Err(err) => Err(BodyError::Transport(err)),
    }
}

/// Reads at most `limit` bytes of the body of `response`, and whether the body ended within
/// them. The buffer grows as chunks arrive (doubling, never past `limit`); a body of one chunk
/// is not copied.
async fn read_prefix(
    response: &mut reqwest::Response,
    limit: usize,
) -> reqwest::Result<(Bytes, bool)> {
    let expected = response.content_length().unwrap_or(0).min(limit as u64) as usize;
    let mut single: Option<Bytes> = None;
    let mut joined: Vec<u8> = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let held = single.as_ref().map_or(joined.len(), Bytes::len);
        let fits = chunk.len().min(limit - held);
        if single.is_none() && joined.is_empty() && fits == chunk.len() {
            single = Some(chunk);
            continue;
        }
        if let Some(first) = single.take() {
            grow(&mut joined, expected.max(first.len() + fits), limit);
            joined.extend_from_slice(&first);
        }
        grow(&mut joined, fits, limit);
        joined.extend_from_slice(&chunk[..fits]);
        if fits < chunk.len() {
            return Ok((Bytes::from(joined), false));
        }
    }
    Ok((single.unwrap_or_else(|| Bytes::from(joined)), true))
}

/// Makes room for `more` bytes in `buffer`: doubling, but never past `limit`.
fn grow(buffer: &mut Vec<u8>, more: usize, limit: usize) {
    let needed = buffer.len() + more;
    if needed > buffer.capacity() {
        let target = (buffer.capacity() * 2).max(needed).min(limit.max(needed));
        buffer.reserve_exact(target - buffer.len());
    }
}

/// The error of a body that was not taken.
pub(crate) fn body_error<E>(err: BodyError, status: StatusCode, headers: HeaderMap) -> Error<E> {
    match err {
        BodyError::Transport(err) => Error::Transport(err),
        BodyError::TooLarge(limit) => Error::BodyTooLarge {
            status,
            headers: Box::new(headers),
            limit,
        },
    }
}

/// Success gives its status, headers and what `take` takes of it (given the body limit); an
/// error status with the API's error body becomes [`Error::Api`], read up to
/// [`ERROR_BODY_LIMIT`]; anything else [`Error::UnexpectedStatus`], of whose body only what the
/// error keeps is read.
pub(crate) async fn sort<T, E, F>(
    operation: &Operation,
    response: reqwest::Response,
    limit: usize,
    take: impl FnOnce(reqwest::Response, usize) -> F,
) -> Result<(StatusCode, HeaderMap, T), Error<E>>
where
    E: StatusBody,
    F: Future<Output = Result<T, BodyError>>,
{
    let status = response.status();
    tracing::Span::current().record("status", status.as_u16());
    let headers = response.headers().clone();
    if operation.success.iter().any(|s| s.covers(status)) {
        return match take(response, limit).await {
            Ok(body) => Ok((status, headers, body)),
            Err(err) => Err(body_error(err, status, headers)),
        };
    }
    if !operation.errors.iter().any(|s| s.covers(status)) {
        let mut response = response;
        let (start, complete) = read_prefix(&mut response, SNIPPET_BYTES)
            .await
            .map_err(Error::Transport)?;
        return Err(Error::UnexpectedStatus {
            status,
            headers: Box::new(headers),
            body: prefix_snippet(&start, complete),
        });
    }
    let bytes = match read_body(response, ERROR_BODY_LIMIT.min(limit)).await {
        Ok(bytes) => bytes,
        Err(err) => return Err(body_error(err, status, headers)),
    };
    let headers = Box::new(headers);
    Err(match E::from_status(status, &bytes) {
        Some(Ok(body)) => Error::Api {
            status,
            headers,
            body,
        },
        Some(Err(source)) => Error::Decode {
            status: Some(status),
            headers,
            body: snippet(&bytes),
            source,
        },
        // A per-status error body that does not document this status.
        None => Error::UnexpectedStatus {
            status,
            headers,
            body: snippet(&bytes),
        },
    })
}

/// The start of a body, as text, for error messages.
pub(crate) fn snippet(bytes: &[u8]) -> String {
    let start = &bytes[..bytes.len().min(SNIPPET_BYTES)];
    prefix_snippet(start, start.len() == bytes.len())
}

/// The start of `start`, the first bytes of a body (all of it when `complete`), as text: at most
/// [`SNIPPET_LIMIT`] characters, with `…` when the body goes on.
fn prefix_snippet(start: &[u8], complete: bool) -> String {
    // A character cut at the end of an incomplete prefix is dropped, not shown as invalid.
    let end = match std::str::from_utf8(start) {
        Err(err) if !complete && err.error_len().is_none() => err.valid_up_to(),
        _ => start.len(),
    };
    let text = String::from_utf8_lossy(&start[..end]);
    match text.char_indices().nth(SNIPPET_LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None if complete => text.into_owned(),
        None => format!("{text}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_cut() {
        let long = "x".repeat(2000);
        assert_eq!(snippet(long.as_bytes()).chars().count(), SNIPPET_LIMIT + 1);
        assert_eq!(snippet(b"<html>"), "<html>");
        let wide = "ü".repeat(5000);
        assert_eq!(snippet(wide.as_bytes()).chars().count(), SNIPPET_LIMIT + 1);
        // a prefix ending inside a character, of a body that goes on
        assert_eq!(prefix_snippet(&"aü".as_bytes()[..2], false), "a…");
    }

    #[test]
    fn the_buffer_never_grows_past_the_limit() {
        let mut buffer = Vec::new();
        for _ in 0..100 {
            let more = 1000.min(10_000 - buffer.len());
            grow(&mut buffer, more, 10_000);
            buffer.resize(buffer.len() + more, 0);
        }
        assert_eq!(buffer.capacity(), 10_000);
    }
}
