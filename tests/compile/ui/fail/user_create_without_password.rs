// users.md, Create: "Required params: username, firstName, lastName, email, password" (password missing).
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.create_user("test6", "Max", "Smith", "test4@test.com").send();
}
