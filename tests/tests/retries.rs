//! Retries, their budget, timeouts and the builder against local servers that count what they
//! receive.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::json;
use timetrack_client::{
    CallOptions, Client, Credentials, Error, RetryBudget, RetryPolicy, StatusCode,
};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

/// Quick retries, so the tests do not wait.
fn quick(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(attempts)
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(20))
}

fn client(uri: &str, policy: RetryPolicy) -> Client {
    Client::builder(Credentials::new("k", "s"))
        .base_url(uri)
        .retry(policy)
        .build()
        .unwrap()
}

/// Answers `status` to the first `times` requests of `verb`, then 200 with a task.
async fn flaky(verb: &str, status: u16, times: u64, retry_after: Option<&str>) -> MockServer {
    let server = MockServer::start().await;
    let mut failure = ResponseTemplate::new(status);
    if let Some(value) = retry_after {
        failure = failure.insert_header("Retry-After", value);
    }
    Mock::given(matchers::method(verb))
        .respond_with(failure)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(matchers::method(verb))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "x"})))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

async fn count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn get_put_and_delete_are_retried_on_each_retryable_status() {
    for status in [408, 429, 502, 503, 504] {
        let server = flaky("GET", status, 2, None).await;
        client(&server.uri(), quick(3))
            .read_task(1)
            .send()
            .await
            .unwrap();
        assert_eq!(count(&server).await, 3, "GET after {status}");
    }
    let server = flaky("PUT", 503, 1, None).await;
    client(&server.uri(), quick(3))
        .update_task(1)
        .notes("n")
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].body, requests[1].body,
        "the retried PUT carries the same body"
    );

    let server = flaky("DELETE", 502, 2, None).await;
    client(&server.uri(), quick(3))
        .delete_task(1)
        .send()
        .await
        .unwrap();
    assert_eq!(count(&server).await, 3);
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_answer_is_returned() {
    let server = flaky("GET", 503, 10, None).await;
    let err = client(&server.uri(), quick(4))
        .read_task(1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(count(&server).await, 4);
}

#[tokio::test]
async fn other_statuses_are_not_retried() {
    let server = flaky("GET", 500, 1, None).await;
    assert!(
        client(&server.uri(), quick(3))
            .read_task(1)
            .send()
            .await
            .is_err()
    );
    assert_eq!(count(&server).await, 1);
}

#[tokio::test]
async fn a_failing_post_is_sent_exactly_once() {
    let server = flaky("POST", 503, 5, None).await;
    let err = client(&server.uri(), quick(5))
        .create_task("Development")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(count(&server).await, 1);
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = flaky("GET", 503, 5, None).await;
    assert!(
        client(&server.uri(), RetryPolicy::disabled())
            .read_task(1)
            .send()
            .await
            .is_err()
    );
    assert_eq!(count(&server).await, 1);
}

#[tokio::test]
async fn retry_after_within_the_ceiling_is_honoured_and_beyond_it_ends_the_retries() {
    let server = flaky("GET", 429, 1, Some("0")).await;
    client(&server.uri(), quick(3))
        .read_task(1)
        .send()
        .await
        .unwrap();
    assert_eq!(count(&server).await, 2);

    // 3600 s is more than the policy's 20 ms ceiling: the 429 goes to the caller at once.
    let server = flaky("GET", 429, 1, Some("3600")).await;
    let err = client(&server.uri(), quick(3))
        .read_task(1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(count(&server).await, 1);
}

/// A server that accepts connections and closes them unanswered, counting them.
async fn dropping_server() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
        }
    });
    (format!("http://{address}"), accepted)
}

#[tokio::test]
async fn connection_errors_are_retried_for_get_but_not_for_post() {
    let (uri, accepted) = dropping_server().await;
    let err = client(&uri, quick(3))
        .read_task(1)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 3);

    let (uri, accepted) = dropping_server().await;
    let err = client(&uri, quick(3))
        .create_task("x")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_request_slower_than_the_timeout_fails_as_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": 1, "name": "x"}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = Client::builder(Credentials::new("k", "s"))
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    let err = client.read_task(1).send().await.unwrap_err();

    let Error::Transport(source) = &err else {
        panic!("expected a transport error, got {err:?}")
    };
    assert!(source.is_timeout(), "{source:?}");
}

#[tokio::test]
async fn the_builder_sets_the_user_agent_and_the_default_names_the_crate() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "x"})))
        .mount(&server)
        .await;
    Client::builder(Credentials::new("k", "s"))
        .base_url(server.uri())
        .user_agent("my-app/1.0")
        .build()
        .unwrap()
        .read_task(1)
        .send()
        .await
        .unwrap();
    client(&server.uri(), quick(1))
        .read_task(1)
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let agents: Vec<_> = requests
        .iter()
        .map(|r| r.headers["user-agent"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(agents[0], "my-app/1.0");
    assert!(agents[1].starts_with("timetrack-client/"), "{}", agents[1]);
}

#[test]
fn the_builder_needs_a_server() {
    let err = Client::builder(Credentials::new("k", "s"))
        .build()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("no account was given"), "{text}");
    let client = Client::builder(Credentials::new("k", "s"))
        .account("testkonto")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url(),
        "https://testkonto.timetrackenterprise.com/api/v2/ext"
    );
}

/// Answers 503 to every GET of `/tasks/9`, and 200 with a task to every other GET.
async fn failing_and_healthy() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/tasks/9"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "x"})))
        .mount(&server)
        .await;
    server
}

/// Sends `read_task(id)` and says how many requests it took.
async fn requests_for(server: &MockServer, client: &Client, id: i64) -> usize {
    let before = count(server).await;
    let _ = client.read_task(id).send().await;
    count(server).await - before
}

#[tokio::test]
async fn retries_stop_when_the_budget_the_clones_share_is_spent_and_first_time_answers_refill_it() {
    let server = failing_and_healthy().await;
    // 20 tokens, 5 per retry: two failing calls (2 retries each) spend them all.
    let budget = RetryBudget::default().capacity(20).success_refill(5);
    let client = client(&server.uri(), quick(3).budget(budget));
    let clone = client.clone();

    assert_eq!(requests_for(&server, &client, 9).await, 3);
    assert_eq!(requests_for(&server, &clone, 9).await, 3);
    assert_eq!(
        requests_for(&server, &client, 9).await,
        1,
        "the budget is spent"
    );
    assert_eq!(
        requests_for(&server, &clone, 9).await,
        1,
        "for the clone too"
    );

    // A call whose own policy has no budget is neither limited nor counted.
    let unlimited = CallOptions::new().retry(quick(3).without_budget());
    let before = count(&server).await;
    let _ = client.read_task(9).with_options(unlimited).send().await;
    assert_eq!(count(&server).await - before, 3);

    // One first-time answer puts 5 tokens back: one retry's worth.
    assert_eq!(requests_for(&server, &client, 1).await, 1);
    assert_eq!(requests_for(&server, &client, 9).await, 2);
    assert_eq!(requests_for(&server, &client, 9).await, 1);

    // Without a budget, every call gets all its attempts.
    let unbudgeted = self::client(&server.uri(), quick(3).without_budget());
    for _ in 0..10 {
        assert_eq!(requests_for(&server, &unbudgeted, 9).await, 3);
    }
}

#[tokio::test]
async fn a_retry_that_gets_its_answer_gives_its_tokens_back() {
    let server = MockServer::start().await;
    for id in [1, 2, 3] {
        Mock::given(matchers::method("GET"))
            .and(matchers::path(format!("/tasks/{id}")))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "x"})))
        .with_priority(2)
        .mount(&server)
        .await;
    // One retry's worth, and nothing refills it: only refunds keep retries going.
    let budget = RetryBudget::default().capacity(5).success_refill(0);
    let client = client(&server.uri(), quick(3).budget(budget));

    for id in [1, 2, 3] {
        client.read_task(id).send().await.unwrap();
    }
    assert_eq!(count(&server).await, 6);
}
