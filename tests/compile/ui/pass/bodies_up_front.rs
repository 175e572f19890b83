// The typed request bodies stay public: a caller may build them first. They have exactly the
// params the docs allow (create: name required, notes and hourRate; update: notes and hourRate).
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let create = types::TaskCreate {
        name: "Development".to_owned(),
        notes: Some("Test task for API".to_owned()),
        hour_rate: Some(30.0),
    };
    let update = types::TaskUpdate {
        hour_rate: Some(35.5),
        notes: None,
    };
    let _ = client.create_task_with_body(create).send().await?;
    let _ = client.update_task_with_body(1, update).send().await?;
    Ok(())
}

fn main() {
    let _ = usage;
}
