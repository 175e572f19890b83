//! The generated crate's package data (`info.x-rust-crate`) and the API's value forms
//! (`x-value-forms`).

use heck::{ToShoutySnakeCase, ToSnakeCase};
use serde_json::Value;

use super::Cx;
use crate::model::{Package, ValueForms};

/// The root extension `x-value-forms`: so far one form, `boolean: [true, false, 1, 0]`.
pub(super) fn value_forms(cx: &mut Cx) -> ValueForms {
    let mut forms = ValueForms::default();
    let Some(declared) = cx.doc.extensions.get("x-value-forms") else {
        return forms;
    };
    let Value::Object(map) = declared else {
        cx.add(
            "x-value-forms",
            "expected a map of value kinds to their forms".to_owned(),
        );
        return forms;
    };
    for (kind, value) in map {
        let lenient = serde_json::json!([true, false, 1, 0]);
        if kind == "boolean" && *value == lenient {
            forms.numeric_booleans = true;
        } else {
            cx.add(
                format!("x-value-forms.{kind}"),
                "the one supported form is `boolean: [true, false, 1, 0]` (booleans may also arrive as 1 or 0)".to_owned(),
            );
        }
    }
    forms
}

/// Where the crate's settings are read from.
const CRATE_POINTER: &str = "info.x-rust-crate";

/// The crate's name, version, description and env prefix: from the title, then `x-rust-crate`.
pub(super) fn package(cx: &mut Cx) -> Package {
    let title = cx.doc.info.title.trim();
    let mut package = Package {
        name: format!("{}-client", title.to_snake_case().replace('_', "-")),
        version: "0.1.0".to_owned(),
        description: format!("Typed client for the {title} API."),
        env_prefix: title.to_shouty_snake_case(),
        cli: None,
    };
    apply_crate_extension(cx, &mut package);
    check_package(cx, &package);
    package
}

/// Overrides `package` with the keys `info.x-rust-crate` sets.
fn apply_crate_extension(cx: &mut Cx, package: &mut Package) {
    let pointer = CRATE_POINTER;
    match cx.doc.info.extensions.get("x-rust-crate") {
        None => {}
        Some(Value::Object(map)) => {
            for (key, value) in map {
                let Some(text) = value.as_str() else {
                    cx.add(format!("{pointer}.{key}"), "expected a string".to_owned());
                    continue;
                };
                match key.as_str() {
                    "name" => package.name = text.to_owned(),
                    "version" => package.version = text.to_owned(),
                    "description" => package.description = text.to_owned(),
                    "env-prefix" => package.env_prefix = text.to_owned(),
                    "cli" => package.cli = Some(text.to_owned()),
                    other => cx.add(
                        format!("{pointer}.{other}"),
                        "unknown key; expected one of name, version, description, env-prefix, cli",
                    ),
                }
            }
        }
        Some(_) => cx.add(
            pointer,
            "expected a mapping with name, version, description, env-prefix, cli",
        ),
    }
}

/// The crate name and the env prefix must be valid as such.
fn check_package(cx: &mut Cx, package: &Package) {
    let pointer = CRATE_POINTER;
    let valid_name = package
        .name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && package
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let valid_cli = (package.cli.as_deref()).is_none_or(|cli| {
        cli.starts_with(|c: char| c.is_ascii_lowercase())
            && cli
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    });
    if !valid_cli {
        cx.add(
            format!("{pointer}.cli"),
            "not a valid command name (lower-case letters, digits and `-`, starting with a letter)",
        );
    }
    if !valid_name {
        cx.add(
            format!("{pointer}.name"),
            format!(
                "{:?} is not a valid crate name (letters, digits, `-` and `_`, starting with a letter)",
                package.name
            ),
        );
    }
    let valid_prefix = !package.env_prefix.is_empty()
        && package
            .env_prefix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if !valid_prefix {
        cx.add(
            format!("{pointer}.env-prefix"),
            format!(
                "{:?} is not a valid environment variable prefix (A-Z, 0-9 and `_`)",
                package.env_prefix
            ),
        );
    }
}
