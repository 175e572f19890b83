// tasks.md, "Update task": PUT /tasks/{ID} — the task to update must be named.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.update_task().notes("x").send();
}
