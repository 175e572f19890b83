// tasks.md: the task ID is an Integer; the mock's matcher takes it typed, as the client does.
use timetrack_client::mock::MockServer;

async fn mocks(server: &MockServer) {
    server
        .read_task(|when, _| {
            when.id("1");
        })
        .await;
}

fn main() {
    let _ = mocks;
}
