//! Changes to the cargo features: the crate's, and the features each operation compiles under.
//! Code that compiled without a feature and now needs one is gone for a user who turned the
//! default features off, so gating it is breaking; ungating it, or a feature more, is additive.

use super::{Change, Kind, change};
use crate::surface::{OperationSurface, Surface};

/// The crate's features: one removed is breaking, one added additive.
pub(super) fn crate_features(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    for feature in &old.features {
        if !new.features.contains(feature) {
            let what = format!("cargo feature `{feature}` removed");
            out.push(change(Kind::Breaking, what, "tags"));
        }
    }
    for feature in &new.features {
        if !old.features.contains(feature) {
            let what = format!("cargo feature `{feature}` added");
            out.push(change(Kind::Additive, what, "tags"));
        }
    }
}

/// The features one operation compiles under (any of them; none: always).
pub(super) fn operation_features(
    name: &str,
    old: &OperationSurface,
    new: &OperationSurface,
    out: &mut Vec<Change>,
) {
    let at = new.location.as_str();
    let list = |features: &[String]| {
        let quoted: Vec<String> = features.iter().map(|f| format!("`{f}`")).collect();
        quoted.join(", ")
    };
    let lost: Vec<String> = (old.features.iter())
        .filter(|f| !new.features.contains(f))
        .cloned()
        .collect();
    if old.features.is_empty() && !new.features.is_empty() {
        let what = format!(
            "`{name}` now compiles only with the feature {}",
            list(&new.features)
        );
        out.push(change(Kind::Breaking, what, at));
    } else if new.features.is_empty() && !old.features.is_empty() {
        out.push(change(
            Kind::Additive,
            format!("`{name}` now always compiles"),
            at,
        ));
    } else if !lost.is_empty() {
        let what = format!(
            "`{name}` no longer compiles with the feature {}",
            list(&lost)
        );
        out.push(change(Kind::Breaking, what, at));
    } else if new.features.iter().any(|f| !old.features.contains(f)) {
        let what = format!(
            "`{name}` compiles with the feature {} too",
            list(&new.features)
        );
        out.push(change(Kind::Additive, what, at));
    }
}
