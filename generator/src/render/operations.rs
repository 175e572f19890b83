//! Per operation, from its plan: the `Client` method(s) and the request builder, whose `send`
//! builds the request and hands it to the runtime's transport — the one implementation a call
//! runs through.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::doc;
use super::docs::{self, Context};
use crate::plan::{BodyKind, Input, OperationPlan, Status};

/// The `Client` methods of one operation: the one taking the required params (and required body
/// fields), and `*_with_body` taking a whole body.
pub(crate) fn client_methods(cx: &Context<'_>) -> TokenStream {
    let plan = cx.plan;
    let (method, builder) = (&plan.method_ident, &plan.builder_ident);
    let args = plan.arguments().map(argument);
    let stored = plan.required_params().map(init);
    let optional = plan.optional_params().map(|p| {
        let ident = &p.ident;
        quote!(#ident: None)
    });
    let body = plan.body.as_ref().map(|body| match &body.kind {
        BodyKind::Fields(fields) => {
            let ty = &body.ty.tokens;
            let inits = fields.iter().map(|f| {
                let field = &f.field;
                if !f.required {
                    return match &f.default {
                        Some(json) => quote!(#field: runtime::forms::spec_default(#json)),
                        None => quote!(#field: Default::default()),
                    };
                }
                // A required field that may be `null` is an `Option`; its argument is the value.
                let value = convert(&f.input);
                match (f.is_option, *field == f.input.ident) {
                    (true, _) => quote!(#field: Some(#value)),
                    (false, true) => init(&f.input),
                    (false, false) => quote!(#field: #value),
                }
            });
            quote!(body: #ty { #(#inits,)* })
        }
        BodyKind::Whole(input) => init(input),
        BodyKind::OptionalWhole(_) => quote!(body: None),
    });
    let method_doc = doc(&docs::method(cx));
    let with_body = with_body(cx);
    quote! {
        #method_doc
        pub fn #method(&self, #(#args),*) -> builders::#builder<'_> {
            builders::#builder {
                client: self,
                options: runtime::CallOptions::default(),
                #(#stored,)*
                #(#optional,)*
                #body
            }
        }

        #with_body
    }
}

/// `*_with_body`, for operations whose body is an object (a whole body is an argument already).
fn with_body(cx: &Context<'_>) -> TokenStream {
    let plan = cx.plan;
    let Some(body) = &plan.body else {
        return TokenStream::new();
    };
    if matches!(body.kind, BodyKind::Whole(_) | BodyKind::OptionalWhole(_)) {
        return TokenStream::new();
    }
    let (method, builder) = (&plan.method_ident, &plan.builder_ident);
    let with_ident = format_ident!("{}_with_body", method);
    let args = plan.required_params().map(argument);
    let stored = plan.required_params().map(init);
    let optional = plan.optional_params().map(|p| {
        let ident = &p.ident;
        quote!(#ident: None)
    });
    let ty = &body.ty.tokens;
    let with_doc = doc(&docs::with_body(cx, &with_ident));
    quote! {
        #with_doc
        pub fn #with_ident(&self, #(#args,)* body: #ty) -> builders::#builder<'_> {
            builders::#builder {
                client: self,
                options: runtime::CallOptions::default(),
                #(#stored,)*
                #(#optional,)*
                body,
            }
        }
    }
}

/// `ident: Type` of an argument or setter.
fn argument(input: &Input) -> TokenStream {
    let ident = &input.ident;
    let takes = if input.into_string {
        quote!(impl Into<String>)
    } else {
        input.ty.tokens.to_token_stream()
    };
    quote!(#ident: #takes)
}

/// The stored value of an argument.
fn convert(input: &Input) -> TokenStream {
    let ident = &input.ident;
    if input.into_string {
        quote!(#ident.into())
    } else {
        quote!(#ident)
    }
}

/// `ident: value` in a struct literal.
fn init(input: &Input) -> TokenStream {
    let ident = &input.ident;
    if input.into_string {
        quote!(#ident: #ident.into())
    } else {
        quote!(#ident)
    }
}

/// The request builder of one operation: its fields, setters, `send` and, when paged, `stream`.
pub(crate) fn builder(cx: &Context<'_>) -> TokenStream {
    let plan = cx.plan;
    let builder = &plan.builder_ident;
    let required = plan.required_params().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty.tokens);
        quote!(pub(super) #ident: #ty)
    });
    let optional = plan.optional_params().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty.tokens);
        quote!(pub(super) #ident: Option<#ty>)
    });
    let body = plan.body.as_ref().map(|b| {
        let ty = &b.ty.tokens;
        match b.kind {
            BodyKind::OptionalWhole(_) => quote!(pub(super) body: Option<#ty>,),
            _ => quote!(pub(super) body: #ty,),
        }
    });
    let setters = setters(cx);
    let operation = operation_const(plan);
    let send = super::send::send(cx);
    let stream = stream(cx);
    let builder_doc = doc(&docs::builder(cx));
    let must_use = if plan.upgrade {
        "a request does nothing until `upgrade` is awaited"
    } else {
        "a request does nothing until `send` is awaited"
    };
    quote! {
        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = #must_use]
        pub struct #builder<'a> {
            pub(super) client: &'a Client,
            #(#required,)*
            #(#optional,)*
            #body
            pub(super) options: runtime::CallOptions,
        }

        impl<'a> #builder<'a> {
            #operation

            #(#setters)*

            /// Sets this call's own timeout, retry policy, body limit and extra headers, over
            /// the client's (see [`CallOptions`](crate::CallOptions)).
            pub fn with_options(mut self, options: crate::CallOptions) -> Self {
                self.options = options;
                self
            }

            #send

            #stream
        }
    }
}

/// One setter per optional param and optional body field.
fn setters(cx: &Context<'_>) -> Vec<TokenStream> {
    let plan = cx.plan;
    let params = plan.params.iter().filter(|p| !p.required).map(|p| {
        let (input, what) = (&p.input, docs::param_what(p));
        let (ident, value) = (&input.ident, convert(input));
        (input, None, quote!(self.#ident = Some(#value);), what)
    });
    let fields = plan.body_setters().map(|field| {
        let (ident, value) = (&field.field, convert(&field.input));
        let value = if field.is_option {
            quote!(Some(#value))
        } else {
            value
        };
        let default = field.default.as_deref();
        let what = format!("the body field `{}`", field.wire);
        (
            &field.input,
            default,
            quote!(self.body.#ident = #value;),
            what,
        )
    });
    let whole = plan.optional_body().map(|input| {
        let value = convert(input);
        let what = "the request body".to_owned();
        (input, None, quote!(self.body = Some(#value);), what)
    });
    params
        .chain(fields)
        .chain(whole)
        .map(|(input, default, assign, what)| {
            let setter_doc = doc(&docs::setter(cx, input, default, &what));
            let (ident, argument) = (&input.ident, argument(input));
            quote! {
                #setter_doc
                pub fn #ident(mut self, #argument) -> Self {
                    #assign
                    self
                }
            }
        })
        .collect()
}

/// `const OPERATION`: what the runtime needs to know of the operation.
fn operation_const(plan: &OperationPlan) -> TokenStream {
    let (id, path, accept) = (&plan.id, &plan.path, &plan.accept);
    let method = format_ident!("{}", plan.method.as_str());
    let success = plan.success.iter().map(|s| status(*s));
    let errors = plan.errors.iter().map(|s| status(*s));
    quote! {
        const OPERATION: runtime::Operation = runtime::Operation {
            id: #id,
            method: reqwest::Method::#method,
            path: #path,
            accept: #accept,
            success: &[#(#success),*],
            errors: &[#(#errors),*],
        };
    }
}

fn status(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(runtime::Status::Code(#code))
        }
        Status::Class(class) => {
            let class = Literal::u16_unsuffixed(class);
            quote!(runtime::Status::Class(#class))
        }
        Status::Default => quote!(runtime::Status::Default),
    }
}

/// `stream` of a paged operation: every item of every page.
fn stream(cx: &Context<'_>) -> TokenStream {
    let Some(paging) = &cx.plan.paging else {
        return TokenStream::new();
    };
    let (page, size, item) = (&paging.page, &paging.size, &paging.item.tokens);
    let max = Literal::i64_unsuffixed(paging.max);
    let stream_doc = doc(&docs::stream(cx, paging));
    let error = super::send::error_type(cx.plan);
    quote! {
        #stream_doc
        pub fn stream(self) -> impl futures_core::Stream<Item = Result<#item, #error>> + 'a {
            let size = self.#size.unwrap_or(#max);
            let first = self.#page.unwrap_or(0);
            runtime::pages(first, size, move |page| {
                let mut request = self.clone();
                request.#page = Some(page);
                request.#size = Some(size);
                request.send()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::names::BUILDER_OWN_NAMES;

    /// Every field and method of the rendered builders is a param, a body field or one of
    /// [`BUILDER_OWN_NAMES`], which validation keeps params from taking.
    #[test]
    fn builders_use_only_their_own_names_and_their_inputs() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = crate::load::load(&root.join("spec/timetrack.yaml")).unwrap();
        let api = crate::validate::validate(&spec.document).unwrap();
        let plan = crate::plan::plan(&spec.path, &api).unwrap();
        let text = super::super::builders_file(&plan, "spec").unwrap();
        let file = syn::parse_file(&text).unwrap();
        let mut names = Vec::new();
        collect_builder_names(&file.items, &mut names);
        let inputs: Vec<String> = plan
            .operations
            .iter()
            .flat_map(|op| {
                let params = op.params.iter().map(|p| p.input.ident.to_string());
                let fields = op.body_setters().map(|f| f.input.ident.to_string());
                params.chain(fields).collect::<Vec<_>>()
            })
            .collect();
        assert!(names.iter().any(|n| n == "stream"), "{names:?}");
        for name in names {
            let known = BUILDER_OWN_NAMES.contains(&name.as_str()) || inputs.contains(&name);
            assert!(
                known || name == "OPERATION",
                "builder member `{name}` is not declared"
            );
        }
    }

    fn collect_builder_names(items: &[syn::Item], names: &mut Vec<String>) {
        for item in items {
            match item {
                syn::Item::Struct(item) => {
                    let fields = item.fields.iter().filter_map(|f| f.ident.as_ref());
                    names.extend(fields.map(ToString::to_string));
                }
                syn::Item::Impl(block) if block.trait_.is_none() => {
                    names.extend(block.items.iter().filter_map(|item| match item {
                        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                        _ => None,
                    }));
                }
                _ => {}
            }
        }
    }
}
