//! Params on the wire in the styles their spec gives them, through the snapshot crate of
//! `generator/tests/specs/param_styles.yaml`: path segments in the `label`, `matrix` and
//! `simple` styles (lists and objects too), and query lists and objects as `form` (not
//! exploded), `spaceDelimited`, `pipeDelimited` and `deepObject`, as OpenAPI's style tables
//! write them.

use snapshot_param_styles::mock::MockServer;
use snapshot_param_styles::{Client, Credentials, types};
use wiremock::{Mock, ResponseTemplate, matchers};

fn point() -> types::Point {
    types::Point { x: 1, y: 2 }
}

fn filter() -> types::Filter {
    types::Filter {
        min: Some(3),
        name: Some("a b".to_owned()),
    }
}

#[tokio::test]
async fn each_param_is_written_in_its_style() {
    let server = wiremock::MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new()).unwrap();
    (client.find_colors("red", vec![1, 2], vec![3, 4, 5], point()))
        .tags(vec!["a".to_owned(), "b".to_owned()])
        .words(vec!["x".to_owned(), "y".to_owned()])
        .levels(vec![1, 2])
        .filter(filter())
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let url = &requests[0].url;
    assert_eq!(url.path(), "/colors/.red/;matrix=1;matrix=2/3,4,5/x=1,y=2");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let expected = [
        ("tags", "a,b"),
        ("words", "x y"),
        ("levels", "1|2"),
        ("filter[min]", "3"),
        ("filter[name]", "a b"),
    ];
    let expected: Vec<(String, String)> = (expected.iter())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn the_typed_mock_matches_params_in_their_styles() {
    let server = MockServer::start().await;
    let client = server.client();
    let mock = server
        .find_colors(|when, then| {
            when.label("red")
                .matrix(vec![1, 2])
                .point(point())
                .filter(filter());
            then.ok();
        })
        .await;
    let find = |label: &str| client.find_colors(label, vec![1, 2], vec![3], point());
    find("red").filter(filter()).send().await.unwrap();
    assert!(
        find("blue").filter(filter()).send().await.is_err(),
        "another label matched"
    );
    let other = types::Filter {
        min: Some(4),
        name: None,
    };
    assert!(
        find("red").filter(other).send().await.is_err(),
        "another filter matched"
    );
    mock.assert_hits(1);
}
