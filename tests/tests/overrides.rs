//! Parameters declared on the path item, on the wire, through the snapshot crates of
//! `generator/tests/specs/overrides.yaml` and `generator/tests/specs/shared_path_params.yaml`.
//! OpenAPI 3.0: an operation's parameter replaces the path item's one of the same `name` and
//! `in`. So `delete_thing` takes the integer `key` and the required `verbose` it redeclares (the
//! calls below only compile with those types), while `read_thing` keeps the path-level text `key`
//! and optional `verbose`. A path-level param no operation redeclares is sent by each of them.

use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

/// Method, path (as sent, percent-encoded) and query of each request the server received.
async fn received(server: &MockServer) -> Vec<(String, String, Option<String>)> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            (
                request.method.to_string(),
                request.url.path().to_owned(),
                request.url.query().map(str::to_owned),
            )
        })
        .collect()
}

fn sent(method: &str, path: &str, query: Option<&str>) -> (String, String, Option<String>) {
    (method.to_owned(), path.to_owned(), query.map(str::to_owned))
}

mod overrides {
    use super::*;
    use snapshot_overrides::{Client, Credentials};

    async fn server_and_client() -> (MockServer, Client) {
        let server = MockServer::start().await;
        let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();
        (server, client)
    }

    #[tokio::test]
    async fn the_operation_s_integer_key_and_required_query_param_replace_the_path_level_ones() {
        let (server, client) = server_and_client().await;
        Mock::given(matchers::method("DELETE"))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;

        // Compiles only because the operation's declarations win: `key: i64`, `verbose: bool`.
        client.delete_thing(42, true).send().await.unwrap();

        assert_eq!(
            received(&server).await,
            [sent("DELETE", "/things/42", Some("verbose=true"))]
        );
    }

    #[tokio::test]
    async fn without_a_redeclaration_the_path_level_text_key_and_optional_query_param_apply() {
        let (server, client) = server_and_client().await;
        Mock::given(matchers::method("GET"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"name": "thing one", "note": "The first thing."})),
            )
            .mount(&server)
            .await;

        let thing = client.read_thing("thing one").send().await.unwrap();
        let quiet = client
            .read_thing(String::from("thing one"))
            .verbose(false)
            .send()
            .await
            .unwrap();

        assert_eq!(thing.name, "thing one");
        assert_eq!(thing.note.as_deref(), Some("The first thing."));
        assert_eq!(quiet, thing);
        assert_eq!(
            received(&server).await,
            [
                sent("GET", "/things/thing%20one", None),
                sent("GET", "/things/thing%20one", Some("verbose=false")),
            ]
        );
    }
}

mod shared_path_params {
    use super::*;
    use snapshot_shared_path_params::types::Item;
    use snapshot_shared_path_params::{Client, Credentials};

    #[tokio::test]
    async fn a_path_level_param_is_sent_by_every_operation_that_shares_it() {
        let server = MockServer::start().await;
        let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();
        let item = json!({"id": 3, "name": "pen"});
        Mock::given(matchers::method("DELETE"))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
        Mock::given(matchers::path("/accounts/7/items"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([item])))
            .mount(&server)
            .await;
        Mock::given(matchers::path("/accounts/7/items/3"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&item))
            .mount(&server)
            .await;

        let listed: Vec<Item> = client.list_items(7).send().await.unwrap();
        let read: Item = client.read_item(7, 3).send().await.unwrap();
        let updated: Item = client.update_item(7, 3, 3, "pen").send().await.unwrap();
        client.delete_item(7, 3).send().await.unwrap();

        assert_eq!(listed.as_slice(), std::slice::from_ref(&read));
        assert_eq!(updated, read);
        assert_eq!(
            received(&server).await,
            [
                sent("GET", "/accounts/7/items", None),
                sent("GET", "/accounts/7/items/3", None),
                sent("PUT", "/accounts/7/items/3", None),
                sent("DELETE", "/accounts/7/items/3", None),
            ]
        );
    }
}
