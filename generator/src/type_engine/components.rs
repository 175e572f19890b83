//! When the type engine fails on the component schemas (typify panics on some public
//! descriptions: `allOf` merges, some `not`s, …), the failure stays with the schemas it comes
//! from: each is found, in fresh type spaces, and typed as any JSON value instead.

use super::Types;
use crate::error::{Location, Problem};
use crate::model::{ComponentSchema, JsonSchema};

/// How many component schemas may be given up before the search itself gives up.
const LIMIT: usize = 64;

/// Replaces each component schema the engine cannot type by the schema that admits anything
/// (`serde_json::Value`), and returns a warning naming each. `None` when the engine types the
/// schemas as they are (its failure was elsewhere) or when what fails cannot be pinned down.
pub(crate) fn settle(components: &mut [ComponentSchema]) -> Option<Vec<Problem>> {
    let failing = untypable(components)?;
    let mut warnings = Vec::new();
    for (index, message) in failing {
        let component = &mut components[index];
        component.schema = JsonSchema::Bool(true);
        warnings.push(Problem {
            location: Location {
                pointer: format!("components.schemas.{}", component.name),
                line_column: None,
            },
            message: format!(
                "the type engine cannot type this schema ({message}); it is typed as \
                 serde_json::Value"
            ),
        });
    }
    Some(warnings)
}

/// The component schemas the engine fails on, by index, each with the engine's message; `None`
/// when it fails on none, or when they cannot be pinned down.
///
/// Found one at a time: the shortest run of schemas from the first that the engine fails on
/// (the others replaced by the schema that admits anything, so that every reference still
/// resolves) ends with one. It is replaced too, and the search goes on until the engine types
/// them all.
fn untypable(components: &[ComponentSchema]) -> Option<Vec<(usize, String)>> {
    let mut schemas = components.to_vec();
    let mut found = Vec::new();
    while let Err(message) = Types::new(&schemas) {
        if found.len() == LIMIT {
            return None;
        }
        let (index, message) = first_failing(components, &schemas, message)?;
        schemas[index].schema = JsonSchema::Bool(true);
        found.push((index, message));
    }
    (!found.is_empty()).then_some(found)
}

/// The index of the last schema of the shortest failing run of `schemas` (see [`untypable`]),
/// with the engine's message for it; `failed` is its message for them all.
fn first_failing(
    components: &[ComponentSchema],
    schemas: &[ComponentSchema],
    failed: String,
) -> Option<(usize, String)> {
    // The run of the first `count` schemas fails: `fails(ok)` is false, `fails(bad)` true.
    let fails = |count: usize| {
        let run: Vec<ComponentSchema> = schemas
            .iter()
            .enumerate()
            .map(|(index, schema)| match index < count {
                true => schema.clone(),
                false => admit_anything(&components[index]),
            })
            .collect();
        Types::new(&run).err()
    };
    if fails(0).is_some() {
        return None;
    }
    let (mut ok, mut bad, mut message) = (0, schemas.len(), failed);
    while bad - ok > 1 {
        let middle = ok + (bad - ok) / 2;
        match fails(middle) {
            Some(failure) => (bad, message) = (middle, failure),
            None => ok = middle,
        }
    }
    Some((bad - 1, short(&message)))
}

fn admit_anything(component: &ComponentSchema) -> ComponentSchema {
    ComponentSchema {
        name: component.name.clone(),
        schema: JsonSchema::Bool(true),
    }
}

/// The engine's message, on one line and short enough to read (some end in a dump of the schema,
/// `… Object(SchemaObject {`, which goes).
pub(super) fn short(message: &str) -> String {
    let mut line = message.lines().next().unwrap_or_default().trim();
    if let Some(open) = line.strip_suffix(['(', '{', '[']) {
        line = open
            .trim_end_matches(|c: char| c.is_alphanumeric())
            .trim_end();
    }
    match line.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(name: &str, schema: serde_json::Value) -> ComponentSchema {
        ComponentSchema {
            name: name.to_owned(),
            schema: serde_json::from_value(schema).unwrap(),
        }
    }

    fn components() -> Vec<ComponentSchema> {
        vec![
            component(
                "Task",
                serde_json::json!({"type": "object", "properties": {"odd": {"$ref": "#/components/schemas/Odd"}}}),
            ),
            component("Odd", serde_json::json!({"not": {"type": "object"}})),
            component("Name", serde_json::json!({"type": "string"})),
            component(
                "Sort",
                serde_json::json!({"type": "string", "enum": ["ASC", "asc"]}),
            ),
        ]
    }

    #[test]
    fn each_schema_the_engine_fails_on_is_found_and_typed_as_any_value() {
        let mut schemas = components();
        assert!(Types::new(&schemas).is_err());
        let warnings = settle(&mut schemas).unwrap();
        let places: Vec<&str> = warnings
            .iter()
            .map(|w| w.location.pointer.as_str())
            .collect();
        assert_eq!(
            places,
            ["components.schemas.Odd", "components.schemas.Sort"]
        );
        assert!(
            warnings[1].message.starts_with(
                "the type engine cannot type this schema (Failed to make unique variant names for [ASC,asc]); it is typed as serde_json::Value"
            ),
            "{}",
            warnings[1].message
        );
        assert!(matches!(schemas[1].schema, JsonSchema::Bool(true)));
        assert!(matches!(schemas[2].schema, JsonSchema::Object(_)));
        assert!(Types::new(&schemas).is_ok());
    }

    #[test]
    fn schemas_the_engine_types_are_left_alone() {
        let mut schemas = components()[2..3].to_vec();
        assert!(settle(&mut schemas).is_none());
    }

    #[test]
    fn long_messages_are_cut() {
        assert_eq!(short("a\nb"), "a");
        assert_eq!(
            short("unhandled not schema Object(\n    SchemaObject {"),
            "unhandled not schema"
        );
        assert_eq!(short(&"x".repeat(200)).chars().count(), 121);
    }
}
