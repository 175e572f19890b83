//! The README's workflow ("Adding a resource to the spec", "Spec evolution and semver") on copies
//! of the committed spec and client: what `cargo xtask codegen`, its `--check` and the test that
//! the committed client is up to date ([`up_to_date`]) say at each step.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Outcome, run, up_to_date, workspace_root};

/// An operation the spec does not have, inserted at the end of `paths`.
const COLORS: &str = "  /colors:
    get:
      operationId: list_colors
      tags: [Tasks]
      summary: List colors.
      description: Lists the colors a task can have.
      responses:
        2XX:
          description: The colors.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: string
        4XX:
          $ref: \"#/components/responses/Error\"
        5XX:
          $ref: \"#/components/responses/Error\"
components:
";

/// A temporary workspace: copies of the spec and the client, where they are in this one.
struct Copy {
    root: tempfile::TempDir,
    spec: PathBuf,
    out: PathBuf,
}

impl Copy {
    /// A copy of which `--check` says it is up to date, as of the committed one.
    fn new() -> Copy {
        let root = tempfile::tempdir().unwrap();
        let spec = root.path().join("spec/timetrack.yaml");
        let out = root.path().join("generated-client");
        fs::create_dir_all(root.path().join("spec")).unwrap();
        fs::copy(workspace_root().join("spec/timetrack.yaml"), &spec).unwrap();
        copy_dir(&workspace_root().join("generated-client"), &out);
        let copy = Copy { root, spec, out };
        let unchanged = format!(
            "no change to the public API\nsemver: none\n{}",
            copy.is_up_to_date()
        );
        assert_succeeds(&copy.up_to_date(), &unchanged);
        copy
    }

    /// Replaces the one `find` in the spec with `replace`.
    fn edit(&self, find: &str, replace: &str) {
        let text = fs::read_to_string(&self.spec).unwrap();
        assert_eq!(text.matches(find).count(), 1, "the spec has one {find:?}");
        fs::write(&self.spec, text.replacen(find, replace, 1)).unwrap();
    }

    /// `cargo xtask codegen [--check]` in the copy.
    fn codegen(&self, check: bool) -> Outcome {
        let args: &[&str] = if check {
            &["codegen", "--check"]
        } else {
            &["codegen"]
        };
        let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        run(self.root.path(), &args).unwrap_or_else(|err| panic!("{err}"))
    }

    /// What `committed_client_is_up_to_date` runs, in the copy.
    fn up_to_date(&self) -> Outcome {
        up_to_date(self.root.path()).unwrap_or_else(|err| panic!("{err}"))
    }

    fn generated(&self) -> String {
        format!(
            "generated {} files in {} from {}\n",
            count_files(&self.out),
            self.out.display(),
            self.spec.display()
        )
    }

    fn is_up_to_date(&self) -> String {
        format!(
            "{} is up to date with {}\n",
            self.out.display(),
            self.spec.display()
        )
    }

    fn api(&self) -> serde_json::Value {
        let text = fs::read_to_string(self.out.join("api.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// The version `api.json` describes.
    fn api_version(&self) -> String {
        self.api()["version"].as_str().unwrap().to_owned()
    }

    /// Whether `api.json` has the operation.
    fn api_has(&self, operation: &str) -> bool {
        self.api()["operations"].get(operation).is_some()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn count_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| if path.is_dir() { count_files(&path) } else { 1 })
        .sum()
}

/// A successful run that printed `stdout` and nothing on stderr.
#[track_caller]
fn assert_succeeds(outcome: &Outcome, stdout: &str) {
    assert!(outcome.success, "{}", outcome.text());
    assert_eq!(outcome.stdout(), stdout);
    assert_eq!(outcome.stderr(), "");
}

const ADDED: &str = "additive: operation `list_colors` added (paths./colors.get)\n";

/// The README's steps in order, on one copy: add an operation, bump, then break without a bump.
#[test]
fn adding_bumping_and_breaking_say_what_the_readme_says() {
    let copy = Copy::new();
    add_without_bump(&copy);
    bump(&copy);
    break_without_bump(&copy);
}

/// a: an additive change needs no bump before it lands, and `api.json` stays that of 0.3.0.
fn add_without_bump(copy: &Copy) {
    copy.edit("components:\n", COLORS);
    let minor = format!(
        "{ADDED}semver: minor (from 0.3.0 that is 0.3.1 by Cargo's rules; the spec's version 0.3.0 does not carry it: bump `info.x-rust-crate.version` in the spec)\n"
    );
    assert_succeeds(
        &copy.codegen(false),
        &format!("{minor}{}", copy.generated()),
    );
    let checked = copy.codegen(true);
    assert_succeeds(&checked, &format!("{minor}{}", copy.is_up_to_date()));
    assert_eq!(copy.up_to_date(), checked);
    assert_eq!(copy.api_version(), "0.3.0");
    assert!(!copy.api_has("list_colors"));
}

/// b: the version the report named; `api.json` is then that of 0.3.1.
fn bump(copy: &Copy) {
    copy.edit("    version: 0.3.0\n", "    version: 0.3.1\n");
    let carried = format!(
        "{ADDED}semver: minor (from 0.3.0 that is 0.3.1 by Cargo's rules; the spec's version 0.3.1 carries it)\n"
    );
    assert_succeeds(
        &copy.codegen(false),
        &format!("{carried}{}", copy.generated()),
    );
    assert_eq!(copy.api_version(), "0.3.1");
    assert!(copy.api_has("list_colors"));
    let none = format!(
        "no change to the public API\nsemver: none\n{}",
        copy.is_up_to_date()
    );
    assert_succeeds(&copy.codegen(true), &none);
    assert_succeeds(&copy.up_to_date(), &none);
}

/// c: a breaking change without its bump is written, then fails `--check` and the test alike.
fn break_without_bump(copy: &Copy) {
    copy.edit(
        "      operationId: list_colors\n",
        "      operationId: list_task_colors\n",
    );
    let major = "breaking: operation `list_colors` renamed to `list_task_colors` (paths./colors.get)\nsemver: major (from 0.3.1 that is 0.4.0 by Cargo's rules; the spec's version 0.3.1 does not carry it: bump `info.x-rust-crate.version` in the spec)\n";
    assert_succeeds(
        &copy.codegen(false),
        &format!("{major}{}", copy.generated()),
    );
    assert_eq!(copy.api_version(), "0.3.1");
    let needs_bump = format!(
        "error: breaking changes need version 0.4.0 (or later); set `info.x-rust-crate.version: 0.4.0` in {} and run `cargo xtask codegen`\n",
        copy.spec.display()
    );
    let checked = copy.codegen(true);
    assert!(!checked.success, "{}", checked.text());
    assert_eq!(checked.stdout(), major);
    assert_eq!(checked.stderr(), needs_bump);
    assert_eq!(copy.up_to_date(), checked);
}

/// A hand edit of the client: `--check` prints the diff and says what to do.
#[test]
fn a_hand_edited_client_is_stale_with_its_diff() {
    let copy = Copy::new();
    let lib = copy.out.join("src/lib.rs");
    let text = fs::read_to_string(&lib).unwrap();
    fs::write(&lib, format!("{text}// hand-made\n")).unwrap();
    let checked = copy.up_to_date();
    assert!(!checked.success, "{}", checked.text());
    assert!(
        checked
            .stdout()
            .contains("--- a/src/lib.rs\n+++ b/src/lib.rs\n")
            && checked.stdout().contains("\n-// hand-made\n"),
        "{}",
        checked.text()
    );
    assert_eq!(
        checked.stderr(),
        format!(
            "error: {} is stale (1 file differ); run `cargo xtask codegen` and commit the result\n",
            copy.out.display()
        )
    );
    assert_eq!(copy.codegen(true), checked);
}
