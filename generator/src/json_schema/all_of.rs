//! `allOf` that only documents one use of a component, or narrows its values.

use serde_json::{Map, Value};

use super::{METADATA, is_component_schema};

/// `{enum: [gc], allOf: [{$ref: Kind}]}`, where the component `Kind` lists every value of the
/// `enum` (Discord narrows its enums this way), admits the values of the `enum` and nothing
/// else: it is that `enum` alone (the type engine fails on the pair). `values_of` gives the
/// values a reference's schema lists.
pub(super) fn narrowed_enum(
    object: &mut Map<String, Value>,
    values_of: impl FnOnce(&str) -> Option<Vec<Value>>,
) {
    let (Some(Value::Array(values)), Some(Value::Array(members))) =
        (object.get("enum"), object.get("allOf"))
    else {
        return;
    };
    let [member] = members.as_slice() else {
        return;
    };
    let reference = member.get("$ref").and_then(Value::as_str);
    let Some(reference) = reference
        .filter(|r| is_component_schema(r) && member.as_object().is_some_and(|m| m.len() == 1))
    else {
        return;
    };
    let admitted = values_of(reference).unwrap_or_default();
    if !values.is_empty() && values.iter().all(|value| admitted.contains(value)) {
        object.remove("allOf");
    }
}

/// `allOf: [{$ref: component}, {description: …}]`, a common way to document one use of a
/// component, is that component (its docs outside): the type engine would otherwise merge the
/// two into a new type named after the place, which may be a component's name already (Box's
/// `Collaboration.item` and the component `CollaborationItem`). Applies only when the schema and
/// every other member carry docs alone (`nullable: false` included); `nullable` on the schema
/// stays and is lowered as usual.
pub(super) fn annotated_reference(object: &mut Map<String, Value>) {
    let docs_only = |schema: &Map<String, Value>, also: &[&str]| {
        schema.iter().all(|(key, value)| {
            METADATA.contains(&key.as_str())
                || key == "example"
                || key.starts_with("x-")
                || also.contains(&key.as_str())
                || (key == "nullable" && value == &Value::Bool(false))
        })
    };
    if !docs_only(object, &["allOf", "nullable"]) {
        return;
    }
    let Some(Value::Array(members)) = object.get("allOf") else {
        return;
    };
    let is_ref = |member: &Value| {
        member
            .get("$ref")
            .and_then(Value::as_str)
            .is_some_and(is_component_schema)
    };
    let references: Vec<&Value> = members.iter().filter(|m| is_ref(m)).collect();
    let [reference] = references.as_slice() else {
        return;
    };
    let reference = reference["$ref"].clone();
    let others: Vec<&Map<String, Value>> = members
        .iter()
        .filter(|m| !is_ref(m))
        .filter_map(Value::as_object)
        .collect();
    if others.len() + 1 != members.len() || !others.iter().all(|m| docs_only(m, &[])) {
        return;
    }
    let docs: Vec<(String, Value)> = others
        .iter()
        .flat_map(|m| m.iter())
        .filter(|(key, _)| *key != "nullable")
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    object.remove("allOf");
    for (key, value) in docs {
        object.entry(key).or_insert(value);
    }
    object.insert("$ref".to_owned(), reference);
}

#[cfg(test)]
mod tests {
    use super::super::tests::converted;
    use serde_json::json;

    #[test]
    fn an_enum_narrowing_a_component_that_lists_its_values_is_that_enum() {
        let narrowing = "type: string\nenum: [gc]\nallOf: [{$ref: '#/components/schemas/Kind'}]";
        assert_eq!(
            converted(narrowing),
            json!({"type": "string", "enum": ["gc"]})
        );
        let other = narrowing.replace("[gc]", "[gc, other]");
        assert!(
            converted(&other).get("allOf").is_some(),
            "a value Kind lacks"
        );
    }

    #[test]
    fn a_component_documented_in_place_by_all_of_is_that_component() {
        let out = converted(
            "allOf:\n  - $ref: '#/components/schemas/Task'\n  - description: the task\n    \
             example: {id: 1}\n  - nullable: false",
        );
        assert_eq!(
            out,
            json!({
                "$ref": "#/components/schemas/Task",
                "description": "the task",
                "examples": [{ "id": 1 }],
            })
        );
        let out = converted(
            "nullable: true\nallOf:\n  - $ref: '#/components/schemas/Task'\n  - description: or none",
        );
        assert_eq!(out["description"], json!("or none"));
        assert_eq!(
            out["oneOf"],
            json!([{ "type": "null" }, { "$ref": "#/components/schemas/Task" }])
        );
    }

    #[test]
    fn an_all_of_that_constrains_stays_an_all_of() {
        for yaml in [
            "allOf:\n  - $ref: '#/components/schemas/Task'\n  - required: [id]",
            "allOf:\n  - $ref: '#/components/schemas/Task'\n  - $ref: '#/components/schemas/Tag'",
            "type: object\nallOf:\n  - $ref: '#/components/schemas/Task'",
        ] {
            let out = converted(yaml);
            assert!(out.get("allOf").is_some(), "{yaml}: {out}");
        }
    }
}
