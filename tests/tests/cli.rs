//! The generated `timetrack` command, run as a process against a local server: every
//! operation once, a paged `--all`, each class of failure with its exit code, bad values
//! refused with nothing sent, the output contract (JSON on stdout, nothing else there) and
//! no secret printed anywhere.

mod common;

use common::cli::{run, run_with};
use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

/// An object every answer type of the spec reads (each requires at most these fields).
fn object() -> Value {
    json!({"id": 1, "name": "n", "projectName": "p", "username": "u"})
}

async fn local() -> (wiremock::MockServer, String) {
    let server = wiremock::MockServer::start().await;
    let base = format!("{}{BASE}", server.uri());
    (server, base)
}

/// Every operation of the spec: its id, the command, the request it sends, what it answers.
const EVERY_OPERATION: &[(&str, &str, &str, &str)] = &[
    ("list_tasks", "tasks list", "GET", "/tasks"),
    ("create_task", "tasks create --name a", "POST", "/tasks"),
    ("read_task", "tasks read 1", "GET", "/tasks/1"),
    ("update_task", "tasks update 1 --notes n", "PUT", "/tasks/1"),
    ("delete_task", "tasks delete 1", "DELETE", "/tasks/1"),
    ("list_clients", "clients list", "GET", "/clients"),
    (
        "create_client",
        "clients create --name a",
        "POST",
        "/clients",
    ),
    ("read_client", "clients read 2", "GET", "/clients/2"),
    (
        "update_client",
        "clients update 2 --notes n",
        "PUT",
        "/clients/2",
    ),
    ("delete_client", "clients delete 2", "DELETE", "/clients/2"),
    ("list_projects", "projects list", "GET", "/projects"),
    (
        "create_project",
        "projects create --project-name p --client-name c",
        "POST",
        "/projects",
    ),
    ("read_project", "projects read 3", "GET", "/projects/3"),
    (
        "update_project",
        "projects update 3 --notes n",
        "PUT",
        "/projects/3",
    ),
    (
        "delete_project",
        "projects delete 3",
        "DELETE",
        "/projects/3",
    ),
    ("list_users", "users list", "GET", "/users"),
    (
        "create_user",
        "users create --username u --first-name f --last-name l --email e@example.test --password p",
        "POST",
        "/users",
    ),
    ("read_user", "users read 4", "GET", "/users/4"),
    (
        "update_user",
        "users update 4 --admin true",
        "PUT",
        "/users/4",
    ),
    ("list_expenses", "expenses list", "GET", "/expenses"),
    ("read_expense", "expenses read 5", "GET", "/expenses/5"),
    (
        "list_project_time_entries",
        "project-time-entries list",
        "GET",
        "/project_time_entries",
    ),
    (
        "list_attendances",
        "attendances list",
        "GET",
        "/attendances",
    ),
    (
        "get_project_timer",
        "project-timer get --date 2020-10-23T16:00:00Z",
        "GET",
        "/timers/project_timer",
    ),
    (
        "start_project_timer",
        "project-timer start --date 2020-10-23T15:00:00Z --client-name c --project-name p --username u",
        "POST",
        "/timers/project_timer/start",
    ),
    (
        "pause_project_timer",
        "project-timer pause --date 2020-10-23T15:30:00Z --username u",
        "POST",
        "/timers/project_timer/pause",
    ),
    (
        "resume_project_timer",
        "project-timer resume --date 2020-10-23T15:30:00Z --username u",
        "POST",
        "/timers/project_timer/resume",
    ),
    (
        "list_work_reports",
        "work-reports list",
        "GET",
        "/work_reports",
    ),
];

#[tokio::test]
async fn every_operation_runs_once_and_prints_its_answer() {
    let surface: Value =
        serde_json::from_str(include_str!("../../generated-client/api.json")).unwrap();
    let mut ids: Vec<&str> = EVERY_OPERATION.iter().map(|(id, ..)| *id).collect();
    ids.sort();
    let spec: Vec<&str> = surface["operations"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(ids, spec, "the table lists every operation of the spec");
    for (id, command, verb, route) in EVERY_OPERATION {
        let (server, base) = local().await;
        let lists = command.ends_with(" list");
        let body = if lists { json!([object()]) } else { object() };
        answer(&server, verb, route, json_response(200, body.clone())).await;
        let args: Vec<&str> = command.split(' ').collect();
        let out = run(&base, &args).await;
        assert_eq!(out.code, 0, "{id}: {}", out.stderr);
        let request = only_request(&server).await;
        assert_credentials(&request);
        let printed: Option<Value> = (!out.stdout.is_empty())
            .then(|| serde_json::from_str(&out.stdout).expect("JSON on stdout"));
        match *verb {
            "DELETE" | "POST" if route.starts_with("/timers/") || *verb == "DELETE" => {
                assert_eq!(out.stdout, "", "{id}: no answer body, nothing printed")
            }
            _ => assert!(printed.is_some(), "{id}: the answer is printed"),
        }
        assert_eq!(out.stderr, "", "{id}: nothing on stderr");
    }
}

#[tokio::test]
async fn a_filtered_list_prints_the_tasks_as_compact_json() {
    let (server, base) = local().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/tasks")))
        .and(query_param("name", "est"))
        .respond_with(json_response(
            200,
            json!([{"id": 1, "name": "Test"}, {"id": 2, "name": "Rest"}]),
        ))
        .mount(&server)
        .await;
    let out = run(&base, &["tasks", "list", "--name", "est"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "[{\"id\":1,\"name\":\"Test\"},{\"id\":2,\"name\":\"Rest\"}]\n"
    );
}

#[tokio::test]
async fn all_streams_every_item_of_every_page_as_json_lines() {
    let (server, base) = local().await;
    let page = |number: &str, items: Value| {
        Mock::given(method("GET"))
            .and(path(format!("{BASE}/tasks")))
            .and(query_param("page_number", number))
            .and(query_param("limit", "2"))
            .respond_with(json_response(200, items))
    };
    let task = |id: i64| json!({"id": id, "name": format!("task {id}")});
    page("0", json!([task(1), task(2)])).mount(&server).await;
    page("1", json!([task(3), task(4)])).mount(&server).await;
    page("2", json!([task(5)])).mount(&server).await;
    let out = run(&base, &["tasks", "list", "--all", "--limit", "2"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, (1..=5).map(task).collect::<Vec<_>>());
}

#[tokio::test]
async fn each_class_of_failure_has_its_exit_code_and_the_apis_messages() {
    let (server, base) = local().await;
    let errors = json!({"errors": [{"title": "Task not found", "status": 404}]});
    answer(&server, "GET", "/tasks/9", json_response(404, errors)).await;
    answer(
        &server,
        "POST",
        "/tasks",
        json_response(500, json!({"errors": [{"title": "down"}]})),
    )
    .await;
    answer(
        &server,
        "GET",
        "/tasks/8",
        ResponseTemplate::new(200).set_body_string("not json"),
    )
    .await;
    let not_found = run(&base, &["tasks", "read", "9"]).await;
    assert_eq!((not_found.code, not_found.stdout.as_str()), (3, ""));
    assert!(
        not_found.stderr.contains("Task not found"),
        "{}",
        not_found.stderr
    );
    let server_error = run(&base, &["tasks", "create", "--name", "a"]).await;
    assert_eq!(server_error.code, 4, "{}", server_error.stderr);
    assert!(
        server_error.stderr.contains("down"),
        "{}",
        server_error.stderr
    );
    let invalid = run(&base, &["tasks", "read", "8"]).await;
    assert_eq!(invalid.code, 6, "{}", invalid.stderr);
    // Nothing listens on port 9 of loopback (discard), so the connection is refused.
    let nowhere = run(
        "http://127.0.0.1:9/api/v2/ext",
        &["tasks", "create", "--name", "a"],
    )
    .await;
    assert_eq!(nowhere.code, 5, "{}", nowhere.stderr);
}

#[tokio::test]
async fn bad_values_are_refused_before_anything_is_sent() {
    let (server, base) = local().await;
    for args in [
        &["tasks", "list", "--limit", "many"][..],
        &["tasks", "list", "--limit", "5000"],
        &["tasks", "read", "one"],
        &["tasks", "create", "--name", "a", "--hour-rate", "high"],
        &["tasks", "create"],
        &["tasks", "list", "--no-such-flag"],
        &["users", "update", "1", "--admin", "maybe"],
    ] {
        let out = run(&base, args).await;
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.contains("error"), "{args:?}: {}", out.stderr);
    }
    let limit = run(&base, &["tasks", "list", "--limit", "5000"]).await;
    assert!(limit.stderr.contains("maximum 1000"), "{}", limit.stderr);
    let requests = server.received_requests().await.unwrap();
    assert!(requests.is_empty(), "{} requests were sent", requests.len());
}

#[tokio::test]
async fn a_body_file_is_sent_whole_and_flags_set_fields_over_it() {
    let (server, base) = local().await;
    answer(&server, "POST", "/tasks", json_response(200, object())).await;
    let file = std::env::temp_dir().join(format!("timetrack-cli-body-{}.json", std::process::id()));
    std::fs::write(&file, r#"{"name": "Development", "hourRate": 30.0}"#).unwrap();
    let file_arg = file.to_str().unwrap();
    let out = run(
        &base,
        &[
            "tasks",
            "create",
            "--body",
            file_arg,
            "--notes",
            "from a file",
        ],
    )
    .await;
    std::fs::remove_file(&file).unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sent: Value = serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(
        sent,
        json!({"name": "Development", "hourRate": 30.0, "notes": "from a file"})
    );
    let wrong = run(&base, &["tasks", "create", "--body", "/no/such/file"]).await;
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
}

#[tokio::test]
async fn no_secret_is_ever_printed() {
    let (server, base) = local().await;
    answer(&server, "GET", "/tasks/1", json_response(200, object())).await;
    answer(
        &server,
        "GET",
        "/tasks/2",
        json_response(401, json!({"errors": [{"title": "no"}]})),
    )
    .await;
    let env = [
        ("TIMETRACK_API_KEY", KEY),
        ("TIMETRACK_API_SECRET", SECRET),
        ("TIMETRACK_BASE_URL", base.as_str()),
        ("RUST_LOG", "trace"),
    ];
    let runs = [
        run_with(&["-v", "tasks", "read", "1"], &env).await,
        run_with(&["-v", "tasks", "read", "2"], &env).await,
        run_with(&["--dry-run", "tasks", "read", "1"], &env).await,
        run_with(&["tasks", "read", "--help"], &env).await,
        run_with(&["--help"], &env).await,
    ];
    for out in &runs {
        for secret in [KEY, SECRET] {
            assert!(
                !out.stdout.contains(secret) && !out.stderr.contains(secret),
                "{}{}",
                out.stdout,
                out.stderr
            );
        }
    }
    let traced = &runs[0].stderr;
    assert!(
        traced.contains("operation=\"read_task\"") || traced.contains("operation=read_task"),
        "RUST_LOG traces the request's span: {traced}"
    );
    let verbose = &runs[0];
    assert!(verbose.stderr.contains("> GET "), "{}", verbose.stderr);
    assert!(
        verbose.stderr.contains("x-timetrack-api-key: <hidden>"),
        "{}",
        verbose.stderr
    );
    assert!(verbose.stderr.contains("< 200 OK"), "{}", verbose.stderr);
    // The answer as the spec types it: the fields `Task` does not document are left out.
    let printed: Value = serde_json::from_str(&verbose.stdout).unwrap();
    assert_eq!(printed, json!({"id": 1, "name": "n"}));
}

#[tokio::test]
async fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run_with(&["completions", shell], &[]).await;
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(
            out.stdout.contains("timetrack") && out.stdout.contains("project-timer"),
            "{shell}"
        );
    }
    let unknown = run_with(&["completions", "cmd.exe"], &[]).await;
    assert_eq!(unknown.code, 2);
}

#[tokio::test]
async fn missing_credentials_are_a_usage_error_naming_the_flags() {
    let out = run_with(&["--account", "testaccount", "tasks", "list"], &[]).await;
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--api-key (or TIMETRACK_API_KEY)"),
        "{}",
        out.stderr
    );
}
