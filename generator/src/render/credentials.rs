//! `Credentials`, from the crate plan: one secret per credential header, taken by
//! `Credentials::new`; or, when the spec lists several security requirements, one constructor per
//! requirement, each setting the credentials a request of that requirement carries.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::doc;
use crate::plan::{AlternativePlan, CratePlan, CredentialKind, CredentialPlan};

/// `Credentials`: one secret per credential header (its whole value), with a redacting `Debug`;
/// when the spec lists alternatives, a constructor for each.
pub(crate) fn credentials(krate: &CratePlan) -> TokenStream {
    if !krate.alternatives.is_empty() {
        return alternatives(krate);
    }
    let fields: Vec<_> = krate.credentials.iter().map(|c| &c.field).collect();
    let args: Vec<_> = krate.credential_values().map(|v| &v.ident).collect();
    let values = krate.credentials.iter().map(secret);
    let (struct_doc, new_doc) = credentials_docs(krate);
    let headers = krate.credentials.iter().map(|c| &c.wire_header);
    // Without credentials, `new()` takes nothing, and `Default` is the same value.
    let default = krate.credentials.is_empty().then(|| quote!(Default));
    let count = Literal::usize_unsuffixed(fields.len());
    quote! {
        #struct_doc
        #[derive(Clone, #default)]
        pub struct Credentials {
            #(#fields: runtime::Secret,)*
        }

        impl Credentials {
            #new_doc
            pub fn new(#(#args: impl Into<String>),*) -> Self {
                Self { #(#fields: #values,)* }
            }

            /// Header name and value of each credential.
            pub(crate) fn headers(&self) -> [(&'static str, &runtime::Secret); #count] {
                [#((#headers, &self.#fields)),*]
            }
        }

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Credentials")
                    #(.field(stringify!(#fields), &self.#fields))*
                    .finish()
            }
        }
    }
}

/// The docs of `Credentials` and `Credentials::new`.
fn credentials_docs(krate: &CratePlan) -> (TokenStream, TokenStream) {
    if krate.credentials.is_empty() {
        return (
            doc(
                "The API documents no credentials, so requests carry none; `Credentials::new()` \
                 (or `Credentials::default()`) is the one value.",
            ),
            doc("Creates the (empty) credentials."),
        );
    }
    let described: Vec<String> = krate.credentials.iter().map(describe).collect();
    let list: Vec<String> = krate
        .credentials
        .iter()
        .map(|c| format!("`{}`", c.header))
        .collect();
    let struct_doc = doc(&format!(
        "The credentials sent on every request, as {}.\n\n`Debug` never shows the values.",
        list.join(" and ")
    ));
    let new_doc = doc(&format!(
        "Creates the credentials from their values:\n{}",
        described.join("\n")
    ));
    (struct_doc, new_doc)
}

/// The secret of a credential, made from its values.
fn secret(credential: &CredentialPlan) -> TokenStream {
    let given: Vec<_> = credential.values.iter().map(|v| &v.ident).collect();
    match credential.kind {
        CredentialKind::ApiKey => quote!(runtime::Secret::new(#(#given)*)),
        CredentialKind::Bearer => quote!(runtime::Secret::bearer(#(#given)*)),
        CredentialKind::Basic => quote!(runtime::Secret::basic(#(#given),*)),
    }
}

/// `Credentials` of a spec with alternative requirements: each credential optional, a
/// constructor per requirement.
fn alternatives(krate: &CratePlan) -> TokenStream {
    let fields: Vec<_> = krate.credentials.iter().map(|c| &c.field).collect();
    let constructors = krate
        .alternatives
        .iter()
        .map(|alternative| constructor(krate, alternative));
    let pushes = krate.credentials.iter().map(|c| {
        let (field, header) = (&c.field, &c.wire_header);
        quote! {
            if let Some(secret) = &self.#field {
                headers.push((#header, secret));
            }
        }
    });
    let names: Vec<String> = krate
        .alternatives
        .iter()
        .map(|a| format!("[`Credentials::{}`]", a.constructor))
        .collect();
    let struct_doc = doc(&format!(
        "The credentials sent on every request. The API accepts any one of several sets; make \
         them with the constructor of the set you have: {}.\n\n`Debug` never shows the values.",
        names.join(", ")
    ));
    quote! {
        #struct_doc
        #[derive(Clone)]
        pub struct Credentials {
            #(#fields: Option<runtime::Secret>,)*
        }

        impl Credentials {
            #(#constructors)*

            /// Header name and value of each credential that is set.
            pub(crate) fn headers(&self) -> Vec<(&'static str, &runtime::Secret)> {
                let mut headers = Vec::new();
                #(#pushes)*
                headers
            }
        }

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Credentials")
                    #(.field(stringify!(#fields), &self.#fields))*
                    .finish()
            }
        }
    }
}

/// The constructor of one requirement: it takes the values of its credentials.
fn constructor(krate: &CratePlan, alternative: &AlternativePlan) -> TokenStream {
    let name = &alternative.constructor;
    let chosen: Vec<&CredentialPlan> = alternative
        .credentials
        .iter()
        .map(|&i| &krate.credentials[i])
        .collect();
    let args = chosen.iter().flat_map(|c| &c.values).map(|v| &v.ident);
    let inits = krate.credentials.iter().enumerate().map(|(index, c)| {
        let field = &c.field;
        if alternative.credentials.contains(&index) {
            let secret = secret(c);
            quote!(#field: Some(#secret))
        } else {
            quote!(#field: None)
        }
    });
    let described: Vec<String> = chosen.iter().map(|c| describe(c)).collect();
    let constructor_doc = doc(&match described.is_empty() {
        true => "Credentials of the requirement that needs none: requests carry no credential."
            .to_owned(),
        false => format!(
            "Credentials of one requirement the API accepts:\n{}",
            described.join("\n")
        ),
    });
    quote! {
        #constructor_doc
        pub fn #name(#(#args: impl Into<String>),*) -> Self {
            Self { #(#inits,)* }
        }
    }
}

/// A credential in docs: its values, description and how it is sent.
fn describe(c: &CredentialPlan) -> String {
    let description = c.description.as_deref().unwrap_or("a credential.").trim();
    let values: Vec<String> = c.values.iter().map(|v| format!("`{}`", v.ident)).collect();
    let sent = match c.kind {
        CredentialKind::ApiKey => format!("the `{}` header", c.header),
        CredentialKind::Basic => format!("HTTP basic, in the `{}` header", c.header),
        CredentialKind::Bearer => format!("a bearer token, in the `{}` header", c.header),
    };
    format!("- {}: {description} ({sent})", values.join(", "))
}

/// The credentials `Client::from_env` reads: every value's variable, or for alternatives the
/// first requirement whose variables are all set.
pub(crate) fn from_env(krate: &CratePlan) -> TokenStream {
    if krate.alternatives.is_empty() {
        let vars = krate.credential_values().map(|v| &v.env_var);
        return quote!(Credentials::new(#(runtime::env_var(#vars)?),*));
    }
    let arms = krate.alternatives.iter().map(|alternative| {
        let name = &alternative.constructor;
        let values: Vec<_> = alternative
            .credentials
            .iter()
            .flat_map(|&i| &krate.credentials[i].values)
            .collect();
        let (idents, vars): (Vec<_>, Vec<_>) =
            values.iter().map(|v| (&v.ident, &v.env_var)).unzip();
        quote! {
            if let (#(Ok(#idents),)*) = (#(std::env::var(#vars),)*) {
                Credentials::#name(#(#idents),*)
            } else
        }
    });
    let all: Vec<String> = krate
        .credential_values()
        .map(|v| v.env_var.clone())
        .collect();
    let missing = format!(
        "no set of credentials is in the environment (from {})",
        all.join(", ")
    );
    quote! {
        #(#arms)* {
            return Err(runtime::Error::Config(#missing.to_owned()));
        }
    }
}

/// How `Client::from_env`'s doc names the credentials' variables (`listed`).
pub(crate) fn env_doc(krate: &CratePlan, listed: &str) -> String {
    match krate.alternatives.is_empty() {
        true => listed.to_owned(),
        false => format!(
            "the first set of {listed} that is complete, in the order of the constructors of [`Credentials`]"
        ),
    }
}
