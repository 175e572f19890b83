//! The lowering of the spec: everything the plan needs to know of the document, after
//! validation, as plain data. References are resolved, each operation's parameters are the ones
//! it sees (path-level merged with its own), statuses are classified, templates are parsed and
//! schemas are in the form the type engine reads. Nothing after validation reads the document.

use serde_json::Value;

pub use crate::path_template::{Part, PathTemplate};

/// A schema in the form the type engine reads (JSON Schema, converted from OpenAPI's dialect).
pub type JsonSchema = schemars::schema::Schema;

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
    /// The document's security requirements: each the credentials (indexes into
    /// `credentials`) one request carries together. One requirement (or none) is the usual case;
    /// several are alternatives, of which the caller gives any one.
    pub requirements: Vec<Vec<usize>>,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// Value forms beyond JSON's own that the API uses (`x-value-forms`).
    pub value_forms: ValueForms,
    /// The component schemas (`components.schemas`), in document order.
    pub schemas: Vec<ComponentSchema>,
    /// The document's tags, in document order.
    pub tags: Vec<Tag>,
}

/// A schema of `components.schemas`.
#[derive(Debug, Clone)]
pub struct ComponentSchema {
    /// Its name under `components.schemas`.
    pub name: String,
    pub schema: JsonSchema,
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
    /// The command of the command-line client generated beside the crate (`cli`), e.g.
    /// `timetrack`; `None`: no command-line client.
    pub cli: Option<String>,
}

/// A tag of the document (`tags`): a group of operations.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
}

/// Where the API is served.
#[derive(Debug, Clone)]
pub struct Server {
    /// URL template without a trailing `/`, e.g. `https://{account}.example.com/api`.
    pub url: PathTemplate,
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
    pub path: PathTemplate,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `tags`, in document order.
    pub tags: Vec<String>,
    /// The parameters the operation sees, in spec order: its path item's, each replaced by the
    /// operation's own of the same name and location, then the operation's others.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// The `Accept` a declared header param with one allowed value fixes.
    pub accept: Option<String>,
    /// The `Content-Type` a declared header param with one allowed value fixes.
    pub content_type: Option<String>,
    /// Every documented response, in document order with `default` last.
    pub responses: Vec<Response>,
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
    /// A cookie: the operation's cookie params travel together in one `Cookie` header.
    Cookie,
    /// A part of a `multipart/form-data` body: the body's properties are given as params are
    /// (only plans have them; the lowering keeps them as the body's [`Property`]s).
    Part,
}

/// A path, query, header or cookie parameter.
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
    /// Its schema.
    pub schema: JsonSchema,
    /// The schema's rules on the value, checked before sending.
    pub rules: Vec<Rule>,
    /// The schema's `default`: what the server assumes when the param is not sent.
    pub default: Option<Value>,
    /// The values the schema allows, as text, when it names them (an `enum`, or a boolean's
    /// `true` and `false`): for help texts.
    pub choices: Vec<String>,
    /// How its value is written (`style`, the location's default when the spec gives none).
    pub style: ParamStyle,
    /// `explode` (`true` for the `form` style when the spec says nothing, else `false`).
    pub explode: bool,
}

/// How a param's value is written: OpenAPI's `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// A rule of the spec on a value (`minimum`, `maximum`, `minLength`, `maxLength`), typed by the
/// schema's type: integer and number bounds, string lengths.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Minimum(Bound),
    Maximum(Bound),
    MinLength(usize),
    MaxLength(usize),
}

/// A number bound, typed like the value it bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Integer(i64),
    Float(f64),
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
    /// Its schema; `None` for text and byte bodies, which are sent as given.
    pub schema: Option<JsonSchema>,
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
    /// `multipart/form-data`: a request body's parts (never an answer's).
    Multipart,
}

impl Media {
    /// The kind of a content type (`multipart/*` is `None`: a request body's
    /// `multipart/form-data` is lowered into parts, and answers in multipart are not read).
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
    /// The Rust name of its argument, setter and mock matcher, e.g. `hour_rate`; `body_<name>`
    /// when a param of the operation has its name (the rule: `names::value_idents`).
    pub ident: String,
    /// Whether the schema requires it.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
    /// An example value from the spec.
    pub example: Option<Value>,
    /// The spec's rules on its value.
    pub rules: Vec<Rule>,
    /// Its schema's `default`: the value an unset optional field is sent with.
    pub default: Option<Value>,
    /// The values its schema allows, as text, when it names them (see [`Param::choices`]).
    pub choices: Vec<String>,
    /// How it is written as a part of a `multipart/form-data` body; `None` in other bodies.
    pub part: Option<BodyPart>,
}

/// A property of a `multipart/form-data` body: one part (or one per item), written as its
/// schema and the body's `encoding` say.
#[derive(Debug, Clone)]
pub struct BodyPart {
    pub kind: PartKind,
    /// The part's content type from `encoding.{name}.contentType`, when it names exactly one
    /// (for a file, the one it is sent with unless the caller gives another).
    pub content_type: Option<String>,
    /// The schema of its value; `None` for files, which the caller gives as bytes or a stream.
    pub schema: Option<JsonSchema>,
}

/// How a multipart body's property is written (OpenAPI's defaults: binary strings are files,
/// other primitives text, objects JSON, arrays their items' way, one part per item).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// One part of text: a string as it is, a number or boolean as JSON writes it.
    Text,
    /// One part of text per item of an array.
    Texts,
    /// One part of JSON.
    Json,
    /// A file: bytes or a stream, with a file name and a content type.
    File,
    /// One file part per item of an array of files.
    Files,
}

/// One documented response of an operation.
#[derive(Debug, Clone)]
pub struct Response {
    /// The statuses its key covers.
    pub status: Status,
    /// What those statuses mean to the client.
    pub role: Role,
    /// Its body, when it documents one (the first content type).
    pub content: Option<Content>,
}

/// The statuses a response key covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Code(u16),
    /// `2XX` is `Class(2)`.
    Class(u16),
    Default,
}

/// What a response means to the client, decided once for every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A 2XX; or `default` when the operation documents no 2XX and no `101` (it then covers
    /// the 2XX statuses).
    Success,
    /// `101 Switching Protocols`: the connection is handed over.
    Upgrade,
    /// A 3XX: followed when it stays on the origin, unless the operation answers only
    /// redirects (then where it points is the answer).
    Redirect,
    /// A 4XX or 5XX, or `default` beside other answers.
    Error,
    /// Anything else (1XX but `101`): documented, neither success nor error body.
    Other,
}

/// A response body.
#[derive(Debug, Clone)]
pub struct Content {
    /// Its content type as the spec writes it.
    pub content_type: String,
    pub media: Media,
    /// Its schema, when it has one.
    pub schema: Option<JsonSchema>,
    /// The other content types the response is documented in, in document order.
    pub other_media: Vec<String>,
}
