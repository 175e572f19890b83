// tasks.md, "Read task": "Required params: ID." The ID is an Integer.
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let task: types::Task = client.read_task(1).send().await?;
    let id: i64 = task.id;
    let _ = client.read_task(id).send().await?;
    Ok(())
}

fn main() {
    let _ = usage;
}
