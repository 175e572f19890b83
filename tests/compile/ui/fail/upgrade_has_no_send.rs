// generator/tests/specs/upgrade.yaml: `attach_console` answers only `101 Switching Protocols`,
// so its builder performs the request with `upgrade(protocol)`; there is no `send` whose answer
// could be decoded.
use snapshot_upgrade::Client;

async fn attach(client: &Client) {
    let _ = client.attach_console(7).send().await;
}

fn main() {
    let _ = attach;
}
