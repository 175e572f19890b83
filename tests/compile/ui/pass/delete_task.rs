// tasks.md, "Delete task": DELETE /tasks/{ID}; the answer carries nothing the caller needs.
use timetrack_client::{Client, Error};

async fn usage(client: &Client) -> Result<(), Error> {
    let (): () = client.delete_task(1).send().await?;
    Ok(())
}

fn main() {
    let _ = usage;
}
