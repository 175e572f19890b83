//! References: every `$ref` is local and points at something, and each points into the section
//! of the kind its place takes.

use openapiv3::ReferenceOr;
use serde_json::Value;

use super::Cx;

/// Every `$ref` must be local (`#/…`) and point at something that exists.
pub(super) fn check_refs(cx: &mut Cx) {
    let Ok(tree) = serde_json::to_value(cx.doc) else {
        cx.add("", "the document cannot be represented as JSON");
        return;
    };
    let mut found = Vec::new();
    collect_refs(&tree, &mut String::new(), &mut found);
    for (pointer, target) in found {
        match target.strip_prefix('#') {
            Some(local) if tree.pointer(local).is_some() => {}
            Some(_) => cx.add(
                pointer,
                format!("`$ref: {target}` points at nothing; define it or fix the reference"),
            ),
            None => cx.add(
                pointer,
                format!("`$ref: {target}` is not a reference into this document (`#/…`); external references are not supported"),
            ),
        }
    }
}

fn collect_refs(value: &Value, pointer: &mut String, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                found.push((format!("{pointer}.$ref"), target.clone()));
            }
            // `example`, and an Example object's `value`, are data: nothing in them refers.
            let example_object = pointer.rsplit('.').nth(1) == Some("examples");
            for (key, child) in map {
                if key == "example" || (example_object && key == "value") {
                    continue;
                }
                let len = pointer.len();
                if !pointer.is_empty() {
                    pointer.push('.');
                }
                pointer.push_str(key);
                collect_refs(child, pointer, found);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("[{index}]"));
                collect_refs(child, pointer, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// A `$ref` in a place that takes one kind of component must point into that kind's section.
pub(super) fn check_ref_kind<T>(cx: &mut Cx, item: &ReferenceOr<T>, section: &str, pointer: &str) {
    if let ReferenceOr::Reference { reference } = item {
        let prefix = format!("#/components/{section}/");
        if reference.starts_with('#') && !reference.starts_with(&prefix) {
            cx.add(
                format!("{pointer}.$ref"),
                format!("`$ref: {reference}` must point into `{prefix}` here"),
            );
        }
    }
}
