//! What ends a command other than success: the message on stderr and a distinct exit code for
//! each kind of failure, so that scripts can tell them apart.

use crate::client::runtime::Error;

/// Exit code: the output could not be written, or the command could not start.
pub(crate) const LOCAL: u8 = 1;
/// Exit code: the command line is wrong (an unknown flag, a value of the wrong type, a value
/// that breaks the spec's rules, a missing credential, an unreadable `--body`); nothing was
/// sent. clap exits with it too.
pub(crate) const USAGE: u8 = 2;
/// Exit code: the server answered a client error (`4XX`).
pub(crate) const CLIENT_ERROR: u8 = 3;
/// Exit code: the server answered a server error (`5XX`).
pub(crate) const SERVER_ERROR: u8 = 4;
/// Exit code: no answer (connection refused or dropped, timeout, TLS, a redirect elsewhere).
pub(crate) const TRANSPORT: u8 = 5;
/// Exit code: an answer that is not what the spec documents (undecodable, an undocumented
/// status, a missing body, over the body limit, pages that do not advance).
pub(crate) const INVALID_ANSWER: u8 = 6;

/// A failed command: what stderr says and the exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    code: u8,
    /// Empty when nothing is to be said (stdout was closed early, e.g. by `head`).
    message: String,
}

impl Failure {
    pub(crate) fn new(code: u8, message: String) -> Failure {
        Failure { code, message }
    }

    pub(crate) fn usage(message: String) -> Failure {
        Failure::new(USAGE, message)
    }

    /// The output could not be written; a closed pipe (`… | head`) ends the command quietly.
    pub(crate) fn output(err: std::io::Error) -> Failure {
        match err.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::new(0, String::new()),
            _ => Failure::new(LOCAL, format!("could not write the output: {err}")),
        }
    }

    #[cfg(test)]
    pub(crate) fn code(&self) -> u8 {
        self.code
    }

    /// Prints the message and gives the exit code.
    pub(crate) fn exit(self) -> std::process::ExitCode {
        if !self.message.is_empty() {
            eprintln!("error: {}", self.message);
        }
        std::process::ExitCode::from(self.code)
    }
}

impl<E: serde::Serialize> From<Error<E>> for Failure {
    fn from(err: Error<E>) -> Failure {
        let by_status = |status: reqwest::StatusCode| match status.as_u16() {
            400..=499 => Some(CLIENT_ERROR),
            500..=599 => Some(SERVER_ERROR),
            _ => None,
        };
        let code = match &err {
            Error::Config(_) | Error::InvalidRequest(_) => USAGE,
            Error::Transport(_) | Error::Redirect { .. } => TRANSPORT,
            // An error status is the server's refusal, whatever its body.
            _ => err.status().and_then(by_status).unwrap_or(INVALID_ANSWER),
        };
        Failure::new(code, err.to_string())
    }
}

impl From<clap::Error> for Failure {
    fn from(err: clap::Error) -> Failure {
        let code = match err.use_stderr() {
            true => USAGE,
            false => 0, // --help, --version
        };
        let _ = err.print();
        Failure::new(code, String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_failure_has_its_own_code() {
        let api = |status: u16| Error::<()>::Api {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Box::default(),
            body: (),
        };
        assert_eq!(Failure::from(api(404)).code(), CLIENT_ERROR);
        assert_eq!(Failure::from(api(503)).code(), SERVER_ERROR);
        let rule = Error::<()>::InvalidRequest("`limit` breaks a rule".to_owned());
        assert_eq!(Failure::from(rule).code(), USAGE);
        let redirect = Error::<()>::Redirect {
            location: "https://elsewhere.example".to_owned(),
        };
        assert_eq!(Failure::from(redirect).code(), TRANSPORT);
        let missing = Error::<()>::MissingBody {
            status: reqwest::StatusCode::OK,
        };
        assert_eq!(Failure::from(missing).code(), INVALID_ANSWER);
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(Failure::output(pipe).code(), 0);
    }
}
