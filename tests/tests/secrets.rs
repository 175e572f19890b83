//! The API key and secret never appear in Debug or Display of anything a user can print.

use std::time::Duration;

use serde_json::json;
use timetrack_client::{Client, Credentials, Error, RetryPolicy};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

const KEY: &str = "key-1f9e8d7c";
const SECRET: &str = "secret-6b5a4f3e";

fn assert_hidden(shown: &str) {
    assert!(!shown.contains(KEY), "the key leaked: {shown}");
    assert!(!shown.contains(SECRET), "the secret leaked: {shown}");
}

#[test]
fn credentials_client_builder_and_request_builders_hide_them() {
    let credentials = Credentials::new(KEY, SECRET);
    let builder = Client::builder(credentials.clone())
        .base_url("http://127.0.0.1:9")
        .timeout(Duration::from_secs(1));
    let client = builder.clone().build().unwrap();
    let request = client.update_task(1).notes("n");
    for shown in [
        format!("{credentials:?}"),
        format!("{credentials:#?}"),
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{request:?}"),
    ] {
        assert_hidden(&shown);
    }
    assert!(format!("{credentials:?}").contains("redacted"));
}

#[tokio::test]
async fn every_error_variant_hides_them() {
    let server = MockServer::start().await;
    let respond = |status: u16, body: &str| {
        ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
    };
    for (route, response) in [
        (
            "/tasks/1",
            respond(
                404,
                &json!({"errors": [{"title": "gone", "status": 404}]}).to_string(),
            ),
        ),
        ("/tasks/2", respond(200, "{not json")),
        ("/tasks/3", respond(302, "moved")),
    ] {
        Mock::given(matchers::path(route))
            .respond_with(response)
            .mount(&server)
            .await;
    }
    let client = Client::builder(Credentials::new(KEY, SECRET))
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let mut errors: Vec<Error> = Vec::new();
    for id in 1..=3 {
        errors.push(client.read_task(id).send().await.unwrap_err());
    }
    let unreachable = Client::builder(Credentials::new(KEY, SECRET))
        .base_url("http://127.0.0.1:9")
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    errors.push(unreachable.read_task(1).send().await.unwrap_err());
    errors.push(
        Client::builder(Credentials::new(KEY, SECRET))
            .build()
            .unwrap_err(),
    );
    errors.push(Client::new("bad host", Credentials::new(KEY, SECRET)).unwrap_err());
    errors.push(
        Client::with_base_url(
            "http://127.0.0.1:9",
            Credentials::new(format!("{KEY}\n"), SECRET),
        )
        .unwrap_err(),
    );

    let kinds: Vec<&str> = errors
        .iter()
        .map(|e| match e {
            Error::Api { .. } => "api",
            Error::Decode { .. } => "decode",
            Error::UnexpectedStatus { .. } => "status",
            Error::Transport(_) => "transport",
            Error::Config(_) => "config",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "api",
            "decode",
            "status",
            "transport",
            "config",
            "config",
            "config"
        ]
    );
    for err in &errors {
        assert_hidden(&format!("{err} {err:?} {err:#?}"));
    }
}
