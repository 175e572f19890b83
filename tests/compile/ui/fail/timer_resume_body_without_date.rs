// timer.md, Resume: "Required params to resume project timer: date, username" — also when the
// body is built up front (date missing).
fn main() {
    let _ = timetrack_client::types::ProjectTimerResume { username: "test".to_owned() };
}
