//! An operation whose success is `101 Switching Protocols`, through the snapshot crate of
//! `generator/tests/specs/upgrade.yaml`: `upgrade(protocol)` sends the request with the
//! connection headers, the params and the credentials, and hands over the connection, which
//! then carries the other protocol both ways. Other answers are typed errors.

use std::num::NonZeroU64;

use snapshot_upgrade::types::{AttachConsoleXConsoleMode, ErrorResponse};
use snapshot_upgrade::{Client, Credentials, Error, StatusCode};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A server that takes one connection, sends its request head through the channel, answers
/// with `answer` and then, after a `101`, echoes what it reads.
async fn one_shot_server(answer: &'static str) -> (String, oneshot::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
    let (head_sender, head) = oneshot::channel();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut stream = BufReader::new(stream);
        let mut request = String::new();
        loop {
            let mut line = String::new();
            stream.read_line(&mut line).await.unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            request.push_str(&line);
        }
        head_sender.send(request).unwrap();
        stream.write_all(answer.as_bytes()).await.unwrap();
        stream.flush().await.unwrap();
        if answer.starts_with("HTTP/1.1 101") {
            let mut buffer = [0u8; 64];
            while let Ok(read) = stream.read(&mut buffer).await {
                if read == 0 || stream.write_all(&buffer[..read]).await.is_err() {
                    break;
                }
                stream.flush().await.unwrap();
            }
        }
    });
    (base_url, head)
}

fn client(base_url: &str) -> Client {
    Client::with_base_url(base_url, Credentials::new("key")).unwrap()
}

const SWITCHED: &str =
    "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: console\r\n\r\n";

#[tokio::test]
async fn upgrade_hands_over_the_connection_after_sending_params_and_credentials() {
    let (base_url, head) = one_shot_server(SWITCHED).await;

    let answer = client(&base_url)
        .attach_console(7)
        .rows(NonZeroU64::new(40).unwrap())
        .x_console_mode(AttachConsoleXConsoleMode::Raw)
        .upgrade_with_response("console")
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SWITCHING_PROTOCOLS);
    assert_eq!(answer.headers()["upgrade"], "console");

    let mut connection = answer.into_body();
    connection.write_all(b"ls -l\n").await.unwrap();
    let mut echoed = [0u8; 6];
    connection.read_exact(&mut echoed).await.unwrap();
    assert_eq!(&echoed, b"ls -l\n");

    let head = head.await.unwrap().to_ascii_lowercase();
    assert!(
        head.starts_with("get /v1/sessions/7/console?rows=40 http/1.1\r\n"),
        "{head}"
    );
    for line in [
        "connection: upgrade",
        "upgrade: console",
        "x-console-mode: raw",
        "x-api-key: key",
    ] {
        assert!(head.contains(&format!("{line}\r\n")), "{line} in {head}");
    }
}

#[tokio::test]
async fn an_answer_other_than_101_is_the_api_error() {
    let body = r#"{"message":"No such session."}"#;
    let answer = format!(
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let (base_url, _head) = one_shot_server(answer.leak()).await;

    let refused = client(&base_url).attach_console(9).upgrade("console").await;

    match refused {
        Err(Error::Api { status, body, .. }) => {
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert_eq!(
                body,
                ErrorResponse {
                    message: "No such session.".to_owned()
                }
            );
        }
        other => panic!("expected the API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_protocol_a_header_cannot_carry_is_refused_before_sending() {
    let (base_url, head) = one_shot_server(SWITCHED).await;

    let refused = client(&base_url)
        .attach_console(7)
        .upgrade("console\r\nx-injected: 1")
        .await;

    match refused {
        Err(Error::InvalidRequest(message)) => {
            assert!(message.contains("nothing was sent"), "{message}")
        }
        other => panic!("expected the request to be refused, got {other:?}"),
    }
    drop(head);
}

#[tokio::test]
async fn rules_on_params_are_checked_before_an_upgrade_too() {
    let (base_url, _head) = one_shot_server(SWITCHED).await;

    let refused = client(&base_url)
        .attach_console(7)
        .rows(NonZeroU64::new(501).unwrap())
        .upgrade("console")
        .await;

    assert!(
        matches!(&refused, Err(Error::InvalidRequest(m)) if m.contains("maximum 500")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn the_typed_mock_answers_101_to_the_protocol_asked_for() {
    let server = snapshot_upgrade::mock::MockServer::start().await;
    let mock = server
        .attach_console(|when, then| {
            when.id(7).x_console_mode(AttachConsoleXConsoleMode::Cooked);
            then.ok();
        })
        .await;

    let answer = server
        .client()
        .attach_console(7)
        .x_console_mode(AttachConsoleXConsoleMode::Cooked)
        .upgrade_with_response("console")
        .await
        .unwrap();

    assert_eq!(answer.status(), StatusCode::SWITCHING_PROTOCOLS);
    assert_eq!(answer.headers()["upgrade"], "console");
    mock.assert_hits(1);
}
