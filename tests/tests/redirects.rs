//! Operations that answer only redirects, through the snapshot crate of
//! `generator/tests/specs/redirects.yaml`: the answer is where the redirect points, and nothing
//! is sent there, on another origin or on the same one.

use snapshot_redirects::mock::MockServer as TypedMock;
use snapshot_redirects::{Client, Credentials, runtime};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

async fn redirecting_to(location: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matchers::path("/archives/7"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_answer_is_where_the_redirect_points_and_nothing_is_sent_there() {
    let storage = MockServer::start().await;
    let target = format!("{}/blobs/7.tar.gz", storage.uri());
    let api = redirecting_to(&target).await;
    let client = Client::with_base_url(&api.uri(), Credentials::new("secret")).unwrap();

    let redirect = client.download_archive(7).send().await.unwrap();
    assert_eq!(redirect.location(), target);
    assert!(storage.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_not_followed_either() {
    let api = MockServer::start().await;
    Mock::given(matchers::path("/archives/7"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/blobs/7"))
        .mount(&api)
        .await;
    let client = Client::with_base_url(&api.uri(), Credentials::new("secret")).unwrap();

    let answer = client
        .download_archive(7)
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 302);
    assert_eq!(answer.body().location(), "/blobs/7");
    assert_eq!(api.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_documented_redirect_without_a_location_is_a_missing_answer() {
    let api = MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(302))
        .mount(&api)
        .await;
    let client = Client::with_base_url(&api.uri(), Credentials::new("secret")).unwrap();
    let err = client.download_archive(7).send().await.unwrap_err();
    assert!(
        matches!(err, runtime::Error::MissingBody { status } if status == 302),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_typed_mock_answers_the_redirect() {
    let server = TypedMock::start().await;
    server
        .download_archive(|_, then| {
            then.ok("https://storage.example.com/7");
        })
        .await;
    let redirect = server.client().download_archive(7).send().await.unwrap();
    assert_eq!(redirect.location(), "https://storage.example.com/7");
}
