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
/// methods) and a mock's `when` besides the params (`body`, `credentials`), so no param or body
/// field may take them.
pub const BUILDER_OWN_NAMES: &[&str] = &[
    "client",
    "body",
    "options",
    "with_options",
    "send",
    "send_with_response",
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
}
