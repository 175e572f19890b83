//! OpenAPI 3.1 documents, rewritten into the 3.0 form the rest of the generator reads before they
//! are read into the document's types; each rewrite keeps what the schema means:
//!
//! - `type: [T, "null"]` is `type: T` with `nullable: true`; `type: "null"` alone, and a `const`,
//!   are one-value `enum`s (`[null]` with `nullable: true` for null);
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` are the bound with 3.0's boolean flag;
//! - a schema's `examples` list gives its `example` (the first);
//! - `contentEncoding: base64` is `format: byte`, a `contentMediaType` without it `format: binary`;
//! - a `$ref` with keywords beside it is `allOf: [{$ref}]` with them (3.0 ignores a `$ref`'s
//!   siblings, 3.1 applies them); `oneOf`/`anyOf` members `{type: "null"}` become `nullable: true`
//!   on the rest (one member left: `allOf` of it);
//! - path items `$ref`erenced from `components.pathItems` are put in place; an operation without
//!   `responses` (optional in 3.1) has none documented; a `mutualTLS` security scheme, which
//!   asks for no credential the client sends, goes with a warning (`document.rs`);
//! - the boolean schemas `true` and `false` are `{}` and `{not: {}}`;
//! - `webhooks`, `jsonSchemaDialect`, `$schema`, `$id`, `$comment` are read and ignored;
//! - constraints the client does not check and that leave the Rust types as they are
//!   (`propertyNames`, `contains`, `dependentRequired`, …) are left out, with a warning each.
//!
//! - a schema of several types is a `oneOf` of one schema per type (`types.rs`).
//!
//! What has no 3.0 form (`prefixItems`, `if`, …) is a problem at the keyword, never dropped:
//! dropping it would change a type.

use serde_yaml::{Mapping, Value};

mod document;
mod members;
mod types;

use super::numbers::{Note, child_pointer, key_text};
use members::{null_members, nullable_inline_member, typed_members, values_of_members};
use types::lower_type;

/// Keywords of JSON Schema 2020-12 that change what a schema admits and have no 3.0 form.
const NO_3_0_FORM: &[&str] = &[
    "prefixItems",
    "patternProperties",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$defs",
    "$dynamicRef",
];

/// Keywords that say nothing about the type, read and ignored.
const IGNORED: &[&str] = &["$schema", "$id", "$comment", "$anchor", "$dynamicAnchor"];

/// Keywords of JSON Schema 2020-12 that constrain values without changing their Rust type (the
/// keys of a map, what an array contains, which fields come together): the client does not
/// check them, so they are left out with a warning.
const UNCHECKED: &[&str] = &[
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "dependentRequired",
];

/// Values that are data, with no schema inside.
const DATA: &[&str] = &["example", "examples", "default", "enum", "const"];

/// Whether `version` is an OpenAPI 3.1 version (`3.1`, `3.1.0`, `3.1.1`, …).
pub(super) fn is_3_1(version: &str) -> bool {
    let mut parts = version.split('.');
    parts.next() == Some("3")
        && parts.next() == Some("1")
        && parts.all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// Rewrites the 3.1 document `document` into its 3.0 form (see the module's docs); the problems
/// are what has none.
pub(super) fn lower(document: &mut Value) -> Lowered {
    let mut notes = Lowered::default();
    let Value::Mapping(root) = document else {
        return notes;
    };
    root.insert("openapi".into(), "3.0.3".into());
    root.remove("webhooks");
    root.remove("jsonSchemaDialect");
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    document::place_path_items(root, &mut notes.problems);
    document::responses_where_none(root);
    document::mutual_tls(root, &mut notes.warnings);
    walk(document, "", Context::Other, &mut notes);
    notes
}

/// What lowering found: problems (what has no 3.0 form) and warnings (what the client does not
/// check, left out).
#[derive(Debug, Default)]
pub(super) struct Lowered {
    pub problems: Vec<Note>,
    pub warnings: Vec<Note>,
}

/// What the node being walked is.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// A schema (or, in a list, each item is one).
    Schema,
    /// A mapping whose values are schemas (`properties`, `components.schemas`).
    Schemas,
    Other,
}

fn walk(value: &mut Value, pointer: &str, context: Context, notes: &mut Lowered) {
    if let (Context::Schema, Value::Bool(admits)) = (context, &value) {
        *value = boolean_schema(*admits);
    }
    match value {
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{pointer}.{index}"), context, notes);
            }
        }
        Value::Mapping(mapping) => {
            if context == Context::Schema {
                lower_schema(mapping, pointer, notes);
            }
            for (key, child) in mapping.iter_mut() {
                let name = key_text(key);
                // 3.0 has `additionalProperties: true/false` itself.
                if name.starts_with("x-")
                    || (name == "additionalProperties" && child.is_bool())
                    || (context != Context::Schemas && DATA.contains(&name.as_str()))
                {
                    continue;
                }
                let child_context = child_context(context, pointer, &name);
                walk(child, &child_pointer(pointer, key), child_context, notes);
            }
        }
        _ => {}
    }
}

/// The boolean schema `true` (admits anything) is `{}`; `false` (admits nothing) is
/// `{not: {}}`.
fn boolean_schema(admits: bool) -> Value {
    let mut schema = Mapping::new();
    if !admits {
        schema.insert("not".into(), Value::Mapping(Mapping::new()));
    }
    Value::Mapping(schema)
}

/// What the value at `key` of a node of `context` (at `pointer`) is.
fn child_context(context: Context, pointer: &str, key: &str) -> Context {
    match (context, key) {
        (Context::Schemas, _) => Context::Schema,
        (Context::Schema, "properties") => Context::Schemas,
        (
            Context::Schema,
            "items" | "additionalProperties" | "not" | "allOf" | "oneOf" | "anyOf",
        ) => Context::Schema,
        (Context::Schema, _) => Context::Other,
        (Context::Other, "schema") => Context::Schema,
        (Context::Other, "schemas") if pointer == "components" => Context::Schemas,
        (Context::Other, _) => Context::Other,
    }
}

/// Rewrites one schema's 3.1 keywords (see the module's docs).
fn lower_schema(schema: &mut Mapping, pointer: &str, notes: &mut Lowered) {
    wrap_ref_with_siblings(schema);
    for keyword in ["anyOf", "oneOf"] {
        nullable_inline_member(schema, keyword);
    }
    for keyword in IGNORED {
        schema.remove(*keyword);
    }
    for keyword in UNCHECKED {
        if schema.remove(*keyword).is_some() {
            notes.warnings.push((
                child_pointer(pointer, &Value::from(*keyword)),
                format!("`{keyword}` (JSON Schema 2020-12) constrains values the client does not check; it is left out (the Rust types are the same)"),
            ));
        }
    }
    for keyword in ["unevaluatedProperties", "unevaluatedItems"] {
        let Some(Value::Bool(admits)) = schema.get(keyword).cloned() else {
            continue;
        };
        schema.remove(keyword);
        if !admits {
            notes.warnings.push((
                child_pointer(pointer, &Value::from(keyword)),
                format!("`{keyword}: false` (JSON Schema 2020-12) refuses what no other keyword describes; the client does not check it, so it is left out (the Rust types are the same)"),
            ));
        }
    }
    for keyword in NO_3_0_FORM {
        if schema.contains_key(*keyword) {
            notes.problems.push((
                child_pointer(pointer, &Value::from(*keyword)),
                format!("`{keyword}` (JSON Schema 2020-12) has no OpenAPI 3.0 form, which the generator reads; write the schema without it"),
            ));
        }
    }
    lower_type(schema);
    for keyword in ["oneOf", "anyOf"] {
        values_of_members(schema, keyword);
        typed_members(schema, keyword);
    }
    if let Some(value) = schema.remove("const") {
        set_only_value(schema, value);
    }
    exclusive_bound(schema, "exclusiveMinimum", "minimum", |new, old| new >= old);
    exclusive_bound(schema, "exclusiveMaximum", "maximum", |new, old| new <= old);
    if let Some(Value::Sequence(examples)) = schema.remove("examples")
        && !schema.contains_key("example")
        && let Some(first) = examples.into_iter().next()
    {
        schema.insert("example".into(), first);
    }
    content_format(schema);
    null_members(schema, "oneOf");
    null_members(schema, "anyOf");
}

/// `{$ref: X, …}` is `{allOf: [{$ref: X}], …}`: 3.1 applies a reference's siblings.
fn wrap_ref_with_siblings(schema: &mut Mapping) {
    if schema.len() < 2 {
        return;
    }
    let Some(reference) = schema.remove("$ref") else {
        return;
    };
    let mut only_ref = Mapping::new();
    only_ref.insert("$ref".into(), reference);
    schema.insert(
        "allOf".into(),
        Value::Sequence(vec![Value::Mapping(only_ref)]),
    );
}

/// The schema admits `value` only (a `const`, or `null`).
pub(super) fn set_only_value(schema: &mut Mapping, value: Value) {
    if value.is_null() {
        schema.insert("nullable".into(), Value::Bool(true));
    }
    schema.insert("enum".into(), Value::Sequence(vec![value]));
}

/// A numeric `exclusive` bound is `bound` with 3.0's `exclusive: true`, unless `bound` is
/// already stricter (`stricter(exclusive, bound)` false), which then stands alone.
fn exclusive_bound(
    schema: &mut Mapping,
    exclusive: &str,
    bound: &str,
    stricter: impl Fn(f64, f64) -> bool,
) {
    let Some(Value::Number(limit)) = schema.get(exclusive).cloned() else {
        return;
    };
    schema.remove(exclusive);
    let old = schema.get(bound).and_then(Value::as_f64);
    let new = limit.as_f64().unwrap_or(f64::NAN);
    if old.is_none_or(|old| stricter(new, old)) {
        schema.insert(bound.into(), Value::Number(limit));
        schema.insert(exclusive.into(), Value::Bool(true));
    }
}

/// `contentEncoding: base64` is `format: byte`; a `contentMediaType` without an encoding is
/// `format: binary` (raw bytes). A `format` the schema gives stays.
fn content_format(schema: &mut Mapping) {
    let encoding = schema.remove("contentEncoding");
    let media = schema.remove("contentMediaType");
    let format = match (encoding.as_ref().and_then(Value::as_str), media) {
        (Some("base64" | "base64url"), _) => "byte",
        (None, Some(_)) => "binary",
        _ => return,
    };
    if !schema.contains_key("format") {
        schema.insert("format".into(), Value::from(format));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(yaml: &str) -> (Value, Vec<Note>) {
        let mut document: Value = serde_yaml::from_str(yaml).unwrap();
        let problems = lower(&mut document).problems;
        (document, problems)
    }

    fn schema(document: &Value, name: &str) -> Value {
        document["components"]["schemas"][name].clone()
    }

    const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn schemas_take_their_3_0_form() {
        let (document, problems) = lowered(&format!(
            "{HEAD}webhooks: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        n: {{type: [integer, 'null'], exclusiveMinimum: 0, examples: [3]}}\n        k: {{const: fixed}}\n        r: {{$ref: '#/components/schemas/B', description: The B.}}\n        o: {{oneOf: [{{$ref: '#/components/schemas/B'}}, {{type: 'null'}}]}}\n        f: {{type: string, contentEncoding: base64}}\n    B: {{type: string}}\n"
        ));
        assert_eq!(problems, []);
        assert_eq!(document["openapi"], Value::from("3.0.3"));
        assert!(document.get("webhooks").is_none() && document["paths"].is_mapping());
        let expected: Value = serde_yaml::from_str(
            "type: object\nproperties:\n  n: {type: integer, nullable: true, minimum: 0, exclusiveMinimum: true, example: 3}\n  k: {enum: [fixed]}\n  r: {description: The B., allOf: [{$ref: '#/components/schemas/B'}]}\n  o: {nullable: true, allOf: [{$ref: '#/components/schemas/B'}]}\n  f: {type: string, format: byte}\n",
        )
        .unwrap();
        assert_eq!(schema(&document, "A"), expected);
    }

    #[test]
    fn members_that_name_values_are_an_enum_and_others_take_the_type() {
        let (document, problems) = lowered(&format!(
            "{HEAD}components:\n  schemas:\n    K:\n      type: integer\n      description: A kind.\n      oneOf: [{{title: JOIN, const: 1}}, {{const: 2}}, {{description: Late., enum: [3, 4]}}]\n    M:\n      type: integer\n      anyOf: [{{const: 1}}, {{minimum: 10}}]\n"
        ));
        assert_eq!(problems, []);
        let expected: Value = serde_yaml::from_str(
            "type: integer\ndescription: \"A kind.\\n\\n- `1`: JOIN\\n- `3`, `4`: Late.\"\nenum: [1, 2, 3, 4]\n",
        )
        .unwrap();
        assert_eq!(schema(&document, "K"), expected);
        let members = &schema(&document, "M")["anyOf"];
        let typed: Value = serde_yaml::from_str("{enum: [1], type: integer}").unwrap();
        assert_eq!(members[0], typed);
        assert!(members[1].get("type").is_none(), "{members:?}");
    }

    #[test]
    fn what_has_no_3_0_form_is_a_problem_at_its_keyword() {
        let (_, problems) = lowered(&format!(
            "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - {{name: q, in: query, schema: {{type: [string, integer]}}}}\n      responses: {{}}\ncomponents:\n  schemas:\n    T: {{type: array, prefixItems: [{{type: string}}]}}\n"
        ));
        let at: Vec<&str> = problems
            .iter()
            .map(|(pointer, _)| pointer.as_str())
            .collect();
        assert_eq!(at, ["components.schemas.T.prefixItems"]);
    }

    #[test]
    fn constraints_the_client_does_not_check_are_left_out_with_a_warning() {
        let mut document: Value = serde_yaml::from_str(&format!(
            "{HEAD}components:\n  schemas:\n    M: {{type: object, additionalProperties: {{type: string}}, propertyNames: {{maxLength: 64}}}}\n"
        ))
        .unwrap();
        let lowered = lower(&mut document);
        assert_eq!(lowered.problems, []);
        let at: Vec<&str> = lowered.warnings.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(at, ["components.schemas.M.propertyNames"]);
        assert!(schema(&document, "M").get("propertyNames").is_none());
    }

    #[test]
    fn a_schema_of_several_types_is_a_one_of_with_each_types_keywords() {
        let (document, problems) = lowered(&format!(
            "{HEAD}components:\n  schemas:\n    S:\n      type: [string, integer, 'null']\n      description: Either.\n      format: int32\n      maxLength: 3\n      maximum: 9\n      enum: [a, 1, 2]\n      oneOf: [{{title: x}}]\n"
        ));
        assert_eq!(problems, []);
        let expected: Value = serde_yaml::from_str(
            "description: Either.\nnullable: true\nallOf:\n  - oneOf: [{title: x}]\n  - oneOf:\n    - {type: string, maxLength: 3, enum: [a]}\n    - {type: integer, maximum: 9, format: int32, enum: [1, 2]}\n",
        )
        .unwrap();
        assert_eq!(schema(&document, "S"), expected);
    }

    #[test]
    fn a_nullable_inline_member_is_the_schema_itself() {
        let (document, problems) = lowered(&format!(
            "{HEAD}components:\n  schemas:\n    V:\n      description: How verbose.\n      anyOf: [{{type: string, enum: [low, high], description: Inner.}}, {{type: 'null'}}]\n    R:\n      anyOf: [{{$ref: '#/components/schemas/V'}}, {{type: 'null'}}]\n"
        ));
        assert_eq!(problems, []);
        let expected: Value = serde_yaml::from_str(
            "description: How verbose.\ntype: string\nenum: [low, high]\nnullable: true\n",
        )
        .unwrap();
        assert_eq!(schema(&document, "V"), expected);
        let kept: Value =
            serde_yaml::from_str("nullable: true\nallOf: [{$ref: '#/components/schemas/V'}]\n")
                .unwrap();
        assert_eq!(schema(&document, "R"), kept);
    }

    #[test]
    fn optional_responses_unchecked_keywords_and_mutual_tls_take_their_3_0_forms() {
        let mut document: Value = serde_yaml::from_str(&format!(
            "{HEAD}security: [{{mtls: []}}, {{key: []}}]\npaths:\n  /a:\n    get: {{operationId: a, security: [{{mtls: [], key: []}}]}}\ncomponents:\n  securitySchemes:\n    mtls: {{type: mutualTLS}}\n    key: {{type: apiKey, in: header, name: X-Key}}\n  schemas:\n    S: {{type: object, unevaluatedProperties: false}}\n    T: {{type: object, unevaluatedProperties: {{type: string}}}}\n"
        ))
        .unwrap();
        let lowered = lower(&mut document);
        let problems: Vec<&str> = lowered.problems.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(problems, ["components.schemas.T.unevaluatedProperties"]);
        let warned: Vec<&str> = lowered.warnings.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            warned,
            [
                "components.securitySchemes.mtls",
                "components.schemas.S.unevaluatedProperties"
            ]
        );
        let operation = &document["paths"]["/a"]["get"];
        assert_eq!(operation["responses"], Value::Mapping(Mapping::new()));
        let requirements: Value = serde_yaml::from_str("[{key: []}]").unwrap();
        assert_eq!(operation["security"], requirements);
        let top: Value = serde_yaml::from_str("[{}, {key: []}]").unwrap();
        assert_eq!(document["security"], top);
        assert!(
            document["components"]["securitySchemes"]
                .get("mtls")
                .is_none()
        );
    }

    #[test]
    fn boolean_schemas_are_their_3_0_forms() {
        let (document, problems) = lowered(&format!(
            "{HEAD}components:\n  schemas:\n    B:\n      type: object\n      properties: {{any: true, none: false}}\n      additionalProperties: false\n    L: {{type: array, items: true}}\n"
        ));
        assert_eq!(problems, []);
        let expected: Value = serde_yaml::from_str(
            "type: object\nproperties: {any: {}, none: {not: {}}}\nadditionalProperties: false\n",
        )
        .unwrap();
        assert_eq!(schema(&document, "B"), expected);
        assert_eq!(
            schema(&document, "L")["items"],
            Value::Mapping(Mapping::new())
        );
    }

    #[test]
    fn path_items_of_components_are_put_in_place() {
        let (document, problems) = lowered(&format!(
            "{HEAD}paths:\n  /a: {{$ref: '#/components/pathItems/A'}}\n  /b: {{$ref: '#/components/pathItems/Nope'}}\ncomponents:\n  pathItems:\n    A: {{get: {{responses: {{}}}}}}\n"
        ));
        assert!(document["paths"]["/a"]["get"].is_mapping());
        assert!(document["components"].get("pathItems").is_none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "paths./b.$ref");
    }

    #[test]
    fn versions() {
        assert!(is_3_1("3.1.0") && is_3_1("3.1") && is_3_1("3.1.1"));
        assert!(!is_3_1("3.0.3") && !is_3_1("3.10.0") && !is_3_1("3.1.x"));
    }
}
