//! Running the generated `timetrack` command (`src/bin/timetrack_under_test.rs`) as a process, and reading the
//! `curl` commands its dry runs print.

use std::collections::BTreeMap;

use super::{KEY, SECRET};

/// What one run of the command left.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `timetrack args…` with `env` only (the credentials are not set unless given), stdin
/// empty.
pub async fn run_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_timetrack_under_test"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("the command runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Runs `timetrack args…` against `base` (a local server's base URL) with the test
/// credentials in the environment.
pub async fn run(base: &str, args: &[&str]) -> Run {
    let env = [
        ("TIMETRACK_API_KEY", KEY),
        ("TIMETRACK_API_SECRET", SECRET),
        ("TIMETRACK_BASE_URL", base),
    ];
    run_with(args, &env).await
}

/// A request as a `curl` command writes it.
#[derive(Debug, Default, PartialEq)]
pub struct Curl {
    pub method: Option<String>,
    pub url: String,
    /// Lower-case name → value.
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
}

/// Reads a `curl` command: its words as a POSIX shell splits them (`'…'`, `"…"`, `$'…'`,
/// line continuations), then its options. A `"` left open at the end of a line is a stray
/// character of the page (the expenses filter example ends its URL with `""`) and is dropped.
pub fn parse_curl(text: &str) -> Curl {
    let words = shell_words(text);
    assert_eq!(words.first().map(String::as_str), Some("curl"), "{text}");
    let mut curl = Curl::default();
    let mut words = words.into_iter().skip(1);
    while let Some(word) = words.next() {
        let mut value = || {
            words
                .next()
                .unwrap_or_else(|| panic!("{word} without a value"))
        };
        match word.as_str() {
            "-X" | "--request" => curl.method = Some(value()),
            "-H" | "--header" => {
                let header = value();
                let (name, value) = header.split_once(':').expect("name: value");
                curl.headers
                    .insert(name.trim().to_lowercase(), value.trim().to_owned());
            }
            "-d" | "--data" | "--data-binary" => curl.body = Some(value()),
            url if !url.starts_with('-') => curl.url = url.to_owned(),
            other => panic!("an option this reader does not know: {other}"),
        }
    }
    curl
}

/// The words of `text` as a POSIX shell splits them.
pub fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'\n') => {
                chars.next();
            }
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => word
                .get_or_insert_default()
                .push_str(&take_until(&mut chars, '\'')),
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                word.get_or_insert_default()
                    .push_str(&take_until(&mut chars, '\''));
            }
            '"' => {
                let rest: String = chars.clone().take_while(|&c| c != '\n').collect();
                if rest.contains('"') {
                    word.get_or_insert_default()
                        .push_str(&take_until(&mut chars, '"'));
                }
            }
            c => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    words
}

/// The text up to `end` (which is consumed); `'\''` joins as the shell joins it.
fn take_until(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, end: char) -> String {
    let mut out = String::new();
    for c in chars.by_ref() {
        if c == end {
            break;
        }
        out.push(c);
    }
    out
}
