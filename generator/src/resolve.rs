//! Resolving references in the parsed document: the component a `$ref` names, for validation
//! (the one reader of the document).

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

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
