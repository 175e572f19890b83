// tasks.md, "Create task": "For create method you can use all params of task object.
// Required params: name". The id is assigned by the server.
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let minimal: types::Task = client.create_task("Development").send().await?;
    let full: types::Task = client
        .create_task("Development")
        .notes("Test task for API")
        .hour_rate(30.0)
        .send()
        .await?;
    let _ = (minimal, full);
    Ok(())
}

fn main() {
    let _ = usage;
}
