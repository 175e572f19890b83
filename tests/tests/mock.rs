//! The generated `mock` module (feature `mock`): every operation has a typed mock whose answers
//! the real client decodes; matchers narrow what a mock answers; paged lists are served the way
//! the API pages them; a request no mock matches fails with its method and path.

use futures_util::TryStreamExt;
use serde_json::json;
use timetrack_client::mock::MockServer;
use timetrack_client::{Client, Error, types};

fn from<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

fn task(id: i64) -> types::Task {
    types::Task {
        id,
        name: format!("task {id}"),
        notes: None,
        hour_rate: Some(30.0),
    }
}

/// A user's own code, as in the README: the names of the tasks matching a filter.
async fn task_names(client: &Client, filter: &str) -> Result<Vec<String>, Error> {
    let tasks = client.list_tasks().name(filter).send().await?;
    Ok(tasks.into_iter().map(|task| task.name).collect())
}

#[tokio::test]
async fn a_users_function_is_tested_against_the_mock() {
    let server = MockServer::start().await;
    let list = server
        .list_tasks(|when, then| {
            when.name("dev");
            then.ok(&vec![task(1), task(2)]);
        })
        .await;

    let names = task_names(&server.client(), "dev").await.unwrap();

    assert_eq!(names, ["task 1", "task 2"]);
    list.assert_hits(1);
}

#[tokio::test]
async fn every_operation_has_a_mock_whose_answer_the_client_decodes() {
    let server = MockServer::start().await;
    let client = server.client();
    let acme: types::Client = from(json!({"id": 3, "name": "ACME", "enabled": true}));
    let project: types::Project =
        from(json!({"id": 5, "projectName": "Website", "clientName": "ACME", "hourRate": 50.0}));
    let mocks = vec![
        server
            .list_tasks(|_, then| {
                then.ok(&vec![task(1)]);
            })
            .await,
        server
            .create_task(|_, then| {
                then.ok(&task(1));
            })
            .await,
        server
            .read_task(|_, then| {
                then.ok(&task(1));
            })
            .await,
        server
            .update_task(|_, then| {
                then.ok(&task(1));
            })
            .await,
        server
            .delete_task(|_, then| {
                then.ok();
            })
            .await,
        server
            .list_clients(|_, then| {
                then.ok(&vec![acme.clone()]);
            })
            .await,
        server
            .create_client(|_, then| {
                then.ok(&acme);
            })
            .await,
        server
            .read_client(|_, then| {
                then.ok(&acme);
            })
            .await,
        server
            .update_client(|_, then| {
                then.ok(&acme);
            })
            .await,
        server
            .delete_client(|_, then| {
                then.ok();
            })
            .await,
        server
            .list_projects(|_, then| {
                then.ok(&vec![project.clone()]);
            })
            .await,
        server
            .create_project(|_, then| {
                then.ok(&project);
            })
            .await,
        server
            .read_project(|_, then| {
                then.ok(&project);
            })
            .await,
        server
            .update_project(|_, then| {
                then.ok(&project);
            })
            .await,
        server
            .delete_project(|_, then| {
                then.ok();
            })
            .await,
    ];

    assert_eq!(client.list_tasks().send().await.unwrap(), [task(1)]);
    assert_eq!(client.create_task("task 1").send().await.unwrap(), task(1));
    assert_eq!(client.read_task(1).send().await.unwrap(), task(1));
    assert_eq!(
        client.update_task(1).notes("n").send().await.unwrap(),
        task(1)
    );
    client.delete_task(1).send().await.unwrap();
    assert_eq!(
        client.list_clients().send().await.unwrap(),
        std::slice::from_ref(&acme)
    );
    assert_eq!(client.create_client("ACME").send().await.unwrap(), acme);
    assert_eq!(client.read_client(3).send().await.unwrap(), acme);
    assert_eq!(
        client.update_client(3).phone("1").send().await.unwrap(),
        acme
    );
    client.delete_client(3).send().await.unwrap();
    assert_eq!(
        client.list_projects().send().await.unwrap(),
        std::slice::from_ref(&project)
    );
    let created = client
        .create_project("ACME", "Website")
        .send()
        .await
        .unwrap();
    assert_eq!(created, project);
    assert_eq!(client.read_project(5).send().await.unwrap(), project);
    assert_eq!(
        client.update_project(5).notes("n").send().await.unwrap(),
        project
    );
    client.delete_project(5).send().await.unwrap();
    for mock in &mocks {
        mock.assert_hits(1);
    }
}

#[tokio::test]
async fn pages_serve_a_whole_list_so_stream_walks_all_of_it() {
    let server = MockServer::start().await;
    let items: Vec<types::Task> = (0..2501).map(task).collect();
    let list = server
        .list_tasks(|_, then| {
            then.pages(&items);
        })
        .await;
    let client = server.client();

    let streamed: Vec<types::Task> = client.list_tasks().stream().try_collect().await.unwrap();
    assert_eq!(streamed, items);
    list.assert_hits(3);

    let first_page = client.list_tasks().send().await.unwrap();
    assert_eq!(first_page.len(), 50, "the API's default page size");
    let third = client
        .list_tasks()
        .page_number(2)
        .limit(10)
        .send()
        .await
        .unwrap();
    assert_eq!(third.first().map(|t| t.id), Some(20));
    let err = client.list_tasks().stream().try_collect::<Vec<_>>();
    assert_eq!(err.await.unwrap().len(), 2501);
}

#[tokio::test]
async fn matchers_narrow_what_a_mock_answers() {
    let server = MockServer::start().await;
    let client = server.client();
    let body = types::TaskCreate {
        name: "Development".into(),
        notes: None,
        hour_rate: Some(30.0),
    };
    server
        .read_task(|when, then| {
            when.id(1).credentials(&MockServer::credentials());
            then.ok(&task(1));
        })
        .await;
    let create = server
        .create_task(|when, then| {
            when.body(&body);
            then.ok(&task(7));
        })
        .await;

    assert_eq!(client.read_task(1).send().await.unwrap(), task(1));
    let other = client.read_task(2).send().await.unwrap_err();
    assert!(other.is_not_found(), "{other:?}");
    assert_eq!(
        client
            .create_task("Development")
            .hour_rate(30.0)
            .send()
            .await
            .unwrap(),
        task(7)
    );
    let wrong_body = client.create_task("Development").send().await.unwrap_err();
    assert!(wrong_body.is_not_found(), "{wrong_body:?}");
    create.assert_hits(1);
}

#[tokio::test]
async fn a_request_no_mock_matches_names_its_method_and_path() {
    let server = MockServer::start().await;

    let err = server.client().read_task(9).send().await.unwrap_err();

    assert!(err.is_not_found(), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("no mock matches GET /tasks/9"), "{text}");
}

#[tokio::test]
async fn errors_and_raw_answers_reach_the_client_as_the_server_sent_them() {
    let server = MockServer::start().await;
    let envelope: types::ErrorResponse =
        from(json!({"errors": [{"title": "name is required", "status": 422, "code": 10001}]}));
    server
        .create_task(|_, then| {
            then.error(422, &envelope);
        })
        .await;
    server
        .read_task(|_, then| {
            then.status(503)
                .body("maintenance")
                .header("Retry-After", "30");
        })
        .await;
    let client = server.client();

    let err = client.create_task("").send().await.unwrap_err();
    assert_eq!(err.body(), Some(&envelope));

    let err = client.read_task(1).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(30)));
}
