//! Step 2: check the document for everything generation needs, report every problem at once
//! (each located), and lower what passes into the [`Api`] model: the one reading of the
//! document. One file per concern; each reads the document and adds problems through [`Cx`].

mod bodies;
mod credentials;
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

/// What every check needs: the document, and the problems found so far.
pub(crate) struct Cx<'a> {
    pub doc: &'a OpenAPI,
    problems: Vec<Problem>,
}

impl<'a> Cx<'a> {
    fn new(doc: &'a OpenAPI) -> Cx<'a> {
        Cx {
            doc,
            problems: Vec::new(),
        }
    }

    /// Records a problem at the node `pointer` (dotted, e.g. `paths./tasks.get`).
    pub fn add(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            location: Location {
                pointer: pointer.into(),
                line_column: None,
            },
            message: message.into(),
        });
    }

    /// Whether no problem was found so far.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// `schema` in the type engine's dialect, or `None` (and a problem at `pointer`).
    pub fn lower_schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
    ) -> Option<JsonSchema> {
        match crate::json_schema::to_json_schema(schema) {
            Ok(lowered) => Some(lowered),
            Err(message) => {
                self.add(
                    pointer,
                    format!("the schema cannot be read as JSON Schema: {message}"),
                );
                None
            }
        }
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

/// Validates `doc` and returns its lowering, or every problem found.
pub fn validate(doc: &OpenAPI) -> Result<Api, Vec<Problem>> {
    let mut cx = Cx::new(doc);
    refs::check_refs(&mut cx);
    let package = package::package(&mut cx);
    let server = servers::server(&mut cx);
    let (credentials, requirements) = credentials::credentials(&mut cx);
    let value_forms = package::value_forms(&mut cx);
    let operations = operations::operations(&mut cx);
    params::check_header_params(&mut cx, &operations, &credentials);
    schemas::check_schemas(&mut cx);
    let schemas = schemas::component_schemas(&mut cx);
    if !cx.is_clean() {
        return Err(cx.problems);
    }
    Ok(Api {
        title: doc.info.title.clone(),
        description: doc.info.description.clone(),
        package,
        server,
        credentials,
        requirements,
        operations,
        value_forms,
        schemas,
    })
}
