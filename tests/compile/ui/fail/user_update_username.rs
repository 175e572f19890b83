// users.md, Update: "For Update you can use all params of user object except: enabled, username." (username)
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.update_user(1).username("test6").send();
}
