//! Values from the command line, typed as the client takes them: a flag's text is read as the
//! API would read it, first as a JSON string (text, dates, enum values), then as JSON
//! (numbers, booleans, objects, lists), and checked by deserializing it into the type.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Arg, ArgMatches, Command};
use serde::de::DeserializeOwned;

use super::Failure;

/// The parser of a flag whose values are `T`s; `choices` are listed in `--help` and offered by
/// completions.
pub(crate) fn json_value<T>(choices: &'static [&'static str]) -> JsonValue<T> {
    JsonValue {
        choices,
        marker: PhantomData,
    }
}

/// See [`json_value`].
pub(crate) struct JsonValue<T> {
    choices: &'static [&'static str],
    marker: PhantomData<fn() -> T>,
}

impl<T> Clone for JsonValue<T> {
    fn clone(&self) -> Self {
        json_value(self.choices)
    }
}

impl<T> TypedValueParser for JsonValue<T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    type Value = T;

    fn parse_ref(
        &self,
        command: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        parse(&text).map_err(|why| {
            let flag = arg.map_or_else(|| "the value".to_owned(), |arg| arg.to_string());
            let message = format!("invalid value '{text}' for '{flag}': {why}\n");
            clap::Error::raw(clap::error::ErrorKind::ValueValidation, message).with_cmd(command)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        if self.choices.is_empty() {
            return None;
        }
        Some(Box::new(self.choices.iter().map(PossibleValue::new)))
    }
}

/// `text` as a `T`: as a JSON string, else as JSON.
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let as_text = serde_json::Value::String(text.to_owned());
    let first = match serde_json::from_value(as_text) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(json) => serde_json::from_value(json).map_err(|err| err.to_string()),
        Err(_) => Err(first.to_string()),
    }
}

/// The parser of a flag that names a file sent as a part of a multipart body (`-`: stdin): the
/// file is read when the command line is, and sent with its name.
#[allow(dead_code)] // unused when no operation sends files
pub(crate) fn file_value() -> FileValue {
    FileValue
}

/// See [`file_value`].
#[derive(Clone)]
pub(crate) struct FileValue;

impl TypedValueParser for FileValue {
    type Value = crate::client::runtime::FilePart;

    fn parse_ref(
        &self,
        command: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let path = std::path::Path::new(value);
        let read = match value.to_str() {
            Some("-") => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
            }
            _ => std::fs::read(path),
        };
        let bytes = read.map_err(|err| {
            let flag = arg.map_or_else(|| "the file".to_owned(), |arg| arg.to_string());
            let message = format!("{flag} {}: {err}\n", path.display());
            clap::Error::raw(clap::error::ErrorKind::Io, message).with_cmd(command)
        })?;
        let file = crate::client::runtime::FilePart::bytes(bytes);
        Ok(match path.file_name().filter(|_| value != "-") {
            Some(name) => file.file_name(name.to_string_lossy()),
            None => file,
        })
    }
}

/// A required value (clap has made sure it is there).
pub(crate) fn required<T: Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<T, Failure> {
    optional(matches, id).ok_or_else(|| Failure::usage(format!("give {id}")))
}

/// An optional value, when given.
pub(crate) fn optional<T: Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Option<T> {
    matches.get_one::<T>(id).cloned()
}

/// The values of a flag given once per item, when given.
#[allow(dead_code)] // unused when no operation needs it
pub(crate) fn many<T: Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Option<Vec<T>> {
    matches
        .get_many::<T>(id)
        .map(|values| values.cloned().collect())
}

/// The bytes `--body FILE` gives (`-`: stdin), when given.
pub(crate) fn body_bytes(matches: &ArgMatches) -> Result<Option<Vec<u8>>, Failure> {
    let Some(path) = matches.get_one::<String>("body") else {
        return Ok(None);
    };
    let read = match path.as_str() {
        "-" => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
        }
        path => std::fs::read(path),
    };
    let bytes = read.map_err(|err| Failure::usage(format!("--body {path}: {err}")))?;
    Ok(Some(bytes))
}

/// The text `--body FILE` gives, when given.
#[allow(dead_code)] // unused when no operation needs it
pub(crate) fn body_text(matches: &ArgMatches) -> Result<Option<String>, Failure> {
    let Some(bytes) = body_bytes(matches)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::usage("--body: the file is not UTF-8 text".to_owned()))?;
    Ok(Some(text))
}

/// The body `--body FILE` gives, read as JSON into the body's type, when given.
pub(crate) fn body_json<T: DeserializeOwned>(matches: &ArgMatches) -> Result<Option<T>, Failure> {
    let Some(bytes) = body_bytes(matches)? else {
        return Ok(None);
    };
    let body = serde_json::from_slice(&bytes).map_err(|err| {
        Failure::usage(format!(
            "--body is not the request body this command takes: {err}"
        ))
    })?;
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn text_is_read_as_a_json_string_then_as_json() {
        assert_eq!(parse::<String>("30").unwrap(), "30");
        assert_eq!(parse::<f64>("30").unwrap(), 30.0);
        assert_eq!(parse::<i64>("-2").unwrap(), -2);
        assert!(parse::<bool>("true").unwrap());
        assert_eq!(parse::<Vec<i64>>("[1,2]").unwrap(), vec![1, 2]);
        assert!(parse::<i64>("1.5").unwrap_err().contains("expected i64"));
        assert!(parse::<i64>("many").unwrap_err().contains("expected i64"));
    }
}
