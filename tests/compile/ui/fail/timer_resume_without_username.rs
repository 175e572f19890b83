// timer.md, Resume: "Required params to resume project timer: date, username" (username missing).
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.resume_project_timer("2020-10-23T15:30:00.000Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap()).send();
}
