// tasks.md: "Get all tasks without filter" and "Get all tasks with search / filter" (param `name`),
// plus the paging params of general.md (`page_number`, `limit`).
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let all: Vec<types::Task> = client.list_tasks().send().await?;
    let found: Vec<types::Task> = client.list_tasks().name("est").send().await?;
    let owned_filter = String::from("est");
    let paged: Vec<types::Task> = client
        .list_tasks()
        .name(owned_filter)
        .page_number(0)
        .limit(1000)
        .send()
        .await?;
    let _ = (all, found, paged);
    Ok(())
}

fn main() {
    let _ = usage;
}
