//! `cargo xtask codegen [--check] [--spec PATH] [--out DIR]`: the thin front door to `generator`.
//! `cargo xtask bench [--smoke]`: the project's benchmarks, in [`mod@bench`].

mod bench;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--report json] [--spec PATH] [--out DIR]
       cargo xtask bench [--smoke]

  codegen          regenerate the client crate from the spec; first print what changes in its
                   public API (breaking / additive / behaviour / docs) and the semver bump needed
  --check          change nothing; fail with a diff when the committed client is stale, and
                   when a breaking change lacks its version bump (info.x-rust-crate.version)
  --report json    print the change report as JSON (for CI tools) instead of lines
  --spec PATH      the OpenAPI spec to read (default: spec/timetrack.yaml)
  --out DIR        the folder to generate into (default: generated-client)

  bench            measure codegen, build cost and request overhead; write BENCHMARKS.md
  --smoke          a quick run (seconds) that writes nothing";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("bench") {
        bench(&args[1..])
    } else {
        run(&args)
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
    check: bool,
    json: bool,
    spec: PathBuf,
    out: PathBuf,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn parse(args: &[String]) -> Result<Options, String> {
    let root = workspace_root();
    let mut options = Options {
        check: false,
        json: false,
        spec: root.join("spec/timetrack.yaml"),
        out: root.join("generated-client"),
    };
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

/// How the generated files name the spec: relative to the workspace when it is inside it.
fn label(root: &Path, spec: &Path) -> String {
    let absolute = std::path::absolute(spec).unwrap_or_else(|_| spec.to_path_buf());
    absolute
        .strip_prefix(root)
        .unwrap_or(&absolute)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(args)?;
    let root = workspace_root();
    let mut files = generator::generate(&options.spec, &label(&root, &options.spec))
        .map_err(|err| err.to_string())?;
    let report = generator::report::settle(&mut files, &options.out).map_err(|e| e.to_string())?;
    match (&report, options.json) {
        (Some(report), true) => println!("{}", report.to_json()),
        (Some(report), false) => print!("{report}"),
        (None, _) => println!(
            "{} has no API description yet: nothing to compare",
            options.out.display()
        ),
    }
    if options.check {
        return check(&options, &files, report.as_ref());
    }
    generator::output::write(&options.out, &files).map_err(|e| e.to_string())?;
    println!(
        "generated {} files in {} from {}",
        files.len(),
        options.out.display(),
        options.spec.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `--check`: the committed client must be what the spec generates, and a breaking change must
/// come with its version bump.
fn check(
    options: &Options,
    files: &generator::Files,
    report: Option<&generator::report::Report>,
) -> Result<ExitCode, String> {
    let differences = generator::output::check(&options.out, files).map_err(|e| e.to_string())?;
    let mut ok = true;
    if let Some(report) = report.filter(|r| r.needs_bump()) {
        eprintln!(
            "error: breaking changes need version {} (or later); set `info.x-rust-crate.version: {}` in {} and run `cargo xtask codegen`",
            report.needed_version,
            report.needed_version,
            options.spec.display()
        );
        ok = false;
    }
    if !differences.is_empty() {
        for difference in &differences {
            print!("{}", difference.render());
        }
        eprintln!(
            "error: {} is stale ({} file{} differ); run `cargo xtask codegen` and commit the result",
            options.out.display(),
            differences.len(),
            if differences.len() == 1 { "" } else { "s" }
        );
        ok = false;
    }
    if ok {
        println!(
            "{} is up to date with {}",
            options.out.display(),
            options.spec.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    Ok(ExitCode::FAILURE)
}

/// `cargo xtask bench [--smoke]`: runs the sections of [`mod@bench`] in order, printing each as it
/// completes; a full run writes BENCHMARKS.md.
fn bench(args: &[String]) -> Result<ExitCode, String> {
    let smoke = match args {
        [] => false,
        [flag] if flag == "--smoke" => true,
        _ => return Err(format!("unknown bench arguments {args:?}\n\n{USAGE}")),
    };
    bench::run(&workspace_root(), smoke)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_client_is_up_to_date() {
        let root = workspace_root();
        let files = generator::generate(&root.join("spec/timetrack.yaml"), "spec/timetrack.yaml")
            .expect("the spec generates");
        let differences = generator::output::check(&root.join("generated-client"), &files)
            .expect("the committed client can be read");
        let diff: String = differences.iter().map(|d| d.render()).collect();
        assert!(
            differences.is_empty(),
            "generated-client/ is stale; run `cargo xtask codegen` and commit:\n{diff}"
        );
    }

    #[test]
    fn spec_label_is_relative_to_the_workspace() {
        let root = workspace_root();
        assert_eq!(
            label(&root, &root.join("spec/timetrack.yaml")),
            "spec/timetrack.yaml"
        );
    }

    #[test]
    fn unknown_options_are_refused_with_usage() {
        let err = parse(&["codegen".into(), "--chek".into()]).err().unwrap();
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
            let message = run(&mode).expect_err("a bad spec fails");
            assert!(
                message.contains("bad.yaml:4:3: at `paths./a/{id}`")
                    || message.contains("bad.yaml"),
                "{message}"
            );
            assert!(message.contains("operationId"), "{message}");
        }
        assert_eq!(
            std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            "// hand-made\n"
        );
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
