//! The docs' value forms for dates and timestamps (general.md): timestamps `YYYY-MM-DDTHH:MM:SSZ`
//! and `…SS.fffZ`, dates `YYYY-MM-DD`, decoded into typed values. TimeTrack's Tasks, Clients and
//! Projects have no date field, so this reads them through the snapshot crate of `dates.yaml`.

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
