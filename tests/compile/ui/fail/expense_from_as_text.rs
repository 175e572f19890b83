// expenses.md, filter "from, Format: YYYY-MM-DDTHH:MM:SS.fffZ": a typed timestamp, not text.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.list_expenses().from("2020-10-01T00:00:00.000Z").send();
}
