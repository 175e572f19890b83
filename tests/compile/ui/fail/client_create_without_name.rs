// clients.md, "Create client": "Required params: name".
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.create_client().field1("VAT ID: 123455678").send();
}
