//! Conformance by an independent validator: Prism (`prism mock spec/timetrack.yaml`) checks every
//! request the generated client sends against the spec and answers an invalid one with an error
//! status, so any non-conforming request fails these tests.
//!
//! Prism is installed by `.ci/run` (`npm ci --prefix tests/prism`). When it is missing, the test
//! says so loudly and is skipped; with `CI=true` a missing Prism is a failure.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use timetrack_client::{Client, Credentials, StatusCode};

/// A running Prism, stopped when dropped.
struct Prism {
    child: Child,
    address: SocketAddr,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn prism_binary() -> Option<PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("prism/node_modules/.bin/prism");
    if local.exists() {
        return Some(local);
    }
    let on_path = Command::new("prism")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    on_path.then(|| PathBuf::from("prism"))
}

fn start_prism() -> Option<Prism> {
    let Some(binary) = prism_binary() else {
        let message = "Prism is not installed: run `npm ci --prefix tests/prism` (needs Node.js)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message}; CI must run the conformance test");
        }
        // Written to the real stderr, past the test harness's capture, so a skip is seen.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("\n*** SKIPPED conformance test: {message} ***\n").as_bytes(),
        );
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/timetrack.yaml");
    let child = Command::new(binary)
        .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
        .arg(spec)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Prism starts");
    let prism = Prism {
        child,
        address: SocketAddr::from(([127, 0, 0, 1], port)),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect_timeout(&prism.address, Duration::from_millis(200)).is_err() {
        assert!(
            Instant::now() < deadline,
            "Prism did not start listening within 60 s"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    Some(prism)
}

#[tokio::test]
async fn every_operation_conforms_to_the_spec() {
    let Some(prism) = start_prism() else { return };
    let client = Client::with_base_url(
        &format!("http://{}", prism.address),
        Credentials::new("key", "secret"),
    )
    .unwrap();

    let all = client
        .list_tasks()
        .send()
        .await
        .expect("list without filter");
    assert!(!all.is_empty(), "Prism answers with the spec's example");
    client
        .list_tasks()
        .name("est")
        .send()
        .await
        .expect("list with filter");
    client
        .list_tasks()
        .name("est")
        .page_number(3)
        .limit(1000)
        .send()
        .await
        .expect("list with paging");
    let task = client.read_task(1).send().await.expect("read");
    assert_eq!(task.id, 1);
    client
        .create_task("Development")
        .hour_rate(30.0)
        .send()
        .await
        .expect("create as in the docs");
    client
        .create_task("Development")
        .notes("Test task for API")
        .hour_rate(30.0)
        .send()
        .await
        .expect("create with every param");
    client
        .update_task(1)
        .hour_rate(35.5)
        .notes("Test task for API")
        .send()
        .await
        .expect("update as in the docs");
    client.delete_task(1).send().await.expect("delete");

    client
        .list_clients()
        .name("Test")
        .limit(10)
        .send()
        .await
        .expect("list clients");
    client.read_client(6).send().await.expect("read client");
    client
        .create_client("Client Test")
        .field1("VAT ID: 123455678")
        .send()
        .await
        .expect("create client as in the docs");
    client
        .update_client(6)
        .email("test@timetrackapp.com")
        .field2("Test")
        .send()
        .await
        .expect("update client as in the docs");
    client.delete_client(6).send().await.expect("delete client");

    client
        .list_projects()
        .project_name("Test")
        .client_name("company")
        .send()
        .await
        .expect("list projects");
    client.read_project(1).send().await.expect("read project");
    client
        .create_project("Test project 001", "Test company")
        .send()
        .await
        .expect("create project as in the docs");
    client
        .update_project(1)
        .hour_rate(50.0)
        .notes("Test Projekt fuer API")
        .send()
        .await
        .expect("update project as in the docs");
    client
        .delete_project(1)
        .send()
        .await
        .expect("delete project");

    recovered_pages(&client).await;
}

/// The operations of the partly recovered pages, each with its page's example and with every
/// documented param.
async fn recovered_pages(client: &Client) {
    let at = |timestamp: &str| -> chrono::DateTime<chrono::Utc> { timestamp.parse().unwrap() };

    let users = client.list_users().send().await.expect("list users");
    assert!(!users.is_empty(), "Prism answers with the spec's example");
    client
        .list_users()
        .username("test")
        .page_number(1)
        .limit(1000)
        .send()
        .await
        .expect("list users with the docs' filter");
    client.read_user(1).send().await.expect("read user");
    client
        .create_user("test6", "Max", "Smith", "test4@test.com", "123123123")
        .team_lead(false)
        .admin(true)
        .language("de")
        .personal_number(1234)
        .send()
        .await
        .expect("create user as in the docs");
    client
        .update_user(1)
        .password("122122122")
        .admin(true)
        .first_name("John")
        .language("en")
        .email("test3_@test.com")
        .send()
        .await
        .expect("update user as in the docs");
    client
        .update_user(1)
        .last_name("Smith")
        .team_lead(true)
        .personal_number(1)
        .send()
        .await
        .expect("update user with the other params");

    client
        .list_expenses()
        .username("test")
        .from(at("2020-10-01T00:00:00.000Z"))
        .to(at("2020-10-23T23:59:59.999Z"))
        .send()
        .await
        .expect("list expenses with the docs' filter");
    client
        .list_expenses()
        .name("Hotel")
        .project_name("Project 006_1")
        .client_name("Client 006")
        .page_number(0)
        .limit(10)
        .send()
        .await
        .expect("list expenses with the other filters");
    let expense = client.read_expense(1).send().await.expect("read expense");
    assert!(expense.date.is_some(), "the example's timestamp decodes");

    client
        .list_project_time_entries()
        .username("test")
        .send()
        .await
        .expect("list project time entries with the docs' filter");
    client
        .list_project_time_entries()
        .client_name("Client 006")
        .project_name("Project 006_1")
        .from(at("2020-10-01T00:00:00.000Z"))
        .to(at("2020-10-23T23:59:59.999Z"))
        .page_number(2)
        .limit(1000)
        .send()
        .await
        .expect("list project time entries with every filter");

    client
        .list_attendances()
        .username("tester")
        .from(at("2020-10-01T00:00:00Z"))
        .to(at("2020-10-31T00:00:00Z"))
        .page_number(0)
        .limit(50)
        .send()
        .await
        .expect("list attendances with the docs' filter");

    let timer = client
        .get_project_timer(at("2020-10-23T16:00:00.000Z"))
        .username("test")
        .send()
        .await
        .expect("project timer state as in the docs");
    assert!(
        timer.started_at.is_some(),
        "the example's timestamp decodes"
    );
    client
        .start_project_timer(
            at("2020-10-23T15:00:00.000Z"),
            "Client 006",
            "Project 006_1",
            "test",
        )
        .send()
        .await
        .expect("start project timer as in the docs");
    client
        .pause_project_timer(at("2020-10-23T15:30:00.000Z"), "test")
        .send()
        .await
        .expect("pause project timer as in the docs");
    client
        .resume_project_timer(at("2020-10-23T15:30:00.000Z"), "test")
        .send()
        .await
        .expect("resume project timer as in the docs");

    let reports = client
        .list_work_reports()
        .username("test")
        .from(at("2020-10-01T00:00:00Z"))
        .to(at("2020-10-31T00:00:00Z"))
        .page_number(0)
        .limit(1000)
        .send()
        .await
        .expect("list daily reports as in the docs");
    assert!(reports[0].work_date.is_some(), "the example's date decodes");
}

/// Proof that Prism really validates: a request the spec forbids is refused. The generated
/// client refuses `limit=1001` itself before sending, so the request is made by hand.
#[tokio::test]
async fn prism_refuses_a_request_the_spec_forbids() {
    let Some(prism) = start_prism() else { return };
    let base = format!("http://{}", prism.address);
    let client = Client::with_base_url(&base, Credentials::new("key", "secret")).unwrap();
    let refused = client.list_tasks().limit(1001).send().await.unwrap_err();
    assert!(refused.to_string().contains("maximum 1000"), "{refused}");

    // This binary's own reqwest client needs a crypto provider (the generated one installs none).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let answer = reqwest::Client::new()
        .get(format!("{base}/tasks?limit=1001"))
        .header("X-TimeTrack-Api-Key", "key")
        .header("X-TimeTrack-Api-Secret", "secret")
        .send()
        .await
        .unwrap();

    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
