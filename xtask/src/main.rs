//! `cargo xtask codegen [--check] [--spec PATH] [--out DIR]`: the thin front door to `generator`.
//! `cargo xtask bench [--smoke | --scaling]`: the project's benchmarks, in [`mod@bench`].

mod bench;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--report json] [--spec PATH] [--out DIR]
       cargo xtask bench [--smoke | --scaling]

  codegen          regenerate the client crate from the spec; first print what changes in its
                   public API (breaking / additive / behaviour / docs) and the semver bump needed
  --check          change nothing; fail with a diff when the committed client is stale, and
                   when a breaking change lacks its version bump (info.x-rust-crate.version)
  --report json    print the change report as JSON (for CI tools) instead of lines
  --spec PATH      the OpenAPI spec to read (default: spec/timetrack.yaml)
  --out DIR        the folder to generate into (default: generated-client)

  bench            measure codegen, build cost and request overhead; write BENCHMARKS.md
  --smoke          a quick run (seconds) that writes nothing
  --scaling        only the scaling section against cargo progenitor; writes nothing";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("bench") {
        bench(&args[1..])
    } else {
        run(&workspace_root(), &args).map(|outcome| outcome.print())
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    /// The workspace: where the defaults are, and what the generated files name the spec from.
    root: PathBuf,
    check: bool,
    json: bool,
    spec: PathBuf,
    out: PathBuf,
}

impl Options {
    /// `cargo xtask codegen` without options in the workspace `root`: its spec and client.
    fn defaults(root: &Path) -> Options {
        Options {
            root: root.to_path_buf(),
            check: false,
            json: false,
            spec: root.join("spec/timetrack.yaml"),
            out: root.join("generated-client"),
        }
    }
}

/// One piece of what a run prints, to stdout or stderr, exactly as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    Out(String),
    Err(String),
}

/// What a run of `cargo xtask codegen` prints, in order, and whether it succeeded; [`main`]
/// prints it, tests read it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Outcome {
    lines: Vec<Line>,
    success: bool,
}

impl Outcome {
    /// `text` for stdout, as is (no newline added).
    fn out(&mut self, text: impl Into<String>) {
        self.lines.push(Line::Out(text.into()));
    }

    /// `text` for stderr, as is (no newline added).
    fn err(&mut self, text: impl Into<String>) {
        self.lines.push(Line::Err(text.into()));
    }

    /// Everything for stdout.
    #[cfg(test)]
    fn stdout(&self) -> String {
        self.lines
            .iter()
            .filter_map(|line| match line {
                Line::Out(text) => Some(text.as_str()),
                Line::Err(_) => None,
            })
            .collect()
    }

    /// Everything for stderr.
    #[cfg(test)]
    fn stderr(&self) -> String {
        self.lines
            .iter()
            .filter_map(|line| match line {
                Line::Err(text) => Some(text.as_str()),
                Line::Out(_) => None,
            })
            .collect()
    }

    /// Both streams, interleaved as a terminal shows them.
    #[cfg(test)]
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|(Line::Out(text) | Line::Err(text))| text.as_str())
            .collect()
    }

    fn print(&self) -> ExitCode {
        for line in &self.lines {
            match line {
                Line::Out(text) => print!("{text}"),
                Line::Err(text) => eprint!("{text}"),
            }
        }
        if self.success {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn parse(root: &Path, args: &[String]) -> Result<Options, String> {
    let mut options = Options::defaults(root);
    let mut iter = args.iter();
    match iter.next().map(String::as_str) {
        Some("codegen") => {}
        Some("-h" | "--help") | None => return Err(USAGE.to_owned()),
        Some(other) => return Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--report" => match iter.next().map(String::as_str) {
                Some("json") => options.json = true,
                _ => return Err("--report takes one format: json".to_owned()),
            },
            "--spec" => options.spec = PathBuf::from(iter.next().ok_or("--spec needs a PATH")?),
            "--out" => options.out = PathBuf::from(iter.next().ok_or("--out needs a DIR")?),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
        }
    }
    Ok(options)
}

/// How the generated files name the spec: relative to the workspace when it is inside it (with
/// `/` between its parts on every platform), else its absolute path.
fn label(root: &Path, spec: &Path) -> String {
    let absolute = std::path::absolute(spec).unwrap_or_else(|_| spec.to_path_buf());
    let Ok(inside) = absolute.strip_prefix(root) else {
        return absolute.display().to_string();
    };
    inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `cargo xtask ARGS` (but `bench`) in the workspace `root`.
fn run(root: &Path, args: &[String]) -> Result<Outcome, String> {
    codegen(&parse(root, args)?)
}

/// `cargo xtask codegen --check` in the workspace `root`, arguments and all: the test that the
/// committed client is up to date runs exactly what CI runs.
#[cfg(test)]
fn up_to_date(root: &Path) -> Result<Outcome, String> {
    run(root, &["codegen".to_owned(), "--check".to_owned()])
}

/// `cargo xtask codegen` and its `--check`, both by [`generator::codegen::prepare`]: the report
/// first, then the files written or the verdict.
fn codegen(options: &Options) -> Result<Outcome, String> {
    let label = label(&options.root, &options.spec);
    let prepared = generator::codegen::prepare(&options.spec, &label, &options.out)
        .map_err(|err| err.to_string())?;
    let mut outcome = Outcome::default();
    for warning in prepared.warnings() {
        outcome.err(format!("warning: {}\n", warning.at(&options.spec)));
    }
    match (prepared.report(), options.json) {
        (Some(report), true) => outcome.out(format!("{}\n", report.to_json())),
        (Some(report), false) => outcome.out(report.to_string()),
        (None, _) => outcome.out(format!(
            "{} has no API description yet: nothing to compare\n",
            options.out.display()
        )),
    }
    if options.check {
        verdict(&prepared, &mut outcome);
        return Ok(outcome);
    }
    prepared.write().map_err(|err| err.to_string())?;
    outcome.out(format!(
        "generated {} files in {} from {}\n",
        prepared.files().len(),
        options.out.display(),
        options.spec.display()
    ));
    outcome.success = true;
    Ok(outcome)
}

/// `--check`: the committed client must be what the spec generates, and a breaking change must
/// come with its version bump.
fn verdict(prepared: &generator::codegen::Prepared, outcome: &mut Outcome) {
    let failures = prepared.check_failures();
    for failure in &failures {
        let diff = failure.diff();
        if !diff.is_empty() {
            outcome.out(diff);
        }
        outcome.err(format!("error: {failure}\n"));
    }
    outcome.success = failures.is_empty();
    if outcome.success {
        outcome.out(format!(
            "{} is up to date with {}\n",
            prepared.out().display(),
            prepared.spec().display()
        ));
    }
}

/// `cargo xtask bench [--smoke | --scaling]`: runs the sections of [`mod@bench`] in order,
/// printing each as it completes; a full run writes BENCHMARKS.md.
fn bench(args: &[String]) -> Result<ExitCode, String> {
    let run = match args {
        [] => bench::Run::Full,
        [flag] if flag == "--smoke" => bench::Run::Smoke,
        [flag] if flag == "--scaling" => bench::Run::Scaling,
        _ => return Err(format!("unknown bench arguments {args:?}\n\n{USAGE}")),
    };
    bench::run(&workspace_root(), run)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod workflow_tests;

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs what `cargo xtask codegen --check` runs, so it passes and fails with the command.
    #[test]
    fn committed_client_is_up_to_date() {
        let root = workspace_root();
        let outcome = up_to_date(&root).unwrap_or_else(|err| panic!("{err}"));
        assert!(outcome.success, "{}", outcome.text());
        let said = format!(
            "{} is up to date with {}\n",
            root.join("generated-client").display(),
            root.join("spec/timetrack.yaml").display()
        );
        assert!(outcome.stdout().ends_with(&said), "{}", outcome.text());
        assert_eq!(outcome.stderr(), "");
    }

    /// A spec the generator accepts with a warning: the warning is on stderr, located, before
    /// the report, and the crate is written.
    #[test]
    fn warnings_are_printed_and_generation_succeeds() {
        let root = workspace_root();
        let spec = root.join("generator/tests/specs/untyped_items.yaml");
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("client");
        let (spec_arg, out_arg) = (spec.to_str().unwrap(), out.to_str().unwrap());
        let args = ["codegen", "--spec", spec_arg, "--out", out_arg].map(String::from);
        let outcome = run(&root, &args).unwrap_or_else(|err| panic!("{err}"));
        assert!(outcome.success, "{}", outcome.text());
        let warning = format!(
            "warning: {}:70:5 (components.schemas.Tags): the array schema has no `items`",
            spec.display()
        );
        assert!(outcome.stderr().contains(&warning), "{}", outcome.text());
        assert_eq!(outcome.stderr().matches("warning: ").count(), 3);
        assert!(
            matches!(outcome.lines.first(), Some(Line::Err(line)) if line.starts_with("warning: ")),
            "{}",
            outcome.text()
        );
        assert!(out.join("src/types.rs").exists());
    }

    #[test]
    fn spec_label_is_relative_to_the_workspace() {
        let root = workspace_root();
        assert_eq!(
            label(&root, &root.join("spec/timetrack.yaml")),
            "spec/timetrack.yaml"
        );
        let outside = std::env::temp_dir().join("api.yaml");
        assert_eq!(label(&root, &outside), outside.display().to_string());
        assert!(!label(&root, &outside).starts_with("//"));
    }

    #[test]
    fn unknown_options_are_refused_with_usage() {
        let err = parse(&workspace_root(), &["codegen".into(), "--chek".into()])
            .err()
            .unwrap();
        assert!(
            err.contains("unknown option `--chek`") && err.contains("usage:"),
            "{err}"
        );
    }
}

#[cfg(test)]
mod bad_spec_tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_bad_spec_fails_every_mode_and_leaves_the_output_untouched() {
        let dir = std::env::temp_dir().join(format!("xtask-bad-spec-{}", std::process::id()));
        let out = dir.join("client");
        std::fs::create_dir_all(out.join("src")).unwrap();
        std::fs::write(out.join("src/lib.rs"), "// hand-made\n").unwrap();
        let spec = dir.join("bad.yaml");
        std::fs::write(&spec, "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {'200': {description: ok}}\n").unwrap();
        let (spec, out_arg) = (spec.to_str().unwrap(), out.to_str().unwrap());

        for mode in [
            args(&["codegen", "--spec", spec, "--out", out_arg]),
            args(&["codegen", "--check", "--spec", spec, "--out", out_arg]),
        ] {
            let message = run(&workspace_root(), &mode).expect_err("a bad spec fails");
            assert!(
                message.contains("bad.yaml:4:3: at `paths./a/{id}`")
                    || message.contains("bad.yaml"),
                "{message}"
            );
            assert!(
                message.contains("declares no path parameter `id`"),
                "{message}"
            );
        }
        assert_eq!(
            std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            "// hand-made\n"
        );
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
