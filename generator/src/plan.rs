//! Step 4: one plan per operation. Every decision about an operation (its arguments and setters,
//! their Rust types and how they are taken, its path, query and body, which answers are success
//! and which carry the error body, paging, the examples in its docs) is made here, once, from the
//! validated model and the type engine's type ids. Renderers only read plans.

use openapiv3::{OpenAPI, Parameter, ReferenceOr, Schema, StatusCode};
use proc_macro2::{Ident, TokenStream};
use quote::format_ident;
use serde_json::Value;
use typify::TypeId;

use crate::error::{Error, Result};
use crate::model::{self, Api, Media, Method, ParamIn};
use crate::names;
use crate::spec;
use crate::types::{Field, RustType, Shape, TypeCrates, Types};

/// Names a request builder uses for itself (its `client` and `body` fields, its `send`,
/// `send_with_response`, `upgrade`, `upgrade_with_response` and `stream` methods) and a mock's
/// `when` besides the params (`body`, `credentials`), so no param or body field may take them.
pub(crate) const BUILDER_OWN_NAMES: &[&str] = &[
    "client",
    "body",
    "send",
    "send_with_response",
    "upgrade",
    "upgrade_with_response",
    "stream",
    "credentials",
];

/// The Rust name of a param or body field (an argument, setter and mock matcher): its snake
/// case, with `_param` appended when it would be one of [`BUILDER_OWN_NAMES`] (`stream` →
/// `stream_param`), so a spec's names never collide with the generated methods. Range filters
/// keep their comparison: `DateCreated<` → `date_created_lt`, `DateCreated>` → `date_created_gt`.
pub(crate) fn value_ident(name: &str) -> String {
    let spelled = name.replace('<', "_lt_").replace('>', "_gt_");
    let ident = names::snake(&spelled);
    if BUILDER_OWN_NAMES.contains(&ident.as_str()) {
        format!("{ident}_param")
    } else {
        ident
    }
}

/// The plan of the whole crate.
pub(crate) struct ApiPlan<'a> {
    /// The validated description (package, server, credentials, docs).
    pub api: &'a Api,
    /// One plan per operation, in document order.
    pub operations: Vec<OperationPlan>,
    /// The error body every operation shares, when the spec documents one.
    pub error_body: Option<RustType>,
    /// The items of the `types` module.
    pub types: TokenStream,
    /// Crates the types need.
    pub crates: TypeCrates,
    /// Every named type of the `types` module and what it is made of.
    pub named_types: Vec<(String, crate::types::NamedType)>,
    /// Type name → the component schema it is made from.
    pub schema_names: std::collections::BTreeMap<String, String>,
}

/// Everything the renderers need to know of one operation.
pub(crate) struct OperationPlan {
    /// `operationId`.
    pub id: String,
    /// The `Client` method, e.g. `read_task`.
    pub method_ident: Ident,
    /// The request builder, e.g. `ReadTask`.
    pub builder_ident: Ident,
    pub method: Method,
    /// Path template, e.g. `/tasks/{id}`.
    pub path: String,
    /// The template cut into literal text and path params.
    pub path_parts: Vec<PathPart>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Path params, then query params, each in spec order.
    pub params: Vec<ParamPlan>,
    pub body: Option<BodyPlan>,
    /// Statuses that are success.
    pub success: Vec<StatusMatch>,
    /// The decoded success body; `None` when success carries none. The upgraded connection
    /// when [`upgrade`](Self::upgrade).
    pub answer: Option<RustType>,
    /// Success is `101 Switching Protocols`: the builder's `upgrade(protocol)` takes the place
    /// of `send()` and answers with the connection.
    pub upgrade: bool,
    /// How the success body travels (JSON when there is none).
    pub answer_media: Media,
    /// The `Accept` header: the success body's content type, else JSON (for error bodies).
    pub accept: String,
    /// Statuses answered with the shared error body.
    pub errors: Vec<StatusMatch>,
    pub paging: Option<PagingPlan>,
}

/// A piece of a path template.
pub(crate) enum PathPart {
    Literal(String),
    Param(Ident),
}

/// A value the caller gives: a param, a body field or a whole body.
pub(crate) struct Input {
    pub ident: Ident,
    /// The type the builder stores.
    pub ty: RustType,
    /// Whether the argument or setter takes `impl Into<String>` instead of the type itself.
    pub into_string: bool,
    pub description: Option<String>,
    /// A Rust expression for the docs' examples.
    pub example: String,
}

/// A path or query parameter.
pub(crate) struct ParamPlan {
    /// Name on the wire.
    pub wire: String,
    /// The schema's `default`: what the server assumes when the param is not sent.
    pub default: Option<Value>,
    /// The spec's rules on its value, checked before sending.
    pub rules: Vec<Rule>,
    pub location: ParamIn,
    /// Required params are arguments of the `Client` method; the others are setters.
    pub required: bool,
    pub input: Input,
}

/// The JSON request body.
pub(crate) struct BodyPlan {
    pub ty: RustType,
    /// How it travels, and its content type as the spec writes it.
    pub media: Media,
    pub content_type: String,
    pub kind: BodyKind,
    /// The spec's example of the whole body.
    pub example: Option<Value>,
    /// The spec does not require a body and none of its fields is required: a body with no
    /// field set is not sent.
    pub skip_when_empty: bool,
}

/// How the caller gives the body.
pub(crate) enum BodyKind {
    /// An object: required fields are arguments, the others setters.
    Fields(Vec<FieldPlan>),
    /// Anything else: one argument.
    Whole(Input),
    /// Anything else, when the spec does not require a body: the setter `body`; none is sent
    /// unless it is set.
    OptionalWhole(Input),
}

/// A field of an object body.
pub(crate) struct FieldPlan {
    /// Name in JSON.
    pub wire: String,
    /// The body struct's field (the setter is `input.ident`, renamed if it would collide).
    pub field: Ident,
    /// The spec's rules on its value, checked before sending.
    pub rules: Vec<Rule>,
    pub required: bool,
    /// Whether the struct field is an `Option`.
    pub is_option: bool,
    pub input: Input,
}

/// A rule of the spec on a value, checked before a request is sent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    Minimum(Bound),
    Maximum(Bound),
    MinLength(usize),
    MaxLength(usize),
}

/// A number bound, typed like the value it bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Bound {
    Integer(i64),
    Float(f64),
}

/// The rules `schema` sets on a value of shape `shape` (none for other shapes: their types
/// carry their rules themselves).
fn rules(schema: Option<&Schema>, shape: &Shape) -> Vec<Rule> {
    use openapiv3::{SchemaKind, Type};
    let Some(schema) = schema else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match (&schema.schema_kind, shape) {
        (SchemaKind::Type(Type::Integer(int)), Shape::Integer { .. } | Shape::NonZero) => {
            let bound = Bound::Integer;
            out.extend(
                int.minimum
                    .filter(|_| !int.exclusive_minimum)
                    .map(|n| Rule::Minimum(bound(n))),
            );
            out.extend(
                int.maximum
                    .filter(|_| !int.exclusive_maximum)
                    .map(|n| Rule::Maximum(bound(n))),
            );
        }
        (SchemaKind::Type(Type::Number(num)), Shape::Float) => {
            let bound = Bound::Float;
            out.extend(
                num.minimum
                    .filter(|_| !num.exclusive_minimum)
                    .map(|n| Rule::Minimum(bound(n))),
            );
            out.extend(
                num.maximum
                    .filter(|_| !num.exclusive_maximum)
                    .map(|n| Rule::Maximum(bound(n))),
            );
        }
        (SchemaKind::Type(Type::String(text)), Shape::String) => {
            out.extend(text.min_length.map(Rule::MinLength));
            out.extend(text.max_length.map(Rule::MaxLength));
        }
        _ => {}
    }
    out
}

/// How a list operation pages (`x-paged`).
pub(crate) struct PagingPlan {
    pub page: Ident,
    pub size: Ident,
    pub page_name: String,
    pub size_name: String,
    pub max: i64,
    /// The page size the server uses when none is sent (the size param's `default`, else `max`).
    pub default_size: i64,
    /// The type of one item.
    pub item: RustType,
}

/// Statuses a response key covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusMatch {
    Code(u16),
    /// `2XX` is `Class(2)`.
    Class(u16),
    Default,
}

impl ApiPlan<'_> {
    /// Whether the operations' code names a type of the `types` module.
    pub fn operations_name_types(&self) -> bool {
        let mut types = self.operations.iter().flat_map(OperationPlan::types);
        types.any(|ty| ty.names_types)
    }

    /// Whether the `Client` methods name a type of the `types` module (in an argument, or the
    /// body they build).
    pub fn client_methods_name_types(&self) -> bool {
        self.operations.iter().any(|op| {
            op.arguments().any(|input| input.ty.names_types)
                || op.body.as_ref().is_some_and(|body| body.ty.names_types)
        })
    }

    /// Whether the shared error body is a type of the `types` module.
    pub fn error_names_types(&self) -> bool {
        self.error_body.as_ref().is_some_and(|ty| ty.names_types)
    }
}

impl OperationPlan {
    /// Every type the operation's code names.
    fn types(&self) -> Vec<&RustType> {
        let params = self.params.iter().map(|p| &p.input.ty);
        let body = self.body.iter().map(|b| &b.ty);
        params.chain(body).chain(self.answer.iter()).collect()
    }

    /// The `Client` method's arguments, in order: required params, then the body's required
    /// fields (or the whole body).
    pub fn arguments(&self) -> impl Iterator<Item = &Input> {
        let params = self.params.iter().filter(|p| p.required).map(|p| &p.input);
        params.chain(self.body.iter().flat_map(|body| body.kind.required()))
    }

    /// The required path and query params, which the builder stores.
    pub fn required_params(&self) -> impl Iterator<Item = &Input> {
        self.params.iter().filter(|p| p.required).map(|p| &p.input)
    }

    /// The optional path and query params, which the builder stores as `Option`s.
    pub fn optional_params(&self) -> impl Iterator<Item = &Input> {
        self.params.iter().filter(|p| !p.required).map(|p| &p.input)
    }

    /// The optional whole body, set with the builder's `body`.
    pub fn optional_body(&self) -> Option<&Input> {
        match self.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::OptionalWhole(input)) => Some(input),
            _ => None,
        }
    }

    /// The body's optional fields, set on the builder's body.
    pub fn body_setters(&self) -> impl Iterator<Item = &FieldPlan> {
        let fields = match self.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Fields(fields)) => fields.as_slice(),
            _ => &[],
        };
        fields.iter().filter(|f| !f.required)
    }
}

impl BodyKind {
    fn required(&self) -> Vec<&Input> {
        match self {
            BodyKind::Fields(fields) => fields
                .iter()
                .filter(|f| f.required)
                .map(|f| &f.input)
                .collect(),
            BodyKind::Whole(input) => vec![input],
            BodyKind::OptionalWhole(_) => Vec::new(),
        }
    }
}

/// Plans every operation of `api`, typing them with the engine.
pub(crate) fn plan<'a>(path: &std::path::Path, doc: &OpenAPI, api: &'a Api) -> Result<ApiPlan<'a>> {
    let mut types = Types::new(doc).map_err(|message| Error::Engine {
        path: path.to_path_buf(),
        operation: None,
        message: format!("the type engine failed on the component schemas: {message}"),
    })?;
    let mut operations = Vec::new();
    let mut error_ids: Vec<(TypeId, String)> = Vec::new();
    for op in &api.operations {
        let mut planner = Planner {
            path,
            krate: api.package.crate_ident(),
            doc,
            op,
            types: &mut types,
        };
        let (plan, error_id) = planner.operation()?;
        if let Some(id) = error_id {
            error_ids.push((id, op.id.clone()));
        }
        operations.push(plan);
    }
    let error_body = shared_error_body(path, &types, &error_ids)?;
    let named_types = types.named_types().map_err(|message| Error::Engine {
        path: path.to_path_buf(),
        operation: None,
        message: format!("internal error (a generator bug, please report it): {message}"),
    })?;
    let schema_names = doc
        .components
        .iter()
        .flat_map(|c| c.schemas.keys())
        .map(|name| (names::pascal(name), name.clone()))
        .collect();
    Ok(ApiPlan {
        api,
        operations,
        error_body,
        types: types
            .module(api.value_forms.numeric_booleans)
            .map_err(|message| Error::Engine {
                path: path.to_path_buf(),
                operation: None,
                message: format!("internal error (a generator bug, please report it): {message}"),
            })?,
        crates: types.crates(),
        named_types,
        schema_names,
    })
}

/// The one error body type (validation made sure every error response names the same schema).
fn shared_error_body(
    path: &std::path::Path,
    types: &Types,
    ids: &[(TypeId, String)],
) -> Result<Option<RustType>> {
    let Some((first, _)) = ids.first() else {
        return Ok(None);
    };
    if let Some((_, op)) = ids.iter().find(|(id, _)| id != first) {
        return Err(internal(
            path,
            op,
            "its error body is not the type the other operations share",
        ));
    }
    types
        .rust_type(first)
        .map(Some)
        .map_err(|message| internal(path, &ids[0].1, &message))
}

/// A mismatch between the validated model and the type engine: a bug of the generator.
fn internal(path: &std::path::Path, operation: &str, message: &str) -> Error {
    Error::Engine {
        path: path.to_path_buf(),
        operation: Some(operation.to_owned()),
        message: format!(
            "internal error (a generator bug, please report it): the plan and the type engine disagree: {message}"
        ),
    }
}

/// Plans one operation.
struct Planner<'p, 'd> {
    path: &'p std::path::Path,
    /// The generated crate's name, for paths in examples.
    krate: String,
    doc: &'d OpenAPI,
    op: &'d model::Operation,
    types: &'p mut Types,
}

impl Planner<'_, '_> {
    fn operation(&mut self) -> Result<(OperationPlan, Option<TypeId>)> {
        let op = self.op;
        let node = spec::operation(self.doc, &op.path, &op.method.as_str().to_ascii_lowercase())
            .ok_or_else(|| self.bug("its node is missing from the document"))?;
        let item = spec::path_item(self.doc, &op.path)
            .ok_or_else(|| self.bug("its path item is missing from the document"))?;
        let nodes: Vec<&Parameter> = spec::parameters(self.doc, item, node).collect();
        let params = self.params(&nodes)?;
        let body = self.body(node)?;
        let responses = self.responses(node)?;
        let paging = self.paging(responses.answer.as_ref(), &params)?;
        let plan = OperationPlan {
            id: op.id.clone(),
            method_ident: format_ident!("{}", names::snake(&op.id)),
            builder_ident: format_ident!("{}", names::pascal(&op.id)),
            method: op.method,
            path: op.path.clone(),
            path_parts: path_parts(&op.path),
            summary: op.summary.clone(),
            description: op.description.clone(),
            params,
            body,
            success: responses.success,
            answer: responses.answer,
            upgrade: responses.upgrade,
            answer_media: responses.media,
            accept: responses.accept,
            errors: responses.errors,
            paging,
        };
        Ok((plan, responses.error_id))
    }

    fn bug(&self, message: &str) -> Error {
        internal(self.path, &self.op.id, message)
    }

    fn add(&mut self, schema: &ReferenceOr<Schema>, name: &str) -> Result<TypeId> {
        self.types
            .add(schema, name)
            .map_err(|message| Error::Engine {
                path: self.path.to_path_buf(),
                operation: Some(self.op.id.clone()),
                message: format!("the engine failed on this spec: {message}"),
            })
    }

    fn rust_type(&self, id: &TypeId) -> Result<RustType> {
        self.types
            .rust_type(id)
            .map_err(|message| self.bug(&message))
    }

    /// Path params, then query params, in spec order.
    fn params(&mut self, nodes: &[&Parameter]) -> Result<Vec<ParamPlan>> {
        let mut out = Vec::new();
        for location in [ParamIn::Path, ParamIn::Query, ParamIn::Header] {
            let params = self.op.params.iter().filter(|p| p.location == location);
            for param in params {
                out.push(self.param(param, nodes)?);
            }
        }
        Ok(out)
    }

    fn param(&mut self, param: &model::Param, nodes: &[&Parameter]) -> Result<ParamPlan> {
        let schema = nodes
            .iter()
            .map(|node| node.parameter_data_ref())
            .find(|data| data.name == param.name)
            .and_then(|data| match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => Some(schema),
                openapiv3::ParameterSchemaOrContent::Content(_) => None,
            })
            .ok_or_else(|| self.bug(&format!("param `{}` has no schema", param.name)))?;
        let id = self.add(schema, &format!("{}-{}", self.op.id, param.name))?;
        let ty = self.rust_type(&id)?;
        // A nullable query param is optional whatever `required` says; its setter takes the
        // type inside the `Option`.
        let (ty, required) = match ty.shape {
            Shape::Option(inner) => (*inner, false),
            _ => (ty, param.required),
        };
        let resolved = spec::resolve_schema(self.doc, schema);
        let rules = rules(resolved, &ty.shape);
        let default = resolved.and_then(|s| s.schema_data.default.clone());
        let input = input(Given {
            ident: &value_ident(&param.name),
            ty,
            description: param.description.clone(),
            example: param.example.as_ref(),
            krate: &self.krate,
        });
        Ok(ParamPlan {
            wire: param.name.clone(),
            default,
            rules,
            location: param.location,
            required,
            input,
        })
    }
}

/// What an [`Input`] is made from.
struct Given<'a> {
    ident: &'a str,
    ty: RustType,
    description: Option<String>,
    example: Option<&'a Value>,
    /// The generated crate's name, for paths in examples.
    krate: &'a str,
}

/// A caller-given value: strings are taken as `impl Into<String>`.
fn input(given: Given<'_>) -> Input {
    Input {
        ident: format_ident!("{}", given.ident),
        into_string: matches!(given.ty.shape, Shape::String),
        example: example_literal(&given.ty, given.example, given.krate),
        ty: given.ty,
        description: given.description,
    }
}

/// A Rust expression for an example value of a type, from the spec's example where it fits:
/// a literal, an enum's variant, the example as JSON, or `todo!()`.
fn example_literal(ty: &RustType, example: Option<&Value>, krate: &str) -> String {
    match &ty.shape {
        Shape::String => match example {
            Some(Value::String(s)) => format!("{s:?}"),
            _ => "\"text\"".to_owned(),
        },
        Shape::Float => match example.and_then(Value::as_f64) {
            Some(n) => format!("{n:?}"),
            None => "1.0".to_owned(),
        },
        Shape::Integer { signed } => match example.and_then(Value::as_i64) {
            Some(n) if *signed || n >= 0 => n.to_string(),
            _ => "1".to_owned(),
        },
        Shape::NonZero => {
            let n = example
                .and_then(Value::as_u64)
                .filter(|n| *n > 0)
                .unwrap_or(1);
            format!(
                "{}::new({n}).unwrap()",
                ty.tokens.to_string().replace(' ', "")
            )
        }
        Shape::Bool => match example.and_then(Value::as_bool) {
            Some(b) => b.to_string(),
            None => "true".to_owned(),
        },
        Shape::Enum {
            unit_variant: Some(variant),
        } => format!(
            "{krate}::{}::{variant}",
            ty.tokens.to_string().replace(' ', "")
        ),
        _ => match example {
            Some(json) => format!("serde_json::from_value(serde_json::json!({json})).unwrap()"),
            None => "todo!()".to_owned(),
        },
    }
}

/// `/tasks/{id}` → `/tasks/`, `id`.
fn path_parts(template: &str) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..open + close];
        parts.push(PathPart::Param(format_ident!("{}", value_ident(name))));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    parts
}

/// The body's fields, matched to the spec's properties in spec order.
fn field_plans<'a>(
    properties: &[model::Property],
    fields: &[Field],
    schemas: &dyn Fn(&str) -> Option<&'a Schema>,
    krate: &str,
) -> std::result::Result<Vec<FieldPlan>, String> {
    let mut out = Vec::new();
    for property in properties {
        let ident = names::snake(&property.name);
        let field = fields
            .iter()
            .find(|f| f.ident == ident)
            .ok_or_else(|| format!("the body type has no field for `{}`", property.name))?;
        out.push(FieldPlan {
            wire: property.name.clone(),
            field: format_ident!("{}", field.ident),
            rules: rules(schemas(&property.name), &field.value.shape),
            required: property.required && field.required,
            is_option: field.is_option,
            input: input(Given {
                ident: &value_ident(&property.name),
                ty: field.value.clone(),
                description: property.description.clone(),
                example: property.example.as_ref(),
                krate,
            }),
        });
    }
    Ok(out)
}

/// What the responses of an operation decide.
struct Responses {
    success: Vec<StatusMatch>,
    answer: Option<RustType>,
    upgrade: bool,
    media: Media,
    accept: String,
    errors: Vec<StatusMatch>,
    error_id: Option<TypeId>,
}

impl Planner<'_, '_> {
    fn body(&mut self, node: &openapiv3::Operation) -> Result<Option<BodyPlan>> {
        let (Some(model_body), Some(body)) = (&self.op.body, &node.request_body) else {
            return Ok(None);
        };
        let (media, content_type) = (model_body.media, model_body.content_type.clone());
        if let Some(ty) = match media {
            Media::Text => Some(RustType::string()),
            Media::Bytes => Some(RustType::bytes()),
            Media::Json | Media::Form => None,
        } {
            let whole = self.whole_body(model_body, ty.clone());
            return Ok(Some(BodyPlan {
                ty,
                media,
                content_type,
                kind: whole,
                example: None,
                skip_when_empty: false,
            }));
        }
        let schema = spec::resolve_body(self.doc, body)
            .and_then(|body| body.content.values().next())
            .and_then(|media| media.schema.as_ref())
            .ok_or_else(|| self.bug("the request body has no schema"))?;
        let id = self.add(schema, &format!("{}-body", self.op.id))?;
        let ty = self.rust_type(&id)?;
        let fields = self.types.fields(&id).map_err(|m| self.bug(&m))?;
        let kind = match fields {
            Some(fields) if !model_body.properties.is_empty() => {
                let doc = self.doc;
                let schemas = |name: &str| spec::property_schema(doc, schema, name);
                let plans = field_plans(&model_body.properties, &fields, &schemas, &self.krate);
                BodyKind::Fields(plans.map_err(|m| self.bug(&m))?)
            }
            _ => self.whole_body(model_body, ty.clone()),
        };
        // An optional body whose fields are all optional is sent only when one is set; one with
        // required fields is always sent, since its required fields are arguments.
        let skip_when_empty = !model_body.required
            && matches!(&kind, BodyKind::Fields(fields) if fields.iter().all(|f| !f.required));
        Ok(Some(BodyPlan {
            ty,
            media,
            content_type,
            kind,
            example: model_body.example.clone(),
            skip_when_empty,
        }))
    }

    /// A body given whole: one argument, or the setter `body` when the spec does not require it.
    fn whole_body(&self, model_body: &model::Body, ty: RustType) -> BodyKind {
        let input = input(Given {
            ident: "body",
            ty,
            description: model_body.description.clone(),
            example: model_body.example.as_ref(),
            krate: &self.krate,
        });
        if model_body.required {
            BodyKind::Whole(input)
        } else {
            BodyKind::OptionalWhole(input)
        }
    }

    fn responses(&mut self, node: &openapiv3::Operation) -> Result<Responses> {
        let mut out = Responses {
            success: Vec::new(),
            answer: None,
            upgrade: false,
            media: Media::Json,
            accept: "application/json".to_owned(),
            errors: Vec::new(),
            error_id: None,
        };
        let keyed = node.responses.default.iter().map(|r| (None, r));
        let keyed = keyed.chain(node.responses.responses.iter().map(|(k, r)| (Some(k), r)));
        let mut answer_id: Option<TypeId> = None;
        for (key, response) in keyed {
            let status = status_match(key);
            let content =
                spec::resolve_response(self.doc, response).and_then(|r| r.content.first());
            let schema = content.and_then(|(_, media)| media.schema.as_ref());
            if key.is_some_and(spec::is_upgrade) {
                // A 101 has no body; what follows is the other protocol's.
                out.success.push(status);
                out.upgrade = true;
                out.answer = Some(RustType::upgraded());
            } else if key.is_some_and(spec::is_success) || spec::default_is_the_answer(node, key) {
                // A `default` that is the answer covers the 2XX statuses only.
                let covers = if key.is_none() {
                    StatusMatch::Class(2)
                } else {
                    status
                };
                out.success.push(covers);
                let Some((content_type, _)) = content else {
                    continue;
                };
                out.media = Media::of(content_type).unwrap_or(Media::Bytes);
                out.accept = content_type.clone();
                match (out.media, schema) {
                    (Media::Text, _) => out.answer = Some(RustType::string()),
                    (Media::Bytes | Media::Form, _) => out.answer = Some(RustType::bytes()),
                    (Media::Json, Some(schema)) => {
                        let id = self.add(schema, &format!("{}-response", self.op.id))?;
                        if answer_id.as_ref().is_some_and(|known| *known != id) {
                            return Err(self.bug("its success answers have different types"));
                        }
                        answer_id = Some(id);
                    }
                    (Media::Json, None) => {}
                }
            } else if let Some(schema) = schema.filter(|_| spec::is_error(key)) {
                out.errors.push(status);
                out.error_id = Some(self.add(schema, &format!("{}-response", self.op.id))?);
            }
        }
        if out.success.is_empty() {
            out.success.push(StatusMatch::Class(2));
        }
        if let Some(id) = answer_id {
            out.answer = Some(self.rust_type(&id)?);
        }
        Ok(out)
    }

    fn paging(
        &self,
        answer: Option<&RustType>,
        params: &[ParamPlan],
    ) -> Result<Option<PagingPlan>> {
        let Some(paging) = &self.op.paging else {
            return Ok(None);
        };
        let Some(Shape::Vec(item)) = answer.map(|a| &a.shape) else {
            return Err(self.bug("a paged operation must answer a JSON array"));
        };
        Ok(Some(PagingPlan {
            page: format_ident!("{}", value_ident(&paging.page)),
            size: format_ident!("{}", value_ident(&paging.size)),
            page_name: paging.page.clone(),
            size_name: paging.size.clone(),
            max: paging.max_size,
            default_size: params
                .iter()
                .find(|p| p.wire == paging.size)
                .and_then(|p| p.default.as_ref()?.as_i64())
                .unwrap_or(paging.max_size),
            item: (**item).clone(),
        }))
    }
}

/// The statuses a response key covers (`None` is `default`).
fn status_match(key: Option<&StatusCode>) -> StatusMatch {
    match key {
        Some(StatusCode::Code(code)) => StatusMatch::Code(*code),
        Some(StatusCode::Range(class)) => StatusMatch::Class(*class),
        None => StatusMatch::Default,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates_are_cut_into_text_and_params() {
        let parts = path_parts("/tasks/{id}/notes/{noteId}");
        let shown: Vec<String> = parts
            .iter()
            .map(|p| match p {
                PathPart::Literal(text) => text.clone(),
                PathPart::Param(ident) => format!("<{ident}>"),
            })
            .collect();
        assert_eq!(shown, ["/tasks/", "<id>", "/notes/", "<note_id>"]);
    }

    #[test]
    fn examples_fit_their_type() {
        let of = |shape: Shape| RustType {
            tokens: quote::quote!(types::Color),
            shape,
            names_types: false,
            desc: crate::types::TypeRef::Named("Color".to_owned()),
        };
        let example =
            |shape: Shape, json: Option<Value>| example_literal(&of(shape), json.as_ref(), "api");
        let int = || Shape::Integer { signed: false };
        assert_eq!(example(int(), Some(serde_json::json!(-3))), "1");
        assert_eq!(example(int(), Some(serde_json::json!(7))), "7");
        assert_eq!(
            example(Shape::String, Some(serde_json::json!("Dev"))),
            "\"Dev\""
        );
        assert_eq!(example(Shape::Float, None), "1.0");
        let red = Shape::Enum {
            unit_variant: Some("Red".to_owned()),
        };
        assert_eq!(example(red, None), "api::types::Color::Red");
        assert_eq!(example(Shape::Other, None), "todo!()");
        assert_eq!(
            example(Shape::Named, Some(serde_json::json!({"a": 1}))),
            "serde_json::from_value(serde_json::json!({\"a\":1})).unwrap()"
        );
    }

    #[test]
    fn engine_panics_become_errors_naming_the_operation() {
        // Validation reports a missing schema before planning; here the plan is made against
        // such a document directly, to show that the engine's panic is caught and blamed.
        let spec_path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/timetrack.yaml");
        let source = std::fs::read_to_string(spec_path).unwrap();
        let good = crate::load::load_str(std::path::Path::new("spec.yaml"), &source).unwrap();
        let api = crate::validate::validate(&good.document).unwrap();
        let broken = source.replace(
            "$ref: \"#/components/schemas/TaskUpdate\"",
            "$ref: \"#/components/schemas/Nope\"",
        );
        let broken = crate::load::load_str(std::path::Path::new("spec.yaml"), &broken).unwrap();
        let Err(err) = plan(&broken.path, &broken.document, &api) else {
            panic!("the engine accepted a dangling $ref")
        };
        assert_eq!(
            err.to_string(),
            "spec.yaml: operation `update_task`: the engine failed on this spec: $ref #/components/schemas/Nope is missing"
        );
    }

    #[test]
    fn value_names_avoid_the_builders_own_and_keep_range_comparisons() {
        assert_eq!(value_ident("stream"), "stream_param");
        assert_eq!(value_ident("hourRate"), "hour_rate");
        assert_eq!(value_ident("DateCreated<"), "date_created_lt");
        assert_eq!(value_ident("DateCreated>"), "date_created_gt");
        assert_eq!(value_ident("DateCreated"), "date_created");
    }

    #[test]
    fn response_keys_become_status_matches() {
        assert_eq!(
            status_match(Some(&StatusCode::Code(201))),
            StatusMatch::Code(201)
        );
        assert_eq!(
            status_match(Some(&StatusCode::Range(4))),
            StatusMatch::Class(4)
        );
        assert_eq!(status_match(None), StatusMatch::Default);
    }
}
