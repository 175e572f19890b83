//! Answers and errors that differ by status, through the snapshot crate of
//! `generator/tests/specs/by_status.yaml`: each variant decoded from a local server's answer, and
//! each answered by the typed mock.

use serde_json::json;
use snapshot_by_status::mock::MockServer as TypedMock;
use snapshot_by_status::responses::{
    CreateDocumentAnswer, DeleteDocumentAnswer, PublishDocumentError,
};
use snapshot_by_status::{Client, Credentials, runtime, types};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

async fn answering(status: u16, body: Option<serde_json::Value>) -> (MockServer, Client) {
    let server = MockServer::start().await;
    let template = ResponseTemplate::new(status);
    let template = match body {
        Some(body) => template.set_body_json(body),
        None => template,
    };
    Mock::given(matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();
    (server, client)
}

fn document() -> types::Document {
    types::Document {
        id: 7,
        title: "Plan".to_owned(),
    }
}

#[tokio::test]
async fn each_success_status_decodes_its_own_variant() {
    let (_server, client) = answering(201, Some(json!({"id": 7, "title": "Plan"}))).await;
    let created = client
        .create_document("Plan", "inbox")
        .send()
        .await
        .unwrap();
    assert_eq!(created, CreateDocumentAnswer::Created(document()));

    let (_server, client) = answering(202, Some(json!({"job": "/jobs/3"}))).await;
    let queued = client
        .create_document("Plan", "inbox")
        .send()
        .await
        .unwrap();
    let job = types::Job {
        job: "/jobs/3".to_owned(),
    };
    assert_eq!(queued, CreateDocumentAnswer::Accepted(job));
}

#[tokio::test]
async fn a_body_on_one_status_and_none_on_another_are_two_variants() {
    let (_server, client) = answering(204, None).await;
    let deleted = client.delete_document(7).send().await.unwrap();
    assert_eq!(deleted, DeleteDocumentAnswer::NoContent);

    let (_server, client) = answering(200, Some(json!({"archive": "a-7"}))).await;
    let archived = client.delete_document(7).send().await.unwrap();
    let receipt = types::Receipt {
        archive: "a-7".to_owned(),
    };
    assert_eq!(archived, DeleteDocumentAnswer::Ok(receipt));

    // A documented body that is missing is an error, not a silent `NoContent`.
    let (_server, client) = answering(200, None).await;
    let err = client.delete_document(7).send().await.unwrap_err();
    assert!(
        matches!(err, runtime::Error::MissingBody { status } if status == 200),
        "{err:?}"
    );
}

#[tokio::test]
async fn each_error_status_decodes_its_own_body() {
    let (_server, client) = answering(404, Some(json!({"resource": "document"}))).await;
    let err = client.publish_document(7).send().await.unwrap_err();
    let missing = types::Missing {
        resource: "document".to_owned(),
    };
    assert_eq!(err.body(), Some(&PublishDocumentError::NotFound(missing)));
    assert!(err.is_not_found());

    let (_server, client) = answering(409, Some(json!({"version": 4}))).await;
    let err = client.publish_document(7).send().await.unwrap_err();
    let conflict = types::Conflict { version: 4 };
    assert_eq!(err.body(), Some(&PublishDocumentError::Conflict(conflict)));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));

    // The range covers the other 4XX statuses; `default` every status no other response covers.
    let (_server, client) = answering(422, Some(json!({"title": "bad"}))).await;
    let err = client.publish_document(7).send().await.unwrap_err();
    let problem = types::Problem {
        title: "bad".to_owned(),
    };
    assert_eq!(
        err.body(),
        Some(&PublishDocumentError::ClientError(problem))
    );
    let (_server, client) = answering(503, Some(json!({"message": "down"}))).await;
    let err = client.publish_document(7).send().await.unwrap_err();
    assert!(
        matches!(err.body(), Some(PublishDocumentError::Default(body)) if body.message.as_deref() == Some("down")),
        "{err:?}"
    );
    assert!(err.to_string().contains("down"), "{err}");
}

#[tokio::test]
async fn an_operation_whose_errors_share_another_body_fails_with_that_type() {
    let (_server, client) = answering(404, Some(json!({"resource": "file"}))).await;
    let err: runtime::Error<types::Missing> = client.read_file("a.txt").send().await.unwrap_err();
    assert_eq!(err.body().map(|m| m.resource.as_str()), Some("file"));

    // The other operations keep the crate's error, whose body most errors share.
    let (_server, client) = answering(400, Some(json!({"title": "no"}))).await;
    let err: snapshot_by_status::Error = client.read_document(7).send().await.unwrap_err();
    assert_eq!(err.body().map(|p| p.title.as_str()), Some("no"));
}

#[tokio::test]
async fn the_typed_mock_answers_every_variant() {
    let server = TypedMock::start().await;
    let client = server.client();
    server
        .create_document(|when, then| {
            when.body(&types::DocumentCreate {
                title: "Plan".to_owned(),
                folder: Some("inbox".to_owned()),
            });
            then.ok(&CreateDocumentAnswer::Created(document()));
        })
        .await;
    let created = client
        .create_document("Plan", "inbox")
        .send()
        .await
        .unwrap();
    assert_eq!(created, CreateDocumentAnswer::Created(document()));

    let server = TypedMock::start().await;
    let client = server.client();
    server
        .delete_document(|_, then| {
            then.ok(&DeleteDocumentAnswer::NoContent);
        })
        .await;
    let deleted = client.delete_document(7).send().await.unwrap();
    assert_eq!(deleted, DeleteDocumentAnswer::NoContent);

    let server = TypedMock::start().await;
    let client = server.client();
    let conflict = PublishDocumentError::Conflict(types::Conflict { version: 2 });
    server
        .publish_document(|_, then| {
            then.error(409, &conflict);
        })
        .await;
    let err = client.publish_document(7).send().await.unwrap_err();
    assert_eq!(err.body(), Some(&conflict));
}
