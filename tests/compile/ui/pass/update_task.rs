// tasks.md, "Update task": "For update method you can use all params of task object except: name."
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let updated: types::Task = client
        .update_task(1)
        .hour_rate(35.5)
        .notes("Test task for API")
        .send()
        .await?;
    let nothing_changed: types::Task = client.update_task(1).send().await?;
    let _ = (updated, nothing_changed);
    Ok(())
}

fn main() {
    let _ = usage;
}
