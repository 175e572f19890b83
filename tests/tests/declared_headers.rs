//! Declared `Accept` and `Content-Type` header params, through the snapshot crate of
//! `generator/tests/specs/declared_headers.yaml`: one allowed value is sent in place of the
//! client's own; several are a typed choice that replaces it. Each header is sent once.

use serde_json::json;
use snapshot_declared_headers::{Client, Credentials, types};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

async fn answering(body: serde_json::Value) -> (MockServer, Client) {
    answering_with(200, body).await
}

async fn answering_with(status: u16, body: serde_json::Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new()).unwrap();
    (server, client)
}

/// Every value of header `name` in the one request the server received.
async fn sent(server: &MockServer, name: &str) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    let values = requests[0].headers.get_all(name);
    values
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_one_value_accept_is_what_the_client_asks_for() {
    let (server, client) = answering(json!([{"title": "Q1"}])).await;
    let reports = client.list_reports().send().await.unwrap();
    assert_eq!(reports[0].title, "Q1");
    assert_eq!(
        sent(&server, "accept").await,
        ["application/vnd.example.v2+json"]
    );
}

#[tokio::test]
async fn a_one_value_content_type_is_what_the_json_body_is_sent_as() {
    let (server, client) = answering_with(201, json!({"title": "Q2"})).await;
    client.create_report("Q2").send().await.unwrap();
    assert_eq!(
        sent(&server, "content-type").await,
        ["application/vnd.example.report+json"]
    );
    let requests = server.received_requests().await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, json!({"title": "Q2"}));
}

#[tokio::test]
async fn a_declared_accept_with_choices_replaces_the_client_s_own() {
    let (server, client) = answering(json!({"title": "Q3"})).await;
    client.read_report(3).send().await.unwrap();
    assert_eq!(sent(&server, "accept").await, ["application/json"]);

    let (server, client) = answering(json!({"title": "Q3"})).await;
    let csv = types::ReadReportAccept::TextCsv;
    // The answer is not JSON, so decoding fails; what matters is what was asked for.
    let _ = client.read_report(3).accept(csv).send().await;
    assert_eq!(sent(&server, "accept").await, ["text/csv"]);
}
