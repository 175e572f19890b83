//! The runtime of the generated client: the error type, secrets, timeouts and the set-up of the
//! HTTP client. Nothing here is specific to one API; the generated code passes in what the spec
//! says (server URL, credential headers, error body type).

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// How long connecting to the server may take before the request fails.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a whole request (connect, send, receive) may take before it fails.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

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

/// Checks a base URL and drops a trailing `/`, so paths join as `{base}/tasks`.
pub(crate) fn base_url<E>(url: &str) -> Result<String, Error<E>> {
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
pub(crate) fn env_var<E>(name: &str) -> Result<String, Error<E>> {
    std::env::var(name).map_err(|err| Error::Config(format!("environment variable {name}: {err}")))
}

/// Builds the HTTP client: the credential headers go on every request, marked sensitive so that
/// they never appear in debug output.
pub(crate) fn http_client<E>(
    credentials: &[(&'static str, &Secret)],
    user_agent: &str,
) -> Result<reqwest::Client, Error<E>> {
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
    reqwest::Client::builder()
        .default_headers(headers)
        .user_agent(user_agent)
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .timeout(DEFAULT_REQUEST_TIMEOUT)
        .build()
        .map_err(|err| Error::Config(format!("the HTTP client could not be built: {err}")))
}

/// Turns the engine's answer into the typed body or this crate's error.
pub(crate) async fn finish<T, E>(
    result: Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> Result<T, Error<E>> {
    match result {
        Ok(value) => Ok(value.into_inner()),
        Err(progenitor_client::Error::ErrorResponse(value)) => Err(Error::Api {
            status: value.status(),
            body: value.into_inner(),
        }),
        Err(err) => Err(convert(err).await),
    }
}

/// Like [`finish`], for operations that document no error body (unused when every operation
/// documents one).
#[allow(dead_code)]
pub(crate) async fn finish_untyped<T, E>(
    result: Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<()>>,
) -> Result<T, Error<E>> {
    match result {
        Ok(value) => Ok(value.into_inner()),
        Err(progenitor_client::Error::ErrorResponse(value)) => Err(Error::UnexpectedStatus {
            status: value.status(),
            body: String::new(),
        }),
        Err(err) => Err(convert(err).await),
    }
}

async fn convert<E, F>(err: progenitor_client::Error<F>) -> Error<E> {
    use progenitor_client::Error as Engine;
    match err {
        Engine::InvalidRequest(message) | Engine::Custom(message) => Error::InvalidRequest(message),
        Engine::CommunicationError(err)
        | Engine::InvalidUpgrade(err)
        | Engine::ResponseBodyError(err) => Error::Transport(err),
        Engine::InvalidResponsePayload(bytes, source) => Error::Decode {
            status: None,
            body: snippet(&bytes),
            source,
        },
        Engine::UnexpectedResponse(response) => {
            let status = response.status();
            match response.bytes().await {
                Ok(bytes) => Error::UnexpectedStatus {
                    status,
                    body: snippet(&bytes),
                },
                Err(err) => Error::Transport(err),
            }
        }
        Engine::ErrorResponse(value) => Error::UnexpectedStatus {
            status: value.status(),
            body: String::new(),
        },
    }
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
            base_url::<()>("http://127.0.0.1:8080/api/").unwrap(),
            "http://127.0.0.1:8080/api"
        );
        assert!(base_url::<()>("ftp://example.com").is_err());
        assert!(base_url::<()>("not a url").is_err());
    }

    #[test]
    fn bad_header_values_do_not_echo_the_secret() {
        let secret = Secret::new("line\nbreak");
        let err = http_client::<()>(&[("x-key", &secret)], "ua").unwrap_err();
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
    fn snippets_are_cut() {
        let long = "x".repeat(2000);
        assert_eq!(snippet(long.as_bytes()).chars().count(), SNIPPET_LIMIT + 1);
        assert_eq!(snippet(b"<html>"), "<html>");
    }
}
