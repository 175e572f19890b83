//! Resolving references in the parsed document, for validation (the one reader of the
//! document): the component a `$ref` names, and the schema any local JSON pointer leads to.

use std::borrow::Borrow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Components, MediaType, OpenAPI, Operation, Parameter,
    ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, Schema, SchemaKind, Type,
};

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
    follow(doc, SchemaAt::of(schema), 16)
}

/// A property's schema (boxed, as object properties hold them), or the one its `$ref` names.
pub(crate) fn resolve_boxed_schema<'a>(
    doc: &'a OpenAPI,
    schema: &'a ReferenceOr<Box<Schema>>,
) -> Option<&'a Schema> {
    follow(doc, SchemaAt::of(schema), 16)
}

/// The schema `at` is, following at most `hops` references (a cycle of `$ref`s ends).
fn follow<'a>(doc: &'a OpenAPI, at: SchemaAt<'a>, hops: usize) -> Option<&'a Schema> {
    match at {
        SchemaAt::Item(schema) => Some(schema),
        SchemaAt::Ref(reference) if hops > 0 => follow(doc, schema_at(doc, reference)?, hops - 1),
        SchemaAt::Ref(_) => None,
    }
}

/// A schema where a `$ref` may point: written in place, or itself a `$ref`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SchemaAt<'a> {
    Item(&'a Schema),
    Ref(&'a str),
}

impl<'a> SchemaAt<'a> {
    fn of<S: Borrow<Schema>>(schema: &'a ReferenceOr<S>) -> SchemaAt<'a> {
        match schema {
            ReferenceOr::Item(schema) => SchemaAt::Item(schema.borrow()),
            ReferenceOr::Reference { reference } => SchemaAt::Ref(reference),
        }
    }
}

/// The schema the local `$ref` `reference` points at: any JSON pointer of the document that
/// leads to a schema (`#/components/schemas/A`, `#/components/schemas/A/properties/b`,
/// `#/components/parameters/x/schema`, `#/paths/~1a/get/responses/200/content/application~1json/schema`,
/// …); `None` when it leads nowhere or not to a schema. A pointer does not pass through a
/// `$ref` on its way.
pub(crate) fn schema_at<'a>(doc: &'a OpenAPI, reference: &str) -> Option<SchemaAt<'a>> {
    let keys = pointer_keys(reference)?;
    let mut keys = keys.iter().map(String::as_str);
    let mut at = start(doc, &mut keys)?;
    while let Some(key) = keys.next() {
        let SchemaAt::Item(schema) = at else {
            return None;
        };
        at = inside(schema, key, &mut keys)?;
    }
    Some(at)
}

/// The keys of a local reference (`#/a/b~1c` → `a`, `b/c`), or `None` for another reference.
pub(crate) fn pointer_keys(reference: &str) -> Option<Vec<String>> {
    let keys = reference.strip_prefix("#/")?.split('/');
    Some(
        keys.map(|key| key.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// The dotted pointer problems use (`paths./a.get.parameters[0].schema`) of a local reference.
pub(crate) fn dotted(reference: &str) -> String {
    let keys = pointer_keys(reference).unwrap_or_default();
    let mut out = String::new();
    for (index, key) in keys.iter().enumerate() {
        let listed = index > 0 && LISTS.contains(&keys[index - 1].as_str());
        if listed && key.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{key}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
    }
    out
}

/// Keys whose value is a list (of parameters or of schemas).
const LISTS: &[&str] = &["parameters", "allOf", "oneOf", "anyOf"];

/// The first schema on the way: a component schema, or the schema of a parameter, request body
/// or response (under `components` or an operation).
fn start<'a, 'k>(
    doc: &'a OpenAPI,
    keys: &mut impl Iterator<Item = &'k str>,
) -> Option<SchemaAt<'a>> {
    match keys.next()? {
        "components" => {
            let components = doc.components.as_ref()?;
            match keys.next()? {
                "schemas" => Some(SchemaAt::of(components.schemas.get(keys.next()?)?)),
                "parameters" => {
                    let param = components.parameters.get(keys.next()?)?.as_item()?;
                    parameter_schema(param, keys)
                }
                "requestBodies" => {
                    let body = components.request_bodies.get(keys.next()?)?.as_item()?;
                    content_schema(&body.content, keys)
                }
                "responses" => {
                    let response = components.responses.get(keys.next()?)?.as_item()?;
                    content_schema(&response.content, keys)
                }
                _ => None,
            }
        }
        "paths" => {
            let item = doc.paths.paths.get(keys.next()?)?.as_item()?;
            match keys.next()? {
                "parameters" => listed_parameter(&item.parameters, keys),
                method => {
                    let (_, op) = item.iter().find(|(key, _)| *key == method)?;
                    operation_schema(op, keys)
                }
            }
        }
        _ => None,
    }
}

/// A schema of an operation's parameters, request body or responses.
fn operation_schema<'a, 'k>(
    op: &'a Operation,
    keys: &mut impl Iterator<Item = &'k str>,
) -> Option<SchemaAt<'a>> {
    match keys.next()? {
        "parameters" => listed_parameter(&op.parameters, keys),
        "requestBody" => content_schema(&op.request_body.as_ref()?.as_item()?.content, keys),
        "responses" => {
            let status = keys.next()?;
            let response = if status == "default" {
                op.responses.default.as_ref()?
            } else {
                let mut responses = op.responses.responses.iter();
                let found = responses.find(|(s, _)| s.to_string().eq_ignore_ascii_case(status));
                found?.1
            };
            content_schema(&response.as_item()?.content, keys)
        }
        _ => None,
    }
}

/// `N/schema` of a list of parameters.
fn listed_parameter<'a, 'k>(
    params: &'a [ReferenceOr<Parameter>],
    keys: &mut impl Iterator<Item = &'k str>,
) -> Option<SchemaAt<'a>> {
    let param = params.get(keys.next()?.parse::<usize>().ok()?)?.as_item()?;
    parameter_schema(param, keys)
}

/// `schema` of a parameter.
fn parameter_schema<'a, 'k>(
    param: &'a Parameter,
    keys: &mut impl Iterator<Item = &'k str>,
) -> Option<SchemaAt<'a>> {
    match (keys.next()?, &param.parameter_data_ref().format) {
        ("schema", ParameterSchemaOrContent::Schema(schema)) => Some(SchemaAt::of(schema)),
        _ => None,
    }
}

/// `content/TYPE/schema` of a request body or response.
fn content_schema<'a, 'k>(
    content: &'a IndexMap<String, MediaType>,
    keys: &mut impl Iterator<Item = &'k str>,
) -> Option<SchemaAt<'a>> {
    (keys.next()? == "content").then_some(())?;
    let media = content.get(keys.next()?)?;
    (keys.next()? == "schema").then_some(())?;
    Some(SchemaAt::of(media.schema.as_ref()?))
}

/// The schema at `key` (and the keys it takes) inside `schema`: a property, `items`,
/// `additionalProperties`, a member of `allOf`/`oneOf`/`anyOf`, or `not`.
fn inside<'a, 'k>(
    schema: &'a Schema,
    key: &str,
    keys: &mut impl Iterator<Item = &'k str>,
) -> Option<SchemaAt<'a>> {
    let parts = Parts::of(&schema.schema_kind);
    Some(match key {
        "properties" => SchemaAt::of(parts.properties?.get(keys.next()?)?),
        "items" => SchemaAt::of(parts.items?),
        "additionalProperties" => match parts.additional? {
            AdditionalProperties::Schema(schema) => SchemaAt::of(schema.as_ref()),
            AdditionalProperties::Any(_) => return None,
        },
        "not" => SchemaAt::of(parts.not?),
        "allOf" | "oneOf" | "anyOf" => {
            let list = parts.lists.iter().find(|(name, _)| *name == key)?.1;
            SchemaAt::of(list.get(keys.next()?.parse::<usize>().ok()?)?)
        }
        _ => return None,
    })
}

/// The schemas inside a schema, wherever its kind keeps them.
#[derive(Default)]
struct Parts<'a> {
    properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    items: Option<&'a ReferenceOr<Box<Schema>>>,
    additional: Option<&'a AdditionalProperties>,
    not: Option<&'a ReferenceOr<Schema>>,
    lists: Vec<(&'static str, &'a [ReferenceOr<Schema>])>,
}

impl<'a> Parts<'a> {
    fn of(kind: &'a SchemaKind) -> Parts<'a> {
        match kind {
            SchemaKind::Type(Type::Object(object)) => Parts {
                properties: Some(&object.properties),
                additional: object.additional_properties.as_ref(),
                ..Parts::default()
            },
            SchemaKind::Type(Type::Array(array)) => Parts {
                items: array.items.as_ref(),
                ..Parts::default()
            },
            SchemaKind::Type(_) => Parts::default(),
            SchemaKind::OneOf { one_of } => Parts::listed("oneOf", one_of),
            SchemaKind::AllOf { all_of } => Parts::listed("allOf", all_of),
            SchemaKind::AnyOf { any_of } => Parts::listed("anyOf", any_of),
            SchemaKind::Not { not } => Parts {
                not: Some(not),
                ..Parts::default()
            },
            SchemaKind::Any(any) => Parts {
                properties: Some(&any.properties),
                items: any.items.as_ref(),
                additional: any.additional_properties.as_ref(),
                not: any.not.as_deref(),
                lists: vec![
                    ("oneOf", &any.one_of),
                    ("allOf", &any.all_of),
                    ("anyOf", &any.any_of),
                ],
            },
        }
    }

    fn listed(key: &'static str, list: &'a [ReferenceOr<Schema>]) -> Parts<'a> {
        Parts {
            lists: vec![(key, list)],
            ..Parts::default()
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"
openapi: 3.0.3
info: {title: x, version: '1'}
paths:
  /a/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer, maximum: 9}}
    get:
      responses:
        2XX:
          description: ok
          content:
            application/json:
              schema: {allOf: [{$ref: "#/components/schemas/A"}, {type: object}]}
components:
  schemas:
    A:
      type: object
      properties:
        b: {type: string, maxLength: 3}
        c: {$ref: "#/paths/~1a~1{id}/parameters/0/schema"}
"##;

    fn found(doc: &OpenAPI, reference: &str) -> Option<String> {
        Some(match schema_at(doc, reference)? {
            SchemaAt::Item(schema) => serde_json::to_string(schema).unwrap(),
            SchemaAt::Ref(reference) => format!("ref {reference}"),
        })
    }

    #[test]
    fn json_pointers_lead_to_the_schemas_they_name() {
        let doc: OpenAPI = serde_yaml::from_str(DOC).unwrap();
        let b = found(&doc, "#/components/schemas/A/properties/b").unwrap();
        assert_eq!(b, r#"{"type":"string","maxLength":3}"#);
        let id = found(&doc, "#/paths/~1a~1{id}/parameters/0/schema").unwrap();
        assert_eq!(id, r#"{"type":"integer","maximum":9}"#);
        let member = "#/paths/~1a~1{id}/get/responses/2XX/content/application~1json/schema/allOf/0";
        assert_eq!(found(&doc, member).unwrap(), "ref #/components/schemas/A");
        assert_eq!(found(&doc, "#/components/schemas/A/properties/nope"), None);
        assert_eq!(
            found(&doc, "#/components/schemas/A/properties/c/type"),
            None
        );
        assert_eq!(found(&doc, "#/info"), None);
    }

    #[test]
    fn schemas_resolve_through_any_pointer() {
        let doc: OpenAPI = serde_yaml::from_str(DOC).unwrap();
        let reference = ReferenceOr::Reference {
            reference: "#/components/schemas/A/properties/c".to_owned(),
        };
        let resolved = resolve_schema(&doc, &reference).unwrap();
        assert!(matches!(
            resolved.schema_kind,
            SchemaKind::Type(Type::Integer(_))
        ));
    }

    #[test]
    fn dotted_pointers_name_list_items_by_index() {
        assert_eq!(
            dotted("#/paths/~1a~1{id}/get/parameters/0/schema/allOf/1/properties/0"),
            "paths./a/{id}.get.parameters[0].schema.allOf[1].properties.0"
        );
    }
}
