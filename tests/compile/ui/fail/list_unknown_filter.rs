// tasks.md, "Get all tasks with search / filter": "You can use following params: name" — no other
// filter, e.g. not `notes`.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.list_tasks().notes("x").send();
}
