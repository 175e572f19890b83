//! The generated `timetrack` command as the tests run it: its own entry point
//! (`timetrack_cli::main`), built here because cargo builds no binary of a dependency, so that
//! `cargo test` runs the real command (`tests/tests/cli*.rs`).

fn main() -> std::process::ExitCode {
    timetrack_cli::main()
}
