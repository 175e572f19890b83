//! Section 5: per-request overhead, from the `overhead` bench of the tests crate.

use std::process::Command;

use super::{Options, Section};

/// Section 5: per-request overhead, from the `overhead` bench of the tests crate.
pub fn overhead_section(options: &Options) -> Result<Section, String> {
    let mut section = Section::new(
        "5. Per-request overhead against hand-written reqwest calls (loopback server, median request)",
        &["case", "generated client", "hand-written reqwest", "ratio"],
    );
    let output = overhead_command(options)
        .output()
        .map_err(|err| format!("cargo bench could not start: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "the overhead bench failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let Some(row) = overhead_row(line) {
            section.row(&row);
        }
    }
    if section.rows.is_empty() {
        return Err("the overhead bench printed no figures".to_owned());
    }
    section.note(
        "Both clients have the same timeouts; the generated one also runs its retry policy (off \
         here, so both send each request once) and its span, rule checks and request building.",
    );
    Ok(section)
}

/// `cargo bench` of the `overhead` bench; a smoke run builds it in the dev profile and asks it
/// for few requests.
fn overhead_command(options: &Options) -> Command {
    let mut command = Command::new("cargo");
    command.current_dir(&options.root).arg("bench");
    if options.smoke {
        command.args(["--profile", "dev"]);
    }
    command.args(["-q", "-p", "tests", "--bench", "overhead", "--"]);
    if options.smoke {
        command.arg("--smoke");
    }
    command
}

/// The row for a line `overhead CASE ours_us=… reqwest_us=… ratio=…` of the bench's output.
fn overhead_row(line: &str) -> Option<Vec<String>> {
    let rest = line.strip_prefix("overhead ")?;
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
    Some(vec![
        label.to_owned(),
        format!("{} µs", value("ours_us=", &fields)),
        format!("{} µs", value("reqwest_us=", &fields)),
        format!("{}×", value("ratio=", &fields)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overhead_lines_become_rows() {
        assert_eq!(
            overhead_row("overhead read ours_us=41.2 reqwest_us=39.0 ratio=1.06").unwrap(),
            ["read one task", "41.2 µs", "39.0 µs", "1.06×"]
        );
        assert_eq!(overhead_row("running 2 cases"), None);
    }
}
