//! The crate's cargo features: one per tag, so that a crate made from a large spec compiles only
//! the operations, mocks and types of the tags its user turns on. The decisions:
//!
//! - A tag's feature is its name in kebab case (`Time Entries` → `time-entries`); tags whose
//!   names meet there share it, and a name the crate keeps for itself gets `tag-` in front.
//! - An operation compiles when any of its tags' features is on; one without a tag always does.
//! - A type compiles when any operation that needs it (its inputs, answers and errors, and what
//!   their types contain) compiles. The crate's shared error body, and what an untagged
//!   operation needs, always compile. Types no operation needs are the feature `unused-types`.
//! - The engine's other items compile when the types they name do.
//!
//! Every feature is on by default. A spec without tags has no features.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use super::{OperationPlan, RustType};
use crate::model::Tag;
use crate::tokens::{RustIdent, RustText};
use crate::type_engine::{EngineItem, EngineItems, Needs};

/// The feature of the types no operation needs.
pub(crate) const UNUSED_TYPES: &str = "unused-types";

/// Feature names the crate keeps for itself.
const RESERVED: [&str; 3] = ["default", "mock", UNUSED_TYPES];

/// When an item compiles: when every one of its gates is open, and a gate is open when any of
/// its features is on. No gates: always.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cfg {
    pub gates: Vec<Vec<String>>,
}

impl Cfg {
    /// When any of `features` is on (always, for none).
    fn any(features: Vec<String>) -> Cfg {
        let gates = (!features.is_empty()).then_some(features);
        Cfg {
            gates: gates.into_iter().collect(),
        }
    }
}

/// When code that any of the items under `cfgs` use compiles (operations' cfgs: one gate
/// each); `None` for no items.
pub(crate) fn any_of<'a>(cfgs: impl Iterator<Item = &'a Cfg>) -> Option<Cfg> {
    let mut features = BTreeSet::new();
    let mut any = false;
    for cfg in cfgs {
        any = true;
        match cfg.gates.as_slice() {
            [gate] => features.extend(gate.iter().cloned()),
            _ => return Some(Cfg::default()),
        }
    }
    any.then(|| Cfg::any(features.into_iter().collect()))
}

/// A cargo feature of the crate.
pub(crate) struct FeaturePlan {
    pub name: String,
    /// What turning it on compiles, for `Cargo.toml`.
    pub doc: String,
}

/// An item of the `types` module and when it compiles.
pub(crate) struct Gated {
    pub cfg: Cfg,
    pub tokens: RustText,
}

/// A module of the `types` module (`defaults`, `error`).
pub(crate) struct TypesModule {
    pub attrs: RustText,
    pub ident: RustIdent,
    pub items: Vec<Gated>,
}

/// The `types` module: its items, then its modules, each item with its `Cfg`.
pub(crate) struct TypesPlan {
    pub items: Vec<Gated>,
    pub modules: Vec<TypesModule>,
}

/// A feature's name for a tag.
fn feature_name(tag: &str) -> String {
    let name: String = (tag.to_kebab_case().chars())
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    match name.is_empty() || RESERVED.contains(&name.as_str()) {
        true => format!("tag-{name}").trim_end_matches('-').to_owned(),
        false => name,
    }
}

/// Plans the features, gives each operation its `Cfg`, and each item of the `types` module its.
pub(super) fn plan(
    tags: &[Tag],
    operations: &mut [OperationPlan],
    always: Option<&RustType>,
    references: &BTreeMap<String, BTreeSet<String>>,
    items: EngineItems,
) -> (Vec<FeaturePlan>, TypesPlan) {
    let mut features = tag_features(tags, operations);
    let mut reach = Reach::default();
    if !features.is_empty() {
        let index: BTreeMap<&str, usize> = (features.iter().enumerate())
            .map(|(i, f)| (f.name.as_str(), i))
            .collect();
        for op in operations.iter_mut() {
            let mut own: Vec<usize> = op.tags.iter().map(|t| index[&*feature_name(t)]).collect();
            own.sort_unstable();
            own.dedup();
            reach.mark(references, op.named_types(), &own);
            op.cfg = Cfg::any(own.iter().map(|&i| features[i].name.clone()).collect());
        }
        let mut error = BTreeSet::new();
        always.inspect(|ty| ty.desc.named(&mut error));
        reach.mark(references, error, &[]);
        let unused: BTreeSet<String> = (references.keys())
            .filter(|name| !reach.0.contains_key(*name))
            .cloned()
            .collect();
        if !unused.is_empty() {
            reach.mark(references, unused, &[features.len()]);
            features.push(FeaturePlan {
                name: UNUSED_TYPES.to_owned(),
                doc: "The types of the spec's schemas that no operation uses.".to_owned(),
            });
        }
    }
    let names: Vec<&str> = features.iter().map(|f| f.name.as_str()).collect();
    let types = reach.types_plan(&names, items);
    (features, types)
}

/// One feature per tag name, in the order the document declares its tags, then the order
/// operations name the others.
fn tag_features(tags: &[Tag], operations: &[OperationPlan]) -> Vec<FeaturePlan> {
    let declared = tags.iter().map(|t| (&t.name, t.description.as_deref()));
    let named = (operations.iter().flat_map(|op| &op.tags)).map(|t| (t, None));
    let used: BTreeSet<&String> = operations.iter().flat_map(|op| &op.tags).collect();
    let mut features: Vec<FeaturePlan> = Vec::new();
    for (tag, description) in declared.chain(named) {
        let name = feature_name(tag);
        if !used.contains(tag) || features.iter().any(|f| f.name == name) {
            continue;
        }
        let first_line = description.and_then(|d| d.lines().next()).unwrap_or("");
        let about = first_line.split_inclusive(". ").next().unwrap_or("");
        let doc = format!("The operations tagged `{tag}`. {about}");
        features.push(FeaturePlan {
            name,
            doc: doc.trim_end().to_owned(),
        });
    }
    features
}

/// Type name → the features under which something needs it; `None` in the set: always.
#[derive(Default)]
struct Reach(BTreeMap<String, BTreeSet<Option<usize>>>);

impl Reach {
    /// Marks `roots` and every type they reach as needed under `features` (always, for none).
    fn mark(
        &mut self,
        references: &BTreeMap<String, BTreeSet<String>>,
        roots: BTreeSet<String>,
        features: &[usize],
    ) {
        let labels: Vec<Option<usize>> = match features.is_empty() {
            true => vec![None],
            false => features.iter().copied().map(Some).collect(),
        };
        let mut stack: Vec<String> = roots.into_iter().collect();
        while let Some(name) = stack.pop() {
            let marks = self.0.entry(name.clone()).or_default();
            let before = marks.len();
            marks.extend(labels.iter().copied());
            if marks.len() == before {
                continue;
            }
            stack.extend(references.get(&name).into_iter().flatten().cloned());
        }
    }

    /// The features under which `name` compiles; empty: always.
    fn gate(&self, name: &str, features: &[&str]) -> Vec<String> {
        match self.0.get(name) {
            Some(marks) if !marks.contains(&None) => (marks.iter().flatten())
                .map(|&i| features[i].to_owned())
                .collect(),
            _ => Vec::new(),
        }
    }

    fn cfg(&self, needs: &Needs, features: &[&str]) -> Cfg {
        match needs {
            Needs::Any(names) => {
                let gates: Vec<Vec<String>> =
                    names.iter().map(|n| self.gate(n, features)).collect();
                if gates.iter().any(Vec::is_empty) {
                    return Cfg::default();
                }
                let union: BTreeSet<String> = gates.into_iter().flatten().collect();
                Cfg::any(union.into_iter().collect())
            }
            Needs::All(names) => {
                let gates = names.iter().map(|n| self.gate(n, features));
                Cfg {
                    gates: narrowest(gates.filter(|g| !g.is_empty()).collect()),
                }
            }
        }
    }

    fn types_plan(&self, features: &[&str], items: EngineItems) -> TypesPlan {
        let gated = |items: Vec<EngineItem>| -> Vec<Gated> {
            (items.into_iter())
                .map(|item| Gated {
                    cfg: self.cfg(&item.needs, features),
                    tokens: RustText::new(&item.tokens),
                })
                .collect()
        };
        let modules = items.modules.into_iter().map(|module| TypesModule {
            attrs: RustText::new(&module.attrs),
            ident: module.ident.into(),
            items: gated(module.items),
        });
        TypesPlan {
            modules: modules.collect(),
            items: gated(items.items),
        }
    }
}

/// Drops each gate that another gate's features all belong to (it is open whenever that one is).
fn narrowest(mut gates: Vec<Vec<String>>) -> Vec<Vec<String>> {
    gates.sort();
    gates.dedup();
    let wider = |gate: &Vec<String>, other: &Vec<String>| {
        gate != other && other.iter().all(|f| gate.contains(f))
    };
    let kept = gates.iter().filter(|g| !gates.iter().any(|o| wider(g, o)));
    kept.cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_kebab_case_features_and_reserved_names_are_kept_apart() {
        assert_eq!(feature_name("Project Time Entries"), "project-time-entries");
        assert_eq!(feature_name("mock"), "tag-mock");
        assert_eq!(feature_name("unused types"), "tag-unused-types");
        assert_eq!(feature_name("—"), "tag");
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn types_compile_with_every_feature_that_reaches_them() {
        let references: BTreeMap<String, BTreeSet<String>> = [
            ("A", vec!["Shared"]),
            ("B", vec!["Shared"]),
            ("Shared", vec![]),
            ("Error", vec!["Detail"]),
            ("Detail", vec![]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
        .collect();
        let mut reach = Reach::default();
        let roots = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
        reach.mark(&references, roots(&["A"]), &[0]);
        reach.mark(&references, roots(&["B"]), &[1]);
        reach.mark(&references, roots(&["Error"]), &[]);
        let features = ["a", "b"];
        assert_eq!(reach.gate("A", &features), strings(&["a"]));
        assert_eq!(reach.gate("Shared", &features), strings(&["a", "b"]));
        assert!(reach.gate("Detail", &features).is_empty());
        let all = Needs::All(strings(&["A", "Shared", "Detail"]));
        assert_eq!(reach.cfg(&all, &features).gates, vec![strings(&["a"])]);
        let any = Needs::Any(strings(&["A", "B"]));
        assert_eq!(reach.cfg(&any, &features).gates, vec![strings(&["a", "b"])]);
    }

    #[test]
    fn only_gates_no_other_gate_implies_are_kept() {
        let gates = vec![strings(&["a", "b"]), strings(&["a"]), strings(&["c"])];
        assert_eq!(narrowest(gates), vec![strings(&["a"]), strings(&["c"])]);
    }
}
