// tasks.md, "Read task": "Required params: ID."
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.read_task().send();
}
