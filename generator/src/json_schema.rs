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
//!   name. Types are named after their component or their place instead;
//! - a `$ref` that does not name a component schema is replaced by the schema it points at
//!   ([`Lowering`]);
//! - a string `enum` whose values the engine would give one Rust name (`ASC`, `asc`) becomes a
//!   plain string, with a warning; values repeated exactly go.

use openapiv3::{OpenAPI, ReferenceOr, Schema};
use serde_json::{Map, Value};

use crate::model::JsonSchema;
use crate::names;
use crate::resolve::{self, SchemaAt};

mod all_of;
pub(crate) mod defaults;
mod nullable;
mod open_enum;

use nullable::nullable;

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

/// The lowering of a document's schemas into typify's input. A `$ref` to a component schema
/// (`#/components/schemas/NAME`) stays a reference: the type engine names that type. Any other
/// local `$ref` that leads to a schema (`#/components/schemas/A/properties/b`,
/// `#/components/parameters/x/schema`, a response's schema under `paths`, …) is replaced by the
/// schema it points at, lowered in turn; a cycle of such references, or one that leads to no
/// schema, is a problem at that `$ref`.
pub(crate) struct Lowering<'a> {
    doc: &'a OpenAPI,
    /// The references being followed, outermost first (a cycle is one met again).
    following: Vec<String>,
    /// Problems found, as (dotted pointer, message); the schema is not lowered when there is one.
    pub problems: Vec<(String, String)>,
    /// What was accepted with a note, as (dotted pointer, message).
    pub warnings: Vec<(String, String)>,
}

impl<'a> Lowering<'a> {
    pub fn new(doc: &'a OpenAPI) -> Lowering<'a> {
        Lowering {
            doc,
            following: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// `schema`, found at `pointer`, in the type engine's dialect; `None` when there is a problem.
    pub fn lower(&mut self, schema: &ReferenceOr<Schema>, pointer: &str) -> Option<JsonSchema> {
        let problems = self.problems.len();
        let lowered = serde_json::to_value(schema)
            .map(|value| self.convert(value, pointer))
            .and_then(serde_json::from_value);
        match lowered {
            Ok(schema) if self.problems.len() == problems => Some(schema),
            Ok(_) => None,
            Err(err) => {
                let message = format!("the schema cannot be read as JSON Schema: {err}");
                self.problems.push((pointer.to_owned(), message));
                None
            }
        }
    }

    /// The JSON form of the schema at `pointer`, rewritten (see the module's docs).
    fn convert(&mut self, value: Value, pointer: &str) -> Value {
        let Value::Object(mut object) = value else {
            return value;
        };
        if let Some(Value::String(reference)) = object.get("$ref") {
            if is_component_schema(reference) {
                return Value::Object(object);
            }
            let reference = reference.clone();
            return self.follow(&reference, &format!("{pointer}.$ref"));
        }
        all_of::narrowed_enum(&mut object, |reference| self.enum_values(reference));
        all_of::annotated_reference(&mut object);
        for key in ONE_SCHEMA {
            if let Some(inner) = object.remove(*key) {
                let inner = self.convert(inner, &format!("{pointer}.{key}"));
                object.insert((*key).to_owned(), inner);
            }
        }
        for key in SCHEMA_LISTS {
            if let Some(Value::Array(list)) = object.remove(*key) {
                let list = list.into_iter().enumerate();
                let list =
                    list.map(|(i, item)| self.convert(item, &format!("{pointer}.{key}[{i}]")));
                object.insert((*key).to_owned(), Value::Array(list.collect()));
            }
        }
        if let Some(Value::Object(properties)) = object.remove("properties") {
            let properties = properties.into_iter().map(|(name, schema)| {
                let schema = self.convert(schema, &format!("{pointer}.properties.{name}"));
                (name, schema)
            });
            object.insert("properties".to_owned(), Value::Object(properties.collect()));
        }
        defaults::type_of_enum(&mut object);
        open_enum::known_values(&mut object);
        self.warnings
            .extend(defaults::default_of_its_type(&mut object, pointer));
        rewrite_keywords(&mut object);
        self.distinct_variants(&mut object, pointer);
        nullable(object)
    }

    /// A string `enum` the type engine can name: values repeated exactly are dropped (they say
    /// nothing more); when values still share a Rust variant name (`ASC` and `asc`), the `enum`
    /// goes, with a warning, and the schema is a string that takes any value.
    fn distinct_variants(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        let Some(Value::Array(values)) = object.get_mut("enum") else {
            return;
        };
        if !values.iter().all(|v| v.is_string() || v.is_null()) {
            return;
        }
        let mut seen: Vec<Value> = Vec::new();
        values.retain(|value| {
            let first = !seen.contains(value);
            seen.push(value.clone());
            first
        });
        let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        let groups = names::variant_clashes(&strings);
        if groups.is_empty() {
            return;
        }
        let groups: Vec<String> = groups
            .iter()
            .map(|(name, values)| {
                let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("{} (`{name}`)", values.join(" and "))
            })
            .collect();
        let message = format!(
            "the `enum` values {} would share a Rust variant name, which the type engine cannot \
             make; the schema is typed as a string that takes any value (`String`)",
            groups.join(", ")
        );
        self.warnings.push((pointer.to_owned(), message));
        if values.iter().any(Value::is_null) {
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
        object.remove("enum");
        object.insert("type".to_owned(), Value::String("string".to_owned()));
    }

    /// The `enum` values of the schema `reference` points at, when it lists them.
    fn enum_values(&self, reference: &str) -> Option<Vec<Value>> {
        let reference = ReferenceOr::ref_(reference);
        let schema = resolve::resolve_schema(self.doc, &reference)?;
        match serde_json::to_value(schema).ok()?.get_mut("enum")?.take() {
            Value::Array(values) => Some(values),
            _ => None,
        }
    }

    /// The lowering of the schema `reference` points at, for the `$ref` at `pointer` (after a
    /// problem: the schema that admits anything, so that the rest is lowered and checked).
    fn follow(&mut self, reference: &str, pointer: &str) -> Value {
        if let Some(first) = self.following.iter().position(|r| r == reference) {
            let mut chain: Vec<&str> = self.following[first..].iter().map(String::as_str).collect();
            chain.push(reference);
            let message = format!(
                "the `$ref`s {} lead back to where they start without passing a component schema; \
                 a schema that contains itself must be one (`#/components/schemas/…`) to be named",
                chain.join(" → ")
            );
            self.problems.push((pointer.to_owned(), message));
            return Value::Bool(true);
        }
        let target = match resolve::schema_at(self.doc, reference) {
            Some(SchemaAt::Item(schema)) => {
                serde_json::to_value(schema).unwrap_or(Value::Bool(true))
            }
            Some(SchemaAt::Ref(inner)) => serde_json::json!({ "$ref": inner }),
            None => {
                let message = format!(
                    "`$ref: {reference}` does not point at a schema; point it at a schema of the \
                     document (a component schema, or one inside a component, parameter, request \
                     body or response)"
                );
                self.problems.push((pointer.to_owned(), message));
                return Value::Bool(true);
            }
        };
        self.following.push(reference.to_owned());
        let lowered = self.convert(target, &resolve::dotted(reference));
        self.following.pop();
        lowered
    }
}

/// Whether `reference` names a component schema (`#/components/schemas/NAME`), which the type
/// engine turns into a type of that name.
fn is_component_schema(reference: &str) -> bool {
    reference
        .strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

/// The keyword rewrites of one schema object (its inner schemas are done).
fn rewrite_keywords(object: &mut Map<String, Value>) {
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
    exclusive_bound(object, "minimum", "exclusiveMinimum");
    exclusive_bound(object, "maximum", "exclusiveMaximum");
    if let Some(example) = object.remove("example") {
        object.insert("examples".to_owned(), Value::Array(vec![example]));
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub(super) fn converted(yaml: &str) -> Value {
        let schema: ReferenceOr<Schema> = serde_yaml::from_str(yaml).unwrap();
        let doc: OpenAPI = serde_yaml::from_str(DOC).unwrap();
        let mut lowering = Lowering::new(&doc);
        let lowered = lowering.lower(&schema, "here").unwrap();
        assert_eq!(lowering.problems, []);
        serde_json::to_value(lowered).unwrap()
    }

    const DOC: &str = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Kind: {type: string, enum: [gc, dm]}\n";

    /// A document whose schemas point into each other by JSON pointers.
    const POINTERS: &str = r##"
openapi: 3.0.3
info: {title: x, version: '1'}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: {type: integer, minimum: 1}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string}}
components:
  parameters:
    size: {name: size, in: query, schema: {$ref: "#/components/schemas/A/properties/b"}}
  schemas:
    A:
      type: object
      properties:
        b: {type: string, nullable: true}
        self: {$ref: "#/components/schemas/A"}
        loop: {$ref: "#/components/schemas/A/properties/loop"}
        ping: {type: array, items: {$ref: "#/components/schemas/A/properties/pong"}}
        pong: {type: array, items: {$ref: "#/components/schemas/A/properties/ping"}}
"##;

    /// The lowering of `{$ref: reference}` at `here` in [`POINTERS`], or its problems.
    fn followed(reference: &str) -> Result<Value, Vec<(String, String)>> {
        let doc: OpenAPI = serde_yaml::from_str(POINTERS).unwrap();
        let mut lowering = Lowering::new(&doc);
        let schema = ReferenceOr::Reference {
            reference: reference.to_owned(),
        };
        match lowering.lower(&schema, "here") {
            Some(lowered) => Ok(serde_json::to_value(lowered).unwrap()),
            None => Err(lowering.problems),
        }
    }

    #[test]
    fn a_default_that_is_not_of_the_schemas_type_goes_with_a_warning() {
        let schema: ReferenceOr<Schema> =
            serde_yaml::from_str("type: string\nenum: [logprobs]\ndefault: []").unwrap();
        let doc: OpenAPI = serde_yaml::from_str(DOC).unwrap();
        let mut lowering = Lowering::new(&doc);
        let lowered = lowering.lower(&schema, "here").unwrap();
        let lowered = serde_json::to_value(lowered).unwrap();
        assert_eq!(lowered, json!({"type": "string", "enum": ["logprobs"]}));
        assert_eq!(lowering.warnings.len(), 1);
        assert_eq!(lowering.warnings[0].0, "here.default");
        assert_eq!(
            converted("type: integer\ndefault: 3"),
            json!({"type": "integer", "default": 3})
        );
    }

    #[test]
    fn an_enum_without_type_takes_the_type_of_its_values() {
        let booleans = converted("enum: [true, false]");
        assert_eq!(booleans, json!({"type": "boolean", "enum": [true, false]}));
        assert_eq!(converted("enum: [1, 2]")["type"], "integer");
        assert_eq!(converted("enum: [1, 2.5]")["type"], "number");
        assert!(
            converted("enum: [a, b]").get("type").is_none(),
            "strings are read as they are"
        );
    }

    #[test]
    fn a_schema_that_admits_only_null_is_the_null_type() {
        let out = converted("enum: [null]\nnullable: true\ndescription: Always null.");
        assert_eq!(
            out,
            json!({ "type": "null", "description": "Always null." })
        );
    }

    #[test]
    fn enums_the_engine_cannot_name_become_strings_with_a_warning() {
        let doc: OpenAPI = serde_yaml::from_str(DOC).unwrap();
        let mut lowering = Lowering::new(&doc);
        let schema = serde_yaml::from_str("enum: [ASC, DESC, asc, desc]\nnullable: true").unwrap();
        let lowered = lowering.lower(&schema, "here").unwrap();
        let out = serde_json::to_value(lowered).unwrap();
        assert_eq!(out, json!({ "type": ["string", "null"] }));
        assert_eq!(
            lowering.warnings,
            [(
                "here".to_owned(),
                "the `enum` values `ASC` and `asc` (`Asc`), `DESC` and `desc` (`Desc`) would share \
                 a Rust variant name, which the type engine cannot make; the schema is typed as a \
                 string that takes any value (`String`)"
                    .to_owned()
            )]
        );
        let out = converted("type: string\nenum: [a, b, a]");
        assert_eq!(out["enum"], json!(["a", "b"]));
    }

    #[test]
    fn component_refs_stay_refs() {
        let out = followed("#/components/schemas/A").unwrap();
        assert_eq!(out, json!({ "$ref": "#/components/schemas/A" }));
    }

    #[test]
    fn other_refs_are_replaced_by_the_schema_they_point_at() {
        let out = followed("#/components/schemas/A/properties/b").unwrap();
        assert_eq!(out, json!({ "type": ["string", "null"] }));
        let out = followed("#/components/schemas/A/properties/self").unwrap();
        assert_eq!(out, json!({ "$ref": "#/components/schemas/A" }));
        let out = followed("#/components/parameters/size/schema").unwrap();
        assert_eq!(out, json!({ "type": ["string", "null"] }));
        let out = followed("#/paths/~1a/get/parameters/0/schema").unwrap();
        assert_eq!(out, json!({ "type": "integer", "minimum": 1.0 }));
        let out = followed("#/paths/~1a/get/responses/200/content/application~1json/schema/items")
            .unwrap();
        assert_eq!(out, json!({ "type": "string" }));
    }

    #[test]
    fn a_cycle_of_other_refs_is_a_problem_at_the_ref_that_closes_it() {
        let problems = followed("#/components/schemas/A/properties/loop").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "components.schemas.A.properties.loop.$ref");
        assert!(
            problems[0].1.starts_with("the `$ref`s #/components/schemas/A/properties/loop → #/components/schemas/A/properties/loop lead back"),
            "{}",
            problems[0].1
        );
        let problems = followed("#/components/schemas/A/properties/ping").unwrap_err();
        assert_eq!(
            problems[0].0,
            "components.schemas.A.properties.pong.items.$ref"
        );
    }

    #[test]
    fn a_ref_to_no_schema_is_a_problem_at_the_ref() {
        for reference in [
            "#/components/schemas/A/properties/nope",
            "#/info",
            "#/paths/~1b/get",
        ] {
            let problems = followed(reference).unwrap_err();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].0, "here.$ref");
            let message = format!("`$ref: {reference}` does not point at a schema;");
            assert!(problems[0].1.starts_with(&message), "{}", problems[0].1);
        }
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
            "nullable: true\ndescription: a task\nallOf:\n  - $ref: '#/components/schemas/Task'\n  \
             - required: [id]",
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
