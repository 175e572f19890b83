//! Clients and Projects on the wire, in the style of the Tasks tests: each operation sends the
//! docs' request (method, path, query, both credentials, the examples' JSON, no body on GET and
//! DELETE) and decodes the answer.

mod common;

use common::*;
use serde_json::{Value, json};
use timetrack_client::types;

fn a_client() -> Value {
    json!({"id": 6, "name": "Client Test", "enabled": true, "field1": "VAT ID: 123455678", "somethingNew": 1})
}

fn a_project() -> Value {
    json!({"id": 1, "projectName": "Test project 001", "clientName": "Test company", "hourRate": 50, "projectEnabled": null})
}

// --- Clients ---------------------------------------------------------------------------------

#[tokio::test]
async fn clients_list_and_filter() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/clients",
        json_response(200, json!([a_client()])),
    )
    .await;
    let clients: Vec<types::Client> = client.list_clients().send().await.unwrap();
    assert_eq!(clients[0].field1.as_deref(), Some("VAT ID: 123455678"));
    sent_nothing(&server, "GET", "/clients", None).await;

    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/clients", json_response(200, json!([]))).await;
    client.list_clients().name("Test").send().await.unwrap();
    sent_nothing(&server, "GET", "/clients", Some("name=Test")).await;
}

#[tokio::test]
async fn client_read() {
    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/clients/1", json_response(200, a_client())).await;
    let read = client.read_client(1).send().await.unwrap();
    assert_eq!((read.id, read.enabled), (6, Some(true)));
    sent_nothing(&server, "GET", "/clients/1", None).await;
}

#[tokio::test]
async fn client_create_sends_the_docs_example() {
    let (server, client) = server_and_client().await;
    answer(&server, "POST", "/clients", json_response(200, a_client())).await;
    client
        .create_client("Client Test")
        .field1("VAT ID: 123455678")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "POST", "/clients").await,
        json!({"name": "Client Test", "field1": "VAT ID: 123455678"})
    );
}

#[tokio::test]
async fn client_update_sends_the_docs_example() {
    let (server, client) = server_and_client().await;
    answer(&server, "PUT", "/clients/6", json_response(200, a_client())).await;
    client
        .update_client(6)
        .email("test@timetrackapp.com")
        .field2("Test")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "PUT", "/clients/6").await,
        json!({"email": "test@timetrackapp.com", "field2": "Test"})
    );
}

#[tokio::test]
async fn client_delete() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "DELETE",
        "/clients/6",
        wiremock::ResponseTemplate::new(204),
    )
    .await;
    client.delete_client(6).send().await.unwrap();
    sent_nothing(&server, "DELETE", "/clients/6", None).await;
}

// --- Projects --------------------------------------------------------------------------------

#[tokio::test]
async fn projects_list_and_both_filters() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/projects",
        json_response(200, json!([a_project()])),
    )
    .await;
    let projects = client.list_projects().send().await.unwrap();
    assert_eq!(projects[0].hour_rate, Some(50.0));
    assert_eq!(projects[0].project_enabled, None);
    sent_nothing(&server, "GET", "/projects", None).await;

    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/projects", json_response(200, json!([]))).await;
    client
        .list_projects()
        .project_name("Test")
        .client_name("company")
        .send()
        .await
        .unwrap();
    let pairs = sorted_query(&only_request(&server).await);
    assert_eq!(
        pairs,
        [
            ("clientName".into(), "company".into()),
            ("projectName".into(), "Test".into())
        ]
    );
}

#[tokio::test]
async fn project_read() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/projects/1",
        json_response(200, a_project()),
    )
    .await;
    let read = client.read_project(1).send().await.unwrap();
    assert_eq!(read.client_name.as_deref(), Some("Test company"));
    sent_nothing(&server, "GET", "/projects/1", None).await;
}

#[tokio::test]
async fn project_create_sends_the_docs_example() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "POST",
        "/projects",
        json_response(200, a_project()),
    )
    .await;
    client
        .create_project("Test project 001", "Test company")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "POST", "/projects").await,
        json!({"projectName": "Test project 001", "clientName": "Test company"})
    );
}

#[tokio::test]
async fn project_update_sends_the_docs_example_with_the_rate_as_a_number() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "PUT",
        "/projects/1",
        json_response(200, a_project()),
    )
    .await;
    client
        .update_project(1)
        .hour_rate(50.0)
        .notes("Test Projekt fuer API")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "PUT", "/projects/1").await,
        json!({"hourRate": 50.0, "notes": "Test Projekt fuer API"})
    );
}

#[tokio::test]
async fn project_delete() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "DELETE",
        "/projects/1",
        wiremock::ResponseTemplate::new(200),
    )
    .await;
    client.delete_project(1).send().await.unwrap();
    sent_nothing(&server, "DELETE", "/projects/1", None).await;
}
