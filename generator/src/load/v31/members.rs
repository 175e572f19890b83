//! `oneOf`/`anyOf` members in 3.1's forms: `{type: "null"}` members (nullable), members that
//! only name values (an `enum`), and members that take the schema's type.

use serde_yaml::{Mapping, Value};

/// `anyOf: [X, {type: "null"}]` with `X` written in place (no `$ref`) is `X` itself, nullable,
/// when the schema has nothing of `X`'s own beside it but docs: the type engine would otherwise
/// name `X`'s type and the nullable schema's alike (OpenAI's `Verbosity`).
pub(super) fn nullable_inline_member(schema: &mut Mapping, keyword: &str) {
    const DOCS: [&str; 5] = ["description", "title", "default", "example", "examples"];
    let Some(Value::Sequence(members)) = schema.get(keyword) else {
        return;
    };
    let (nulls, others): (Vec<&Value>, Vec<&Value>) =
        members.iter().partition(|m| is_null_schema(m));
    let ([_], [Value::Mapping(member)]) = (nulls.as_slice(), others.as_slice()) else {
        return;
    };
    let clash =
        |key: &Value| schema.contains_key(key) && !key.as_str().is_some_and(|k| DOCS.contains(&k));
    if member.contains_key("$ref") || member.keys().any(clash) {
        return;
    }
    let member = member.clone();
    schema.remove(keyword);
    for (key, value) in member {
        if !schema.contains_key(&key) {
            schema.insert(key, value);
        }
    }
    schema.insert("nullable".into(), Value::Bool(true));
}

/// A `oneOf`/`anyOf` whose members each name values and nothing more (`oneOf: [{title: JOIN,
/// const: 1}, …]`, 3.1's way of naming an enum's values) is an `enum` of those values; the
/// members' titles and descriptions go into the schema's description, one line per value.
pub(super) fn values_of_members(schema: &mut Mapping, keyword: &str) {
    const KEYS: [&str; 4] = ["const", "enum", "title", "description"];
    let Some(Value::Sequence(members)) = schema.get(keyword) else {
        return;
    };
    let names_values = |member: &Value| {
        member.as_mapping().is_some_and(|m| {
            m.keys()
                .all(|k| k.as_str().is_some_and(|k| KEYS.contains(&k)))
                && (m.contains_key("const") || m.contains_key("enum"))
        })
    };
    if members.is_empty() || !members.iter().all(names_values) || schema.contains_key("enum") {
        return;
    }
    let (mut values, mut lines) = (Vec::new(), Vec::new());
    for member in members.iter().filter_map(Value::as_mapping) {
        let text = |key: &str| member.get(key).and_then(Value::as_str).map(str::trim);
        let named: Vec<&str> = [text("title"), text("description")]
            .into_iter()
            .flatten()
            .collect();
        let mut these = match (member.get("const"), member.get("enum")) {
            (Some(value), _) => vec![value.clone()],
            (None, Some(Value::Sequence(listed))) => listed.clone(),
            _ => Vec::new(),
        };
        if !named.is_empty() {
            let shown: Vec<String> = these
                .iter()
                .map(|v| format!("`{}`", json_text(v)))
                .collect();
            lines.push(format!("- {}: {}", shown.join(", "), named.join(": ")));
        }
        values.append(&mut these);
    }
    schema.remove(keyword);
    schema.insert("enum".into(), Value::Sequence(values));
    if !lines.is_empty() {
        let before = schema
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let description = format!("{}\n\n{}", before.trim_end(), lines.join("\n"));
        schema.insert("description".into(), Value::from(description.trim_start()));
    }
}

/// A YAML scalar as JSON writes it (`1`, `"a"` as `a`).
fn json_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// Members of a typed schema's `oneOf`/`anyOf` that name only values (`const` or `enum`, e.g.
/// `type: integer, oneOf: [{title: JOIN, const: 1}, …]`) take the schema's type, which 3.1
/// applies to them anyway and 3.0 needs written on each.
pub(super) fn typed_members(schema: &mut Mapping, keyword: &str) {
    let Some(Value::String(kind)) = schema.get("type").cloned() else {
        return;
    };
    let Some(Value::Sequence(members)) = schema.get_mut(keyword) else {
        return;
    };
    for member in members.iter_mut().filter_map(Value::as_mapping_mut) {
        let values = member.contains_key("const") || member.contains_key("enum");
        if values && !member.contains_key("type") && !member.contains_key("$ref") {
            member.insert("type".into(), Value::String(kind.clone()));
        }
    }
}

/// Members `{type: "null"}` of `oneOf`/`anyOf` make the schema nullable; a single member left is
/// `allOf: [it]`.
pub(super) fn null_members(schema: &mut Mapping, keyword: &str) {
    let Some(Value::Sequence(members)) = schema.get_mut(keyword) else {
        return;
    };
    let before = members.len();
    members.retain(|member| !is_null_schema(member));
    if members.len() == before {
        return;
    }
    schema.insert("nullable".into(), Value::Bool(true));
    if let Some(Value::Sequence(members)) = schema.get(keyword)
        && members.len() == 1
    {
        let members = members.clone();
        schema.remove(keyword);
        schema.insert("allOf".into(), Value::Sequence(members));
    }
}

/// `{type: "null"}`, as written or as lowered (`enum: [null]`).
fn is_null_schema(member: &Value) -> bool {
    let Value::Mapping(member) = member else {
        return false;
    };
    let written = member.get("type").and_then(Value::as_str) == Some("null");
    let lowered = member.get("enum") == Some(&Value::Sequence(vec![Value::Null]))
        && !member.contains_key("type");
    written || lowered
}
