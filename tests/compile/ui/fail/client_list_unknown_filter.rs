// clients.md: the one filter is `name` ("Client name will be used as substring."), not e.g. `email`.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.list_clients().email("x").send();
}
