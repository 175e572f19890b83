// projects.md, "Read project": "Required params: id."
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.read_project().send();
}
