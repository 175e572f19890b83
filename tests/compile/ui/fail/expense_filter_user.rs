// expenses.md: the filter table names the user filter `user`, the example sends `username=test`;
// the spec follows the example (README, "Readings of the partly recovered pages"), so there is one
// setter, `username`.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.list_expenses().user("test").send();
}
