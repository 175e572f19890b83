// time-entries.md: list with every filter of the filter table (clientName, projectName, user
// (sent as `username`, as the example does), from, to); from/to are timestamps.
use chrono::{DateTime, Utc};
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(), Error> {
    let all: Vec<types::ProjectTimeEntry> = client.list_project_time_entries().send().await?;
    let found: Vec<types::ProjectTimeEntry> = client
        .list_project_time_entries()
        .client_name("Client 006")
        .project_name("Project 006_1")
        .username("test")
        .from(from)
        .to(to)
        .page_number(1)
        .limit(1000)
        .send()
        .await?;
    let _ = (all, found);
    Ok(())
}

// "Project time entry has following params": GPS coordinates Text, billable/flatRate Boolean,
// from/to timestamps, workedMinutes/breakMinutes Integer, hourRate Number.
fn fields(e: &types::ProjectTimeEntry) {
    let _: i64 = e.id;
    let _: Option<&String> = e.task.as_ref();
    let _: Option<f64> = e.hour_rate;
    let _: Option<&String> = e.latitude1.as_ref();
    let _: Option<bool> = e.flat_rate;
    let _: Option<DateTime<Utc>> = e.from;
    let _: Option<DateTime<Utc>> = e.to;
    let _: Option<i64> = e.worked_minutes;
    let _: Option<i64> = e.break_minutes;
}

fn main() {
    let _ = (usage, fields);
}
