// timer.md, Start: "Required params to start project timer: date, clientName, projectName, username" (username missing).
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let now = "2020-10-23T15:00:00.000Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let _ = client.start_project_timer(now, "Client 006", "Project 006_1").send();
}
