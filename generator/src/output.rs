//! Writing the generated crate all-or-nothing, and comparing it with what is on disk.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One difference between the generated files and the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The file would be created with `new`.
    Missing { path: String, new: String },
    /// The file would change from `old` to `new`.
    Changed {
        path: String,
        old: String,
        new: String,
    },
    /// The file is no longer generated and would be removed.
    Extra { path: String },
}

impl Difference {
    /// A unified diff (or a note, for a removal) naming the file. Computed when asked for, since
    /// only a failed `--check` prints it.
    pub fn render(&self) -> String {
        match self {
            Difference::Missing { path, new } => unified(path, "", new),
            Difference::Changed { path, old, new } => unified(path, old, new),
            Difference::Extra { path } => {
                format!("--- a/{path}\n+++ /dev/null\n(file would be removed)\n")
            }
        }
    }
}

/// Replaces `out_dir` with exactly `files`: everything is written to a temporary folder beside
/// it first and moved into place only when all writes succeeded.
pub fn write(out_dir: &Path, files: &BTreeMap<String, String>) -> Result<()> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_error(&parent, "cannot create the folder"))?;
    let staging = tempfile::Builder::new()
        .prefix(".codegen-")
        .tempdir_in(&parent)
        .map_err(io_error(&parent, "cannot create a temporary folder"))?;
    for (relative, content) in files {
        let target = staging.path().join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_error(dir, "cannot create the folder"))?;
        }
        fs::write(&target, content).map_err(io_error(&target, "cannot write"))?;
    }
    let staged = staging.keep();
    if out_dir.exists() {
        return swap(out_dir, &staged, &parent);
    }
    fs::rename(&staged, out_dir).map_err(|source| {
        let _ = fs::remove_dir_all(&staged);
        Error::Output {
            path: out_dir.to_path_buf(),
            action: "cannot move into place",
            source,
        }
    })
}

/// Moves the existing `out_dir` aside, `staged` into its place, and removes the old one; on a
/// failure the old folder is put back.
fn swap(out_dir: &Path, staged: &Path, parent: &Path) -> Result<()> {
    let name = out_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("out");
    let old = parent.join(format!(".codegen-old-{name}"));
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_error(&old, "cannot remove a stale folder"))?;
    }
    if let Err(source) = fs::rename(out_dir, &old) {
        let _ = fs::remove_dir_all(staged);
        return Err(Error::Output {
            path: out_dir.to_path_buf(),
            action: "cannot move aside",
            source,
        });
    }
    if let Err(source) = fs::rename(staged, out_dir) {
        let _ = fs::rename(&old, out_dir);
        let _ = fs::remove_dir_all(staged);
        return Err(Error::Output {
            path: out_dir.to_path_buf(),
            action: "cannot move into place",
            source,
        });
    }
    fs::remove_dir_all(&old).map_err(io_error(&old, "cannot remove the previous output"))
}

/// The error for a failed file system `action` on `path`.
fn io_error(path: &Path, action: &'static str) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Output {
        path,
        action,
        source,
    }
}

/// Compares `files` with the content of `out_dir`; empty when they match byte for byte.
pub fn check(out_dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<Difference>> {
    let mut on_disk = BTreeMap::new();
    if out_dir.exists() {
        collect(out_dir, out_dir, &mut on_disk)?;
    }
    let mut differences = Vec::new();
    for (path, content) in files {
        match on_disk.remove(path) {
            None => differences.push(Difference::Missing {
                path: path.clone(),
                new: content.clone(),
            }),
            Some(old) if old != *content => differences.push(Difference::Changed {
                path: path.clone(),
                old,
                new: content.clone(),
            }),
            Some(_) => {}
        }
    }
    for path in on_disk.into_keys() {
        differences.push(Difference::Extra { path });
    }
    Ok(differences)
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Output {
        path: dir.to_path_buf(),
        action: "cannot list",
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Output {
            path: dir.to_path_buf(),
            action: "cannot list",
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else {
            let bytes = fs::read(&path).map_err(|source| Error::Output {
                path: path.clone(),
                action: "cannot read",
                source,
            })?;
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(relative, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(())
}

fn unified(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn write_replaces_the_folder_and_check_then_passes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("client");
        fs::create_dir_all(out.join("src")).unwrap();
        fs::write(out.join("src/old.rs"), "old").unwrap();
        let wanted = files(&[("Cargo.toml", "x\n"), ("src/lib.rs", "y\n")]);
        let before = check(&out, &wanted).unwrap();
        assert_eq!(before.len(), 3, "{before:?}");
        write(&out, &wanted).unwrap();
        assert!(!out.join("src/old.rs").exists());
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "y\n");
        assert!(check(&out, &wanted).unwrap().is_empty());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary folders were left behind");
    }

    #[test]
    fn a_change_shows_as_a_unified_diff() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path().join("c").as_path(),
            &files(&[("a.rs", "one\ntwo\n")]),
        )
        .unwrap();
        let diffs = check(&dir.path().join("c"), &files(&[("a.rs", "one\nthree\n")])).unwrap();
        let text = diffs[0].render();
        assert!(
            text.contains("--- a/a.rs") && text.contains("-two") && text.contains("+three"),
            "{text}"
        );
    }
}
