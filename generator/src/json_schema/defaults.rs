//! A schema's `default` as the type engine needs it: a value of the schema's type.

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
