//! Fault injection under a hostile network: 10 000 calls, 64 in flight, against a local server.
//!
//! 1. Mixed phase (7 500 calls, GETs and POSTs): at random the server answers properly, resets
//!    the connection, answers 502, 503 or 429 (`Retry-After: 0`), stalls before the headers or
//!    in the body, sends a body past the client's limit (declared by `Content-Length`), an
//!    endless chunked body, truncated JSON, or an HTML page instead of JSON.
//! 2. Outage phase (2 000 GETs): every request gets 503.
//! 3. Control (500 GETs, same outage): a second client whose retry policy has no budget.
//!
//! Every call must end in success or a typed error, no POST may reach the server twice, the
//! process's peak memory (VmHWM) must stay under [`PEAK_RSS_BOUND`], and during the outage the
//! server must see about one request per call once the retry budget is spent (the control sees
//! three). The test stops by itself: the count is fixed and [`DEADLINE`] bounds the time. The
//! figures are printed (`-- --nocapture`) and recorded in BENCHMARKS.md.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use timetrack_client::{Client, Credentials, Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const MIXED_CALLS: usize = 7_500;
const OUTAGE_CALLS: usize = 2_000;
const CONTROL_CALLS: usize = 500;
const IN_FLIGHT: usize = 64;
/// Each attempt's timeout.
const TIMEOUT: Duration = Duration::from_millis(200);
/// A stall lasts past the timeout by this much.
const STALL_EXTRA: Duration = Duration::from_millis(200);
/// The client's response body limit in this test.
const BODY_LIMIT: usize = 64 * 1024;
/// What an oversized answer declares (and sends, as far as the client reads it).
const OVERSIZED: usize = 64 * 1024 * 1024;
/// What the process may hold at its peak: 32 MiB for the test binary, its runtime, the server
/// and the connections, plus two body limits per call in flight (a body is never held past the
/// limit; the buffer grows by doubling, so growing it holds at most 1.5 limits at once). A
/// client that reads bodies whole holds several times that here (seen: 187 MiB).
const PEAK_RSS_BOUND: u64 = 32 * 1024 * 1024 + 2 * (IN_FLIGHT * BODY_LIMIT) as u64;
/// The whole test ends within this, or fails.
const DEADLINE: Duration = Duration::from_secs(120);

/// What the server does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Fault {
    Ok,
    Reset,
    BadGateway,
    Unavailable,
    RateLimited,
    StallHeaders,
    StallBody,
    Oversized,
    Endless,
    TruncatedJson,
    WrongContentType,
}

/// The mix of the first phase: proper answers weigh 6, each fault 1.
const MIX: [(Fault, u64); 11] = [
    (Fault::Ok, 6),
    (Fault::Reset, 1),
    (Fault::BadGateway, 1),
    (Fault::Unavailable, 1),
    (Fault::RateLimited, 1),
    (Fault::StallHeaders, 1),
    (Fault::StallBody, 1),
    (Fault::Oversized, 1),
    (Fault::Endless, 1),
    (Fault::TruncatedJson, 1),
    (Fault::WrongContentType, 1),
];

/// What the server saw: each POST's body, counted; each fault it chose in the mixed phase; and
/// the requests it received, by phase and method.
#[derive(Default)]
struct Log {
    posts: HashMap<String, usize>,
    faults: BTreeMap<Fault, usize>,
    requests: BTreeMap<(&'static str, &'static str), usize>,
}

const PHASES: [&str; 3] = ["mixed", "outage", "control"];

struct Server {
    counter: AtomicU64,
    /// An index into [`PHASES`].
    phase: AtomicUsize,
    log: Mutex<Log>,
}

impl Server {
    /// A deterministic pseudo-random fault per request (splitmix64 of a counter, weighted by
    /// [`MIX`]), or 503 once the outage began.
    fn choose(&self) -> Fault {
        if self.phase.load(Ordering::SeqCst) > 0 {
            return Fault::Unavailable;
        }
        let mut x = self
            .counter
            .fetch_add(1, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let total: u64 = MIX.iter().map(|(_, w)| w).sum();
        let mut pick = (x ^ (x >> 31)) % total;
        for (fault, weight) in MIX {
            if pick < weight {
                return fault;
            }
            pick -= weight;
        }
        unreachable!()
    }

    /// Chooses the answer to `head` and logs the request.
    fn log(&self, head: &str, body: String) -> Fault {
        let phase = PHASES[self.phase.load(Ordering::SeqCst)];
        let fault = self.choose();
        let method = if head.starts_with("post") {
            "POST"
        } else {
            "GET"
        };
        let mut log = self.log.lock().unwrap();
        *log.requests.entry((phase, method)).or_default() += 1;
        if phase == "mixed" {
            *log.faults.entry(fault).or_default() += 1;
        }
        if method == "POST" {
            *log.posts.entry(body).or_default() += 1;
        }
        fault
    }
}

/// Reads one request: its head and, by `Content-Length`, its body; `None` when the client
/// closed the connection.
async fn read_request(socket: &mut TcpStream, data: &mut Vec<u8>) -> Option<(String, String)> {
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                let body = String::from_utf8_lossy(&data[end + 4..end + 4 + length]).into_owned();
                data.drain(..end + 4 + length);
                return Some((head, body));
            }
        }
        let read = socket.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
    }
}

/// Serves one connection, request after request, until a fault ends it.
async fn serve(mut socket: TcpStream, server: Arc<Server>) {
    let mut data = Vec::new();
    while let Some((head, body)) = read_request(&mut socket, &mut data).await {
        let fault = server.log(&head, body);
        if !answer(&mut socket, fault).await {
            return;
        }
    }
}

/// Answers with `fault`; whether the connection can serve another request.
async fn answer(socket: &mut TcpStream, fault: Fault) -> bool {
    let simple = |status: &str, content_type: &str, body: &str| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    let envelope = r#"{"errors":[{"title":"try again later"}]}"#;
    let text = match fault {
        Fault::Ok => simple("200 OK", "application/json", r#"{"id":1,"name":"x"}"#),
        Fault::BadGateway => simple("502 Bad Gateway", "application/json", envelope),
        Fault::Unavailable => simple("503 Service Unavailable", "application/json", envelope),
        Fault::RateLimited => simple(
            "429 Too Many Requests\r\nRetry-After: 0",
            "application/json",
            envelope,
        ),
        Fault::TruncatedJson => simple("200 OK", "application/json", r#"{"id":1,"na"#),
        Fault::WrongContentType => simple(
            "200 OK",
            "text/html",
            "<html><body>Sign in to the hotel Wi-Fi</body></html>",
        ),
        Fault::Reset => {
            let _ = socket.set_zero_linger();
            return false;
        }
        Fault::StallHeaders => {
            tokio::time::sleep(TIMEOUT + STALL_EXTRA).await;
            return false;
        }
        Fault::StallBody => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":1,";
            let _ = socket.write_all(head.as_bytes()).await;
            tokio::time::sleep(TIMEOUT + STALL_EXTRA).await;
            return false;
        }
        Fault::Oversized => {
            let length = OVERSIZED;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
            );
            let _ = stream_body(socket, &head, Some(length)).await;
            return false;
        }
        Fault::Endless => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            let _ = stream_body(socket, head, None).await;
            return false;
        }
    };
    socket.write_all(text.as_bytes()).await.is_ok()
}

/// Writes `head`, then 16 KiB chunks of JSON-looking bytes: `length` bytes in all, or chunked
/// until the client goes away.
async fn stream_body(
    socket: &mut TcpStream,
    head: &str,
    length: Option<usize>,
) -> std::io::Result<()> {
    socket.write_all(head.as_bytes()).await?;
    let piece = vec![b' '; 16 * 1024];
    let chunked = format!("{:x}\r\n{}\r\n", piece.len(), " ".repeat(piece.len()));
    let mut sent = 0;
    loop {
        match length {
            Some(length) if sent >= length => return Ok(()),
            Some(_) => socket.write_all(&piece).await?,
            None => socket.write_all(chunked.as_bytes()).await?,
        }
        sent += piece.len();
    }
}

/// How one call ended.
fn outcome<T>(result: Result<T, Error>) -> &'static str {
    match result {
        Ok(_) => "success",
        Err(Error::Api { .. }) => "api error",
        Err(Error::BodyTooLarge { .. }) => "body too large",
        Err(err) if err.is_timeout() => "timeout",
        Err(Error::Transport(_)) => "transport error",
        Err(Error::Decode { .. }) => "decode error",
        Err(other) => panic!("an error no fault explains: {other:?}"),
    }
}

/// The peak resident memory of this process so far (VmHWM), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn client(address: std::net::SocketAddr, policy: RetryPolicy) -> Client {
    Client::builder(Credentials::new("k", "s"))
        .base_url(format!("http://{address}/api"))
        .timeout(TIMEOUT)
        .body_limit(BODY_LIMIT)
        .retry(policy)
        .build()
        .unwrap()
}

/// `calls` calls, `IN_FLIGHT` at once: GETs, and POSTs when `posts` (every other call), each
/// POST with a name of its own. Their outcomes, counted by method and kind.
async fn run(client: &Client, calls: std::ops::Range<usize>, posts: bool) -> Outcomes {
    let outcomes: Vec<_> = futures_util::stream::iter(calls)
        .map(|call| async move {
            if posts && call % 2 == 1 {
                let name = format!("task-{call}");
                ("POST", outcome(client.create_task(name).send().await))
            } else {
                ("GET", outcome(client.read_task(1).send().await))
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    let mut counts = BTreeMap::new();
    for key in outcomes {
        *counts.entry(key).or_default() += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_against_a_hostile_server_end_typed_in_bounded_memory() {
    tokio::time::timeout(DEADLINE, hostile())
        .await
        .expect("the fault test outlived its deadline");
}

/// The kinds of outcome, in the order the report shows them.
const KINDS: [&str; 6] = [
    "success",
    "api error",
    "body too large",
    "timeout",
    "transport error",
    "decode error",
];

type Outcomes = BTreeMap<(&'static str, &'static str), usize>;

async fn hostile() {
    let started = Instant::now();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = Arc::new(Server {
        counter: AtomicU64::new(0),
        phase: AtomicUsize::new(0),
        log: Mutex::new(Log::default()),
    });
    let serving = server.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket, serving.clone()));
        }
    });
    let quick = RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5));
    let budgeted = client(address, quick.clone());
    let unbudgeted = client(address, quick.without_budget());
    let before = peak_rss();

    let mixed = run(&budgeted, 0..MIXED_CALLS, true).await;
    server.phase.store(1, Ordering::SeqCst);
    let outage = run(&budgeted, 0..OUTAGE_CALLS, false).await;
    server.phase.store(2, Ordering::SeqCst);
    let control = run(&unbudgeted, 0..CONTROL_CALLS, false).await;
    let peak = peak_rss();

    let log = server.log.lock().unwrap();
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    eprintln!("mixed phase, what the server did: {:?}", log.faults);
    let phases = [
        ("mixed", &mixed),
        ("outage", &outage),
        ("control", &control),
    ];
    for (phase, outcomes) in phases {
        for method in ["GET", "POST"] {
            report_row(phase, method, outcomes, &log.requests);
        }
    }
    eprintln!(
        "fault-test summary calls={} in_flight={IN_FLIGHT} timeout_ms={} body_limit_kib={} peak_rss_mib={:.1} bound_mib={:.1} before_mib={:.1} wall_s={:.1}",
        MIXED_CALLS + OUTAGE_CALLS + CONTROL_CALLS,
        TIMEOUT.as_millis(),
        BODY_LIMIT / 1024,
        mib(peak),
        mib(PEAK_RSS_BOUND),
        mib(before),
        started.elapsed().as_secs_f64()
    );

    let twice: Vec<_> = log.posts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "POSTs the server received more than once: {twice:?}"
    );
    let total = |counts: &Outcomes| counts.values().sum::<usize>();
    assert_eq!(total(&mixed), MIXED_CALLS);
    assert_eq!(total(&outage), OUTAGE_CALLS);
    assert!(
        peak < PEAK_RSS_BOUND,
        "peak RSS {:.1} MiB is over the bound of {:.1} MiB",
        mib(peak),
        mib(PEAK_RSS_BOUND)
    );
    for kind in KINDS {
        assert!(
            mixed.keys().any(|(_, how)| *how == kind),
            "no call ended as {kind:?}: {mixed:?}"
        );
    }
    let per_call = |phase: &'static str, calls: usize| {
        log.requests.get(&(phase, "GET")).copied().unwrap_or(0) as f64 / calls as f64
    };
    let (outage_ratio, control_ratio) = (
        per_call("outage", OUTAGE_CALLS),
        per_call("control", CONTROL_CALLS),
    );
    assert!(
        outage_ratio < 1.1,
        "during the outage the server saw {outage_ratio:.3} requests per call"
    );
    assert!(
        control_ratio > 2.9,
        "without a budget each call should be tried 3 times, got {control_ratio:.3}"
    );
}

/// Prints one row of the report, `fault-test row=PHASE/METHOD calls=… requests=… per_call=…`
/// and the count of each outcome kind (which `cargo xtask bench` turns into BENCHMARKS.md).
fn report_row(
    phase: &'static str,
    method: &'static str,
    outcomes: &Outcomes,
    requests: &BTreeMap<(&'static str, &'static str), usize>,
) {
    let calls: usize = outcomes
        .iter()
        .filter(|((m, _), _)| *m == method)
        .map(|(_, n)| n)
        .sum();
    if calls == 0 {
        return;
    }
    let sent = requests.get(&(phase, method)).copied().unwrap_or(0);
    let mut line = format!(
        "fault-test row={phase}/{method} calls={calls} requests={sent} per_call={:.3}",
        sent as f64 / calls as f64
    );
    for kind in KINDS {
        let count = outcomes.get(&(method, kind)).copied().unwrap_or(0);
        line.push_str(&format!(" {}={count}", kind.replace(' ', "_")));
    }
    eprintln!("{line}");
}
