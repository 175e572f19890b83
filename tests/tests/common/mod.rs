//! Helpers the wire tests share: a local server, the client pointed at it, and assertions on
//! what the server received.
#![allow(dead_code)] // each test binary uses its own subset

pub mod cli;
pub mod raw;

use serde_json::Value;
use timetrack_client::{Client, Credentials};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const KEY: &str = "test-api-key-4f1c";
pub const SECRET: &str = "test-api-secret-9b7e";
pub const BASE: &str = "/api/v2/ext";

pub async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::with_base_url(
        &format!("{}{BASE}", server.uri()),
        Credentials::new(KEY, SECRET),
    )
    .expect("a loopback base URL is valid");
    (server, client)
}

/// Answers `verb path` with `response`.
pub async fn answer(server: &MockServer, verb: &str, route: &str, response: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(format!("{BASE}{route}")))
        .respond_with(response)
        .mount(server)
        .await;
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("ASCII header"))
}

/// Both credentials, each with its own value, as the docs' curl examples send them, and no
/// header the docs do not have beyond HTTP's own.
pub fn assert_credentials(request: &Request) {
    assert_eq!(header(request, "X-TimeTrack-Api-Key"), Some(KEY));
    assert_eq!(header(request, "X-TimeTrack-Api-Secret"), Some(SECRET));
    let mut names: Vec<&str> = request.headers.keys().map(|n| n.as_str()).collect();
    names.sort();
    let allowed = [
        "accept",
        "content-length",
        "content-type",
        "host",
        "user-agent",
        "x-timetrack-api-key",
        "x-timetrack-api-secret",
    ];
    assert!(
        names.iter().all(|n| allowed.contains(n)),
        "unexpected headers: {names:?}"
    );
}

pub fn assert_no_body(request: &Request) {
    assert!(
        request.body.is_empty(),
        "unexpected body: {:?}",
        String::from_utf8_lossy(&request.body)
    );
}

pub fn json_response(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// The one request: `verb route` with JSON, both credentials; its body.
pub async fn sent_json(server: &wiremock::MockServer, verb: &str, route: &str) -> Value {
    let request = only_request(server).await;
    assert_eq!(request.method.as_str(), verb);
    assert_eq!(request.url.path(), format!("{BASE}{route}"));
    assert_eq!(header(&request, "Content-Type"), Some("application/json"));
    assert_credentials(&request);
    serde_json::from_slice(&request.body).unwrap()
}

/// The one request: `verb route` with `query`, both credentials, no body.
pub async fn sent_nothing(
    server: &wiremock::MockServer,
    verb: &str,
    route: &str,
    query: Option<&str>,
) {
    let request = only_request(server).await;
    assert_eq!(request.method.as_str(), verb);
    assert_eq!(request.url.path(), format!("{BASE}{route}"));
    assert_eq!(request.url.query(), query);
    assert_credentials(&request);
    assert_no_body(&request);
}

/// The query pairs of `request`, sorted, for comparing without depending on their order.
pub fn sorted_query(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    pairs.sort();
    pairs
}
