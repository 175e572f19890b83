//! The `types` module (`src/types.rs`): the type engine's items, each under the cargo features
//! the plan gives it, printed a run of items at a time.

use proc_macro2::TokenStream;
use quote::quote;

use super::{RustFile, cfg};
use crate::error::Result;
use crate::plan::{ApiPlan, Gated};

/// How many items at most one printed piece holds.
const RUN: usize = 16;

/// `src/types.rs`.
pub(crate) fn types_file(plan: &ApiPlan, spec_label: &str) -> Result<String> {
    let runs = runs(&plan.types.items);
    let mut file = RustFile::new("src/types.rs", spec_label);
    file.push(quote! {
        #![doc = " The request and response types of the API, made by the type engine from the spec's schemas."]
    });
    file.push_each(&runs, |run| {
        let items = run.iter().map(|item| &item.tokens);
        (cfg(&run[0].cfg), quote!(#(#items)*))
    });
    file.push_each(&plan.types.modules, |module| {
        let (attrs, ident) = (&module.attrs, &module.ident);
        let items = module.items.iter().map(|item| {
            let (cfg, tokens) = (cfg(&item.cfg), &item.tokens);
            quote!(#cfg #tokens)
        });
        let module = quote! {
            #attrs
            pub mod #ident {
                #(#items)*
            }
        };
        (TokenStream::new(), module)
    });
    file.finish()
}

/// Consecutive items under the same features, at most [`RUN`] at a time.
fn runs(items: &[Gated]) -> Vec<&[Gated]> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=items.len() {
        let cut = end == items.len() || end - start == RUN || items[end].cfg != items[start].cfg;
        if cut {
            out.push(&items[start..end]);
            start = end;
        }
    }
    out
}
