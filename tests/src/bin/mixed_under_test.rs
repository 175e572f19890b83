//! The `mixed` snapshot's command (a spec without tags, with text, bytes, forms, answers by
//! status and a redirect), built here for `tests/tests/cli_mixed.rs` as `cli.rs` is.

fn main() -> std::process::ExitCode {
    mixed_cli::main()
}
