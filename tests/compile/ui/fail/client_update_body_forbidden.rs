// clients.md, "Update client": "except: name, enabled" — also when the body is built up front.
fn main() {
    let _ = timetrack_client::types::ClientUpdate {
        name: Some("x".to_owned()),
        enabled: Some(false),
        ..Default::default()
    };
}
