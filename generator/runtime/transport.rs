//! Sending one operation: the request with the credentials, retries, the answer sorted into
//! success or a typed error, and a `tracing` span per call.

use std::sync::Arc;
use std::time::Instant;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use tracing::Instrument;

use super::body::{BodyError, read_body, snippet, sort};
use super::http::{http_client, refused_redirect};
use super::redirect::Unfollowing;
use super::retry::{Budget, execute};
use super::{CallOptions, Config, Error, RetryPolicy, Secret, StatusBody, credential_headers};

/// What the generated code tells the runtime of one operation.
#[derive(Debug)]
pub(crate) struct Operation {
    /// The spec's `operationId`.
    pub(crate) id: &'static str,
    /// The HTTP method.
    pub(crate) method: Method,
    /// The path template, e.g. `/tasks/{id}` (for traces).
    pub(crate) path: &'static str,
    /// The `Accept` header: the success body's content type (JSON by default).
    pub(crate) accept: &'static str,
    /// Statuses that are success.
    pub(crate) success: &'static [Status],
    /// Statuses whose body is the API's error body.
    pub(crate) errors: &'static [Status],
}

/// The statuses one response of the spec covers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Status {
    /// One status, e.g. `200`.
    #[allow(dead_code)] // unused when every response is a range
    Code(u16),
    /// A class, e.g. `4` for `4XX`.
    #[allow(dead_code)] // unused when every response is one status
    Class(u16),
    /// The spec's `default` response: any status no other covers.
    #[allow(dead_code)] // unused when no response is `default`
    Default,
}

impl Status {
    pub(crate) fn covers(self, status: StatusCode) -> bool {
        match self {
            Status::Code(code) => status.as_u16() == code,
            Status::Class(class) => status.as_u16() / 100 == class,
            Status::Default => true,
        }
    }
}

/// A decoded answer with its status and headers.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// An answer of `status` with `headers` and `body`.
    #[allow(dead_code)] // unused when no operation answers only redirects
    pub(crate) fn of(status: StatusCode, headers: HeaderMap, body: T) -> Response<T> {
        Response {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, taken out.
    pub fn into_body(self) -> T {
        self.body
    }
}

/// The HTTP side of a client: the connection pool, the credential headers it adds to every
/// request, the base URL, the user agent, the retry policy with the retry budget its clones
/// share, and the response body limit.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    credentials: HeaderMap,
    user_agent: HeaderValue,
    base_url: String,
    retry: RetryPolicy,
    budget: Option<Arc<Budget>>,
    body_limit: usize,
    /// The client for operations that answer only redirects.
    pub(crate) unfollowing: Unfollowing,
}

impl Transport {
    /// A transport sending to `base_url` (checked, without a trailing `/`), with the caller's
    /// HTTP client when `config` has one.
    pub(crate) fn new<E>(
        base_url: &str,
        credentials: &[(&'static str, &Secret)],
        config: &Config,
    ) -> Result<Self, Error<E>> {
        let user_agent = HeaderValue::from_str(&config.user_agent).map_err(|_| {
            Error::Config(format!(
                "user agent {:?} is not a valid header value",
                config.user_agent
            ))
        })?;
        let http = match &config.http {
            Some(http) => http.clone(),
            None => http_client(config)?,
        };
        Ok(Transport {
            base_url: super::checked_base_url(base_url)?,
            credentials: credential_headers(credentials)?,
            user_agent,
            http,
            retry: config.retry.clone(),
            budget: config
                .retry
                .budget
                .as_ref()
                .map(|b| Arc::new(Budget::new(b))),
            body_limit: config.body_limit,
            unfollowing: Unfollowing::new(config),
        })
    }

    /// The base URL requests are sent to.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A request of `operation` to `path` (already encoded) with the credentials, asking for its
    /// success body's content type.
    pub(crate) fn request(&self, operation: &Operation, path: &str) -> reqwest::RequestBuilder {
        let url = format!("{}{path}", self.base_url);
        self.http
            .request(operation.method.clone(), url)
            .headers(self.credentials.clone())
            .header(reqwest::header::USER_AGENT, self.user_agent.clone())
            .header(reqwest::header::ACCEPT, operation.accept)
    }

    /// Sends `request` with `options` and decodes the JSON success body.
    #[allow(dead_code)] // unused when no operation answers with a body
    pub(crate) async fn json<T, E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
    ) -> Result<Response<T>, Error<E>>
    where
        T: serde::de::DeserializeOwned,
        E: StatusBody,
    {
        let (status, headers, bytes) = self.exchange(operation, request, options).await?;
        if bytes.is_empty() {
            return Err(Error::MissingBody { status });
        }
        match serde_json::from_slice(&bytes) {
            Ok(body) => Ok(Response {
                status,
                headers,
                body,
            }),
            Err(source) => Err(Error::Decode {
                status: Some(status),
                headers: Box::new(headers),
                body: snippet(&bytes),
                source,
            }),
        }
    }

    /// Sends `request` with `options` and decodes the success body by its status (an operation
    /// whose answers differ by status).
    #[allow(dead_code)] // unused when no operation's answers differ by status
    pub(crate) async fn by_status<T, E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
    ) -> Result<Response<T>, Error<E>>
    where
        T: StatusBody,
        E: StatusBody,
    {
        let (status, headers, bytes) = self.exchange(operation, request, options).await?;
        match T::from_status(status, &bytes) {
            Some(Ok(body)) => Ok(Response {
                status,
                headers,
                body,
            }),
            Some(Err(source)) => Err(Error::Decode {
                status: Some(status),
                headers: Box::new(headers),
                body: snippet(&bytes),
                source,
            }),
            None => Err(Error::MissingBody { status }),
        }
    }

    /// Sends `request` with `options` and returns the success body as text (invalid UTF-8 is
    /// replaced).
    #[allow(dead_code)] // unused when no operation answers with text
    pub(crate) async fn text<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
    ) -> Result<Response<String>, Error<E>>
    where
        E: StatusBody,
    {
        let (status, headers, bytes) = self.exchange(operation, request, options).await?;
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Ok(Response {
            status,
            headers,
            body,
        })
    }

    /// Sends `request` with `options` and returns the success body's bytes.
    #[allow(dead_code)] // unused when no operation answers with bytes
    pub(crate) async fn bytes<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
    ) -> Result<Response<Vec<u8>>, Error<E>>
    where
        E: StatusBody,
    {
        let (status, headers, bytes) = self.exchange(operation, request, options).await?;
        Ok(Response {
            status,
            headers,
            body: bytes.to_vec(),
        })
    }

    /// Sends `request` with `options`; its success carries no body.
    #[allow(dead_code)] // unused when every operation answers with a body
    pub(crate) async fn empty<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
    ) -> Result<Response<()>, Error<E>>
    where
        E: StatusBody,
    {
        let (status, headers, _) = self.exchange(operation, request, options).await?;
        Ok(Response {
            status,
            headers,
            body: (),
        })
    }

    /// Sends `request` with `options` asking to switch to `protocol`, and hands over the
    /// connection when the server agrees (`101 Switching Protocols`).
    #[allow(dead_code)] // unused when no operation upgrades its connection
    pub(crate) async fn upgrade<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        protocol: &str,
        options: CallOptions,
    ) -> Result<Response<reqwest::Upgraded>, Error<E>>
    where
        E: StatusBody,
    {
        let protocol = HeaderValue::from_str(protocol).map_err(|_| {
            Error::InvalidRequest(format!(
                "{}: the protocol {protocol:?} has characters a header cannot carry; nothing was sent",
                operation.id
            ))
        })?;
        let request = request
            .header(reqwest::header::CONNECTION, "upgrade")
            .header(reqwest::header::UPGRADE, protocol);
        let take = |response: reqwest::Response, _| async {
            response.upgrade().await.map_err(BodyError::Transport)
        };
        let (status, headers, body) = self.traced(operation, request, options, take).await?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }

    /// Sends `request` (with retries) inside a span and sorts the answer, reading the success
    /// body to its end (up to the body limit).
    async fn exchange<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
    ) -> Result<(StatusCode, HeaderMap, bytes::Bytes), Error<E>>
    where
        E: StatusBody,
    {
        self.traced(operation, request, options, read_body).await
    }

    /// Sends `request` with `options` (with retries) inside a span and sorts the answer; `take`
    /// takes a success's body (or connection), given the body limit.
    async fn traced<T, E, F>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
        take: impl FnOnce(reqwest::Response, usize) -> F,
    ) -> Result<(StatusCode, HeaderMap, T), Error<E>>
    where
        E: StatusBody,
        F: Future<Output = Result<T, BodyError>>,
    {
        self.traced_with(&self.http, operation, request, options, take)
            .await
    }

    /// The request as it is sent: built, with the call's own headers and timeout.
    pub(crate) fn finish<E>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: &CallOptions,
    ) -> Result<reqwest::Request, Error<E>> {
        let mut request = request.build().map_err(|err| {
            Error::InvalidRequest(format!(
                "{}: the request could not be built: {err}",
                operation.id
            ))
        })?;
        options.add_headers(operation.id, &self.credentials, &mut request)?;
        if let Some(timeout) = options.timeout {
            *request.timeout_mut() = Some(timeout);
        }
        Ok(request)
    }

    /// [`traced`](Self::traced), sent through `http`.
    pub(crate) async fn traced_with<T, E, F>(
        &self,
        http: &reqwest::Client,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
        take: impl FnOnce(reqwest::Response, usize) -> F,
    ) -> Result<(StatusCode, HeaderMap, T), Error<E>>
    where
        E: StatusBody,
        F: Future<Output = Result<T, BodyError>>,
    {
        let policy = options.retry.as_ref().unwrap_or(&self.retry);
        let span = tracing::info_span!(
            "request",
            operation = operation.id,
            method = %operation.method,
            path = operation.path,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            max_attempts = policy.max_attempts,
            timeout_ms = options.timeout.map(|t| t.as_millis() as u64),
            body_limit = options.body_limit,
            headers = options.header_names(),
        );
        let started = Instant::now();
        let result = async {
            let request = self.finish(operation, request, &options)?;
            let budget = self.budget.as_deref();
            let response = execute(http, policy, budget, request).await;
            let response = response.map_err(transport_error)?;
            let limit = options.body_limit.unwrap_or(self.body_limit);
            sort(operation, response, limit, take).await
        }
        .instrument(span.clone())
        .await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        if let Some(status) = result.as_ref().ok().map(|(status, ..)| *status) {
            span.record("status", status.as_u16());
        }
        result
    }
}

/// A transport failure, or the refused redirect it stands for.
fn transport_error<E>(err: reqwest::Error) -> Error<E> {
    match refused_redirect(&err) {
        Some(location) => Error::Redirect { location },
        None => Error::Transport(err),
    }
}

/// Adds `name=value` to the query when there is a value, in OpenAPI's default query style
/// (`form`, exploded: [`query_pairs`]).
#[allow(dead_code)] // unused when no operation has query params
pub(crate) fn query<T: serde::Serialize + ?Sized>(
    request: reqwest::RequestBuilder,
    name: &str,
    value: Option<&T>,
) -> reqwest::RequestBuilder {
    match value {
        Some(value) => request.query(&query_pairs(name, value)),
        None => request,
    }
}

/// The query pairs of a value in the `form` style, exploded (OpenAPI's default for query
/// params): `name=value`; a list, `name=a&name=b`; an object, each property as its own pair
/// (`k=v&k2=v2`); nothing for `null`. Values are written as [`plain_text`] writes them.
pub(crate) fn query_pairs<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Vec<(String, String)> {
    let pair = |key: &str, value: &serde_json::Value| (key.to_owned(), plain_text(value));
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Null) => Vec::new(),
        Ok(serde_json::Value::Array(items)) => (items.iter())
            .filter(|item| !item.is_null())
            .map(|item| pair(name, item))
            .collect(),
        Ok(serde_json::Value::Object(fields)) => (fields.iter())
            .filter(|(_, field)| !field.is_null())
            .map(|(key, field)| pair(key, field))
            .collect(),
        Ok(other) => vec![pair(name, &other)],
        Err(err) => vec![(name.to_owned(), format!("<unserializable: {err}>"))],
    }
}

/// Adds the header `name: value` when there is a value (written as in a query: strings as they
/// are, numbers and booleans as JSON writes them); a value a header cannot carry is refused.
#[allow(dead_code)] // unused when no operation has header params
pub(crate) fn header<T: serde::Serialize + ?Sized, E>(
    request: reqwest::RequestBuilder,
    name: &str,
    value: Option<&T>,
) -> Result<reqwest::RequestBuilder, Error<E>> {
    let Some(value) = value else {
        return Ok(request);
    };
    let text = plain_text(value);
    let value = HeaderValue::from_str(&text).map_err(|_| {
        Error::InvalidRequest(format!("the header param `{name}` = {text:?} has characters a header cannot carry; nothing was sent"))
    })?;
    // Replaces a header the client set itself (a declared `Accept` or `Content-Type`).
    let mut headers = HeaderMap::new();
    let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        Error::InvalidRequest(format!("`{name}` cannot name a header; nothing was sent"))
    })?;
    headers.insert(name, value);
    Ok(request.headers(headers))
}

/// What a cookie's value cannot carry as it is (RFC 6265, section 4.1.1: controls, space, `"`,
/// `,`, `;` and `\`), and `%`, which marks what was percent-encoded.
const COOKIE_VALUE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Adds one `Cookie` header with every cookie that has a value, as `name=value` pairs in the
/// order given, each value written as in a query and percent-encoded where a cookie cannot
/// carry it; no header when none has a value. Names are the spec's, which validation checked.
#[allow(dead_code)] // unused when no operation has cookie params
pub(crate) fn cookies<E>(
    request: reqwest::RequestBuilder,
    cookies: &[(&str, Option<String>)],
) -> Result<reqwest::RequestBuilder, Error<E>> {
    let pairs: Vec<String> = (cookies.iter())
        .filter_map(|(name, value)| {
            let value = value.as_deref()?;
            Some(format!(
                "{name}={}",
                percent_encoding::utf8_percent_encode(value, COOKIE_VALUE)
            ))
        })
        .collect();
    if pairs.is_empty() {
        return Ok(request);
    }
    let value = HeaderValue::from_str(&pairs.join("; ")).map_err(|_| {
        Error::InvalidRequest(
            "a cookie param has a name a header cannot carry; nothing was sent".to_owned(),
        )
    })?;
    let mut headers = HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, value);
    Ok(request.headers(headers))
}

/// Whether `body` is an object with no field set: an optional body that is then not sent.
#[allow(dead_code)] // unused when no optional body has only optional fields
pub(crate) fn is_empty<T: serde::Serialize + ?Sized>(body: &T) -> bool {
    matches!(serde_json::to_value(body), Ok(serde_json::Value::Object(fields)) if fields.is_empty())
}

/// A param value as text, in OpenAPI's `simple` style (headers' only one, and the form of a
/// cookie's or a part's value): a string as it is, a number or boolean as JSON writes it, a list
/// its items joined by `,`, an object its properties and values joined by `,` (`k,v,k2,v2`).
pub(crate) fn plain_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(value) => simple(&value),
        Err(err) => format!("<unserializable: {err}>"),
    }
}

fn simple(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Array(items) => items.iter().map(simple).collect::<Vec<_>>().join(","),
        serde_json::Value::Object(fields) => (fields.iter())
            .flat_map(|(key, field)| [key.clone(), simple(field)])
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}

/// What a path segment keeps as it is: RFC 3986's unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path param's value, percent-encoded so it stays one path segment.
#[allow(dead_code)] // unused when no operation has path params
pub(crate) fn encode_path(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_take_the_exploded_form_style_and_others_the_simple_style() {
        let pairs = |name, value: serde_json::Value| query_pairs(name, &value);
        let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(pairs("id", serde_json::json!(5)), owned(&[("id", "5")]));
        assert_eq!(
            pairs("tag", serde_json::json!(["a", "b c"])),
            owned(&[("tag", "a"), ("tag", "b c")])
        );
        assert_eq!(
            pairs("color", serde_json::json!({"R": 100, "G": null})),
            owned(&[("R", "100")])
        );
        assert!(pairs("x", serde_json::Value::Null).is_empty());
        assert_eq!(plain_text(&vec![1, 2]), "1,2");
        assert_eq!(
            plain_text(&serde_json::json!({"R": 1, "G": "x"})),
            "G,x,R,1"
        );
        assert_eq!(plain_text("a b"), "a b");
        assert_eq!(plain_text(&true), "true");
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
    fn only_objects_without_fields_are_empty() {
        assert!(is_empty(&serde_json::json!({})));
        assert!(!is_empty(&serde_json::json!({"a": null})));
        assert!(!is_empty(&serde_json::json!([])));
        assert!(!is_empty("text"));
    }
}
