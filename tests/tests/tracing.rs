//! Every call is a `tracing` span (operation id, method, path template, status, attempts,
//! duration, and the call's own options) with an event per retry (attempt, reason); no secret
//! reaches any field or event.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{BASE, KEY, SECRET};
use serde_json::json;
use timetrack_client::{CallOptions, Client, Credentials, RetryPolicy};
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

/// Everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A subscriber for this thread that writes every span's close and every event to the result.
fn capture() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    (captured, tracing::subscriber::set_default(subscriber))
}

#[tokio::test]
async fn calls_are_spans_with_their_facts_and_retries_are_events_without_secrets() {
    let (captured, _guard) = capture();

    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "x"})))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = Client::builder(Credentials::new(KEY, SECRET))
        .base_url(format!("{}{BASE}", server.uri()))
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();

    client.read_task(1).send().await.unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "operation=\"read_task\"",
        "method=GET",
        "path=\"/tasks/{id}\"",
        "status=200",
        "attempts=2",
        "duration_ms=",
        "retrying",
        "reason=503 Service Unavailable",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains(KEY) && !text.contains(SECRET),
        "a secret was traced:\n{text}"
    );
}

#[tokio::test]
async fn a_calls_own_options_show_in_its_span_without_header_values() {
    let (captured, _guard) = capture();
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "x"})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new(KEY, SECRET)).unwrap();

    let options = CallOptions::new()
        .timeout(Duration::from_millis(2500))
        .retry(RetryPolicy::disabled())
        .body_limit(4096)
        .header("idempotency-key", "k-secretish-77");
    client
        .read_task(1)
        .with_options(options)
        .send()
        .await
        .unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "max_attempts=1",
        "timeout_ms=2500",
        "body_limit=4096",
        "headers=\"idempotency-key\"",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains("k-secretish-77"),
        "a header value was traced:\n{text}"
    );
}
