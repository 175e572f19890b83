//! A loopback server below HTTP libraries, for answers no well-behaved server gives: bodies that
//! never end, stall, or are longer than they may be.

use std::future::Future;

use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};

/// Serves each connection with `serve` (which reads the request itself, e.g. with
/// [`read_head`]); the base URL, `http://127.0.0.1:PORT`.
pub async fn raw_server<F, Fut>(serve: F) -> String
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket));
        }
    });
    format!("http://{address}")
}

/// Reads a request head (up to its blank line); `None` when the client closed first.
pub async fn read_head(socket: &mut TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    while !data.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = socket.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
    }
    Some(String::from_utf8_lossy(&data).into_owned())
}
