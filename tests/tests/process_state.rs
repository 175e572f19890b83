//! Building and using a client changes nothing process-wide: no default rustls crypto provider
//! is installed, so the application can still install its own. (Its own test binary, so that no
//! other test of the process installs one first.)

mod common;

use common::{answer, json_response, server_and_client};
use serde_json::json;

#[tokio::test]
async fn no_default_crypto_provider_is_installed_and_the_application_can_install_its_own() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/tasks/1",
        json_response(200, json!({"id": 1, "name": "x"})),
    )
    .await;
    let https =
        timetrack_client::Client::new("testaccount", timetrack_client::Credentials::new("k", "s"));

    client.read_task(1).send().await.unwrap();
    assert!(https.is_ok(), "{https:?}");

    assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    let installed = rustls::crypto::ring::default_provider().install_default();
    assert!(
        installed.is_ok(),
        "the application could not install its provider"
    );
}
