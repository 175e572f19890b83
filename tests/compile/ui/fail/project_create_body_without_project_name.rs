// projects.md, "Create project": "Required params: clientName, projectName" (projectName missing
// from a body built up front).
fn main() {
    let _ = timetrack_client::types::ProjectCreate {
        client_name: "Test company".to_owned(),
        budget_estimated: None,
        hour_rate: None,
        notes: None,
        project_enabled: None,
        time_estimated: None,
    };
}
