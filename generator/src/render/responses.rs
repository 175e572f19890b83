//! The `responses` module (`src/responses.rs`), generated only for specs that need it: one enum
//! per operation whose answers, or whose errors, differ by status, with a variant per documented
//! status, and the runtime's `StatusBody` that picks the variant from the status; and one per
//! operation whose answer is documented in other media too, naming them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{RustFile, doc};
use crate::error::Result;
use crate::plan::{
    ApiPlan, ByStatus, ErrorPlan, MediaChoice, OperationPlan, Status, StatusVariant, VariantBody,
};

/// Whether the crate has a `responses` module.
pub(crate) fn needed(plan: &ApiPlan) -> bool {
    plan.operations
        .iter()
        .any(|op| by_status(op).next().is_some() || op.other_media.is_some())
}

/// The per-status enums of an operation: its answers', then its errors'.
fn by_status(op: &OperationPlan) -> impl Iterator<Item = (&ByStatus, bool)> {
    let error = match &op.error {
        ErrorPlan::PerStatus(errors) => Some((errors, true)),
        ErrorPlan::Shared | ErrorPlan::Own(_) => None,
    };
    op.outcome
        .iter()
        .map(|answers| (answers, false))
        .chain(error)
}

/// `src/responses.rs`.
pub(crate) fn responses_file(plan: &ApiPlan, spec_label: &str) -> Result<String> {
    const FILE: &str = "src/responses.rs";
    let mut file = RustFile::new(FILE, spec_label);
    let names_types = plan.operations_cfg(|op| {
        let mut types = by_status(op).flat_map(|(enum_, _)| enum_.types());
        types.any(|ty| ty.names_types)
    });
    let types_import = names_types.map(|when| {
        let when = super::cfg(&when);
        quote!(
            #when
            use crate::types;
        )
    });
    let runtime_import = plan.operations_cfg(|op| by_status(op).next().is_some());
    let runtime_import = runtime_import.map(|when| {
        let when = super::cfg(&when);
        quote!(
            #when
            use crate::runtime;
        )
    });
    file.push(quote! {
        #![doc = " The answers and errors of operations that differ by status: one enum per operation, with a variant per documented status; and the other media of answers documented in several."]

        #runtime_import
        #types_import
    });
    file.push_each(&plan.operations, |op| {
        let enums = by_status(op).map(|(enum_, is_error)| enumeration(op, enum_, is_error));
        let media = op.other_media.as_ref().map(|media| media_enum(op, media));
        (super::cfg(&op.cfg), quote!(#(#enums)* #media))
    });
    file.finish()
}

/// One enum and how the runtime decodes it.
fn enumeration(op: &OperationPlan, enum_: &ByStatus, is_error: bool) -> TokenStream {
    let ident = &enum_.ident;
    let (method, path) = (&op.method_ident, &op.path);
    let what = if is_error { "error bodies" } else { "answers" };
    let enum_doc = doc(&format!(
        "The {what} of [`Client::{method}`](crate::Client::{method}) (`{} {path}`), by status.",
        op.method.as_str()
    ));
    let variants = enum_.variants.iter().map(variant);
    // Error bodies are shown as JSON by the error's `Display`, as the one error body is.
    let derives = if is_error {
        quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize)] #[serde(untagged)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let arms = enum_.by_specificity().into_iter().map(arm);
    let rest =
        (!enum_.variants.iter().any(|v| v.status == Status::Default)).then(|| quote!(_ => None,));
    quote! {
        #enum_doc
        #derives
        pub enum #ident {
            #(#variants)*
        }

        impl runtime::StatusBody for #ident {
            fn from_status(
                status: reqwest::StatusCode,
                bytes: &[u8],
            ) -> Option<Result<Self, serde_json::Error>> {
                match status.as_u16() {
                    #(#arms)*
                    #rest
                }
            }
        }
    }
}

/// The enum of the other media an operation's answer is documented in, for `send_as`.
fn media_enum(op: &OperationPlan, media: &MediaChoice) -> TokenStream {
    let (ident, method, builder) = (&media.ident, &op.method_ident, &op.builder_ident);
    let enum_doc = doc(&format!(
        "The media [`Client::{method}`](crate::Client::{method})'s answer is documented in \
         besides the one `send` decodes; [`send_as`](crate::builders::{builder}::send_as) \
         asks for one and answers its body undecoded."
    ));
    let variants = media.variants.iter().map(|(variant, content_type)| {
        let variant_doc = doc(&format!("`{content_type}`"));
        quote!(#variant_doc #variant,)
    });
    let arms = (media.variants.iter())
        .map(|(variant, content_type)| quote!(Self::#variant => #content_type,));
    quote! {
        #enum_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#variants)*
        }

        impl #ident {
            /// Its content type, as the spec writes it (sent in `Accept`).
            pub fn content_type(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn variant(variant: &StatusVariant) -> TokenStream {
    let ident = &variant.ident;
    let variant_doc = doc(&format!("{}.", status_text(variant.status)));
    let holds = match &variant.body {
        VariantBody::Json(ty) => {
            let ty = &ty.tokens;
            quote!((#ty))
        }
        VariantBody::Text => quote!((String)),
        VariantBody::Bytes => quote!((Vec<u8>)),
        VariantBody::Empty => TokenStream::new(),
    };
    quote! {
        #variant_doc
        #ident #holds,
    }
}

/// The match arm that decodes one variant.
fn arm(variant: &StatusVariant) -> TokenStream {
    let ident = &variant.ident;
    let pattern = match variant.status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Class(class) => {
            let (low, high) = (
                Literal::u16_unsuffixed(class * 100),
                Literal::u16_unsuffixed(class * 100 + 99),
            );
            quote!(#low..=#high)
        }
        Status::Default => quote!(_),
    };
    let decode = match variant.body {
        VariantBody::Json(_) => quote!(runtime::json(bytes, Self::#ident)),
        VariantBody::Text => quote!(runtime::text(bytes, Self::#ident)),
        VariantBody::Bytes => quote!(runtime::bytes(bytes, Self::#ident)),
        VariantBody::Empty => quote!(Some(Ok(Self::#ident))),
    };
    quote!(#pattern => #decode,)
}

/// How a status is written in docs: `` `404 Not Found` ``, `` `4XX` ``, `` `default` (any other status) ``.
pub(crate) fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => {
            let reason = http_reason(code)
                .map(|r| format!(" {r}"))
                .unwrap_or_default();
            format!("`{code}{reason}`")
        }
        Status::Class(class) => format!("`{class}XX`"),
        Status::Default => "`default` (any other status)".to_owned(),
    }
}

fn http_reason(code: u16) -> Option<&'static str> {
    http::StatusCode::from_u16(code).ok()?.canonical_reason()
}
