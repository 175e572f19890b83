//! What the generator accepts beyond JSON CRUD, on the wire, through the snapshot crate of
//! `generator/tests/specs/breadth.yaml`: header params (required ones are arguments, optional
//! ones setters, their rules checked), JSON media types with parameters and `+json`, an enum
//! without `type`, and a param named like a builder method (`stream` → `stream_param`).

use serde_json::json;
use snapshot_breadth::types::{Document, Status};
use snapshot_breadth::{Client, Credentials, Error};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();
    (server, client)
}

fn header<'a>(request: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn header_params_are_sent_and_a_json_suffix_media_type_is_decoded() {
    let (server, client) = server_and_client().await;
    let document = json!({"id": 7, "title": "Minutes", "status": "draft"});
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/documents/7"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            document.to_string(),
            "application/vnd.example.document+json",
        ))
        .mount(&server)
        .await;

    let found = client
        .read_document(7, "req-42")
        .accept_language("de")
        .x_max_age(60)
        .send()
        .await
        .unwrap();

    assert_eq!(found.status, Some(Status::Draft));
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(header(request, "x-request-id"), Some("req-42"));
    assert_eq!(header(request, "accept-language"), Some("de"));
    assert_eq!(header(request, "x-max-age"), Some("60"));
    assert_eq!(header(request, "x-api-key"), Some("key"));
}

#[tokio::test]
async fn optional_headers_that_are_not_set_are_not_sent_and_rules_apply_to_headers() {
    let (server, client) = server_and_client().await;
    let document = json!({"id": 7, "title": "Minutes"});
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(document))
        .mount(&server)
        .await;

    client.read_document(7, "req-1").send().await.unwrap();
    let refused = client
        .read_document(7, "req-2")
        .x_max_age(-1)
        .send()
        .await
        .unwrap_err();
    let bad_value = client
        .read_document(7, "line\nbreak")
        .send()
        .await
        .unwrap_err();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "refused requests must not be sent");
    assert_eq!(header(&requests[0], "accept-language"), None);
    assert!(
        refused.to_string().contains("`X-Max-Age` = -1"),
        "{refused}"
    );
    assert!(
        matches!(bad_value, Error::InvalidRequest(_)),
        "{bad_value:?}"
    );
}

#[tokio::test]
async fn json_with_a_charset_decodes_answers_and_errors() {
    let (server, client) = server_and_client().await;
    let list = json!([{"id": 1, "title": "A", "status": "published"}]);
    Mock::given(matchers::path("/documents"))
        .and(matchers::query_param("stream", "weekly"))
        .and(matchers::query_param("status", "published"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(list.to_string(), "application/json; charset=utf-8"),
        )
        .mount(&server)
        .await;
    Mock::given(matchers::path("/documents/9"))
        .respond_with(ResponseTemplate::new(404).set_body_raw(
            r#"{"detail":"no such document"}"#,
            "application/json; charset=utf-8",
        ))
        .mount(&server)
        .await;

    let documents: Vec<Document> = client
        .list_documents()
        .stream_param("weekly")
        .status(Status::Published)
        .send()
        .await
        .unwrap();
    let err = client.read_document(9, "req-3").send().await.unwrap_err();

    assert_eq!(documents[0].title, "A");
    assert_eq!(
        err.body().and_then(|p| p.detail.as_deref()),
        Some("no such document")
    );
}

#[tokio::test]
async fn the_mock_matches_header_params() {
    let server = snapshot_breadth::mock::MockServer::start().await;
    let document = Document {
        id: 7,
        title: "Minutes".into(),
        status: None,
    };
    let read = server
        .read_document(|when, then| {
            when.id(7).x_request_id("req-42");
            then.ok(&document);
        })
        .await;
    let client = server.client();

    assert_eq!(
        client.read_document(7, "req-42").send().await.unwrap(),
        document
    );
    assert!(
        client
            .read_document(7, "other")
            .send()
            .await
            .unwrap_err()
            .is_not_found()
    );
    read.assert_hits(1);
}

#[tokio::test]
async fn a_spec_without_servers_gives_a_client_built_from_a_base_url_only() {
    use snapshot_no_servers::{Client, Credentials, Error};
    let server = MockServer::start().await;
    Mock::given(matchers::path("/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"up": true, "version": "1"})))
        .mount(&server)
        .await;

    let missing = Client::builder(Credentials::new("key"))
        .build()
        .unwrap_err();
    let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();

    assert!(
        matches!(&missing, Error::Config(m) if m.contains("base_url")),
        "{missing:?}"
    );
    assert!(client.read_status().send().await.is_ok());
}
