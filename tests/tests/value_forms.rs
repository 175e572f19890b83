//! The docs' value forms for dates and timestamps (general.md): timestamps `YYYY-MM-DDTHH:MM:SSZ`
//! and `…SS.fffZ`, dates `YYYY-MM-DD`, decoded into typed values: through the snapshot crate of
//! `dates.yaml`, and through TimeTrack's own types that have them (expenses, daily reports).

use chrono::{Datelike, Timelike};
use snapshot_dates::types::Event;

fn event(created_at: &str) -> Event {
    let json = format!(
        r#"{{"id": 1, "title": "Team meeting", "day": "2020-10-23", "createdAt": "{created_at}"}}"#
    );
    serde_json::from_str(&json).unwrap()
}

#[test]
fn timestamps_decode_with_and_without_milliseconds_and_dates_as_days() {
    let whole = event("2020-10-23T14:30:00Z");
    let fraction = event("2020-10-23T00:00:00.000Z");

    assert_eq!(
        (whole.created_at.hour(), whole.created_at.minute()),
        (14, 30)
    );
    assert_eq!(fraction.created_at.timestamp_subsec_millis(), 0);
    assert_eq!(
        (whole.day.year(), whole.day.month(), whole.day.day()),
        (2020, 10, 23)
    );
    let sent = serde_json::to_value(&whole).unwrap();
    assert_eq!(sent["createdAt"], "2020-10-23T14:30:00Z");
    assert_eq!(sent["day"], "2020-10-23");
}

#[test]
fn timetrack_timestamps_and_dates_are_typed() {
    use timetrack_client::types::{DailyReport, Expense};

    // expenses.md: "date | Text | Timestamp – Format: YYYY-MM-DDTHH:MM:SS.fffZ"
    let expense: Expense =
        serde_json::from_str(r#"{"id": 1, "name": "Hotel", "date": "2020-10-20T09:00:00.000Z"}"#)
            .unwrap();
    let date = expense.date.unwrap();
    assert_eq!((date.hour(), date.timestamp_subsec_millis()), (9, 0));

    // work-reports.md: "workDate | Text | Date in format YYYY-MM-DD"; workStart a timestamp.
    let report: DailyReport =
        serde_json::from_str(r#"{"workDate": "2020-10-01", "workStart": "2020-10-01T08:00:00Z"}"#)
            .unwrap();
    let day = report.work_date.unwrap();
    assert_eq!((day.year(), day.month(), day.day()), (2020, 10, 1));
    assert_eq!(report.work_start.unwrap().hour(), 8);
    let sent = serde_json::to_value(&report).unwrap();
    assert_eq!(sent["workDate"], "2020-10-01");
}
