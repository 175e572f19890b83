// clients.md, "Update client": "all params from client object except: name, enabled." (name)
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.update_client(6).name("x").send();
}
