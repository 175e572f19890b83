// tasks.md, "Create task": "Required params: name" — also when the body is built up front.
fn main() {
    let _ = timetrack_client::types::TaskCreate {
        notes: None,
        hour_rate: Some(30.0),
    };
}
