//! Request bodies the spec does not require, on the wire, through the snapshot crate of
//! `generator/tests/specs/optional_bodies.yaml`: an object of optional fields is sent only when
//! a field is set; a form with a required field is always sent; a whole body (text, a JSON
//! array) is a setter and nothing is sent unless it is set.

use snapshot_optional_bodies::{Client, Credentials};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers};

/// A server answering every request with a note, `201` to a `POST` (a create), else `200`.
async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let note = serde_json::json!({"id": 7, "title": "Groceries"});
    Mock::given(matchers::method("POST"))
        .and(matchers::path_regex("^/(notes|reminders)$"))
        .respond_with(ResponseTemplate::new(201).set_body_json(&note))
        .mount(&server)
        .await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(note))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn content_type(request: &Request) -> Option<&str> {
    request
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn an_optional_body_of_optional_fields_is_sent_only_when_a_field_is_set() {
    let (server, client) = server_and_client().await;
    client.update_note(7).send().await.unwrap();
    let request = only_request(&server).await;
    assert!(request.body.is_empty(), "{:?}", request.body);
    assert_eq!(content_type(&request), None);

    let (server, client) = server_and_client().await;
    client.update_note(7).pinned(true).send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        serde_json::json!({"pinned": true})
    );
    assert_eq!(content_type(&request), Some("application/json"));
}

#[tokio::test]
async fn an_optional_form_with_a_required_field_is_always_sent() {
    let (server, client) = server_and_client().await;
    client.create_note("Groceries").send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.body, b"title=Groceries");
    assert_eq!(
        content_type(&request),
        Some("application/x-www-form-urlencoded")
    );
}

#[tokio::test]
async fn an_optional_whole_body_is_sent_only_when_set() {
    let (server, client) = server_and_client().await;
    client.write_note_text(7).send().await.unwrap();
    let request = only_request(&server).await;
    assert!(request.body.is_empty());
    assert_eq!(content_type(&request), None);

    let (server, client) = server_and_client().await;
    client
        .write_note_text(7)
        .body("milk, eggs")
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.body, b"milk, eggs");
    assert_eq!(content_type(&request), Some("text/plain"));

    let (server, client) = server_and_client().await;
    client
        .tag_note(7)
        .body(vec!["home".to_owned()])
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.body, br#"["home"]"#);
}

#[tokio::test]
async fn unset_fields_with_a_default_are_sent_with_the_spec_default() {
    let (server, client) = server_and_client().await;
    client.create_reminder("Call Ann").send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        serde_json::json!({
            "text": "Call Ann",
            "minutes_before": 15,
            "channel": "push",
            "repeat": true,
            "priority": "normal",
            "snooze": {"kind": "never"},
            "labels": ["reminder"],
            "muted": false,
        })
    );
}

#[tokio::test]
async fn a_setter_replaces_the_spec_default() {
    use snapshot_optional_bodies::types::Priority;
    let (server, client) = server_and_client().await;
    client
        .create_reminder("Call Ann")
        .minutes_before(5)
        .priority(Priority::High)
        .send()
        .await
        .unwrap();
    let body: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(body["minutes_before"], 5);
    assert_eq!(body["priority"], "high");
    assert_eq!(body["channel"], "push");
}
