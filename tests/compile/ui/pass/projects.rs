// projects.md: every operation with its documented params. Create: "Required params: clientName,
// projectName". Update: "For update you can use all params of project object". Filters:
// `projectName`, `clientName`.
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let all: Vec<types::Project> = client.list_projects().send().await?;
    let found: Vec<types::Project> = client
        .list_projects()
        .project_name("Test")
        .client_name("company")
        .page_number(1)
        .limit(10)
        .send()
        .await?;
    let read: types::Project = client.read_project(1).send().await?;
    let created: types::Project = client
        .create_project("Test project 001", "Test company")
        .project_enabled(true)
        .notes("n")
        .hour_rate(50.0)
        .time_estimated(600.0)
        .budget_estimated(10000.0)
        .send()
        .await?;
    let updated: types::Project = client
        .update_project(1)
        .project_name("Renamed")
        .client_name("Test company")
        .project_enabled(false)
        .notes("Test Projekt fuer API")
        .hour_rate(50.0)
        .time_estimated(60.0)
        .budget_estimated(500.0)
        .send()
        .await?;
    client.delete_project(1).send().await?;
    let _ = (all, found, read, created, updated);
    Ok(())
}

// "Project object params": ID Integer, projectName/clientName/notes Text, projectEnabled Boolean,
// hourRate/timeEstimated/budgetEstimated Number.
fn fields(p: &types::Project) {
    let _: i64 = p.id;
    let _: &String = &p.project_name;
    let _: Option<&String> = p.client_name.as_ref();
    let _: Option<bool> = p.project_enabled;
    let _: Option<f64> = p.hour_rate;
    let _: Option<f64> = p.time_estimated;
    let _: Option<f64> = p.budget_estimated;
}

fn main() {
    let _ = (usage, fields);
}
