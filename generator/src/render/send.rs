//! A request builder's `send` (or `upgrade`): the spec's rules checked on the values, the path,
//! query, headers and body put into the request, and the runtime call that sends it and decodes
//! the answer.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::doc;
use super::docs::{self, Context};
use crate::plan::{
    BodyKind, BodyPlan, Bound, ErrorPlan, Media, OperationPlan, ParamIn, ParamStyle, PartKind,
    PathPart, Rule, Shape, Styled,
};

/// `send` and `send_with_response`: the spec's rules on the values, the path, the query, the
/// body, and the runtime call that decodes the answer.
pub(super) fn send(cx: &Context<'_>) -> TokenStream {
    let plan = cx.plan;
    let error = error_type(plan);
    let prepare = prepare(cx, values_into_request(plan));
    let request = quote!(let (client, request, options) = self.prepare()?;);
    if plan.upgrade {
        let upgrade = upgrade(cx, request);
        return quote!(#upgrade #prepare);
    }
    let (answer, call) = match (&plan.answer, plan.answer_media) {
        (None, _) => (quote!(()), quote!(empty)),
        (Some(ty), _) if plan.outcome.is_some() => (ty.tokens.to_token_stream(), quote!(by_status)),
        (Some(ty), _) if plan.redirect => (ty.tokens.to_token_stream(), quote!(redirect)),
        (Some(ty), Media::Json) => (ty.tokens.to_token_stream(), quote!(json)),
        (Some(ty), Media::Text) => (ty.tokens.to_token_stream(), quote!(text)),
        (Some(ty), Media::Bytes | Media::Form | Media::Multipart) => {
            (ty.tokens.to_token_stream(), quote!(bytes))
        }
    };
    let (send_doc, with_response_doc) = (doc(&docs::send(cx)), doc(&docs::send_with_response(cx)));
    let send_as = send_as(cx, &request);
    quote! {
        #send_doc
        pub async fn send(self) -> Result<#answer, #error> {
            self.send_with_response().await.map(runtime::Response::into_body)
        }

        #with_response_doc
        pub async fn send_with_response(self) -> Result<runtime::Response<#answer>, #error> {
            #request
            client.transport.#call(&Self::OPERATION, request, options).await
        }

        #send_as

        #prepare
    }
}

/// The statements that check the builder's values and put them into `request`.
fn values_into_request(plan: &OperationPlan) -> TokenStream {
    let mut fields: Vec<TokenStream> = vec![quote!(client), quote!(options)];
    fields.extend(plan.params.iter().map(|p| {
        let ident = &p.input.ident;
        quote!(#ident)
    }));
    let checks = checks(plan);
    let path = path(plan);
    let query = params_into_request(plan, ParamIn::Query);
    let headers = headers_into_request(plan);
    let body = plan.body.as_ref().map(|body| {
        fields.push(quote!(body));
        body_into_request(body)
    });
    let parts = parts_into_request(plan);
    quote! {
        let Self { #(#fields),* } = self;
        #(#checks)*
        let request = client.transport.request(&Self::OPERATION, #path);
        #(#query)*
        #(#headers)*
        #body
        #parts
    }
}

/// `build_request` and the private `prepare` (which both it and `send` use), whose `body`
/// checks the values and builds `request`.
fn prepare(cx: &Context<'_>, body: TokenStream) -> TokenStream {
    let error = error_type(cx.plan);
    let build_doc = doc(&docs::build_request(cx));
    quote! {
        #build_doc
        pub fn build_request(self) -> Result<reqwest::Request, #error> {
            let (client, request, options) = self.prepare()?;
            client.transport.finish(&Self::OPERATION, request, &options)
        }

        /// Checks the values against the spec's rules and puts them into the request.
        fn prepare(
            self,
        ) -> Result<(&'a Client, reqwest::RequestBuilder, runtime::CallOptions), #error> {
            #body
            Ok((client, request, options))
        }
    }
}

/// `send_as`, for an operation whose answer is documented in other media too: `request` builds
/// the request as `send` would; it asks for the chosen media and answers the body's bytes.
fn send_as(cx: &Context<'_>, request: &TokenStream) -> TokenStream {
    let Some(media) = &cx.plan.other_media else {
        return TokenStream::new();
    };
    let (ident, error) = (&media.ident, error_type(cx.plan));
    let send_as_doc = doc(&docs::send_as(cx, media));
    quote! {
        #send_as_doc
        pub async fn send_as(
            self,
            media: crate::responses::#ident,
        ) -> Result<runtime::Response<Vec<u8>>, #error> {
            #request
            let request = runtime::accept(request, media.content_type());
            client.transport.bytes(&Self::OPERATION, request, options).await
        }
    }
}

/// The error of the operation's calls: the crate's `Error`, or one with the operation's own
/// error body.
pub(super) fn error_type(plan: &OperationPlan) -> TokenStream {
    match &plan.error {
        ErrorPlan::Shared => quote!(Error),
        ErrorPlan::Own(ty) => {
            let ty = &ty.tokens;
            quote!(runtime::Error<#ty>)
        }
        ErrorPlan::PerStatus(errors) => {
            let ident = &errors.ident;
            quote!(runtime::Error<crate::responses::#ident>)
        }
    }
}

/// `upgrade` and `upgrade_with_response`, in place of `send`, for an operation answering `101`:
/// `request` builds the request as `send` would.
fn upgrade(cx: &Context<'_>, request: TokenStream) -> TokenStream {
    let (upgrade_doc, with_response_doc) = (
        doc(&docs::upgrade(cx)),
        doc(&docs::upgrade_with_response(cx)),
    );
    let error = error_type(cx.plan);
    quote! {
        #upgrade_doc
        pub async fn upgrade(self, protocol: &str) -> Result<reqwest::Upgraded, #error> {
            self.upgrade_with_response(protocol)
                .await
                .map(runtime::Response::into_body)
        }

        #with_response_doc
        pub async fn upgrade_with_response(
            self,
            protocol: &str,
        ) -> Result<runtime::Response<reqwest::Upgraded>, #error> {
            #request
            client.transport.upgrade(&Self::OPERATION, request, protocol, options).await
        }
    }
}

/// The body into the request: always; only when set (an optional whole body); or only when a
/// field is set (an optional body of optional fields).
fn body_into_request(body: &BodyPlan) -> TokenStream {
    let content_type = &body.content_type;
    let add = match body.media {
        Media::Json if body.declares_json_type => {
            quote!(runtime::json_as(request, &body, #content_type))
        }
        Media::Json => quote!(request.json(&body)),
        Media::Form => quote!(request.form(&body)),
        Media::Text | Media::Bytes | Media::Multipart => quote! {
            request
                .header(reqwest::header::CONTENT_TYPE, #content_type)
                .body(body)
        },
    };
    match body.kind {
        BodyKind::OptionalWhole(_) => quote! {
            let request = match body {
                Some(body) => #add,
                None => request,
            };
        },
        _ if body.skip_when_empty => quote! {
            let request = if runtime::is_empty(&body) { request } else { #add };
        },
        _ => quote!(let request = #add;),
    }
}

/// `let request = runtime::query(…)` (or `header`, which can refuse a value) for each param
/// sent in the query (or in a header), with its value when set.
fn params_into_request(plan: &OperationPlan, location: ParamIn) -> Vec<TokenStream> {
    let params = plan.params.iter().filter(|p| p.location == location);
    params
        .map(|p| {
            let (wire, ident) = (&p.wire, &p.input.ident);
            let value = if p.required {
                quote!(Some(&#ident))
            } else {
                quote!(#ident.as_ref())
            };
            match (location, &p.style) {
                (ParamIn::Header, _) => {
                    quote!(let request = runtime::header(request, #wire, #value)?;)
                }
                (_, Some(styled)) => {
                    let (style, explode) = style_tokens(styled);
                    quote!(let request = runtime::query_styled(request, #wire, #value, runtime::Style::#style, #explode);)
                }
                _ => quote!(let request = runtime::query(request, #wire, #value);),
            }
        })
        .collect()
}

/// The variant of the runtime's `Style` (e.g. `Label`) and `explode` of a param written in a
/// style of its own.
pub(super) fn style_tokens(styled: &Styled) -> (TokenStream, bool) {
    let style = match styled.style {
        ParamStyle::Simple => quote!(Simple),
        ParamStyle::Label => quote!(Label),
        ParamStyle::Matrix => quote!(Matrix),
        ParamStyle::Form => quote!(Form),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
    };
    (style, styled.explode)
}

/// The header params' statements, then the cookies' one.
fn headers_into_request(plan: &OperationPlan) -> Vec<TokenStream> {
    let mut headers = params_into_request(plan, ParamIn::Header);
    headers.extend(cookies_into_request(plan));
    headers
}

/// `let request = runtime::cookies(…)?;` with every cookie param and its value when set: they
/// travel together in one `Cookie` header. Nothing when the operation has none.
fn cookies_into_request(plan: &OperationPlan) -> Option<TokenStream> {
    let cookies: Vec<TokenStream> = (plan.params.iter())
        .filter(|p| p.location == ParamIn::Cookie)
        .map(|p| {
            let (wire, ident) = (&p.wire, &p.input.ident);
            let value = if p.required {
                quote!(Some(runtime::plain_text(&#ident)))
            } else {
                quote!(#ident.as_ref().map(runtime::plain_text))
            };
            quote!((#wire, #value))
        })
        .collect();
    (!cookies.is_empty())
        .then(|| quote!(let request = runtime::cookies(request, &[#(#cookies),*])?;))
}

/// The multipart body: each part param written into `runtime::Parts` in the spec's order (a
/// value not set adds none), then the body into the request. Nothing when the operation has no
/// multipart body.
fn parts_into_request(plan: &OperationPlan) -> Option<TokenStream> {
    let multipart = plan.multipart.as_ref()?;
    let parts = (plan.params.iter()).filter_map(|p| Some((p, p.part.as_ref()?)));
    let adds = parts.map(|(p, part)| {
        let (wire, ident) = (&p.wire, &p.input.ident);
        let (value, owned) = match p.required {
            true => (quote!(Some(&#ident)), quote!(Some(#ident))),
            false => (quote!(#ident.as_ref()), quote!(#ident)),
        };
        let content_type = part.content_type.as_deref().unwrap_or_default();
        let text_type = match &part.content_type {
            Some(content_type) => quote!(Some(#content_type)),
            None => quote!(None),
        };
        let add = match part.kind {
            PartKind::Text => quote!(text(#wire, #value, #text_type)),
            PartKind::Texts => quote!(texts(#wire, #value, #text_type)),
            PartKind::Json => quote!(json(#wire, #value, #content_type)),
            PartKind::File => quote!(file(#wire, #owned, #content_type)),
            PartKind::Files => quote!(files(#wire, #owned, #content_type)),
        };
        quote!(let parts = parts.#add?;)
    });
    let required = multipart.required;
    Some(quote! {
        let parts = runtime::Parts::new();
        #(#adds)*
        let request = parts.into_request(request, #required);
    })
}

/// The checks of the spec's rules on params and body fields, before anything is sent.
fn checks(plan: &OperationPlan) -> Vec<TokenStream> {
    let params = plan.params.iter().map(|p| {
        let ident = &p.input.ident;
        (
            &p.wire,
            &p.rules,
            p.required,
            &p.input.ty.shape,
            quote!(#ident),
        )
    });
    let fields = match plan.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Fields(fields)) => fields.as_slice(),
        _ => &[],
    };
    let fields = fields.iter().map(|f| {
        let field = &f.field;
        let shape = &f.input.ty.shape;
        (&f.wire, &f.rules, !f.is_option, shape, quote!(body.#field))
    });
    params
        .chain(fields)
        .filter(|(_, rules, ..)| !rules.is_empty())
        .map(|(wire, rules, required, shape, place)| {
            let each = rules.iter().map(|rule| check(wire, rule));
            // A `NonZero*` is checked by its number.
            let number = matches!(shape, Shape::NonZero).then(|| quote!(let value = &value.get();));
            if required {
                quote! { let value = &#place; #number #(#each)* }
            } else {
                quote! { if let Some(value) = &#place { #number #(#each)* } }
            }
        })
        .collect()
}

/// One rule's check of `value`.
fn check(wire: &str, rule: &Rule) -> TokenStream {
    let bound = |bound: &Bound| match bound {
        Bound::Integer(n) => Literal::i64_unsuffixed(*n),
        Bound::Float(x) => Literal::f64_unsuffixed(*x),
    };
    match rule {
        Rule::Minimum(min) => {
            let min = bound(min);
            quote!(runtime::checks::minimum(#wire, value, #min)?;)
        }
        Rule::Maximum(max) => {
            let max = bound(max);
            quote!(runtime::checks::maximum(#wire, value, #max)?;)
        }
        Rule::MinLength(min) => quote!(runtime::checks::min_length(#wire, value, #min)?;),
        Rule::MaxLength(max) => quote!(runtime::checks::max_length(#wire, value, #max)?;),
    }
}

/// The request path: the template with each path param encoded as one segment.
fn path(plan: &OperationPlan) -> TokenStream {
    let mut template = String::new();
    let mut args = Vec::new();
    for part in &plan.path_parts {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Param(ident, name, styled) => {
                template.push_str("{}");
                args.push(match styled {
                    None => quote!(runtime::encode_path(&#ident.to_string())),
                    Some(styled) => {
                        let (style, explode) = style_tokens(styled);
                        quote!(runtime::path_segment(#name, &#ident, runtime::Style::#style, #explode))
                    }
                });
            }
        }
    }
    if args.is_empty() {
        quote!(#template)
    } else {
        quote!(&format!(#template, #(#args),*))
    }
}
