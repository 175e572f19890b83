//! `nullable: true`, which JSON Schema writes as a `null` type or member, and schemas that admit
//! `null` only.

use serde_json::{Map, Value};

use super::METADATA;

/// `object` in JSON Schema's form of `nullable`: `null` added to its `type`, or as a member of
/// its `oneOf`/`anyOf`, or a `oneOf` of `null` and the schema (its docs kept outside); a schema
/// whose `enum` is `[null]` is the `null` type.
pub(super) fn nullable(mut object: Map<String, Value>) -> Value {
    // `enum: [null]` (3.1's `type: "null"`) admits `null` only: JSON Schema's `null` type.
    let values = object.get("enum").and_then(Value::as_array);
    if values.is_some_and(|values| !values.is_empty() && values.iter().all(Value::is_null)) {
        for key in ["enum", "nullable", "type"] {
            object.remove(key);
        }
        object.insert("type".to_owned(), Value::String("null".to_owned()));
        return Value::Object(object);
    }
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
