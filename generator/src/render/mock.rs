//! The `mock` module (cargo feature `mock`), from the same plans as the client: a `MockServer`
//! with one method per operation, whose `when` has one typed matcher per documented param (plus
//! the body and the credentials) and whose `then` has one method per documented answer.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{RustFile, doc};
use crate::error::Result;
use crate::plan::{
    ApiPlan, ByStatus, ErrorPlan, Media, OperationPlan, ParamIn, PartKind, Status, StatusVariant,
    VariantBody,
};

/// The generated crate's `mock` module (`src/mock.rs`): `MockServer` with one method per
/// operation, then each operation's `when` and `then` types, printed as soon as rendered.
pub(crate) fn mock_file(plan: &ApiPlan, spec_label: &str) -> Result<String> {
    const FILE: &str = "src/mock.rs";
    let mut file = RustFile::new(FILE, spec_label);
    file.push(head(plan));
    let (constructor, values) = plan.krate.example_credentials();
    let credentials = values.iter().map(|value| format!("test-{}", value.example));
    let server = quote! {
        impl MockServer {
            /// The credentials of [`MockServer::client`].
            pub fn credentials() -> Credentials {
                Credentials::#constructor(#(#credentials),*)
            }
        }
    };
    file.push_impl_each(server, &plan.operations, |op| {
        (super::cfg(&op.cfg), server_method(op))
    });
    file.push_each(&plan.operations, |op| {
        let (when_ident, then_ident) = when_then_idents(op);
        let id = &op.id;
        let (when, then) = (when(op), then(plan, op));
        let mock = quote! {
            rt::operation_mock!(#id, #when_ident, #then_ident);
            #when
            #then
        };
        (super::cfg(&op.cfg), mock)
    });
    file.finish()
}

/// The module's docs, imports and `MockServer`.
fn head(plan: &ApiPlan) -> TokenStream {
    let error_names_types = plan.error_names_types();
    let names_types = plan.operations_cfg(|op| {
        let params = op.params.iter().map(|p| &p.input.ty);
        let mut types = params
            .chain(op.body.iter().map(|b| &b.ty))
            .chain(op.answer.iter());
        types.any(|ty| ty.names_types) || (error_names_types && !op.errors.is_empty())
    });
    let types_import = names_types.map(|when| {
        let when = super::cfg(&when);
        quote!(
            #when
            use crate::types;
        )
    });
    let server = server_struct();
    quote! {
        #![doc = " Typed mocks of every operation, to test code that uses this crate without the real API (cargo feature `mock`)."]
        #![doc = ""]
        #![doc = " [`MockServer::start`] serves on 127.0.0.1; [`MockServer::client`] is a [`Client`] pointed at it. Mount one mock per operation: `server.read_x(|when, then| { … })`. A request no mock matches gets a 404 whose body names its method and path."]

        use crate::runtime::mock as rt;
        use crate::{Client, Credentials};
        #types_import

        pub use crate::runtime::mock::Mock;

        #server
    }
}

fn server_struct() -> TokenStream {
    quote! {
        /// A mock of the API on 127.0.0.1, at a free port.
        pub struct MockServer {
            inner: rt::Server,
        }

        impl std::fmt::Debug for MockServer {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("MockServer").field("uri", &self.uri()).finish()
            }
        }

        impl MockServer {
            /// Starts a server; requests no mock matches get a 404 naming their method and path.
            pub async fn start() -> MockServer {
                MockServer { inner: rt::Server::start().await }
            }

            /// The server's base URL, e.g. `http://127.0.0.1:41234`.
            pub fn uri(&self) -> String {
                self.inner.uri()
            }

            /// A [`Client`] sending to this server with [`MockServer::credentials`].
            pub fn client(&self) -> Client {
                Client::with_base_url(&self.uri(), Self::credentials())
                    .expect("a loopback URL and fixed test credentials always make a client")
            }
        }
    }
}

/// `MockServer::<operation>`: mounts a mock of it.
fn server_method(op: &OperationPlan) -> TokenStream {
    let (method, ident, id, path) = (op.method.as_str(), &op.method_ident, &op.id, &op.path);
    let (when, then) = when_then_idents(op);
    let method_doc = doc(&format!(
        "Mounts a mock of [`Client::{ident}`](crate::Client::{ident}) (`{method} {path}`): requests \
         that match `when` get `then`'s answer. Returns the [`Mock`], which counts its hits."
    ));
    quote! {
        #method_doc
        pub async fn #ident(&self, mock: impl FnOnce(&mut #when, &mut #then)) -> Mock {
            let mut when = #when(rt::When::new(#method, #path));
            let mut then = #then(rt::Then::default());
            mock(&mut when, &mut then);
            self.inner.mount(#id, when.0, then.0).await
        }
    }
}

/// The names of an operation's matcher and answer types, e.g. `ReadTaskWhen`, `ReadTaskThen`.
fn when_then_idents(op: &OperationPlan) -> (syn::Ident, syn::Ident) {
    let name = &op.builder_ident;
    (format_ident!("{name}When"), format_ident!("{name}Then"))
}

/// The matcher of one param: the request must carry `value` (path params by their text).
fn param_matcher(p: &crate::plan::ParamPlan) -> TokenStream {
    if let Some(part) = &p.part {
        return part_matcher(p, part.kind);
    }
    let (ident, wire) = (&p.input.ident, &p.wire);
    let (takes, value) = if p.input.into_string {
        (quote!(impl Into<String>), quote!(&#ident.into()))
    } else {
        let ty = &p.input.ty.tokens;
        (ty.to_token_stream(), quote!(&#ident))
    };
    let set = match (p.location, &p.style) {
        (ParamIn::Path, Some(styled)) => {
            let (style, explode) = super::send::style_tokens(styled);
            quote!(self.0.path_segment(#wire, crate::runtime::path_segment(#wire, #value, crate::runtime::Style::#style, #explode));)
        }
        (ParamIn::Query, Some(styled)) => {
            let (style, explode) = super::send::style_tokens(styled);
            quote!(self.0.query_param_styled(#wire, #value, crate::runtime::Style::#style, #explode);)
        }
        (ParamIn::Path, None) => {
            let text = if p.input.into_string {
                quote!(&#ident.into())
            } else {
                quote!(&#ident.to_string())
            };
            quote!(self.0.path_param(#wire, #text);)
        }
        (ParamIn::Query, None) => quote!(self.0.query_param(#wire, #value);),
        (ParamIn::Header, _) => quote!(self.0.header_param(#wire, #value);),
        (ParamIn::Cookie, _) => quote!(self.0.cookie_param(#wire, #value);),
        // (A part's matcher is `part_matcher`'s; this one is for a part without a plan.)
        (ParamIn::Part, _) => quote!(self.0.part_texts(#wire, &[#value]);),
    };
    let param_doc = doc(&format!("The param `{wire}` must be `{ident}`."));
    quote! {
        #param_doc
        pub fn #ident(&mut self, #ident: #takes) -> &mut Self {
            #set
            self
        }
    }
}

/// The matcher of a part of a multipart body: the body must have the part (as many parts as
/// items, in order) with this value; a file by its content.
fn part_matcher(p: &crate::plan::ParamPlan, kind: PartKind) -> TokenStream {
    let (ident, wire) = (&p.input.ident, &p.wire);
    let ty = p.input.ty.tokens.to_token_stream();
    let one = format!("The multipart body's part `{wire}` must be `{ident}`.");
    let (takes, set, part_doc) = match kind {
        PartKind::Text if p.input.into_string => (
            quote!(impl Into<String>),
            quote!(self.0.part_texts(#wire, &[#ident.into()]);),
            one,
        ),
        PartKind::Text => (ty, quote!(self.0.part_texts(#wire, &[&#ident]);), one),
        PartKind::Json => (ty, quote!(self.0.part_json(#wire, &#ident);), one),
        PartKind::Texts => (
            ty,
            quote!(self.0.part_texts(#wire, &#ident);),
            format!(
                "The multipart body's parts `{wire}` must be the items of `{ident}`, in order."
            ),
        ),
        PartKind::File => (
            quote!(impl AsRef<[u8]>),
            quote!(self.0.part_files(#wire, &[#ident.as_ref()]);),
            format!("The multipart body's file part `{wire}` must have the content `{ident}`."),
        ),
        PartKind::Files => (
            quote!(&[&[u8]]),
            quote!(self.0.part_files(#wire, #ident);),
            format!(
                "The multipart body's file parts `{wire}` must have the contents `{ident}`, in order."
            ),
        ),
    };
    let part_doc = doc(&part_doc);
    quote! {
        #part_doc
        pub fn #ident(&mut self, #ident: #takes) -> &mut Self {
            #set
            self
        }
    }
}

/// The operation's own matchers on `<Operation>When`: one per param, and the body.
fn when(op: &OperationPlan) -> TokenStream {
    let name = when_then_idents(op).0;
    let params = op.params.iter().map(param_matcher);
    let body = op.body.as_ref().and_then(|body| {
        let (takes, set) = match body.media {
            Media::Json => {
                let ty = &body.ty.tokens;
                (quote!(&#ty), quote!(self.0.body(body);))
            }
            Media::Text => (quote!(&str), quote!(self.0.raw_body(body.as_bytes());)),
            Media::Bytes => (quote!(&[u8]), quote!(self.0.raw_body(body);)),
            Media::Form | Media::Multipart => return None,
        };
        Some(quote! {
            /// The body must equal `body`.
            pub fn body(&mut self, body: #takes) -> &mut Self {
                #set
                self
            }
        })
    });
    let params: Vec<TokenStream> = params.collect();
    if params.is_empty() && body.is_none() {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #(#params)*

            #body
        }
    }
}

/// The operation's own answers on `<Operation>Then`: `ok`, and `error` and `pages` where they
/// apply.
fn then(plan: &ApiPlan, op: &OperationPlan) -> TokenStream {
    let name = when_then_idents(op).1;
    let ok = match &op.outcome {
        Some(answers) => ok_by_status(answers),
        None => ok_method(op),
    };
    let error = error_method(plan, op);
    let pages = pages(op);
    quote! {
        impl #name {
            #ok

            #error

            #pages
        }
    }
}

/// `then.error(status, body)`: an error answer with the operation's error body.
fn error_method(plan: &ApiPlan, op: &OperationPlan) -> Option<TokenStream> {
    if op.errors.is_empty() {
        return None;
    }
    let (ty, what) = match &op.error {
        ErrorPlan::Shared => (
            plan.error_body.as_ref()?.tokens.to_token_stream(),
            "the API's error body",
        ),
        ErrorPlan::Own(ty) => (ty.tokens.to_token_stream(), "the operation's error body"),
        ErrorPlan::PerStatus(errors) => {
            let ident = &errors.ident;
            (
                quote!(crate::responses::#ident),
                "the operation's error body for that status",
            )
        }
    };
    let error_doc = doc(&format!("Answers `status` with `body`, {what}."));
    let answer = match &op.error {
        ErrorPlan::PerStatus(errors) if !errors.variants.iter().all(is_json) => {
            error_by_media(errors)
        }
        _ => quote!(self.0.json(status, body);),
    };
    Some(quote! {
        #error_doc
        pub fn error(&mut self, status: u16, body: &#ty) -> &mut Self {
            #answer
            self
        }
    })
}

fn is_json(variant: &StatusVariant) -> bool {
    matches!(variant.body, VariantBody::Json(_))
}

/// The answer of `then.error` when some error bodies are not JSON: each variant as it travels.
fn error_by_media(errors: &ByStatus) -> TokenStream {
    let ident = &errors.ident;
    let path = quote!(crate::responses::#ident);
    let arms = (errors.variants.iter()).map(|variant| variant_arm(&path, variant, &quote!(status)));
    quote! {
        match body {
            #(#arms)*
        }
    }
}

/// `then.ok(answer)` of an operation whose answers differ by status: each variant with its
/// status and body.
fn ok_by_status(answers: &ByStatus) -> TokenStream {
    let ident = &answers.ident;
    let path = quote!(crate::responses::#ident);
    let arms = answers.variants.iter().map(|variant| {
        let status = proc_macro2::Literal::u16_unsuffixed(match variant.status {
            Status::Code(code) => code,
            Status::Class(class) => class * 100,
            Status::Default => 200,
        });
        variant_arm(&path, variant, &quote!(#status))
    });
    quote! {
        /// Answers with `answer`: its variant's status (the class's first for a range) and body.
        pub fn ok(&mut self, answer: &#path) -> &mut Self {
            match answer {
                #(#arms)*
            }
            self
        }
    }
}

/// The match arm answering one variant of a per-status enum `path` with `status`, its body as it
/// travels.
fn variant_arm(path: &TokenStream, variant: &StatusVariant, status: &TokenStream) -> TokenStream {
    let name = &variant.ident;
    match &variant.body {
        VariantBody::Json(_) => quote!(#path::#name(body) => self.0.json(#status, body),),
        VariantBody::Text => {
            quote!(#path::#name(body) => self.0.raw(#status, body.as_bytes(), "text/plain"),)
        }
        VariantBody::Bytes => {
            quote!(#path::#name(body) => self.0.raw(#status, body, "application/octet-stream"),)
        }
        VariantBody::Empty => quote!(#path::#name => self.0.empty(#status),),
    }
}

/// `then.ok(…)`: the operation's success body, typed by how it travels.
fn ok_method(op: &OperationPlan) -> TokenStream {
    if op.redirect {
        let status = proc_macro2::Literal::u16_unsuffixed(match op.success.first() {
            Some(Status::Code(code)) => *code,
            _ => 302,
        });
        return quote! {
            /// Answers the operation's redirect, pointing at `location`.
            pub fn ok(&mut self, location: &str) -> &mut Self {
                self.0.status(#status);
                self.0.header("location", location);
                self
            }
        };
    }
    if op.upgrade {
        return quote! {
            /// Answers `101 Switching Protocols` to the protocol the request asks for; the mock
            /// speaks no other protocol, so the connection it hands over then ends.
            pub fn ok(&mut self) -> &mut Self {
                self.0.switch();
                self
            }
        };
    }
    ok_answer(op)
}

/// `then.ok(…)` of an operation that answers with a body, or none: the operation's first
/// success status (`200` with a body, `204` without, for a class of statuses).
fn ok_answer(op: &OperationPlan) -> TokenStream {
    let content_type = &op.accept;
    let status = |fallback: u16| match op.success.first() {
        Some(Status::Code(code)) => *code,
        _ => fallback,
    };
    let (full, empty) = (status(200), status(204));
    let answers = |what: &str| {
        doc(&format!(
            "Answers {full} with `body`, the operation's {what}."
        ))
    };
    let empty_doc = doc(&format!(
        "Answers {empty} without a body, the operation's success."
    ));
    let full = proc_macro2::Literal::u16_unsuffixed(full);
    let empty = proc_macro2::Literal::u16_unsuffixed(empty);
    match (&op.answer, op.answer_media) {
        (Some(ty), Media::Json) => {
            let (ty, ok_doc) = (&ty.tokens, answers("success body"));
            quote! {
                #ok_doc
                pub fn ok(&mut self, body: &#ty) -> &mut Self {
                    self.0.json(#full, body);
                    self
                }
            }
        }
        (Some(_), Media::Text) => {
            let ok_doc = answers("text");
            quote! {
                #ok_doc
                pub fn ok(&mut self, body: &str) -> &mut Self {
                    self.0.raw(#full, body.as_bytes(), #content_type);
                    self
                }
            }
        }
        (Some(_), Media::Bytes | Media::Form | Media::Multipart) => {
            let ok_doc = answers("bytes");
            quote! {
                #ok_doc
                pub fn ok(&mut self, body: &[u8]) -> &mut Self {
                    self.0.raw(#full, body, #content_type);
                    self
                }
            }
        }
        (None, _) => {
            quote! {
                #empty_doc
                pub fn ok(&mut self) -> &mut Self {
                    self.0.empty(#empty);
                    self
                }
            }
        }
    }
}

/// `then.pages(items)` of a paged list operation.
fn pages(op: &OperationPlan) -> Option<TokenStream> {
    let paging = op.paging.as_ref()?;
    let item = &paging.item.tokens;
    let (page, size) = (&paging.page_name, &paging.size_name);
    let (default, max) = (paging.default_size, paging.max);
    let pages_doc = doc(&format!(
        "Serves `items` the way the API pages them: page `{page}` from 0, `{size}` items a page \
         ({default} when not sent, at most {max}; more is a 422), so `stream()` walks them all."
    ));
    Some(quote! {
        #pages_doc
        pub fn pages(&mut self, items: &[#item]) -> &mut Self {
            let paging = rt::Paging {
                page: #page,
                size: #size,
                default_size: #default,
                max_size: #max,
            };
            self.0.pages(items, paging);
            self
        }
    })
}
