//! The change report: what a regeneration changes in the crate's public Rust API, judged by what
//! code that uses the crate can still do, and the semver bump it needs.
//!
//! The comparison is between two surfaces (the crate's `api.json`, made from the plans), never
//! between texts. Each change is `breaking` (some caller no longer compiles), `additive` (every
//! caller still compiles, and there is more), `behaviour` (same Rust API, another request on the
//! wire) or `docs`. The generated structs are plain (no `#[non_exhaustive]`), so callers can build
//! them with struct literals in tests and mocks; the price is that a field added to a struct breaks
//! those literals, and the report says so. The same holds for enum variants and exhaustive
//! `match`es.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::surface::{Field, OperationSurface, Surface, TypeKind, TypeSurface};
use versions::{needed_version, parse_version};

mod by_status;
mod features;
mod versions;

/// How a change affects code that uses the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Only documentation changed.
    Docs,
    /// The Rust API is the same; a request goes out differently.
    Behaviour,
    /// Every caller still compiles; there is more API.
    Additive,
    /// Some caller no longer compiles.
    Breaking,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Docs => "docs",
            Kind::Behaviour => "behaviour",
            Kind::Additive => "additive",
            Kind::Breaking => "breaking",
        }
    }
}

/// One change to the public API, and the spec location that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub what: String,
    pub location: String,
}

/// The semver level a set of changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    None,
    Patch,
    Minor,
    Major,
}

/// Every change between two generations, and what version the new one needs.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    /// `major` for breaking changes, `minor` for additive ones, `patch` for the rest.
    pub semver: Level,
    /// The version the compared crate had.
    pub old_version: String,
    /// The version the spec gives now (`info.x-rust-crate.version`).
    pub version: String,
    /// The smallest version that carries the changes, by Cargo's rules (in `0.x`, breaking
    /// changes bump the minor and additive ones the patch).
    pub needed_version: String,
    /// Whether `version` is at least `needed_version`.
    pub version_carries_it: bool,
}

impl Report {
    /// Whether a breaking change lacks the version bump it needs.
    pub fn needs_bump(&self) -> bool {
        self.semver == Level::Major && !self.version_carries_it
    }

    /// The report as JSON, for CI tools.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            writeln!(f, "no change to the public API")?;
        }
        for change in &self.changes {
            writeln!(
                f,
                "{}: {} ({})",
                change.kind.label(),
                change.what,
                change.location
            )?;
        }
        let level = match self.semver {
            Level::None => return writeln!(f, "semver: none"),
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        };
        let verdict = if self.version_carries_it {
            "carries it"
        } else {
            "does not carry it: bump `info.x-rust-crate.version` in the spec"
        };
        writeln!(
            f,
            "semver: {level} (from {} that is {} by Cargo's rules; the spec's version {} {verdict})",
            self.old_version, self.needed_version, self.version
        )
    }
}

/// Compares the crate `old` with `new`.
pub(crate) fn compare(old: &Surface, new: &Surface) -> Report {
    let mut changes = Vec::new();
    operations(&old.operations, &new.operations, &mut changes);
    types(&old.types, &new.types, &mut changes);
    features::crate_features(old, new, &mut changes);
    changes.sort_by(|a, b| b.kind.cmp(&a.kind).then_with(|| a.what.cmp(&b.what)));
    let semver = match changes.iter().map(|c| c.kind).max() {
        None => Level::None,
        Some(Kind::Breaking) => Level::Major,
        Some(Kind::Additive) => Level::Minor,
        Some(Kind::Behaviour | Kind::Docs) => Level::Patch,
    };
    let needed = needed_version(&old.version, semver);
    let carries = match (parse_version(&new.version), parse_version(&needed)) {
        (Some(have), Some(need)) => have >= need,
        _ => false,
    };
    Report {
        changes,
        semver,
        old_version: old.version.clone(),
        version: new.version.clone(),
        needed_version: needed,
        version_carries_it: carries,
    }
}

pub(super) fn change(kind: Kind, what: String, location: &str) -> Change {
    Change {
        kind,
        what,
        location: location.to_owned(),
    }
}

fn operations(
    old: &BTreeMap<String, OperationSurface>,
    new: &BTreeMap<String, OperationSurface>,
    out: &mut Vec<Change>,
) {
    for (name, before) in old {
        match new.get(name) {
            Some(after) => operation(name, before, after, out),
            None => {
                let renamed = new.iter().find(|(other, op)| {
                    !old.contains_key(*other) && op.location == before.location
                });
                let what = match renamed {
                    Some((other, _)) => format!("operation `{name}` renamed to `{other}`"),
                    None => format!("operation `{name}` removed"),
                };
                out.push(change(Kind::Breaking, what, &before.location));
            }
        }
    }
    for (name, after) in new {
        let renamed = old
            .iter()
            .any(|(other, op)| !new.contains_key(other) && op.location == after.location);
        if !old.contains_key(name) && !renamed {
            out.push(change(
                Kind::Additive,
                format!("operation `{name}` added"),
                &after.location,
            ));
        }
    }
}

fn operation(name: &str, old: &OperationSurface, new: &OperationSurface, out: &mut Vec<Change>) {
    let at = new.location.as_str();
    features::operation_features(name, old, new, out);
    arguments(name, old, new, out);
    setters(name, old, new, out);
    let with_body = match (&old.with_body, &new.with_body) {
        (Some(_), None) => Some((Kind::Breaking, format!("`{name}_with_body` removed"))),
        (None, Some(body)) => Some((Kind::Additive, format!("`{name}_with_body({body})` added"))),
        (Some(a), Some(b)) if a != b => Some((
            Kind::Breaking,
            format!("`{name}_with_body` takes {b} instead of {a}"),
        )),
        _ => None,
    };
    if let Some((kind, what)) = with_body {
        out.push(change(kind, what, at));
    }
    if old.answer != new.answer {
        let what = format!("`{name}` answers {} instead of {}", new.answer, old.answer);
        out.push(change(Kind::Breaking, what, at));
    }
    match (old.paged, new.paged) {
        (true, false) => out.push(change(
            Kind::Breaking,
            format!("`{name}().stream()` removed"),
            at,
        )),
        (false, true) => out.push(change(
            Kind::Additive,
            format!("`{name}().stream()` added"),
            at,
        )),
        _ => {}
    }
    if old.request != new.request {
        let what = format!("`{name}` sends {} instead of {}", new.request, old.request);
        out.push(change(Kind::Behaviour, what, at));
    }
    if old.docs != new.docs {
        out.push(change(
            Kind::Docs,
            format!("documentation of `{name}` changed"),
            at,
        ));
    }
    by_status::errors(name, old, new, out);
    by_status::answers(name, old, new, out);
    by_status::media(name, old, new, out);
}

/// The `Client` method's arguments: by position, as Rust passes them.
fn arguments(name: &str, old: &OperationSurface, new: &OperationSurface, out: &mut Vec<Change>) {
    let at = new.location.as_str();
    let types = |op: &OperationSurface| {
        op.arguments
            .iter()
            .map(|a| a.ty.clone())
            .collect::<Vec<_>>()
    };
    if old.arguments == new.arguments {
        return;
    }
    let find = |op: &OperationSurface, arg: &str| op.arguments.iter().position(|a| a.name == arg);
    let moved = |index: usize, name: &str| find(new, name).is_some_and(|i| i != index);
    let same_types = types(old) == types(new);
    let any_moved = old
        .arguments
        .iter()
        .enumerate()
        .any(|(i, a)| moved(i, &a.name));
    if same_types && !any_moved {
        out.push(change(
            Kind::Docs,
            format!("arguments of `{name}` renamed"),
            at,
        ));
        return;
    }
    // Same types in a new order still compile, and silently send each value as another param.
    let silently = if same_types {
        " (callers still compile, and send their values to the wrong params)"
    } else {
        ""
    };
    for (index, arg) in old.arguments.iter().enumerate() {
        let what = match find(new, &arg.name) {
            None if new.setters.contains_key(&arg.name) => {
                format!(
                    "`{name}`'s argument `{}` made optional (a setter now)",
                    arg.name
                )
            }
            None => format!("`{name}`'s required argument `{}` removed", arg.name),
            Some(i) if new.arguments[i].ty != arg.ty => format!(
                "`{name}`'s argument `{}` retyped from {} to {}",
                arg.name, arg.ty, new.arguments[i].ty
            ),
            Some(i) if i != index => format!(
                "`{name}`'s argument `{}` moved to position {}{silently}",
                arg.name,
                i + 1
            ),
            Some(_) => continue,
        };
        out.push(change(Kind::Breaking, what, at));
    }
    added_arguments(name, old, new, out);
}

/// Arguments the new method takes that the old one did not: new, or optional params made
/// required.
fn added_arguments(
    name: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    out: &mut Vec<Change>,
) {
    let at = new.location.as_str();
    let added = new
        .arguments
        .iter()
        .filter(|a| !old.arguments.iter().any(|o| o.name == a.name));
    for arg in added {
        let what = if old.setters.contains_key(&arg.name) {
            format!(
                "`{name}`'s optional param `{}` made required (an argument now)",
                arg.name
            )
        } else {
            format!(
                "`{name}` takes a new required argument `{}: {}`",
                arg.name, arg.ty
            )
        };
        out.push(change(Kind::Breaking, what, at));
    }
}

fn setters(name: &str, old: &OperationSurface, new: &OperationSurface, out: &mut Vec<Change>) {
    let at = new.location.as_str();
    for (setter, ty) in &old.setters {
        match new.setters.get(setter) {
            // An optional param made required is reported with the arguments.
            None if new.arguments.iter().any(|a| &a.name == setter) => {}
            None => out.push(change(
                Kind::Breaking,
                format!("setter `{name}().{setter}` removed"),
                at,
            )),
            Some(now) if now != ty => {
                let what = format!("setter `{name}().{setter}` retyped from {ty} to {now}");
                out.push(change(Kind::Breaking, what, at));
            }
            Some(_) => {}
        }
    }
    for (setter, ty) in &new.setters {
        let was_argument = old.arguments.iter().any(|a| &a.name == setter);
        if !old.setters.contains_key(setter) && !was_argument {
            out.push(change(
                Kind::Additive,
                format!("setter `{name}().{setter}({ty})` added"),
                at,
            ));
        }
    }
}

fn types(
    old: &BTreeMap<String, TypeSurface>,
    new: &BTreeMap<String, TypeSurface>,
    out: &mut Vec<Change>,
) {
    let renamed_to = |name: &str, before: &TypeSurface| {
        new.iter()
            .find(|(other, after)| {
                !old.contains_key(*other) && after.kind == before.kind && other.as_str() != name
            })
            .map(|(other, _)| other.clone())
    };
    let mut renamed = Vec::new();
    for (name, before) in old {
        match new.get(name) {
            Some(after) => type_change(name, before, after, out),
            None => {
                let what = match renamed_to(name, before) {
                    Some(other) => {
                        renamed.push(other.clone());
                        format!("type `{name}` renamed to `{other}`")
                    }
                    None => format!("type `{name}` removed"),
                };
                out.push(change(Kind::Breaking, what, &before.location));
            }
        }
    }
    for (name, after) in new {
        if !old.contains_key(name) && !renamed.contains(name) {
            out.push(change(
                Kind::Additive,
                format!("type `{name}` added"),
                &after.location,
            ));
        }
    }
}

fn type_change(name: &str, old: &TypeSurface, new: &TypeSurface, out: &mut Vec<Change>) {
    let at = new.location.as_str();
    match (&old.kind, &new.kind) {
        (TypeKind::Struct { fields: before }, TypeKind::Struct { fields: after }) => {
            fields(name, before, after, at, out);
        }
        (TypeKind::Enum { variants: before }, TypeKind::Enum { variants: after }) => {
            for variant in before.iter().filter(|v| !after.contains(v)) {
                out.push(change(
                    Kind::Breaking,
                    format!("variant `{name}::{variant}` removed"),
                    at,
                ));
            }
            for variant in after.iter().filter(|v| !before.contains(v)) {
                let what = format!(
                    "variant `{name}::{variant}` added (exhaustive `match`es on `{name}` no longer compile)"
                );
                out.push(change(Kind::Breaking, what, at));
            }
        }
        (before, after) if before != after => {
            out.push(change(
                Kind::Breaking,
                format!("type `{name}` changed its shape"),
                at,
            ));
        }
        _ => {}
    }
}

fn fields(
    name: &str,
    old: &BTreeMap<String, Field>,
    new: &BTreeMap<String, Field>,
    at: &str,
    out: &mut Vec<Change>,
) {
    for (field, before) in old {
        let (kind, what) = match new.get(field) {
            None => (Kind::Breaking, format!("field `{name}.{field}` removed")),
            Some(after) if after.ty != before.ty => {
                let made = match &before.ty {
                    crate::plan::TypeRef::Option(inner) if **inner == after.ty => {
                        " (made required)"
                    }
                    _ => "",
                };
                let what = format!(
                    "field `{name}.{field}` retyped from {} to {}{made}",
                    before.ty, after.ty
                );
                (Kind::Breaking, what)
            }
            Some(after) if after.docs != before.docs => (
                Kind::Docs,
                format!("documentation of `{name}.{field}` changed"),
            ),
            Some(_) => continue,
        };
        out.push(change(kind, what, at));
    }
    for (field, after) in new.iter().filter(|(f, _)| !old.contains_key(*f)) {
        let what = format!(
            "field `{name}.{field}: {}` added (struct literals of `{name}` no longer compile)",
            after.ty
        );
        out.push(change(Kind::Breaking, what, at));
    }
}
