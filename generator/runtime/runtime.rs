//! The runtime of the generated client: client settings (timeouts, retries, body limit, TLS
//! roots, user agent, your own HTTP client), secrets, and in its modules the error type, the HTTP
//! client, per-call options, sending with retries (and their budget) and traces, reading bodies
//! within a limit, page streams, the spec's value rules and value forms.
//! Nothing here is specific to one API; the generated code passes in what the spec says (server
//! URL, credential headers, error body type, statuses, paging params, rules).

mod body;
mod error;
mod http;
#[cfg(feature = "mock")]
pub(crate) mod mock;
mod multipart;
mod options;
mod pages;
mod redirect;
mod retry;
mod status_body;
mod styles;
mod transport;

pub(crate) mod checks;
pub(crate) mod forms;

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

pub use body::ERROR_BODY_LIMIT;
pub use error::Error;
pub use http::{Certificate, InvalidCertificate};
pub use multipart::FilePart;
#[allow(unused_imports)] // unused when no operation has a multipart body
pub(crate) use multipart::Parts;
pub use options::CallOptions;
#[allow(unused_imports)]
// each is unused by specs that do not need it (no paging, no path params, …)
pub(crate) use pages::pages;
pub use redirect::Redirect;
pub use retry::{RETRY_STATUSES, RetryBudget, RetryPolicy};
#[allow(unused_imports)] // each is unused by specs whose answers do not differ by status
pub(crate) use status_body::{StatusBody, accept, bytes, json, json_as, text};
#[allow(unused_imports)] // each is unused by specs whose params take their default styles
pub(crate) use styles::{Style, path_segment, query_styled, styled_query_pairs};
pub use transport::Response;
#[allow(unused_imports)]
pub(crate) use transport::{
    Operation, Status, Transport, cookies, encode_path, header, is_empty, plain_text, query,
    query_pairs,
};

/// How long connecting to the server may take before the request fails.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a whole request (connect, send, receive) may take before it fails.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest response body a call reads, in bytes, unless set with
/// `ClientBuilder::body_limit` or [`CallOptions::body_limit`]: 16 MiB. The API's largest page is
/// 1 000 records; its largest records (clients, time entries) are well under 1 KiB as the docs
/// show them, so this leaves room for 16 KiB per record. A body past the limit fails the call
/// with [`Error::BodyTooLarge`] as soon as it is known: at once from its `Content-Length`, or
/// when the streamed body passes the limit.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Settings of a client: timeouts, retries, the response body limit, user agent, extra TLS
/// roots, or a prebuilt HTTP client (whose own timeouts, TLS and redirect rules then apply).
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) body_limit: usize,
    pub(crate) user_agent: String,
    pub(crate) root_certificates: Vec<Certificate>,
    pub(crate) http: Option<reqwest::Client>,
}

impl Config {
    /// The defaults: [`DEFAULT_CONNECT_TIMEOUT`], [`DEFAULT_REQUEST_TIMEOUT`],
    /// [`RetryPolicy::default`], [`DEFAULT_BODY_LIMIT`], and `user_agent` (the generated crate's
    /// name and version).
    pub(crate) fn new(user_agent: &str) -> Self {
        Config {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
            body_limit: DEFAULT_BODY_LIMIT,
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
