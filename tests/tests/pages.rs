//! `stream()` walks the pages of a paged list (`x-paged` in the spec) against a local server
//! that pages like the docs say: `page_number` from 0, `limit` items a page.

use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use timetrack_client::{Client, Credentials, Error, RetryPolicy, StatusCode};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers};

/// Serves `total` tasks (ids 0..total) in pages; fails the page `fail_on` with a 500.
struct Pager {
    total: i64,
    fail_on: Option<i64>,
}

fn query(request: &Request, name: &str) -> Option<i64> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.parse().expect("integer query param"))
}

impl Respond for Pager {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = query(request, "page_number").unwrap_or(0);
        let limit = query(request, "limit").unwrap_or(50);
        if Some(page) == self.fail_on {
            return ResponseTemplate::new(500)
                .set_body_json(json!({"errors": [{"title": "boom", "status": 500}]}));
        }
        let start = (page * limit).min(self.total);
        let end = (start + limit).min(self.total);
        let tasks: Vec<_> = (start..end)
            .map(|id| json!({"id": id, "name": format!("task {id}")}))
            .collect();
        ResponseTemplate::new(200).set_body_json(tasks)
    }
}

async fn serve(pager: Pager) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/tasks"))
        .respond_with(pager)
        .mount(&server)
        .await;
    let client = Client::builder(Credentials::new("k", "s"))
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    (server, client)
}

async fn pages_requested(server: &MockServer) -> Vec<(Option<i64>, Option<i64>)> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| (query(r, "page_number"), query(r, "limit")))
        .collect()
}

#[tokio::test]
async fn every_item_once_in_order_for_any_total() {
    for total in [0, 1, 999, 1000, 1001, 2501] {
        let (server, client) = serve(Pager {
            total,
            fail_on: None,
        })
        .await;

        let tasks: Vec<_> = client.list_tasks().stream().try_collect().await.unwrap();

        let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
        assert_eq!(ids, (0..total).collect::<Vec<_>>(), "total {total}");
        // Pages of the largest size (1000) until one comes back short.
        let expected: Vec<_> = (0..=total / 1000).map(|p| (Some(p), Some(1000))).collect();
        assert_eq!(pages_requested(&server).await, expected, "total {total}");
    }
}

#[tokio::test]
async fn the_caller_s_limit_first_page_and_filters_are_kept() {
    let (server, client) = serve(Pager {
        total: 25,
        fail_on: None,
    })
    .await;

    let tasks: Vec<_> = client
        .list_tasks()
        .name("task")
        .limit(10)
        .page_number(1)
        .stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(tasks.first().map(|t| t.id), Some(10));
    assert_eq!(tasks.len(), 15);
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| r.url.query_pairs().any(|(k, v)| k == "name" && v == "task"))
    );
    assert_eq!(
        pages_requested(&server).await,
        [(Some(1), Some(10)), (Some(2), Some(10))]
    );
}

#[tokio::test]
async fn a_failure_on_page_3_reaches_the_caller_after_pages_1_and_2() {
    let (server, client) = serve(Pager {
        total: 5000,
        fail_on: Some(2),
    })
    .await;

    let results: Vec<Result<_, Error>> = client.list_tasks().stream().collect().await;

    let (items, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    let ids: Vec<i64> = items.into_iter().map(|t| t.unwrap().id).collect();
    assert_eq!(
        ids,
        (0..2000).collect::<Vec<_>>(),
        "no item repeated or skipped"
    );
    assert_eq!(
        errors.len(),
        1,
        "the error is yielded once, then the stream ends"
    );
    assert_eq!(
        errors[0].as_ref().unwrap_err().status(),
        Some(StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert_eq!(pages_requested(&server).await.len(), 3);
}
