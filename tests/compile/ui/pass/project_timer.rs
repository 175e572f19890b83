// timer.md: the state (query `username` and `date`) and the actions with their "Required params"
// sentences: start "date, clientName, projectName, username"; pause and resume "date, username".
use chrono::{DateTime, Utc};
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client, now: DateTime<Utc>) -> Result<(), Error> {
    let state: types::ProjectTimer = client
        .get_project_timer(now)
        .username("test")
        .send()
        .await?;
    let () = client
        .start_project_timer(now, "Client 006", "Project 006_1", "test")
        .send()
        .await?;
    let () = client.pause_project_timer(now, "test").send().await?;
    let () = client.resume_project_timer(now, "test").send().await?;
    let start = types::ProjectTimerStart {
        date: now,
        client_name: "Client 006".into(),
        project_name: "Project 006_1".into(),
        username: "test".into(),
    };
    client.start_project_timer_with_body(start).send().await?;
    let pause = types::ProjectTimerPause {
        date: now,
        username: "test".into(),
    };
    client.pause_project_timer_with_body(pause).send().await?;
    let resume = types::ProjectTimerResume {
        date: now,
        username: "test".into(),
    };
    client.resume_project_timer_with_body(resume).send().await?;
    let _ = state;
    Ok(())
}

// "Project timer object has following params": startedAt a timestamp, workedSeconds and
// breakSeconds Integer, playing/stopped/paused Boolean, the rest Text.
fn fields(t: &types::ProjectTimer) {
    let _: Option<&String> = t.username.as_ref();
    let _: Option<DateTime<Utc>> = t.started_at;
    let _: Option<i64> = t.worked_seconds;
    let _: Option<i64> = t.break_seconds;
    let _: Option<bool> = t.playing;
    let _: Option<bool> = t.stopped;
    let _: Option<bool> = t.paused;
    let _: Option<&String> = t.task_name.as_ref();
    let _: Option<&String> = t.note.as_ref();
}

fn main() {
    let _ = (usage, fields);
}
