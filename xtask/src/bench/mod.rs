//! The figures behind the project's speed and size claims, printed and written to
//! `BENCHMARKS.md` by `cargo xtask bench` (`--smoke` for a quick run that keeps this code alive).
//!
//! 1. generator core (load → validate → generate → render, in process) on the spec and on
//!    synthetic specs of 1 … 1 000 resources ([`pipeline`]);
//! 2. `cargo xtask codegen` warm, end to end, against `cargo progenitor` on the same spec
//!    ([`codegen`]);
//! 3. first-run cost: a cold build of the generator and xtask, and the crates that dominate it;
//! 4. clean build of the generated crate against the crates `cargo progenitor` and
//!    openapi-generator emit for the same spec ([`builds`] has both);
//! 5. per-request overhead against hand-written reqwest calls (`tests/benches/overhead.rs`,
//!    run by [`overhead`]);
//! 6. wall time and peak memory of our generator binary against `cargo progenitor`, as child
//!    processes, on synthetic specs of 10 … 1 000 resources ([`scaling`]);
//! 7. the client under a hostile network: the fault test's calls, outcomes, requests per call
//!    and peak memory (`tests/tests/faults.rs`, run by [`faults`]);
//! 8. the command-line client's clean release build beside the client's, and its binary's
//!    size ([`cli`]).
//!
//! Peers that are not installed are skipped, saying how to install them. The generator is
//! reached only through its pipeline (`generator::generate_str`).

mod builds;
mod cli;
mod codegen;
mod faults;
mod overhead;
mod pipeline;
mod scaling;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

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

/// Which sections a run measures, and at what size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// Every section at full size; writes `BENCHMARKS.md`.
    Full,
    /// Every quick section at small sizes; writes nothing.
    Smoke,
    /// Only the scaling section (6) at full size, for work on codegen speed; writes nothing.
    Scaling,
}

/// Runs the sections in order, printing each as it completes; a full run writes
/// `BENCHMARKS.md` in `root`.
pub fn run(root: &Path, run: Run) -> Result<(), String> {
    let smoke = run == Run::Smoke;
    let options = Options {
        scratch: root.join("target/bench"),
        root: root.to_path_buf(),
        smoke,
    };
    std::fs::create_dir_all(&options.scratch).map_err(|e| e.to_string())?;
    let machine = machine();
    let date = Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let command = if smoke {
        "cargo xtask bench --smoke"
    } else {
        "cargo xtask bench"
    };
    let mut report = format!(
        "# Benchmarks\n\nMachine: {machine}. Date: {date}. Command: `{command}` (the full run \
         writes this file; `cargo xtask bench --smoke` is the seconds-long run CI does).\n\n"
    );
    print!("{report}");
    // Scaling runs first: a child's peak memory (wait4) starts from this process's memory at
    // the fork, and the in-process core section grows it to hundreds of MiB.
    let scaling = scaling::scaling_section(&options)?;
    if run == Run::Scaling {
        print!("{}", scaling.markdown());
        return Ok(());
    }
    type Step = fn(&Options) -> Result<Section, String>;
    let mut steps: Vec<Step> = vec![pipeline::core_section, codegen::codegen_section];
    if !smoke {
        steps.push(builds::first_run_section);
        steps.push(builds::crate_build_section);
    }
    steps.push(overhead::overhead_section);
    let sections = steps.into_iter().map(|step| step(&options));
    let mut last: Vec<Step> = vec![faults::faults_section];
    if !smoke {
        last.push(cli::cli_section);
    }
    let last = last.into_iter().map(|step| step(&options));
    for section in sections.chain([Ok(scaling)]).chain(last) {
        let text = section?.markdown();
        print!("{text}");
        report.push_str(&text);
    }
    if !smoke {
        std::fs::write(root.join("BENCHMARKS.md"), &report).map_err(|e| e.to_string())?;
        println!("wrote BENCHMARKS.md");
    }
    Ok(())
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

/// The note of sections 2, 4 and 6 when `cargo progenitor` is missing.
const PROGENITOR_SKIPPED: &str =
    "SKIPPED cargo progenitor: not installed (`cargo install cargo-progenitor@0.15.1 --locked`).";

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

/// This binary as a command line (`target/xtask/xtask`, relative to `root` when under it) and
/// the cargo profile it was built with (its folder under `target/`, e.g. `xtask`).
fn this_binary(root: &Path) -> (String, String) {
    let exe = std::env::current_exe().unwrap_or_default();
    let profile = exe
        .parent()
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = exe.strip_prefix(root).unwrap_or(&exe).display().to_string();
    (shown, profile)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
