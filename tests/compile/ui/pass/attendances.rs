// attendances.md: list with every filter of the filter table (user (sent as `username`, as the
// example does), from, to); from/to are timestamps.
use chrono::{DateTime, Utc};
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(), Error> {
    let all: Vec<types::Attendance> = client.list_attendances().send().await?;
    let found: Vec<types::Attendance> = client
        .list_attendances()
        .username("tester")
        .from(from)
        .to(to)
        .page_number(0)
        .limit(50)
        .send()
        .await?;
    let _ = (all, found);
    Ok(())
}

// "Attendance time entry object has following params": latitudeStart Number, the other three
// coordinates Text, manual Boolean, from/to timestamps.
fn fields(a: &types::Attendance) {
    let _: i64 = a.id;
    let _: Option<DateTime<Utc>> = a.from;
    let _: Option<DateTime<Utc>> = a.to;
    let _: Option<bool> = a.manual;
    let _: Option<f64> = a.latitude_start;
    let _: Option<&String> = a.longitude_start.as_ref();
    let _: Option<&String> = a.latitude_end.as_ref();
    let _: Option<&String> = a.longitude_end.as_ref();
}

fn main() {
    let _ = (usage, fields);
}
