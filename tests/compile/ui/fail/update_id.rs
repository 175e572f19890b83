// README reading 5: update is `PUT /tasks/{id}` with any of notes, hourRate; the ID names the task
// in the path and is not a param that can be set.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.update_task(1).id(2).send();
}
