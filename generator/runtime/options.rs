//! Options of one call: what a request builder's `with_options` takes, applied by the transport
//! on top of the client's settings.

use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::{Error, RetryPolicy};

/// Settings for one call, over the client's: its timeout, retry policy, response body limit and
/// extra headers. Give them to any request builder's `with_options`; one `CallOptions` can serve
/// many calls (it is `Clone`).
///
/// For example, `CallOptions::new().timeout(Duration::from_secs(300)).retry(RetryPolicy::disabled())
/// .header("x-request-id", "7f3c2a")` gives one export five minutes, sends it once, and tags it.
///
/// An extra header may not be one the client sets itself: the credential headers, `Authorization`,
/// `Proxy-Authorization`, `Cookie`, `User-Agent`, `Accept`, `Content-Type`, the headers HTTP
/// itself manages (`Host`, `Content-Length`, `Transfer-Encoding`, `Connection`, `Upgrade`, …), and
/// any header the call's own params set. Such a call fails with
/// [`Error::InvalidRequest`] and nothing is sent. `Debug` shows the extra headers' names, never
/// their values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) body_limit: Option<usize>,
    headers: Vec<(String, String)>,
}

/// Headers the client sets or HTTP manages, which a call may not add.
const REFUSED: [&str; 16] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "user-agent",
    "accept",
    "content-type",
    "content-length",
    "content-encoding",
    "transfer-encoding",
    "host",
    "connection",
    "upgrade",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
];

impl CallOptions {
    /// No options: the client's settings apply.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// How long each attempt of this call may take (connect, send, receive the whole body),
    /// instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// When this call is sent again, instead of the client's policy
    /// ([`RetryPolicy::disabled`]: once). The retry budget stays the client's.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The largest response body this call reads, in bytes, instead of the client's limit.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = Some(bytes);
        self
    }

    /// Adds the header `name: value` to this call (a request id, an idempotency key, …); adding
    /// a name again sends it again.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The extra headers' names, for traces.
    pub(crate) fn header_names(&self) -> Option<String> {
        if self.headers.is_empty() {
            return None;
        }
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        Some(names.join(","))
    }

    /// Adds the extra headers to `request`, refusing those the client sets (`credentials`, the
    /// ones already on the request, and [`REFUSED`]).
    pub(crate) fn add_headers<E>(
        &self,
        operation: &str,
        credentials: &HeaderMap,
        request: &mut reqwest::Request,
    ) -> Result<(), Error<E>> {
        let mut extra = HeaderMap::new();
        for (name, value) in &self.headers {
            let refuse = |why: &str| {
                Error::InvalidRequest(format!(
                    "{operation}: the extra header {name:?} {why}; nothing was sent"
                ))
            };
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| refuse("is not a valid header name"))?;
            if credentials.contains_key(&header)
                || REFUSED.contains(&header.as_str())
                || request.headers().contains_key(&header)
            {
                return Err(refuse("is one the client sets itself"));
            }
            let value = HeaderValue::from_str(value)
                .map_err(|_| refuse("has a value with characters a header cannot carry"))?;
            extra.append(header, value);
        }
        request.headers_mut().extend(extra);
        Ok(())
    }
}

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("body_limit", &self.body_limit)
            .field("headers", &names)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> reqwest::Request {
        let mut request =
            reqwest::Request::new(reqwest::Method::GET, "http://127.0.0.1/".parse().unwrap());
        request
            .headers_mut()
            .insert("x-filter", HeaderValue::from_static("param"));
        request
    }

    fn credentials() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", HeaderValue::from_static("secret"));
        headers
    }

    #[test]
    fn extra_headers_are_added_and_repeated_names_sent_twice() {
        let options = CallOptions::new()
            .header("X-Request-Id", "r-1")
            .header("x-tag", "a")
            .header("x-tag", "b");
        let mut request = request();
        options
            .add_headers::<()>("op", &credentials(), &mut request)
            .unwrap();
        assert_eq!(request.headers()["x-request-id"], "r-1");
        let tags: Vec<_> = request.headers().get_all("x-tag").iter().collect();
        assert_eq!(tags, ["a", "b"]);
        assert_eq!(options.header_names().unwrap(), "X-Request-Id,x-tag,x-tag");
    }

    #[test]
    fn headers_the_client_sets_are_refused() {
        for name in [
            "X-Api-Key",
            "authorization",
            "User-Agent",
            "host",
            "x-filter",
        ] {
            let options = CallOptions::new().header(name, "v");
            let err = options
                .add_headers::<()>("op", &credentials(), &mut request())
                .unwrap_err();
            let text = err.to_string();
            assert!(text.contains("the client sets itself"), "{name}: {text}");
        }
        let bad = CallOptions::new().header("x-bad", "line\nbreak");
        let err = bad
            .add_headers::<()>("op", &credentials(), &mut request())
            .unwrap_err();
        assert!(!err.to_string().contains("line"), "{err}");
        let bad = CallOptions::new().header("bad name", "v");
        assert!(
            bad.add_headers::<()>("op", &credentials(), &mut request())
                .is_err()
        );
    }

    #[test]
    fn debug_shows_header_names_not_values() {
        let options = CallOptions::new().header("idempotency-key", "k-123");
        let shown = format!("{options:?}");
        assert!(shown.contains("idempotency-key") && !shown.contains("k-123"));
    }
}
