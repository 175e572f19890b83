//! What the generator needs to know of the spec, after validation: plain data, no `$ref`s.

use serde_json::Value;

/// The validated description of one API.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The generated crate's package data.
    pub package: Package,
    /// The first server of the document; `None` when it names none (the client then needs a
    /// base URL).
    pub server: Option<Server>,
    /// One credential a request carries in a header, in document order.
    pub credentials: Vec<Credential>,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// Value forms beyond JSON's own that the API uses (`x-value-forms`).
    pub value_forms: ValueForms,
}

/// Value forms the spec declares with the root extension `x-value-forms`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValueForms {
    /// `boolean: [true, false, 1, 0]`: booleans may also arrive as `1`/`0`.
    pub numeric_booleans: bool,
}

/// Package data of the generated crate (from `info.x-rust-crate`, with defaults).
#[derive(Debug, Clone)]
pub struct Package {
    /// Cargo package name, e.g. `timetrack-client`.
    pub name: String,
    /// Cargo package version.
    pub version: String,
    /// Cargo package description.
    pub description: String,
    /// Prefix of the environment variables `Client::from_env` reads, e.g. `TIMETRACK`.
    pub env_prefix: String,
}

impl Api {
    /// The server URL's variables (none without a server).
    pub fn server_variables(&self) -> &[ServerVariable] {
        self.server
            .as_ref()
            .map_or(&[], |server| server.variables.as_slice())
    }
}

impl Package {
    /// The Rust name of the crate, e.g. `timetrack_client`.
    pub fn crate_ident(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// Where the API is served.
#[derive(Debug, Clone)]
pub struct Server {
    /// URL template, e.g. `https://{account}.example.com/api`.
    pub url: String,
    /// The template's variables, in the order they appear in the URL.
    pub variables: Vec<ServerVariable>,
}

/// One `{name}` of the server URL.
#[derive(Debug, Clone)]
pub struct ServerVariable {
    /// Name in the template.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// The spec's default value, used in examples.
    pub default: String,
}

/// A security scheme the client sends in a header on every request.
#[derive(Debug, Clone)]
pub struct Credential {
    /// Name of the scheme in `components.securitySchemes`, e.g. `apiKey`.
    pub scheme: String,
    /// Header that carries it, e.g. `X-TimeTrack-Api-Key` (`Authorization` but for API keys).
    pub header: String,
    /// How its value is made.
    pub kind: CredentialKind,
    /// Its description.
    pub description: Option<String>,
}

/// How a credential's header value is made from what the caller gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    /// `type: apiKey, in: header`: the key itself.
    ApiKey,
    /// `type: http, scheme: basic`: `Basic` and the base64 of `username:password`.
    Basic,
    /// `type: http, scheme: bearer`, or `type: oauth2` (an access token the caller's OAuth 2
    /// flow obtained, presented as RFC 6750 says): `Bearer` and the token.
    Bearer,
}

impl Credential {
    /// The snake-case names of the values the caller gives for it (arguments of
    /// `Credentials::new`): the scheme's name, or for HTTP basic `{scheme}_username` and
    /// `{scheme}_password`.
    pub fn values(&self) -> Vec<String> {
        let name = crate::names::snake(&self.scheme);
        match self.kind {
            CredentialKind::ApiKey | CredentialKind::Bearer => vec![name],
            CredentialKind::Basic => vec![format!("{name}_username"), format!("{name}_password")],
        }
    }
}

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// Upper-case name, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// Parses the lower-case key used in a path item.
    pub fn from_key(key: &str) -> Option<Method> {
        Some(match key {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            "trace" => Method::Trace,
            _ => return None,
        })
    }
}

/// One operation: a method on a path.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId`, e.g. `list_tasks`.
    pub id: String,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/tasks/{id}`.
    pub path: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Path and query parameters, in spec order (path-item parameters first).
    pub params: Vec<Param>,
    /// The JSON request body, if any.
    pub body: Option<Body>,
    /// How the operation pages its results (`x-paged`), if it does.
    pub paging: Option<Paging>,
}

/// A list operation that returns its items in pages (vendor extension `x-paged`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// The query param that picks the page, counted from 0.
    pub page: String,
    /// The query param that sets the page size.
    pub size: String,
    /// The largest page size (the size param's `maximum`), used when the caller sets none.
    pub max_size: i64,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
    Header,
}

/// A path or query parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name on the wire.
    pub name: String,
    /// Where it travels.
    pub location: ParamIn,
    /// Whether the spec requires it.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
    /// An example value from the spec.
    pub example: Option<Value>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// Its content type as the spec writes it, e.g. `application/json`.
    pub content_type: String,
    /// How it is encoded.
    pub media: Media,
    /// Whether the spec requires a body (`requestBody.required`).
    pub required: bool,
    /// The properties of the body object, in spec order; empty when the body is not an object.
    pub properties: Vec<Property>,
    /// Example of the whole body, from the spec.
    pub example: Option<Value>,
    /// Description of the body schema.
    pub description: Option<String>,
}

/// How a body travels, by its content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// `application/json`, with parameters or a `+json` suffix.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `text/*`.
    Text,
    /// Anything else (`application/octet-stream`, `*/*`, images, …): bytes.
    Bytes,
}

impl Media {
    /// The kind of a content type (`multipart/*` is `None`: not supported).
    pub fn of(content_type: &str) -> Option<Media> {
        let media = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        Some(
            if media == "application/json"
                || (media.starts_with("application/") && media.ends_with("+json"))
            {
                Media::Json
            } else if media == "application/x-www-form-urlencoded" {
                Media::Form
            } else if media.starts_with("text/") {
                Media::Text
            } else if media.starts_with("multipart/") {
                return None;
            } else {
                Media::Bytes
            },
        )
    }
}

/// A property of a request body object.
#[derive(Debug, Clone)]
pub struct Property {
    /// Name in JSON, e.g. `hourRate`.
    pub name: String,
    /// Whether the schema requires it.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
    /// An example value from the spec.
    pub example: Option<Value>,
}
