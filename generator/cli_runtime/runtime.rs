//! The hand-written part of the command-line client: reading values from the command line,
//! the run of one command (a dry run, `-v`, the answer on stdout), and what a failure prints
//! and exits with. The commands themselves are generated (`commands.rs`).

mod curl;
mod failure;
mod output;
mod values;

use clap::ArgMatches;

use crate::client;

pub(crate) use failure::Failure;
#[allow(unused_imports)] // the ones no operation of the spec needs
pub(crate) use output::{bytes, json, location, nothing, stream, text};
#[allow(unused_imports)] // the ones no operation of the spec needs
pub(crate) use values::{
    body_bytes, body_json, body_text, file_value, json_value, many, optional, required,
};

/// How this run of the command goes: flags every command takes.
pub(crate) struct Context {
    /// `--dry-run`: print the request as a `curl` command and send nothing.
    pub(crate) dry_run: bool,
    /// `-v`: the request and answer lines on stderr.
    verbose: bool,
    /// Pretty JSON (stdout is a terminal), else compact.
    pretty: bool,
}

impl Context {
    pub(crate) fn new(matches: &ArgMatches) -> Context {
        use std::io::IsTerminal;
        Context {
            dry_run: matches.get_flag("dry-run"),
            verbose: matches.get_flag("verbose"),
            pretty: std::io::stdout().is_terminal(),
        }
    }

    /// A credential's value: the flag's (or its environment variable's), or in a dry run the
    /// placeholder, so that no secret is ever printed.
    pub(crate) fn credential(
        &self,
        matches: &ArgMatches,
        id: &str,
        placeholder: &str,
    ) -> Option<String> {
        if self.dry_run {
            return Some(placeholder.to_owned());
        }
        setting(matches, id)
    }

    /// Before the request is sent: in a dry run, prints it as a `curl` command and answers
    /// `true` (send nothing); with `-v`, prints its lines on stderr.
    pub(crate) fn before<E: serde::Serialize>(
        &self,
        request: Result<reqwest::Request, client::runtime::Error<E>>,
    ) -> Result<bool, Failure> {
        let request = request?;
        if self.dry_run {
            output::write_stdout(format!("{}\n", curl::curl(&request)).as_bytes())?;
            return Ok(true);
        }
        if self.verbose {
            eprint!("{}", curl::request_lines(&request));
        }
        Ok(false)
    }

    /// After an answer: with `-v`, its status and headers on stderr.
    pub(crate) fn after<T>(&self, response: &client::Response<T>) {
        if self.verbose {
            eprint!(
                "{}",
                curl::answer_lines(response.status(), response.headers())
            );
        }
    }
}

/// A setting's value (a flag every command takes, or its environment variable), when given.
pub(crate) fn setting(matches: &ArgMatches, id: &str) -> Option<String> {
    matches.get_one::<String>(id).cloned()
}

/// The message for a credential that is missing.
pub(crate) fn missing(flags: &[(&str, &str)]) -> Failure {
    let each: Vec<String> = flags
        .iter()
        .map(|(flag, var)| format!("--{flag} (or {var})"))
        .collect();
    Failure::usage(format!(
        "the credentials are missing: give {}",
        each.join(", ")
    ))
}

/// Runs `command` on a runtime of its own, on this thread.
pub(crate) fn block_on<F: Future<Output = Result<(), Failure>>>(command: F) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| Failure::new(failure::LOCAL, format!("could not start: {err}")))?;
    runtime.block_on(command)
}

/// Traces as `RUST_LOG` asks (e.g. `RUST_LOG=info`), on stderr, with a line as each request's
/// span closes (its operation, status, attempts and duration); nothing when it is not set.
pub(crate) fn trace() {
    if std::env::var_os("RUST_LOG").is_none() {
        return;
    }
    let filter = tracing_subscriber::EnvFilter::from_default_env();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(std::io::stderr)
        .try_init();
}

/// `completions SHELL`: prints the completion script of `command` for the shell.
pub(crate) fn completions(matches: &ArgMatches, mut command: clap::Command) -> Result<(), Failure> {
    let shell = matches
        .get_one::<clap_complete::Shell>("shell")
        .copied()
        .ok_or_else(|| Failure::usage("name a shell".to_owned()))?;
    let name = command.get_name().to_owned();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut out);
    output::write_stdout(&out)
}

/// Ends the process: nothing more on success; a failure's message on stderr and its code.
pub(crate) fn exit(result: Result<(), Failure>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(failure) => failure.exit(),
    }
}
