//! What keeps the first `cargo xtask codegen` and the tests quick, and a dependency update can
//! silently undo: syn, the largest crate in the build, is built once, for the proc macros and the
//! generator alike, and `cargo test --workspace` reuses the build `cargo xtask codegen` made. That
//! holds only while every side asks for the same features of it.

use std::process::Command;

/// The distinct feature sets syn 3 has in the host's build graph of `selection`.
fn syn_feature_sets(selection: &[&str]) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--prefix",
            "none",
            "--format",
            "{p} {f}",
        ])
        .args(selection)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut sets: Vec<String> = String::from_utf8(output.stdout)
        .expect("cargo tree prints UTF-8")
        .lines()
        .filter(|line| line.starts_with("syn v3."))
        .map(|line| line.trim_end_matches(" (*)").to_owned())
        .collect();
    sets.sort();
    sets.dedup();
    sets
}

const ADVICE: &str = "give the generator's [dependencies] and [build-dependencies] syn the \
                      features the workspace's proc macros ask for";

#[test]
fn syn_is_built_once_for_codegen_and_the_tests() {
    let codegen = syn_feature_sets(&["--package", "xtask", "--edges", "normal,build"]);
    let tests = syn_feature_sets(&["--workspace", "--edges", "normal,build,dev"]);
    assert_eq!(
        codegen.len(),
        1,
        "`cargo xtask codegen` builds syn 3 with {} feature sets ({ADVICE}):\n{}",
        codegen.len(),
        codegen.join("\n")
    );
    assert_eq!(
        tests, codegen,
        "`cargo test --workspace` builds syn 3 with other features than `cargo xtask codegen` \
         ({ADVICE})"
    );
}
