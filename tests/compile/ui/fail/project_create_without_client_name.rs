// projects.md, "Create project": "Required params: clientName, projectName" (clientName missing).
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.create_project("Test project 001").send();
}
