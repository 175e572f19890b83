// timer.md, Pause: "Required params to pause project timer: date, username" (date missing).
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.pause_project_timer("test").send();
}
