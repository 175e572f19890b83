//! Ground truth for the change report: a labelled corpus of spec edits to `evolution/base.yaml`,
//! each with the classification it must get, and for a sample of them a compile check that a
//! program written against the old crate fails to compile against the new one exactly when the
//! report says `breaking`.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::report::{Kind, Report};

const BASE: &str = include_str!("evolution/base.yaml");

/// One edit of the base spec: its kind of change, the text replacements, what the report must
/// say (the most severe change; `None` for no change to the public API), and, for the compile
/// sample, a program that uses the old crate.
struct Edit {
    name: &'static str,
    kind: &'static str,
    replace: Vec<(String, String)>,
    expect: Option<Kind>,
    old_caller: Option<&'static str>,
}

fn edit(
    name: &'static str,
    kind: &'static str,
    replace: &[(&str, &str)],
    expect: Option<Kind>,
) -> Edit {
    Edit {
        name,
        kind,
        replace: replace
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect(),
        expect,
        old_caller: None,
    }
}

fn sampled(mut e: Edit, old_caller: &'static str) -> Edit {
    e.old_caller = Some(old_caller);
    e
}

use Kind::{Additive, Behaviour, Breaking, Docs};

const DELETE_OP: &str = "    delete:\n      operationId: delete_task\n      summary: Delete a task.\n      description: Deletes a task.\n      tags: [Tasks]\n      responses:\n        2XX:\n          description: Deleted.\n        4XX:\n          $ref: \"#/components/responses/Error\"\n";
const NEW_PUT: &str = "    put:\n      operationId: replace_task\n      summary: Replace a task.\n      tags: [Tasks]\n      responses:\n        2XX:\n          description: Replaced.\n";
const NEW_PATH: &str = "  /colors:\n    get:\n      operationId: list_colors\n      summary: List colors.\n      responses:\n        2XX:\n          description: The colors.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: \"#/components/schemas/Color\"\ncomponents:\n";
const NAME_PARAM: &str = "        - name: name\n          in: query\n          description: Part of the task name.\n          schema:\n            type: string\n";
const PAGING: &str = "      x-paged:\n        page: page\n        size: limit\n";
const TASK_FIELDS: &str =
    "        name:\n          type: string\n          description: Task name.\n        color:";
const CREATE_HOUR_RATE: &str = "        hourRate:\n          type: number\n          format: double\n          description: Hourly rate.\n        notes:";

/// A `200` with a body beside the delete's bodiless `2XX`.
const RECEIPT: &str = "        \"200\":\n          description: Archived.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Task\"\n";
/// The end of the read's answers: its errors, just before the delete.
const READ_ERRORS: &str =
    "        4XX:\n          $ref: \"#/components/responses/Error\"\n    delete:\n";
/// A `404` with a body of its own, beside the shared `4XX`.
const MISSING: &str = "        \"404\":\n          description: No such task.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  missing:\n                    type: string\n";

fn corpus() -> Vec<Edit> {
    vec![
        // operation removed
        sampled(
            edit(
                "delete removed",
                "operation removed",
                &[(DELETE_OP, "")],
                Some(Breaking),
            ),
            "client.delete_task(1).send().await?;",
        ),
        edit(
            "list removed",
            "operation removed",
            &[("  /tasks:\n    get:", "  /tasks:\n    x-unused-get:")],
            Some(Breaking),
        ),
        // operation renamed
        sampled(
            edit(
                "read renamed",
                "operation renamed",
                &[("operationId: read_task", "operationId: get_task")],
                Some(Breaking),
            ),
            "let _ = client.read_task(1).send().await?;",
        ),
        edit(
            "create renamed",
            "operation renamed",
            &[("operationId: create_task", "operationId: add_task")],
            Some(Breaking),
        ),
        // operation added
        sampled(
            edit(
                "put added",
                "operation added",
                &[("    delete:\n", &format!("{NEW_PUT}    delete:\n"))],
                Some(Additive),
            ),
            "let _ = client.read_task(1).send().await?; client.delete_task(1).send().await?;",
        ),
        edit(
            "path added",
            "operation added",
            &[("components:\n", NEW_PATH)],
            Some(Additive),
        ),
        // required argument added
        sampled(
            edit(
                "required filter",
                "required argument added",
                &[(
                    "        - name: name\n          in: query\n",
                    "        - name: name\n          in: query\n          required: true\n",
                )],
                Some(Breaking),
            ),
            "let _ = client.list_tasks().send().await?;",
        ),
        edit(
            "required body field added",
            "required argument added",
            &[(
                "      required: [name, owner]",
                "      required: [name, owner, notes]",
            )],
            Some(Breaking),
        ),
        // required argument removed (made optional)
        edit(
            "owner optional",
            "required argument made optional",
            &[("      required: [name, owner]", "      required: [name]")],
            Some(Breaking),
        ),
        edit(
            "name optional",
            "required argument made optional",
            &[("      required: [name, owner]", "      required: [owner]")],
            Some(Breaking),
        ),
        // argument retyped
        sampled(
            edit(
                "id as text",
                "required argument retyped",
                &[(
                    "        description: ID of the task.\n        schema:\n          type: integer\n          format: int64",
                    "        description: ID of the task.\n        schema:\n          type: string",
                )],
                Some(Breaking),
            ),
            "let _ = client.read_task(1).send().await?;",
        ),
        edit(
            "id as int32",
            "required argument retyped",
            &[(
                "        description: ID of the task.\n        schema:\n          type: integer\n          format: int64",
                "        description: ID of the task.\n        schema:\n          type: integer\n          format: int32",
            )],
            Some(Breaking),
        ),
        edit(
            "owner as number",
            "required argument retyped",
            &[(
                "        owner:\n          type: string",
                "        owner:\n          type: integer\n          format: int64",
            )],
            Some(Breaking),
        ),
        // argument reordered. Same types swapped: old callers still compile but send the values
        // to the wrong params, so it is breaking though no compile check can show it (it stays
        // out of the compile sample).
        edit(
            "owner first",
            "required arguments reordered",
            &[(
                "        name:\n          type: string\n          description: Task name.\n        owner:\n          type: string\n          description: Who owns it.\n",
                "        owner:\n          type: string\n          description: Who owns it.\n        name:\n          type: string\n          description: Task name.\n",
            )],
            Some(Breaking),
        ),
        edit(
            "owner first again",
            "required arguments reordered",
            &[(
                "        name:\n          type: string\n          description: Task name.\n        owner:",
                "        owner:\n          type: string\n          description: Who owns it.\n        name:\n          type: string\n          description: Task name.\n        x-unused-owner:",
            )],
            Some(Breaking),
        ),
        // setter removed
        sampled(
            edit(
                "name filter removed",
                "setter removed",
                &[(NAME_PARAM, "")],
                Some(Breaking),
            ),
            "let _ = client.list_tasks().name(\"dev\").send().await?;",
        ),
        edit(
            "notes removed",
            "setter removed",
            &[(
                "        notes:\n          type: string\n          description: Notes.\n",
                "",
            )],
            Some(Breaking),
        ),
        edit(
            "color filter removed",
            "setter removed",
            &[(
                "        - name: color\n          in: query\n          description: Only tasks of this color.\n          schema:\n            $ref: \"#/components/schemas/Color\"\n",
                "",
            )],
            Some(Breaking),
        ),
        // setter retyped
        edit(
            "name filter as number",
            "setter retyped",
            &[(
                "          description: Part of the task name.\n          schema:\n            type: string",
                "          description: Part of the task name.\n          schema:\n            type: integer\n            format: int64",
            )],
            Some(Breaking),
        ),
        edit(
            "hour rate as text",
            "setter retyped",
            &[(
                CREATE_HOUR_RATE,
                "        hourRate:\n          type: string\n          description: Hourly rate.\n        notes:",
            )],
            Some(Breaking),
        ),
        // setter added
        sampled(
            edit(
                "tag filter added",
                "setter added",
                &[(
                    NAME_PARAM,
                    &format!(
                        "{NAME_PARAM}        - name: tag\n          in: query\n          description: A tag.\n          schema:\n            type: string\n"
                    ),
                )],
                Some(Additive),
            ),
            "let _ = client.list_tasks().name(\"dev\").send().await?;",
        ),
        edit(
            "owner filter added",
            "setter added",
            &[(
                NAME_PARAM,
                &format!(
                    "{NAME_PARAM}        - name: owner\n          in: query\n          schema:\n            type: string\n"
                ),
            )],
            Some(Additive),
        ),
        edit(
            "since filter added",
            "setter added",
            &[(
                NAME_PARAM,
                &format!(
                    "{NAME_PARAM}        - name: since\n          in: query\n          schema:\n            type: integer\n            format: int64\n"
                ),
            )],
            Some(Additive),
        ),
        // optional param made required
        edit(
            "color filter required",
            "optional param made required",
            &[(
                "        - name: color\n          in: query\n",
                "        - name: color\n          in: query\n          required: true\n",
            )],
            Some(Breaking),
        ),
        edit(
            "hour rate required",
            "request body field made required",
            &[(
                "      required: [name, owner]",
                "      required: [name, owner, hourRate]",
            )],
            Some(Breaking),
        ),
        // response type changed
        edit(
            "read answers a list",
            "response type changed",
            &[(
                "          description: The task.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Task\"\n        4XX:\n          $ref: \"#/components/responses/Error\"\n  /tasks/{id}:",
                "          description: The task.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: \"#/components/schemas/Task\"\n        4XX:\n          $ref: \"#/components/responses/Error\"\n  /tasks/{id}:",
            )],
            Some(Breaking),
        ),
        edit(
            "delete answers a task",
            "response type changed",
            &[(
                "          description: Deleted.\n",
                "          description: Deleted.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Task\"\n",
            )],
            Some(Breaking),
        ),
        // type renamed
        edit(
            "Task renamed",
            "type renamed",
            &[
                ("    Task:\n", "    Job:\n"),
                (
                    "$ref: \"#/components/schemas/Task\"\n",
                    "$ref: \"#/components/schemas/Job\"\n",
                ),
            ],
            Some(Breaking),
        ),
        edit(
            "Color renamed",
            "type renamed",
            &[
                ("    Color:\n", "    Hue:\n"),
                (
                    "$ref: \"#/components/schemas/Color\"",
                    "$ref: \"#/components/schemas/Hue\"",
                ),
            ],
            Some(Breaking),
        ),
        // type added
        sampled(
            edit(
                "Label added",
                "type added",
                &[(
                    "  schemas:\n",
                    "  schemas:\n    Label:\n      type: object\n      properties:\n        text:\n          type: string\n",
                )],
                Some(Additive),
            ),
            "let _: Vec<types::Task> = client.list_tasks().send().await?;",
        ),
        edit(
            "Owner added",
            "type added",
            &[(
                "  schemas:\n",
                "  schemas:\n    Owner:\n      type: string\n      enum: [ana, bo]\n",
            )],
            Some(Additive),
        ),
        // field added to a response struct
        sampled(
            edit(
                "Task.notes added",
                "field added to a struct",
                &[(
                    TASK_FIELDS,
                    "        name:\n          type: string\n          description: Task name.\n        notes:\n          type: string\n        color:",
                )],
                Some(Breaking),
            ),
            "let _ = types::Task { id: 1, name: \"x\".into(), color: None, hour_rate: None };",
        ),
        edit(
            "Task.done added",
            "field added to a struct",
            &[(
                TASK_FIELDS,
                "        name:\n          type: string\n          description: Task name.\n        done:\n          type: boolean\n        color:",
            )],
            Some(Breaking),
        ),
        // field removed from a response struct
        edit(
            "Task.color removed",
            "field removed",
            &[(
                "        color:\n          $ref: \"#/components/schemas/Color\"\n        hourRate:",
                "        hourRate:",
            )],
            Some(Breaking),
        ),
        edit(
            "Task.hourRate removed",
            "field removed",
            &[(
                "        hourRate:\n          type: number\n          format: double\n          description: Hourly rate.\n    TaskCreate:",
                "    TaskCreate:",
            )],
            Some(Breaking),
        ),
        // enum variant added
        sampled(
            edit(
                "blue added",
                "enum variant added",
                &[("enum: [red, green]", "enum: [red, green, blue]")],
                Some(Breaking),
            ),
            "let _ = |c: types::Color| match c { types::Color::Red => 1, types::Color::Green => 2 };",
        ),
        edit(
            "green removed",
            "enum variant removed",
            &[("enum: [red, green]", "enum: [red]")],
            Some(Breaking),
        ),
        // documentation only
        sampled(
            edit(
                "list description",
                "docs",
                &[(
                    "Every task, page by page.",
                    "Every task of the account, page by page.",
                )],
                Some(Docs),
            ),
            "let _ = client.list_tasks().name(\"dev\").limit(5).send().await?;",
        ),
        edit(
            "read summary",
            "docs",
            &[("summary: Read a task.", "summary: Read one task.")],
            Some(Docs),
        ),
        edit(
            "param description",
            "docs",
            &[(
                "description: Part of the task name.",
                "description: A substring of the task name.",
            )],
            Some(Docs),
        ),
        edit(
            "field description",
            "docs",
            &[(
                "          description: Who owns it.",
                "          description: The owner's username.",
            )],
            Some(Docs),
        ),
        // behaviour: the same Rust API, another request
        sampled(
            edit(
                "path renamed",
                "request path changed",
                &[("  /tasks/{id}:", "  /task/{id}:")],
                Some(Behaviour),
            ),
            "let _ = client.read_task(1).send().await?;",
        ),
        edit(
            "collection path renamed",
            "request path changed",
            &[("  /tasks:\n", "  /jobs:\n")],
            Some(Behaviour),
        ),
        // paging
        edit(
            "paging removed",
            "paging removed",
            &[(PAGING, "")],
            Some(Breaking),
        ),
        // answers and errors by status
        sampled(
            edit(
                "delete answers a body on 200",
                "answer by status",
                &[(
                    "        2XX:\n          description: Deleted.\n",
                    &format!("        2XX:\n          description: Deleted.\n{RECEIPT}"),
                )],
                Some(Breaking),
            ),
            "let () = client.delete_task(1).send().await?;",
        ),
        sampled(
            edit(
                "read has its own 404 body",
                "error by status",
                &[(READ_ERRORS, &format!("{MISSING}{READ_ERRORS}"))],
                Some(Breaking),
            ),
            "let _: Result<_, evolution_client::Error> = client.read_task(1).send().await;",
        ),
        edit(
            "read answers CSV too",
            "other media",
            &[(
                "                $ref: \"#/components/schemas/Task\"\n        4XX:",
                "                $ref: \"#/components/schemas/Task\"\n            text/csv:\n              \
                 schema:\n                type: string\n        4XX:",
            )],
            Some(Additive),
        ),
        // not part of the Rust API
        edit(
            "example changed",
            "example only",
            &[("\"owner\": \"ana\"", "\"owner\": \"bo\"")],
            None,
        ),
    ]
}

fn generate(source: &str) -> generator::Files {
    generator::generate_str(Path::new("base.yaml"), source, "base.yaml")
        .unwrap_or_else(|e| panic!("{e}"))
}

fn apply(edit: &Edit) -> String {
    let mut spec = BASE.to_owned();
    for (find, replace) in &edit.replace {
        assert!(
            spec.contains(find.as_str()),
            "{}: the base spec has no {find:?}",
            edit.name
        );
        spec = spec.replace(find.as_str(), replace);
    }
    spec
}

/// The report of `edit`, against the base crate in `out`, by the path `cargo xtask codegen` takes.
fn report(edit: &Edit, out: &Path) -> Report {
    settled_report(&apply(edit), out)
}

fn settled_report(source: &str, out: &Path) -> Report {
    generator::codegen::prepare_str(Path::new("base.yaml"), source, "base.yaml", out)
        .unwrap_or_else(|e| panic!("{e}"))
        .report()
        .cloned()
        .expect("the base crate has its api.json")
}

fn worst(report: &Report) -> Option<Kind> {
    report.changes.iter().map(|c| c.kind).max()
}

#[test]
fn every_labelled_edit_gets_its_classification() {
    let dir = tempfile::tempdir().unwrap();
    generator::output::write(dir.path(), &generate(BASE)).unwrap();
    let corpus = corpus();
    let kinds: std::collections::BTreeSet<_> = corpus.iter().map(|e| e.kind).collect();
    assert!(
        corpus.len() >= 40 && kinds.len() >= 12,
        "{} edits, {} kinds",
        corpus.len(),
        kinds.len()
    );
    let mut wrong = Vec::new();
    for edit in &corpus {
        let report = report(edit, dir.path());
        if worst(&report) != edit.expect {
            wrong.push(format!(
                "{} ({}): expected {:?}, got:\n{report}",
                edit.name, edit.kind, edit.expect
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_breaking_change_needs_the_bump_and_a_bumped_version_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    generator::output::write(dir.path(), &generate(BASE)).unwrap();
    let removed = &corpus()[0];
    let report = report(removed, dir.path());
    assert!(report.needs_bump());
    assert_eq!(report.needed_version, "0.4.0");
    assert!(
        report
            .to_string()
            .ends_with("bump `info.x-rust-crate.version` in the spec)\n"),
        "{report}"
    );

    let bumped = apply(removed).replace("version: 0.3.0", "version: 0.4.0");
    let report = settled_report(&bumped, dir.path());
    assert!(!report.needs_bump() && report.version_carries_it);
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["semver"], "major");
    assert_eq!(json["changes"][0]["kind"], "breaking");
}

#[test]
fn adding_an_operation_is_additive_and_needs_a_minor_change() {
    let dir = tempfile::tempdir().unwrap();
    generator::output::write(dir.path(), &generate(BASE)).unwrap();
    let added = corpus()
        .into_iter()
        .find(|e| e.name == "path added")
        .unwrap();
    let report = report(&added, dir.path());
    let lines: Vec<String> = report.to_string().lines().map(str::to_owned).collect();
    assert_eq!(
        lines[0],
        "additive: operation `list_colors` added (paths./colors.get)"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("semver: minor (from 0.3.0 that is 0.3.1"),
        "{report}"
    );
    assert!(!report.needs_bump());
}

/// A crate that calls the old API: `body` inside an async function with a `client`.
fn old_caller(dir: &Path, client: &Path, bodies: &[(&str, &str)]) -> PathBuf {
    let functions: String = bodies
        .iter()
        .enumerate()
        .map(|(i, (name, body))| {
            format!(
                "// {name}\n#[allow(unused, clippy::all)]\nasync fn case_{i}(client: &Client) -> Result<(), evolution_client::Error> {{\n    {body}\n    Ok(())\n}}\n\n"
            )
        })
        .collect();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"old-caller\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nevolution-client = {{ path = {:?} }}\n\n[workspace]\n",
        client.display()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    let lib =
        format!("#![allow(dead_code)]\nuse evolution_client::{{Client, types}};\n\n{functions}");
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, dir.join("Cargo.lock")).unwrap();
    dir.to_path_buf()
}

/// Whether the crate in `dir` compiles (`cargo check`, offline, in a shared target dir).
fn compiles(dir: &Path) -> bool {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/evolution-check");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(dir)
        .args(["check", "--quiet", "--offline", "--target-dir"])
        .arg(target)
        .output()
        .expect("cargo runs");
    output.status.success()
}

#[test]
fn old_callers_break_exactly_when_the_report_says_breaking() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    generator::output::write(&base, &generate(BASE)).unwrap();
    let corpus = corpus();
    let sample: Vec<&Edit> = corpus.iter().filter(|e| e.old_caller.is_some()).collect();
    assert!(sample.len() >= 10, "{} sampled edits", sample.len());
    let bodies: Vec<(&str, &str)> = sample
        .iter()
        .map(|e| (e.name, e.old_caller.unwrap()))
        .collect();
    let against_base = old_caller(&dir.path().join("caller-base"), &base, &bodies);
    assert!(
        compiles(&against_base),
        "the old callers do not compile against the base crate"
    );
    let mut disagree = Vec::new();
    for (i, edit) in sample.iter().enumerate() {
        let report = report(edit, &base);
        let new_crate = dir.path().join(format!("new-{i}"));
        generator::output::write(&new_crate, &generate(&apply(edit))).unwrap();
        let caller = old_caller(
            &dir.path().join(format!("caller-{i}")),
            &new_crate,
            &bodies[i..=i],
        );
        let breaking = worst(&report) == Some(Breaking);
        if compiles(&caller) == breaking {
            disagree.push(format!(
                "{}: report says breaking = {breaking}:\n{report}",
                edit.name
            ));
        }
    }
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}
