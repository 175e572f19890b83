//! Large public API descriptions run through the generator (issue 13): what it refuses today.
//!
//! Each spec in `tests/large/` is a real API's whole OpenAPI 3.0 description (Discord's: 3.1),
//! vendored with its license (sources, versions and the refusal tables: `tests/large/README.md`).
//! The generator refuses some of them; the `*_is_refused` tests pin each refusal as a count of problems per
//! kind of message, so a generator change that accepts more (or less) of them shows up here,
//! with the table to paste. `--nocapture` also prints each kind's details (media types, schema
//! and param names).
//!
//! The `*_accepted_part_*` tests go further, since validation stops a run before the type engine
//! and the plan see anything: they drop what is refused (operations off the most common error
//! body, every operation a problem is located in or the plan fails on, security schemes of
//! unsupported types, component schemas a problem is located in with what `$ref`s them),
//! generate from what is left and `cargo check` the crate when one generates, in
//! `target/large-specs`, asserting what was observed. Twilio's and Discord's (under a minute
//! each) run with the tests; GitHub's and Box's are ignored (minutes, gigabytes):
//! `cargo test -p generator --test large_specs -- --ignored --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_yaml::Value;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One vendored spec: its file under `tests/large/`, the number of operations it has, and the
/// tag whose cargo feature alone is checked too (its largest; none for a spec without tags,
/// whose crate has no features).
struct Spec {
    file: &'static str,
    operations: usize,
    one_tag: Option<&'static str>,
}

const GITHUB: Spec = Spec {
    file: "github.json",
    operations: 1223,
    one_tag: Some("repos"),
};
const BOX: Spec = Spec {
    file: "box.json",
    operations: 296,
    one_tag: Some("metadata-taxonomies"),
};
const TWILIO: Spec = Spec {
    file: "twilio_api_v2010.yaml",
    operations: 197,
    one_tag: Some("api20100401-address"),
};
/// OpenAPI 3.1; its operations have no tags.
const DISCORD: Spec = Spec {
    file: "discord.json",
    operations: 242,
    one_tag: None,
};
/// OpenAPI 3.1, with 18 multipart uploads.
const OPENAI: Spec = Spec {
    file: "openai.yaml",
    operations: 288,
    one_tag: Some("files"),
};

impl Spec {
    fn path(&self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/large")
            .join(self.file)
    }

    fn label(&self) -> String {
        format!("generator/tests/large/{}", self.file)
    }

    fn document(&self) -> Value {
        let text = std::fs::read_to_string(self.path())
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", self.path().display()));
        if self.file.ends_with(".json") {
            serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", self.file))
        } else {
            serde_yaml::from_str(&widened(&text))
                .unwrap_or_else(|err| panic!("{}: {err}", self.file))
        }
    }
}

/// YAML text with each integer too wide for 64 bits (OpenAI's `seed` bounds) written as a float,
/// which a JSON value holds (the generator reads such integers itself, as floats too).
fn widened(text: &str) -> String {
    let wide = |value: &str| {
        let digits = value.strip_prefix('-').unwrap_or(value);
        digits.len() >= 19
            && digits.bytes().all(|b| b.is_ascii_digit())
            && value.parse::<i64>().is_err()
    };
    let lines = text.lines().map(|line| match line.rsplit_once(": ") {
        Some((key, value)) if wide(value.trim_end()) => format!("{key}: {}.0", value.trim_end()),
        _ => line.to_owned(),
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// A message with the names it mentions replaced by `…`: backquoted spans, `#/…` references,
/// parenthesized details; numbers become `N`. Returns the kind and the replaced parts.
fn kind(message: &str) -> (String, Vec<String>) {
    let mut kind = String::new();
    let mut details = Vec::new();
    let mut rest = message;
    while let Some(c) = rest.chars().next() {
        let end = match c {
            '`' => rest[1..].find('`').map(|i| i + 2),
            '(' => rest.find(')').map(|i| i + 1),
            '#' if rest.starts_with("#/") => Some(
                rest.find(|c: char| c.is_whitespace() || c == ',' || c == ';')
                    .unwrap_or(rest.len()),
            ),
            _ => None,
        };
        if let Some(end) = end {
            details.push(rest[..end].to_owned());
            kind.push('…');
            rest = &rest[end..];
        } else if c.is_ascii_digit() {
            kind.push('N');
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        } else {
            kind.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (kind, details)
}

/// Problems per kind, most frequent first (then by kind).
fn tally(problems: &[generator::Problem]) -> Vec<(usize, String)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for problem in problems {
        *counts.entry(kind(&problem.message).0).or_default() += 1;
    }
    let mut rows: Vec<(usize, String)> = counts.into_iter().map(|(k, n)| (n, k)).collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    rows
}

fn count_operations(document: &Value) -> usize {
    let Some(paths) = document.get("paths").and_then(Value::as_mapping) else {
        return 0;
    };
    paths
        .values()
        .filter_map(Value::as_mapping)
        .flat_map(|item| item.keys())
        .filter(|key| key.as_str().is_some_and(|k| METHODS.contains(&k)))
        .count()
}

/// The path and method of the operation the problem at `pointer` is located in, if any
/// (`paths./repos/{owner}/{repo}.get.responses.404` → (`/repos/{owner}/{repo}`, `get`)). Path
/// keys may contain dots, so the longest key of the document that fits is taken.
fn operation_of(document: &Value, pointer: &str) -> Option<(String, String)> {
    let rest = pointer.strip_prefix("paths.")?;
    let paths = document.get("paths")?.as_mapping()?;
    paths
        .keys()
        .filter_map(Value::as_str)
        .filter_map(|key| {
            let after = rest.strip_prefix(key)?.strip_prefix('.')?;
            let method = after.split(['.', '[']).next()?;
            METHODS
                .contains(&method)
                .then(|| (key.to_owned(), method.to_owned()))
        })
        .max_by_key(|(key, _)| key.len())
}

#[test]
fn the_vendored_specs_have_the_operations_the_readme_names() {
    for spec in [&GITHUB, &BOX, &TWILIO, &DISCORD, &OPENAI] {
        let document = spec.document();
        assert_eq!(
            count_operations(&document),
            spec.operations,
            "{}",
            spec.file
        );
        let version = document["openapi"].as_str().unwrap_or_default();
        let expected = if [DISCORD.file, OPENAI.file].contains(&spec.file) {
            "3.1."
        } else {
            "3.0."
        };
        assert!(version.starts_with(expected), "{}: {version}", spec.file);
    }
}

#[test]
fn kinds_keep_the_words_and_drop_the_names() {
    let (found, details) = kind(
        "the response offers 2 content types (image/jpg, image/png); the generator supports one, `application/json`",
    );
    assert_eq!(
        found,
        "the response offers N content types …; the generator supports one, …"
    );
    assert_eq!(details, ["(image/jpg, image/png)", "`application/json`"]);
    let (found, details) = kind(
        "the error body is #/components/schemas/basic-error, but `$ref` uses (an inline schema); \
         the client has one error type, so every error response must `$ref` the same schema",
    );
    assert_eq!(
        found,
        "the error body is …, but … uses …; the client has one error type, so every error \
         response must … the same schema"
    );
    assert_eq!(details[0], "#/components/schemas/basic-error");
}

/// The whole spec generates: the validator refuses nothing of it (the warnings are printed).
fn assert_generates_whole(spec: &Spec) {
    let started = Instant::now();
    let generated = generator::generate_with_warnings(&spec.path(), &spec.label());
    eprintln!("{}: generate took {:.1?}", spec.file, started.elapsed());
    match generated {
        Ok(generated) => {
            for warning in &generated.warnings {
                eprintln!("  warning: {warning}");
            }
        }
        Err(err) => panic!("{} is refused again:\n{err}", spec.file),
    }
}

#[test]
fn github_generates_whole() {
    assert_generates_whole(&GITHUB);
}

#[test]
fn box_generates_whole() {
    assert_generates_whole(&BOX);
}

#[test]
fn twilio_generates_whole() {
    assert_generates_whole(&TWILIO);
}

#[test]
fn discord_generates_whole() {
    assert_generates_whole(&DISCORD);
}

#[test]
fn openai_generates_whole() {
    assert_generates_whole(&OPENAI);
}

/// What is left of a spec once what the generator refuses is dropped, and what that generates.
struct AcceptedPart {
    /// Operations left.
    operations: usize,
    /// Security schemes dropped (with every requirement naming them).
    schemes: Vec<String>,
    /// Component schemas a problem is located in, dropped with every component and operation
    /// that `$ref`s them (directly or through other components).
    refused_schemas: BTreeSet<String>,
    /// Components dropped that way (the refused schemas and what reaches them).
    dropped_components: usize,
    /// Operations dropped because the type engine or the plan failed on them.
    engine: Vec<String>,
    /// The warnings of the generation that succeeded.
    warnings: Vec<generator::Problem>,
    /// Generator runs it took.
    rounds: usize,
    /// The generated crate, or why what is left is still refused.
    outcome: Result<generator::Files, String>,
}

/// Drops from `spec`, until the generator accepts the rest (or a problem is located outside any
/// operation), every operation a problem is located in, every security scheme it refuses, and
/// every component schema it is located in with what `$ref`s that schema.
fn accepted_part(spec: &Spec) -> AcceptedPart {
    let mut document = spec.document();
    let mut schemes = Vec::new();
    let mut refused_schemas = BTreeSet::new();
    let mut dropped_components = 0;
    let mut engine = Vec::new();
    let mut warnings = Vec::new();
    let mut rounds = 0;
    let outcome = loop {
        rounds += 1;
        let text = serde_yaml::to_string(&document).expect("a document serializes");
        let generated = generator::generate_str_with_warnings(&spec.path(), &text, &spec.label());
        let problems = match generated {
            Ok(generated) => {
                warnings = generated.warnings;
                break Ok(generated.files);
            }
            Err(generator::Error::InvalidSpec { problems, .. }) => problems,
            Err(generator::Error::Engine {
                operation: Some(id),
                message,
                ..
            }) => {
                let Some((path, method)) = operation_with_id(&document, &id) else {
                    break Err(format!("operation `{id}`: {message}"));
                };
                engine.push(format!("operation `{id}`: {message}"));
                remove_operation(&mut document, &path, &method);
                continue;
            }
            Err(other) => break Err(other.to_string()),
        };
        let mut unplaced = Vec::new();
        let mut drop = BTreeSet::new();
        let mut schemas = BTreeSet::new();
        for problem in &problems {
            let pointer = &problem.location.pointer;
            if let Some(operation) = operation_of(&document, pointer) {
                drop.insert(operation);
            } else if let Some(name) = pointer.strip_prefix("components.securitySchemes.") {
                remove_security_scheme(&mut document, name);
                schemes.push(name.to_owned());
            } else if let Some(name) = schema_of(&document, pointer) {
                schemas.insert(name);
            } else {
                unplaced.push(problem.to_string());
            }
        }
        if !unplaced.is_empty() || rounds == 30 {
            break Err(format!(
                "still refused after {rounds} rounds:\n  {}",
                unplaced.join("\n  ")
            ));
        }
        for (path, method) in &drop {
            remove_operation(&mut document, path, method);
        }
        dropped_components += remove_schemas(&mut document, &schemas);
        refused_schemas.extend(schemas);
    };
    AcceptedPart {
        operations: count_operations(&document),
        schemes,
        refused_schemas,
        dropped_components,
        engine,
        warnings,
        rounds,
        outcome,
    }
}

/// The component schema the problem at `pointer` is located in, if any
/// (`components.schemas.Kind.oneOf[0]` → `Kind`); the longest name that fits, as in
/// `operation_of`.
fn schema_of(document: &Value, pointer: &str) -> Option<String> {
    let rest = pointer.strip_prefix("components.schemas.")?;
    document["components"]["schemas"]
        .as_mapping()?
        .keys()
        .filter_map(Value::as_str)
        .filter(|name| {
            rest.strip_prefix(name)
                .is_some_and(|after| after.is_empty() || after.starts_with(['.', '[']))
        })
        .max_by_key(|name| name.len())
        .map(str::to_owned)
}

/// Every `$ref` target inside `value`.
fn refs_in(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Mapping(mapping) => {
            for (key, child) in mapping {
                match (key.as_str(), child) {
                    (Some("$ref"), Value::String(target)) => {
                        out.insert(target.clone());
                    }
                    _ => refs_in(child, out),
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| refs_in(item, out)),
        _ => {}
    }
}

/// Drops the component schemas `names`, then every component that `$ref`s a dropped one (until
/// none does), then every operation that `$ref`s one (itself or through its path item's
/// parameters). Returns the number of components dropped.
fn remove_schemas(document: &mut Value, names: &BTreeSet<String>) -> usize {
    if names.is_empty() {
        return 0;
    }
    let mut dropped: BTreeSet<String> = names
        .iter()
        .map(|name| format!("#/components/schemas/{name}"))
        .collect();
    let Some(components) = document
        .get_mut("components")
        .and_then(Value::as_mapping_mut)
    else {
        return 0;
    };
    loop {
        let before = dropped.len();
        for (section, entries) in components.iter() {
            let (Some(section), Some(entries)) = (section.as_str(), entries.as_mapping()) else {
                continue;
            };
            for (name, entry) in entries {
                let mut refs = BTreeSet::new();
                refs_in(entry, &mut refs);
                if !refs.is_disjoint(&dropped) {
                    dropped.insert(format!(
                        "#/components/{section}/{}",
                        name.as_str().unwrap_or_default()
                    ));
                }
            }
        }
        if dropped.len() == before {
            break;
        }
    }
    for (section, entries) in components.iter_mut() {
        let Some(section) = section.as_str().map(str::to_owned) else {
            continue;
        };
        if let Some(entries) = entries.as_mapping_mut() {
            entries.retain(|name, _| {
                !dropped.contains(&format!(
                    "#/components/{section}/{}",
                    name.as_str().unwrap_or_default()
                ))
            });
        }
    }
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_mapping().into_iter().flatten() {
        let mut shared = BTreeSet::new();
        refs_in(&item["parameters"], &mut shared);
        for (method, operation) in item.as_mapping().into_iter().flatten() {
            let mut refs = shared.clone();
            refs_in(operation, &mut refs);
            if let (Some(path), Some(method)) = (path.as_str(), method.as_str())
                && METHODS.contains(&method)
                && !refs.is_disjoint(&dropped)
            {
                operations.push((path.to_owned(), method.to_owned()));
            }
        }
    }
    for (path, method) in &operations {
        remove_operation(document, path, method);
    }
    dropped.len()
}

/// The path and method of the operation with `operationId: id`.
fn operation_with_id(document: &Value, id: &str) -> Option<(String, String)> {
    document["paths"]
        .as_mapping()?
        .iter()
        .flat_map(|(path, item)| {
            item.as_mapping()
                .into_iter()
                .flatten()
                .map(move |(method, operation)| (path, method, operation))
        })
        .find(|(_, _, operation)| operation["operationId"].as_str() == Some(id))
        .and_then(|(path, method, _)| {
            Some((path.as_str()?.to_owned(), method.as_str()?.to_owned()))
        })
}

fn remove_operation(document: &mut Value, path: &str, method: &str) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_mapping_mut) else {
        return;
    };
    let Some(item) = paths.get_mut(path).and_then(Value::as_mapping_mut) else {
        return;
    };
    item.remove(method);
    if !item
        .keys()
        .any(|key| key.as_str().is_some_and(|k| METHODS.contains(&k)))
    {
        paths.remove(path);
    }
}

/// Removes the scheme and every security requirement naming it.
fn remove_security_scheme(document: &mut Value, name: &str) {
    if let Some(schemes) = document
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
        .and_then(Value::as_mapping_mut)
    {
        schemes.remove(name);
    }
    let keep = |requirement: &Value| requirement.get(name).is_none();
    if let Some(security) = document
        .get_mut("security")
        .and_then(Value::as_sequence_mut)
    {
        security.retain(keep);
    }
    for item in document
        .get_mut("paths")
        .and_then(Value::as_mapping_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
    {
        for operation in item
            .as_mapping_mut()
            .into_iter()
            .flat_map(|i| i.values_mut())
        {
            if let Some(security) = operation
                .get_mut("security")
                .and_then(Value::as_sequence_mut)
            {
                security.retain(keep);
            }
        }
    }
}

/// What `cargo check` says of a generated crate.
enum Check {
    Compiles,
    /// It does not compile; the type names it defines twice (`E0428`) and the number of errors.
    Fails {
        defined_twice: Vec<String>,
        errors: String,
    },
}

/// Writes the crate into a temporary folder (or `$LARGE_SPECS_OUT/NAME`, to look at it) as a
/// workspace of its own, with the workspace's Cargo.lock beside it, and runs
/// `cargo check --offline` on it in `target/large-specs` (`LARGE_SPECS_ONLINE=1`: without
/// `--offline`, for a crate that needs crates the lock does not have). When it compiles, checks
/// it again with only the feature of `spec.one_tag`, which must compile with no warning the
/// whole crate does not have.
fn check_crate(spec: &Spec, files: &generator::Files) -> Check {
    let dir = tempfile::tempdir().unwrap();
    let out = match std::env::var_os("LARGE_SPECS_OUT") {
        Some(keep) => Path::new(&keep).join(spec.file.split('.').next().unwrap_or(spec.file)),
        None => dir.path().join("client"),
    };
    generator::output::write(&out, files).unwrap();
    let manifest = out.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("\n[workspace]\n");
    std::fs::write(&manifest, text).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let lines: usize = files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(_, content)| content.lines().count())
        .sum();
    let what = format!("{} files, {lines} lines of Rust", files.len());
    let (compiles, stderr) = cargo_check(spec, &out, &what, &[]);
    if compiles {
        let Some(one_tag) = spec.one_tag else {
            return Check::Compiles;
        };
        let features = ["--no-default-features", "--features", one_tag];
        let (one_compiles, one_stderr) = cargo_check(spec, &out, one_tag, &features);
        assert!(
            one_compiles,
            "{}: only `{}` does not compile:\n{one_stderr}",
            spec.file, one_tag
        );
        let whole: BTreeSet<&str> = warnings(&stderr).collect();
        let new: Vec<&str> = warnings(&one_stderr)
            .filter(|w| !whole.contains(w))
            .collect();
        assert!(
            new.is_empty(),
            "{}: only `{}` warns: {new:#?}",
            spec.file,
            one_tag
        );
        return Check::Compiles;
    }
    assert!(
        !stderr.contains("offline mode"),
        "the crate needs crates that the workspace's Cargo.lock does not have and cargo has not \
         downloaded; rerun with LARGE_SPECS_ONLINE=1:\n{stderr}"
    );
    let mut defined_twice: Vec<String> = stderr
        .lines()
        .filter(|line| line.contains("error[E0428]"))
        .filter_map(|line| line.split('`').nth(1).map(str::to_owned))
        .collect();
    defined_twice.sort();
    let errors = stderr
        .lines()
        .find(|line| line.contains("could not compile"))
        .unwrap_or_default()
        .to_owned();
    eprintln!("{}: {errors}", spec.file);
    Check::Fails {
        defined_twice,
        errors,
    }
}

/// `cargo check` of the crate in `out` with `args`: whether it compiles, and its messages.
fn cargo_check(spec: &Spec, out: &Path, what: &str, args: &[&str]) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let started = Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(out)
        .args(["check", "--message-format", "short"])
        .args(args);
    if std::env::var_os("LARGE_SPECS_ONLINE").is_none() {
        command.arg("--offline");
    }
    let output = command
        .arg("--target-dir")
        .arg(root.join("target/large-specs"))
        .output()
        .expect("cargo runs");
    eprintln!(
        "{}: cargo check of the crate ({what}) took {:.1?}",
        spec.file,
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), stderr)
}

/// The warning lines of `cargo check --message-format short`.
fn warnings(stderr: &str) -> impl Iterator<Item = &str> {
    stderr.lines().filter(|line| line.contains(": warning: "))
}

/// Generates from what is left of `spec` and checks the crate; asserts that `operations` are
/// left, that the plan failed on `engine_drops` of them, and that the crate compiles.
fn assert_accepted_part(spec: &Spec, operations: usize, engine_drops: &[&str]) {
    let started = Instant::now();
    let part = accepted_part(spec);
    eprintln!(
        "{}: {} of {} operations left after {} rounds ({:.1?}), security schemes dropped: {:?}",
        spec.file,
        part.operations,
        spec.operations,
        part.rounds,
        started.elapsed(),
        part.schemes
    );
    if !part.refused_schemas.is_empty() {
        eprintln!(
            "{}: {} component schemas refused, {} components dropped with them: {:?}",
            spec.file,
            part.refused_schemas.len(),
            part.dropped_components,
            part.refused_schemas
        );
    }
    for failure in &part.engine {
        eprintln!("  dropped, the type engine or plan failed: {failure}");
    }
    eprintln!("{}: {} warnings", spec.file, part.warnings.len());
    for (count, kind) in tally(&part.warnings) {
        eprintln!("  {count:5}  {kind}");
    }
    for warning in &part.warnings {
        eprintln!("    {warning}");
    }
    assert_eq!(
        part.operations, operations,
        "operations left of {}",
        spec.file
    );
    let dropped: Vec<&str> = part
        .engine
        .iter()
        .filter_map(|failure| failure.split('`').nth(1))
        .collect();
    assert_eq!(dropped, engine_drops, "{}", spec.file);
    match part.outcome {
        Ok(files) => match check_crate(spec, &files) {
            Check::Compiles => {}
            Check::Fails {
                defined_twice,
                errors,
            } => panic!(
                "what is left of {} does not compile: {errors}; type names defined twice: \
                 {defined_twice:?}",
                spec.file
            ),
        },
        Err(why) => panic!("{}: {why}", spec.file),
    }
}

#[test]
#[ignore = "generates from large specs and builds what generates (minutes); run with --ignored"]
fn github_accepted_part_generates_and_compiles() {
    assert_accepted_part(&GITHUB, 1223, &[]);
}

/// Needs `LARGE_SPECS_ONLINE=1` on a machine that has not downloaded `uuid`, which the crate
/// uses and the workspace's Cargo.lock does not have.
#[test]
#[ignore = "generates from large specs and builds what generates (minutes); run with --ignored"]
fn box_accepted_part_generates_and_compiles() {
    assert_accepted_part(&BOX, 296, &[]);
}

/// Not ignored: what is left of Twilio compiles, so CI builds it (about a minute).
#[test]
fn twilio_accepted_part_generates_and_compiles() {
    assert_accepted_part(&TWILIO, 197, &[]);
}

/// Not ignored: Discord (OpenAPI 3.1) generates whole, and CI builds its crate (under a
/// minute).
#[test]
fn discord_accepted_part_generates_and_compiles() {
    assert_accepted_part(&DISCORD, 242, &[]);
}

/// OpenAI (OpenAPI 3.1, 18 multipart uploads): ignored, as GitHub's and Box's are.
#[test]
#[ignore = "generates from large specs and builds what generates (minutes); run with --ignored"]
fn openai_accepted_part_generates_and_compiles() {
    assert_accepted_part(&OPENAI, 288, &[]);
}
