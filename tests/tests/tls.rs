//! TLS out of the box: the client talks HTTPS to a local server whose test certificate it is told
//! to trust, and refuses the same server when it is not (certificates are verified).

use std::sync::Arc;

use timetrack_client::{Certificate, Client, Credentials, Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// An HTTPS server on 127.0.0.1 with a fresh self-signed certificate for `127.0.0.1`; it answers
/// every request with one task. Returns its URL and the certificate as PEM.
async fn https_server() -> (String, String) {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let pem = certified.cert.pem();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let mut buffer = vec![0u8; 8192];
                let _ = tls.read(&mut buffer).await;
                let body = r#"{"id":1,"name":"over TLS"}"#;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (format!("https://{address}"), pem)
}

#[tokio::test]
async fn https_with_a_trusted_test_certificate() {
    let (url, pem) = https_server().await;
    let client = Client::builder(Credentials::new("k", "s"))
        .base_url(&url)
        .root_certificate(Certificate::from_pem(pem.as_bytes()).unwrap())
        .build()
        .unwrap();

    let task = client.read_task(1).send().await.unwrap();

    assert_eq!(task.name, "over TLS");
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused() {
    let (url, _) = https_server().await;
    let client = Client::builder(Credentials::new("k", "s"))
        .base_url(&url)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    let err = client.read_task(1).send().await.unwrap_err();

    let Error::Transport(source) = &err else {
        panic!("expected a transport error, got {err:?}")
    };
    let mut chain = String::new();
    let mut cause: Option<&dyn std::error::Error> = Some(source);
    while let Some(current) = cause {
        chain.push_str(&format!("{current}; "));
        cause = current.source();
    }
    assert!(
        chain.contains("certificate"),
        "not a certificate failure: {chain}"
    );
}
