//! Schemas: every schema in the document uses known `type`s, component names stay distinct as
//! Rust type names; and the component schemas lowered for the type engine.

use std::collections::BTreeMap;

use openapiv3::{
    Parameter, ParameterSchemaOrContent, ReferenceOr, Response, Schema, SchemaKind, Type,
};
use serde_json::Value;

use super::Cx;
use super::refs::check_ref_kind;
use super::walk::{OperationAt, labelled_responses, paths};
use crate::model::ComponentSchema;
use crate::names;
use crate::resolve::resolve_response;

/// The component schemas in the type engine's dialect, in document order; then the inline field
/// schemas whose types would take a component's name, as components of their own
/// ([`super::field_types`]).
pub(super) fn component_schemas(cx: &mut Cx) -> Vec<ComponentSchema> {
    let schemas = cx.doc.components.iter().flat_map(|c| &c.schemas);
    let mut out = Vec::new();
    for (name, schema) in schemas {
        if let Some(schema) = cx.lower_schema(schema, &format!("components.schemas.{name}")) {
            out.push(ComponentSchema {
                name: name.clone(),
                schema,
            });
        }
    }
    super::field_types::separate_colliding_fields(&mut out);
    out
}

/// Every schema in the document: known `type`s only, and names that stay distinct as Rust type
/// names.
pub(super) fn check_schemas(cx: &mut Cx) {
    let doc = cx.doc;
    if let Some(components) = &doc.components {
        check_schema_names(cx, components);
        check_components(cx, components);
    }
    for path in paths(doc) {
        for (pointer, param) in path.parameters() {
            check_parameter(cx, param, &pointer);
        }
        for at in path.operations() {
            check_operation_schemas(cx, &at);
        }
    }
}

/// Schema names must start with a letter and stay distinct as Rust type names.
fn check_schema_names(cx: &mut Cx, components: &openapiv3::Components) {
    let mut type_names: BTreeMap<String, &String> = BTreeMap::new();
    for name in components.schemas.keys() {
        let type_name = names::pascal(name);
        if !names::is_nameable(name) {
            cx.add(
                format!("components.schemas.{name}"),
                "the schema name must start with a letter, as it names a Rust type",
            );
        } else if let Some(other) = type_names.insert(type_name.clone(), name) {
            cx.add(
                format!("components.schemas.{name}"),
                format!("the schemas `{other}` and `{name}` both become the Rust type `{type_name}`; rename one"),
            );
        }
    }
}

/// The schemas, parameters, responses and request bodies under `components`.
fn check_components(cx: &mut Cx, components: &openapiv3::Components) {
    for (name, schema) in &components.schemas {
        walk_schema(cx, schema, &format!("components.schemas.{name}"));
    }
    for (name, param) in &components.parameters {
        check_parameter(cx, param, &format!("components.parameters.{name}"));
    }
    for (name, response) in &components.responses {
        let pointer = format!("components.responses.{name}");
        check_ref_kind(cx, response, "responses", &pointer);
    }
    for (name, body) in &components.request_bodies {
        let pointer = format!("components.requestBodies.{name}");
        check_ref_kind(cx, body, "requestBodies", &pointer);
    }
}

/// The schemas of one operation's own parameters, request body and responses.
fn check_operation_schemas(cx: &mut Cx, at: &OperationAt) {
    for (pointer, param) in at.own_parameters() {
        check_parameter(cx, param, &pointer);
    }
    if let Some(body) = &at.op.request_body {
        let pointer = format!("{}.requestBody", at.pointer);
        check_ref_kind(cx, body, "requestBodies", &pointer);
        if let ReferenceOr::Item(body) = body {
            for (content_type, media) in &body.content {
                if let Some(schema) = &media.schema {
                    let at = format!("{pointer}.content.{content_type}.schema");
                    walk_schema(cx, schema, &at);
                }
            }
        }
    }
    for (status, _, response) in labelled_responses(at.op) {
        let pointer = format!("{}.responses.{status}", at.pointer);
        check_response_schemas(cx, response, &pointer);
    }
}

/// A response's `$ref` points at a response, and its content types' schemas are good (one
/// without a schema is any value of its media: `responses::content`).
fn check_response_schemas(cx: &mut Cx, response: &ReferenceOr<Response>, pointer: &str) {
    check_ref_kind(cx, response, "responses", pointer);
    let Some(response) = resolve_response(cx.doc, response) else {
        return;
    };
    for (content_type, media) in &response.content {
        if let Some(schema) = &media.schema {
            walk_schema(
                cx,
                schema,
                &format!("{pointer}.content.{content_type}.schema"),
            );
        }
    }
}

/// A parameter's `$ref` points at a parameter, and a parameter written in place has a good schema.
fn check_parameter(cx: &mut Cx, param: &ReferenceOr<Parameter>, pointer: &str) {
    check_ref_kind(cx, param, "parameters", pointer);
    if let ReferenceOr::Item(param) = param
        && let ParameterSchemaOrContent::Schema(schema) = &param.parameter_data_ref().format
    {
        walk_schema(cx, schema, &format!("{pointer}.schema"));
    }
}

const SCHEMA_TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

/// A schema and every schema inside it: known `type`s only. A `$ref` may point at any schema of
/// the document (the lowering follows it, `json_schema::Lowering`).
fn walk_schema<S: std::borrow::Borrow<Schema>>(
    cx: &mut Cx,
    schema: &ReferenceOr<S>,
    pointer: &str,
) {
    let ReferenceOr::Item(schema) = schema else {
        return;
    };
    match &schema.borrow().schema_kind {
        SchemaKind::Type(Type::Object(object)) => walk_object(cx, object, pointer),
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            Some(items) => walk_schema(cx, items, &format!("{pointer}.items")),
            None => cx.warn(
                pointer,
                "the array schema has no `items` (OpenAPI 3.0 requires it); its items are typed as any JSON value (`serde_json::Value`)",
            ),
        },
        SchemaKind::Type(_) => {}
        SchemaKind::OneOf { one_of } => walk_each(cx, one_of, pointer, "oneOf"),
        SchemaKind::AllOf { all_of } => walk_each(cx, all_of, pointer, "allOf"),
        SchemaKind::AnyOf { any_of } => walk_each(cx, any_of, pointer, "anyOf"),
        SchemaKind::Not { not } => walk_schema(cx, not.as_ref(), &format!("{pointer}.not")),
        SchemaKind::Any(any) => walk_any(cx, any, pointer),
    }
}

/// Each schema of a `oneOf`, `allOf` or `anyOf` list (named by `key`).
fn walk_each(cx: &mut Cx, items: &[ReferenceOr<Schema>], pointer: &str, key: &str) {
    for (index, item) in items.iter().enumerate() {
        walk_schema(cx, item, &format!("{pointer}.{key}[{index}]"));
    }
}

/// The properties and `additionalProperties` of an object schema.
fn walk_object(cx: &mut Cx, object: &openapiv3::ObjectType, pointer: &str) {
    for (name, property) in &object.properties {
        walk_schema(cx, property, &format!("{pointer}.properties.{name}"));
    }
    if let Some(openapiv3::AdditionalProperties::Schema(extra)) = &object.additional_properties {
        walk_schema(
            cx,
            extra.as_ref(),
            &format!("{pointer}.additionalProperties"),
        );
    }
}

/// A schema openapiv3 could not type: its `type` must be known, and present if it is constrained.
fn walk_any(cx: &mut Cx, any: &openapiv3::AnySchema, pointer: &str) {
    check_any_type(cx, any, pointer);
    for (name, property) in &any.properties {
        walk_schema(cx, property, &format!("{pointer}.properties.{name}"));
    }
    if let Some(items) = &any.items {
        walk_schema(cx, items, &format!("{pointer}.items"));
    }
    walk_each(cx, &any.one_of, pointer, "oneOf");
    walk_each(cx, &any.all_of, pointer, "allOf");
    walk_each(cx, &any.any_of, pointer, "anyOf");
}

/// Whether an `enum` without `type` says its type: all its values are of one type
/// (`json_schema::defaults::enum_value_type`), or all are null.
fn enum_says_its_type(values: &[Value]) -> bool {
    crate::json_schema::defaults::enum_value_type(values).is_some()
        || values.iter().all(Value::is_null)
}

/// An untyped schema must not use keywords of one type, and a `type` must be an OpenAPI one.
fn check_any_type(cx: &mut Cx, any: &openapiv3::AnySchema, pointer: &str) {
    let typed_keywords = [
        ("format", any.format.is_some()),
        ("minimum", any.minimum.is_some()),
        ("maximum", any.maximum.is_some()),
        ("multipleOf", any.multiple_of.is_some()),
        ("pattern", any.pattern.is_some()),
        ("minLength", any.min_length.is_some()),
        ("maxLength", any.max_length.is_some()),
        // An enum of values of one type needs no `type`: the values say it; nor does
        // `enum: [null]`, a value that is always null (the unit type).
        ("enum", !enum_says_its_type(&any.enumeration)),
    ];
    if any.typ.is_none()
        && let Some((keyword, _)) = typed_keywords.iter().find(|(_, set)| *set)
    {
        cx.add(
            pointer,
            format!("the schema has `{keyword}` but no `type`; add the type it constrains (e.g. `type: integer`)"),
        );
    }
    if let Some(typ) = &any.typ
        && !SCHEMA_TYPES.contains(&typ.as_str())
    {
        cx.add(
            format!("{pointer}.type"),
            format!(
                "`type: {typ}` is not an OpenAPI type; use one of {}",
                SCHEMA_TYPES.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_enum_without_type_says_its_type_when_its_values_are_of_one_type_or_all_null() {
        assert!(enum_says_its_type(&[json!("a"), json!("b")]));
        assert!(enum_says_its_type(&[json!(null)]));
        assert!(enum_says_its_type(&[json!(1), json!(2)]));
        assert!(enum_says_its_type(&[json!(true)]));
        assert!(!enum_says_its_type(&[json!("a"), json!(null)]));
        assert!(!enum_says_its_type(&[json!("a"), json!(1)]));
    }
}
