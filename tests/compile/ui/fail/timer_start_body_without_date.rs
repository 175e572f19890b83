// timer.md, Start: "Required params to start project timer: date, clientName, projectName,
// username" — also when the body is built up front (date missing).
fn main() {
    let _ = timetrack_client::types::ProjectTimerStart {
        client_name: "Client 006".to_owned(),
        project_name: "Project 006_1".to_owned(),
        username: "test".to_owned(),
    };
}
