//! Reading the parsed document: an operation's node and the components its references name.

use indexmap::IndexMap;
use openapiv3::{
    Components, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response,
    Schema, StatusCode,
};

/// The path item at `path`, when it is written in place.
pub(crate) fn path_item<'a>(doc: &'a OpenAPI, path: &str) -> Option<&'a PathItem> {
    doc.paths.paths.get(path)?.as_item()
}

/// The operation `method` (lower case, e.g. `get`) of the path item at `path`.
pub(crate) fn operation<'a>(doc: &'a OpenAPI, path: &str, method: &str) -> Option<&'a Operation> {
    path_item(doc, path)?
        .iter()
        .find(|(key, _)| *key == method)
        .map(|(_, op)| op)
}

/// Every parameter of an operation, path-item parameters first, references resolved.
pub(crate) fn parameters<'a>(
    doc: &'a OpenAPI,
    item: &'a PathItem,
    op: &'a Operation,
) -> impl Iterator<Item = &'a Parameter> {
    item.parameters
        .iter()
        .chain(&op.parameters)
        .filter_map(move |param| resolve_parameter(doc, param))
}

/// The item itself, or the component a `#/components/{section}/NAME` reference names.
fn resolve_component<'a, T>(
    item: &'a ReferenceOr<T>,
    section: &str,
    components: impl FnOnce(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    doc: &'a OpenAPI,
) -> Option<&'a T> {
    match item {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix(&format!("#/components/{section}/"))?;
            components(doc.components.as_ref()?).get(name)?.as_item()
        }
    }
}

/// A parameter, or the one its reference names.
pub(crate) fn resolve_parameter<'a>(
    doc: &'a OpenAPI,
    param: &'a ReferenceOr<Parameter>,
) -> Option<&'a Parameter> {
    resolve_component(param, "parameters", |c| &c.parameters, doc)
}

/// A schema, or the one its `$ref` chain names.
pub(crate) fn resolve_schema<'a>(
    doc: &'a OpenAPI,
    schema: &'a ReferenceOr<Schema>,
) -> Option<&'a Schema> {
    resolve_schema_within(doc, schema, 16)
}

/// [`resolve_schema`], following at most `hops` references (a cycle of `$ref`s ends).
fn resolve_schema_within<'a>(
    doc: &'a OpenAPI,
    schema: &'a ReferenceOr<Schema>,
    hops: usize,
) -> Option<&'a Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } if hops > 0 => {
            let name = reference.strip_prefix("#/components/schemas/")?;
            let next = doc.components.as_ref()?.schemas.get(name)?;
            resolve_schema_within(doc, next, hops - 1)
        }
        ReferenceOr::Reference { .. } => None,
    }
}

/// The schema of the property `name` of an object schema.
pub(crate) fn property_schema<'a>(
    doc: &'a OpenAPI,
    object: &'a ReferenceOr<Schema>,
    name: &str,
) -> Option<&'a Schema> {
    let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) =
        &resolve_schema(doc, object)?.schema_kind
    else {
        return None;
    };
    resolve_boxed_schema(doc, object.properties.get(name)?)
}

/// A property's schema (boxed, as object properties hold them), or the one its `$ref` names.
pub(crate) fn resolve_boxed_schema<'a>(
    doc: &'a OpenAPI,
    schema: &'a ReferenceOr<Box<Schema>>,
) -> Option<&'a Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } => schema_by_ref(doc, reference),
    }
}

/// The component schema `#/components/schemas/NAME` names, its own `$ref`s followed.
fn schema_by_ref<'a>(doc: &'a OpenAPI, reference: &str) -> Option<&'a Schema> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    resolve_schema(doc, doc.components.as_ref()?.schemas.get(name)?)
}

/// A request body, or the one its reference names.
pub(crate) fn resolve_body<'a>(
    doc: &'a OpenAPI,
    body: &'a ReferenceOr<RequestBody>,
) -> Option<&'a RequestBody> {
    resolve_component(body, "requestBodies", |c| &c.request_bodies, doc)
}

/// A response, or the one its reference names.
pub(crate) fn resolve_response<'a>(
    doc: &'a OpenAPI,
    response: &'a ReferenceOr<Response>,
) -> Option<&'a Response> {
    resolve_component(response, "responses", |c| &c.responses, doc)
}

/// Whether a status is a success (2XX) one.
pub(crate) fn is_success(status: &StatusCode) -> bool {
    match status {
        StatusCode::Code(code) => (200..300).contains(code),
        StatusCode::Range(range) => *range == 2,
    }
}

/// Whether a status is `101 Switching Protocols`: the answer of an operation that upgrades its
/// connection to another protocol.
pub(crate) fn is_upgrade(status: &StatusCode) -> bool {
    matches!(status, StatusCode::Code(101))
}

/// Whether the operation answers by upgrading its connection (it documents `101`).
pub(crate) fn upgrades(op: &Operation) -> bool {
    op.responses.responses.keys().any(is_upgrade)
}

/// Whether `status` is the `default` of an operation that documents no 2XX and no `101`: then
/// `default` is its answer (any 2XX decodes it), not an error.
pub(crate) fn default_is_the_answer(op: &Operation, status: Option<&StatusCode>) -> bool {
    status.is_none() && !upgrades(op) && !op.responses.responses.keys().any(is_success)
}

/// Whether a response status (`None` for `default`) is an error one: 4XX, 5XX or default.
pub(crate) fn is_error(status: Option<&StatusCode>) -> bool {
    match status {
        Some(StatusCode::Code(code)) => *code >= 400,
        Some(StatusCode::Range(range)) => *range >= 4,
        None => true,
    }
}
