//! The mock server behind the generated `mock` module (cargo feature `mock`): a wiremock server on
//! 127.0.0.1, one matcher per mounted operation built from what the test expects (method, path
//! params, query params, body, headers), the answer it gives, hit counting, whole lists served
//! page by page, and a clear failure for requests no mock matches.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use serde_json::Value;
use wiremock::{Match, Request, Respond, ResponseTemplate};

use super::encode_path;

/// Declares an operation's matcher and answer types (`$when`, `$then`, for the operation `$id`)
/// with what every operation's mock has: the `credentials` matcher, and the raw answers
/// `status`, `body` and `header`. The generated `mock` module adds each operation's own
/// matchers and answers in its own `impl` blocks.
macro_rules! operation_mock {
    ($id:literal, $when:ident, $then:ident) => {
        #[doc = concat!("What a request of `", $id, "` must be.")]
        #[derive(Debug)]
        pub struct $when($crate::runtime::mock::When);

        impl $when {
            /// The request must carry these credentials.
            pub fn credentials(&mut self, credentials: &$crate::Credentials) -> &mut Self {
                for (name, secret) in credentials.headers() {
                    self.0.header(name, secret.expose());
                }
                self
            }
        }

        #[doc = concat!("The answer of a mock of `", $id, "`.")]
        #[derive(Debug)]
        pub struct $then($crate::runtime::mock::Then);

        impl $then {
            /// Answers `status` (with the body set by [`body`](Self::body), if any).
            pub fn status(&mut self, status: u16) -> &mut Self {
                self.0.status(status);
                self
            }

            /// Answers with `text` as the body, whatever the operation documents.
            pub fn body(&mut self, text: impl Into<String>) -> &mut Self {
                self.0.text(text.into());
                self
            }

            /// Adds a response header.
            pub fn header(&mut self, name: &str, value: &str) -> &mut Self {
                self.0.header(name, value);
                self
            }
        }
    };
}
pub(crate) use operation_mock;

/// A running mock server.
pub(crate) struct Server {
    inner: wiremock::MockServer,
}

impl Server {
    /// Starts a server on 127.0.0.1 at a free port. A request that no mock matches gets a 404
    /// whose body names its method and path.
    pub(crate) async fn start() -> Server {
        let inner = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(Unmatched)
            .with_priority(u8::MAX)
            .mount(&inner)
            .await;
        Server { inner }
    }

    /// The server's base URL, e.g. `http://127.0.0.1:41234`.
    pub(crate) fn uri(&self) -> String {
        self.inner.uri()
    }

    /// Mounts the mock of `operation`: requests matching `when` get `then`'s answer.
    pub(crate) async fn mount(&self, operation: &'static str, when: When, then: Then) -> Mock {
        let hits = Arc::new(AtomicUsize::new(0));
        let answer = Answer {
            then,
            hits: hits.clone(),
        };
        wiremock::Mock::given(when)
            .respond_with(answer)
            .named(operation)
            .mount(&self.inner)
            .await;
        Mock { operation, hits }
    }
}

/// A mounted mock: how often it answered.
#[derive(Debug, Clone)]
pub struct Mock {
    operation: &'static str,
    hits: Arc<AtomicUsize>,
}

impl Mock {
    /// How many requests this mock has answered so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// Panics unless this mock has answered exactly `expected` requests.
    #[track_caller]
    pub fn assert_hits(&self, expected: usize) {
        let hits = self.hits();
        assert!(
            hits == expected,
            "the mock of `{}` answered {hits} request(s), expected {expected}",
            self.operation
        );
    }
}

/// One segment of a path template: literal text, or a param with the value the test expects.
#[derive(Debug, Clone)]
enum Segment {
    Literal(String),
    Param(String, Option<String>),
}

/// What a request must be for a mock to answer it.
#[derive(Debug, Clone)]
pub(crate) struct When {
    method: &'static str,
    segments: Vec<Segment>,
    query: Vec<(String, String)>,
    body: Option<Value>,
    raw_body: Option<Vec<u8>>,
    headers: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
    parts: Vec<(String, Expected)>,
}

/// What the parts of a multipart body named alike must hold, in order.
#[derive(Debug, Clone)]
enum Expected {
    Texts(Vec<String>),
    Json(Value),
    Contents(Vec<Vec<u8>>),
}

impl When {
    /// Requests of `method` to the path template `path` (e.g. `/tasks/{id}`), any param values.
    pub(crate) fn new(method: &'static str, path: &'static str) -> When {
        let segments = path
            .trim_start_matches('/')
            .split('/')
            .map(
                |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => Segment::Param(name.to_owned(), None),
                    None => Segment::Literal(segment.to_owned()),
                },
            )
            .collect();
        When {
            method,
            segments,
            query: Vec::new(),
            body: None,
            raw_body: None,
            headers: Vec::new(),
            cookies: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// The path param `name` must be `value`.
    #[allow(dead_code)] // unused when no operation has path params
    pub(crate) fn path_param(&mut self, name: &str, value: &str) {
        self.path_segment(name, encode_path(value));
    }

    /// The path param `name` must be written as `segment` (in its style, percent-encoded).
    #[allow(dead_code)] // unused when no path param has a style of its own
    pub(crate) fn path_segment(&mut self, name: &str, segment: String) {
        for expected_segment in &mut self.segments {
            if let Segment::Param(param, expected) = expected_segment
                && param == name
            {
                *expected = Some(segment.clone());
            }
        }
    }

    /// The query param `name` must be `value` written in `style` (as the client writes it).
    #[allow(dead_code)] // unused when no query param has a style of its own
    pub(crate) fn query_param_styled<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: super::Style,
        explode: bool,
    ) {
        (self.query).extend(super::styled_query_pairs(name, value, style, explode));
    }

    /// The query param `name` must be `value` (as the client writes it).
    #[allow(dead_code)] // unused when no operation has query params
    pub(crate) fn query_param<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.query.extend(super::query_pairs(name, value));
    }

    /// The body must be exactly `body`.
    #[allow(dead_code)] // unused when no operation sends text or bytes
    pub(crate) fn raw_body(&mut self, body: &[u8]) {
        self.raw_body = Some(body.to_vec());
    }

    /// The header param `name` must be `value` (as the client writes it).
    #[allow(dead_code)] // unused when no operation has header params
    pub(crate) fn header_param<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.headers
            .push((name.to_ascii_lowercase(), super::plain_text(value)));
    }

    /// The cookie param `name` must be `value` (as the client writes it).
    #[allow(dead_code)] // unused when no operation has cookie params
    pub(crate) fn cookie_param<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.cookies
            .push((name.to_owned(), super::plain_text(value)));
    }

    /// The multipart body's parts `name` must be these values, in order (as the client writes
    /// them).
    #[allow(dead_code)] // unused when no operation has a multipart body
    pub(crate) fn part_texts<T: Serialize>(&mut self, name: &str, values: &[T]) {
        let texts = values.iter().map(super::plain_text).collect();
        self.parts.push((name.to_owned(), Expected::Texts(texts)));
    }

    /// The multipart body's part `name` must be this JSON.
    #[allow(dead_code)] // unused when no operation has a multipart body
    pub(crate) fn part_json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        self.parts.push((name.to_owned(), Expected::Json(value)));
    }

    /// The multipart body's file parts `name` must have these contents, in order.
    #[allow(dead_code)] // unused when no operation has a multipart body
    pub(crate) fn part_files(&mut self, name: &str, contents: &[&[u8]]) {
        let contents = contents.iter().map(|c| c.to_vec()).collect();
        self.parts
            .push((name.to_owned(), Expected::Contents(contents)));
    }

    /// The JSON body must equal `body`.
    #[allow(dead_code)] // unused when no operation has a body
    pub(crate) fn body<T: Serialize + ?Sized>(&mut self, body: &T) {
        self.body = serde_json::to_value(body).ok();
    }

    /// The header `name` must be `value`.
    pub(crate) fn header(&mut self, name: &str, value: &str) {
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    fn path_matches(&self, path: &str) -> bool {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        segments.len() == self.segments.len()
            && self
                .segments
                .iter()
                .zip(segments)
                .all(|(expected, actual)| match expected {
                    Segment::Literal(text) => text == actual,
                    Segment::Param(_, Some(value)) => value == actual,
                    Segment::Param(_, None) => !actual.is_empty(),
                })
    }
}

impl Match for When {
    fn matches(&self, request: &Request) -> bool {
        let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let body_matches = match &self.body {
            None => true,
            Some(expected) => {
                serde_json::from_slice::<Value>(&request.body).ok().as_ref() == Some(expected)
            }
        };
        request.method.as_str() == self.method
            && self.path_matches(request.url.path())
            && self.query.iter().all(|pair| pairs.contains(pair))
            && self.headers.iter().all(|(name, value)| {
                request
                    .headers
                    .get(name.as_str())
                    .and_then(|v| v.to_str().ok())
                    == Some(value)
            })
            && self
                .cookies
                .iter()
                .all(|cookie| cookies(request).contains(cookie))
            && body_matches
            && self
                .raw_body
                .as_ref()
                .is_none_or(|raw| *raw == request.body)
            && self.parts_match(request)
    }
}

impl When {
    /// Whether the request's multipart body has the parts expected (true when none are).
    fn parts_match(&self, request: &Request) -> bool {
        if self.parts.is_empty() {
            return true;
        }
        let content_type = request.headers.get("content-type");
        let Some(parts) = content_type
            .and_then(|v| v.to_str().ok())
            .and_then(|v| super::multipart::read(v, &request.body))
        else {
            return false;
        };
        self.parts.iter().all(|(name, expected)| {
            let named = parts.iter().filter(|p| p.name == *name).map(|p| &p.content);
            let contents: Vec<&Vec<u8>> = named.collect();
            match expected {
                Expected::Texts(texts) => contents
                    .iter()
                    .map(|c| c.as_slice())
                    .eq(texts.iter().map(String::as_bytes)),
                Expected::Contents(expected) => contents.iter().copied().eq(expected.iter()),
                Expected::Json(value) => matches!(contents.as_slice(), [content]
                    if serde_json::from_slice::<Value>(content).ok().as_ref() == Some(value)),
            }
        })
    }
}

/// The cookies a request carries in its `Cookie` headers, their values percent-decoded.
fn cookies(request: &Request) -> Vec<(String, String)> {
    let headers = request.headers.get_all("cookie").iter();
    let pairs = headers
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'));
    pairs
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .ok()?;
            Some((name.to_owned(), value.into_owned()))
        })
        .collect()
}

/// How a paged list operation pages: its params, the default and the largest page size.
#[allow(dead_code)] // unused when no operation is paged
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paging {
    pub(crate) page: &'static str,
    pub(crate) size: &'static str,
    pub(crate) default_size: i64,
    pub(crate) max_size: i64,
}

/// The answer a mock gives.
#[derive(Debug, Clone, Default)]
pub(crate) struct Then {
    status: Option<u16>,
    body: Option<(Vec<u8>, &'static str)>,
    headers: Vec<(String, String)>,
    pages: Option<(Vec<Value>, Paging)>,
    switch: bool,
}

impl Then {
    /// Answers `status` with `body` as JSON.
    #[allow(dead_code)] // unused when no operation answers with a body nor an error body
    pub(crate) fn json<T: Serialize + ?Sized>(&mut self, status: u16, body: &T) {
        self.status = Some(status);
        let json = serde_json::to_vec(body).unwrap_or_default();
        self.body = Some((json, "application/json"));
    }

    /// Answers `status` with `body` of `content_type`.
    #[allow(dead_code)] // unused when no operation answers with text or bytes
    pub(crate) fn raw(&mut self, status: u16, body: &[u8], content_type: &'static str) {
        self.status = Some(status);
        self.body = Some((body.to_vec(), content_type));
    }

    /// Answers `status` without a body.
    #[allow(dead_code)] // unused when every operation answers with a body
    pub(crate) fn empty(&mut self, status: u16) {
        self.status = Some(status);
        self.body = None;
    }

    /// Answers `101 Switching Protocols` to the protocol the request asks for.
    #[allow(dead_code)] // unused when no operation upgrades its connection
    pub(crate) fn switch(&mut self) {
        self.switch = true;
        self.status = Some(101);
        self.body = None;
    }

    /// Answers `status` (keeping any body set).
    pub(crate) fn status(&mut self, status: u16) {
        self.status = Some(status);
    }

    /// Answers with `text` as the body.
    pub(crate) fn text(&mut self, text: String) {
        self.body = Some((text.into_bytes(), "text/plain"));
    }

    /// Adds a response header.
    pub(crate) fn header(&mut self, name: &str, value: &str) {
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// Serves `items` page by page, as the request's page and size params ask.
    #[allow(dead_code)] // unused when no operation is paged
    pub(crate) fn pages<T: Serialize>(&mut self, items: &[T], paging: Paging) {
        let items = items
            .iter()
            .filter_map(|i| serde_json::to_value(i).ok())
            .collect();
        self.pages = Some((items, paging));
    }

    fn template(&self, request: &Request) -> ResponseTemplate {
        let mut template = match (&self.pages, self.status) {
            (Some((items, paging)), _) => page(items, *paging, request),
            (None, _) if self.switch => {
                let protocol = request.headers.get("upgrade").cloned();
                let template = ResponseTemplate::new(101).insert_header("connection", "upgrade");
                match protocol {
                    Some(protocol) => template.insert_header("upgrade", protocol),
                    None => template,
                }
            }
            (None, None) if self.body.is_none() => ResponseTemplate::new(500)
                .set_body_string("this mock has no answer: set one with `then.ok(…)`, `then.error(…)` or `then.status(…)`"),
            (None, status) => {
                let template = ResponseTemplate::new(status.unwrap_or(200));
                match &self.body {
                    Some((bytes, kind)) => template.set_body_raw(bytes.clone(), kind),
                    None => template,
                }
            }
        };
        for (name, value) in &self.headers {
            template = template.insert_header(name.as_str(), value.as_str());
        }
        template
    }
}

/// One page of `items`, as the request's query asks (page from 0; the default size when unset).
fn page(items: &[Value], paging: Paging, request: &Request) -> ResponseTemplate {
    let read = |name: &str, default: i64| match request.url.query_pairs().find(|(k, _)| k == name) {
        Some((_, value)) => value.parse::<i64>().ok(),
        None => Some(default),
    };
    let (Some(page), Some(size)) = (read(paging.page, 0), read(paging.size, paging.default_size))
    else {
        return ResponseTemplate::new(422).set_body_string("page and size must be integers");
    };
    if page < 0 || size < 0 || size > paging.max_size {
        let message = format!(
            "`{}` must be 0 or more and `{}` from 0 to {}",
            paging.page, paging.size, paging.max_size
        );
        return ResponseTemplate::new(422).set_body_string(message);
    }
    let start = usize::try_from(page.saturating_mul(size))
        .unwrap_or(usize::MAX)
        .min(items.len());
    let end = start
        .saturating_add(usize::try_from(size).unwrap_or(0))
        .min(items.len());
    ResponseTemplate::new(200).set_body_json(&items[start..end])
}

/// A mock's responder: its answer, counting each request it answers.
struct Answer {
    then: Then,
    hits: Arc<AtomicUsize>,
}

impl Respond for Answer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.hits.fetch_add(1, Ordering::SeqCst);
        self.then.template(request)
    }
}

/// The answer to a request no mock matches: 404, naming its method and path.
struct Unmatched;

impl Respond for Unmatched {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = request
            .url
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        ResponseTemplate::new(404).set_body_string(format!(
            "no mock matches {} {}{query}: mount one on the MockServer (e.g. `server.<operation>(|when, then| …)`)",
            request.method,
            request.url.path()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_literals_and_expected_params() {
        let mut when = When::new("GET", "/tasks/{id}");
        assert!(when.path_matches("/tasks/7") && !when.path_matches("/tasks"));
        when.path_param("id", "7");
        assert!(when.path_matches("/tasks/7") && !when.path_matches("/tasks/8"));
        assert!(!when.path_matches("/clients/7"));
    }
}
