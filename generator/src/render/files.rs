//! The files of the generated crate: Cargo.toml, src/lib.rs, src/client.rs (client and
//! methods), src/client/builders.rs (request builders), src/mock.rs, src/types.rs (the type
//! engine's types), api.json (the public API, for the change report) and src/runtime.rs with
//! src/runtime/ (a copy of the hand-written runtime).

use std::collections::BTreeMap;

use quote::quote;

use super::doc;
use crate::error::Result;
use crate::plan::ApiPlan;
use crate::render;

/// The hand-written runtime, compiled as part of every generated crate: each file's path under the generated crate's `src/` and its text
/// (`generator/runtime/runtime.rs` is the module; the others, beside it here, are its children).
const RUNTIME: &[(&str, &str)] = &[
    ("runtime.rs", include_str!("../../runtime/runtime.rs")),
    ("runtime/body.rs", include_str!("../../runtime/body.rs")),
    ("runtime/checks.rs", include_str!("../../runtime/checks.rs")),
    ("runtime/error.rs", include_str!("../../runtime/error.rs")),
    ("runtime/forms.rs", include_str!("../../runtime/forms.rs")),
    ("runtime/http.rs", include_str!("../../runtime/http.rs")),
    ("runtime/mock.rs", include_str!("../../runtime/mock.rs")),
    (
        "runtime/multipart.rs",
        include_str!("../../runtime/multipart.rs"),
    ),
    (
        "runtime/options.rs",
        include_str!("../../runtime/options.rs"),
    ),
    ("runtime/pages.rs", include_str!("../../runtime/pages.rs")),
    (
        "runtime/redirect.rs",
        include_str!("../../runtime/redirect.rs"),
    ),
    ("runtime/retry.rs", include_str!("../../runtime/retry.rs")),
    ("runtime/styles.rs", include_str!("../../runtime/styles.rs")),
    (
        "runtime/status_body.rs",
        include_str!("../../runtime/status_body.rs"),
    ),
    (
        "runtime/transport.rs",
        include_str!("../../runtime/transport.rs"),
    ),
];

/// Versions of the crates the generated code depends on. TLS is rustls with the `ring` provider, which builds far
/// quicker than reqwest's default (aws-lc-rs), verifying certificates with the platform's
/// verifier (reqwest's `rustls-no-provider` feature). reqwest's `http2` and `charset` stay off:
/// a JSON API over HTTP/1.1 keep-alive needs neither, and they are a fifth of the build.
/// `base64` (HTTP basic credentials) and `percent-encoding` (path segments) are in reqwest's
/// tree already, at these versions.
const DEPENDENCIES: &[(&str, &str)] = &[
    ("base64", "\"0.23.1\""),
    ("percent-encoding", "\"2.3.2\""),
    ("futures-core", "\"0.3.31\""),
    (
        "futures-util",
        "{ version = \"0.3.31\", default-features = false, features = [\"alloc\"] }",
    ),
    ("bytes", "\"1.10\""),
    ("httpdate", "\"1.0.3\""),
    ("rustls-platform-verifier", "\"0.7.1\""),
    (
        "reqwest",
        "{ version = \"0.13.4\", default-features = false, features = [\"form\", \"json\", \"multipart\", \"query\", \"rustls-no-provider\", \"stream\", \"system-proxy\"] }",
    ),
    (
        "rustls",
        "{ version = \"0.23.31\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }",
    ),
    (
        "serde",
        "{ version = \"1.0.226\", features = [\"derive\"] }",
    ),
    ("serde_json", "\"1.0.150\""),
    (
        "tracing",
        "{ version = \"0.1.41\", default-features = false, features = [\"std\"] }",
    ),
    (
        "tokio",
        "{ version = \"1.38\", features = [\"fs\", \"rt\", \"time\"] }",
    ),
];

/// Relative path → content of every file of the generated crate.
pub(crate) fn crate_files(
    plan: &ApiPlan,
    surface: &crate::surface::Surface,
    spec_label: &str,
) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    files.insert("Cargo.toml".to_owned(), cargo_toml(plan, spec_label));
    files.insert(
        "src/lib.rs".to_owned(),
        render::rust_file("src/lib.rs", spec_label, lib_rs(plan))?,
    );
    files.insert(
        "src/client.rs".to_owned(),
        render::client_file(plan, spec_label)?,
    );
    files.insert(
        "src/client/builders.rs".to_owned(),
        render::builders_file(plan, spec_label)?,
    );
    let surface = crate::surface::to_text(surface).map_err(|err| crate::error::Error::Render {
        file: crate::surface::FILE.to_owned(),
        message: err.to_string(),
    })?;
    files.insert(crate::surface::FILE.to_owned(), surface);
    if super::responses::needed(plan) {
        files.insert(
            "src/responses.rs".to_owned(),
            super::responses::responses_file(plan, spec_label)?,
        );
    }
    files.insert(
        "src/mock.rs".to_owned(),
        super::mock::mock_file(plan, spec_label)?,
    );
    files.insert(
        "src/types.rs".to_owned(),
        render::types_file(plan, spec_label)?,
    );
    files.extend(super::cli::cli_files(plan, spec_label)?);
    for (path, text) in RUNTIME {
        let source = path.trim_start_matches("runtime/");
        files.insert(
            format!("src/{path}"),
            format!(
                "// {}\n\n{text}",
                render::generated(render::Made::RuntimeCopy(source))
            ),
        );
    }
    Ok(files)
}

fn cargo_toml(plan: &ApiPlan, spec_label: &str) -> String {
    let krate = &plan.krate;
    let mut out = render::header("#", spec_label);
    out.push_str(&format!(
        "\n[package]\nname = {:?}\nversion = {:?}\ndescription = {:?}\nedition = \"2024\"\nrust-version = \"1.88\"\n\n[lib]\n# The crate has no unit tests: its code is generated, and its runtime's tests run where the\n# runtime is written (the generator's runtime/), once.\ntest = false\n\n[dependencies]\n",
        krate.name, krate.version, krate.package_description
    ));
    let mut deps: Vec<(&str, &str)> = DEPENDENCIES.to_vec();
    deps.extend(type_crates(plan));
    deps.push(("wiremock", "{ version = \"0.6.5\", optional = true }"));
    deps.sort();
    for (name, spec) in deps {
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out.push_str("\n[features]\n");
    out.push_str(&features(plan));
    out
}

/// The `[features]` table: the tags' features (all on by default), then `mock`.
fn features(plan: &ApiPlan) -> String {
    let mut out = String::new();
    if !plan.features.is_empty() {
        let names: Vec<String> = (plan.features.iter())
            .map(|f| format!("{:?}", f.name))
            .collect();
        out.push_str(&format!(
            "# Every operation, on by default. To compile only some of them, turn the default off\n# and name their tags: `default-features = false, features = [\"tag\"]`.\ndefault = [{}]\n",
            names.join(", ")
        ));
    }
    out.push_str("# Typed mocks of every operation, for testing code that uses this crate (the `mock` module).\nmock = [\"dep:wiremock\"]\n");
    for feature in &plan.features {
        out.push_str(&format!("# {}\n{} = []\n", feature.doc, feature.name));
    }
    out
}

/// The crates the types name (dates, UUIDs, patterns), as dependencies.
pub(crate) fn type_crates(plan: &ApiPlan) -> Vec<(&'static str, &'static str)> {
    let mut deps = Vec::new();
    if plan.crates.chrono {
        deps.push((
            "chrono",
            "{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }",
        ));
    }
    if plan.crates.uuid {
        deps.push(("uuid", "{ version = \"1\", features = [\"serde\"] }"));
    }
    if plan.crates.regress {
        deps.push(("regress", "\"0.12\""));
    }
    deps
}

/// The crate's doc: what the API is and how a call is made, with the first operation as example.
fn crate_doc(plan: &ApiPlan) -> String {
    let krate = &plan.krate;
    let crate_ident = &krate.ident;
    let example = plan
        .operations
        .first()
        .map(|op| {
            format!(
                "client.{}(…)…send().await?` sends `{} {}`",
                op.method_ident,
                op.method.as_str(),
                op.path
            )
        })
        .unwrap_or_default();
    let features = match plan.features.first() {
        Some(first) => format!(
            " Each tag of the API is a cargo feature, all on by default; with \
             `default-features = false` only the operations (and the types they need) of the \
             features named compile, e.g. `features = [\"{}\"]`.",
            first.name
        ),
        None => String::new(),
    };
    let constructors = match krate.server {
        Some(_) => "[`Client::new`] (or [`Client::with_base_url`], [`Client::from_env`])",
        None => "[`Client::with_base_url`] (or [`Client::from_env`])",
    };
    format!(
        "Typed client for the {} API, generated from its OpenAPI description.\n\n{}\n\n\
         Create a [`Client`] with {constructors} and [`Credentials`]; call one method per operation with the \
         operation's required params, set optional params on the returned builder, and `send` \
         it: `{example}. Every call returns the decoded body or an [`Error`].\n\n\
         The request and response types are in [`types`]. With the cargo feature `mock`, the \
         module `mock` has a typed mock server for testing code that uses this crate.{features} \
         This crate is generated: regenerate it with `cargo xtask codegen` (crate \
         `{crate_ident}`).",
        krate.title,
        krate.description.as_deref().unwrap_or("").trim()
    )
}

fn lib_rs(plan: &ApiPlan) -> proc_macro2::TokenStream {
    let responses = super::responses::needed(plan).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod responses;
        }
    });
    let upgraded = plan.upgrades().then(|| {
        // Undocumented here, so that rustfmt keeps it where it is: reqwest's docs show.
        quote!(
            pub use reqwest::Upgraded;
        )
    });
    let file_part = plan.sends_files().then(|| {
        quote!(
            pub use runtime::FilePart;
        )
    });
    let text = crate_doc(plan);
    let crate_doc = doc(&text).to_string().replace("# [doc", "# ! [doc");
    let crate_doc: proc_macro2::TokenStream = crate_doc.parse().unwrap_or_default();
    let runtime_used = plan.operations_cfg(|_| true).unwrap_or_default();
    let runtime_allow = render::cfg_predicate(&runtime_used).map(|used| {
        // Without an operation, most of the runtime has no caller. (rustfmt would print the
        // attribute otherwise than prettyplease; the runtime's files are formatted already.)
        quote! {
            #[rustfmt::skip]
            #[cfg_attr(not(#used), allow(dead_code, unused_imports, unused_macros))]
        }
    });
    quote! {
        #crate_doc

        #runtime_allow
        pub mod runtime;

        // The type engine's `defaults` helpers (`default_i64`, …) can be left without a use.
        #[rustfmt::skip]
        #[allow(clippy::all, dead_code)]
        pub mod types;

        #[rustfmt::skip]
        mod client;

        #responses

        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock;

        pub use client::*;
        pub use futures_core::Stream;
        pub use futures_util::{StreamExt, TryStreamExt};
        pub use reqwest::StatusCode;
        #upgraded
        #file_part
        pub use runtime::{CallOptions, Certificate, Response, RetryBudget, RetryPolicy};
    }
}
