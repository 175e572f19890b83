//! `ClientBuilder::http_client`: the caller's own reqwest client carries the requests, and the
//! credentials and user agent are still added to every one.

mod common;

use common::{BASE, KEY, SECRET, header, json_response};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::json;
use timetrack_client::{Client, Credentials};
use wiremock::{Mock, MockServer, matchers};

#[tokio::test]
async fn a_prebuilt_http_client_is_used_and_still_gets_the_credentials() {
    // This binary's own reqwest client needs a crypto provider; the generated client never
    // installs one (see process_state.rs), so the application does, as it would.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(json_response(200, json!({"id": 1, "name": "x"})))
        .mount(&server)
        .await;
    let mut defaults = HeaderMap::new();
    defaults.insert("x-company-proxy", HeaderValue::from_static("tag-7"));
    let http = reqwest::Client::builder()
        .default_headers(defaults)
        .build()
        .unwrap();
    let client = Client::builder(Credentials::new(KEY, SECRET))
        .base_url(format!("{}{BASE}", server.uri()))
        .user_agent("my-integration/1.0")
        .http_client(http)
        .build()
        .unwrap();

    client.read_task(1).send().await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(header(request, "x-company-proxy"), Some("tag-7"));
    assert_eq!(header(request, "X-TimeTrack-Api-Key"), Some(KEY));
    assert_eq!(header(request, "X-TimeTrack-Api-Secret"), Some(SECRET));
    assert_eq!(header(request, "user-agent"), Some("my-integration/1.0"));
}
