//! Fault injection: 1,000 calls against a local server that, at random, answers 502, 503, or 429
//! with `Retry-After: 0`, closes the connection after reading the request, stalls past the
//! client's timeout, or answers properly. Every call must end in success or a typed error, no
//! POST may reach the server twice, and nothing may panic. The counts are printed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use timetrack_client::{Client, Credentials, Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const CALLS: usize = 1000;
const TIMEOUT: Duration = Duration::from_millis(150);

/// What the server does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Fault {
    Ok,
    BadGateway,
    Unavailable,
    RateLimited,
    Close,
    Stall,
}

const FAULTS: [Fault; 6] = [
    Fault::Ok,
    Fault::BadGateway,
    Fault::Unavailable,
    Fault::RateLimited,
    Fault::Close,
    Fault::Stall,
];

/// What the server saw: each POST's body, counted, and each fault it chose.
#[derive(Default)]
struct Log {
    posts: HashMap<String, usize>,
    faults: HashMap<Fault, usize>,
}

/// A deterministic pseudo-random fault per request (splitmix64 of a counter).
fn fault(counter: &AtomicU64) -> Fault {
    let mut x = counter
        .fetch_add(1, Ordering::Relaxed)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    FAULTS[((x ^ (x >> 31)) % FAULTS.len() as u64) as usize]
}

/// Reads one request: its head and, by `Content-Length`, its body.
async fn read_request(socket: &mut TcpStream) -> Option<(String, String)> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = socket.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&data).into_owned();
        let Some(end) = text.find("\r\n\r\n") else {
            continue;
        };
        let head = text[..end].to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        if data.len() >= end + 4 + length {
            return Some((head, text[end + 4..end + 4 + length].to_owned()));
        }
    }
}

async fn serve(mut socket: TcpStream, counter: Arc<AtomicU64>, log: Arc<Mutex<Log>>) {
    let Some((head, body)) = read_request(&mut socket).await else {
        return;
    };
    let chosen = fault(&counter);
    {
        let mut log = log.lock().unwrap();
        *log.faults.entry(chosen).or_default() += 1;
        if head.starts_with("post") {
            *log.posts.entry(body).or_default() += 1;
        }
    }
    let status = match chosen {
        Fault::Close => return,
        Fault::Stall => {
            tokio::time::sleep(TIMEOUT * 3).await;
            return;
        }
        Fault::Ok => "200 OK",
        Fault::BadGateway => "502 Bad Gateway",
        Fault::Unavailable => "503 Service Unavailable",
        Fault::RateLimited => "429 Too Many Requests\r\nRetry-After: 0",
    };
    let json = match chosen {
        Fault::Ok => r#"{"id":1,"name":"x"}"#,
        _ => r#"{"errors":[{"title":"try again later"}]}"#,
    };
    let answer = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
        json.len()
    );
    let _ = socket.write_all(answer.as_bytes()).await;
}

/// How one call ended.
fn outcome(result: Result<(), Error>) -> &'static str {
    match result {
        Ok(()) => "success",
        Err(Error::Api { .. }) => "api error",
        Err(Error::UnexpectedStatus { .. }) => "unexpected status",
        Err(Error::Transport(err)) if err.is_timeout() => "timeout",
        Err(Error::Transport(_)) => "transport error",
        Err(Error::Decode { .. }) => "decode error",
        Err(other) => panic!("an error no fault explains: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_calls_against_a_faulty_server_end_typed_and_no_post_is_sent_twice() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (counter, log) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(Mutex::new(Log::default())),
    );
    let (server_counter, server_log) = (counter.clone(), log.clone());
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket, server_counter.clone(), server_log.clone()));
        }
    });
    let client = Client::builder(Credentials::new("k", "s"))
        .base_url(format!("http://{address}/api"))
        .timeout(TIMEOUT)
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap();

    let outcomes: Vec<(&str, &str)> = futures_util::stream::iter(0..CALLS)
        .map(|call| {
            let client = client.clone();
            async move {
                if call % 2 == 0 {
                    ("GET", outcome(client.read_task(1).send().await.map(drop)))
                } else {
                    let name = format!("task-{call}");
                    (
                        "POST",
                        outcome(client.create_task(name).send().await.map(drop)),
                    )
                }
            }
        })
        .buffer_unordered(64)
        .collect()
        .await;

    let log = log.lock().unwrap();
    let twice: Vec<_> = log.posts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "POSTs the server received more than once: {twice:?}"
    );
    assert_eq!(outcomes.len(), CALLS);
    let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
    for key in outcomes {
        *counts.entry(key).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort();
    eprintln!("faults served: {:?}", log.faults);
    eprintln!("outcomes of {CALLS} calls: {counts:?}");
    assert!(counts.iter().any(|((_, how), _)| *how == "success"));
    assert!(counts.iter().any(|((_, how), _)| *how == "timeout"));
}
