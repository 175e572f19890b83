//! The figures behind the project's speed and size claims, printed and written to
//! `BENCHMARKS.md` by `cargo xtask bench` (`--smoke` for a quick run that keeps this code alive).
//!
//! 1. generator core (load → validate → generate → render, in process) on the spec and on
//!    synthetic specs of 1 … 1 000 resources;
//! 2. `cargo xtask codegen` warm, end to end, against `cargo progenitor` on the same spec;
//! 3. first-run cost: a cold build of the generator and xtask, and the crates that dominate it;
//! 4. clean build of the generated crate against the crates `cargo progenitor` and
//!    openapi-generator emit for the same spec;
//! 5. per-request overhead against hand-written reqwest calls (`tests/benches/overhead.rs`).
//!
//! Peers that are not installed are skipped, saying how to install them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A TimeTrack-like spec with `resources` resources of 5 operations each (list with a filter
/// and paging, create, read, update, delete), sharing parameters and the error envelope.
pub fn synthetic_spec(resources: usize) -> String {
    let mut out = String::from(
        "openapi: 3.0.3\ninfo:\n  title: Synthetic\n  version: \"1\"\n  x-rust-crate:\n    name: synthetic-client\n    env-prefix: SYNTHETIC\nservers:\n  - url: https://{account}.example.com/api\n    variables:\n      account:\n        default: test\nsecurity:\n  - apiKey: []\n    apiSecret: []\npaths:\n",
    );
    for i in 0..resources {
        let _ = write!(
            out,
            "  /things{i}:\n    get:\n      operationId: list_things{i}\n      x-paged: {{page: page_number, size: limit}}\n      parameters:\n        - {{name: name, in: query, schema: {{type: string}}}}\n        - $ref: '#/components/parameters/page_number'\n        - $ref: '#/components/parameters/limit'\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{type: array, items: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n    post:\n      operationId: create_thing{i}\n      requestBody: {{required: true, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}Create'}}}}}}}}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n  /things{i}/{{id}}:\n    parameters:\n      - {{name: id, in: path, required: true, schema: {{type: integer, format: int64}}}}\n    get:\n      operationId: read_thing{i}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n    put:\n      operationId: update_thing{i}\n      requestBody: {{required: true, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}Update'}}}}}}}}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n    delete:\n      operationId: delete_thing{i}\n      responses:\n        2XX: {{description: deleted}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n"
        );
    }
    out.push_str("components:\n  securitySchemes:\n    apiKey: {type: apiKey, in: header, name: X-Api-Key}\n    apiSecret: {type: apiKey, in: header, name: X-Api-Secret}\n  parameters:\n    page_number: {name: page_number, in: query, schema: {type: integer, format: int64, minimum: 0}}\n    limit: {name: limit, in: query, schema: {type: integer, format: int64, minimum: 0, maximum: 1000}}\n  responses:\n    Error: {description: failed, content: {application/json: {schema: {$ref: '#/components/schemas/ErrorResponse'}}}}\n  schemas:\n    ErrorResponse: {type: object, properties: {errors: {type: array, items: {type: object, properties: {title: {type: string}, status: {type: integer}, code: {type: integer}, detail: {type: string}}}}}}\n");
    for i in 0..resources {
        let _ = write!(
            out,
            "    Thing{i}: {{type: object, required: [id, name], properties: {{id: {{type: integer, format: int64}}, name: {{type: string}}, notes: {{type: string, nullable: true}}, rate: {{type: number, nullable: true}}}}}}\n    Thing{i}Create: {{type: object, required: [name], properties: {{name: {{type: string}}, notes: {{type: string}}, rate: {{type: number}}}}}}\n    Thing{i}Update: {{type: object, properties: {{notes: {{type: string}}, rate: {{type: number}}}}}}\n"
        );
    }
    out
}

/// How long the generator core takes on one spec.
#[derive(Debug, Clone)]
pub struct CoreSample {
    /// What was generated.
    pub label: String,
    /// Operations in the spec.
    pub operations: usize,
    /// Runs measured.
    pub runs: u32,
    /// Median time of one run.
    pub per_run: Duration,
}

/// Times load → validate → generate → render on `source`: at least one run, more until
/// `budget` is spent or `max_runs` are done; the median is kept.
pub fn time_core(
    label: &str,
    source: &str,
    operations: usize,
    budget: Duration,
    max_runs: u32,
) -> crate::Result<CoreSample> {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.is_empty() || (start.elapsed() < budget && (times.len() as u32) < max_runs) {
        let run = Instant::now();
        crate::generate_str(Path::new("bench.yaml"), source, "bench.yaml")?;
        times.push(run.elapsed());
    }
    times.sort();
    Ok(CoreSample {
        label: label.to_owned(),
        operations,
        runs: times.len() as u32,
        per_run: times[times.len() / 2],
    })
}

/// One table of the report.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
}

impl Section {
    fn new(title: &str, header: &[&str]) -> Self {
        Section {
            title: title.to_owned(),
            header: header.iter().map(|h| h.to_string()).collect(),
            ..Section::default()
        }
    }

    fn row(&mut self, cells: &[String]) {
        self.rows.push(cells.to_vec());
    }

    fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// The section as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = format!("## {}\n\n", self.title);
        if !self.rows.is_empty() {
            let _ = writeln!(out, "| {} |", self.header.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(self.header.len()));
            for row in &self.rows {
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
            out.push('\n');
        }
        for note in &self.notes {
            let _ = writeln!(out, "- {note}");
        }
        if !self.notes.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// What `cargo xtask bench` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The workspace root.
    pub root: PathBuf,
    /// Seconds, not minutes: small sizes, no clean builds, few requests.
    pub smoke: bool,
    /// Where scratch builds go.
    pub scratch: PathBuf,
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1e3)
}

fn secs(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64())
}

/// Runs `command` to completion; the time it took, or what went wrong.
fn timed(command: &mut Command) -> Result<Duration, String> {
    let start = Instant::now();
    let output = command
        .output()
        .map_err(|err| format!("{command:?} could not start: {err}"))?;
    let elapsed = start.elapsed();
    if output.status.success() {
        Ok(elapsed)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(8).collect();
        Err(format!(
            "{command:?} failed: {}",
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ))
    }
}

/// Median of `runs` timings of a command made by `make`.
fn median_of(runs: usize, mut make: impl FnMut() -> Command) -> Result<Duration, String> {
    let mut times = Vec::new();
    for _ in 0..runs {
        times.push(timed(&mut make())?);
    }
    times.sort();
    Ok(times[times.len() / 2])
}

fn available(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|output| output.status.success())
}

/// The machine the figures come from.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("MemTotal"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| format!("{:.0} GiB", kb as f64 / 1_048_576.0))
        .unwrap_or_else(|| "unknown memory".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cores} cores ({model}), {memory}, {rustc}")
}

/// Section 1: the generator core, in this process.
pub fn core_section(options: &Options) -> Result<Section, String> {
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let mut section = Section::new(
        &format!(
            "1. Generator core (load → validate → generate → render, in process, {profile} build)"
        ),
        &[
            "spec",
            "operations",
            "runs",
            "time",
            "per operation",
            "per operation vs 1 resource",
        ],
    );
    let spec = std::fs::read_to_string(options.root.join("spec/timetrack.yaml"))
        .map_err(|err| format!("spec/timetrack.yaml: {err}"))?;
    let spec_ops = crate::load::load_str(Path::new("spec.yaml"), &spec)
        .map(|s| s.document.operations().count())
        .unwrap_or(0);
    let mut samples = vec![
        time_core(
            "spec/timetrack.yaml",
            &spec,
            spec_ops,
            Duration::from_secs(2),
            20,
        )
        .map_err(|err| err.to_string())?,
    ];
    let sizes: &[usize] = if options.smoke {
        &[1, 10]
    } else {
        &[1, 10, 100, 1000]
    };
    for &resources in sizes {
        let (budget, max_runs) = match resources {
            0..=10 => (Duration::from_secs(2), 20),
            11..=100 => (Duration::from_secs(5), 5),
            _ => (Duration::ZERO, 1),
        };
        samples.push(
            time_core(
                &format!(
                    "synthetic, {resources} resource{}",
                    if resources == 1 { "" } else { "s" }
                ),
                &synthetic_spec(resources),
                resources * 5,
                if options.smoke {
                    Duration::ZERO
                } else {
                    budget
                },
                max_runs,
            )
            .map_err(|err| err.to_string())?,
        );
    }
    let unit = samples
        .iter()
        .find(|s| s.label.starts_with("synthetic, 1 "))
        .map(|s| s.per_run / s.operations as u32);
    for sample in &samples {
        let per_op = sample.per_run / sample.operations.max(1) as u32;
        section.row(&[
            sample.label.clone(),
            sample.operations.to_string(),
            sample.runs.to_string(),
            ms(sample.per_run),
            format!("{:.0} µs", per_op.as_secs_f64() * 1e6),
            unit.map_or("-".to_owned(), |u| ratio(per_op, u)),
        ]);
    }
    if let Some(hundred) = samples.iter().find(|s| s.label.contains(" 100 ")) {
        section.note(format!(
            "Target: the 100-resource spec under 1 s: {} ({}).",
            if hundred.per_run < Duration::from_secs(1) {
                "met"
            } else {
                "not met"
            },
            ms(hundred.per_run)
        ));
    }
    Ok(section)
}

/// Section 2: `cargo xtask codegen` end to end, warm, against `cargo progenitor`.
pub fn codegen_section(options: &Options) -> Result<Section, String> {
    let runs = if options.smoke { 1 } else { 5 };
    let mut section = Section::new(
        "2. Warm codegen, end to end (median of runs)",
        &["tool", "command", "time", "vs ours"],
    );
    let spec = options.root.join("spec/timetrack.yaml");
    let ours_out = options.scratch.join("codegen-ours");
    let ours = median_of(runs, || {
        let mut command = Command::new("cargo");
        command
            .current_dir(&options.root)
            .args(["xtask", "codegen", "--out"])
            .arg(&ours_out);
        command
    })?;
    section.row(&[
        "this generator".to_owned(),
        "`cargo xtask codegen --out DIR`".to_owned(),
        ms(ours),
        "1.00×".to_owned(),
    ]);
    // The same without cargo's own start-up and freshness check, which `cargo progenitor`
    // (an installed binary that cargo only dispatches to) does not pay.
    if let Ok(binary) = std::env::current_exe() {
        let direct = median_of(runs, || {
            let mut command = Command::new(&binary);
            command.args(["codegen", "--out"]).arg(&ours_out);
            command
        })?;
        section.row(&[
            "this generator, its binary alone".to_owned(),
            "`target/debug/xtask codegen --out DIR`".to_owned(),
            ms(direct),
            ratio(direct, ours),
        ]);
    }
    if available("cargo", &["progenitor", "--help"]) {
        let out = options.scratch.join("codegen-progenitor");
        let theirs = median_of(runs, || {
            let _ = std::fs::remove_dir_all(&out);
            progenitor_command(&spec, &out)
        })?;
        section.row(&[
            "cargo-progenitor 0.15.1".to_owned(),
            "`cargo progenitor -i SPEC -o DIR -n NAME -v 0.1.0`".to_owned(),
            ms(theirs),
            ratio(theirs, ours),
        ]);
    } else {
        section.note(
            "SKIPPED cargo progenitor: not installed (`cargo install cargo-progenitor@0.15.1 --locked`).",
        );
    }
    Ok(section)
}

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
        "3. First run: cold build of generator + xtask (clean target dir, debug, as `cargo xtask` builds it)",
        &["build", "time"],
    );
    let target = options.scratch.join("target-cold-xtask");
    let _ = std::fs::remove_dir_all(&target);
    let time = timed(
        Command::new("cargo")
            .current_dir(&options.root)
            .args(["build", "-q", "-p", "xtask", "--timings", "--target-dir"])
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

    let target = options.scratch.join("target-ours");
    let _ = std::fs::remove_dir_all(&target);
    let ours = timed(
        Command::new("cargo")
            .current_dir(&options.root)
            .args(["build", "-q", "-p", "timetrack-client", "--target-dir"])
            .arg(&target),
    )?;
    section.row(&[
        "generated-client (this generator)".to_owned(),
        "rustls + ring, platform verifier".to_owned(),
        secs(ours),
        "1.00×".to_owned(),
    ]);

    // The same crate with reqwest's default rustls set-up (aws-lc-rs), to show the TLS choice.
    let copy = options.scratch.join("ours-aws-lc");
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&options.root.join("generated-client"), &copy)?;
    std::fs::copy(options.root.join("Cargo.lock"), copy.join("Cargo.lock"))
        .map_err(|err| format!("Cargo.lock: {err}"))?;
    let aws = build_alone(&copy, |manifest| {
        Ok(manifest.replace("\"rustls-no-provider\"", "\"rustls\""))
    })?;
    section.row(&[
        "generated-client with reqwest's default `rustls` feature".to_owned(),
        "rustls + aws-lc-rs".to_owned(),
        secs(aws),
        ratio(aws, ours),
    ]);

    if available("cargo", &["progenitor", "--help"]) {
        let out = options.scratch.join("progenitor-crate");
        let _ = std::fs::remove_dir_all(&out);
        timed(&mut progenitor_command(&spec, &out))?;
        // progenitor's crate has no TLS; give it reqwest's, as a user must.
        let theirs = build_alone(&out, |manifest| {
            with_reqwest_feature(manifest, "rustls")
                .ok_or_else(|| "progenitor's Cargo.toml has no reqwest features list".to_owned())
        })?;
        section.row(&[
            "cargo-progenitor 0.15.1 output".to_owned(),
            "rustls + aws-lc-rs (reqwest `rustls`)".to_owned(),
            secs(theirs),
            ratio(theirs, ours),
        ]);
    } else {
        section.note(
            "SKIPPED cargo progenitor: not installed (`cargo install cargo-progenitor@0.15.1 --locked`).",
        );
    }

    if available("openapi-generator-cli", &["version"]) {
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
                .arg(&spec)
                .arg("-o")
                .arg(&out),
        )?;
        let theirs = build_alone(&out, |manifest| Ok(manifest.to_owned()))?;
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

/// `cargo progenitor` generating a crate for `spec` into `out`.
fn progenitor_command(spec: &Path, out: &Path) -> Command {
    let mut command = Command::new("cargo");
    command
        .args(["progenitor", "-i"])
        .arg(spec)
        .arg("-o")
        .arg(out)
        .args(["-n", "progenitor-tasks", "-v", "0.1.0"]);
    command
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

/// Section 5: per-request overhead, from the `overhead` bench of the tests crate.
pub fn overhead_section(options: &Options) -> Result<Section, String> {
    let mut section = Section::new(
        "5. Per-request overhead against hand-written reqwest calls (loopback server, median request)",
        &["case", "generated client", "hand-written reqwest", "ratio"],
    );
    let mut command = Command::new("cargo");
    command.current_dir(&options.root).arg("bench");
    if options.smoke {
        command.args(["--profile", "dev"]);
    }
    command.args(["-q", "-p", "tests", "--bench", "overhead", "--"]);
    if options.smoke {
        command.arg("--smoke");
    }
    let output = command
        .output()
        .map_err(|err| format!("cargo bench could not start: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "the overhead bench failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Some(rest) = line.strip_prefix("overhead ") else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let case = fields.next().unwrap_or_default();
        let value = |key: &str, fields: &[&str]| {
            fields
                .iter()
                .find_map(|f| f.strip_prefix(key))
                .unwrap_or("?")
                .to_owned()
        };
        let fields: Vec<&str> = fields.collect();
        let label = match case {
            "read" => "read one task",
            "list" => "list 1 000 tasks (decoded)",
            other => other,
        };
        section.row(&[
            label.to_owned(),
            format!("{} µs", value("ours_us=", &fields)),
            format!("{} µs", value("reqwest_us=", &fields)),
            format!("{}×", value("ratio=", &fields)),
        ]);
    }
    if section.rows.is_empty() {
        return Err("the overhead bench printed no figures".to_owned());
    }
    section.note(
        "Both clients have the same timeouts; the generated one also runs its retry policy (off \
         here, so both send each request once) and the engine's request building.",
    );
    Ok(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_specs_generate_with_five_operations_per_resource() {
        let source = synthetic_spec(2);
        let spec = crate::load::load_str(Path::new("s.yaml"), &source).unwrap();
        assert_eq!(spec.document.operations().count(), 10);
        let files = crate::generate_str(Path::new("s.yaml"), &source, "s.yaml").unwrap();
        assert!(files["src/client.rs"].contains("pub fn update_thing1("));
        assert!(files["src/client.rs"].contains("pub fn stream("));
    }

    #[test]
    fn reqwest_gets_the_feature() {
        let manifest = "[dependencies]\nreqwest = { version = \"0.13\", default-features=false, features = [\"json\"] }\n";
        assert_eq!(
            with_reqwest_feature(manifest, "rustls").unwrap(),
            "[dependencies]\nreqwest = { version = \"0.13\", default-features=false, features = [\"rustls\", \"json\"] }\n"
        );
        assert_eq!(with_reqwest_feature("[dependencies]\n", "rustls"), None);
    }

    #[test]
    fn sections_render_as_markdown_tables() {
        let mut section = Section::new("T", &["a", "b"]);
        section.row(&["1".to_owned(), "2".to_owned()]);
        section.note("n");
        assert_eq!(
            section.markdown(),
            "## T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- n\n\n"
        );
    }

    #[test]
    fn core_timing_counts_runs() {
        let sample = time_core("x", &synthetic_spec(1), 5, Duration::ZERO, 3).unwrap();
        assert_eq!((sample.runs, sample.operations), (1, 5));
        assert!(sample.per_run > Duration::ZERO);
    }
}
