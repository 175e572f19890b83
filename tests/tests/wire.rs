//! The generated client against a local server (wiremock on 127.0.0.1): what it sends for each
//! operation of `tasks.md`, how it decodes answers, and how it fails.
//!
//! wiremock is used because it records every request it receives, so a test can assert on the
//! exact method, path, query, headers and body bytes, and it answers with any status and body.

mod common;

use common::*;
use serde_json::{Value, json};
use timetrack_client::{Client, Credentials, Error, StatusCode, types};
use wiremock::ResponseTemplate;

fn task(id: i64, name: &str) -> Value {
    json!({"id": id, "name": name, "notes": "Test task for API", "hourRate": 30.0})
}

// --- what the client sends -------------------------------------------------------------------

#[tokio::test]
async fn list_without_filter_is_a_plain_get() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks",
        json_response(200, json!([task(1, "Development"), task(2, "Testing")])),
    )
    .await;

    let tasks = client.list_tasks().send().await.unwrap();

    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[1].name, "Testing");
    sent_nothing(&server, "GET", "/tasks", None).await;
}

#[tokio::test]
async fn list_with_name_filter_sends_the_docs_query() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks",
        json_response(200, json!([task(3, "Test")])),
    )
    .await;

    let found = client.list_tasks().name("est").send().await.unwrap();

    assert_eq!(found[0].id, 3);
    sent_nothing(&server, "GET", "/tasks", Some("name=est")).await;
}

#[tokio::test]
async fn list_paging_params_go_in_the_query() {
    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/tasks", json_response(200, json!([]))).await;

    client
        .list_tasks()
        .page_number(2)
        .limit(1000)
        .name("a b")
        .send()
        .await
        .unwrap();

    let pairs = sorted_query(&only_request(&server).await);
    assert_eq!(
        pairs,
        [
            ("limit".into(), "1000".into()),
            ("name".into(), "a b".into()),
            ("page_number".into(), "2".into())
        ]
    );
}

#[tokio::test]
async fn read_gets_the_task_by_id() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks/1",
        json_response(200, task(1, "Development")),
    )
    .await;

    let read = client.read_task(1).send().await.unwrap();

    assert_eq!((read.id, read.name.as_str()), (1, "Development"));
    sent_nothing(&server, "GET", "/tasks/1", None).await;
}

#[tokio::test]
async fn create_posts_the_docs_json() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "POST",
        "/tasks",
        json_response(
            200,
            json!({"id": 7, "name": "Development", "hourRate": 30.0}),
        ),
    )
    .await;

    let created = client
        .create_task("Development")
        .hour_rate(30.0)
        .send()
        .await
        .unwrap();

    assert_eq!(created.id, 7);
    assert_eq!(created.hour_rate, Some(30.0));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/v2/ext/tasks");
    assert_eq!(header(&request, "Content-Type"), Some("application/json"));
    assert_credentials(&request);
    // JSON objects are unordered; the values must be exactly the docs' (30.0 stays a number).
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"name": "Development", "hourRate": 30.0}));
    assert!(
        std::str::from_utf8(&request.body)
            .unwrap()
            .contains(r#""hourRate":30.0"#)
    );
}

#[tokio::test]
async fn update_puts_the_docs_json() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "PUT",
        "/tasks/1",
        json_response(200, task(1, "Development")),
    )
    .await;

    let updated = client
        .update_task(1)
        .hour_rate(35.5)
        .notes("Test task for API")
        .send()
        .await
        .unwrap();

    assert_eq!(updated.id, 1);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/api/v2/ext/tasks/1");
    assert_eq!(header(&request, "Content-Type"), Some("application/json"));
    assert_credentials(&request);
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({"hourRate": 35.5, "notes": "Test task for API"})
    );
    assert!(sent.get("name").is_none() && sent.get("id").is_none());
}

#[tokio::test]
async fn bodies_built_up_front_are_sent_as_is() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "POST",
        "/tasks",
        json_response(200, task(8, "Support")),
    )
    .await;

    let body = types::TaskCreate {
        name: "Support".into(),
        notes: Some("n".into()),
        hour_rate: None,
    };
    client.create_task_with_body(body).send().await.unwrap();

    let request = only_request(&server).await;
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"name": "Support", "notes": "n"}));
}

#[tokio::test]
async fn delete_sends_no_body() {
    let (server, client) = server_and_client().await;
    answer(&server, "DELETE", "/tasks/1", ResponseTemplate::new(204)).await;

    client.delete_task(1).send().await.unwrap();

    sent_nothing(&server, "DELETE", "/tasks/1", None).await;
}

// --- decoding --------------------------------------------------------------------------------

#[tokio::test]
async fn delete_accepts_json_empty_and_no_content() {
    for response in [
        json_response(200, json!({"id": 1, "deleted": true})),
        ResponseTemplate::new(200),
        ResponseTemplate::new(204),
    ] {
        let (server, client) = server_and_client().await;
        answer(&server, "DELETE", "/tasks/1", response).await;
        client.delete_task(1).send().await.unwrap();
    }
}

#[tokio::test]
async fn unknown_fields_are_ignored_and_optional_fields_may_be_absent_or_null() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks",
        json_response(
            200,
            json!([
                {"id": 1, "name": "a", "archived": false, "createdAt": "2020-10-23T14:30:00Z"},
                {"id": 2, "name": "b", "notes": null, "hourRate": null},
                {"id": 3, "name": "c", "notes": "n", "hourRate": 20.5}
            ]),
        ),
    )
    .await;

    let tasks = client.list_tasks().send().await.unwrap();

    assert_eq!(
        (tasks[0].notes.as_deref(), tasks[0].hour_rate),
        (None, None)
    );
    assert_eq!(
        (tasks[1].notes.as_deref(), tasks[1].hour_rate),
        (None, None)
    );
    assert_eq!(
        (tasks[2].notes.as_deref(), tasks[2].hour_rate),
        (Some("n"), Some(20.5))
    );
}

// --- failures --------------------------------------------------------------------------------

fn envelope(status: u16, code: i64, title: &str) -> Value {
    json!({"errors": [{"title": title, "status": status, "code": code, "detail": "more"}]})
}

#[tokio::test]
async fn not_found_decodes_the_errors_envelope() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks/9",
        json_response(404, envelope(404, 15020, "Task exist but it is deleted")),
    )
    .await;

    let err = client.read_task(9).send().await.unwrap_err();

    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    let Error::Api { status, body, .. } = &err else {
        panic!("expected an API error, got {err:?}")
    };
    assert_eq!(*status, StatusCode::NOT_FOUND);
    let first = &body.errors[0];
    assert_eq!(first.title.as_deref(), Some("Task exist but it is deleted"));
    assert_eq!((first.status, first.code), (Some(404), Some(15020)));
    assert_eq!(first.detail.as_deref(), Some("more"));
    assert!(err.to_string().contains("404 Not Found"), "{err}");
}

#[tokio::test]
async fn unprocessable_decodes_the_errors_envelope() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "POST",
        "/tasks",
        json_response(422, envelope(422, 10001, "name is required")),
    )
    .await;

    let err = client.create_task("").send().await.unwrap_err();

    assert_eq!(err.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    let body = err.body().expect("the envelope is decoded");
    assert_eq!(body.errors[0].code, Some(10001));
    assert_eq!(body.errors[0].title.as_deref(), Some("name is required"));
}

#[tokio::test]
async fn server_error_with_html_is_a_decode_error_showing_the_body() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks/1",
        ResponseTemplate::new(500).set_body_raw(
            "<html><body>Internal Server Error</body></html>",
            "text/html",
        ),
    )
    .await;

    let err = client.read_task(1).send().await.unwrap_err();

    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    let text = err.to_string();
    assert!(text.contains("(500 Internal Server Error)"), "{text}");
    assert!(text.contains("<html><body>Internal Server Error"), "{text}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks/1",
        ResponseTemplate::new(200).set_body_raw("{\"id\": 1, \"name\":", "application/json"),
    )
    .await;

    let err = client.read_task(1).send().await.unwrap_err();

    let Error::Decode { body, .. } = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(body, "{\"id\": 1, \"name\":");
}

#[tokio::test]
async fn a_wrong_typed_field_is_a_decode_error_naming_it() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks/1",
        json_response(200, json!({"id": "one", "name": "x"})),
    )
    .await;

    let err = client.read_task(1).send().await.unwrap_err();

    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(err.to_string().contains("expected i64"), "{err}");
}

#[tokio::test]
async fn an_undocumented_status_is_reported_with_its_body() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks/1",
        ResponseTemplate::new(302).set_body_string("moved"),
    )
    .await;

    let err = client.read_task(1).send().await.unwrap_err();

    let Error::UnexpectedStatus { status, body, .. } = &err else {
        panic!("got {err:?}")
    };
    assert_eq!((*status, body.as_str()), (StatusCode::FOUND, "moved"));
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 1024];
            let _ = socket.read(&mut buffer).await;
            drop(socket); // close without answering
        }
    });
    let client = Client::with_base_url(
        &format!("http://{address}{BASE}"),
        Credentials::new(KEY, SECRET),
    )
    .unwrap();

    let err = client.read_task(1).send().await.unwrap_err();

    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.status(), None);
}

// --- configuration and secrets ---------------------------------------------------------------

#[test]
fn new_builds_the_account_url() {
    let client = Client::new("testaccount", Credentials::new(KEY, SECRET)).unwrap();
    assert_eq!(
        client.base_url(),
        "https://testaccount.timetrackenterprise.com/api/v2/ext"
    );
}

#[test]
fn an_account_that_would_change_the_host_is_refused() {
    let err = Client::new("evil.com/x", Credentials::new(KEY, SECRET)).unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[test]
fn a_secret_that_cannot_be_a_header_is_refused_without_echoing_it() {
    let err = Client::with_base_url("http://127.0.0.1:9", Credentials::new("bad\nkey", SECRET))
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("x-timetrack-api-key") && !text.contains("bad"),
        "{text}"
    );
}
