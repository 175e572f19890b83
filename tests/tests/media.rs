//! Bodies and answers that are not JSON, on the wire, through the snapshot crate of
//! `generator/tests/specs/media.yaml`: a form body, text in and out, bytes in and out, and a
//! `*/*` answer read as bytes.

use snapshot_media::{Client, Credentials};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::with_base_url(&server.uri(), Credentials::new("key")).unwrap();
    (server, client)
}

fn content_type(request: &wiremock::Request) -> Option<&str> {
    request
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn a_form_body_is_sent_url_encoded() {
    let (server, client) = server_and_client().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"token": "t-1"})))
        .mount(&server)
        .await;

    let session = client
        .create_session("ana", "s3cret & more")
        .remember(true)
        .send()
        .await
        .unwrap();

    assert_eq!(session.token, "t-1");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        content_type(request),
        Some("application/x-www-form-urlencoded")
    );
    let form = String::from_utf8(request.body.clone()).unwrap();
    let as_query = reqwest::Url::parse(&format!("http://form.invalid/?{form}")).unwrap();
    let mut pairs: Vec<(String, String)> = as_query.query_pairs().into_owned().collect();
    pairs.sort();
    let expected = [
        ("password", "s3cret & more"),
        ("remember", "true"),
        ("username", "ana"),
    ];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

#[tokio::test]
async fn text_goes_out_and_comes_back_as_text() {
    let (server, client) = server_and_client().await;
    Mock::given(matchers::path("/notes"))
        .and(matchers::body_string("hello"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("HELLO", "text/plain"))
        .mount(&server)
        .await;

    let echoed: String = client.echo_note("hello").send().await.unwrap();

    assert_eq!(echoed, "HELLO");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(content_type(request), Some("text/plain"));
    assert_eq!(request.headers.get("accept").unwrap(), "text/plain");
}

#[tokio::test]
async fn bytes_go_out_and_come_back_as_bytes() {
    let (server, client) = server_and_client().await;
    let file: Vec<u8> = (0..=255).collect();
    Mock::given(matchers::method("PUT"))
        .and(matchers::path("/files/a%20b"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/files/a%20b"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(file.clone(), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    Mock::given(matchers::path("/export"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("a,b\n1,2\n", "text/csv"))
        .mount(&server)
        .await;

    client
        .upload_file("a b", file.clone())
        .send()
        .await
        .unwrap();
    let downloaded: Vec<u8> = client.download_file("a b").send().await.unwrap();
    let export: Vec<u8> = client.export().send().await.unwrap();

    let upload = &server.received_requests().await.unwrap()[0];
    assert_eq!(upload.body, file);
    assert_eq!(content_type(upload), Some("application/octet-stream"));
    assert_eq!(downloaded, file);
    assert_eq!(export, b"a,b\n1,2\n");
}

#[tokio::test]
async fn the_mock_answers_text_and_bytes_and_matches_raw_bodies() {
    let server = snapshot_media::mock::MockServer::start().await;
    server
        .echo_note(|when, then| {
            when.body("hi");
            then.ok("HI");
        })
        .await;
    let download = server
        .download_file(|when, then| {
            when.id("f1");
            then.ok(&[1, 2, 3]);
        })
        .await;
    let client = server.client();

    assert_eq!(client.echo_note("hi").send().await.unwrap(), "HI");
    assert!(
        client
            .echo_note("other")
            .send()
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert_eq!(client.download_file("f1").send().await.unwrap(), [1, 2, 3]);
    download.assert_hits(1);
}

/// The report answers each media it documents; the mock server picks by `Accept`.
async fn report_server() -> (MockServer, Client) {
    let (server, client) = server_and_client().await;
    let answers: [(&str, &[u8]); 3] = [
        ("application/json", br#"{"total": 42}"#),
        ("text/csv", b"total\n42\n"),
        ("application/pdf", b"%PDF-1.7 report"),
    ];
    for (media, body) in answers {
        Mock::given(matchers::path("/report"))
            .and(matchers::header("accept", media))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, media))
            .mount(&server)
            .await;
    }
    (server, client)
}

#[tokio::test]
async fn send_decodes_the_json_media_and_send_as_asks_for_the_others() {
    use snapshot_media::responses::ReadReportMedia;
    let (server, client) = report_server().await;

    assert_eq!(client.read_report().send().await.unwrap().total, 42);
    let csv = client
        .read_report()
        .send_as(ReadReportMedia::TextCsv)
        .await
        .unwrap();
    assert_eq!(csv.body(), b"total\n42\n");
    assert_eq!(csv.headers()["content-type"], "text/csv");
    let pdf = client
        .read_report()
        .send_as(ReadReportMedia::ApplicationPdf)
        .await
        .unwrap();
    assert_eq!(pdf.into_body(), b"%PDF-1.7 report");

    // One `Accept` per request: the chosen media replaces the typed answer's.
    let requests = server.received_requests().await.unwrap();
    let accepts: Vec<Vec<&str>> = requests
        .iter()
        .map(|r| {
            (r.headers.get_all("accept").iter())
                .map(|v| v.to_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        accepts,
        [["application/json"], ["text/csv"], ["application/pdf"]]
    );
}

#[tokio::test]
async fn send_as_fails_on_an_error_status_as_send_does() {
    use snapshot_media::responses::ReadReportMedia;
    let (server, client) = server_and_client().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let err = client
        .read_report()
        .send_as(ReadReportMedia::TextCsv)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(snapshot_media::StatusCode::NOT_FOUND));
}
