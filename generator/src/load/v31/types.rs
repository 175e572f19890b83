//! 3.1's `type` lists: with `null`, the type with `nullable: true`; `"null"` alone, a schema
//! that admits `null` only; several types, a `oneOf` of one schema per type, each with the
//! keywords that constrain values of that type (JSON Schema applies a keyword only to values of
//! its type, so the `oneOf` admits exactly what the list did).

use serde_yaml::{Mapping, Value};

use super::super::numbers::key_text;
use super::set_only_value;

/// The keywords that constrain values of one type only (`format` is placed by its value).
const TYPED_KEYWORDS: &[(&str, &[&str])] = &[
    (
        "string",
        &[
            "minLength",
            "maxLength",
            "pattern",
            "contentEncoding",
            "contentMediaType",
        ],
    ),
    ("number", NUMERIC),
    ("integer", NUMERIC),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
];

const NUMERIC: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// `type: [T, "null"]` → `type: T, nullable: true`; `type: "null"` → `enum: [null]`; several
/// types → a `oneOf` of one schema per type ([`one_of_types`]).
pub(super) fn lower_type(schema: &mut Mapping) {
    let types: Vec<String> = match schema.get("type") {
        Some(Value::Sequence(types)) => types.iter().map(key_text).collect(),
        Some(Value::String(one)) if one == "null" => vec![one.clone()],
        _ => return,
    };
    let nullable = types.iter().any(|t| t == "null");
    let others: Vec<&str> = (types.iter().map(String::as_str))
        .filter(|t| *t != "null")
        .collect();
    match others.as_slice() {
        [] => {
            schema.remove("type");
            set_only_value(schema, Value::Null);
        }
        [one] => {
            schema.insert("type".into(), Value::from(*one));
        }
        several => one_of_types(schema, several),
    }
    if nullable {
        schema.insert("nullable".into(), Value::Bool(true));
    }
}

/// `schema` of the types `types` as a `oneOf` of one member per type: each takes the keywords
/// of its type and the `enum` values of its type (a type none of them has is left out); the
/// rest (docs, `default`, `allOf`, …) stays on `schema`. A `oneOf` it has already goes into
/// an `allOf`, beside the new one.
fn one_of_types(schema: &mut Mapping, types: &[&str]) {
    schema.remove("type");
    let values = match schema.remove("enum") {
        Some(Value::Sequence(values)) => Some(values),
        _ => None,
    };
    let format = schema.remove("format");
    let mut members = Vec::new();
    for kind in types {
        let mut member = Mapping::new();
        member.insert("type".into(), Value::from(*kind));
        let keywords = TYPED_KEYWORDS.iter().filter(|(k, _)| k == kind);
        for keyword in keywords.flat_map(|(_, keywords)| keywords.iter()) {
            if let Some(value) = schema.get(*keyword) {
                member.insert((*keyword).into(), value.clone());
            }
        }
        if let Some(format) = format.as_ref().filter(|f| format_type(f) == *kind) {
            member.insert("format".into(), format.clone());
        }
        if let Some(values) = &values {
            let own: Vec<Value> = values
                .iter()
                .filter(|v| is_of(v, kind, types))
                .cloned()
                .collect();
            if own.is_empty() {
                continue;
            }
            member.insert("enum".into(), Value::Sequence(own));
        }
        members.push(Value::Mapping(member));
    }
    for keyword in TYPED_KEYWORDS
        .iter()
        .flat_map(|(_, keywords)| keywords.iter())
    {
        schema.remove(*keyword);
    }
    let one_of = Value::Sequence(members);
    match schema.remove("oneOf") {
        Some(earlier) => {
            let mut both = vec![one_of_mapping(earlier), one_of_mapping(one_of)];
            if let Some(Value::Sequence(all_of)) = schema.remove("allOf") {
                both.extend(all_of);
            }
            schema.insert("allOf".into(), Value::Sequence(both));
        }
        None => {
            schema.insert("oneOf".into(), one_of);
        }
    }
}

fn one_of_mapping(members: Value) -> Value {
    let mut mapping = Mapping::new();
    mapping.insert("oneOf".into(), members);
    Value::Mapping(mapping)
}

/// The type a `format` constrains: `int32`/`int64` integers, `float`/`double` numbers, the
/// others strings.
fn format_type(format: &Value) -> &'static str {
    match format.as_str() {
        Some("int32" | "int64") => "integer",
        Some("float" | "double") => "number",
        _ => "string",
    }
}

/// Whether `value` is of the type `kind` among `types` (a whole number is an `integer` when the
/// types have one, else a `number`).
fn is_of(value: &Value, kind: &str, types: &[&str]) -> bool {
    match value {
        Value::String(_) => kind == "string",
        Value::Bool(_) => kind == "boolean",
        Value::Sequence(_) => kind == "array",
        Value::Mapping(_) => kind == "object",
        Value::Number(number) if number.is_f64() => kind == "number",
        Value::Number(_) if types.contains(&"integer") => kind == "integer",
        Value::Number(_) => kind == "number",
        _ => false,
    }
}
