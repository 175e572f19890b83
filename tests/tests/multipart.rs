//! Multipart uploads on the wire, through the snapshot crate of
//! `generator/tests/specs/multipart.yaml`: each body the client sends is read back part for part
//! by `multer`, a parser the project did not write, with the names, file names, content types
//! and contents given, in the spec's order.

use std::convert::Infallible;

use snapshot_multipart::mock::MockServer;
use snapshot_multipart::{Client, Credentials, Error, FilePart, types};
use wiremock::{Mock, ResponseTemplate, matchers};

/// A part as `multer` reads it: name, file name, content type, content.
#[derive(Debug, PartialEq)]
struct Received {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    content: Vec<u8>,
}

fn part(
    name: &str,
    file_name: Option<&str>,
    content_type: Option<&str>,
    content: &[u8],
) -> Received {
    Received {
        name: name.to_owned(),
        file_name: file_name.map(str::to_owned),
        content_type: content_type.map(str::to_owned),
        content: content.to_vec(),
    }
}

/// The parts of each request the server received, read by `multer`; `None` for a request
/// without a body.
async fn parts_received(server: &wiremock::MockServer) -> Vec<Option<Vec<Received>>> {
    let mut out = Vec::new();
    for request in server.received_requests().await.unwrap() {
        let content_type = request.headers.get("content-type");
        let Some(content_type) = content_type.map(|v| v.to_str().unwrap().to_owned()) else {
            assert!(request.body.is_empty(), "a body without a content type");
            out.push(None);
            continue;
        };
        let boundary = multer::parse_boundary(&content_type).unwrap();
        let body = request.body.clone();
        let stream = futures_util::stream::once(async move { Ok::<_, Infallible>(body) });
        let mut multipart = multer::Multipart::new(stream, boundary);
        let mut parts = Vec::new();
        while let Some(field) = multipart.next_field().await.unwrap() {
            let name = field.name().unwrap().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(|m| m.to_string());
            let content = field.bytes().await.unwrap().to_vec();
            parts.push(Received {
                name,
                file_name,
                content_type,
                content,
            });
        }
        out.push(Some(parts));
    }
    out
}

async fn server_and_client(status: u16) -> (wiremock::MockServer, Client) {
    let server = wiremock::MockServer::start().await;
    let answer = serde_json::json!({"id": 9, "title": "Plan"});
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(answer))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri(), Credentials::new()).unwrap();
    (server, client)
}

fn details() -> types::AttachmentDetails {
    types::AttachmentDetails {
        title: "Plan".to_owned(),
        visibility: Some(types::AttachmentDetailsVisibility::Team),
    }
}

#[tokio::test]
async fn every_part_arrives_in_the_spec_order_with_its_name_file_name_and_type() {
    let (server, client) = server_and_client(201).await;
    let file = FilePart::bytes(&b"\x89PNG\r\n--\x00"[..]).file_name("plan v2 (é).png");
    let note = types::AttachFileNote::try_from("see \"page 2\"".to_owned()).unwrap();
    let attachment = (client.attach_file(7, details(), file))
        .note(note)
        .pinned(true)
        .tags(vec!["a".to_owned(), "b c".to_owned()])
        .body_id("upload-1")
        .send()
        .await
        .unwrap();
    assert_eq!(attachment.id, 9);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/tasks/7/attachments");
    assert_eq!(
        parts_received(&server).await,
        [Some(vec![
            part(
                "details",
                None,
                Some("application/json"),
                br#"{"title":"Plan","visibility":"team"}"#
            ),
            part(
                "file",
                Some("plan v2 (é).png"),
                Some("image/png"),
                b"\x89PNG\r\n--\x00"
            ),
            part("note", None, None, b"see \"page 2\""),
            part("pinned", None, None, b"true"),
            part("tags", None, None, b"a"),
            part("tags", None, None, b"b c"),
            part("id", None, None, b"upload-1"),
        ])]
    );
}

#[tokio::test]
async fn files_come_from_bytes_a_stream_or_an_opened_file_with_their_own_types() {
    let (server, client) = server_and_client(204).await;
    let path = std::env::temp_dir().join(format!("multipart-test-{}.jpg", std::process::id()));
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &big).unwrap();
    let opened = FilePart::open(&path)
        .await
        .unwrap()
        .content_type("image/jpeg");
    let chunks = ["str", "eam"].map(|c| Ok::<_, Infallible>(c.as_bytes().to_vec()));
    let streamed = FilePart::stream(futures_util::stream::iter(chunks)).file_name("s.bin");
    let photos = vec![FilePart::bytes("raw"), streamed, opened];
    client
        .upload_photos(photos)
        .caption("*sunny*")
        .send()
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let file_name = path.file_name().unwrap().to_str().unwrap();
    // `encoding` allows two types for the photos, so a file without one is octet-stream.
    let octets = Some("application/octet-stream");
    assert_eq!(
        parts_received(&server).await,
        [Some(vec![
            part("photos", None, octets, b"raw"),
            part("photos", Some("s.bin"), octets, b"stream"),
            part("photos", Some(file_name), Some("image/jpeg"), &big),
            part("caption", None, Some("text/markdown"), b"*sunny*"),
        ])]
    );
}

#[tokio::test]
async fn an_optional_body_without_parts_is_not_sent_and_rules_are_checked_first() {
    let (server, client) = server_and_client(204).await;
    client.set_avatar().send().await.unwrap();
    client.set_avatar().size(64).send().await.unwrap();
    let refused = client.set_avatar().size(8).send().await;
    assert!(matches!(refused, Err(Error::InvalidRequest(m)) if m.contains("size")));
    assert_eq!(
        parts_received(&server).await,
        [None, Some(vec![part("size", None, None, b"64")])]
    );
}

#[tokio::test]
async fn a_stream_is_read_once_so_a_second_send_fails_before_sending() {
    let (server, client) = server_and_client(204).await;
    let chunks = [Ok::<_, Infallible>(b"once".to_vec())];
    let file = FilePart::stream(futures_util::stream::iter(chunks));
    let request = client.set_avatar().picture(file);
    request.clone().send().await.unwrap();
    let again = request.send().await;
    assert!(matches!(again, Err(Error::InvalidRequest(m)) if m.contains("sent already")));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_typed_mock_matches_multipart_requests_part_by_part() {
    let server = MockServer::start().await;
    let client = server.client();
    let answer = types::Attachment {
        id: 3,
        title: "Plan".to_owned(),
    };
    let mock = server
        .attach_file(|when, then| {
            when.id(7)
                .details(details())
                .file(b"content")
                .tags(vec!["x".to_owned()]);
            then.ok(&answer);
        })
        .await;
    let attach = |content: &'static [u8], tag: &str| {
        (client.attach_file(7, details(), FilePart::bytes(content)))
            .tags(vec![tag.to_owned()])
            .send()
    };
    assert_eq!(attach(b"content", "x").await.unwrap(), answer);
    assert!(
        attach(b"other", "x").await.is_err(),
        "another file's content matched"
    );
    assert!(
        attach(b"content", "y").await.is_err(),
        "another tag matched"
    );
    mock.assert_hits(1);
}

#[tokio::test]
async fn the_parts_of_an_all_of_body_come_from_both_members_and_dates_are_text() {
    let (server, client) = server_and_client(204).await;
    let period = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let report = FilePart::bytes("%PDF").file_name("november.pdf");
    client
        .upload_report(period, report)
        .pages(12)
        .send()
        .await
        .unwrap();
    let octets = Some("application/octet-stream");
    assert_eq!(
        parts_received(&server).await,
        [Some(vec![
            part("period", None, None, b"2026-11-30"),
            part("pages", None, None, b"12"),
            part("report", Some("november.pdf"), octets, b"%PDF"),
        ])]
    );
}
