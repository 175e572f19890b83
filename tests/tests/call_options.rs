//! Options for one call (`with_options(CallOptions)` on every request builder): a timeout, a
//! retry policy, a body limit and extra headers over the client's settings, against local
//! servers.

mod common;

use std::time::Duration;

use common::{BASE, KEY, SECRET, answer, json_response, server_and_client};
use serde_json::json;
use timetrack_client::{
    CallOptions, Client, Credentials, Error, RetryPolicy, StatusCode, TryStreamExt,
};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

fn task() -> serde_json::Value {
    json!({"id": 1, "name": "Development"})
}

fn client(server: &MockServer, timeout: Duration, retry: RetryPolicy) -> Client {
    Client::builder(Credentials::new(KEY, SECRET))
        .base_url(format!("{}{BASE}", server.uri()))
        .timeout(timeout)
        .retry(retry)
        .build()
        .unwrap()
}

fn quick(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(attempts)
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

#[tokio::test]
async fn a_calls_timeout_wins_over_the_clients_both_ways() {
    let (server, _) = server_and_client().await;
    let slow = json_response(200, task()).set_delay(Duration::from_millis(400));
    answer(&server, "GET", "/tasks/1", slow).await;

    let patient = client(&server, Duration::from_secs(10), RetryPolicy::disabled());
    let hurried = CallOptions::new().timeout(Duration::from_millis(100));
    let err = patient
        .read_task(1)
        .with_options(hurried)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");

    let impatient = client(&server, Duration::from_millis(100), RetryPolicy::disabled());
    assert!(
        impatient
            .read_task(1)
            .send()
            .await
            .unwrap_err()
            .is_timeout()
    );
    let export = CallOptions::new().timeout(Duration::from_secs(5));
    impatient
        .read_task(1)
        .with_options(export)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_calls_retry_policy_wins_over_the_clients() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(matchers::method("GET"))
        .respond_with(json_response(200, task()))
        .with_priority(2)
        .mount(&server)
        .await;
    let once = client(&server, Duration::from_secs(5), RetryPolicy::disabled());
    let count = || async { server.received_requests().await.unwrap().len() };

    let err = once.read_task(1).send().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(count().await, 1);

    let persistent = CallOptions::new().retry(quick(3));
    once.read_task(1)
        .with_options(persistent)
        .send()
        .await
        .unwrap();
    assert_eq!(count().await, 3, "one more 503, then the answer");

    let failing = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&failing)
        .await;
    let retrying = client(&failing, Duration::from_secs(5), quick(3));
    let single = CallOptions::new().retry(RetryPolicy::disabled());
    let err = retrying
        .read_task(1)
        .with_options(single)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(failing.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn extra_headers_are_sent_and_the_clients_own_are_refused_before_sending() {
    let (server, client) = server_and_client().await;
    answer(&server, "POST", "/tasks", json_response(201, task())).await;

    let tagged = CallOptions::new()
        .header("X-Request-Id", "r-42")
        .header("Idempotency-Key", "k-7");
    client
        .create_task("Development")
        .with_options(tagged)
        .send()
        .await
        .unwrap();
    let sent = common::only_request(&server).await;
    assert_eq!(common::header(&sent, "x-request-id"), Some("r-42"));
    assert_eq!(common::header(&sent, "idempotency-key"), Some("k-7"));
    assert_eq!(common::header(&sent, "x-timetrack-api-key"), Some(KEY));

    for name in [
        "X-TimeTrack-Api-Key",
        "x-timetrack-api-secret",
        "Authorization",
        "User-Agent",
        "Accept",
        "Content-Type",
        "Host",
    ] {
        let options = CallOptions::new().header(name, "mine");
        let err = client
            .create_task("Development")
            .with_options(options)
            .send()
            .await
            .unwrap_err();
        let Error::InvalidRequest(message) = &err else {
            panic!("{name} was not refused: {err:?}")
        };
        assert!(message.contains("nothing was sent"), "{message}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn options_apply_to_every_page_of_a_stream() {
    let (server, client) = server_and_client().await;
    let page = |ids: &[i64]| {
        let tasks: Vec<_> = ids
            .iter()
            .map(|id| json!({"id": id, "name": "t"}))
            .collect();
        json_response(200, json!(tasks))
    };
    for (number, ids) in [("0", &[1, 2][..]), ("1", &[3][..])] {
        Mock::given(matchers::method("GET"))
            .and(matchers::path(format!("{BASE}/tasks")))
            .and(matchers::query_param("page_number", number))
            .respond_with(page(ids))
            .mount(&server)
            .await;
    }

    let options = CallOptions::new().header("x-request-id", "export-1");
    let all: Vec<_> = client
        .list_tasks()
        .limit(2)
        .with_options(options)
        .stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(all.len(), 3);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(common::header(request, "x-request-id"), Some("export-1"));
    }
}

#[tokio::test]
async fn a_calls_body_limit_wins_over_the_clients() {
    let (server, client) = server_and_client().await;
    let notes = "n".repeat(10_000);
    let big = json!({"id": 1, "name": "Development", "notes": notes});
    answer(&server, "GET", "/tasks/1", json_response(200, big)).await;

    let small = CallOptions::new().body_limit(1024);
    let err = client
        .read_task(1)
        .with_options(small)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 1024, .. }),
        "{err:?}"
    );
    client.read_task(1).send().await.unwrap();
}
