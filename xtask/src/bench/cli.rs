//! Section 8: what the command-line client costs beside the client it calls: a clean release
//! build of each (own target dir each, same run), and the size of the `timetrack` binary.

use std::process::Command;

use super::{Options, Section, ratio, secs, timed};

/// Section 8: clean release builds of `timetrack-client` and `timetrack-cli`, and the binary.
pub fn cli_section(options: &Options) -> Result<Section, String> {
    let mut section = Section::new(
        "8. The command-line client beside the client (clean release builds, own target dir each)",
        &["crate", "what it builds", "time", "vs the client", "binary"],
    );
    let build = |package: &str| {
        let target = options.scratch.join(format!("target-{package}"));
        let _ = std::fs::remove_dir_all(&target);
        let time = timed(
            Command::new("cargo")
                .current_dir(&options.root)
                .args(["build", "-q", "--release", "-p", package])
                .arg("--target-dir")
                .arg(&target),
        );
        time.map(|time| (time, target))
    };
    let (client, _) = build("timetrack-client")?;
    section.row(&[
        "timetrack-client".to_owned(),
        "the library".to_owned(),
        secs(client),
        "1.00×".to_owned(),
        "–".to_owned(),
    ]);
    let (cli, target) = build("timetrack-cli")?;
    let binary = target.join("release/timetrack");
    let size = std::fs::metadata(&binary)
        .map_err(|e| format!("{}: {e}", binary.display()))?
        .len();
    section.row(&[
        "timetrack-cli".to_owned(),
        "the library, clap, and the `timetrack` binary".to_owned(),
        secs(cli),
        ratio(cli, client),
        format!("{:.1} MiB", size as f64 / (1024.0 * 1024.0)),
    ]);
    section.note(
        "A crate that depends on timetrack-client builds none of the CLI: it is a package of its \
         own (generated-client/cli).",
    );
    Ok(section)
}
