//! Step 1: read the spec file and turn it into an `openapiv3::OpenAPI` document.
//!
//! YAML syntax errors and fields of the wrong shape are reported with their line and column.
//! An OpenAPI 3.1 document is rewritten into its 3.0 form first ([`v31`]), and numbers `openapiv3`
//! cannot hold are made to fit, or refused at their place ([`numbers`]).

mod numbers;
mod v31;

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;

use crate::error::{Error, Location, Problem, Result};
use crate::positions::Positions;

/// A spec that was read and parsed, with the text it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// Where the spec was read from; every message names it.
    pub path: PathBuf,
    /// The document.
    pub document: OpenAPI,
    /// The text it was parsed from, to locate problems found later.
    pub source: String,
    /// What was read with a note (numbers made to fit), not yet located.
    pub warnings: Vec<Problem>,
}

impl LoadedSpec {
    /// Line and column of each node of the source (indexed on demand: only failures need it).
    pub fn positions(&self) -> Positions {
        Positions::index(&self.source)
    }
}

/// Reads and parses the spec at `path`.
pub fn load(path: &Path) -> Result<LoadedSpec> {
    let source = std::fs::read_to_string(path).map_err(|source| Error::ReadSpec {
        path: path.to_path_buf(),
        source,
    })?;
    load_str(path, &source)
}

/// Parses spec text; `path` is only used to name the file in messages.
pub fn load_str(path: &Path, source: &str) -> Result<LoadedSpec> {
    let (mut value, wide) = parse_yaml(path, source)?;
    check_header(path, &value)?;
    let mut lowered = v31::Lowered::default();
    if value
        .get("openapi")
        .and_then(serde_yaml::Value::as_str)
        .is_some_and(v31::is_3_1)
    {
        lowered = v31::lower(&mut value);
    }
    let fitted = numbers::fit_integer_keywords(&mut value, &wide);
    let mut problems = lowered.problems;
    problems.extend(fitted.problems);
    if !problems.is_empty() {
        let positions = Positions::index(source);
        let problems = problems.into_iter().map(|(pointer, message)| Problem {
            location: Location {
                line_column: positions.find(&pointer),
                pointer,
            },
            message,
        });
        return Err(Error::InvalidSpec {
            path: path.to_path_buf(),
            problems: problems.collect(),
        });
    }
    let document = deserialize(path, source, &value)?;
    let warnings =
        (lowered.warnings.into_iter())
            .chain(fitted.warnings)
            .map(|(pointer, message)| Problem {
                location: Location {
                    pointer,
                    line_column: None,
                },
                message,
            });
    Ok(LoadedSpec {
        path: path.to_path_buf(),
        document,
        source: source.to_owned(),
        warnings: warnings.collect(),
    })
}

/// The error for the spec's one problem, at `line_column` if known.
fn fail(path: &Path, line_column: Option<(usize, usize)>, message: String) -> Error {
    fail_at(path, String::new(), line_column, message)
}

/// The error for the spec's one problem, at the node `pointer`.
fn fail_at(
    path: &Path,
    pointer: String,
    line_column: Option<(usize, usize)>,
    message: String,
) -> Error {
    Error::InvalidSpec {
        path: path.to_path_buf(),
        problems: vec![Problem {
            location: Location {
                pointer,
                line_column,
            },
            message,
        }],
    }
}

/// Parses the text as YAML; also returns where integers beyond 64 bits were, and their text
/// (they are read as floats: `numbers::parse_wide`, tried when the usual parse fails).
fn parse_yaml(path: &Path, source: &str) -> Result<(serde_yaml::Value, Vec<numbers::Note>)> {
    let err = match spec_reader::yaml(source) {
        Ok(value) => return Ok((value, Vec::new())),
        Err(err) => err,
    };
    if let Ok((value, wide)) = numbers::parse_wide(source)
        && !wide.is_empty()
    {
        return Ok((value, wide));
    }
    let at = err.location().map(|l| (l.line(), l.column()));
    Err(fail(
        path,
        at,
        format!("not valid YAML: {}", strip_location(&err.to_string(), at)),
    ))
}

/// The document must be a mapping whose `openapi` field names a supported version.
fn check_header(path: &Path, value: &serde_yaml::Value) -> Result<()> {
    let mapping = match value {
        serde_yaml::Value::Null => {
            return Err(fail(
                path,
                None,
                "the file is empty; expected an OpenAPI 3.0.x document".to_owned(),
            ));
        }
        serde_yaml::Value::Mapping(mapping) => mapping,
        _ => {
            return Err(fail(
                path,
                Some((1, 1)),
                "the document is not a mapping; expected an OpenAPI 3.0.x document with `openapi: 3.0.3` at the top".to_owned(),
            ));
        }
    };
    match version_problem(mapping) {
        Some(message) => Err(fail(path, None, message)),
        None => Ok(()),
    }
}

/// What is wrong with the top-level `openapi` field, if anything.
fn version_problem(mapping: &serde_yaml::Mapping) -> Option<String> {
    match mapping.get("openapi") {
        None if mapping.contains_key("swagger") => Some(
            "this is a Swagger 2.0 document; only OpenAPI 3.0.x and 3.1.x are (convert it to 3.0.3)".to_owned(),
        ),
        None => Some(
            "not an OpenAPI document: the top-level `openapi` field is missing (add `openapi: 3.0.3`)".to_owned(),
        ),
        Some(serde_yaml::Value::String(version))
            if !is_supported_version(version) && !v31::is_3_1(version) =>
        {
            Some(format!(
                "at `openapi`: version {version:?} is not supported; only OpenAPI 3.0.x and 3.1.x are (write `openapi: 3.0.3` or `3.1.1`)"
            ))
        }
        Some(serde_yaml::Value::String(_)) => None,
        Some(other) => Some(format!(
            "at `openapi`: expected a version string such as \"3.0.3\", found {}",
            describe_yaml(other)
        )),
    }
}

/// Deserializes the parsed YAML into an OpenAPI document.
fn deserialize(path: &Path, source: &str, value: &serde_yaml::Value) -> Result<OpenAPI> {
    // Deserializing the parsed value (borrowed, not copied) is quicker than reading the text
    // again; only a failure reads the text again, for serde_yaml's line and column.
    <OpenAPI as serde::Deserialize>::deserialize(value)
        .or_else(|_| serde_yaml::from_str(source))
        .map_err(|err| invalid_document(path, source, value, &err))
}

/// The error for YAML that is not an OpenAPI 3.0 document, at the narrowest node found.
fn invalid_document(
    path: &Path,
    source: &str,
    value: &serde_yaml::Value,
    err: &serde_yaml::Error,
) -> Error {
    if let Some((pointer, message)) = narrow(value) {
        let line_column = Positions::index(source).find(&pointer);
        let message = format!("not a valid OpenAPI 3.0 document: {message}");
        return fail_at(path, pointer, line_column, message);
    }
    let at = err.location().map(|l| (l.line(), l.column()));
    fail(
        path,
        at,
        format!(
            "not a valid OpenAPI 3.0 document: {}",
            strip_location(&err.to_string(), at)
        ),
    )
}

/// Finds the operation, path item or schema that does not deserialize, for documents where
/// serde_yaml can only point at an enclosing node (openapiv3 reads them through untagged enums).
fn narrow(value: &serde_yaml::Value) -> Option<(String, String)> {
    use openapiv3::{Operation, Parameter, PathItem, ReferenceOr, Schema};
    fn check<T: serde::de::DeserializeOwned>(value: &serde_yaml::Value) -> Option<String> {
        serde_yaml::from_value::<T>(value.clone())
            .err()
            .map(|err| err.to_string())
    }
    if let Some(paths) = value.get("paths").and_then(serde_yaml::Value::as_mapping) {
        for (key, item) in paths {
            let Some(key) = key.as_str() else { continue };
            if key.starts_with("x-") || check::<ReferenceOr<PathItem>>(item).is_none() {
                continue;
            }
            let pointer = format!("paths.{key}");
            for (method, operation) in item.as_mapping().into_iter().flatten() {
                let Some(method) = method.as_str() else {
                    continue;
                };
                let found = match method {
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                        check::<Operation>(operation)
                    }
                    "parameters" => check::<Vec<ReferenceOr<Parameter>>>(operation),
                    _ => None,
                };
                if let Some(message) = found {
                    return Some((format!("{pointer}.{method}"), message));
                }
            }
            return check::<ReferenceOr<PathItem>>(item).map(|message| (pointer, message));
        }
    }
    let schemas = value
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(serde_yaml::Value::as_mapping);
    for (name, schema) in schemas.into_iter().flatten() {
        if let (Some(name), Some(message)) = (name.as_str(), check::<ReferenceOr<Schema>>(schema)) {
            return Some((format!("components.schemas.{name}"), message));
        }
    }
    None
}

/// `3.0`, `3.0.0` … `3.0.4` and later 3.0 patch releases.
fn is_supported_version(version: &str) -> bool {
    let mut parts = version.split('.');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("3"), Some("0"), None | Some(_), None)
    ) && version
        .split('.')
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// serde_yaml writes " at line L column C" for the error's own place, which is printed
/// separately; other places it names (where a construct began) stay.
fn strip_location(message: &str, at: Option<(usize, usize)>) -> String {
    match at {
        Some((line, column)) => {
            message.replacen(&format!(" at line {line} column {column}"), "", 1)
        }
        None => message.to_owned(),
    }
}

fn describe_yaml(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(source: &str) -> String {
        load_str(Path::new("spec.yaml"), source)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn accepts_3_0_versions_only() {
        assert!(is_supported_version("3.0.3"));
        assert!(is_supported_version("3.0"));
        assert!(!is_supported_version("3.1.0"));
        assert!(!is_supported_version("2.0"));
        assert!(!is_supported_version("3.0."));
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let text = message("openapi: 3.0.3\ninfo: [unclosed\n");
        assert!(text.contains("spec.yaml:"), "{text}");
        assert!(text.contains("not valid YAML"), "{text}");
        assert!(text.contains(":3:1:") || text.contains(":2:"), "{text}");
    }

    #[test]
    fn empty_file_is_named() {
        assert!(message("# nothing\n").contains("the file is empty"));
    }

    #[test]
    fn openapi_3_2_is_refused_with_the_supported_versions() {
        let text = message("openapi: 3.2.0\ninfo: {title: x, version: '1'}\npaths: {}\n");
        assert!(
            text.contains("\"3.2.0\" is not supported; only OpenAPI 3.0.x and 3.1.x are"),
            "{text}"
        );
    }

    #[test]
    fn openapi_3_1_loads_in_its_3_0_form() {
        let spec = load_str(
            Path::new("spec.yaml"),
            "openapi: 3.1.0\ninfo: {title: x, version: '1'}\n",
        );
        assert_eq!(spec.unwrap().document.openapi, "3.0.3");
    }

    #[test]
    fn swagger_is_refused() {
        assert!(message("swagger: '2.0'\n").contains("Swagger 2.0"));
    }

    #[test]
    fn integers_beyond_64_bits_load_with_a_warning_at_their_place() {
        let source = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: integer\n      minimum: -9223372036854776000\n";
        let spec = load_str(Path::new("spec.yaml"), source).unwrap();
        let [warning] = &spec.warnings[..] else {
            panic!("{:?}", spec.warnings)
        };
        assert_eq!(warning.location.pointer, "components.schemas.A.minimum");
        assert_eq!(
            spec.positions().find(&warning.location.pointer),
            Some((8, 7))
        );
        let schemas = &spec.document.components.as_ref().unwrap().schemas;
        let schema = schemas["A"].as_item().unwrap();
        let openapiv3::SchemaKind::Type(openapiv3::Type::Integer(integer)) = &schema.schema_kind
        else {
            panic!("not an integer schema: {schema:?}")
        };
        assert_eq!(integer.minimum, Some(i64::MIN));
    }

    #[test]
    fn wrong_shape_has_line_and_column() {
        let text = message("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths: 7\n");
        assert!(text.contains("spec.yaml:5:8:"), "{text}");
        assert!(text.contains("not a valid OpenAPI 3.0 document"), "{text}");
    }
}
