// projects.md: "hourRate | Number" (general.md: numbers are sent as numbers, e.g. hourRate 20.5),
// so the German example's `"hourRate": "50"` does not compile.
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.update_project(1).hour_rate("50").send();
}
