//! Alternative security requirements, through the snapshot crate of
//! `generator/tests/specs/alternative_security.yaml`: the API accepts an app key with its secret,
//! or a bearer token. Each constructor of `Credentials` sends its own set and nothing of the other.

use snapshot_alternative_security::{Client, Credentials};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

/// The credential headers of the one request the server received.
async fn credential_headers(credentials: Credentials) -> Vec<(String, String)> {
    let server = MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"name": "ana"})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), credentials).unwrap();
    let me = client.read_me().send().await.unwrap();
    assert_eq!(me.name, "ana");
    let requests = server.received_requests().await.unwrap();
    let mut headers: Vec<(String, String)> = requests[0]
        .headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("x-app") || name.as_str() == "authorization")
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

fn pair(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

#[tokio::test]
async fn the_key_and_secret_set_sends_both_and_no_token() {
    let sent = credential_headers(Credentials::app_key_and_app_secret("k-1", "s-1")).await;
    assert_eq!(
        sent,
        [pair("x-app-key", "k-1"), pair("x-app-secret", "s-1")]
    );
}

#[tokio::test]
async fn the_token_set_sends_a_bearer_token_only() {
    let sent = credential_headers(Credentials::token("t-1")).await;
    assert_eq!(sent, [pair("authorization", "Bearer t-1")]);
}

#[test]
fn debug_shows_which_credentials_are_set_and_no_value() {
    let shown = format!(
        "{:?}",
        Credentials::app_key_and_app_secret("k-secret", "s-secret")
    );
    assert!(
        !shown.contains("k-secret") && !shown.contains("s-secret"),
        "{shown}"
    );
    assert!(shown.contains("token: None"), "{shown}");
}
