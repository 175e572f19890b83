//! The pass cases of the compile tests (`ui/pass/`): what the documented params allow compiles.
//! Each case is a module of this test target, so a case that stops compiling fails the build of
//! `cargo test` with the compiler's message. They are not trybuild cases because one of those
//! makes trybuild build (not just check) every dependency of the generated client, in its own
//! target directory; the cases that must not compile stay with trybuild (`compile.rs`), which
//! then only checks. (Their `main`s only name the functions that use the API: the cases are
//! proofs that code compiles, and run nothing; nothing here calls them, hence `dead_code`.)
#![allow(dead_code)]

#[path = "../ui/pass/attendances.rs"]
mod attendances;
#[path = "../ui/pass/bodies_up_front.rs"]
mod bodies_up_front;
#[path = "../ui/pass/clients.rs"]
mod clients;
#[path = "../ui/pass/create_task.rs"]
mod create_task;
#[path = "../ui/pass/delete_task.rs"]
mod delete_task;
#[path = "../ui/pass/expenses.rs"]
mod expenses;
#[path = "../ui/pass/list_tasks.rs"]
mod list_tasks;
#[path = "../ui/pass/project_time_entries.rs"]
mod project_time_entries;
#[path = "../ui/pass/project_timer.rs"]
mod project_timer;
#[path = "../ui/pass/projects.rs"]
mod projects;
#[path = "../ui/pass/read_task.rs"]
mod read_task;
#[path = "../ui/pass/task_fields.rs"]
mod task_fields;
#[path = "../ui/pass/update_task.rs"]
mod update_task;
#[path = "../ui/pass/users.rs"]
mod users;
#[path = "../ui/pass/work_reports.rs"]
mod work_reports;

/// Every file under `ui/pass/` is a module above: a case added there and not here would not be
/// compiled at all.
#[test]
fn every_pass_case_is_compiled() {
    let listed = include_str!("pass.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/pass");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(case) = name.strip_suffix(".rs") {
            let module = format!("#[path = \"../ui/pass/{name}\"]\nmod {case};");
            assert!(
                listed.contains(&module),
                "ui/pass/{name} is not a module of tests/pass.rs"
            );
        }
    }
}
