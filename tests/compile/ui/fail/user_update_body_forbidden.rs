// users.md, Update: "except: enabled, username" — also when the body is built up front.
fn main() {
    let _ = timetrack_client::types::UserUpdate {
        username: Some("test6".to_owned()),
        enabled: Some(false),
        ..Default::default()
    };
}
