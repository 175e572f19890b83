//! Step 5: render the plans into the generated crate's files. Each renderer reads plans only:
//! [`client`] the crate-wide `Credentials`, `Client` and `ClientBuilder`, [`operations`] each
//! operation's methods and request builder, [`docs`] their doc comments, [`files`] the crate's
//! files; token streams become source here (syn → prettyplease, `@generated` header).

mod cli;
mod cli_commands;
mod client;
mod credentials;
pub(crate) mod docs;
pub(crate) mod files;
mod mock;
mod operations;
mod printing;
pub(crate) mod responses;
mod send;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::Result;
use crate::plan::{ApiPlan, Cfg};
pub(crate) use printing::RustFile;
pub(crate) use types::types_file;

/// The crate's `client` module (`src/client.rs`): the crate-wide items, then every
/// operation's `Client` methods. Each operation's methods are parsed on their own and added to
/// the tree, so no token stream of the whole file is ever held.
pub(crate) fn client_file(plan: &ApiPlan, spec_label: &str) -> Result<String> {
    const FILE: &str = "src/client.rs";
    let mut file = RustFile::new(FILE, spec_label);
    file.push(client_head(plan));
    file.push_impl_each(quote!(impl Client {}), &plan.operations, |operation| {
        let methods = operations::client_methods(&docs::Context {
            crate_ident: &plan.krate.ident,
            plan: operation,
        });
        (cfg(&operation.cfg), methods)
    });
    file.finish()
}

/// The `client::builders` module (`src/client/builders.rs`): one request builder per
/// operation, each printed as soon as it is rendered.
pub(crate) fn builders_file(plan: &ApiPlan, spec_label: &str) -> Result<String> {
    const FILE: &str = "src/client/builders.rs";
    let mut file = RustFile::new(FILE, spec_label);
    let types_import = plan.operations_name_types().map(|when| {
        let when = cfg(&when);
        quote!(
            #when
            use crate::types;
        )
    });
    let when = cfg(&plan.operations_cfg(|_| true).unwrap_or_default());
    file.push(quote! {
        #![doc = " Request builders: each holds the required params given to its [`Client`] method, has a setter for every optional param, and sends the request with `send`."]

        #when
        use super::{Client, Error};
        #when
        use crate::runtime;
        #types_import
    });
    file.push_each(&plan.operations, |operation| {
        let cx = docs::Context {
            crate_ident: &plan.krate.ident,
            plan: operation,
        };
        (cfg(&operation.cfg), operations::builder(&cx))
    });
    file.finish()
}

/// The `client` module's items before the operations: imports, `Error`, `Credentials`,
/// `Client` and `ClientBuilder`.
fn client_head(plan: &ApiPlan) -> TokenStream {
    let (error_body, error_doc) = match &plan.error_body {
        Some(ty) => (
            ty.tokens.to_token_stream(),
            format!(
                "The error of every call: the HTTP status and, when the server sent one, the \
                 decoded error body ([`{}`]). See [`runtime::Error`] for its variants.",
                ty.tokens.to_string().replace(' ', "")
            ),
        ),
        None => (
            quote!(()),
            "The error of every call; the API documents no error body, so an error status \
             comes with the start of the body as text. See [`runtime::Error`] for its variants."
                .to_owned(),
        ),
    };
    let error_doc = doc(&error_doc);
    let client_import = match plan.error_names_types() {
        true => Some(Cfg::default()),
        false => plan.client_methods_name_types(),
    };
    let client_import = client_import.map(|when| {
        let when = cfg(&when);
        quote!(
            #when
            use crate::types;
        )
    });
    let credentials = credentials::credentials(&plan.krate);
    let client = client::client(&plan.krate);
    let client_builder = client::client_builder(&plan.krate);
    quote! {
        use std::fmt;

        use crate::runtime;
        #client_import

        #error_doc
        pub type Error = runtime::Error<#error_body>;

        #credentials

        #client

        #client_builder

        #[rustfmt::skip]
        pub mod builders;
    }
}

/// `#[cfg(…)]` for an item that compiles under `cfg`; nothing for one that always does.
pub(crate) fn cfg(cfg: &Cfg) -> TokenStream {
    cfg_predicate(cfg).map_or_else(TokenStream::new, |when| quote!(#[cfg(#when)]))
}

/// The predicate of `#[cfg(…)]` for `cfg`; `None` for always.
pub(crate) fn cfg_predicate(cfg: &Cfg) -> Option<TokenStream> {
    let gate = |features: &Vec<String>| match features.as_slice() {
        [one] => quote!(feature = #one),
        many => quote!(any(#(feature = #many),*)),
    };
    match cfg.gates.as_slice() {
        [] => None,
        [one] => Some(gate(one)),
        many => {
            let gates = many.iter().map(gate);
            Some(quote!(all(#(#gates),*)))
        }
    }
}

/// `#[doc = "…"]` with one attribute per line so prettyplease prints `///` lines.
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// The command that regenerates every generated file.
pub(crate) const REGENERATE: &str = "cargo xtask codegen";

/// What a generated file is made from, which its `@generated` line names.
pub(crate) enum Made<'a> {
    /// From the spec at this label.
    FromSpec(&'a str),
    /// The crate's public API (`api.json`), from the spec at this label.
    ApiFromSpec(&'a str),
    /// A copy of this file of `generator/runtime/`.
    RuntimeCopy(&'a str),
    /// A copy of this file of `generator/cli_runtime/`.
    CliRuntimeCopy(&'a str),
}

/// The `@generated` note every generated file starts with: the command that regenerates it and
/// what it is made from (the one place that words it).
pub(crate) fn generated(made: Made<'_>) -> String {
    match made {
        Made::FromSpec(spec) => format!(
            "@generated by `{REGENERATE}` from {spec}. Do not edit: change the spec (or the generator) and regenerate."
        ),
        Made::ApiFromSpec(spec) => format!(
            "@generated by `{REGENERATE}` from {spec}: the crate's public API at its version, \
             kept until the version changes; each generation reports what changed since. Do not edit."
        ),
        Made::RuntimeCopy(file) => format!(
            "@generated by `{REGENERATE}`: a copy of generator/runtime/{file}. Edit that file and regenerate."
        ),
        Made::CliRuntimeCopy(file) => format!(
            "@generated by `{REGENERATE}`: a copy of generator/cli_runtime/{file}. Edit that file and regenerate."
        ),
    }
}

/// The first line of a file generated from the spec, as a `comment` line.
pub(crate) fn header(comment: &str, spec_label: &str) -> String {
    format!("{comment} {}\n", generated(Made::FromSpec(spec_label)))
}

/// Parses `tokens` as a whole Rust file and formats it with prettyplease, under the header.
pub(crate) fn rust_file(
    name: &'static str,
    spec_label: &str,
    tokens: TokenStream,
) -> Result<String> {
    let mut file = RustFile::new(name, spec_label);
    file.push(tokens);
    file.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn files_start_with_the_generated_header() {
        let text = rust_file("x.rs", "spec/a.yaml", quote! { pub fn f() {} }).unwrap();
        assert!(text.starts_with("// @generated by `cargo xtask codegen` from spec/a.yaml."));
        assert!(text.contains("pub fn f() {}"));
    }

    #[test]
    fn unparsable_tokens_are_a_render_error() {
        let err = rust_file("x.rs", "s", quote! { fn }).unwrap_err();
        assert!(err.to_string().contains("x.rs"), "{err}");
    }
}
