//! The command of the `mixed` snapshot, whose spec has no tags: its commands are the
//! operationIds, and it prints each kind of answer as it travels (JSON, text, bytes, nothing,
//! a redirect's location, answers and errors by status) and sends text and form bodies.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{header as has_header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mixed(server: &MockServer, args: &[&str]) -> common::cli::Run {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_mixed_under_test"))
        .args(args)
        .env_clear()
        .env("MIXED_API_KEY", KEY)
        .env("MIXED_BASE_URL", server.uri())
        .output()
        .await
        .expect("the command runs");
    common::cli::Run {
        code: output.status.code().expect("exited"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn route(verb: &str, at: &str, response: ResponseTemplate) -> Mock {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
}

#[tokio::test]
async fn a_spec_without_tags_has_its_operation_ids_as_commands() {
    let server = MockServer::start().await;
    let help = mixed(&server, &["--help"]).await;
    assert_eq!(help.code, 0);
    for command in [
        "list-items",
        "create-item",
        "write-note",
        "export-item",
        "download-item",
    ] {
        assert!(help.stdout.contains(command), "{command}: {}", help.stdout);
    }
    assert!(
        !help.stdout.contains("watch-item"),
        "an upgrade has no command"
    );
    let enum_help = mixed(&server, &["list-items", "--help"]).await;
    assert!(
        enum_help.stdout.contains("[possible values: small, large]"),
        "{}",
        enum_help.stdout
    );
}

#[tokio::test]
async fn answers_by_status_print_as_they_travel() {
    let server = MockServer::start().await;
    let export = json!({"item": {"name": "a"}, "replaced_by": null, "rows": [[1, "x"]]});
    route(
        "GET",
        "/items/a/export",
        ResponseTemplate::new(200).set_body_json(&export),
    )
    .mount(&server)
    .await;
    route("GET", "/items/b/export", ResponseTemplate::new(202))
        .mount(&server)
        .await;
    route(
        "GET",
        "/items/c/export",
        ResponseTemplate::new(404).set_body_json(json!({"missing": "c"})),
    )
    .mount(&server)
    .await;
    route(
        "GET",
        "/items/d/export",
        ResponseTemplate::new(429).set_body_string("in a minute"),
    )
    .mount(&server)
    .await;
    let now = mixed(&server, &["export-item", "a"]).await;
    assert_eq!(now.code, 0, "{}", now.stderr);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&now.stdout).unwrap(),
        export
    );
    let later = mixed(&server, &["export-item", "b"]).await;
    assert_eq!(
        (later.code, later.stdout.as_str()),
        (0, ""),
        "{}",
        later.stderr
    );
    let missing = mixed(&server, &["export-item", "c"]).await;
    assert_eq!(missing.code, 3, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("\"missing\":\"c\""),
        "{}",
        missing.stderr
    );
    let busy = mixed(&server, &["export-item", "d"]).await;
    assert_eq!(busy.code, 3, "{}", busy.stderr);
    assert!(busy.stderr.contains("in a minute"), "{}", busy.stderr);
}

#[tokio::test]
async fn text_bodies_go_out_and_text_and_redirects_come_back() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/items/a/note"))
        .and(has_header("content-type", "text/markdown"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("# stored", "text/markdown"))
        .mount(&server)
        .await;
    let location = ResponseTemplate::new(302).insert_header("location", "https://files.example/a");
    route("GET", "/items/a/download", location)
        .mount(&server)
        .await;
    let note = std::env::temp_dir().join(format!("mixed-cli-note-{}.md", std::process::id()));
    std::fs::write(&note, "# a note").unwrap();
    let written = mixed(
        &server,
        &["write-note", "a", "--body", note.to_str().unwrap()],
    )
    .await;
    std::fs::remove_file(&note).unwrap();
    assert_eq!(
        (written.code, written.stdout.as_str()),
        (0, "# stored"),
        "{}",
        written.stderr
    );
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].body, b"# a note");
    let download = mixed(&server, &["download-item", "a"]).await;
    assert_eq!(download.code, 0, "{}", download.stderr);
    assert_eq!(
        download.stdout,
        "{\"location\":\"https://files.example/a\"}\n"
    );
}

#[tokio::test]
async fn a_form_body_is_sent_from_its_flags() {
    let server = MockServer::start().await;
    route("POST", "/items", ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let created = mixed(
        &server,
        &["create-item", "--name", "a b", "--kind", "large"],
    )
    .await;
    assert_eq!(
        (created.code, created.stdout.as_str()),
        (0, ""),
        "{}",
        created.stderr
    );
    let sent = server.received_requests().await.unwrap();
    assert_eq!(
        String::from_utf8_lossy(&sent[0].body),
        "kind=large&name=a+b"
    );
    let wrong = mixed(&server, &["create-item", "--name", "a", "--kind", "medium"]).await;
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
}

#[tokio::test]
async fn file_parts_are_read_from_the_paths_their_flags_name() {
    let server = MockServer::start().await;
    route("POST", "/items/a/attachments", ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let dir = std::env::temp_dir();
    let [main, extra] = ["main", "extra"]
        .map(|name| dir.join(format!("mixed-cli-{name}-{}.txt", std::process::id())));
    std::fs::write(&main, "main content").unwrap();
    std::fs::write(&extra, "extra content").unwrap();
    let (main_path, extra_path) = (main.to_str().unwrap(), extra.to_str().unwrap());
    let args = [
        "attach-files",
        "a",
        "--file",
        main_path,
        "--extra",
        extra_path,
    ];
    let sent = mixed(&server, &[&args[..], &["--label", "both"]].concat()).await;
    assert_eq!(
        (sent.code, sent.stdout.as_str()),
        (0, ""),
        "{}",
        sent.stderr
    );
    let missing = mixed(&server, &["attach-files", "a", "--file", "/no/such/file"]).await;
    std::fs::remove_file(&main).unwrap();
    std::fs::remove_file(&extra).unwrap();
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("/no/such/file"),
        "{}",
        missing.stderr
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "a missing file sent nothing");
    let body = String::from_utf8_lossy(&requests[0].body);
    let file_name = |path: &std::path::Path| path.file_name().unwrap().to_str().unwrap().to_owned();
    for (name, file, content) in [
        ("file", file_name(&main), "main content"),
        ("extra", file_name(&extra), "extra content"),
    ] {
        let head = format!("name=\"{name}\"; filename=\"{file}\"");
        let at = body
            .find(&head)
            .unwrap_or_else(|| panic!("no {head} in {body}"));
        assert!(body[at..].contains(content), "{body}");
    }
    assert!(body.contains("name=\"label\"\r\n\r\nboth\r\n"), "{body}");
}
