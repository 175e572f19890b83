//! Rust names for spec names, made the way the engine (progenitor and typify) makes them, so the
//! extras can call the engine's methods and fill its structs' fields.

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
}
