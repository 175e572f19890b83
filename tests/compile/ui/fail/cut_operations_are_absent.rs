// Operations whose pages are cut before their path or params are not in the spec (README, "What
// the spec covers"): users' delete ("curl -X "DELETE" "https:/"), expenses' create ("Required
// params: clien"), attendances' read (URL cut at ".../api/v2/ext/a") and the timer's stop (URL cut).
fn main() {
    let client = timetrack_client::Client::new("a", timetrack_client::Credentials::new("k", "s")).unwrap();
    let _ = client.delete_user(1);
    let _ = client.create_expense("Client 006");
    let _ = client.read_attendance(1);
    let _ = client.stop_project_timer("2020-10-23T15:30:00.000Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap(), "test");
}
