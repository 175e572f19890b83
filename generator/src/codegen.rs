//! The one code path of `cargo xtask codegen`: generate the crate, settle which `api.json` it
//! carries, and compare it with the output folder. The command, its `--check`, the test that the
//! committed client is up to date and the snapshot corpus all go through [`prepare`] (or
//! [`prepare_str`]), so none of them can judge the output differently from the others.
//!
//! `api.json` is the crate's public API at its version: while `info.x-rust-crate.version` stays
//! the same, the one in the output folder is kept, so each generation reports every change since
//! that version; when the version changes (or there is none yet), the new one is written.

use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
use crate::output::{self, Difference};
use crate::report::{self, Report};
use crate::surface::{self, Surface};
use crate::{Files, Generated};

/// A generation, settled against the output folder and compared with it. Nothing is written
/// until [`Prepared::write`].
#[derive(Debug, Clone)]
pub struct Prepared {
    spec: PathBuf,
    out: PathBuf,
    files: Files,
    warnings: Vec<Problem>,
    report: Option<Report>,
    differences: Vec<Difference>,
}

/// What is wrong with the output folder, and what to do about it (see [`Prepared::check_failures`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckFailure {
    /// A breaking change lacks its version bump.
    #[error(
        "breaking changes need version {needed_version} (or later); set `info.x-rust-crate.version: {needed_version}` in {} and run `cargo xtask codegen`",
        spec.display()
    )]
    NeedsBump {
        /// The spec to bump.
        spec: PathBuf,
        /// The version the spec gives now.
        version: String,
        /// The smallest version that carries the changes.
        needed_version: String,
    },
    /// The output folder is not what the spec generates.
    #[error(
        "{} is stale ({} file{} differ); run `cargo xtask codegen` and commit the result",
        out.display(),
        differences.len(),
        if differences.len() == 1 { "" } else { "s" }
    )]
    Stale {
        /// The output folder.
        out: PathBuf,
        /// Each file that would be created, changed or removed.
        differences: Vec<Difference>,
    },
}

impl CheckFailure {
    /// The unified diff of a stale folder (empty for a missing bump).
    pub fn diff(&self) -> String {
        match self {
            CheckFailure::Stale { differences, .. } => {
                differences.iter().map(Difference::render).collect()
            }
            CheckFailure::NeedsBump { .. } => String::new(),
        }
    }
}

/// Generates the crate from the spec at `spec` (named `spec_label` in the generated files, see
/// [`crate::generate`]), settles its `api.json` against `out` and compares it with `out`.
pub fn prepare(spec: &Path, spec_label: &str, out: &Path) -> Result<Prepared> {
    settle(spec, crate::generate_with_warnings(spec, spec_label)?, out)
}

/// [`prepare`] for spec text (tests); `spec` names it in messages.
pub fn prepare_str(spec: &Path, source: &str, spec_label: &str, out: &Path) -> Result<Prepared> {
    let generated = crate::generate_str_with_warnings(spec, source, spec_label)?;
    settle(spec, generated, out)
}

impl Prepared {
    /// The files to write, with the settled `api.json`.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// What the spec writes that the generator accepted with a note, each located (print each as
    /// `warning: ` and [`Problem::at`] the spec).
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// What changed in the public API since the `api.json` in the output folder; `None` when it
    /// holds none yet.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// How the output folder differs from [`Prepared::files`] (as it was when prepared).
    pub fn differences(&self) -> &[Difference] {
        &self.differences
    }

    /// The spec the files come from.
    pub fn spec(&self) -> &Path {
        &self.spec
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Replaces the output folder with the files, all-or-nothing ([`output::write`]).
    pub fn write(&self) -> Result<()> {
        output::write(&self.out, &self.files)
    }

    /// The verdict of `--check`: empty when the output folder is what the spec generates and no
    /// breaking change lacks its version bump; otherwise each failure, the missing bump first.
    pub fn check_failures(&self) -> Vec<CheckFailure> {
        let mut failures = Vec::new();
        if let Some(report) = self.report.as_ref().filter(|r| r.needs_bump()) {
            failures.push(CheckFailure::NeedsBump {
                spec: self.spec.clone(),
                version: report.version.clone(),
                needed_version: report.needed_version.clone(),
            });
        }
        if !self.differences.is_empty() {
            failures.push(CheckFailure::Stale {
                out: self.out.clone(),
                differences: self.differences.clone(),
            });
        }
        failures
    }
}

/// Settles which `api.json` `files` carry (the one in `out` while the crate's name and version
/// stay the same), reports the change since it, and compares the files with `out`.
fn settle(spec: &Path, generated: Generated, out: &Path) -> Result<Prepared> {
    let Generated {
        mut files,
        warnings,
        surface: new,
    } = generated;
    let report = match read_baseline(out)? {
        None => None,
        Some((old_text, old)) => {
            if old.version == new.version && old.crate_name == new.crate_name {
                files.insert(surface::FILE.to_owned(), old_text);
            }
            Some(report::compare(&old, &new))
        }
    };
    let differences = output::check(out, &files)?;
    Ok(Prepared {
        spec: spec.to_path_buf(),
        out: out.to_path_buf(),
        files,
        warnings,
        report,
        differences,
    })
}

/// The `api.json` in `out`, as text and parsed; `None` when there is none.
fn read_baseline(out: &Path) -> Result<Option<(String, Surface)>> {
    let path = out.join(surface::FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Output {
                path,
                action: "cannot read",
                source,
            });
        }
    };
    match serde_json::from_str(&text) {
        Ok(old) => Ok(Some((text, old))),
        Err(err) => Err(Error::Output {
            path,
            action: "is not the API description this generator writes (delete it to start anew)",
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, err),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Level;

    const BASE: &str = include_str!("../tests/specs/minimal.yaml");
    const NEW_PATH: &str = "  /colors:\n    get:\n      operationId: list_colors\n      summary: List colors.\n      description: Lists the colors.\n      responses:\n        2XX:\n          description: The colors.\n        4XX:\n          $ref: \"#/components/responses/Error\"\ncomponents:\n";

    fn added() -> String {
        BASE.replacen("components:\n", NEW_PATH, 1)
    }

    fn renamed() -> String {
        BASE.replace("operationId: read_status", "operationId: get_status")
    }

    fn bumped(spec: &str, version: &str) -> String {
        spec.replace("version: 0.1.0", &format!("version: {version}"))
    }

    fn prepare(source: &str, out: &Path) -> Prepared {
        prepare_str(Path::new("spec.yaml"), source, "spec.yaml", out).unwrap()
    }

    fn api_version(out: &Path) -> String {
        let text = std::fs::read_to_string(out.join(surface::FILE)).unwrap();
        let surface: Surface = serde_json::from_str(&text).unwrap();
        surface.version
    }

    /// A folder holding the crate `BASE` generates.
    fn written_base() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("client");
        prepare(BASE, &out).write().unwrap();
        (dir, out)
    }

    #[test]
    fn an_empty_folder_is_stale_with_every_file_and_up_to_date_once_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("client");
        let first = prepare(BASE, &out);
        assert!(first.report().is_none());
        let failures = first.check_failures();
        assert_eq!(failures.len(), 1, "{failures:?}");
        let count = first.files().len();
        assert_eq!(
            failures[0].to_string(),
            format!(
                "{} is stale ({count} files differ); run `cargo xtask codegen` and commit the result",
                out.display()
            )
        );
        assert!(failures[0].diff().contains("+++ b/api.json"));
        first.write().unwrap();
        let again = prepare(BASE, &out);
        assert!(
            again.check_failures().is_empty(),
            "{:?}",
            again.check_failures()
        );
        assert!(again.report().unwrap().changes.is_empty());
    }

    #[test]
    fn an_additive_change_keeps_the_api_of_the_version_and_passes_once_written() {
        let (_dir, out) = written_base();
        let baseline = std::fs::read_to_string(out.join(surface::FILE)).unwrap();
        let prepared = prepare(&added(), &out);
        let report = prepared.report().unwrap();
        assert_eq!(report.semver, Level::Minor);
        assert!(!report.needs_bump());
        assert_eq!(prepared.files()[surface::FILE], baseline);
        let failures = prepared.check_failures();
        assert!(
            matches!(&failures[..], [CheckFailure::Stale { differences, .. }]
                if differences.iter().all(|d| !d.render().contains("api.json"))),
            "{failures:?}"
        );
        prepared.write().unwrap();
        let again = prepare(&added(), &out);
        assert!(
            again.check_failures().is_empty(),
            "{:?}",
            again.check_failures()
        );
        assert_eq!(again.report().unwrap().semver, Level::Minor);
    }

    #[test]
    fn a_breaking_change_without_its_bump_fails_even_once_written() {
        let (_dir, out) = written_base();
        let prepared = prepare(&renamed(), &out);
        prepared.write().unwrap();
        let again = prepare(&renamed(), &out);
        assert_eq!(
            again.check_failures(),
            vec![CheckFailure::NeedsBump {
                spec: PathBuf::from("spec.yaml"),
                version: "0.1.0".to_owned(),
                needed_version: "0.2.0".to_owned(),
            }]
        );
        assert_eq!(
            again.check_failures()[0].to_string(),
            "breaking changes need version 0.2.0 (or later); set `info.x-rust-crate.version: 0.2.0` in spec.yaml and run `cargo xtask codegen`"
        );
        assert_eq!(again.check_failures()[0].diff(), "");
    }

    #[test]
    fn a_bump_writes_the_api_of_the_new_version() {
        let (_dir, out) = written_base();
        let prepared = prepare(&bumped(&renamed(), "0.2.0"), &out);
        let report = prepared.report().unwrap();
        assert!(report.version_carries_it && !report.needs_bump());
        prepared.write().unwrap();
        assert_eq!(api_version(&out), "0.2.0");
        let again = prepare(&bumped(&renamed(), "0.2.0"), &out);
        assert!(
            again.check_failures().is_empty(),
            "{:?}",
            again.check_failures()
        );
        assert!(again.report().unwrap().changes.is_empty());
    }

    #[test]
    fn both_failures_come_together_the_missing_bump_first() {
        let (_dir, out) = written_base();
        let failures = prepare(&renamed(), &out).check_failures();
        assert!(
            matches!(
                &failures[..],
                [CheckFailure::NeedsBump { .. }, CheckFailure::Stale { .. }]
            ),
            "{failures:?}"
        );
    }

    #[test]
    fn a_foreign_api_json_is_an_output_error() {
        let (_dir, out) = written_base();
        std::fs::write(out.join(surface::FILE), "not json").unwrap();
        let err = prepare_str(Path::new("spec.yaml"), BASE, "spec.yaml", &out).unwrap_err();
        assert!(
            matches!(&err, Error::Output { path, .. } if path.ends_with("api.json")),
            "{err}"
        );
        assert!(err.to_string().contains("delete it to start anew"), "{err}");
    }
}
