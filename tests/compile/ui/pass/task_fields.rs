// tasks.md, "Task object has following params": ID Integer, name Text, notes Text,
// hourRate Number. notes and hourRate may be absent or null (README reading 7).
use timetrack_client::types::Task;

fn read(task: &Task) {
    let id: i64 = task.id;
    let name: &String = &task.name;
    let notes: Option<&str> = task.notes.as_deref();
    let hour_rate: Option<f64> = task.hour_rate;
    let _ = (id, name, notes, hour_rate);
}

fn main() {
    let _ = read;
}
