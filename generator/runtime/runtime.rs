//! The runtime of the generated client: the error type, secrets, client settings (timeouts,
//! retries, TLS roots, user agent), the retry loop and page streams. Nothing here is specific to
//! one API; the generated code passes in what the spec says (server URL, credential headers,
//! error body type, paging params).

use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};

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

/// Settings of a client: timeouts, retries, user agent, extra TLS roots.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: String,
    pub(crate) root_certificates: Vec<reqwest::Certificate>,
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
        }
    }
}

/// How much of an unexpected response body an error keeps.
const SNIPPET_LIMIT: usize = 512;

/// A credential value. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
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

/// Everything a call can fail with. `E` is the error body the API documents.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The client could not be set up: a bad base URL or server variable, a credential that cannot
    /// be sent as a header, or a missing environment variable.
    Config(String),
    /// The request was refused before it was sent.
    InvalidRequest(String),
    /// The request could not be sent, or its answer could not be read (connection refused or
    /// dropped, timeout, TLS failure).
    Transport(reqwest::Error),
    /// The server answered with a documented error status and error body.
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The decoded error body.
        body: E,
    },
    /// The server answered with a status the operation does not document.
    UnexpectedStatus {
        /// The HTTP status.
        status: StatusCode,
        /// The start of the response body.
        body: String,
    },
    /// The server's answer is not the JSON the operation documents.
    Decode {
        /// The HTTP status, when known.
        status: Option<StatusCode>,
        /// The start of the response body.
        body: String,
        /// What did not match.
        source: serde_json::Error,
    },
}

impl<E> Error<E> {
    /// The HTTP status of the answer, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. } | Error::UnexpectedStatus { status, .. } => Some(*status),
            Error::Decode { status, .. } => *status,
            Error::Transport(err) => err.status(),
            Error::Config(_) | Error::InvalidRequest(_) => None,
        }
    }

    /// The decoded error body, when the server sent a documented one.
    pub fn body(&self) -> Option<&E> {
        match self {
            Error::Api { body, .. } => Some(body),
            _ => None,
        }
    }
}

impl<E: serde::Serialize> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(message) => write!(f, "invalid client configuration: {message}"),
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::Transport(err) => write!(f, "request failed: {err}"),
            Error::Api { status, body } => {
                write!(f, "the server answered {status}")?;
                match serde_json::to_string(body) {
                    Ok(json) => write!(f, ": {json}"),
                    Err(_) => Ok(()),
                }
            }
            Error::UnexpectedStatus { status, body } if body.is_empty() => {
                write!(
                    f,
                    "the server answered {status}, which this operation does not document"
                )
            }
            Error::UnexpectedStatus { status, body } => write!(
                f,
                "the server answered {status}, which this operation does not document; body: {body:?}"
            ),
            Error::Decode {
                status,
                body,
                source,
            } => {
                f.write_str("the server's answer")?;
                if let Some(status) = status {
                    write!(f, " ({status})")?;
                }
                write!(
                    f,
                    " is not the JSON this operation documents: {source}; body: {body:?}"
                )
            }
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

/// Fills the `{name}` variables of a server URL template; each value must be a plain host label
/// or path segment (letters, digits, `-`, `_`, `.`), so a value cannot redirect requests.
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
fn checked_base_url<E>(url: &str) -> Result<String, Error<E>> {
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

/// Builds the HTTP client: the credential headers go on every request; TLS is rustls with the
/// `ring` provider (quick to build) and the platform's certificate verifier, plus any extra
/// roots of `config`.
pub(crate) fn http_client<E>(
    credentials: &[(&'static str, &Secret)],
    config: &Config,
) -> Result<reqwest::Client, Error<E>> {
    // reqwest uses the process-wide provider; an application that installed its own keeps it.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .default_headers(credential_headers(credentials)?)
        .user_agent(config.user_agent.as_str())
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout);
    for certificate in &config.root_certificates {
        builder = builder.add_root_certificate(certificate.clone());
    }
    builder
        .build()
        .map_err(|err| Error::Config(format!("the HTTP client could not be built: {err}")))
}

/// What the generated code tells the runtime of one operation.
#[derive(Debug)]
pub(crate) struct Operation {
    /// The spec's `operationId`.
    pub(crate) id: &'static str,
    /// The HTTP method.
    pub(crate) method: Method,
    /// Statuses that are success.
    pub(crate) success: &'static [Status],
    /// Statuses whose body is the API's error body.
    pub(crate) errors: &'static [Status],
}

/// The statuses one response of the spec covers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Status {
    /// One status, e.g. `200`.
    Code(u16),
    /// A class, e.g. `4` for `4XX`.
    Class(u16),
    /// The spec's `default` response: any status no other covers.
    #[allow(dead_code)]
    Default,
}

impl Status {
    fn covers(self, status: StatusCode) -> bool {
        match self {
            Status::Code(code) => status.as_u16() == code,
            Status::Class(class) => status.as_u16() / 100 == class,
            Status::Default => true,
        }
    }
}

/// The HTTP side of a client: the connection pool (with the credential headers on every
/// request), the base URL and the retry policy.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    base_url: String,
    retry: RetryPolicy,
}

impl Transport {
    /// A transport sending to `base_url` (checked, without a trailing `/`).
    pub(crate) fn new<E>(
        base_url: &str,
        credentials: &[(&'static str, &Secret)],
        config: &Config,
    ) -> Result<Self, Error<E>> {
        Ok(Transport {
            base_url: checked_base_url(base_url)?,
            http: http_client(credentials, config)?,
            retry: config.retry.clone(),
        })
    }

    /// The base URL requests are sent to.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A request of `operation` to `path` (already encoded), asking for JSON.
    pub(crate) fn request(&self, operation: &Operation, path: &str) -> reqwest::RequestBuilder {
        let url = format!("{}{path}", self.base_url);
        self.http
            .request(operation.method.clone(), url)
            .header(reqwest::header::ACCEPT, "application/json")
    }

    /// Sends `request` and decodes the JSON success body.
    #[allow(dead_code)] // unused when no operation answers with a body
    pub(crate) async fn json<T, E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
    ) -> Result<T, Error<E>>
    where
        T: serde::de::DeserializeOwned,
        E: serde::de::DeserializeOwned,
    {
        let (status, bytes) = self.exchange(operation, request).await?;
        serde_json::from_slice(&bytes).map_err(|source| Error::Decode {
            status: Some(status),
            body: snippet(&bytes),
            source,
        })
    }

    /// Sends `request` whose success carries no body.
    #[allow(dead_code)] // unused when every operation answers with a body
    pub(crate) async fn empty<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
    ) -> Result<(), Error<E>>
    where
        E: serde::de::DeserializeOwned,
    {
        self.exchange(operation, request).await.map(|_| ())
    }

    /// Sends `request` (with retries) and sorts the answer: success gives its status and body,
    /// a documented error status its decoded error body, anything else `UnexpectedStatus`.
    async fn exchange<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
    ) -> Result<(StatusCode, bytes::Bytes), Error<E>>
    where
        E: serde::de::DeserializeOwned,
    {
        let request = request
            .build()
            .map_err(|err| Error::InvalidRequest(format!("{}: {err}", operation.id)))?;
        let response = execute(&self.http, &self.retry, request)
            .await
            .map_err(Error::Transport)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(Error::Transport)?;
        if operation.success.iter().any(|s| s.covers(status)) {
            return Ok((status, bytes));
        }
        if !operation.errors.iter().any(|s| s.covers(status)) {
            return Err(Error::UnexpectedStatus {
                status,
                body: snippet(&bytes),
            });
        }
        Err(match serde_json::from_slice(&bytes) {
            Ok(body) => Error::Api { status, body },
            Err(source) => Error::Decode {
                status: Some(status),
                body: snippet(&bytes),
                source,
            },
        })
    }
}

/// Adds `name=value` to the query when there is a value.
#[allow(dead_code)] // unused when no operation has query params
pub(crate) fn query<T: serde::Serialize + ?Sized>(
    request: reqwest::RequestBuilder,
    name: &str,
    value: Option<&T>,
) -> reqwest::RequestBuilder {
    match value {
        Some(value) => request.query(&[(name, value)]),
        None => request,
    }
}

/// A path param's value, percent-encoded so it stays one path segment.
#[allow(dead_code)] // unused when no operation has path params
pub(crate) fn encode_path(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Sends `request`, retrying it as `policy` allows (see [`RetryPolicy`]).
async fn execute(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    mut request: reqwest::Request,
) -> reqwest::Result<reqwest::Response> {
    let idempotent = [
        Method::GET,
        Method::PUT,
        Method::DELETE,
        Method::HEAD,
        Method::OPTIONS,
    ]
    .contains(request.method());
    let mut attempt = 1;
    loop {
        let again = if idempotent && attempt < policy.max_attempts {
            request.try_clone()
        } else {
            None
        };
        let result = client.execute(request).await;
        let Some(next) = again else {
            return result;
        };
        let retry_after = match &result {
            Ok(response) if RETRY_STATUSES.contains(&response.status()) => {
                retry_after(response.headers(), SystemTime::now())
            }
            Err(err) if err.is_connect() || err.is_request() => None,
            _ => return result,
        };
        let Some(delay) = policy.delay(attempt, retry_after, random()) else {
            return result;
        };
        drop(result);
        tokio::time::sleep(delay).await;
        request = next;
        attempt += 1;
    }
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
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

/// A random number for jitter (std's hasher keys are random per process and per call).
fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0x9E37_79B9_7F4A_7C15);
    hasher.finish()
}

/// The items of every page, in order: `fetch(page)` is called with `first`, `first + 1`, … until
/// a page holds fewer than `size` items (or none). An error is yielded once and ends the stream.
#[allow(dead_code)] // unused when no operation is paged (`x-paged`)
pub(crate) fn pages<'a, T, E, F, Fut>(
    first: i64,
    size: i64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>> + 'a
where
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error<E>>> + 'a,
    T: 'a,
    E: 'a,
{
    futures_util::stream::unfold((Some(first), fetch), move |(page, mut fetch)| async move {
        let page = page?;
        match fetch(page).await {
            Ok(items) => {
                let last = items.is_empty() || (items.len() as i64) < size;
                let next = if last { None } else { page.checked_add(1) };
                Some((Ok(items), (next, fetch)))
            }
            Err(err) => Some((Err(err), (None, fetch))),
        }
    })
    .flat_map(|page| match page {
        Ok(items) => futures_util::stream::iter(items.into_iter().map(Ok)).left_stream(),
        Err(err) => futures_util::stream::once(async { Err(err) }).right_stream(),
    })
}

/// The start of a body, as text, for error messages.
fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(SNIPPET_LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestError = Error<serde_json::Value>;

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

    #[test]
    fn disabled_means_one_attempt() {
        assert_eq!(RetryPolicy::disabled().max_attempts, 1);
        assert_eq!(RetryPolicy::default().max_attempts(0).max_attempts, 1);
    }

    #[test]
    fn credential_headers_are_sensitive_so_a_captured_request_hides_them() {
        let headers = credential_headers::<()>(&[("x-key", &Secret::new("hunter2"))]).unwrap();
        assert!(headers["x-key"].is_sensitive());
        let mut request = reqwest::Request::new(Method::GET, "http://127.0.0.1/".parse().unwrap());
        request.headers_mut().extend(headers);
        let shown = format!("{request:?} {:?}", request.headers());
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn bad_header_values_do_not_echo_the_secret() {
        let secret = Secret::new("line\nbreak");
        let err = http_client::<()>(&[("x-key", &secret)], &Config::new("ua")).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("x-key"), "{text}");
        assert!(!text.contains("line"), "{text}");
    }

    #[test]
    fn api_errors_show_status_and_body() {
        let err = TestError::Api {
            status: StatusCode::NOT_FOUND,
            body: serde_json::json!({"errors": [{"code": 15020}]}),
        };
        assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
        assert_eq!(
            err.to_string(),
            r#"the server answered 404 Not Found: {"errors":[{"code":15020}]}"#
        );
    }

    #[test]
    fn path_params_stay_one_segment() {
        assert_eq!(encode_path("42"), "42");
        assert_eq!(encode_path("a/b c?d"), "a%2Fb%20c%3Fd");
        assert_eq!(encode_path("ü"), "%C3%BC");
    }

    #[test]
    fn statuses_cover_codes_classes_and_default() {
        assert!(Status::Code(200).covers(StatusCode::OK));
        assert!(!Status::Code(200).covers(StatusCode::CREATED));
        assert!(Status::Class(4).covers(StatusCode::NOT_FOUND));
        assert!(!Status::Class(4).covers(StatusCode::BAD_GATEWAY));
        assert!(Status::Default.covers(StatusCode::IM_A_TEAPOT));
    }

    #[test]
    fn snippets_are_cut() {
        let long = "x".repeat(2000);
        assert_eq!(snippet(long.as_bytes()).chars().count(), SNIPPET_LIMIT + 1);
        assert_eq!(snippet(b"<html>"), "<html>");
    }
}
