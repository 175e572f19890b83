//! OpenAPI 3.0 schemas as the JSON Schema the type engine (typify) reads.
//!
//! The two dialects differ in a few keywords only; everything else is the same JSON. This
//! rewrites those on the schema's JSON form:
//! - `nullable: true` becomes a `null` in `type` (or one more `null` member of a `oneOf`/`anyOf`;
//!   or, for another schema without `type`, a `oneOf` of `null` and the schema, keeping its docs
//!   on the outside);
//! - `exclusiveMinimum`/`exclusiveMaximum: true` take the bound's value (draft 6 style);
//! - `example` becomes `examples: [example]`;
//! - a `format` on an object, array or boolean goes: formats describe strings and numbers, and
//!   JSON Schema ignores them on other types (e.g. Twilio's `type: object, format: uri-map`);
//! - what JSON Schema has no use for (`discriminator`, `externalDocs`, `xml`, `false` flags) goes;
//! - `title` goes: the type engine names a type after its schema's title, so a schema titled like
//!   a component (GitHub's `nullable-milestone` is titled `Milestone`) gave two types of one
//!   name. Types are named after their component or their place instead.

use openapiv3::{ReferenceOr, Schema};
use serde_json::{Map, Value};

/// Keywords whose value is one schema.
const ONE_SCHEMA: &[&str] = &["items", "not", "additionalProperties"];
/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf"];
/// Keywords that describe a schema rather than constrain it; they stay outside a `oneOf` wrapper.
const METADATA: &[&str] = &[
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
];

/// Converts an OpenAPI schema (or reference) into typify's input.
pub(crate) fn to_json_schema(
    schema: &ReferenceOr<Schema>,
) -> Result<schemars::schema::Schema, String> {
    let value = serde_json::to_value(schema).map_err(|err| err.to_string())?;
    serde_json::from_value(convert(value)).map_err(|err| err.to_string())
}

fn convert(value: Value) -> Value {
    let Value::Object(mut object) = value else {
        return value;
    };
    if object.contains_key("$ref") {
        return Value::Object(object);
    }
    for key in ONE_SCHEMA {
        if let Some(inner) = object.remove(*key) {
            object.insert((*key).to_owned(), convert(inner));
        }
    }
    for key in SCHEMA_LISTS {
        if let Some(Value::Array(list)) = object.remove(*key) {
            let list = list.into_iter().map(convert).collect();
            object.insert((*key).to_owned(), Value::Array(list));
        }
    }
    if let Some(Value::Object(properties)) = object.remove("properties") {
        let properties = properties
            .into_iter()
            .map(|(name, schema)| (name, convert(schema)))
            .collect();
        object.insert("properties".to_owned(), Value::Object(properties));
    }
    for drop in ["discriminator", "externalDocs", "xml", "title"] {
        object.remove(drop);
    }
    let kind = object.get("type").and_then(Value::as_str);
    if matches!(kind, Some("object" | "array" | "boolean")) {
        object.remove("format");
    }
    if object.get("uniqueItems") == Some(&Value::Bool(false)) {
        object.remove("uniqueItems");
    }
    exclusive_bound(&mut object, "minimum", "exclusiveMinimum");
    exclusive_bound(&mut object, "maximum", "exclusiveMaximum");
    if let Some(example) = object.remove("example") {
        object.insert("examples".to_owned(), Value::Array(vec![example]));
    }
    nullable(object)
}

/// `minimum: 3, exclusiveMinimum: true` → `exclusiveMinimum: 3`.
fn exclusive_bound(object: &mut Map<String, Value>, bound: &str, exclusive: &str) {
    match object.remove(exclusive) {
        Some(Value::Bool(true)) => {
            if let Some(value) = object.remove(bound) {
                object.insert(exclusive.to_owned(), value);
            }
        }
        Some(Value::Bool(false)) | None => {}
        Some(other) => {
            object.insert(exclusive.to_owned(), other);
        }
    }
}

fn nullable(mut object: Map<String, Value>) -> Value {
    if object.remove("nullable") != Some(Value::Bool(true)) {
        return Value::Object(object);
    }
    if let Some(Value::String(kind)) = object.remove("type") {
        let kinds = vec![Value::String(kind), Value::String("null".to_owned())];
        object.insert("type".to_owned(), Value::Array(kinds));
        return Value::Object(object);
    }
    // A union admits `null` as one more member; wrapping it would make the engine name the
    // union and its wrapper alike (GitHub's `nullable-secret-scanning-first-detected-location`).
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            members.push(serde_json::json!({ "type": "null" }));
            return Value::Object(object);
        }
    }
    let mut outer = Map::new();
    let keys: Vec<String> = object.keys().cloned().collect();
    for key in keys {
        if !METADATA.contains(&key.as_str()) && !key.starts_with("x-") {
            continue;
        }
        if let Some(value) = object.remove(&key) {
            outer.insert(key, value);
        }
    }
    let null = serde_json::json!({ "type": "null" });
    outer.insert(
        "oneOf".to_owned(),
        Value::Array(vec![null, Value::Object(object)]),
    );
    Value::Object(outer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn converted(yaml: &str) -> Value {
        let schema: ReferenceOr<Schema> = serde_yaml::from_str(yaml).unwrap();
        serde_json::to_value(to_json_schema(&schema).unwrap()).unwrap()
    }

    #[test]
    fn nullable_types_admit_null() {
        let out = converted("type: string\nnullable: true\nexample: Dev");
        assert_eq!(out["type"], json!(["string", "null"]));
        assert_eq!(out["examples"], json!(["Dev"]));
    }

    #[test]
    fn nullable_unions_admit_null_as_one_more_member() {
        let out = converted(
            "nullable: true\ndescription: either\noneOf:\n  - type: string\n  - type: integer",
        );
        assert_eq!(out["description"], json!("either"));
        assert_eq!(out["oneOf"][2], json!({ "type": "null" }));
        assert_eq!(out["oneOf"][1], json!({ "type": "integer" }));
    }

    #[test]
    fn other_nullable_schemas_without_type_are_wrapped_with_their_docs_outside() {
        let out = converted(
            "nullable: true\ndescription: a task\nallOf:\n  - $ref: '#/components/schemas/Task'",
        );
        assert_eq!(out["description"], json!("a task"));
        assert_eq!(out["oneOf"][0], json!({ "type": "null" }));
        assert_eq!(
            out["oneOf"][1]["allOf"][0],
            json!({ "$ref": "#/components/schemas/Task" })
        );
    }

    #[test]
    fn formats_stay_on_strings_and_numbers_only() {
        let out = converted("type: object\nformat: uri-map\nnullable: true");
        assert!(out.get("format").is_none(), "{out}");
        assert_eq!(out["type"], json!(["object", "null"]));
        let out = converted("type: string\nformat: date-time");
        assert_eq!(out["format"], json!("date-time"));
        let out = converted("type: integer\nformat: int32");
        assert_eq!(out["format"], json!("int32"));
    }

    #[test]
    fn exclusive_bounds_take_the_value() {
        let out = converted("type: integer\nminimum: 3\nexclusiveMinimum: true\nmaximum: 9");
        assert_eq!(out["exclusiveMinimum"], json!(3.0));
        assert_eq!(out["maximum"], json!(9.0));
        assert!(out.get("minimum").is_none());
    }

    #[test]
    fn nested_schemas_and_references_are_converted() {
        let out = converted(
            "type: object\nproperties:\n  a:\n    type: array\n    items:\n      $ref: '#/components/schemas/A'\n  b:\n    type: number\n    nullable: true",
        );
        assert_eq!(
            out["properties"]["a"]["items"],
            json!({ "$ref": "#/components/schemas/A" })
        );
        assert_eq!(out["properties"]["b"]["type"], json!(["number", "null"]));
    }
}
