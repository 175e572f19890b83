//! The rewrites of a 3.1 document outside its schemas: path items, operations' `responses`,
//! security schemes.

use serde_yaml::{Mapping, Value};

use super::super::numbers::{Note, key_text};

/// The keys of a path item that are operations.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Puts each path item `$ref`erenced from `components.pathItems` in place, and drops them.
pub(super) fn place_path_items(root: &mut Mapping, problems: &mut Vec<Note>) {
    let items = match root.get_mut("components") {
        Some(Value::Mapping(components)) => components.remove("pathItems"),
        _ => None,
    };
    let Some(Value::Mapping(paths)) = root.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(target) = item.get("$ref").and_then(Value::as_str) else {
            continue;
        };
        let name = target.strip_prefix("#/components/pathItems/");
        let found = name.and_then(|name| items.as_ref()?.get(name)).cloned();
        match found {
            Some(found) => *item = found,
            None => problems.push((
                format!("paths.{}.$ref", key_text(path)),
                format!("`$ref: {target}` is no path item of `components.pathItems`"),
            )),
        }
    }
}

/// `responses` is optional in 3.1: an operation without it documents none (and answers
/// whatever the server sends), as `responses: {}` says in 3.0.
pub(super) fn responses_where_none(root: &mut Mapping) {
    let Some(Value::Mapping(paths)) = root.get_mut("paths") else {
        return;
    };
    let items = paths.values_mut().filter_map(Value::as_mapping_mut);
    for item in items {
        let operations = (item.iter_mut())
            .filter(|(key, _)| key.as_str().is_some_and(|k| METHODS.contains(&k)))
            .filter_map(|(_, operation)| operation.as_mapping_mut());
        for operation in operations {
            if !operation.contains_key("responses") {
                operation.insert("responses".into(), Value::Mapping(Mapping::new()));
            }
        }
    }
}

/// A `mutualTLS` security scheme (new in 3.1) asks for a client certificate, which the HTTP
/// client presents, not a credential the client sends: it goes, from the schemes and from
/// every requirement naming it, with a warning.
pub(super) fn mutual_tls(root: &mut Mapping, warnings: &mut Vec<Note>) {
    let schemes = match root.get_mut("components") {
        Some(Value::Mapping(components)) => components.get_mut("securitySchemes"),
        None | Some(_) => None,
    };
    let Some(Value::Mapping(schemes)) = schemes else {
        return;
    };
    let names: Vec<Value> = (schemes.iter())
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &names {
        schemes.remove(name);
        warnings.push((
            format!("components.securitySchemes.{}", key_text(name)),
            "a `mutualTLS` scheme asks for a client certificate, which the client sends only when its HTTP client has one (`ClientBuilder::http_client`); no credential is asked for it".to_owned(),
        ));
    }
    if names.is_empty() {
        return;
    }
    without_schemes(root.get_mut("security"), &names);
    let Some(Value::Mapping(paths)) = root.get_mut("paths") else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_mapping_mut) {
        for (_, operation) in item.iter_mut() {
            without_schemes(operation.get_mut("security"), &names);
        }
    }
}

/// The security requirements `requirements` without the schemes `names`.
fn without_schemes(requirements: Option<&mut Value>, names: &[Value]) {
    let Some(Value::Sequence(requirements)) = requirements else {
        return;
    };
    for requirement in requirements.iter_mut().filter_map(Value::as_mapping_mut) {
        for name in names {
            requirement.remove(name);
        }
    }
}
