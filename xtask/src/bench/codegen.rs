//! Section 2: `cargo xtask codegen` end to end, warm, against `cargo progenitor`.

use std::process::Command;

use super::{
    Options, PROGENITOR_SKIPPED, Section, available, median_of, ms, progenitor_command, ratio,
};

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
        let (shown, _) = super::this_binary(&options.root);
        section.row(&[
            "this generator, its binary alone".to_owned(),
            format!("`{shown} codegen --out DIR`"),
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
        section.note(PROGENITOR_SKIPPED);
    }
    Ok(section)
}
