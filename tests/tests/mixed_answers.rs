//! The answer cases of issue 20 together in one operation, on the wire, through the snapshot
//! crate of `generator/tests/specs/mixed.yaml`: `export_item` answers a body on 200 and none on
//! 202, a JSON error on 404 and a text error on 429, and CSV on request; `download_item` answers
//! only a redirect.

use snapshot_mixed::responses::{ExportItemAnswer, ExportItemError, ExportItemMedia};
use snapshot_mixed::{Client, Credentials};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

async fn answering(template: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();
    (server, client)
}

#[tokio::test]
async fn each_success_status_is_its_variant() {
    let export = serde_json::json!({"item": {"name": "pen"}, "rows": [1, "two"]});
    let (_server, client) = answering(ResponseTemplate::new(200).set_body_json(export)).await;
    let ExportItemAnswer::Ok(export) = client.export_item("pen").send().await.unwrap() else {
        panic!("200 is Ok");
    };
    assert_eq!(export.item.name, "pen");
    assert_eq!(
        export.rows,
        [serde_json::json!(1), serde_json::json!("two")]
    );

    let (_server, client) = answering(ResponseTemplate::new(202)).await;
    let answer = client.export_item("pen").send().await.unwrap();
    assert_eq!(answer, ExportItemAnswer::Accepted);
}

#[tokio::test]
async fn each_error_status_is_its_variant_with_its_body() {
    let missing = serde_json::json!({"missing": "pen"});
    let (_server, client) = answering(ResponseTemplate::new(404).set_body_json(missing)).await;
    let err = client.export_item("pen").send().await.unwrap_err();
    assert!(err.is_not_found());
    let Some(ExportItemError::NotFound(body)) = err.body() else {
        panic!("404 is NotFound: {err:?}");
    };
    assert_eq!(body.missing, "pen");

    let (_server, client) =
        answering(ResponseTemplate::new(429).set_body_string("retry in 5 s")).await;
    let err = client
        .export_item("pen")
        .send_as(ExportItemMedia::TextCsv)
        .await
        .unwrap_err();
    assert_eq!(
        err.body(),
        Some(&ExportItemError::TooManyRequests("retry in 5 s".to_owned())),
        "{err:?}"
    );
    assert_eq!(
        err.body(),
        Some(&ExportItemError::TooManyRequests("retry in 5 s".to_owned()))
    );
}

#[tokio::test]
async fn the_other_media_is_asked_for_and_answered_as_bytes() {
    let (server, client) =
        answering(ResponseTemplate::new(200).set_body_raw("name\npen\n", "text/csv")).await;
    let csv = client
        .export_item("pen")
        .send_as(ExportItemMedia::TextCsv)
        .await
        .unwrap();
    assert_eq!(csv.into_body(), b"name\npen\n");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers["accept"], "text/csv");
}

#[tokio::test]
async fn a_redirect_only_operation_answers_where_it_points() {
    let (server, client) = answering(
        ResponseTemplate::new(302).insert_header("location", "https://files.example.com/pen"),
    )
    .await;
    let redirect = client.download_item("pen").send().await.unwrap();
    assert_eq!(redirect.location(), "https://files.example.com/pen");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_typed_mock_answers_each_variant_as_it_travels() {
    use snapshot_mixed::mock::MockServer as TypedMock;
    let server = TypedMock::start().await;
    let client = server.client();
    server
        .export_item(|when, then| {
            when.name("late");
            then.ok(&ExportItemAnswer::Accepted);
        })
        .await;
    let slow = ExportItemError::TooManyRequests("retry in 5 s".to_owned());
    server
        .export_item(|when, then| {
            when.name("busy");
            then.error(429, &slow);
        })
        .await;
    assert_eq!(
        client.export_item("late").send().await.unwrap(),
        ExportItemAnswer::Accepted
    );
    let err = client.export_item("busy").send().await.unwrap_err();
    assert_eq!(err.body(), Some(&slow), "{err:?}");
}

/// A list in a query param is one pair per item (OpenAPI's default `form` style, exploded), and
/// in a header its items joined by `,` (the `simple` style); the typed mock matches them alike.
#[tokio::test]
async fn lists_in_query_and_header_params_take_their_default_styles() {
    let items = serde_json::json!([]);
    let (server, client) = answering(ResponseTemplate::new(200).set_body_json(items)).await;
    let tags = vec!["a".to_owned(), "b c".to_owned()];
    (client.list_items("t1"))
        .tag(tags.clone())
        .x_tags(tags.clone())
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("tag=a&tag=b+c"));
    assert_eq!(requests[0].headers["x-tags"], "a,b c");
    let mock = snapshot_mixed::mock::MockServer::start().await;
    let mocked = mock.client();
    let hit = mock
        .list_items(|when, then| {
            when.tag(tags.clone());
            then.ok(&Vec::new());
        })
        .await;
    mocked
        .list_items("t1")
        .tag(tags.clone())
        .send()
        .await
        .unwrap();
    let other = mocked
        .list_items("t1")
        .tag(vec!["a".to_owned()])
        .send()
        .await;
    assert!(other.is_err(), "a list with another item matched");
    hit.assert_hits(1);
}
