//! A Rust type's structure as data: what the change report compares and what the plan reads
//! the types an item names from.

use std::collections::BTreeSet;

/// A Rust type's structure, from the engine's type details: what the change report compares.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TypeRef {
    /// A struct, enum or newtype of the `types` module.
    Named(String),
    /// An enum of the `responses` module: an operation's answers or errors by status.
    Response(String),
    /// One of the engine's built-in types, by the name it declares (`i64`, `bool`, …).
    Builtin(String),
    String,
    Unit,
    Vec(Box<TypeRef>),
    Option(Box<TypeRef>),
    Set(Box<TypeRef>),
    Box(Box<TypeRef>),
    Map(Box<TypeRef>, Box<TypeRef>),
    Array(Box<TypeRef>, usize),
    Tuple(Vec<TypeRef>),
}

impl TypeRef {
    /// Adds the names of the `types` module's types it is or contains to `out`.
    pub fn named(&self, out: &mut BTreeSet<String>) {
        match self {
            TypeRef::Named(name) => {
                out.insert(name.clone());
            }
            TypeRef::Response(_) | TypeRef::Builtin(_) | TypeRef::String | TypeRef::Unit => {}
            TypeRef::Vec(inner)
            | TypeRef::Option(inner)
            | TypeRef::Set(inner)
            | TypeRef::Box(inner)
            | TypeRef::Array(inner, _) => inner.named(out),
            TypeRef::Map(key, value) => {
                key.named(out);
                value.named(out);
            }
            TypeRef::Tuple(items) => items.iter().for_each(|item| item.named(out)),
        }
    }

    /// Whether the type is, or contains, a type of the `types` module.
    pub fn names_types(&self) -> bool {
        let mut named = BTreeSet::new();
        self.named(&mut named);
        !named.is_empty()
    }
}

impl std::fmt::Display for TypeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeRef::Named(name) => write!(f, "types::{name}"),
            TypeRef::Response(name) => write!(f, "responses::{name}"),
            TypeRef::Builtin(name) => f.write_str(name.trim_start_matches("::")),
            TypeRef::String => f.write_str("String"),
            TypeRef::Unit => f.write_str("()"),
            TypeRef::Vec(inner) => write!(f, "Vec<{inner}>"),
            TypeRef::Option(inner) => write!(f, "Option<{inner}>"),
            TypeRef::Set(inner) => write!(f, "BTreeSet<{inner}>"),
            TypeRef::Box(inner) => write!(f, "Box<{inner}>"),
            TypeRef::Map(key, value) => write!(f, "Map<{key}, {value}>"),
            TypeRef::Array(inner, n) => write!(f, "[{inner}; {n}]"),
            TypeRef::Tuple(items) => {
                let items: Vec<String> = items.iter().map(ToString::to_string).collect();
                write!(f, "({})", items.join(", "))
            }
        }
    }
}
