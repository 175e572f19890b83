//! Changes to what an operation answers and fails with by status: its own error body, the
//! variants of its per-status enums, and the other media its answer can be asked for in. A
//! different error type breaks code that names it, and a variant added, removed or retyped
//! breaks exhaustive `match`es.

use std::collections::BTreeMap;

use super::{Change, Kind, change};
use crate::plan::TypeRef;
use crate::surface::{ErrorSurface, OperationSurface};

/// The error body of `name`'s calls.
pub(super) fn errors(
    name: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    out: &mut Vec<Change>,
) {
    let at = new.location.as_str();
    let shown = |error: &Option<ErrorSurface>| match error {
        None => "the crate's `Error`".to_owned(),
        Some(ErrorSurface::Own(ty)) => format!("an error with the body {ty}"),
        Some(ErrorSurface::PerStatus(_)) => "an error with a body per status".to_owned(),
    };
    match (&old.error, &new.error) {
        (Some(ErrorSurface::PerStatus(before)), Some(ErrorSurface::PerStatus(after))) => {
            variants(&format!("`{name}`'s error"), before, after, at, out);
        }
        (before, after) if before != after => {
            let what = format!(
                "`{name}` fails with {} instead of {}",
                shown(after),
                shown(before)
            );
            out.push(change(Kind::Breaking, what, at));
        }
        _ => {}
    }
}

/// The variants of `name`'s answer, when it answers by status before and after (a change of the
/// answer's type itself is reported with the answer).
pub(super) fn answers(
    name: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    out: &mut Vec<Change>,
) {
    if let (Some(before), Some(after)) = (&old.answer_variants, &new.answer_variants) {
        let at = new.location.as_str();
        variants(&format!("`{name}`'s answer"), before, after, at, out);
    }
}

/// Variants added, removed or retyped.
fn variants(
    what: &str,
    old: &BTreeMap<String, TypeRef>,
    new: &BTreeMap<String, TypeRef>,
    at: &str,
    out: &mut Vec<Change>,
) {
    for (variant, before) in old {
        let message = match new.get(variant) {
            None => format!("variant `{variant}` of {what} removed"),
            Some(after) if after != before => {
                format!("variant `{variant}` of {what} holds {after} instead of {before}")
            }
            Some(_) => continue,
        };
        out.push(change(Kind::Breaking, message, at));
    }
    for (variant, holds) in new.iter().filter(|(v, _)| !old.contains_key(*v)) {
        let message = format!(
            "variant `{variant}({holds})` of {what} added (exhaustive `match`es no longer compile)"
        );
        out.push(change(Kind::Breaking, message, at));
    }
}

/// The media `send_as` can ask for of `name`'s answer: `send_as` added is additive, removed
/// breaking; a media removed breaks code that names its variant, one added exhaustive `match`es.
pub(super) fn media(
    name: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    out: &mut Vec<Change>,
) {
    let at = new.location.as_str();
    let (before, after) = (&old.other_media, &new.other_media);
    match (before.is_empty(), after.is_empty()) {
        (true, true) => return,
        (true, false) => {
            let what = format!("`{name}().send_as` added, for the media {}", listed(after));
            return out.push(change(Kind::Additive, what, at));
        }
        (false, true) => {
            let what = format!("`{name}().send_as` removed");
            return out.push(change(Kind::Breaking, what, at));
        }
        (false, false) => {}
    }
    let what = format!("`{name}`'s other media");
    for (variant, content_type) in before.iter().filter(|(v, _)| !after.contains_key(*v)) {
        let message = format!("variant `{variant}` (`{content_type}`) of {what} removed");
        out.push(change(Kind::Breaking, message, at));
    }
    for (variant, content_type) in after.iter().filter(|(v, _)| !before.contains_key(*v)) {
        let message = format!(
            "variant `{variant}` (`{content_type}`) of {what} added (exhaustive `match`es no \
             longer compile)"
        );
        out.push(change(Kind::Breaking, message, at));
    }
}

fn listed(media: &BTreeMap<String, String>) -> String {
    let media: Vec<String> = media.values().map(|m| format!("`{m}`")).collect();
    media.join(", ")
}
