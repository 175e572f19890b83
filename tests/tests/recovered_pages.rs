//! Users, Expenses, Project time entries, Attendances, the Project timer and Work reports on the
//! wire, in the style of the Tasks tests: each operation the spec has from these partly recovered
//! pages sends the page's curl example (method, path, query, both credentials, the example's JSON,
//! no body on GET) and decodes an answer.
//!
//! Timestamps are chrono values; the client writes them `YYYY-MM-DDTHH:MM:SSZ`, with the
//! fraction only when it is not zero (both forms of general.md). Where a page's example writes
//! `.000Z`, the test checks the same instant and the form the client sends.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::*;
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

/// The project timer's path (revision B of timer.md); revision A has `/project_timer`. See the
/// README's "The project timer's path".
const TIMER: &str = "/timers/project_timer";

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("an RFC 3339 timestamp")
}

/// The query pairs of the one request, sorted; `verb route`, both credentials, no body.
async fn sent_query(
    server: &wiremock::MockServer,
    verb: &str,
    route: &str,
) -> Vec<(String, String)> {
    let request = only_request(server).await;
    assert_eq!(request.method.as_str(), verb);
    assert_eq!(request.url.path(), format!("{BASE}{route}"));
    assert_credentials(&request);
    assert_no_body(&request);
    sorted_query(&request)
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    pairs.sort();
    pairs
}

// --- Users -----------------------------------------------------------------------------------

fn a_user() -> Value {
    json!({"id": 1, "username": "test6", "firstName": "Max", "lastName": "Smith",
           "email": "test4@test.com", "teamLead": 0, "admin": "1", "language": "de",
           "personalNumber": 1234, "somethingNew": true})
}

#[tokio::test]
async fn users_list_and_the_docs_filter() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/users",
        json_response(200, json!([a_user()])),
    )
    .await;
    let users = client.list_users().send().await.unwrap();
    assert_eq!(users[0].username, "test6");
    assert_eq!(
        (users[0].team_lead, users[0].admin),
        (Some(false), Some(true))
    );
    sent_nothing(&server, "GET", "/users", None).await;

    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/users", json_response(200, json!([]))).await;
    client.list_users().username("test").send().await.unwrap();
    sent_nothing(&server, "GET", "/users", Some("username=test")).await;
}

#[tokio::test]
async fn user_read() {
    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/users/1", json_response(200, a_user())).await;
    let read = client.read_user(1).send().await.unwrap();
    assert_eq!((read.id, read.personal_number), (1, Some(1234)));
    sent_nothing(&server, "GET", "/users/1", None).await;
}

#[tokio::test]
async fn user_create_sends_the_docs_example() {
    let (server, client) = server_and_client().await;
    answer(&server, "POST", "/users", json_response(200, a_user())).await;
    client
        .create_user("test6", "Max", "Smith", "test4@test.com", "123123123")
        .team_lead(false)
        .admin(true)
        .language("de")
        .personal_number(1234)
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "POST", "/users").await,
        json!({
            "teamLead": false,
            "password": "123123123",
            "firstName": "Max",
            "admin": true,
            "username": "test6",
            "email": "test4@test.com",
            "language": "de",
            "personalNumber": 1234,
            "lastName": "Smith"
        })
    );
}

#[tokio::test]
async fn user_update_sends_the_docs_example_with_language_spelled_as_on_create() {
    let (server, client) = server_and_client().await;
    answer(&server, "PUT", "/users/1", json_response(200, a_user())).await;
    client
        .update_user(1)
        .password("122122122")
        .admin(true)
        .first_name("John")
        .language("en")
        .email("test3_@test.com")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "PUT", "/users/1").await,
        json!({
            "password": "122122122",
            "admin": true,
            "firstName": "John",
            "language": "en",
            "email": "test3_@test.com"
        })
    );
}

// --- Expenses --------------------------------------------------------------------------------

fn an_expense() -> Value {
    json!({"id": 1, "user": "test", "name": "Hotel", "price": 20.5, "quantity": 2,
           "billable": 1, "date": "2020-10-20T09:00:00.000Z", "tags": null})
}

#[tokio::test]
async fn expenses_list_and_the_docs_filter() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/expenses",
        json_response(200, json!([an_expense()])),
    )
    .await;
    let expenses = client.list_expenses().send().await.unwrap();
    assert_eq!(expenses[0].date, Some(at("2020-10-20T09:00:00Z")));
    assert_eq!(
        (expenses[0].billable, expenses[0].quantity),
        (Some(true), Some(2))
    );
    sent_nothing(&server, "GET", "/expenses", None).await;

    // "?username=test&from=2020-10-01T00:00:00.000Z&to=2020-10-23T23:59:59.999Z"
    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/expenses", json_response(200, json!([]))).await;
    client
        .list_expenses()
        .username("test")
        .from(at("2020-10-01T00:00:00.000Z"))
        .to(at("2020-10-23T23:59:59.999Z"))
        .send()
        .await
        .unwrap();
    let sent = sent_query(&server, "GET", "/expenses").await;
    assert_eq!(
        sent,
        pairs(&[
            ("username", "test"),
            ("from", "2020-10-01T00:00:00Z"),
            ("to", "2020-10-23T23:59:59.999Z"),
        ])
    );
    let from = &sent.iter().find(|(name, _)| name == "from").unwrap().1;
    assert_eq!(at(from), at("2020-10-01T00:00:00.000Z"));
}

#[tokio::test]
async fn expenses_other_filters_go_in_the_query() {
    let (server, client) = server_and_client().await;
    answer(&server, "GET", "/expenses", json_response(200, json!([]))).await;
    client
        .list_expenses()
        .name("Hotel")
        .project_name("Project 006_1")
        .client_name("Client 006")
        .page_number(1)
        .limit(1000)
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_query(&server, "GET", "/expenses").await,
        pairs(&[
            ("name", "Hotel"),
            ("projectName", "Project 006_1"),
            ("clientName", "Client 006"),
            ("page_number", "1"),
            ("limit", "1000"),
        ])
    );
}

#[tokio::test]
async fn expense_read() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/expenses/1",
        json_response(200, an_expense()),
    )
    .await;
    let read = client.read_expense(1).send().await.unwrap();
    assert_eq!((read.id, read.price), (1, Some(20.5)));
    sent_nothing(&server, "GET", "/expenses/1", None).await;
}

// --- Project time entries --------------------------------------------------------------------

/// The fields the one public client of this endpoint reads, in the forms it expects.
fn an_entry() -> Value {
    json!({"id": 7, "user": "test", "clientName": "Client 006", "projectName": "Project 006_1",
           "task": "Development", "from": "2020-10-20T09:00:00.000Z", "workedMinutes": 90,
           "hourRate": 30, "details": "d", "tags": "#api", "billable": true})
}

#[tokio::test]
async fn project_time_entries_list_and_the_recovered_filter() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/project_time_entries",
        json_response(200, json!([an_entry()])),
    )
    .await;
    let entries = client.list_project_time_entries().send().await.unwrap();
    assert_eq!(entries[0].from, Some(at("2020-10-20T09:00:00Z")));
    assert_eq!(
        (entries[0].worked_minutes, entries[0].hour_rate),
        (Some(90), Some(30.0))
    );
    sent_nothing(&server, "GET", "/project_time_entries", None).await;

    // The example is cut after "?username=test".
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/project_time_entries",
        json_response(200, json!([])),
    )
    .await;
    client
        .list_project_time_entries()
        .username("test")
        .send()
        .await
        .unwrap();
    sent_nothing(
        &server,
        "GET",
        "/project_time_entries",
        Some("username=test"),
    )
    .await;
}

#[tokio::test]
async fn project_time_entries_every_filter_goes_in_the_query() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/project_time_entries",
        json_response(200, json!([])),
    )
    .await;
    client
        .list_project_time_entries()
        .client_name("Client 006")
        .project_name("Project 006_1")
        .username("test")
        .from(at("2020-10-01T00:00:00.000Z"))
        .to(at("2020-10-23T23:59:59.999Z"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_query(&server, "GET", "/project_time_entries").await,
        pairs(&[
            ("clientName", "Client 006"),
            ("projectName", "Project 006_1"),
            ("username", "test"),
            ("from", "2020-10-01T00:00:00Z"),
            ("to", "2020-10-23T23:59:59.999Z"),
        ])
    );
}

// --- Attendances -----------------------------------------------------------------------------

#[tokio::test]
async fn attendances_list_and_the_docs_filter() {
    let (server, client) = server_and_client().await;
    let entry = json!({"id": 3, "user": "tester", "from": "2020-10-20T09:00:00.000Z",
                       "to": "2020-10-20T17:00:00Z", "manual": "0", "latitudeStart": 48.2,
                       "longitudeStart": "16.3"});
    answer(
        &server,
        "GET",
        "/attendances",
        json_response(200, json!([entry])),
    )
    .await;
    let entries = client.list_attendances().send().await.unwrap();
    assert_eq!(entries[0].to, Some(at("2020-10-20T17:00:00Z")));
    assert_eq!(entries[0].manual, Some(false));
    assert_eq!(entries[0].latitude_start, Some(48.2));
    sent_nothing(&server, "GET", "/attendances", None).await;

    // "?username=tester&from=2020-10-01T00:00:00Z&to=2020-10-31T00:00:00Z", exactly.
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/attendances",
        json_response(200, json!([])),
    )
    .await;
    client
        .list_attendances()
        .username("tester")
        .from(at("2020-10-01T00:00:00Z"))
        .to(at("2020-10-31T00:00:00Z"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_query(&server, "GET", "/attendances").await,
        pairs(&[
            ("username", "tester"),
            ("from", "2020-10-01T00:00:00Z"),
            ("to", "2020-10-31T00:00:00Z"),
        ])
    );
}

// --- Project timer ---------------------------------------------------------------------------

#[tokio::test]
async fn timer_state_sends_the_docs_query() {
    let (server, client) = server_and_client().await;
    let timer = json!({"username": "test", "startedAt": "2020-10-23T15:00:00.000Z",
                       "workedSeconds": 1800, "breakSeconds": 1800, "playing": 0, "stopped": false,
                       "paused": 1, "clientName": "Client 006", "projectName": "Project 006_1"});
    answer(&server, "GET", TIMER, json_response(200, timer)).await;

    // "?username=test&date=2020-10-23T16:00:00.000Z"
    let state = client
        .get_project_timer(at("2020-10-23T16:00:00.000Z"))
        .username("test")
        .send()
        .await
        .unwrap();

    assert_eq!(state.started_at, Some(at("2020-10-23T15:00:00Z")));
    assert_eq!((state.playing, state.paused), (Some(false), Some(true)));
    assert_eq!(
        sent_query(&server, "GET", TIMER).await,
        pairs(&[("username", "test"), ("date", "2020-10-23T16:00:00Z")])
    );
}

#[tokio::test]
async fn timer_start_posts_the_docs_json() {
    let (server, client) = server_and_client().await;
    let route = format!("{TIMER}/start");
    answer(&server, "POST", &route, ResponseTemplate::new(200)).await;
    client
        .start_project_timer(
            at("2020-10-23T15:00:00.000Z"),
            "Client 006",
            "Project 006_1",
            "test",
        )
        .send()
        .await
        .unwrap();
    let sent = sent_json(&server, "POST", &route).await;
    assert_eq!(
        sent,
        json!({
            "username": "test",
            "clientName": "Client 006",
            "projectName": "Project 006_1",
            "date": "2020-10-23T15:00:00Z"
        })
    );
    assert_eq!(
        at(sent["date"].as_str().unwrap()),
        at("2020-10-23T15:00:00.000Z")
    );
}

#[tokio::test]
async fn timer_pause_posts_the_docs_json() {
    let (server, client) = server_and_client().await;
    let route = format!("{TIMER}/pause");
    answer(
        &server,
        "POST",
        &route,
        json_response(200, json!({"paused": true})),
    )
    .await;
    client
        .pause_project_timer(at("2020-10-23T15:30:00.000Z"), "test")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "POST", &route).await,
        json!({"date": "2020-10-23T15:30:00Z", "username": "test"})
    );
}

#[tokio::test]
async fn timer_resume_posts_the_docs_json() {
    let (server, client) = server_and_client().await;
    let route = format!("{TIMER}/resume");
    answer(&server, "POST", &route, ResponseTemplate::new(204)).await;
    client
        .resume_project_timer(at("2020-10-23T15:30:00.000Z"), "test")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent_json(&server, "POST", &route).await,
        json!({"date": "2020-10-23T15:30:00Z", "username": "test"})
    );
}

// --- Work reports ----------------------------------------------------------------------------

#[tokio::test]
async fn work_reports_send_the_docs_query_and_decode_daily_reports() {
    let (server, client) = server_and_client().await;
    let report = json!({"username": "test", "workDate": "2020-10-01",
                        "workStart": "2020-10-01T08:00:00Z", "workEnd": "2020-10-01T16:30:00.000Z",
                        "targetSeconds": 28800, "workedSeconds": 28800, "weekday": 8,
                        "holiday": 1, "absence1ShortName": null});
    answer(
        &server,
        "GET",
        "/work_reports",
        json_response(200, json!([report])),
    )
    .await;

    // "?username=test&from=2020-10-01T00:00:00Z&to=2020-10-31T00:00:00Z", exactly.
    let reports = client
        .list_work_reports()
        .username("test")
        .from(at("2020-10-01T00:00:00Z"))
        .to(at("2020-10-31T00:00:00Z"))
        .send()
        .await
        .unwrap();

    assert_eq!(reports[0].work_date, NaiveDate::from_ymd_opt(2020, 10, 1));
    assert_eq!(reports[0].work_end, Some(at("2020-10-01T16:30:00Z")));
    assert_eq!(
        (reports[0].weekday, reports[0].holiday),
        (Some(8), Some(true))
    );
    assert_eq!(
        sent_query(&server, "GET", "/work_reports").await,
        pairs(&[
            ("username", "test"),
            ("from", "2020-10-01T00:00:00Z"),
            ("to", "2020-10-31T00:00:00Z"),
        ])
    );
}

#[tokio::test]
async fn work_reports_without_filter_is_a_plain_get() {
    let (server, client) = server_and_client().await;
    answer(
        &server,
        "GET",
        "/work_reports",
        json_response(200, json!([])),
    )
    .await;
    client.list_work_reports().send().await.unwrap();
    sent_nothing(&server, "GET", "/work_reports", None).await;
}
