//! The snapshot corpus: each small spec in `tests/specs/` (one feature each) is generated and
//! compared with the crate committed in `tests/output/NAME/`, so every generator change shows as a
//! reviewable diff. The crates are meant to be workspace members that CI builds, lints and tests;
//! the root Cargo.toml says which are.
//!
//! After an intended change: `SNAPSHOTS=overwrite cargo test -p generator --test snapshots`, then
//! review and commit the diff under `generator/tests/output/`.

use std::path::{Path, PathBuf};

/// Specs kept in `tests/specs/` that the generator refuses today, each under a comment
/// `// refused today: <the generator's message>`; they have no crate under `tests/output/`. Move
/// one to `snapshots!` once the generator accepts it.
const REFUSED: &[&str] = &[];

const RERUN: &str = "SNAPSHOTS=overwrite cargo test -p generator --test snapshots";

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn overwrite() -> bool {
    match std::env::var("SNAPSHOTS") {
        Ok(value) if value == "overwrite" => true,
        Ok(value) if value.is_empty() => false,
        Ok(value) => panic!("SNAPSHOTS={value:?} is not understood; the one value is `overwrite`"),
        Err(_) => false,
    }
}

/// By the path of `cargo xtask codegen` ([`generator::codegen::prepare`]), so each crate keeps the
/// `api.json` of its version as the committed client does: overwrite writes, otherwise the test
/// fails with what `--check` would say.
fn snapshot(name: &str) {
    let spec = tests_dir().join("specs").join(format!("{name}.yaml"));
    let out = tests_dir().join("output").join(name);
    let label = format!("generator/tests/specs/{name}.yaml");
    let prepared = generator::codegen::prepare(&spec, &label, &out)
        .unwrap_or_else(|err| panic!("the generator refuses tests/specs/{name}.yaml:\n{err}"));
    if overwrite() {
        prepared
            .write()
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", out.display()));
        return;
    }
    let failures = prepared.check_failures();
    let said: String = failures
        .iter()
        .map(|failure| format!("{}error: {failure}\n", failure.diff()))
        .collect();
    assert!(
        failures.is_empty(),
        "tests/output/{name}/ is not what tests/specs/{name}.yaml generates:\n{said}\
         If the change is intended: `{RERUN}`, then review and commit the diff."
    );
}

/// One test per spec with a committed crate, named by the spec's file stem.
macro_rules! snapshots {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                snapshot(stringify!($name));
            }
        )*

        /// Every spec with a committed crate, by file stem.
        const SPECS: &[&str] = &[$(stringify!($name)),*];
    };
}

snapshots!(
    minimal,
    no_credentials,
    no_error_body,
    non_object_body,
    dates,
    nested,
    enums,
    tags,
    breadth,
    no_servers,
    media,
    mixed,
    upgrade,
    optional_bodies,
    http_basic,
    bearer,
    by_status,
    alternative_security,
    declared_headers,
    redirects,
    overrides,
    shared_path_params,
    untyped_items,
    null_values,
    body_renames,
    pointer_refs,
    wide_integers,
    engine_fallback,
    cookies,
    openapi31,
    multipart,
    param_styles,
);

fn entries(dir: &Path, keep: impl Fn(&Path) -> Option<String>) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .filter_map(|entry| keep(&entry.unwrap().path()))
        .collect();
    names.sort();
    names
}

/// A spec added without a snapshot (or a snapshot left behind by a removed spec) fails here, so
/// the corpus and the workspace members stay in step.
#[test]
fn every_spec_has_a_snapshot_and_every_snapshot_a_spec() {
    let mut expected: Vec<String> = SPECS.iter().map(|s| s.to_string()).collect();
    expected.sort();
    let mut known: Vec<String> = SPECS.iter().chain(REFUSED).map(|s| s.to_string()).collect();
    known.sort();

    let specs = entries(&tests_dir().join("specs"), |path| {
        let stem = path.file_stem()?.to_str()?;
        (path.extension()? == "yaml").then(|| stem.to_owned())
    });
    assert_eq!(
        specs, known,
        "tests/specs/ and the lists in tests/snapshots.rs disagree; add the new spec to \
         `snapshots!` (or to `REFUSED`, with the generator's message), then `{RERUN}`"
    );

    if overwrite() {
        return; // the crates are being (re)written by the other tests of this run
    }
    let outputs = entries(&tests_dir().join("output"), |path| {
        let name = path.file_name()?.to_str()?;
        path.is_dir().then(|| name.to_owned())
    });
    assert_eq!(
        outputs, expected,
        "tests/output/ holds a crate no spec in `snapshots!` generates (remove it), or misses one \
         (`{RERUN}`)"
    );
}

/// An OpenAPI 3.1 document generates the crate its 3.0 twin generates, byte for byte: 3.1 is
/// read by rewriting it into its 3.0 form (`load/v31.rs`).
#[test]
fn openapi_3_1_generates_what_its_3_0_twin_does() {
    let label = "generator/tests/specs/openapi31.yaml";
    let generate = |path: PathBuf| {
        let source = std::fs::read_to_string(&path).unwrap();
        generator::generate_str(&path, &source, label)
            .unwrap_or_else(|err| panic!("{}:\n{err}", path.display()))
    };
    let from_3_1 = generate(tests_dir().join("specs/openapi31.yaml"));
    let from_3_0 = generate(tests_dir().join("pairs/openapi31_as_3_0.yaml"));
    assert_eq!(
        from_3_1.keys().collect::<Vec<_>>(),
        from_3_0.keys().collect::<Vec<_>>()
    );
    for (file, text) in &from_3_1 {
        assert!(
            *text == from_3_0[file],
            "{file} differs between the 3.1 spec and its 3.0 twin"
        );
    }
}
