//! Every call is a `tracing` span (operation id, method, path template, status, attempts,
//! duration) with an event per retry (attempt, reason); no secret reaches any field or event.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{BASE, KEY, SECRET};
use serde_json::json;
use timetrack_client::{Client, Credentials, RetryPolicy};
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

#[tokio::test]
async fn calls_are_spans_with_their_facts_and_retries_are_events_without_secrets() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

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
