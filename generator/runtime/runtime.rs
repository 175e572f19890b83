//! The runtime of the generated client: client settings (timeouts, retries, TLS roots, user
//! agent, your own HTTP client), secrets, and in its modules the error type, the HTTP client,
//! sending with retries and traces, page streams, the spec's value rules and value forms.
//! Nothing here is specific to one API; the generated code passes in what the spec says (server
//! URL, credential headers, error body type, statuses, paging params, rules).

mod error;
mod http;
#[cfg(feature = "mock")]
pub(crate) mod mock;
mod pages;
mod transport;

pub(crate) mod checks;
pub(crate) mod forms;

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

pub use error::Error;
pub use http::{Certificate, InvalidCertificate};
#[allow(unused_imports)]
// each is unused by specs that do not need it (no paging, no path params, …)
pub(crate) use pages::pages;
pub use transport::Response;
#[allow(unused_imports)]
pub(crate) use transport::{
    Operation, Status, Transport, encode_path, header, is_empty, plain_text, query,
};

/// How long connecting to the server may take before the request fails.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a whole request (connect, send, receive) may take before it fails.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Statuses after which an idempotent request is sent again.
pub const RETRY_STATUSES: [StatusCode; 5] = [
    StatusCode::REQUEST_TIMEOUT,
    StatusCode::TOO_MANY_REQUESTS,
    StatusCode::BAD_GATEWAY,
    StatusCode::SERVICE_UNAVAILABLE,
    StatusCode::GATEWAY_TIMEOUT,
];

/// When and how often a request is sent again.
///
/// Only idempotent requests (GET, PUT, DELETE, HEAD, OPTIONS) are retried, after a connection
/// error or a status in [`RETRY_STATUSES`]; POST is never retried, so nothing is created twice.
/// The delay before attempt `n + 1` is `base_delay × 2ⁿ⁻¹`, capped at `max_delay`, with jitter
/// (a random point in its upper half). A `Retry-After` answer is honoured as given; when it asks
/// for more than `max_delay`, the answer is returned to the caller instead. Set it with
/// `ClientBuilder::retry`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts in all, 250 ms base delay, 10 s ceiling.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// Every request is sent once.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// How many times a request may be sent in all, the first time included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The delay before the first retry; each further retry doubles it.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest delay between two attempts.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The backoff before attempt `attempt + 1`, without jitter.
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// The delay before attempt `attempt + 1`, or `None` when the server asks for a longer wait
    /// than the policy allows.
    fn delay(&self, attempt: u32, retry_after: Option<Duration>, random: u64) -> Option<Duration> {
        match retry_after {
            Some(wait) if wait > self.max_delay => None,
            Some(wait) => Some(wait),
            None => {
                let full = self.backoff(attempt);
                let half = full / 2;
                let spread = (full - half).as_nanos() as u64;
                let extra = if spread == 0 {
                    0
                } else {
                    random % (spread + 1)
                };
                Some(half + Duration::from_nanos(extra))
            }
        }
    }
}

/// Settings of a client: timeouts, retries, user agent, extra TLS roots, or a prebuilt HTTP
/// client (whose own timeouts, TLS and redirect rules then apply).
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: String,
    pub(crate) root_certificates: Vec<Certificate>,
    pub(crate) http: Option<reqwest::Client>,
}

impl Config {
    /// The defaults: [`DEFAULT_CONNECT_TIMEOUT`], [`DEFAULT_REQUEST_TIMEOUT`],
    /// [`RetryPolicy::default`], and `user_agent` (the generated crate's name and version).
    pub(crate) fn new(user_agent: &str) -> Self {
        Config {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: user_agent.to_owned(),
            root_certificates: Vec::new(),
            http: None,
        }
    }
}

/// A credential value. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The `Authorization` value of HTTP basic credentials: `Basic` and the base64 of
    /// `username:password`.
    #[allow(dead_code)] // unused when the spec has no HTTP basic scheme
    pub(crate) fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        let pair = format!("{}:{}", username.into(), password.into());
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        Secret(format!("Basic {encoded}"))
    }

    /// The `Authorization` value of a bearer token: `Bearer` and the token.
    #[allow(dead_code)] // unused when the spec has no bearer or OAuth 2 scheme
    pub(crate) fn bearer(token: impl Into<String>) -> Self {
        Secret(format!("Bearer {}", token.into()))
    }

    /// The value itself, for sending it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Fills the `{name}` variables of a server URL template; each value must be a plain host label
/// or path segment (letters, digits, `-`, `_`, `.`), so a value cannot redirect requests.
#[allow(dead_code)] // unused when the spec names no server
pub(crate) fn server_url<E>(
    template: &str,
    variables: &[(&str, &str)],
) -> Result<String, Error<E>> {
    let mut url = template.to_owned();
    for (name, value) in variables {
        let allowed = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !allowed {
            return Err(Error::Config(format!(
                "{name} {value:?} must be non-empty and contain only letters, digits, `-`, `_` and `.`"
            )));
        }
        url = url.replace(&format!("{{{name}}}"), value);
    }
    Ok(url)
}

/// A server variable the builder needs.
#[allow(dead_code)] // unused when the server URL has no variables
pub(crate) fn required<'a, E>(name: &str, value: Option<&'a str>) -> Result<&'a str, Error<E>> {
    value.ok_or_else(|| {
        Error::Config(format!(
            "no {name} was given; set it (or a whole base URL) on the builder"
        ))
    })
}

/// Checks a base URL and drops a trailing `/`, so paths join as `{base}/tasks`.
pub(crate) fn checked_base_url<E>(url: &str) -> Result<String, Error<E>> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|err| Error::Config(format!("base URL {url:?} is not a valid URL: {err}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::Config(format!(
            "base URL {url:?} must be an http:// or https:// URL with a host"
        )));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Reads a required environment variable.
#[allow(dead_code)] // unused when the spec has no credentials nor server variables
pub(crate) fn env_var<E>(name: &str) -> Result<String, Error<E>> {
    std::env::var(name).map_err(|err| Error::Config(format!("environment variable {name}: {err}")))
}

/// The credential headers, marked sensitive so that they never appear in debug output.
pub(crate) fn credential_headers<E>(
    credentials: &[(&'static str, &Secret)],
) -> Result<HeaderMap, Error<E>> {
    let mut headers = HeaderMap::new();
    for (name, secret) in credentials {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Config(format!("{name:?} is not a valid header name")))?;
        let mut value = HeaderValue::from_str(secret.expose()).map_err(|_| {
            Error::Config(format!(
                "the value for the {name} header contains characters a header cannot carry"
            ))
        })?;
        value.set_sensitive(true);
        headers.insert(name, value);
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_base64_of_the_pair() {
        // RFC 7617's example, and each padding length of the pair.
        let secret = Secret::basic("Aladdin", "open sesame");
        assert_eq!(secret.expose(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(Secret::basic("", "").expose(), "Basic Og==");
        assert_eq!(Secret::basic("a", "").expose(), "Basic YTo=");
        assert_eq!(Secret::basic("ab", "").expose(), "Basic YWI6");
        assert_eq!(Secret::bearer("t0k").expose(), "Bearer t0k");
    }

    #[test]
    fn secrets_are_never_shown() {
        let secret = Secret::new("hunter2");
        assert!(!format!("{secret:?} {secret}").contains("hunter2"));
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn server_variables_are_filled_and_checked() {
        let url = server_url::<()>("https://{account}.example.com/api", &[("account", "acme")]);
        assert_eq!(url.unwrap(), "https://acme.example.com/api");
        for bad in ["", "evil.com/x", "a b", "x@y"] {
            let err = server_url::<()>("https://{account}.example.com", &[("account", bad)]);
            assert!(matches!(err, Err(Error::Config(_))), "{bad:?} was accepted");
        }
    }

    #[test]
    fn base_url_must_be_http() {
        assert_eq!(
            checked_base_url::<()>("http://127.0.0.1:8080/api/").unwrap(),
            "http://127.0.0.1:8080/api"
        );
        assert!(checked_base_url::<()>("ftp://example.com").is_err());
        assert!(checked_base_url::<()>("not a url").is_err());
    }

    #[test]
    fn backoff_doubles_up_to_the_ceiling_with_jitter_in_the_upper_half() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(700));
        let backoffs: Vec<_> = (1..=5).map(|a| policy.backoff(a).as_millis()).collect();
        assert_eq!(backoffs, [100, 200, 400, 700, 700]);
        for random in [0, 1, u64::MAX / 3, u64::MAX] {
            let delay = policy.delay(3, None, random).unwrap();
            assert!(delay >= Duration::from_millis(200) && delay <= Duration::from_millis(400));
        }
        assert_eq!(policy.delay(3, None, 0), Some(Duration::from_millis(200)));
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_ceiling() {
        let policy = RetryPolicy::default().max_delay(Duration::from_secs(10));
        let wait = Some(Duration::from_secs(7));
        assert_eq!(policy.delay(1, wait, 0), wait);
        assert_eq!(policy.delay(1, Some(Duration::from_secs(11)), 0), None);
    }

    #[test]
    fn disabled_means_one_attempt() {
        assert_eq!(RetryPolicy::disabled().max_attempts, 1);
        assert_eq!(RetryPolicy::default().max_attempts(0).max_attempts, 1);
    }

    #[test]
    fn credential_headers_are_sensitive_so_a_captured_request_hides_them() {
        let headers = credential_headers::<()>(&[("x-key", &Secret::new("hunter2"))]).unwrap();
        assert!(headers["x-key"].is_sensitive());
        let mut request =
            reqwest::Request::new(reqwest::Method::GET, "http://127.0.0.1/".parse().unwrap());
        request.headers_mut().extend(headers);
        let shown = format!("{request:?} {:?}", request.headers());
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn bad_header_values_do_not_echo_the_secret() {
        let secret = Secret::new("line\nbreak");
        let err = credential_headers::<()>(&[("x-key", &secret)]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("x-key"), "{text}");
        assert!(!text.contains("line"), "{text}");
    }
}
