//! Section 6: wall time and peak memory as specs grow, our generator binary against
//! `cargo progenitor`, each run as a child process on synthetic specs written to files.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::pipeline::synthetic_spec;
use super::{Options, PROGENITOR_SKIPPED, Section, available, ms, progenitor_command, ratio, secs};

/// What one or more runs of a child process cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Wall time, from spawning the child to reaping it (the median, over runs).
    pub wall: Duration,
    /// Peak resident memory in KiB of the child and the children it waited for (the
    /// largest, over runs); `None` where the platform does not report it.
    pub max_rss_kib: Option<u64>,
}

/// Runs `command` to completion, its output discarded (stderr kept for errors), and reaps it
/// with `wait4`, which reports its peak resident memory as GNU time's `%M` does.
pub fn measured(command: &mut Command) -> Result<Usage, String> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|err| format!("{command:?} could not start: {err}"))?;
    let mut stderr = Vec::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_end(&mut stderr);
    }
    let (success, max_rss_kib) = reap(child)?;
    let wall = start.elapsed();
    if !success {
        let stderr = String::from_utf8_lossy(&stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(8).collect();
        return Err(format!(
            "{command:?} failed: {}",
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ));
    }
    Ok(Usage { wall, max_rss_kib })
}

/// Waits for `child`: whether it succeeded, and its peak RSS in KiB.
#[cfg(unix)]
fn reap(child: std::process::Child) -> Result<(bool, Option<u64>), String> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain integers, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child, not yet reaped (`child` is never waited on: dropping a
        // `Child` neither waits nor kills); both pointers are valid for the call.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 on process {pid}: {err}"));
        }
    }
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux reports KiB, macOS bytes.
    let max_rss = usage.ru_maxrss.max(0) as u64;
    let kib = if cfg!(target_os = "macos") {
        max_rss / 1024
    } else {
        max_rss
    };
    Ok((success, Some(kib)))
}

/// Waits for `child`: whether it succeeded; no peak memory off Unix.
#[cfg(not(unix))]
fn reap(mut child: std::process::Child) -> Result<(bool, Option<u64>), String> {
    let status = child.wait().map_err(|err| err.to_string())?;
    Ok((status.success(), None))
}

/// `runs` runs of a command made by `make`: the median wall time, the largest peak memory.
pub fn measured_runs(runs: usize, mut make: impl FnMut() -> Command) -> Result<Usage, String> {
    let mut walls = Vec::new();
    let mut peak: Option<u64> = None;
    for _ in 0..runs.max(1) {
        let usage = measured(&mut make())?;
        walls.push(usage.wall);
        peak = peak.max(usage.max_rss_kib);
    }
    walls.sort();
    Ok(Usage {
        wall: walls[walls.len() / 2],
        max_rss_kib: peak,
    })
}

/// Section 6: synthetic specs of 10 to 1 000 resources (10 in a smoke run), our generator
/// binary against `cargo progenitor`, both generating into an emptied folder each run.
pub fn scaling_section(options: &Options) -> Result<Section, String> {
    let sizes: &[usize] = if options.smoke {
        &[10]
    } else {
        &[10, 100, 400, 1000]
    };
    let mut section = Section::new(
        "6. Scaling against cargo progenitor (child processes on synthetic specs; median time, peak memory)",
        &[
            "resources",
            "operations",
            "ours time",
            "ours per op",
            "progenitor time",
            "time ratio (ours/progenitor)",
            "ours peak MiB",
            "progenitor peak MiB",
            "memory ratio",
        ],
    );
    let dir = options.scratch.join("scaling");
    std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let ours = std::env::current_exe().map_err(|err| format!("the xtask binary: {err}"))?;
    let progenitor = available("cargo", &["progenitor", "--help"]);
    for &resources in sizes {
        let runs = match (options.smoke, resources) {
            (true, _) | (_, 1000..) => 1,
            _ => 3,
        };
        let spec = dir.join(format!("synthetic-{resources}.yaml"));
        std::fs::write(&spec, synthetic_spec(resources))
            .map_err(|err| format!("{}: {err}", spec.display()))?;
        let mine = measure_ours(&ours, &spec, &dir.join("ours"), runs)?;
        let theirs = if progenitor {
            Some(measure_progenitor(&spec, &dir.join("progenitor"), runs)?)
        } else {
            None
        };
        section.row(&scaling_row(resources, resources * 5, mine, theirs));
    }
    scaling_notes(&mut section, &options.root, progenitor, options.smoke)?;
    Ok(section)
}

/// Our generator: the binary running this bench, as `codegen --spec SPEC --out DIR`.
fn measure_ours(binary: &Path, spec: &Path, out: &Path, runs: usize) -> Result<Usage, String> {
    measured_runs(runs, || {
        let _ = std::fs::remove_dir_all(out);
        let mut command = Command::new(binary);
        command
            .args(["codegen", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(out);
        command
    })
}

/// `cargo progenitor -i SPEC -o DIR -n NAME -v 0.1.0`.
fn measure_progenitor(spec: &Path, out: &Path, runs: usize) -> Result<Usage, String> {
    measured_runs(runs, || {
        let _ = std::fs::remove_dir_all(out);
        progenitor_command(spec, out)
    })
}

/// One size's row; progenitor's cells are `-` when it was not run.
fn scaling_row(
    resources: usize,
    operations: usize,
    ours: Usage,
    theirs: Option<Usage>,
) -> Vec<String> {
    let per_op = ours.wall / operations.max(1) as u32;
    let mib =
        |kib: Option<u64>| kib.map_or("-".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0));
    let memory_ratio = match (ours.max_rss_kib, theirs.and_then(|t| t.max_rss_kib)) {
        (Some(a), Some(b)) if b > 0 => format!("{:.2}×", a as f64 / b as f64),
        _ => "-".to_owned(),
    };
    vec![
        resources.to_string(),
        operations.to_string(),
        duration(ours.wall),
        format!("{:.2} ms", per_op.as_secs_f64() * 1e3),
        theirs.map_or("-".to_owned(), |t| duration(t.wall)),
        theirs.map_or("-".to_owned(), |t| ratio(ours.wall, t.wall)),
        mib(ours.max_rss_kib),
        mib(theirs.and_then(|t| t.max_rss_kib)),
        memory_ratio,
    ]
}

/// Milliseconds under 10 s, seconds above.
fn duration(time: Duration) -> String {
    if time < Duration::from_secs(10) {
        ms(time)
    } else {
        secs(time)
    }
}

/// What the columns measure, and the floor cargo's dispatch puts under progenitor's.
fn scaling_notes(
    section: &mut Section,
    root: &Path,
    progenitor: bool,
    smoke: bool,
) -> Result<(), String> {
    let (shown, profile) = super::this_binary(root);
    section.note(format!(
        "Ours: `{shown} codegen --spec SPEC --out DIR`, the build `cargo xtask` runs (profile \
         `{profile}`), without cargo in front. Progenitor: `cargo progenitor -i SPEC -o DIR -n \
         NAME -v 0.1.0`. Both write into an emptied folder; 5 operations per resource."
    ));
    section.note(if smoke {
        "Smoke run: 10 resources only, 1 run."
    } else {
        "Time: median of 3 runs (1 run at 1 000 resources); peak memory: the largest max RSS of \
         those runs, from wait4, including the children each command waited for (measured before the other sections, whose in-process runs would otherwise count: a child starts from this process's memory)."
    });
    if !progenitor {
        section.note(PROGENITOR_SKIPPED);
        return Ok(());
    }
    let floor = measured(Command::new("cargo").args(["progenitor", "--help"]))?;
    section.note(format!(
        "Progenitor's figures include cargo dispatching to `cargo-progenitor`: `cargo progenitor \
         --help` alone takes {} and {:.1} MiB.",
        ms(floor.wall),
        floor.max_rss_kib.unwrap_or(0) as f64 / 1024.0
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_processes_are_timed_and_their_memory_read() {
        let usage = measured(Command::new("cargo").arg("--version")).unwrap();
        assert!(usage.wall > Duration::ZERO);
        if cfg!(unix) {
            assert!(usage.max_rss_kib.is_some_and(|kib| kib > 0));
        }
        assert!(measured(Command::new("cargo").arg("--no-such-flag")).is_err());
    }

    #[test]
    fn rows_show_ratios_and_dashes_for_a_missing_peer() {
        let ours = Usage {
            wall: Duration::from_millis(200),
            max_rss_kib: Some(20 * 1024),
        };
        let theirs = Usage {
            wall: Duration::from_millis(100),
            max_rss_kib: Some(40 * 1024),
        };
        let row = scaling_row(10, 50, ours, Some(theirs));
        assert_eq!(
            row[3..],
            ["4.00 ms", "100.0 ms", "2.00×", "20.0", "40.0", "0.50×"]
        );
        let alone = scaling_row(10, 50, ours, None);
        assert_eq!(alone[4..], ["-", "-", "20.0", "-", "-"]);
    }
}
