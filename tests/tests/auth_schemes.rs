//! Credentials beyond API keys, on the wire, through the snapshot crates of
//! `generator/tests/specs/http_basic.yaml` (HTTP basic beside an API key) and `bearer.yaml` (an
//! OAuth 2 access token sent as a bearer token): the `Authorization` header they make, and
//! `Debug` that shows none of it.

use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    server
}

async fn header(server: &MockServer, name: &str) -> Option<String> {
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    let value = requests[0].headers.get(name)?;
    Some(value.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn http_basic_sends_the_base64_of_username_and_password() {
    use snapshot_http_basic::{Client, Credentials};
    let server = server().await;
    let credentials = Credentials::new("AC123", "s3cret-token", "eu1");
    let shown = format!("{credentials:?}");
    assert!(
        !shown.contains("AC123") && !shown.contains("s3cret"),
        "{shown}"
    );
    let client = Client::with_base_url(&server.uri(), credentials).unwrap();

    client.read_account("AC123").send().await.unwrap();

    // base64("AC123:s3cret-token")
    assert_eq!(
        header(&server, "authorization").await.as_deref(),
        Some("Basic QUMxMjM6czNjcmV0LXRva2Vu")
    );
    assert_eq!(header(&server, "x-region").await.as_deref(), Some("eu1"));
}

#[tokio::test]
async fn an_oauth2_access_token_is_sent_as_a_bearer_token() {
    use snapshot_bearer::{Client, Credentials};
    let server = server().await;
    let credentials = Credentials::new("t0k3n");
    assert!(!format!("{credentials:?}").contains("t0k3n"));
    let client = Client::with_base_url(&server.uri(), credentials).unwrap();

    client.read_me().send().await.unwrap();

    assert_eq!(
        header(&server, "authorization").await.as_deref(),
        Some("Bearer t0k3n")
    );
}
