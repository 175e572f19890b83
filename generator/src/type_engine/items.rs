//! The engine's output cut into items, each with the types it needs, so that the plan can say
//! under which cargo features each compiles.
//!
//! typify hands its types over as one token stream; this is the one place that reads it back, as
//! syntax: a struct or enum needs itself, an `impl` the types its header names (`impl
//! From<Inner> for Outer` needs both), a function of the `defaults` module any of the types whose
//! fields name it in `#[serde(default = "defaults::…")]`. Anything else (the `error` module, the
//! generic default helpers nobody names) needs nothing.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::ToTokens;
use syn::visit::Visit;

/// What an item of the `types` module needs to compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Needs {
    /// Every one of these types (none: it always compiles).
    All(Vec<String>),
    /// Any one of these types: a default function, which the types listed use.
    Any(Vec<String>),
}

/// An item of the `types` module and what it needs.
pub(crate) struct EngineItem {
    pub needs: Needs,
    pub tokens: TokenStream,
}

/// A module of the `types` module (`defaults`, `error`): its attributes, name and items.
pub(crate) struct EngineModule {
    pub attrs: TokenStream,
    pub ident: Ident,
    pub items: Vec<EngineItem>,
}

/// The `types` module, item by item.
pub(crate) struct EngineItems {
    pub items: Vec<EngineItem>,
    pub modules: Vec<EngineModule>,
}

/// Cuts the engine's file into items; `names` are the names of the engine's types.
pub(crate) fn split(file: syn::File, names: &BTreeSet<String>) -> EngineItems {
    let defaults = default_users(&file, names);
    let mut out = EngineItems {
        items: Vec::new(),
        modules: Vec::new(),
    };
    for item in file.items {
        match item {
            syn::Item::Mod(module) if module.content.is_some() => {
                out.modules.push(engine_module(module, &defaults));
            }
            item => out.items.push(EngineItem {
                needs: Needs::All(item_needs(&item, names)),
                tokens: item.into_token_stream(),
            }),
        }
    }
    out
}

fn engine_module(module: syn::ItemMod, defaults: &BTreeMap<String, Vec<String>>) -> EngineModule {
    let items = module.content.map(|(_, items)| items).unwrap_or_default();
    let items = items.into_iter().map(|item| {
        let users = match &item {
            syn::Item::Fn(function) => defaults.get(&function.sig.ident.to_string()),
            _ => None,
        };
        EngineItem {
            needs: users.map_or(Needs::All(Vec::new()), |users| Needs::Any(users.clone())),
            tokens: item.into_token_stream(),
        }
    });
    let attrs = module.attrs.iter().map(ToTokens::to_token_stream);
    EngineModule {
        attrs: attrs.collect(),
        ident: module.ident,
        items: items.collect(),
    }
}

/// The types a top-level item needs: a definition its own name, an `impl` those its header names.
fn item_needs(item: &syn::Item, names: &BTreeSet<String>) -> Vec<String> {
    let own = |ident: &Ident| vec![ident.to_string()];
    match item {
        syn::Item::Struct(item) => own(&item.ident),
        syn::Item::Enum(item) => own(&item.ident),
        syn::Item::Type(item) => own(&item.ident),
        syn::Item::Impl(item) => {
            let mut found = Named {
                names,
                found: BTreeSet::new(),
            };
            found.visit_type(&item.self_ty);
            if let Some((path, _)) = &item.trait_ {
                found.visit_path(path);
            }
            found.found.into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// Collects the engine's type names a piece of syntax mentions as path segments.
struct Named<'a> {
    names: &'a BTreeSet<String>,
    found: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for Named<'_> {
    fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
        let name = segment.ident.to_string();
        if self.names.contains(&name) {
            self.found.insert(name);
        }
        syn::visit::visit_path_segment(self, segment);
    }
}

/// Default function name → the types whose fields name it in `#[serde(default = "…")]`.
fn default_users(file: &syn::File, names: &BTreeSet<String>) -> BTreeMap<String, Vec<String>> {
    let mut users: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in &file.items {
        let (ident, fields): (&Ident, Vec<&syn::Field>) = match item {
            syn::Item::Struct(item) => (&item.ident, item.fields.iter().collect()),
            syn::Item::Enum(item) => (
                &item.ident,
                item.variants.iter().flat_map(|v| &v.fields).collect(),
            ),
            _ => continue,
        };
        if !names.contains(&ident.to_string()) {
            continue;
        }
        for function in fields.iter().flat_map(|f| &f.attrs).filter_map(default_fn) {
            let entry = users.entry(function).or_default();
            if !entry.contains(&ident.to_string()) {
                entry.push(ident.to_string());
            }
        }
    }
    users
}

/// `#[serde(default = "defaults::name")]` → `name` (the path's last segment).
fn default_fn(attribute: &syn::Attribute) -> Option<String> {
    let mut found = None;
    if attribute.path().is_ident("serde") {
        let _ = attribute.parse_nested_meta(|meta| {
            if meta.input.peek(syn::Token![=]) {
                let value: syn::Expr = meta.value()?.parse()?;
                if meta.path.is_ident("default")
                    && let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) = value
                    && let Ok(path) = text.parse::<syn::ExprPath>()
                {
                    found = path.path.segments.last().map(|s| s.ident.to_string());
                }
            }
            Ok(())
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn items_need_what_they_define_and_what_their_impl_headers_name() {
        let file: syn::File = syn::parse_quote! {
            pub struct Outer { pub inner: Inner }
            impl ::std::convert::From<Inner> for Outer { fn from(v: Inner) -> Self { todo!() } }
            impl ::std::convert::From<Outer> for ::serde_json::Value { fn from(v: Outer) -> Self { todo!() } }
            impl ::std::str::FromStr for Inner { type Err = (); fn from_str(_: &str) -> Result<Self, ()> { Err(()) } }
        };
        let split = split(file, &names(&["Outer", "Inner"]));
        let needs: Vec<&Needs> = split.items.iter().map(|i| &i.needs).collect();
        let all = |list: &[&str]| Needs::All(list.iter().map(|n| (*n).to_owned()).collect());
        assert_eq!(
            needs,
            [
                &all(&["Outer"]),
                &all(&["Inner", "Outer"]),
                &all(&["Outer"]),
                &all(&["Inner"])
            ]
        );
    }

    #[test]
    fn default_functions_need_any_type_that_names_them() {
        let file: syn::File = syn::parse_quote! {
            pub struct A { #[serde(default = "defaults::a_size")] pub size: i64 }
            pub struct B { #[serde(default = "defaults::default_u64::<u64, 5>")] pub n: u64 }
            pub struct C { #[serde(default = "defaults::default_u64::<u64, 5>")] pub n: u64 }
            #[doc = " Defaults."]
            pub mod defaults {
                pub(super) fn a_size() -> i64 { 3 }
                pub(super) fn default_u64<T, const V: u64>() -> T where T: From<u64> { T::from(V) }
                pub(super) fn default_bool<const V: bool>() -> bool { V }
            }
        };
        let split = split(file, &names(&["A", "B", "C"]));
        let module = &split.modules[0];
        assert_eq!(module.ident, "defaults");
        let needs: Vec<&Needs> = module.items.iter().map(|i| &i.needs).collect();
        assert_eq!(
            needs,
            [
                &Needs::Any(vec!["A".to_owned()]),
                &Needs::Any(vec!["B".to_owned(), "C".to_owned()]),
                &Needs::All(Vec::new()),
            ]
        );
    }
}
