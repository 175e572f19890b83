//! What a client trusted in production must do, each against local servers: credentials stay with
//! their origin, any 2XX is success, errors carry what the caller needs, the spec's rules are
//! checked before sending, paging cannot loop, the docs' value forms decode, answers come with
//! their status and headers when asked, bodies are read within a limit as they stream in, and a
//! call dropped at any point leaves the client as it was.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{BASE, KEY, SECRET, answer, json_response, server_and_client};
use futures_util::StreamExt;
use serde_json::json;
use timetrack_client::{
    Client, Credentials, Error, RetryBudget, RetryPolicy, StatusCode, TryStreamExt, types,
};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

fn task() -> serde_json::Value {
    json!({"id": 1, "name": "Development", "notes": null, "hourRate": 30.0})
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_refused_and_the_other_server_hears_nothing() {
    let (server, client) = server_and_client().await;
    let elsewhere = MockServer::start().await;
    let location = format!("{}/steal", elsewhere.uri());
    let redirect = ResponseTemplate::new(302).insert_header("Location", location.as_str());
    answer(&server, "GET", "/tasks/1", redirect).await;

    let err = client.read_task(1).send().await.unwrap_err();

    let Error::Redirect { location: refused } = &err else {
        panic!("expected a refused redirect, got {err:?}")
    };
    assert_eq!(refused, &location);
    assert!(err.to_string().contains(&location), "{err}");
    let heard = elsewhere.received_requests().await.unwrap();
    assert!(heard.is_empty(), "the other origin received {heard:?}");
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_with_the_credentials() {
    let (server, client) = server_and_client().await;
    let moved = ResponseTemplate::new(301).insert_header("Location", format!("{BASE}/tasks/2"));
    answer(&server, "GET", "/tasks/1", moved).await;
    answer(&server, "GET", "/tasks/2", json_response(200, task())).await;

    let found = client.read_task(1).send().await.unwrap();

    assert_eq!(found.id, 1);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        common::assert_credentials(request);
    }
}

#[tokio::test]
async fn any_2xx_with_the_documented_body_is_success() {
    let (server, client) = server_and_client().await;
    answer(&server, "POST", "/tasks", json_response(201, task())).await;
    answer(&server, "GET", "/tasks/1", json_response(203, task())).await;

    let created = client.create_task("Development").send().await.unwrap();
    let read = client.read_task(1).send().await.unwrap();

    assert_eq!(created, read);
}

#[tokio::test]
async fn a_2xx_without_the_documented_body_names_its_status() {
    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/tasks/1", ResponseTemplate::new(204)).await;

    let err = client.read_task(1).send().await.unwrap_err();

    assert!(
        matches!(err, Error::MissingBody { status } if status == StatusCode::NO_CONTENT),
        "{err:?}"
    );
    assert!(err.to_string().contains("204 No Content"), "{err}");
}

#[tokio::test]
async fn errors_carry_status_headers_and_the_envelope_or_the_text() {
    let (server, client) = server_and_client().await;
    let envelope = json!({"errors": [{"title": "gone", "status": 404, "code": 15020}]});
    let not_found = json_response(404, envelope).insert_header("x-request-id", "r-1");
    answer(&server, "GET", "/tasks/9", not_found).await;
    answer(
        &server,
        "GET",
        "/tasks/8",
        ResponseTemplate::new(418).set_body_string("teapot"),
    )
    .await;

    let err = client.read_task(9).send().await.unwrap_err();
    assert!(err.is_not_found() && !err.is_rate_limited());
    assert_eq!(err.headers().unwrap()["x-request-id"], "r-1");
    assert_eq!(err.body().unwrap().errors[0].code, Some(15020));

    let err = client.read_task(8).send().await.unwrap_err();
    let Error::Decode {
        status,
        body,
        headers,
        ..
    } = &err
    else {
        panic!("got {err:?}")
    };
    assert_eq!(
        (*status, body.as_str()),
        (Some(StatusCode::IM_A_TEAPOT), "teapot")
    );
    assert!(headers.contains_key("content-length"));
}

#[tokio::test]
async fn a_retry_after_beyond_the_ceiling_is_returned_with_the_wait() {
    let (server, _) = server_and_client().await;
    let busy = ResponseTemplate::new(429).insert_header("Retry-After", "120");
    answer(&server, "GET", "/tasks/1", busy).await;
    let client = Client::builder(Credentials::new(KEY, SECRET))
        .base_url(format!("{}{BASE}", server.uri()))
        .retry(RetryPolicy::default().max_delay(Duration::from_secs(10)))
        .build()
        .unwrap();

    let err = client.read_task(1).send().await.unwrap_err();

    assert!(err.is_rate_limited(), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert!(err.to_string().contains("retried after 120 s"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn values_that_break_the_specs_rules_never_leave_the_process() {
    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/tasks", json_response(200, json!([]))).await;

    let err = client.list_tasks().limit(5000).send().await.unwrap_err();
    let Error::InvalidRequest(message) = &err else {
        panic!("got {err:?}")
    };
    assert!(
        message.contains("`limit` = 5000") && message.contains("maximum 1000"),
        "{message}"
    );

    let err = client
        .list_tasks()
        .page_number(-1)
        .send()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("`page_number` = -1"), "{err}");

    assert!(server.received_requests().await.unwrap().is_empty());
    client
        .list_tasks()
        .limit(1000)
        .page_number(0)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_server_that_ignores_the_page_number_ends_the_stream_with_an_error() {
    let (server, client) = server_and_client().await;
    let page = json!([{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]);
    answer(&server, "GET", "/tasks", json_response(200, page)).await;

    let mut items = Vec::new();
    let mut stream = std::pin::pin!(client.list_tasks().limit(2).stream());
    let failure = loop {
        match stream.try_next().await {
            Ok(Some(task)) => {
                items.push(task.id);
                assert!(
                    items.len() <= 10,
                    "the stream keeps asking for the same page"
                );
            }
            Ok(None) => panic!("the stream ended without noticing the repeated page"),
            Err(err) => break err,
        }
    };

    assert_eq!(items, [1, 2]);
    assert!(matches!(failure, Error::Paging(_)), "{failure:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn booleans_decode_in_every_documented_form_and_go_out_as_true_or_false() {
    let (server, client) = server_and_client().await;
    for (id, form) in [
        (1, json!(true)),
        (2, json!(0)),
        (3, json!("1")),
        (4, json!(false)),
    ] {
        let body = json!({"id": id, "name": "ACME", "enabled": form});
        answer(
            &server,
            "GET",
            &format!("/clients/{id}"),
            json_response(200, body),
        )
        .await;
    }
    answer(
        &server,
        "POST",
        "/clients",
        json_response(200, json!({"id": 5, "name": "ACME"})),
    )
    .await;

    let mut seen = Vec::new();
    for id in 1..=4 {
        seen.push(client.read_client(id).send().await.unwrap().enabled);
    }
    client
        .create_client("ACME")
        .enabled(true)
        .send()
        .await
        .unwrap();

    assert_eq!(seen, [Some(true), Some(false), Some(true), Some(false)]);
    let sent = server.received_requests().await.unwrap().pop().unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(sent["enabled"], json!(true));
}

#[tokio::test]
async fn send_with_response_gives_status_headers_and_body() {
    let (server, client) = server_and_client().await;
    let created = json_response(201, task()).insert_header("x-request-id", "r-7");
    answer(&server, "POST", "/tasks", created).await;

    let response = client
        .create_task("Development")
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()["x-request-id"], "r-7");
    let expected = types::Task {
        id: 1,
        name: "Development".into(),
        notes: None,
        hour_rate: Some(30.0),
    };
    assert_eq!(response.into_body(), expected);
}

#[tokio::test]
async fn a_paged_list_streams_with_only_this_crate_imported() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(json_response(200, json!([{"id": 1, "name": "a"}])))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new(KEY, SECRET)).unwrap();

    let all: Vec<types::Task> = client.list_tasks().stream().try_collect().await.unwrap();

    assert_eq!(all.len(), 1);
}

/// Writes a `200` head with `headers`, then `piece` over and over until the client goes away;
/// sets `closed` when a write fails (the client dropped the connection).
async fn endless(mut socket: tokio::net::TcpStream, status: &str, closed: Arc<AtomicBool>) {
    use tokio::io::AsyncWriteExt;
    if common::raw::read_head(&mut socket).await.is_none() {
        return;
    }
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    let chunk = format!("4000\r\n{}\r\n", "x".repeat(0x4000));
    let mut result = socket.write_all(head.as_bytes()).await;
    while result.is_ok() {
        result = socket.write_all(chunk.as_bytes()).await;
    }
    closed.store(true, Ordering::SeqCst);
}

/// Waits up to 5 s for `flag`.
async fn eventually(flag: &AtomicBool) -> bool {
    for _ in 0..500 {
        if flag.load(Ordering::SeqCst) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

fn raw_client(base: &str) -> timetrack_client::ClientBuilder {
    Client::builder(Credentials::new(KEY, SECRET))
        .base_url(base)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::disabled())
}

#[tokio::test]
async fn an_endless_body_stops_at_the_limit_with_a_typed_error_and_the_connection_is_dropped() {
    let closed = Arc::new(AtomicBool::new(false));
    let flag = closed.clone();
    let base = common::raw::raw_server(move |socket| endless(socket, "200 OK", flag.clone())).await;
    let client = raw_client(&base).body_limit(64 * 1024).build().unwrap();

    let started = Instant::now();
    let err = client.read_task(1).send().await.unwrap_err();

    let Error::BodyTooLarge { status, limit, .. } = &err else {
        panic!("expected a body over the limit, got {err:?}")
    };
    assert_eq!((*status, *limit), (StatusCode::OK, 64 * 1024));
    assert!(err.to_string().contains("limit of 65536 bytes"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(
        eventually(&closed).await,
        "the server could still write: the connection was kept"
    );
}

#[tokio::test]
async fn a_body_declared_past_the_limit_is_refused_before_any_of_it_is_read() {
    let base = common::raw::raw_server(|mut socket| async move {
        use tokio::io::AsyncWriteExt;
        common::raw::read_head(&mut socket).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000000000\r\n\r\n";
        let _ = socket.write_all(head.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(10)).await;
    })
    .await;
    let client = raw_client(&base).build().unwrap();

    let started = Instant::now();
    let err = client.read_task(1).send().await.unwrap_err();

    assert!(
        matches!(err, Error::BodyTooLarge { limit, .. } if limit == timetrack_client::runtime::DEFAULT_BODY_LIMIT),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn error_bodies_are_read_only_as_far_as_the_error_keeps() {
    let never = Arc::new(AtomicBool::new(false));
    let flag = never.clone();
    let envelope_base = common::raw::raw_server(move |socket| {
        endless(socket, "503 Service Unavailable", flag.clone())
    })
    .await;
    let flag = never.clone();
    let text_base = common::raw::raw_server(move |socket| {
        endless(socket, "300 Multiple Choices", flag.clone())
    })
    .await;

    let err = raw_client(&envelope_base)
        .build()
        .unwrap()
        .read_task(1)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit, .. } if limit == timetrack_client::runtime::ERROR_BODY_LIMIT),
        "{err:?}"
    );
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));

    let err = raw_client(&text_base)
        .build()
        .unwrap()
        .read_task(1)
        .send()
        .await
        .unwrap_err();
    let Error::UnexpectedStatus { status, body, .. } = &err else {
        panic!("expected an undocumented status, got {err:?}")
    };
    assert_eq!(*status, StatusCode::MULTIPLE_CHOICES);
    assert_eq!(body.chars().count(), 513, "512 characters and `…`");
    assert!(body.ends_with("x…"), "{body}");
}

#[tokio::test]
async fn a_body_that_stalls_ends_with_the_timeout() {
    let base = common::raw::raw_server(|mut socket| async move {
        use tokio::io::AsyncWriteExt;
        common::raw::read_head(&mut socket).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":";
        let _ = socket.write_all(head.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(10)).await;
    })
    .await;
    let client = raw_client(&base)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let started = Instant::now();
    let err = client.read_task(1).send().await.unwrap_err();

    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_default_limit_holds_the_largest_page_with_room_to_spare() {
    let (server, client) = server_and_client().await;
    // 1 000 clients (the largest record) with every text field filled, notes of 4 KiB each.
    let notes = "n".repeat(4096);
    let page: Vec<_> = (0..1000)
        .map(|id| {
            json!({"id": id, "name": format!("Client {id}"), "enabled": true, "color": "#FF0000",
                "notes": notes, "email": "test@timetrackapp.com", "phone": "+49 30 123456",
                "address": "Main street 1", "address2": "Floor 2", "addressZipCode": "10115",
                "addressCity": "Berlin", "addressCountry": "DE", "contactPerson": "Jane Doe",
                "field1": "VAT ID: 123455678", "field2": "Test", "field3": "Free text"})
        })
        .collect();
    let size = serde_json::to_vec(&page).unwrap().len();
    answer(&server, "GET", "/clients", json_response(200, json!(page))).await;

    let clients = client.list_clients().limit(1000).send().await.unwrap();

    assert_eq!(clients.len(), 1000);
    let limit = timetrack_client::runtime::DEFAULT_BODY_LIMIT;
    assert!(
        size * 3 < limit,
        "{size} bytes leave too little room under {limit}"
    );
}

/// What the cancellation server knows: which "503 once" ids it has answered, and how many
/// connections are open.
#[derive(Default)]
struct Cancellations {
    failed_once: Mutex<HashSet<u64>>,
    open: AtomicUsize,
}

/// Serves `/tasks/{id}` on its own thread and runtime, so that the test's runtime runs only the
/// client's tasks: id 1 answers at once, 2 after a few milliseconds, 3 sends its body in slow
/// chunks, 4 stalls 50 ms before its head, and ids from 1 000 on answer 503 the first time and
/// 200 after (so a call retried once always gets its answer).
fn cancellation_server(state: Arc<Cancellations>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            while let Ok((socket, _)) = listener.accept().await {
                let state = state.clone();
                tokio::spawn(async move {
                    state.open.fetch_add(1, Ordering::SeqCst);
                    serve_cancellations(socket, &state).await;
                    state.open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
    });
    format!("http://{address}")
}

async fn serve_cancellations(mut socket: tokio::net::TcpStream, state: &Cancellations) {
    use tokio::io::AsyncWriteExt;
    let task = r#"{"id":1,"name":"x"}"#;
    while let Some(head) = common::raw::read_head(&mut socket).await {
        let id: u64 = head
            .split_whitespace()
            .nth(1)
            .and_then(|path| path.rsplit('/').next())
            .and_then(|id| id.parse().ok())
            .unwrap_or(1);
        let first_failure = id >= 1000 && state.failed_once.lock().unwrap().insert(id);
        let answer = if first_failure {
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".to_owned()
        } else {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                task.len()
            )
        };
        match id {
            2 => tokio::time::sleep(Duration::from_millis(3)).await,
            4 => tokio::time::sleep(Duration::from_millis(50)).await,
            _ => {}
        }
        if socket.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
        if first_failure {
            continue;
        }
        for piece in task.as_bytes().chunks(if id == 3 { 4 } else { task.len() }) {
            if id == 3 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            if socket.write_all(piece).await.is_err() {
                return;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_dropped_at_any_point_leave_the_client_usable_and_leak_nothing() {
    let state = Arc::new(Cancellations::default());
    let base = cancellation_server(state.clone());
    // A budget of exactly one retry that nothing refills: a call dropped while it holds the
    // retry must give it back, or no call is retried again.
    let client = Client::builder(Credentials::new(KEY, SECRET))
        .base_url(&base)
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(4))
                .max_delay(Duration::from_millis(8))
                .budget(RetryBudget::default().capacity(5).success_refill(0)),
        )
        .build()
        .unwrap();

    // Each call is dropped after 0 to 8 ms (a splitmix sequence): while connecting, waiting for
    // the head, in the retry wait, or mid-body.
    let mut x: u64 = 7;
    let mut dropped = 0;
    let calls = (0..600u64).map(|call| {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let id = match z % 5 {
            0 => 1000 + call,
            kind => kind,
        };
        let after = Duration::from_micros((z >> 8) % 8000);
        let client = client.clone();
        async move {
            tokio::time::timeout(after, client.read_task(id as i64).send())
                .await
                .is_err()
        }
    });
    for was_dropped in futures_util::stream::iter(calls)
        .buffer_unordered(16)
        .collect::<Vec<_>>()
        .await
    {
        dropped += usize::from(was_dropped);
    }
    assert!(dropped > 200, "only {dropped} of 600 calls were dropped");

    for _ in 0..20 {
        client.read_task(1).send().await.unwrap();
    }
    let retried = client.read_task(999_999).send().await;
    assert!(
        retried.is_ok(),
        "the budget lost its one retry to dropped calls: {retried:?}"
    );

    drop(client);
    let metrics = tokio::runtime::Handle::current().metrics();
    let mut settled = false;
    for _ in 0..200 {
        if metrics.num_alive_tasks() == 0 && state.open.load(Ordering::SeqCst) == 0 {
            settled = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        settled,
        "after the client was dropped, {} tasks are alive and {} connections open",
        metrics.num_alive_tasks(),
        state.open.load(Ordering::SeqCst)
    );
}
