// tasks.md, "Update task": "except: name" — also when the body is built up front.
fn main() {
    let _ = timetrack_client::types::TaskUpdate {
        name: Some("x".to_owned()),
        notes: None,
        hour_rate: None,
    };
}
