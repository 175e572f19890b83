// work-reports.md: daily reports with the example's query (username, from, to); workDate is a
// date ("Date in format YYYY-MM-DD"), workStart/workEnd timestamps.
use chrono::{DateTime, NaiveDate, Utc};
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(), Error> {
    let all: Vec<types::DailyReport> = client.list_work_reports().send().await?;
    let found: Vec<types::DailyReport> = client
        .list_work_reports()
        .username("test")
        .from(from)
        .to(to)
        .page_number(0)
        .limit(1000)
        .send()
        .await?;
    let _ = (all, found);
    Ok(())
}

fn fields(r: &types::DailyReport) {
    let _: Option<&String> = r.username.as_ref();
    let _: Option<NaiveDate> = r.work_date;
    let _: Option<DateTime<Utc>> = r.work_start;
    let _: Option<DateTime<Utc>> = r.work_end;
    let _: Option<i64> = r.work_target_difference;
    let _: Option<&String> = r.break_times.as_ref();
    let _: Option<&String> = r.absence3_short_name.as_ref();
    let _: Option<i64> = r.weekday;
    let _: Option<bool> = r.holiday;
}

fn main() {
    let _ = (usage, fields);
}
