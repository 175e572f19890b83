//! The one error type of every call, and helpers for the questions callers ask of it.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Everything a call can fail with. `E` is the error body the API documents.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The client could not be set up: a bad base URL or server variable, a credential that cannot
    /// be sent as a header, or a missing environment variable.
    Config(String),
    /// The request was refused before it was sent: a value breaks a rule of the spec (a param
    /// above its `maximum`, say), or the request could not be built.
    InvalidRequest(String),
    /// The request could not be sent, or its answer could not be read (connection refused or
    /// dropped, timeout, TLS failure).
    Transport(reqwest::Error),
    /// The server redirected the request to another origin (scheme, host or port). It was not
    /// followed, so the credentials never left for `location`.
    Redirect {
        /// Where the server pointed.
        location: String,
    },
    /// The server answered with an error status and the API's error body.
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers (boxed, to keep the error small).
        headers: Box<HeaderMap>,
        /// The decoded error body.
        body: E,
    },
    /// The server answered with a status the operation does not document (or an error status
    /// without a body the API documents).
    UnexpectedStatus {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers (boxed, to keep the error small).
        headers: Box<HeaderMap>,
        /// The start of the response body.
        body: String,
    },
    /// The server's answer is not the JSON the operation documents (for an error status: not
    /// the API's error body).
    Decode {
        /// The HTTP status, when known.
        status: Option<StatusCode>,
        /// The response headers (boxed, to keep the error small).
        headers: Box<HeaderMap>,
        /// The start of the response body.
        body: String,
        /// What did not match.
        source: serde_json::Error,
    },
    /// The answer's body is longer than the call may read (`limit` bytes: the client's body
    /// limit for a success, [`ERROR_BODY_LIMIT`](super::ERROR_BODY_LIMIT) for the API's error
    /// body). Reading stopped there and the connection was dropped, so the rest was never held.
    BodyTooLarge {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers (boxed, to keep the error small).
        headers: Box<HeaderMap>,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A success status without the body the operation documents.
    MissingBody {
        /// The HTTP status.
        status: StatusCode,
    },
    /// A paged list did not advance: the server answered the same full page again for the next
    /// page number (it seems to ignore the page param), so the stream stopped.
    Paging(String),
}

impl<E> Error<E> {
    /// The HTTP status of the answer, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::BodyTooLarge { status, .. } => Some(*status),
            Error::MissingBody { status } => Some(*status),
            Error::Decode { status, .. } => *status,
            Error::Transport(err) => err.status(),
            _ => None,
        }
    }

    /// The decoded error body, when the server sent a documented one.
    pub fn body(&self) -> Option<&E> {
        match self {
            Error::Api { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The response headers, when the server answered.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api { headers, .. }
            | Error::UnexpectedStatus { headers, .. }
            | Error::BodyTooLarge { headers, .. }
            | Error::Decode { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// Whether the server answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the call ran out of time: an attempt took longer than its timeout (the client's,
    /// or the call's own), while connecting, waiting for the answer or reading its body.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(err) if err.is_timeout())
    }

    /// Whether the server answered 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// How long the server asked the caller to wait before trying again (its `Retry-After`
    /// header, in seconds or as an HTTP date), when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(self.headers()?, SystemTime::now())
    }
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

impl<E: serde::Serialize> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(message) => write!(f, "invalid client configuration: {message}"),
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::Transport(err) => write!(f, "request failed: {err}"),
            Error::Redirect { location } => write!(
                f,
                "the server redirected the request to {location}, another origin; it was not \
                 followed, so the credentials were not sent there"
            ),
            Error::Api { status, body, .. } => {
                write!(f, "the server answered {status}")?;
                if let Ok(json) = serde_json::to_string(body) {
                    write!(f, ": {json}")?;
                }
                self.fmt_retry_after(f)
            }
            Error::UnexpectedStatus { status, body, .. } => {
                write!(
                    f,
                    "the server answered {status}, which this operation does not document"
                )?;
                if !body.is_empty() {
                    write!(f, "; body: {body:?}")?;
                }
                self.fmt_retry_after(f)
            }
            Error::Decode {
                status,
                body,
                source,
                ..
            } => {
                f.write_str("the server's answer")?;
                if let Some(status) = status {
                    write!(f, " ({status})")?;
                }
                write!(
                    f,
                    " is not the JSON this operation documents: {source}; body: {body:?}"
                )?;
                self.fmt_retry_after(f)
            }
            Error::BodyTooLarge { status, limit, .. } => write!(
                f,
                "the server answered {status} with a body over the limit of {limit} bytes; \
                 reading stopped there and the connection was dropped"
            ),
            Error::MissingBody { status } => write!(
                f,
                "the server answered {status} without the body this operation documents"
            ),
            Error::Paging(message) => write!(f, "paging stopped: {message}"),
        }
    }
}

impl<E> Error<E> {
    fn fmt_retry_after(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.retry_after() {
            Some(wait) => write!(f, " (it asked to be retried after {} s)", wait.as_secs()),
            None => Ok(()),
        }
    }
}

impl<E: fmt::Debug + serde::Serialize> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(err) => Some(err),
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    type TestError = Error<serde_json::Value>;

    fn api_error(status: StatusCode, headers: HeaderMap) -> TestError {
        Error::Api {
            status,
            headers: Box::new(headers),
            body: serde_json::json!({"errors": [{"code": 15020}]}),
        }
    }

    #[test]
    fn api_errors_show_status_and_body() {
        let err = api_error(StatusCode::NOT_FOUND, HeaderMap::new());
        assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
        assert!(err.is_not_found() && !err.is_rate_limited());
        assert_eq!(
            err.to_string(),
            r#"the server answered 404 Not Found: {"errors":[{"code":15020}]}"#
        );
    }

    #[test]
    fn a_retry_after_is_read_and_shown() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("120"));
        let err = api_error(StatusCode::TOO_MANY_REQUESTS, headers);
        assert!(err.is_rate_limited());
        assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
        assert!(
            err.to_string()
                .ends_with("(it asked to be retried after 120 s)"),
            "{err}"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("120"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(120)));
        headers.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:30 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        headers.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }
}
