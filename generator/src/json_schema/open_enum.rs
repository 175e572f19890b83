//! "A string, with known values": `anyOf: [{type: string}, {type: string, enum: [...]}]`.

use serde_json::{Map, Value};

/// Keys a member may have beside `type` (and `enum`) and still only document.
const DOCS: &[&str] = &["description", "title", "default", "example", "examples"];

/// `anyOf`/`oneOf` of a plain string and string `enum`s (OpenAI names its models this way:
/// any string, some of them known) admits any string: it is `type: string`, the known values
/// listed in its description. The type engine fails on the union, or makes an enum of a
/// `String` and an enum that take the same values.
pub(super) fn known_values(object: &mut Map<String, Value>) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = object.get(keyword) else {
            continue;
        };
        let Some(known) = string_with_known_values(members) else {
            continue;
        };
        if object.get("type").is_some_and(|t| t != "string") {
            return;
        }
        object.remove(keyword);
        object.insert("type".to_owned(), Value::String("string".to_owned()));
        let listed: Vec<String> = known.iter().map(|v| format!("`{v}`")).collect();
        let before = object
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let description = format!(
            "{}\n\nKnown values: {}.",
            before.trim_end(),
            listed.join(", ")
        );
        object.insert(
            "description".to_owned(),
            Value::String(description.trim_start().to_owned()),
        );
        return;
    }
}

/// The known values, when `members` are a plain string and string `enum`s (docs aside).
fn string_with_known_values(members: &[Value]) -> Option<Vec<String>> {
    let only = |member: &Map<String, Value>, also: &[&str]| {
        member.get("type").and_then(Value::as_str) == Some("string")
            && member.keys().all(|key| {
                key == "type"
                    || DOCS.contains(&key.as_str())
                    || key.starts_with("x-")
                    || also.contains(&key.as_str())
            })
    };
    let members: Vec<&Map<String, Value>> = members
        .iter()
        .map(Value::as_object)
        .collect::<Option<_>>()?;
    let plain = members.iter().filter(|m| only(m, &[])).count();
    let enums: Vec<&&Map<String, Value>> =
        members.iter().filter(|m| m.contains_key("enum")).collect();
    if plain == 0 || enums.is_empty() || plain + enums.len() != members.len() {
        return None;
    }
    let mut known = Vec::new();
    for member in enums {
        if !only(member, &["enum"]) {
            return None;
        }
        for value in member["enum"].as_array()? {
            known.push(value.as_str()?.to_owned());
        }
    }
    Some(known)
}

#[cfg(test)]
mod tests {
    use super::super::tests::converted;
    use serde_json::json;

    #[test]
    fn a_string_with_known_values_is_a_string_that_lists_them() {
        let out = converted(
            "description: The model.\nanyOf:\n  - {type: string}\n  - {type: string, enum: [a, b]}",
        );
        let expected =
            json!({"type": "string", "description": "The model.\n\nKnown values: `a`, `b`."});
        assert_eq!(out, expected);
        let constrained =
            converted("anyOf:\n  - {type: string, maxLength: 3}\n  - {type: string, enum: [a]}");
        assert!(
            constrained.get("anyOf").is_some(),
            "a constrained string is no plain one"
        );
    }
}
