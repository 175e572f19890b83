//! Sections 3 and 4: cold builds of xtask (and what dominates them) and clean builds of the
//! generated crate against the crates the peers generate for the same spec.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::{
    Options, PROGENITOR_SKIPPED, Section, available, progenitor_command, ratio, secs, timed,
};

/// The crates that took longest in a `cargo build --timings` report.
fn slowest_units(target_dir: &Path, count: usize) -> Vec<(String, f64)> {
    let Ok(html) = std::fs::read_to_string(target_dir.join("cargo-timings/cargo-timing.html"))
    else {
        return Vec::new();
    };
    let Some(start) = html.find("const UNIT_DATA = ") else {
        return Vec::new();
    };
    let json = &html[start + "const UNIT_DATA = ".len()..];
    let Some(end) = json.find(";\n") else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Array(units)) = serde_json::from_str(&json[..end]) else {
        return Vec::new();
    };
    let mut totals: std::collections::BTreeMap<String, f64> = Default::default();
    for unit in units {
        if let (Some(name), Some(duration)) = (unit["name"].as_str(), unit["duration"].as_f64()) {
            *totals.entry(name.to_owned()).or_default() += duration;
        }
    }
    let mut sorted: Vec<(String, f64)> = totals.into_iter().collect();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
    sorted.truncate(count);
    sorted
}

/// Section 3: a cold build of the generator and xtask.
pub fn first_run_section(options: &Options) -> Result<Section, String> {
    let mut section = Section::new(
        "3. First run: cold build of generator + xtask (clean target dir, as `cargo xtask` builds it)",
        &["build", "time"],
    );
    let target = options.scratch.join("target-cold-xtask");
    let _ = std::fs::remove_dir_all(&target);
    let time = timed(
        Command::new("cargo")
            .current_dir(&options.root)
            .args(["build", "-q", "-p", "xtask", "--timings"])
            .arg("--target-dir")
            .arg(&target),
    )?;
    section.row(&["`cargo build -p xtask`".to_owned(), secs(time)]);
    let slowest = slowest_units(&target, 6);
    if !slowest.is_empty() {
        section.note(format!(
            "What dominates (compile time per crate, summed over its units; two crates build at once): {}.",
            slowest
                .iter()
                .map(|(name, seconds)| format!("{name} {seconds:.1} s"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(section)
}

/// Section 4: clean builds of the generated crate and of the peers' crates for the same spec.
pub fn crate_build_section(options: &Options) -> Result<Section, String> {
    let mut section = Section::new(
        "4. Clean build of the generated crate (debug, own target dir each, same machine and run)",
        &["crate", "TLS", "time", "vs ours"],
    );
    let spec = options.root.join("spec/timetrack.yaml");

    let ours = build_ours(options, &[])?;
    section.row(&[
        "generated-client (this generator)".to_owned(),
        "rustls + ring, platform verifier".to_owned(),
        secs(ours),
        "1.00×".to_owned(),
    ]);

    let with_mocks = build_ours(options, &["--features", "mock"])?;
    section.row(&[
        "generated-client with `--features mock` (typed mocks, wiremock)".to_owned(),
        "rustls + ring, platform verifier".to_owned(),
        secs(with_mocks),
        ratio(with_mocks, ours),
    ]);

    let aws = build_ours_with_aws_lc(options)?;
    section.row(&[
        "generated-client with reqwest's default `rustls` feature".to_owned(),
        "rustls + aws-lc-rs".to_owned(),
        secs(aws),
        ratio(aws, ours),
    ]);

    if available("cargo", &["progenitor", "--help"]) {
        let theirs = build_progenitor_crate(options, &spec)?;
        section.row(&[
            "cargo-progenitor 0.15.1 output".to_owned(),
            "rustls + aws-lc-rs (reqwest `rustls`)".to_owned(),
            secs(theirs),
            ratio(theirs, ours),
        ]);
    } else {
        section.note(PROGENITOR_SKIPPED);
    }

    if available("openapi-generator-cli", &["version"]) {
        let theirs = build_openapi_generator_crate(options, &spec)?;
        section.row(&[
            "openapi-generator `-g rust` output".to_owned(),
            "native-tls (its default)".to_owned(),
            secs(theirs),
            ratio(theirs, ours),
        ]);
    } else {
        section.note(
            "SKIPPED openapi-generator: not installed (`pip install openapi-generator-cli`; needs Java).",
        );
    }
    Ok(section)
}

/// A clean build of the generated crate in the workspace, in a target dir of its own.
fn build_ours(options: &Options, features: &[&str]) -> Result<Duration, String> {
    let target = options.scratch.join("target-ours");
    let _ = std::fs::remove_dir_all(&target);
    timed(
        Command::new("cargo")
            .current_dir(&options.root)
            .args(["build", "-q", "-p", "timetrack-client"])
            .args(features)
            .arg("--target-dir")
            .arg(&target),
    )
}

/// The same crate with reqwest's default rustls set-up (aws-lc-rs), to show the TLS choice.
fn build_ours_with_aws_lc(options: &Options) -> Result<Duration, String> {
    let copy = options.scratch.join("ours-aws-lc");
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&options.root.join("generated-client"), &copy)?;
    std::fs::copy(options.root.join("Cargo.lock"), copy.join("Cargo.lock"))
        .map_err(|err| format!("Cargo.lock: {err}"))?;
    build_alone(&copy, |manifest| {
        Ok(manifest.replace("\"rustls-no-provider\"", "\"rustls\""))
    })
}

/// The crate `cargo progenitor` generates for `spec`, built on its own.
fn build_progenitor_crate(options: &Options, spec: &Path) -> Result<Duration, String> {
    let out = options.scratch.join("progenitor-crate");
    let _ = std::fs::remove_dir_all(&out);
    timed(&mut progenitor_command(spec, &out))?;
    // progenitor's crate has no TLS; give it reqwest's, as a user must.
    build_alone(&out, |manifest| {
        with_reqwest_feature(manifest, "rustls")
            .ok_or_else(|| "progenitor's Cargo.toml has no reqwest features list".to_owned())
    })
}

/// The crate openapi-generator's `rust` generator emits for `spec`, built on its own.
fn build_openapi_generator_crate(options: &Options, spec: &Path) -> Result<Duration, String> {
    let out = options.scratch.join("openapi-generator-crate");
    let _ = std::fs::remove_dir_all(&out);
    timed(
        Command::new("openapi-generator-cli")
            .args([
                "generate",
                "-g",
                "rust",
                "--package-name",
                "oag_tasks",
                "-i",
            ])
            .arg(spec)
            .arg("-o")
            .arg(&out),
    )?;
    build_alone(&out, |manifest| Ok(manifest.to_owned()))
}

/// Times a clean `cargo build` of the crate in `dir` on its own (its manifest, edited by `edit`,
/// gets an empty `[workspace]` so no enclosing workspace claims it).
fn build_alone(
    dir: &Path,
    edit: impl FnOnce(&str) -> Result<String, String>,
) -> Result<Duration, String> {
    let path = dir.join("Cargo.toml");
    let manifest =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, format!("{}\n[workspace]\n", edit(&manifest)?))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    timed(Command::new("cargo").current_dir(dir).args(["build", "-q"]))
}

/// `manifest` with `feature` added to the features of its `reqwest` dependency line.
fn with_reqwest_feature(manifest: &str, feature: &str) -> Option<String> {
    let mut found = false;
    let lines: Vec<String> = manifest
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("reqwest") && line.contains("features = [") {
                found = true;
                line.replacen("features = [", &format!("features = [\"{feature}\", "), 1)
            } else {
                line.to_owned()
            }
        })
        .collect();
    found.then(|| lines.join("\n") + "\n")
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reqwest_gets_the_feature() {
        let manifest = "[dependencies]\nreqwest = { version = \"0.13\", default-features=false, features = [\"json\"] }\n";
        assert_eq!(
            with_reqwest_feature(manifest, "rustls").unwrap(),
            "[dependencies]\nreqwest = { version = \"0.13\", default-features=false, features = [\"rustls\", \"json\"] }\n"
        );
        assert_eq!(with_reqwest_feature("[dependencies]\n", "rustls"), None);
    }
}
