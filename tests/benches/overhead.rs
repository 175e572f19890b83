//! Per-request overhead of the generated client against hand-written reqwest calls, both talking
//! to the same loopback server: read (one task) and list (1 000 tasks decoded).
//!
//! `cargo bench -p tests --bench overhead` (full) or `… -- --smoke` (a few requests, for CI).
//! Prints one line per case, medians of all requests:
//! `overhead <case> ours_us=<µs> reqwest_us=<µs> ratio=<ours/reqwest>`.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use serde::Deserialize;
use timetrack_client::{Client, Credentials, RetryPolicy};

/// What a user without the generated client would write.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Task {
    id: i64,
    name: String,
    notes: Option<String>,
    #[serde(rename = "hourRate")]
    hour_rate: Option<f64>,
}

fn task_json(id: usize) -> String {
    format!(r#"{{"id":{id},"name":"Task {id}","notes":"Test task for API","hourRate":30.5}}"#)
}

/// A keep-alive HTTP/1.1 server answering `/tasks/1` with one task and `/tasks…` with 1 000.
fn serve() -> SocketAddr {
    let one = task_json(1);
    let many = format!(
        "[{}]",
        (0..1000).map(task_json).collect::<Vec<_>>().join(",")
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (one, many) = (one.clone(), many.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut writer = stream;
                let _ = writer.set_nodelay(true);
                loop {
                    let mut request_line = String::new();
                    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let body = if request_line.contains("/tasks/1 ") {
                        &one
                    } else {
                        &many
                    };
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if writer.write_all(answer.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    address
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let (rounds, runs) = if smoke { (1, 20) } else { (7, 400) };
    let address = serve();
    let base = format!("http://{address}");
    let ours = Client::builder(Credentials::new("key", "secret"))
        .base_url(&base)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-timetrack-api-key", "key".parse().unwrap());
    headers.insert("x-timetrack-api-secret", "secret".parse().unwrap());
    // The same settings the generated client uses by default, as a careful hand-written client
    // would have them. reqwest needs a process-wide crypto provider (the generated client passes
    // its own to rustls and installs none), so this program installs one, as an application would.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let plain = reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(timetrack_client::runtime::DEFAULT_CONNECT_TIMEOUT)
        .timeout(timetrack_client::runtime::DEFAULT_REQUEST_TIMEOUT)
        .build()
        .unwrap();

    for case in ["read", "list"] {
        let url = if case == "read" {
            format!("{base}/tasks/1")
        } else {
            format!("{base}/tasks")
        };
        let (mut ours_times, mut plain_times) = (Vec::new(), Vec::new());
        // Round 0 warms both up (connections, allocations). The two clients alternate request
        // by request, so drift in the machine hits both alike, and the median of all requests
        // keeps a stray slow one from counting.
        for round in 0..=rounds {
            for _ in 0..runs {
                let start = Instant::now();
                if case == "read" {
                    ours.read_task(1).send().await.unwrap();
                } else {
                    assert_eq!(ours.list_tasks().send().await.unwrap().len(), 1000);
                }
                let ours_time = start.elapsed();

                let start = Instant::now();
                let response = plain
                    .get(&url)
                    .send()
                    .await
                    .unwrap()
                    .error_for_status()
                    .unwrap();
                if case == "read" {
                    response.json::<Task>().await.unwrap();
                } else {
                    assert_eq!(response.json::<Vec<Task>>().await.unwrap().len(), 1000);
                }
                let plain_time = start.elapsed();
                if round > 0 {
                    ours_times.push(ours_time);
                    plain_times.push(plain_time);
                }
            }
        }
        let (ours_time, plain_time) = (median(ours_times), median(plain_times));
        println!(
            "overhead {case} ours_us={:.1} reqwest_us={:.1} ratio={:.3}",
            ours_time.as_secs_f64() * 1e6,
            plain_time.as_secs_f64() * 1e6,
            ours_time.as_secs_f64() / plain_time.as_secs_f64()
        );
    }
}
