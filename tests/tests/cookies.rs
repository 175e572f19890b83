//! Cookie params on the wire, through the snapshot crate of `generator/tests/specs/cookies.yaml`:
//! every cookie param of an operation travels in one `Cookie` header, read back here by the
//! `cookie` crate, which the project did not write. Values are written as in a query (enums by
//! their wire value, numbers and booleans as JSON writes them) and percent-encoded where a
//! cookie cannot carry them.

use snapshot_cookies::mock::MockServer;
use snapshot_cookies::{Client, Credentials, types};
use wiremock::{Mock, ResponseTemplate, matchers};

/// The `Cookie` headers of each request the server received, parsed by the `cookie` crate:
/// name and percent-decoded value of each cookie, in order.
async fn cookies_received(server: &wiremock::MockServer) -> Vec<Vec<(String, String)>> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|request| {
            let headers = request.headers.get_all("cookie");
            let headers: Vec<&str> = headers.iter().map(|v| v.to_str().unwrap()).collect();
            assert!(headers.len() <= 1, "one Cookie header at most: {headers:?}");
            let Some(header) = headers.first() else {
                return Vec::new();
            };
            cookie::Cookie::split_parse_encoded(*header)
                .map(|c| {
                    let c = c.unwrap();
                    (c.name().to_owned(), c.value().to_owned())
                })
                .collect()
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    (expected.iter())
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

async fn server_and_client() -> (wiremock::MockServer, Client) {
    let server = wiremock::MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 7})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new()).unwrap();
    (server, client)
}

#[tokio::test]
async fn every_cookie_param_set_travels_in_one_cookie_header() {
    let (server, client) = server_and_client().await;
    let items = std::num::NonZeroU64::new(25).unwrap();
    let cart = (client.read_cart(7, "s3cr3t"))
        .currency(types::ReadCartCurrency::Eur)
        .items_per_page(items)
        .beta(true)
        .send()
        .await
        .unwrap();
    assert_eq!(cart.id, 7);
    assert_eq!(
        cookies_received(&server).await,
        [pairs(&[
            ("session", "s3cr3t"),
            ("currency", "EUR"),
            ("items-per-page", "25"),
            ("beta", "true"),
        ])]
    );
}

#[tokio::test]
async fn only_the_cookies_given_are_sent_and_what_a_cookie_cannot_carry_is_encoded() {
    let (server, client) = server_and_client().await;
    let session = "a b;c,\"d\"\\e%f=g";
    client.read_cart(7, session).send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let raw = requests[0].headers.get("cookie").unwrap().to_str().unwrap();
    assert_eq!(raw, "session=a%20b%3Bc%2C%22d%22%5Ce%25f=g");
    assert_eq!(
        cookies_received(&server).await,
        [pairs(&[("session", session)])]
    );
}

#[tokio::test]
async fn a_cookie_param_s_rules_are_checked_before_anything_is_sent() {
    let (server, client) = server_and_client().await;
    let too_many = std::num::NonZeroU64::new(500).unwrap();
    let err = (client.read_cart(7, "s"))
        .items_per_page(too_many)
        .send()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("items-per-page"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_typed_mock_matches_cookie_params() {
    let server = MockServer::start().await;
    let cart = types::Cart {
        id: 7,
        total: Some(12.5),
    };
    let read = server
        .read_cart(|when, then| {
            when.id(7)
                .session("s3cr3t")
                .currency(types::ReadCartCurrency::Usd);
            then.ok(&cart);
        })
        .await;
    let client = server.client();
    let found = (client.read_cart(7, "s3cr3t"))
        .currency(types::ReadCartCurrency::Usd)
        .beta(false)
        .send()
        .await
        .unwrap();
    assert_eq!(found, cart);
    let other_currency = (client.read_cart(7, "s3cr3t"))
        .currency(types::ReadCartCurrency::Eur)
        .send()
        .await;
    assert!(other_currency.unwrap_err().is_not_found());
    let other_session = client.read_cart(7, "another").send().await;
    assert!(other_session.unwrap_err().is_not_found());
    read.assert_hits(1);
}
