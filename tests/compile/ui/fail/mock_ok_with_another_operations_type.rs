// The mock of read_task answers what read_task documents (one task), not a list of tasks.
use timetrack_client::{mock::MockServer, types};

async fn mocks(server: &MockServer) {
    server
        .read_task(|_, then| {
            then.ok(&Vec::<types::Task>::new());
        })
        .await;
}

fn main() {
    let _ = mocks;
}
