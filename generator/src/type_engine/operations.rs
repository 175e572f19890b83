//! When the type engine fails on an operation's own inline schemas (its params', its request
//! body's or its parts', its responses'): each it fails on is found, in fresh type spaces with the component
//! schemas, and typed as any JSON value instead.

use super::Types;
use crate::error::{Location, Problem};
use crate::model::{ComponentSchema, JsonSchema, Operation, Status};

/// Replaces each schema of `op` the engine cannot type (beside `components`) by the schema that
/// admits anything (`serde_json::Value`), and returns a warning naming each. `None` when the
/// engine types them all (its failure was elsewhere).
pub(crate) fn settle(components: &[ComponentSchema], op: &mut Operation) -> Option<Vec<Problem>> {
    let pointer = format!(
        "paths.{}.{}",
        op.path,
        op.method.as_str().to_ascii_lowercase()
    );
    let id = op.id.clone();
    let mut warnings = Vec::new();
    for (place, name, schema) in schemas(op) {
        let mut types = Types::new(components).ok()?;
        let Err(message) = types.add(schema, &format!("{id}-{name}")) else {
            continue;
        };
        *schema = JsonSchema::Bool(true);
        let message = super::components::short(&message);
        warnings.push(Problem {
            location: Location {
                pointer: format!("{pointer}{}", place.0),
                line_column: None,
            },
            message: format!(
                "the type engine cannot type {} ({message}); it is typed as serde_json::Value",
                place.1
            ),
        });
    }
    (!warnings.is_empty()).then_some(warnings)
}

/// Where a schema is, after the operation's pointer, and how a message names it.
type Place = (String, String);

/// The operation's inline schemas: where each is, the name the plan gives its type, the schema.
fn schemas(op: &mut Operation) -> Vec<(Place, String, &mut JsonSchema)> {
    let mut out = Vec::new();
    for param in &mut op.params {
        let place = (
            String::new(),
            format!("the schema of the param `{}`", param.name),
        );
        out.push((place, param.name.clone(), &mut param.schema));
    }
    if let Some(body) = &mut op.body {
        let at = format!(".requestBody.content.{}.schema", body.content_type);
        if let Some(schema) = &mut body.schema {
            let place = (at.clone(), "the request body's schema".to_owned());
            out.push((place, "body".to_owned(), schema));
        }
        let parts = body.properties.iter_mut();
        for (name, part) in parts.filter_map(|p| Some((&p.name, p.part.as_mut()?))) {
            let Some(schema) = &mut part.schema else {
                continue;
            };
            let place = (
                format!("{at}.properties.{name}"),
                format!("the schema of the part `{name}`"),
            );
            out.push((place, name.clone(), schema));
        }
    }
    for response in &mut op.responses {
        let status = match response.status {
            Status::Code(code) => code.to_string(),
            Status::Class(class) => format!("{class}XX"),
            Status::Default => "default".to_owned(),
        };
        let Some(content) = &mut response.content else {
            continue;
        };
        let Some(schema) = &mut content.schema else {
            continue;
        };
        let at = format!(
            ".responses.{status}.content.{}.schema",
            content.content_type
        );
        let place = (at, format!("the schema of the `{status}` response"));
        out.push((place, "response".to_owned(), schema));
    }
    out
}
