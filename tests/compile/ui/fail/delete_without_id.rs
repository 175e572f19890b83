// tasks.md, "Delete task": DELETE /tasks/{ID} — the task to delete must be named.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.delete_task().send();
}
