//! Step 4: what the engine lacks, written with quote: the public `Client` with one method per
//! operation taking the required params as arguments, request builders with a setter per
//! optional param, `Credentials`, the server URL, and docs taken from the spec.

use std::collections::BTreeSet;
use std::path::Path;

use heck::ToShoutySnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;

use crate::engine::{EngineMethod, EngineOutput, StructField};
use crate::error::{Error, Result};
use crate::model::{Api, Operation, Paging, ParamIn};
use crate::names;

/// The items of the crate's `client` module.
pub fn client_module(path: &Path, api: &Api, engine: &EngineOutput) -> Result<TokenStream> {
    let error_body = error_body_type(path, engine)?;
    let mut operations = Vec::new();
    for op in &api.operations {
        let method = engine
            .methods
            .get(&names::snake(&op.id))
            .ok_or_else(|| Error::Engine {
                path: path.to_path_buf(),
                operation: Some(op.id.clone()),
                message: "the engine generated no method for this operation".to_owned(),
            })?;
        operations.push(operation(path, api, op, method, engine, &error_body)?);
    }
    let client_methods = operations.iter().map(|o| &o.client_methods);
    let builders = operations.iter().map(|o| &o.builder);

    let credentials = credentials(api);
    let client = client(api);
    let error_doc = doc(&format!(
        "The error of every call: the HTTP status and, when the server sent one, the decoded \
         error body ([`{}`]). See [`runtime::Error`] for its variants.",
        error_body.to_token_stream().to_string().replace(' ', "")
    ));
    Ok(quote! {
        use std::fmt;

        use crate::{engine, runtime, types};

        #error_doc
        pub type Error = runtime::Error<#error_body>;

        #credentials

        #client

        impl Client {
            #(#client_methods)*
        }

        /// Request builders: each holds the required params given to its [`Client`] method, has
        /// a setter for every optional param, and sends the request with `send`.
        pub mod builders {
            use super::{Client, Error};
            use crate::{runtime, types};

            #(#builders)*
        }
    })
}

/// The one error body type all operations share (`()` when none documents one).
fn error_body_type(path: &Path, engine: &EngineOutput) -> Result<syn::Type> {
    let mut distinct: BTreeSet<String> = BTreeSet::new();
    let mut chosen: Option<syn::Type> = None;
    for method in engine.methods.values() {
        let text = method.err.to_token_stream().to_string();
        if text != "()" && distinct.insert(text) {
            chosen = Some(method.err.clone());
        }
    }
    if distinct.len() > 1 {
        return Err(Error::Engine {
            path: path.to_path_buf(),
            operation: None,
            message: format!(
                "operations document different error bodies ({}); give every error response the same schema",
                distinct.into_iter().collect::<Vec<_>>().join(", ")
            ),
        });
    }
    Ok(chosen.unwrap_or_else(|| syn::parse_quote!(())))
}

fn credentials(api: &Api) -> TokenStream {
    let fields: Vec<_> = api
        .credentials
        .iter()
        .map(|c| format_ident!("{}", names::snake(&c.scheme)))
        .collect();
    let new_doc = doc(&format!(
        "Creates the credentials from their values:\n{}",
        api.credentials
            .iter()
            .map(|c| format!(
                "- `{}`: {} (the `{}` header)",
                names::snake(&c.scheme),
                c.description.as_deref().unwrap_or("a credential.").trim(),
                c.header
            ))
            .collect::<Vec<_>>()
            .join("\n")
    ));
    let headers = api
        .credentials
        .iter()
        .map(|c| c.header.to_ascii_lowercase());
    let list = api
        .credentials
        .iter()
        .map(|c| format!("`{}`", c.header))
        .collect::<Vec<_>>()
        .join(" and ");
    let struct_doc = doc(&format!(
        "The credentials sent on every request, as {list}.\n\n\
         `Debug` never shows the values."
    ));
    let count = Literal::usize_unsuffixed(fields.len());
    quote! {
        #struct_doc
        #[derive(Clone)]
        pub struct Credentials {
            #(#fields: runtime::Secret,)*
        }

        impl Credentials {
            #new_doc
            pub fn new(#(#fields: impl Into<String>),*) -> Self {
                Self { #(#fields: runtime::Secret::new(#fields),)* }
            }

            /// Header name and value of each credential.
            fn headers(&self) -> [(&'static str, &runtime::Secret); #count] {
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

fn client(api: &Api) -> TokenStream {
    let prefix = &api.package.env_prefix;
    let crate_ident = api.package.crate_ident();
    let vars: Vec<_> = api
        .server
        .variables
        .iter()
        .map(|v| format_ident!("{}", names::snake(&v.name)))
        .collect();

    let var_docs: Vec<String> = api
        .server
        .variables
        .iter()
        .map(|v| {
            format!(
                "- `{}`: {}",
                names::snake(&v.name),
                v.description.as_deref().unwrap_or("a server variable.")
            )
        })
        .collect();
    let template = &api.server.url;
    let example_vars = api
        .server
        .variables
        .iter()
        .map(|v| format!("{:?}, ", v.default))
        .collect::<String>();
    let example_creds = api
        .credentials
        .iter()
        .map(|c| format!("\"{}\"", names::snake(&c.scheme).replace('_', "-")))
        .collect::<Vec<_>>()
        .join(", ");
    let new_doc = doc(&format!(
        "Creates a client for `{template}`.\n\n{}\n\n\
         Fails with [`runtime::Error::Config`] when a value is not a plain host label or path segment, or a \
         credential cannot be sent as a header.\n\n\
         ```no_run\n\
         use {crate_ident}::{{Client, Credentials}};\n\n\
         let client = Client::new({example_vars}Credentials::new({example_creds}))?;\n\
         # Ok::<(), {crate_ident}::Error>(())\n\
         ```",
        var_docs.join("\n")
    ));
    let env_vars: Vec<String> = api
        .server
        .variables
        .iter()
        .map(|v| format!("{prefix}_{}", v.name.to_shouty_snake_case()))
        .collect();
    let env_creds: Vec<String> = api
        .credentials
        .iter()
        .map(|c| format!("{prefix}_{}", c.scheme.to_shouty_snake_case()))
        .collect();
    let base_url_var = format!("{prefix}_BASE_URL");
    let from_env_doc = doc(&format!(
        "Creates a client from environment variables: {} for the credentials, and either {} for \
         the server or `{base_url_var}` for another base URL (which wins when set).",
        env_creds
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", "),
        if env_vars.is_empty() {
            "nothing".to_owned()
        } else {
            env_vars
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    ));
    let cred_fields = api
        .credentials
        .iter()
        .map(|c| format_ident!("{}", names::snake(&c.scheme)));
    let client_doc = doc(&format!(
        "Client for the {} API.{}\n\n\
         Each operation is a method taking the operation's required params; it returns a request \
         builder with a setter for each optional param and `send` to perform it.",
        api.title,
        api.description
            .as_deref()
            .map(|d| format!("\n\n{}", d.trim()))
            .unwrap_or_default()
    ));
    let server_doc = doc("The server URL template of the spec; `Client::new` fills its variables.");
    let builder_example = format!(
        "```no_run\n\
         use std::time::Duration;\n\
         use {crate_ident}::{{Client, Credentials, RetryPolicy}};\n\n\
         let client = Client::builder(Credentials::new({example_creds}))\n\
         {}    .connect_timeout(Duration::from_secs(5))\n\
         \x20   .timeout(Duration::from_secs(60))\n\
         \x20   .retry(RetryPolicy::default().max_attempts(5))\n\
         \x20   .user_agent(\"my-app/1.0\")\n\
         \x20   .build()?;\n\
         # Ok::<(), {crate_ident}::Error>(())\n\
         ```",
        api.server
            .variables
            .iter()
            .map(|v| format!("    .{}({:?})\n", names::snake(&v.name), v.default))
            .collect::<String>()
    );
    let builder_doc = doc(&format!(
        "Builds a [`Client`] with settings beyond the defaults: the server (its variables, or a \
         whole base URL), timeouts, the retry policy, the user agent and extra TLS roots.\n\n\
         Defaults: connect timeout [`runtime::DEFAULT_CONNECT_TIMEOUT`], request timeout \
         [`runtime::DEFAULT_REQUEST_TIMEOUT`], [`runtime::RetryPolicy::default`], user agent \
         `{}/<version>`.\n\n{builder_example}",
        api.package.name
    ));
    let var_setters = api.server.variables.iter().map(|v| {
        let ident = format_ident!("{}", names::snake(&v.name));
        let setter_doc = doc(&format!(
            "Sets the server variable `{}` of `{template}`: {}",
            v.name,
            v.description.as_deref().unwrap_or("").trim()
        ));
        quote! {
            #setter_doc
            pub fn #ident(mut self, #ident: impl Into<String>) -> Self {
                self.#ident = Some(#ident.into());
                self
            }
        }
    });
    let var_names_again = api.server.variables.iter().map(|v| v.name.as_str());
    let vars_again = vars.clone();
    let vars_again2 = vars.clone();
    let vars_fields = vars.clone();
    let vars_init = vars.clone();
    quote! {
        #client_doc
        #[derive(Clone)]
        pub struct Client {
            engine: engine::Client,
        }

        impl fmt::Debug for Client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Client").field("base_url", &self.base_url()).finish_non_exhaustive()
            }
        }

        impl Client {
            #server_doc
            pub const SERVER: &'static str = #template;

            #new_doc
            pub fn new(#(#vars: &str,)* credentials: Credentials) -> Result<Self, Error> {
                Self::builder(credentials)
                    #(.#vars_again(#vars_again2))*
                    .build()
            }

            /// Creates a client that sends its requests to `base_url` (for example a local test
            /// server, `http://127.0.0.1:8080/api`); paths are appended to it.
            pub fn with_base_url(base_url: &str, credentials: Credentials) -> Result<Self, Error> {
                Self::builder(credentials).base_url(base_url).build()
            }

            /// Starts a [`ClientBuilder`] for settings beyond the defaults.
            pub fn builder(credentials: Credentials) -> ClientBuilder {
                ClientBuilder {
                    credentials,
                    #(#vars_init: None,)*
                    base_url: None,
                    config: runtime::Config::new(concat!(
                        env!("CARGO_PKG_NAME"),
                        "/",
                        env!("CARGO_PKG_VERSION")
                    )),
                }
            }

            #from_env_doc
            pub fn from_env() -> Result<Self, Error> {
                let credentials = Credentials {
                    #(#cred_fields: runtime::Secret::new(runtime::env_var(#env_creds)?),)*
                };
                match std::env::var(#base_url_var) {
                    Ok(base_url) => Self::with_base_url(&base_url, credentials),
                    Err(_) => Self::new(#(&runtime::env_var(#env_vars)?,)* credentials),
                }
            }

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                use progenitor_client::ClientInfo;
                self.engine.baseurl()
            }
        }

        #builder_doc
        #[derive(Clone, Debug)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct ClientBuilder {
            credentials: Credentials,
            #(#vars_fields: Option<String>,)*
            base_url: Option<String>,
            config: runtime::Config,
        }

        impl ClientBuilder {
            #(#var_setters)*

            /// Sends requests to `base_url` instead of the spec's server (for example a local
            /// test server, `http://127.0.0.1:8080/api`).
            pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                self.base_url = Some(base_url.into());
                self
            }

            /// How long connecting may take ([`runtime::DEFAULT_CONNECT_TIMEOUT`] by default).
            pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.config.connect_timeout = timeout;
                self
            }

            /// How long a whole request may take, each attempt on its own
            /// ([`runtime::DEFAULT_REQUEST_TIMEOUT`] by default).
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.config.timeout = timeout;
                self
            }

            /// When failed requests are sent again ([`runtime::RetryPolicy::default`] by default;
            /// [`runtime::RetryPolicy::disabled`] turns retries off).
            pub fn retry(mut self, policy: crate::RetryPolicy) -> Self {
                self.config.retry = policy;
                self
            }

            /// The `User-Agent` header (the crate's name and version by default).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.config.user_agent = user_agent.into();
                self
            }

            /// Trusts `certificate` as a root, besides the platform's roots.
            pub fn root_certificate(mut self, certificate: crate::Certificate) -> Self {
                self.config.root_certificates.push(certificate);
                self
            }

            /// Builds the client. Fails with [`runtime::Error::Config`] when no server variable
            /// or base URL was given, a value is not a plain host label or path segment, the URL
            /// is not http(s), or a credential cannot be sent as a header.
            pub fn build(self) -> Result<Client, Error> {
                let base_url = match self.base_url {
                    Some(base_url) => base_url,
                    None => runtime::server_url(
                        Client::SERVER,
                        &[#((#var_names_again, runtime::required(#var_names_again, self.#vars.as_deref())?)),*],
                    )?,
                };
                let base_url = runtime::base_url(&base_url)?;
                let http = runtime::http_client(&self.credentials.headers(), &self.config)?;
                Ok(Client {
                    engine: engine::Client::new_with_client(&base_url, http, self.config.retry),
                })
            }
        }

        impl progenitor_client::ClientHooks<runtime::RetryPolicy> for engine::Client {
            async fn exec(
                &self,
                request: reqwest::Request,
                _info: &progenitor_client::OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                use progenitor_client::ClientInfo;
                runtime::execute(self.client(), self.inner(), request).await
            }
        }
    }
}

/// How a value is held by a builder and handed to the engine.
struct Slot {
    ident: syn::Ident,
    /// The type the builder stores.
    stored: TokenStream,
    /// The type a setter or argument takes.
    takes: TokenStream,
    /// Expression turning the argument into the stored value.
    convert: TokenStream,
    /// How the stored value is handed to the engine.
    pass: Pass,
    /// Example expression for docs.
    example: String,
    description: Option<String>,
}

/// How a stored param reaches the engine's argument.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Engine takes `&str` (or `Option<&str>`), the builder stores `String`.
    Str,
    /// Engine takes `&T` (or `Option<&T>`), the builder stores `T`.
    Ref,
    /// Engine takes the value itself.
    Value,
}

impl Pass {
    fn required(self, ident: &syn::Ident) -> TokenStream {
        match self {
            Pass::Str | Pass::Ref => quote!(&#ident),
            Pass::Value => quote!(#ident),
        }
    }

    fn optional(self, ident: &syn::Ident) -> TokenStream {
        match self {
            Pass::Str => quote!(#ident.as_deref()),
            Pass::Ref => quote!(#ident.as_ref()),
            Pass::Value => quote!(#ident),
        }
    }
}

struct OperationCode {
    client_methods: TokenStream,
    builder: TokenStream,
}

fn operation(
    path: &Path,
    api: &Api,
    op: &Operation,
    method: &EngineMethod,
    engine: &EngineOutput,
    error_body: &syn::Type,
) -> Result<OperationCode> {
    let engine_error = |message: String| Error::Engine {
        path: path.to_path_buf(),
        operation: Some(op.id.clone()),
        message,
    };
    let method_ident = format_ident!("{}", names::snake(&op.id));
    let builder_ident = format_ident!("{}", names::pascal(&op.id));
    let crate_ident = api.package.crate_ident();

    // Params, in spec order: path params first as the path template orders them, then query.
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for location in [ParamIn::Path, ParamIn::Query] {
        for param in op.params.iter().filter(|p| p.location == location) {
            let ident = names::snake(&param.name);
            let ty = method
                .args
                .iter()
                .find(|(name, _)| *name == ident)
                .map(|(_, ty)| ty)
                .ok_or_else(|| {
                    engine_error(format!(
                        "the engine method has no argument for `{}`",
                        param.name
                    ))
                })?;
            let slot = param_slot(
                &ident,
                ty,
                param.example.as_ref(),
                param.description.clone(),
            );
            if param.required {
                required.push(slot);
            } else {
                optional.push(slot);
            }
        }
    }

    // The body: its struct's required fields are arguments, the others setters.
    let body_arg = method
        .args
        .iter()
        .find(|(name, _)| name == "body")
        .map(|(_, ty)| ty);
    let mut body_setters = Vec::new();
    let mut body_init = None;
    let mut body_type = None;
    let mut whole_body = None;
    if let Some(body_ty) = body_arg {
        let owned = strip_reference(body_ty);
        let type_name = last_segment(&owned);
        let body = op.body.as_ref();
        match (type_name.and_then(|n| engine.structs.get(&n)), body) {
            (Some(fields), Some(body)) if !body.properties.is_empty() => {
                let mut inits = Vec::new();
                for property in &body.properties {
                    let ident = names::snake(&property.name);
                    let field = fields.iter().find(|f| f.ident == ident).ok_or_else(|| {
                        engine_error(format!(
                            "the body type has no field for `{}`",
                            property.name
                        ))
                    })?;
                    let field_ident = format_ident!("{}", field.ident);
                    let slot = field_slot(
                        field,
                        property.example.as_ref(),
                        property.description.clone(),
                    );
                    if property.required && field.required {
                        let convert = &slot.convert;
                        inits.push(quote! { #field_ident: #convert });
                        required.push(slot);
                    } else {
                        inits.push(quote! { #field_ident: Default::default() });
                        body_setters.push((slot, field.is_option));
                    }
                }
                body_init = Some(quote! { #owned { #(#inits,)* } });
            }
            _ => {
                let example = "Default::default()".to_owned();
                whole_body = Some(Slot {
                    ident: format_ident!("body"),
                    stored: owned.to_token_stream(),
                    takes: owned.to_token_stream(),
                    convert: quote!(body),
                    pass: Pass::Ref,
                    example,
                    description: op.body.as_ref().and_then(|b| b.description.clone()),
                });
            }
        }
        body_type = Some(owned);
    }
    if let Some(slot) = whole_body {
        required.push(slot);
    }

    // Arguments of the Client method: required params, then required body fields, in spec order.
    let arg_idents: Vec<_> = required.iter().map(|s| &s.ident).collect();
    let arg_types: Vec<_> = required.iter().map(|s| &s.takes).collect();
    let path_query_required: Vec<&Slot> = required
        .iter()
        .filter(|s| op.params.iter().any(|p| s.ident == names::snake(&p.name)))
        .collect();

    // Builder fields.
    let stored_fields = required
        .iter()
        .filter(|s| path_query_required.iter().any(|p| p.ident == s.ident))
        .map(|s| {
            let (ident, ty) = (&s.ident, &s.stored);
            quote! { #ident: #ty }
        })
        .chain(optional.iter().map(|s| {
            let (ident, ty) = (&s.ident, &s.stored);
            quote! { #ident: Option<#ty> }
        }))
        .chain(body_type.iter().map(|ty| quote! { body: #ty }));
    let field_inits = path_query_required
        .iter()
        .map(|s| field_init(&s.ident, &s.convert))
        .chain(optional.iter().map(|s| {
            let ident = &s.ident;
            quote! { #ident: None }
        }))
        .chain(match (&body_init, &body_type) {
            (Some(init), _) => Some(quote! { body: #init }),
            (None, Some(_)) => Some(quote! { body }),
            (None, None) => None,
        })
        .collect::<Vec<_>>();

    // Setters.
    let call_args = required
        .iter()
        .map(|s| s.example.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let context = SetterContext {
        crate_ident: &crate_ident,
        method_ident: &method_ident,
        call_args: &call_args,
        verb: op.method.as_str(),
        path: &op.path,
    };
    let mut setters = Vec::new();
    for slot in &optional {
        let (ident, takes, convert) = (&slot.ident, &slot.takes, &slot.convert);
        let setter_doc = setter_doc(slot, &context);
        setters.push(quote! {
            #setter_doc
            pub fn #ident(mut self, #ident: #takes) -> Self {
                self.#ident = Some(#convert);
                self
            }
        });
    }
    for (slot, is_option) in &body_setters {
        let (ident, takes, convert) = (&slot.ident, &slot.takes, &slot.convert);
        let setter_doc = setter_doc(slot, &context);
        let value = if *is_option {
            quote!(Some(#convert))
        } else {
            convert.clone()
        };
        setters.push(quote! {
            #setter_doc
            pub fn #ident(mut self, #ident: #takes) -> Self {
                self.body.#ident = #value;
                self
            }
        });
    }

    // send(): destructure, then call the engine with its argument order.
    let mut pattern = vec![quote!(client)];
    pattern.extend(
        path_query_required
            .iter()
            .map(|s| s.ident.to_token_stream()),
    );
    pattern.extend(optional.iter().map(|s| s.ident.to_token_stream()));
    if body_type.is_some() {
        pattern.push(quote!(body));
    }
    let mut engine_args = Vec::new();
    for (name, _) in &method.args {
        if name == "body" {
            engine_args.push(quote!(&body));
            continue;
        }
        if let Some(slot) = path_query_required
            .iter()
            .find(|s| s.ident == name.as_str())
        {
            engine_args.push(slot.pass.required(&slot.ident));
        } else if let Some(slot) = optional.iter().find(|s| s.ident == name.as_str()) {
            engine_args.push(slot.pass.optional(&slot.ident));
        } else {
            return Err(engine_error(format!(
                "the engine method takes `{name}`, which the spec does not declare"
            )));
        }
    }
    let ok = &method.ok;
    let call =
        if method.err.to_token_stream().to_string() == error_body.to_token_stream().to_string() {
            quote!(runtime::call)
        } else {
            quote!(runtime::call_untyped)
        };

    // Docs.
    let title = op
        .summary
        .clone()
        .or_else(|| op.description.clone())
        .unwrap_or_else(|| format!("Calls `{}`.", op.id));
    let mut text = title.trim().to_owned();
    if let (Some(_), Some(description)) = (&op.summary, &op.description) {
        text.push_str(&format!("\n\n{}", description.trim()));
    }
    text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    if !required.is_empty() {
        text.push_str("\n\nArguments (required by the spec):");
        for slot in &required {
            text.push_str(&format!(
                "\n- `{}`: {}",
                slot.ident,
                slot.description.as_deref().unwrap_or("").trim()
            ));
        }
    }
    if !optional.is_empty() || !body_setters.is_empty() {
        text.push_str(&format!(
            "\n\nOptional params are set on the returned [`builders::{builder_ident}`]: {}.",
            optional
                .iter()
                .chain(body_setters.iter().map(|(s, _)| s))
                .map(|s| format!("[`{0}`](builders::{builder_ident}::{0})", s.ident))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let chained = optional
        .iter()
        .chain(body_setters.iter().map(|(s, _)| s))
        .map(|s| format!(".{}({})", s.ident, s.example))
        .collect::<String>();
    let binding = if ok.to_token_stream().to_string() == "()" {
        ""
    } else {
        "let answer = "
    };
    text.push_str(&format!(
        "\n\n```no_run\n\
         # async fn example(client: &{crate_ident}::Client) -> Result<(), {crate_ident}::Error> {{\n\
         {binding}client.{method_ident}({call_args}){chained}.send().await?;\n\
         # Ok(())\n\
         # }}\n\
         ```"
    ));
    let method_doc = doc(&text);
    let builder_doc = doc(&format!(
        "Request builder for [`Client::{method_ident}`]: `{} {}`. Its setters set the optional \
         params; `send` performs the request (see [`Client::{method_ident}`] for an example).",
        op.method.as_str(),
        op.path
    ));
    let send_doc = doc(&format!(
        "Sends `{} {}` and returns the decoded answer (example: [`Client::{method_ident}`]).",
        op.method.as_str(),
        op.path
    ));

    let with_body = match (&body_init, &body_type) {
        (Some(_), Some(ty)) => {
            let with_ident = format_ident!("{}_with_body", method_ident);
            let fixed: Vec<_> = path_query_required.iter().map(|s| &s.ident).collect();
            let fixed_types: Vec<_> = path_query_required.iter().map(|s| &s.takes).collect();
            let inits = path_query_required
                .iter()
                .map(|s| field_init(&s.ident, &s.convert));
            let optional_inits = optional.iter().map(|s| {
                let ident = &s.ident;
                quote! { #ident: None }
            });
            let example = op
                .body
                .as_ref()
                .and_then(|b| b.example.as_ref())
                .map(|json| {
                    let body_type = ty.to_token_stream().to_string().replace(' ', "");
                    let fixed_args: String = path_query_required
                        .iter()
                        .map(|s| format!("{}, ", s.example))
                        .collect();
                    format!(
                        "\n\n```no_run\n\
                         # async fn example(client: &{crate_ident}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
                         let body: {crate_ident}::{body_type} = serde_json::from_str(r#\"{json}\"#)?;\n\
                         client.{with_ident}({fixed_args}body).send().await?;\n\
                         # Ok(())\n\
                         # }}\n\
                         ```"
                    )
                })
                .unwrap_or_default();
            let with_doc = doc(&format!(
                "Like [`Client::{method_ident}`], with a request body built up front.\n\n`{} {}`{example}",
                op.method.as_str(),
                op.path
            ));
            quote! {
                #with_doc
                pub fn #with_ident(&self, #(#fixed: #fixed_types,)* body: #ty) -> builders::#builder_ident<'_> {
                    builders::#builder_ident {
                        client: self,
                        #(#inits,)*
                        #(#optional_inits,)*
                        body,
                    }
                }
            }
        }
        _ => TokenStream::new(),
    };

    let client_methods = quote! {
        #method_doc
        pub fn #method_ident(&self, #(#arg_idents: #arg_types),*) -> builders::#builder_ident<'_> {
            let client = self;
            builders::#builder_ident {
                client,
                #(#field_inits,)*
            }
        }

        #with_body
    };
    let stream = match &op.paging {
        Some(paging) => page_stream(op, paging, ok, &crate_ident, &method_ident)
            .ok_or_else(|| engine_error("a paged operation must return a JSON array".to_owned()))?,
        None => TokenStream::new(),
    };
    let builder = quote! {
        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is awaited"]
        pub struct #builder_ident<'a> {
            pub(super) client: &'a Client,
            #(pub(super) #stored_fields,)*
        }

        impl<'a> #builder_ident<'a> {
            #(#setters)*

            #send_doc
            pub async fn send(self) -> Result<#ok, Error> {
                let Self { #(#pattern),* } = self;
                #call(client.engine.#method_ident(#(#engine_args),*)).await
            }

            #stream
        }
    };
    Ok(OperationCode {
        client_methods,
        builder,
    })
}

/// `stream()` for a paged list operation: every item of every page, walking the page param.
fn page_stream(
    op: &Operation,
    paging: &Paging,
    ok: &syn::Type,
    crate_ident: &str,
    method_ident: &syn::Ident,
) -> Option<TokenStream> {
    let item = vec_inner(ok)?;
    let page = format_ident!("{}", names::snake(&paging.page));
    let size = format_ident!("{}", names::snake(&paging.size));
    let max = Literal::i64_unsuffixed(paging.max_size);
    let stream_doc = doc(&format!(
        "Every item of every page, in order: sends `{} {}` for page `{}` = 0, 1, … (or from \
         the page set with [`{page}`](Self::{page})), keeping the other params, until a page holds \
         fewer items than the page size (`{}`: {} unless set with [`{size}`](Self::{size})). An \
         error is yielded once and ends the stream.\n\n\
         ```no_run\n\
         use futures_util::TryStreamExt;\n\n\
         # async fn example(client: &{crate_ident}::Client) -> Result<(), {crate_ident}::Error> {{\n\
         let all: Vec<_> = client.{method_ident}().stream().try_collect().await?;\n\
         # Ok(())\n\
         # }}\n\
         ```",
        op.method.as_str(),
        op.path,
        paging.page,
        paging.size,
        paging.max_size,
    ));
    Some(quote! {
        #stream_doc
        pub fn stream(self) -> impl futures_core::Stream<Item = Result<#item, Error>> + 'a {
            let size = self.#size.unwrap_or(#max);
            let first = self.#page.unwrap_or(0);
            runtime::pages(first, size, move |page| {
                let mut request = self.clone();
                request.#page = Some(page);
                request.#size = Some(size);
                request.send()
            })
        }
    })
}

/// What a setter's doc example needs to know of its operation.
struct SetterContext<'a> {
    crate_ident: &'a str,
    method_ident: &'a syn::Ident,
    call_args: &'a str,
    verb: &'a str,
    path: &'a str,
}

fn setter_doc(slot: &Slot, context: &SetterContext<'_>) -> TokenStream {
    let SetterContext {
        crate_ident,
        method_ident,
        call_args,
        verb,
        path,
    } = context;
    doc(&format!(
        "{}\n\nOptional param of `{verb} {path}`.\n\n\
         ```no_run\n\
         # async fn example(client: &{crate_ident}::Client) -> Result<(), {crate_ident}::Error> {{\n\
         client.{method_ident}({call_args}).{}({}).send().await?;\n\
         # Ok(())\n\
         # }}\n\
         ```",
        slot.description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .unwrap_or("Sets this param."),
        slot.ident,
        slot.example,
    ))
}

/// A path or query param, from the engine's argument type (`T`, `&'a str`, `&'a T`, `Option<…>`).
fn param_slot(
    ident: &str,
    ty: &syn::Type,
    example: Option<&Value>,
    description: Option<String>,
) -> Slot {
    let inner = option_inner(ty).unwrap_or_else(|| ty.clone());
    let ident = format_ident!("{}", ident);
    let owned = strip_reference(&inner);
    let owned_text = owned.to_token_stream().to_string();
    let is_str = owned_text == "str";
    let is_ref = matches!(inner, syn::Type::Reference(_));
    let (stored, takes, convert, pass) = if is_str {
        (
            quote!(String),
            quote!(impl Into<String>),
            quote!(#ident.into()),
            Pass::Str,
        )
    } else if is_ref {
        (quote!(#owned), quote!(#owned), quote!(#ident), Pass::Ref)
    } else {
        (quote!(#owned), quote!(#owned), quote!(#ident), Pass::Value)
    };
    Slot {
        example: example_literal(example, if is_str { "String" } else { &owned_text }),
        ident,
        stored,
        takes,
        convert,
        pass,
        description,
    }
}

/// A field of a request body struct.
fn field_slot(field: &StructField, example: Option<&Value>, description: Option<String>) -> Slot {
    let ident = format_ident!("{}", field.ident);
    let ty = &field.value_type;
    let text = ty.to_string();
    let is_string = text.replace(' ', "") == "::std::string::String";
    let (takes, convert) = if is_string {
        (quote!(impl Into<String>), quote!(#ident.into()))
    } else {
        (ty.clone(), quote!(#ident))
    };
    Slot {
        example: example_literal(example, if is_string { "String" } else { &text }),
        ident,
        stored: ty.clone(),
        takes,
        convert,
        pass: Pass::Value,
        description,
    }
}

/// A Rust expression for an example value of a type, from the spec's example where it fits.
fn example_literal(example: Option<&Value>, ty: &str) -> String {
    let ty = ty.replace(' ', "");
    match ty.as_str() {
        "String" => match example {
            Some(Value::String(s)) => format!("{s:?}"),
            _ => "\"text\"".to_owned(),
        },
        "f64" | "f32" => match example.and_then(Value::as_f64) {
            Some(n) => format!("{n:?}"),
            None => "1.0".to_owned(),
        },
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "::std::num::NonZeroU64" => {
            match example.and_then(Value::as_i64) {
                Some(n) if !ty.starts_with('u') || n >= 0 => Literal::i64_unsuffixed(n).to_string(),
                _ => "1".to_owned(),
            }
        }
        "bool" => match example.and_then(Value::as_bool) {
            Some(b) => b.to_string(),
            None => "true".to_owned(),
        },
        _ => "Default::default()".to_owned(),
    }
}

/// `T` of `Option<T>`.
fn option_inner(ty: &syn::Type) -> Option<syn::Type> {
    wrapped_in(ty, "Option")
}

/// `T` of `Vec<T>`.
fn vec_inner(ty: &syn::Type) -> Option<syn::Type> {
    wrapped_in(ty, "Vec")
}

/// `T` of `Wrapper<T>`, however the path to `Wrapper` is written (`::std::vec::Vec<T>`).
fn wrapped_in(ty: &syn::Type, wrapper: &str) -> Option<syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    if path.path.segments.last()?.ident != wrapper {
        return None;
    }
    crate::engine::generic_args::<1>(ty).map(|[inner]| inner)
}

fn strip_reference(ty: &syn::Type) -> syn::Type {
    match ty {
        syn::Type::Reference(reference) => (*reference.elem).clone(),
        other => other.clone(),
    }
}

fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// `ident: convert`, or just `ident` when the conversion is the value itself.
fn field_init(ident: &syn::Ident, convert: &TokenStream) -> TokenStream {
    if *ident == convert.to_string() {
        quote!(#ident)
    } else {
        quote!(#ident: #convert)
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
