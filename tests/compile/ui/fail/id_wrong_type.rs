// tasks.md, "Task object has following params": "ID | Integer".
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.read_task("1").send();
}
