//! Section 7: the client under a hostile network, from the fault test of the tests crate
//! (`tests/tests/faults.rs`), run as CI runs it (debug profile).

use std::process::Command;

use super::{Options, Section};

/// The outcome kinds the fault test reports, as its lines spell them and as the table heads them.
const KINDS: [(&str, &str); 6] = [
    ("success", "success"),
    ("api_error", "API error"),
    ("body_too_large", "body too large"),
    ("timeout", "timeout"),
    ("transport_error", "transport error"),
    ("decode_error", "decode error"),
];

/// Section 7: calls, outcomes by kind and requests per call of each phase, and the peak RSS.
pub fn faults_section(options: &Options) -> Result<Section, String> {
    let mut head = vec!["phase", "calls", "requests the server saw", "per call"];
    head.extend(KINDS.iter().map(|(_, label)| *label));
    let mut section = Section::new(
        "7. Hostile network: 10 000 calls, 64 in flight, against a faulty loopback server (debug build)",
        &head,
    );
    let output = Command::new("cargo")
        .current_dir(&options.root)
        .args(["test", "-q", "-p", "tests", "--test", "faults", "--"])
        .arg("--nocapture")
        .output()
        .map_err(|err| format!("cargo test could not start: {err}"))?;
    let text = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let tail: Vec<&str> = text.lines().rev().take(8).collect();
        return Err(format!("the fault test failed: {tail:?}"));
    }
    for line in text.lines() {
        if let Some(row) = fault_row(line) {
            section.row(&row);
        }
        if let Some(note) = summary_note(line) {
            section.note(note);
        }
    }
    if section.rows.is_empty() {
        return Err("the fault test printed no figures".to_owned());
    }
    section.note(
        "Mixed phase: proper answers (weight 6) and, weight 1 each, resets, 502, 503, 429 \
         (`Retry-After: 0`), heads stalled past the timeout, bodies stalled after their head, \
         bodies declared at 64 MiB, endless chunked bodies, truncated JSON and HTML pages. Then a \
         sustained outage (every answer 503) for the same client, whose retry budget \
         (`RetryBudget::default()`) is spent within its first calls; then the same outage for a \
         client whose policy has no budget (`without_budget`), as the control. Retries: 3 \
         attempts, 1 to 5 ms apart. POSTs are never retried; each reached the server once.",
    );
    Ok(section)
}

/// The value of `key=` among `fields`.
fn field<'a>(fields: &[&'a str], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find_map(|f| f.strip_prefix(key)?.strip_prefix('='))
}

/// The row for a line `fault-test row=PHASE/METHOD calls=… requests=… per_call=… KIND=…`.
fn fault_row(line: &str) -> Option<Vec<String>> {
    let fields: Vec<&str> = line
        .strip_prefix("fault-test ")?
        .split_whitespace()
        .collect();
    let (phase, method) = field(&fields, "row")?.split_once('/')?;
    let phase = match phase {
        "mixed" => "mixed faults",
        "outage" => "outage, retry budget",
        "control" => "outage, no budget (control)",
        other => other,
    };
    let mut row = vec![
        format!("{phase}, {method}"),
        field(&fields, "calls")?.to_owned(),
        field(&fields, "requests")?.to_owned(),
        field(&fields, "per_call")?.to_owned(),
    ];
    row.extend(
        KINDS
            .iter()
            .map(|(key, _)| field(&fields, key).unwrap_or("?").to_owned()),
    );
    Some(row)
}

/// The note for the line `fault-test summary …`.
fn summary_note(line: &str) -> Option<String> {
    let fields: Vec<&str> = line
        .strip_prefix("fault-test summary ")?
        .split_whitespace()
        .collect();
    let value = |key| field(&fields, key).unwrap_or("?");
    Some(format!(
        "{} calls, {} in flight, timeout {} ms per attempt, body limit {} KiB. Peak RSS of the \
         whole test process (client and server, VmHWM): {} MiB, against the test's bound of {} \
         MiB ({} MiB before the calls); wall time {} s.",
        value("calls"),
        value("in_flight"),
        value("timeout_ms"),
        value("body_limit_kib"),
        value("peak_rss_mib"),
        value("bound_mib"),
        value("before_mib"),
        value("wall_s"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_lines_become_rows_and_a_note() {
        let line = "fault-test row=outage/GET calls=2000 requests=2100 per_call=1.050 success=0 \
                    api_error=2000 body_too_large=0 timeout=0 transport_error=0 decode_error=0";
        assert_eq!(
            fault_row(line).unwrap(),
            [
                "outage, retry budget, GET",
                "2000",
                "2100",
                "1.050",
                "0",
                "2000",
                "0",
                "0",
                "0",
                "0"
            ]
        );
        assert_eq!(fault_row("running 1 test"), None);
        let summary = "fault-test summary calls=10000 in_flight=64 timeout_ms=200 \
                       body_limit_kib=64 peak_rss_mib=18.7 bound_mib=40.0 before_mib=10.4 wall_s=12.9";
        let note = summary_note(summary).unwrap();
        assert!(note.starts_with("10000 calls, 64 in flight"), "{note}");
        assert!(
            note.contains("18.7 MiB, against the test's bound of 40.0"),
            "{note}"
        );
        assert_eq!(fault_row(summary), None);
    }
}
