//! Rust names for spec names, made the way the type engine (typify, as progenitor uses it) makes
//! them, so generated code can name the engine's types and fields; and the names of the values a
//! caller gives (params and body fields), which must not take a request builder's own names.

use heck::{ToPascalCase, ToSnakeCase};
use unicode_ident::{is_xid_continue, is_xid_start};

/// `hourRate` → `hour_rate`, `type` → `type_`, `list-tasks` → `list_tasks`.
pub fn snake(name: &str) -> String {
    finish(
        name.replace('\'', "")
            .replace(|c: char| !is_xid_continue(c), "-")
            .to_snake_case(),
    )
}

/// `list_tasks` → `ListTasks`.
pub fn pascal(name: &str) -> String {
    finish(
        name.replace('\'', "")
            .replace(|c: char| !is_xid_continue(c), "-")
            .to_pascal_case(),
    )
}

/// Whether the engine's two naming schemes agree on `name` (they differ only for names that do
/// not start with a letter or `_`).
pub fn is_nameable(name: &str) -> bool {
    let cased = name
        .replace('\'', "")
        .replace(|c: char| !is_xid_continue(c), "-")
        .to_snake_case();
    cased.chars().next().is_some_and(is_xid_start)
}

/// Names a request builder uses for itself (its `client`, `body` and `options` fields, its
/// `with_options`, `send`, `send_with_response`, `upgrade`, `upgrade_with_response` and `stream`
/// methods, and `request`, the request `send` builds), and a mock's `when` besides the params
/// (`body`, `credentials`), so no param or body field may take them.
pub const BUILDER_OWN_NAMES: &[&str] = &[
    "client",
    "request",
    "body",
    "options",
    "with_options",
    "send",
    "send_with_response",
    "send_as",
    "build_request",
    "prepare",
    "upgrade",
    "upgrade_with_response",
    "stream",
    "credentials",
];

/// The Rust name of a param or body field (an argument, setter and mock matcher): its snake
/// case, with `_param` appended when it would be one of [`BUILDER_OWN_NAMES`] (`stream` →
/// `stream_param`), so a spec's names never collide with the generated methods. Range filters
/// keep their comparison: `DateCreated<` → `date_created_lt`, `DateCreated>` → `date_created_gt`.
pub fn value_ident(name: &str) -> String {
    let spelled = name.replace('<', "_lt_").replace('>', "_gt_");
    let ident = snake(&spelled);
    if BUILDER_OWN_NAMES.contains(&ident.as_str()) {
        format!("{ident}_param")
    } else {
        ident
    }
}

/// The variant of a per-status enum for a status: its reason phrase in Pascal case
/// (`404` → `NotFound`, `201` → `Created`), `Status{code}` for a code without one, the class
/// for a range (`2XX` → `Success`, `4XX` → `ClientError`, `5XX` → `ServerError`), `Default`.
pub fn status_variant(status: crate::model::Status) -> String {
    use crate::model::Status;
    match status {
        Status::Code(code) => http::StatusCode::from_u16(code)
            .ok()
            .and_then(|s| s.canonical_reason())
            .map_or_else(|| format!("Status{code}"), pascal),
        Status::Class(1) => "Informational".to_owned(),
        Status::Class(2) => "Success".to_owned(),
        Status::Class(3) => "Redirection".to_owned(),
        Status::Class(4) => "ClientError".to_owned(),
        Status::Class(5) => "ServerError".to_owned(),
        Status::Class(class) => format!("Status{class}xx"),
        Status::Default => "Default".to_owned(),
    }
}

/// The name of an operation without an operationId: its method, then each segment of its path,
/// a variable as `by_{name}` (`GET /pets/{id}/photos` → `get_pets_by_id_photos`).
pub fn operation_name(method: &str, path: &str) -> String {
    let segments = path.split('/').filter(|s| !s.is_empty()).map(|segment| {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => format!("by_{name}"),
            None => segment.to_owned(),
        }
    });
    let words: Vec<String> = std::iter::once(method.to_ascii_lowercase())
        .chain(segments)
        .collect();
    snake(&words.join("_"))
}

/// The Rust names of an operation's values, from [`value_idents`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueIdents {
    /// Each param's, in the order given.
    pub params: Vec<String>,
    /// Each body field's, in the order given.
    pub fields: Vec<String>,
    /// Two spec names that still share a Rust name: the first, the second, and the name.
    pub clashes: Vec<(String, String, String)>,
}

/// The Rust names of an operation's values (arguments, setters and mock matchers): each param's
/// [`value_ident`], in order; then each body field's, except that a field whose name a param
/// already has becomes `body_<name>` (GitHub's path param `name` and body field `name` give
/// `name` and `body_name`). A name taken twice all the same is a clash, which validation refuses.
pub fn value_idents<'a>(
    params: impl IntoIterator<Item = &'a str>,
    fields: impl IntoIterator<Item = &'a str>,
) -> ValueIdents {
    let mut out = ValueIdents::default();
    // Rust name → the spec name that has it, and whether that is a param.
    let mut taken: std::collections::BTreeMap<String, (&str, bool)> = Default::default();
    for name in params {
        let ident = value_ident(name);
        if let Some((other, _)) = taken.insert(ident.clone(), (name, true)) {
            out.clashes
                .push((other.to_owned(), name.to_owned(), ident.clone()));
        }
        out.params.push(ident);
    }
    for name in fields {
        let mut ident = value_ident(name);
        if taken.get(&ident).is_some_and(|(_, param)| *param) {
            ident = value_ident(&format!("body_{name}"));
        }
        if let Some((other, _)) = taken.insert(ident.clone(), (name, false)) {
            out.clashes
                .push((other.to_owned(), name.to_owned(), ident.clone()));
        }
        out.fields.push(ident);
    }
    out
}

/// The values of a string `enum` that the type engine would give one Rust variant name, each
/// group with that name, in the order first met; empty when every value gets a name of its own.
/// typify names a variant [`engine_pascal`] of its value; when two collide, the same of the value
/// with `_` and the characters an identifier cannot hold turned into `X`; when those collide too,
/// it fails (`ASC`/`asc`, `""`/`x`).
pub fn variant_clashes<'a>(values: &[&'a str]) -> Vec<(String, Vec<&'a str>)> {
    let plain: Vec<String> = values.iter().map(|v| engine_pascal(v)).collect();
    if all_distinct(&plain) {
        return Vec::new();
    }
    let marked =
        |v: &str| engine_pascal(&v.replace(|c: char| c == '_' || !is_xid_continue(c), "X"));
    let mut groups: Vec<(String, Vec<&'a str>)> = Vec::new();
    for value in values {
        let name = marked(value);
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, group)) => group.push(value),
            None => groups.push((name, vec![value])),
        }
    }
    groups.retain(|(_, group)| group.len() > 1);
    groups
}

fn all_distinct(names: &[String]) -> bool {
    let set: std::collections::BTreeSet<&String> = names.iter().collect();
    set.len() == names.len()
}

/// A variant or type name as the type engine makes it (typify's `sanitize` in Pascal case):
/// [`pascal`], but `+1`/`-1` are `plus1`/`minus1`, and a name that does not start with a letter
/// gets `X` in front.
fn engine_pascal(value: &str) -> String {
    let out = match value {
        "+1" => "plus1".to_owned(),
        "-1" => "minus1".to_owned(),
        _ => value
            .replace('\'', "")
            .replace(|c: char| !is_xid_continue(c), "-")
            .to_pascal_case(),
    };
    let out = match out.chars().next() {
        None => "X".to_owned(),
        Some(c) if is_xid_start(c) => out,
        Some(_) => format!("X{out}"),
    };
    finish(out)
}

fn finish(out: String) -> String {
    if typify::accept_as_ident(&out) {
        out
    } else {
        format!("{out}_")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_engine() {
        assert_eq!(snake("hourRate"), "hour_rate");
        assert_eq!(snake("page_number"), "page_number");
        assert_eq!(snake("type"), "type_");
        assert_eq!(pascal("list_tasks"), "ListTasks");
        assert!(is_nameable("name"));
        assert!(!is_nameable("1st"));
        assert!(!is_nameable(""));
    }

    #[test]
    fn statuses_name_their_variants() {
        use crate::model::Status;
        assert_eq!(status_variant(Status::Code(404)), "NotFound");
        assert_eq!(status_variant(Status::Code(422)), "UnprocessableEntity");
        assert_eq!(status_variant(Status::Code(201)), "Created");
        assert_eq!(status_variant(Status::Code(299)), "Status299");
        assert_eq!(status_variant(Status::Class(4)), "ClientError");
        assert_eq!(status_variant(Status::Class(2)), "Success");
        assert_eq!(status_variant(Status::Default), "Default");
    }

    #[test]
    fn value_names_avoid_the_builders_own_and_keep_range_comparisons() {
        assert_eq!(value_ident("stream"), "stream_param");
        assert_eq!(value_ident("hourRate"), "hour_rate");
        assert_eq!(value_ident("DateCreated<"), "date_created_lt");
        assert_eq!(value_ident("DateCreated>"), "date_created_gt");
        assert_eq!(value_ident("DateCreated"), "date_created");
    }

    #[test]
    fn a_body_field_named_like_a_param_gets_body_in_front() {
        let idents = value_idents(["owner", "name"], ["name", "value", "AccountSid"]);
        assert_eq!(idents.params, ["owner", "name"]);
        assert_eq!(idents.fields, ["body_name", "value", "account_sid"]);
        assert!(idents.clashes.is_empty());
        let idents = value_idents(["AccountSid"], ["AccountSid"]);
        assert_eq!(idents.fields, ["body_account_sid"]);
    }

    #[test]
    fn enum_values_the_engine_cannot_name_apart() {
        let groups = variant_clashes(&["ASC", "DESC", "asc", "desc", "none"]);
        assert_eq!(
            groups,
            [
                ("Asc".to_owned(), vec!["ASC", "asc"]),
                ("Desc".to_owned(), vec!["DESC", "desc"])
            ]
        );
        assert_eq!(variant_clashes(&["", "x"]).len(), 1);
        assert_eq!(variant_clashes(&["1a", "x1a"]).len(), 1);
        assert_eq!(variant_clashes(&["a", "a"]).len(), 1);
        // Told apart by the second naming (`AXb`, `AB`), as the engine does.
        assert!(variant_clashes(&["a_b", "aB"]).is_empty());
        assert!(variant_clashes(&["open", "done"]).is_empty());
    }

    #[test]
    fn names_that_still_collide_are_clashes() {
        let clash = |first: &str, second: &str, ident: &str| {
            (first.to_owned(), second.to_owned(), ident.to_owned())
        };
        let idents = value_idents(["name", "body_name"], ["name"]);
        assert_eq!(idents.clashes, [clash("body_name", "name", "body_name")]);
        let idents = value_idents([], ["hourRate", "hour_rate"]);
        assert_eq!(
            idents.clashes,
            [clash("hourRate", "hour_rate", "hour_rate")]
        );
        let idents = value_idents(["id", "Id"], []);
        assert_eq!(idents.clashes, [clash("id", "Id", "id")]);
    }
}
