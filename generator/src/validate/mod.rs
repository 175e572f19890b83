//! Step 2: check the document for everything generation needs, report every problem at once
//! (each located), and lower what passes into the [`Api`] model: the one reading of the
//! document. One file per concern; each reads the document and adds problems through [`Cx`].

mod bodies;
mod credentials;
mod field_types;
mod operations;
mod package;
mod paging;
mod params;
mod refs;
mod responses;
mod schemas;
mod servers;
mod walk;

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::error::{Location, Problem};
use crate::model::{Api, JsonSchema};

/// What every check needs: the document, and the problems and warnings found so far.
pub(crate) struct Cx<'a> {
    pub doc: &'a OpenAPI,
    problems: Vec<Problem>,
    /// Whether each problem comes from lowering a schema (see [`Cx::lower_schema`]).
    lowered: Vec<bool>,
    /// What is accepted with a note: located like problems, but generation goes on.
    warnings: Vec<Problem>,
}

/// A problem or warning at the node `pointer` (dotted, e.g. `paths./tasks.get`), not yet given
/// its line and column (`lib.rs` looks them up).
fn unlocated(pointer: String, message: String) -> Problem {
    Problem {
        location: Location {
            pointer,
            line_column: None,
        },
        message,
    }
}

impl<'a> Cx<'a> {
    fn new(doc: &'a OpenAPI) -> Cx<'a> {
        Cx {
            doc,
            problems: Vec::new(),
            lowered: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Adds what `other` found after what this one found, as if `other`'s checks had run next
    /// on this `Cx`: a problem from lowering a schema where there is one already, and a warning
    /// already recorded, are not repeated.
    fn merge(&mut self, other: Cx<'a>) {
        for (problem, lowered) in other.problems.into_iter().zip(other.lowered) {
            let pointer = &problem.location.pointer;
            if !(lowered && self.problems.iter().any(|p| p.location.pointer == *pointer)) {
                self.problems.push(problem);
                self.lowered.push(lowered);
            }
        }
        for warning in other.warnings {
            if !self.warnings.contains(&warning) {
                self.warnings.push(warning);
            }
        }
    }

    /// Records a problem at the node `pointer` (dotted, e.g. `paths./tasks.get`).
    pub fn add(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.problems
            .push(unlocated(pointer.into(), message.into()));
        self.lowered.push(false);
    }

    /// Records a warning at the node `pointer`: the input is accepted, and the warning says how
    /// it is read. A warning already recorded (a schema lowered at each of its uses) is not
    /// repeated.
    pub fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        let warning = unlocated(pointer.into(), message.into());
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// Whether no problem was found so far.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// `schema`, found at `pointer`, in the type engine's dialect (`json_schema::Lowering`), or
    /// `None` and the problems. A problem at a place that has one already (a dangling `$ref`,
    /// which `refs` reports) is not repeated; nor is a warning.
    pub fn lower_schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
    ) -> Option<JsonSchema> {
        let mut lowering = crate::json_schema::Lowering::new(self.doc);
        let lowered = lowering.lower(schema, pointer);
        for (pointer, message) in lowering.warnings {
            self.warn(pointer, message);
        }
        for (pointer, message) in lowering.problems {
            if !self.problems.iter().any(|p| p.location.pointer == pointer) {
                self.add(pointer, message);
                self.lowered.pop();
                self.lowered.push(true);
            }
        }
        lowered
    }
}

/// The content type the client uses of those a body or an answer offers: `application/json`,
/// else another JSON one (`+json`), else the first that is not multipart, else the first. The one
/// rule for requests and answers alike.
pub(crate) fn preferred_content(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&String, &openapiv3::MediaType)> {
    let media = |ct: &String| crate::model::Media::of(ct);
    let exactly_json = |ct: &&String| {
        ct.split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    };
    let found = content.iter().find(|(ct, _)| exactly_json(ct));
    let found = found.or_else(|| {
        content
            .iter()
            .find(|(ct, _)| media(ct) == Some(crate::model::Media::Json))
    });
    let found = found.or_else(|| content.iter().find(|(ct, _)| media(ct).is_some()));
    found.or_else(|| content.first())
}

/// What the package, servers, credentials and operations lower into.
struct OperationParts {
    package: crate::model::Package,
    server: Option<crate::model::Server>,
    credentials: Vec<crate::model::Credential>,
    requirements: Vec<Vec<usize>>,
    value_forms: crate::model::ValueForms,
    operations: Vec<crate::model::Operation>,
}

fn operation_parts(cx: &mut Cx) -> OperationParts {
    let package = package::package(cx);
    let server = servers::server(cx);
    let (credentials, requirements) = credentials::credentials(cx);
    let value_forms = package::value_forms(cx);
    let operations = operations::operations(cx);
    params::check_header_params(cx, &operations, &credentials);
    OperationParts {
        package,
        server,
        credentials,
        requirements,
        value_forms,
        operations,
    }
}

/// What a thread of checks found; a panic in it goes on in the caller, as if it ran there.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Validates `doc` and returns its lowering, or every problem found (for tests that need only
/// the lowering).
#[cfg(test)]
pub fn validate(doc: &OpenAPI) -> Result<Api, Vec<Problem>> {
    validate_noting(doc).map(|(api, _)| api)
}

/// Validates `doc` and returns its lowering with the warnings about what it accepted (in the
/// order found), or every problem found.
pub fn validate_noting(doc: &OpenAPI) -> Result<(Api, Vec<Problem>), Vec<Problem>> {
    // Three independent groups of checks, each on a `Cx` of its own and a thread of its own,
    // merged in the order they would run one after another.
    let (cx, operations, schemas) = std::thread::scope(|scope| {
        let refs = scope.spawn(|| {
            let mut cx = Cx::new(doc);
            refs::check_refs(&mut cx);
            cx
        });
        let schemas = scope.spawn(|| {
            let mut cx = Cx::new(doc);
            schemas::check_schemas(&mut cx);
            let schemas = schemas::component_schemas(&mut cx);
            (cx, schemas)
        });
        let mut ops_cx = Cx::new(doc);
        let parts = operation_parts(&mut ops_cx);
        let mut cx = joined(refs);
        cx.merge(ops_cx);
        let (schemas_cx, schemas) = joined(schemas);
        cx.merge(schemas_cx);
        (cx, parts, schemas)
    });
    let OperationParts {
        package,
        server,
        credentials,
        requirements,
        value_forms,
        operations,
    } = operations;
    if !cx.is_clean() {
        return Err(cx.problems);
    }
    let api = Api {
        title: doc.info.title.clone(),
        description: doc.info.description.clone(),
        package,
        server,
        credentials,
        requirements,
        operations,
        value_forms,
        schemas,
        tags: (doc.tags.iter())
            .map(|tag| crate::model::Tag {
                name: tag.name.clone(),
                description: tag.description.clone(),
            })
            .collect(),
    };
    Ok((api, cx.warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_checks_report_what_one_cx_would_have() {
        let doc: OpenAPI = serde_json::from_str(
            r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
        )
        .unwrap();
        let mut refs = Cx::new(&doc);
        refs.add("a", "`$ref` points at nothing");
        refs.warn("w", "read as any value");
        let mut later = Cx::new(&doc);
        later.add("a", "another check's problem here");
        later
            .problems
            .push(unlocated("a".into(), "lowering".into()));
        later.lowered.push(true);
        later.add("b", "elsewhere");
        later.warn("w", "read as any value");
        later.warn("x", "a new note");
        refs.merge(later);
        let problems: Vec<&str> = refs.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            problems,
            [
                "`$ref` points at nothing",
                "another check's problem here",
                "elsewhere"
            ]
        );
        assert_eq!(refs.lowered, [false, false, false]);
        let warnings: Vec<&str> = refs
            .warnings
            .iter()
            .map(|w| w.location.pointer.as_str())
            .collect();
        assert_eq!(warnings, ["w", "x"]);
    }
}
