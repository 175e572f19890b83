// tasks.md documents `name` as a filter of the list, not of reading one task: read_task's mock
// has no matcher for it.
use timetrack_client::mock::MockServer;

async fn mocks(server: &MockServer) {
    server
        .read_task(|when, _| {
            when.name("Development");
        })
        .await;
}

fn main() {
    let _ = mocks;
}
