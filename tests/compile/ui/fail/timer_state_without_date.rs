// timer.md: "IMPORTANT: For each request you have to pass the local timestamp in order to get the
// right duration." (the state request without `date`)
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.get_project_timer().username("test").send();
}
