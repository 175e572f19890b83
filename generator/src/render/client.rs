//! The crate-wide items of the `client` module: `Credentials`, `Client` and `ClientBuilder`, from
//! the crate plan (credentials, server, names).

use proc_macro2::TokenStream;
use quote::quote;

use super::doc;
use crate::plan::{CratePlan, ServerPlan};

/// `new("api-key", "api-secret")`: how examples make credentials.
fn example_credentials(krate: &CratePlan) -> String {
    let (constructor, values) = krate.example_credentials();
    let values: Vec<String> = values
        .iter()
        .map(|v| format!("\"{}\"", v.example))
        .collect();
    format!("{constructor}({})", values.join(", "))
}

/// `Client`: its struct, constructors and `base_url`.
pub(crate) fn client(krate: &CratePlan) -> TokenStream {
    let vars: Vec<_> = krate.server_variables().iter().map(|v| &v.ident).collect();
    let (client_doc, from_env) = (client_doc(krate), from_env(krate));
    let new = krate
        .server
        .as_ref()
        .map(|server| client_new(krate, server));
    quote! {
        #client_doc
        #[derive(Clone)]
        pub struct Client {
            transport: runtime::Transport,
        }

        impl fmt::Debug for Client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Client").field("base_url", &self.base_url()).finish_non_exhaustive()
            }
        }

        impl Client {
            #new

            /// Creates a client that sends its requests to `base_url` (for example a local test
            /// server, `http://127.0.0.1:8080/api`); paths are appended to it.
            pub fn with_base_url(base_url: &str, credentials: Credentials) -> Result<Self, Error> {
                Self::builder(credentials).base_url(base_url).build()
            }

            /// Starts a [`ClientBuilder`] for settings beyond the defaults.
            pub fn builder(credentials: Credentials) -> ClientBuilder {
                ClientBuilder {
                    credentials,
                    #(#vars: None,)*
                    base_url: None,
                    config: runtime::Config::new(concat!(
                        env!("CARGO_PKG_NAME"),
                        "/",
                        env!("CARGO_PKG_VERSION")
                    )),
                }
            }

            #from_env

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                self.transport.base_url()
            }
        }
    }
}

/// `Client::SERVER` and `Client::new`, for a spec that names a server.
fn client_new(krate: &CratePlan, server: &ServerPlan) -> TokenStream {
    let vars: Vec<_> = server.variables.iter().map(|v| &v.ident).collect();
    let (template, new_doc) = (&server.url, new_doc(krate, server));
    let server_doc = doc("The server URL template of the spec; `Client::new` fills its variables.");
    quote! {
        #server_doc
        pub const SERVER: &'static str = #template;

        #new_doc
        pub fn new(#(#vars: &str,)* credentials: Credentials) -> Result<Self, Error> {
            Self::builder(credentials)
                #(.#vars(#vars))*
                .build()
        }
    }
}

fn client_doc(krate: &CratePlan) -> TokenStream {
    let description = krate
        .description
        .as_deref()
        .map(|d| format!("\n\n{}", d.trim()))
        .unwrap_or_default();
    doc(&format!(
        "Client for the {} API.{description}\n\n\
         Each operation is a method taking the operation's required params; it returns a request \
         builder with a setter for each optional param and `send` to perform it.",
        krate.title,
    ))
}

fn new_doc(krate: &CratePlan, server: &ServerPlan) -> TokenStream {
    let creds = example_credentials(krate);
    let krate = &krate.ident;
    let var_docs: Vec<String> = server
        .variables
        .iter()
        .map(|v| {
            let description = v.description.as_deref().unwrap_or("a server variable.");
            format!("- `{}`: {description}", v.ident)
        })
        .collect();
    let example_vars: String = server
        .variables
        .iter()
        .map(|v| format!("{:?}, ", v.default))
        .collect();
    doc(&format!(
        "Creates a client for `{}`.\n\n{}\n\n\
         Fails with [`runtime::Error::Config`] when a value is not a plain host label or path segment, or a \
         credential cannot be sent as a header.\n\n\
         ```no_run\n\
         use {krate}::{{Client, Credentials}};\n\n\
         let client = Client::new({example_vars}Credentials::{creds})?;\n\
         # Ok::<(), {krate}::Error>(())\n\
         ```",
        server.url,
        var_docs.join("\n")
    ))
}

/// `Client::from_env`.
fn from_env(krate: &CratePlan) -> TokenStream {
    let env_vars: Vec<&str> = krate
        .server_variables()
        .iter()
        .map(|v| v.env_var.as_str())
        .collect();
    let env_creds: Vec<&str> = krate
        .credential_values()
        .map(|v| v.env_var.as_str())
        .collect();
    let credentials = super::credentials::from_env(krate);
    let base_url_var = &krate.base_url_var;
    let quoted = |vars: &[&str]| -> String {
        let quoted: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
        if quoted.is_empty() {
            "nothing".to_owned()
        } else {
            quoted.join(", ")
        }
    };
    let (where_to, fallback) = match &krate.server {
        Some(_) => (
            format!(
                "either {} for the server or `{base_url_var}` for another base URL (which wins when set)",
                quoted(&env_vars)
            ),
            quote!(Self::new(#(&runtime::env_var(#env_vars)?,)* credentials)),
        ),
        None => (
            format!("`{base_url_var}` for the base URL (the spec names no server)"),
            quote!(Self::with_base_url(&runtime::env_var(#base_url_var)?, credentials)),
        ),
    };
    let from_env_doc = doc(&format!(
        "Creates a client from environment variables: {} for the credentials, and {where_to}.",
        super::credentials::env_doc(krate, &quoted(&env_creds)),
    ));
    quote! {
        #from_env_doc
        pub fn from_env() -> Result<Self, Error> {
            let credentials = #credentials;
            match std::env::var(#base_url_var) {
                Ok(base_url) => Self::with_base_url(&base_url, credentials),
                Err(_) => #fallback,
            }
        }
    }
}

/// `ClientBuilder`: the server, timeouts, retries, user agent and TLS roots.
pub(crate) fn client_builder(krate: &CratePlan) -> TokenStream {
    let vars: Vec<_> = krate.server_variables().iter().map(|v| &v.ident).collect();
    let from_server = from_server(krate);
    let var_setters = var_setters(krate);
    let builder_doc = builder_doc(krate);
    let settings = builder_settings();
    quote! {
        #builder_doc
        #[derive(Clone, Debug)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct ClientBuilder {
            credentials: Credentials,
            #(#vars: Option<String>,)*
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

            #settings

            /// Builds the client. Fails with [`runtime::Error::Config`] when no server variable
            /// or base URL was given, a value is not a plain host label or path segment, the URL
            /// is not http(s), or a credential cannot be sent as a header.
            pub fn build(self) -> Result<Client, Error> {
                let base_url = match self.base_url {
                    Some(base_url) => base_url,
                    None => #from_server,
                };
                let transport =
                    runtime::Transport::new(&base_url, &self.credentials.headers(), &self.config)?;
                Ok(Client { transport })
            }
        }
    }
}

/// The base URL `ClientBuilder::build` makes when none was given: the server's, with its
/// variables filled (or an error, for a spec without a server).
fn from_server(krate: &CratePlan) -> TokenStream {
    let vars: Vec<_> = krate.server_variables().iter().map(|v| &v.ident).collect();
    let names = krate.server_variables().iter().map(|v| v.name.as_str());
    match &krate.server {
        Some(_) => quote! {
            runtime::server_url(
                Client::SERVER,
                &[#((#names, runtime::required(#names, self.#vars.as_deref())?)),*],
            )?
        },
        None => quote! {
            return Err(runtime::Error::Config(
                "no base URL was given; the spec names no server, so set one with `base_url`"
                    .to_owned(),
            ))
        },
    }
}

/// The `ClientBuilder` setters every client has: timeouts, retries, the body limit, user agent,
/// TLS roots, and the caller's own HTTP client.
fn builder_settings() -> TokenStream {
    quote! {
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
            /// [`runtime::RetryPolicy::disabled`] turns retries off), and the retry budget all
            /// calls of the client and its clones share.
            pub fn retry(mut self, policy: crate::RetryPolicy) -> Self {
                self.config.retry = policy;
                self
            }

            /// The largest response body a call reads, in bytes ([`runtime::DEFAULT_BODY_LIMIT`]
            /// by default); past it the call fails with [`runtime::Error::BodyTooLarge`].
            pub fn body_limit(mut self, bytes: usize) -> Self {
                self.config.body_limit = bytes;
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

            /// Sends requests through `http`, an HTTP client you built (proxies, connection pools,
            /// settings of your choice). The credentials and the user agent are still added to
            /// every request; `http`'s own timeouts, TLS settings and redirect rule apply instead
            /// of this builder's. Keep its redirect rule from following other origins (e.g.
            /// `reqwest::redirect::Policy::none()`), or the credentials would follow.
            pub fn http_client(mut self, http: reqwest::Client) -> Self {
                self.config.http = Some(http);
                self
            }
    }
}

fn var_setters(krate: &CratePlan) -> Vec<TokenStream> {
    let Some(server) = &krate.server else {
        return Vec::new();
    };
    let template = &server.url;
    server
        .variables
        .iter()
        .map(|v| {
            let ident = &v.ident;
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
        })
        .collect()
}

fn builder_doc(plan: &CratePlan) -> TokenStream {
    let (krate, creds) = (&plan.ident, example_credentials(plan));
    let var_lines: String = match &plan.server {
        Some(server) => server
            .variables
            .iter()
            .map(|v| format!("    .{}({:?})\n", v.ident, v.default))
            .collect(),
        None => "    .base_url(\"https://api.example.com\")\n".to_owned(),
    };
    doc(&format!(
        "Builds a [`Client`] with settings beyond the defaults: the server (its variables, or a \
         whole base URL), timeouts, the retry policy, the body limit, the user agent and extra \
         TLS roots.\n\n\
         Defaults: connect timeout [`runtime::DEFAULT_CONNECT_TIMEOUT`], request timeout \
         [`runtime::DEFAULT_REQUEST_TIMEOUT`], [`runtime::RetryPolicy::default`], body limit \
         [`runtime::DEFAULT_BODY_LIMIT`], user agent `{}/<version>`.\n\n\
         ```no_run\n\
         use std::time::Duration;\n\
         use {krate}::{{Client, Credentials, RetryPolicy}};\n\n\
         let client = Client::builder(Credentials::{creds})\n\
         {var_lines}    .connect_timeout(Duration::from_secs(5))\n\
         \x20   .timeout(Duration::from_secs(60))\n\
         \x20   .retry(RetryPolicy::default().max_attempts(5))\n\
         \x20   .user_agent(\"my-app/1.0\")\n\
         \x20   .build()?;\n\
         # Ok::<(), {krate}::Error>(())\n\
         ```",
        plan.name
    ))
}
