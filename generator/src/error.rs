//! The one error type of the generator: every failure says what is wrong, where, and what to do.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in the spec: the JSON pointer of the node and, where known, its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Dotted path to the node, e.g. `paths./tasks/{id}.put.requestBody`.
    pub pointer: String,
    /// 1-based line and column in the YAML file, when the loader could tell.
    pub line_column: Option<(usize, usize)>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) if self.pointer.is_empty() => write!(f, "{line}:{column}"),
            Some((line, column)) => write!(f, "{line}:{column} ({})", self.pointer),
            None if self.pointer.is_empty() => f.write_str("(document)"),
            None => f.write_str(&self.pointer),
        }
    }
}

/// One thing wrong with the spec, found before anything is generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the spec.
    pub location: Location,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Problem {
    /// The problem or warning as it is printed after `error: ` or `warning: `, naming the spec
    /// `file`: `<file>:<line>:<column> (<pointer>): <message>`.
    pub fn at(&self, file: &Path) -> String {
        let place = &self.location;
        let file = file.display();
        match place.line_column {
            Some((line, column)) if place.pointer.is_empty() => {
                format!("{file}:{line}:{column}: {}", self.message)
            }
            Some((line, column)) => {
                format!(
                    "{file}:{line}:{column} ({}): {}",
                    place.pointer, self.message
                )
            }
            None if place.pointer.is_empty() => format!("{file}: {}", self.message),
            None => format!("{file} ({}): {}", place.pointer, self.message),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Everything that can go wrong between reading the spec and writing the client.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec file could not be read.
    #[error("{path}: cannot read the spec: {source}")]
    ReadSpec {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The spec has problems that stop generation; all that were found are listed.
    #[error("{}", format_problems(path, problems))]
    InvalidSpec {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    /// The type engine (typify) rejected an operation or the document.
    #[error("{path}: {}: {message}", operation.as_deref().map_or_else(|| "the document".to_owned(), |op| format!("operation `{op}`")))]
    Engine {
        path: PathBuf,
        operation: Option<String>,
        message: String,
    },
    /// Code the generator produced does not parse; this is a generator bug.
    #[error("generator bug: the code emitted for {file} does not parse: {message}")]
    Render { file: String, message: String },
    /// The output folder could not be read or written.
    #[error("{path}: {action}: {source}")]
    Output {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
}

fn format_problems(path: &std::path::Path, problems: &[Problem]) -> String {
    let mut out = format!(
        "{}: the spec has {} problem{} to fix before a client can be generated:",
        path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for problem in problems {
        let place = &problem.location;
        match place.line_column {
            Some((line, column)) if place.pointer.is_empty() => out.push_str(&format!(
                "\n  {}:{line}:{column}: {}",
                path.display(),
                problem.message
            )),
            Some((line, column)) => out.push_str(&format!(
                "\n  {}:{line}:{column}: at `{}`: {}",
                path.display(),
                place.pointer,
                problem.message
            )),
            None if place.pointer.is_empty() => {
                out.push_str(&format!("\n  {}: {}", path.display(), problem.message))
            }
            None => out.push_str(&format!(
                "\n  {}: at `{}`: {}",
                path.display(),
                place.pointer,
                problem.message
            )),
        }
    }
    out
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
