// README reading 4: "The id is assigned by the server, so it is not sent" on create.
fn main() {
    let _ = timetrack_client::types::TaskCreate {
        id: 1,
        name: "Development".to_owned(),
        notes: None,
        hour_rate: None,
    };
}
