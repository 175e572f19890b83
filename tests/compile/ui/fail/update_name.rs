// tasks.md, "Update task": "you can use all params of task object except: name."
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.update_task(1).name("x").send();
}
