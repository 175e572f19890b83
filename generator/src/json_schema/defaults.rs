//! A schema's type and `default` as the type engine needs them: the type an untyped `enum`'s
//! values say, and a `default` that is a value of the schema's type.

use serde_json::{Map, Value};

/// A `default` that is not a value of the schema's type (OpenAI's `default: []` on a string)
/// goes, and the warning that says so is returned: the type engine refuses such a schema.
pub(super) fn default_of_its_type(
    object: &mut Map<String, Value>,
    pointer: &str,
) -> Option<(String, String)> {
    let (Some(Value::String(kind)), Some(default)) = (object.get("type"), object.get("default"))
    else {
        return None;
    };
    let fits = match kind.as_str() {
        "string" => default.is_string(),
        "integer" => default.is_i64() || default.is_u64(),
        "number" => default.is_number(),
        "boolean" => default.is_boolean(),
        "array" => default.is_array(),
        "object" => default.is_object(),
        _ => true,
    };
    if fits || default.is_null() {
        return None;
    }
    let message = format!(
        "the `default` {default} is not a value of the schema's type ({kind}); it is left out"
    );
    object.remove("default");
    Some((format!("{pointer}.default"), message))
}

/// The type all the values of an `enum` written without `type` have: strings, booleans,
/// integers or numbers; `None` when they are of several kinds, or `null`, or there are none.
pub(crate) fn enum_value_type(values: &[Value]) -> Option<&'static str> {
    let all = |kind: fn(&Value) -> bool| !values.is_empty() && values.iter().all(kind);
    if all(Value::is_string) {
        Some("string")
    } else if all(Value::is_boolean) {
        Some("boolean")
    } else if all(|v| v.is_i64() || v.is_u64()) {
        Some("integer")
    } else if all(Value::is_number) {
        Some("number")
    } else {
        None
    }
}

/// An `enum` of booleans or numbers written without `type` is of their type (an `enum` of
/// strings without it is read as strings already).
pub(super) fn type_of_enum(object: &mut Map<String, Value>) {
    if object.contains_key("type") {
        return;
    }
    let Some(Value::Array(values)) = object.get("enum") else {
        return;
    };
    if let Some(kind @ ("boolean" | "integer" | "number")) = enum_value_type(values) {
        object.insert("type".to_owned(), Value::String(kind.to_owned()));
    }
}
