// timer.md, Pause: "Required params to pause project timer: date, username" — also when the body
// is built up front (username missing).
fn main() {
    let _ = timetrack_client::types::ProjectTimerPause { date: "2020-10-23T15:30:00.000Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap() };
}
