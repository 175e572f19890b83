// general.md: "You can control paging with "page_number" (0 to infinite) and "limit"". Public
// code sends `page`; the spec follows the vendor's words (README, "Readings of the partly
// recovered pages"), so there is no `page` setter.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.list_project_time_entries().page(1).limit(1000).send();
}
