//! Inline field schemas that the type engine would name like a component.
//!
//! The engine names the type of an inline field schema after its place: the field `item` of
//! `Collaboration` gets the type `CollaborationItem`, the field `$template` of `Classification`
//! the type `ClassificationTemplate`. When a component has that name already, the crate would
//! define it twice and not compile (Box). Such a field schema becomes a component of its own,
//! named `{place}Field` (`ClassificationTemplateField`), and the field refers to it; its docs stay
//! on the field. Fields whose schema names no type (strings, numbers, arrays, maps, references)
//! cannot collide and are left alone.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::model::{ComponentSchema, JsonSchema};
use crate::names;

/// Moves every inline field schema whose type would take a component's name into a component
/// of its own (appended, in document order).
pub(super) fn separate_colliding_fields(components: &mut Vec<ComponentSchema>) {
    let mut taken: BTreeSet<String> = components.iter().map(|c| names::pascal(&c.name)).collect();
    let mut added = Vec::new();
    for component in components.iter_mut() {
        let Ok(mut value) = serde_json::to_value(&component.schema) else {
            continue;
        };
        let mut separated = Vec::new();
        separate_in(&mut value, &component.name, &mut taken, &mut separated);
        if separated.is_empty() {
            continue;
        }
        if let Ok(schema) = serde_json::from_value(value) {
            component.schema = schema;
            added.extend(separated);
        }
    }
    while let Some(mut component) = added.pop() {
        // A separated schema's own fields are named after it in turn.
        let Ok(mut value) = serde_json::to_value(&component.schema) else {
            components.push(component);
            continue;
        };
        let mut separated = Vec::new();
        separate_in(&mut value, &component.name, &mut taken, &mut separated);
        if let Ok(schema) = serde_json::from_value::<JsonSchema>(value) {
            component.schema = schema;
        }
        components.push(component);
        added.extend(separated.into_iter().rev());
    }
}

/// The fields of the object schema `value`, whose type the engine names after `place`, and
/// those of its `allOf` members (which the engine merges into that type).
fn separate_in(
    value: &mut Value,
    place: &str,
    taken: &mut BTreeSet<String>,
    out: &mut Vec<ComponentSchema>,
) {
    if let Some(Value::Array(members)) = value.get_mut("allOf") {
        for member in members {
            separate_in(member, place, taken, out);
        }
    }
    let Some(Value::Object(properties)) = value.get_mut("properties") else {
        return;
    };
    for (field, schema) in properties.iter_mut() {
        let field_place = format!("{place}_{field}");
        let Some(named) = named_part(schema) else {
            continue;
        };
        let name = names::pascal(&field_place);
        if !taken.contains(&name) {
            separate_in(named, &field_place, taken, out);
            continue;
        }
        let mut component = format!("{name}Field");
        while taken.contains(&names::pascal(&component)) {
            component.push('_');
        }
        taken.insert(names::pascal(&component));
        let reference = format!("#/components/schemas/{component}");
        let moved = std::mem::replace(named, docs_and_ref(named, reference));
        let Ok(schema) = serde_json::from_value(moved) else {
            continue;
        };
        out.push(ComponentSchema {
            name: component,
            schema,
        });
    }
}

/// The part of a field schema that the engine names a type after the field: the schema itself,
/// or the one member beside `null` of a nullable wrapper; `None` when it names no type.
fn named_part(schema: &mut Value) -> Option<&mut Value> {
    let object = schema.as_object()?;
    let wrapped = ["oneOf", "anyOf"].into_iter().find_map(|key| {
        let members = object.get(key)?.as_array()?;
        let nulls = members.iter().filter(|m| is_null(m)).count();
        (members.len() == 2 && nulls == 1).then_some(key)
    });
    if let Some(key) = wrapped {
        let members = schema.get_mut(key)?.as_array_mut()?;
        let member = members.iter_mut().find(|m| !is_null(m))?;
        return names_a_type(member).then_some(member);
    }
    names_a_type(schema).then_some(schema)
}

/// Whether the engine gives `schema` a type of its own, named after its place.
fn names_a_type(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else {
        return false;
    };
    if object.contains_key("$ref") {
        return false;
    }
    ["properties", "enum", "oneOf", "anyOf", "allOf", "const"]
        .iter()
        .any(|key| object.contains_key(*key))
}

fn is_null(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}

/// A reference to `reference` keeping the docs of `schema` (the field's description).
fn docs_and_ref(schema: &Value, reference: String) -> Value {
    let mut out = Map::new();
    if let Some(description) = schema.get("description") {
        out.insert("description".to_owned(), description.clone());
    }
    out.insert("$ref".to_owned(), Value::String(reference));
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn component(name: &str, schema: Value) -> ComponentSchema {
        ComponentSchema {
            name: name.to_owned(),
            schema: serde_json::from_value(schema).unwrap(),
        }
    }

    fn as_json(components: &[ComponentSchema]) -> Vec<(String, Value)> {
        components
            .iter()
            .map(|c| (c.name.clone(), serde_json::to_value(&c.schema).unwrap()))
            .collect()
    }

    #[test]
    fn a_field_whose_type_would_take_a_component_name_gets_a_component_of_its_own() {
        let enumeration = json!({"description": "Its template.", "enum": ["a"], "type": "string"});
        let mut components = vec![
            component(
                "Classification",
                json!({"properties": {"$template": enumeration, "name": {"type": "string"}}}),
            ),
            component("ClassificationTemplate", json!({"type": "object"})),
        ];
        separate_colliding_fields(&mut components);
        let [classification, template, field] = &as_json(&components)[..] else {
            panic!("{components:?}");
        };
        assert_eq!(
            classification.1["properties"]["$template"],
            json!({"description": "Its template.", "$ref": "#/components/schemas/ClassificationTemplateField"})
        );
        assert_eq!(
            classification.1["properties"]["name"],
            json!({"type": "string"})
        );
        assert_eq!(template.0, "ClassificationTemplate");
        assert_eq!(field.0, "ClassificationTemplateField");
        assert_eq!(field.1, enumeration);
    }

    #[test]
    fn the_nullable_wrapper_stays_on_the_field() {
        let item = json!({"properties": {"id": {"type": "string"}}});
        let mut components = vec![
            component(
                "Collaboration",
                json!({"properties": {"item": {"oneOf": [{"type": "null"}, item]}}}),
            ),
            component("CollaborationItem", json!({"type": "object"})),
        ];
        separate_colliding_fields(&mut components);
        let json = as_json(&components);
        assert_eq!(
            json[0].1["properties"]["item"]["oneOf"],
            json!([{"type": "null"}, {"$ref": "#/components/schemas/CollaborationItemField"}])
        );
        assert_eq!(json[2], ("CollaborationItemField".to_owned(), item));
    }

    #[test]
    fn fields_that_name_no_type_or_no_component_are_left_alone() {
        let schemas = vec![
            component(
                "Task",
                json!({"properties": {
                    "owner": {"type": "string"},
                    "state": {"enum": ["open"], "type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                }}),
            ),
            component("TaskOwner", json!({"type": "object"})),
            component("TaskTags", json!({"type": "object"})),
        ];
        let mut components = schemas.clone();
        separate_colliding_fields(&mut components);
        assert_eq!(as_json(&components), as_json(&schemas));
    }

    #[test]
    fn fields_of_all_of_members_are_named_after_the_merged_type() {
        let validation =
            json!({"anyOf": [{"$ref": "#/components/schemas/Email"}, {"type": "object"}]});
        let mut components = vec![
            component(
                "Input",
                json!({"allOf": [{"$ref": "#/components/schemas/Tag"}, {"properties": {"validation": validation}}]}),
            ),
            component("InputValidation", json!({"type": "object"})),
        ];
        separate_colliding_fields(&mut components);
        let json = as_json(&components);
        assert_eq!(
            json[0].1["allOf"][1]["properties"]["validation"],
            json!({"$ref": "#/components/schemas/InputValidationField"})
        );
        assert_eq!(json[2], ("InputValidationField".to_owned(), validation));
    }

    #[test]
    fn nested_fields_are_named_after_their_whole_place() {
        let mut components = vec![
            component(
                "Event",
                json!({"properties": {"source": {"properties": {"kind": {"enum": ["a"]}}}}}),
            ),
            component("EventSourceKind", json!({"type": "string"})),
        ];
        separate_colliding_fields(&mut components);
        let json = as_json(&components);
        assert_eq!(
            json[0].1["properties"]["source"]["properties"]["kind"],
            json!({"$ref": "#/components/schemas/EventSourceKindField"})
        );
        assert_eq!(json[2].0, "EventSourceKindField");
    }
}
