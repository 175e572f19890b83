// tasks.md, "Create task": "Required params: name".
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.create_task().send();
}
