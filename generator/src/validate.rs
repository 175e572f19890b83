//! Step 2: check the document for everything the engine and the extras need, and report all
//! problems at once, before any code is generated. The result is the plain [`Api`] model.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase};
use openapiv3::{
    APIKeyLocation, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody,
    Response, Schema, SchemaKind, SecurityScheme, StatusCode, Type,
};
use serde_json::Value;

use crate::error::{Location, Problem};
use crate::model::{
    Api, Body, Credential, Method, Operation, Package, Paging, Param, ParamIn, Property, Server,
    ServerVariable,
};
use crate::names;

/// Collects problems; each names the place in the document.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            location: Location {
                pointer: pointer.into(),
                line_column: None,
            },
            message: message.into(),
        });
    }
}

/// Validates `doc` and returns the model the extras are generated from, or every problem found.
pub fn validate(doc: &OpenAPI) -> Result<Api, Vec<Problem>> {
    let mut problems = Problems::default();
    check_refs(doc, &mut problems);
    let package = package(doc, &mut problems);
    let server = server(doc, &mut problems);
    let credentials = credentials(doc, &mut problems);
    let operations = operations(doc, &mut problems);
    check_error_bodies(doc, &mut problems);
    check_schemas(doc, &mut problems);
    if problems.0.is_empty() {
        Ok(Api {
            title: doc.info.title.clone(),
            description: doc.info.description.clone(),
            package,
            server: server.expect("a server is present when there are no problems"),
            credentials,
            operations,
        })
    } else {
        Err(problems.0)
    }
}

/// Every `$ref` must be local (`#/…`) and point at something that exists.
fn check_refs(doc: &OpenAPI, problems: &mut Problems) {
    let Ok(tree) = serde_json::to_value(doc) else {
        problems.add("", "the document cannot be represented as JSON");
        return;
    };
    let mut found = Vec::new();
    collect_refs(&tree, &mut String::new(), &mut found);
    for (pointer, target) in found {
        match target.strip_prefix('#') {
            Some(local) if tree.pointer(local).is_some() => {}
            Some(_) => problems.add(
                pointer,
                format!("`$ref: {target}` points at nothing; define it or fix the reference"),
            ),
            None => problems.add(
                pointer,
                format!("`$ref: {target}` is not a reference into this document (`#/…`); external references are not supported"),
            ),
        }
    }
}

fn collect_refs(value: &Value, pointer: &mut String, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                found.push((format!("{pointer}.$ref"), target.clone()));
            }
            for (key, child) in map {
                let len = pointer.len();
                if !pointer.is_empty() {
                    pointer.push('.');
                }
                pointer.push_str(key);
                collect_refs(child, pointer, found);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("[{index}]"));
                collect_refs(child, pointer, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn package(doc: &OpenAPI, problems: &mut Problems) -> Package {
    let title = doc.info.title.trim();
    let mut package = Package {
        name: format!("{}-client", title.to_snake_case().replace('_', "-")),
        version: "0.1.0".to_owned(),
        description: format!("Typed client for the {title} API."),
        env_prefix: title.to_shouty_snake_case(),
    };
    let pointer = "info.x-rust-crate";
    match doc.info.extensions.get("x-rust-crate") {
        None => {}
        Some(Value::Object(map)) => {
            for (key, value) in map {
                let Some(text) = value.as_str() else {
                    problems.add(format!("{pointer}.{key}"), "expected a string".to_owned());
                    continue;
                };
                match key.as_str() {
                    "name" => package.name = text.to_owned(),
                    "version" => package.version = text.to_owned(),
                    "description" => package.description = text.to_owned(),
                    "env-prefix" => package.env_prefix = text.to_owned(),
                    other => problems.add(
                        format!("{pointer}.{other}"),
                        "unknown key; expected one of name, version, description, env-prefix",
                    ),
                }
            }
        }
        Some(_) => problems.add(
            pointer,
            "expected a mapping with name, version, description, env-prefix",
        ),
    }
    let valid_name = package
        .name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && package
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid_name {
        problems.add(
            format!("{pointer}.name"),
            format!(
                "{:?} is not a valid crate name (letters, digits, `-` and `_`, starting with a letter)",
                package.name
            ),
        );
    }
    let valid_prefix = !package.env_prefix.is_empty()
        && package
            .env_prefix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if !valid_prefix {
        problems.add(
            format!("{pointer}.env-prefix"),
            format!(
                "{:?} is not a valid environment variable prefix (A-Z, 0-9 and `_`)",
                package.env_prefix
            ),
        );
    }
    package
}

fn server(doc: &OpenAPI, problems: &mut Problems) -> Option<Server> {
    let Some(first) = doc.servers.first() else {
        problems.add(
            "servers",
            "no server is given; add `servers: [{url: https://…}]` so the client knows where to send requests",
        );
        return None;
    };
    let pointer = "servers[0]";
    let (names, closed) = template_names(&first.url);
    if !closed {
        problems.add(format!("{pointer}.url"), "a `{` in the URL is never closed");
    }
    let declared = first.variables.clone().unwrap_or_default();
    let mut variables = Vec::new();
    for name in &names {
        match declared.get(name) {
            Some(variable) => {
                if !names::is_nameable(name) {
                    problems.add(
                        format!("{pointer}.variables.{name}"),
                        "the name must start with a letter, as it names an argument of `Client::new`",
                    );
                }
                variables.push(ServerVariable {
                    name: name.clone(),
                    description: variable.description.clone(),
                    default: variable.default.clone(),
                })
            }
            None => problems.add(
                format!("{pointer}.url"),
                format!("`{{{name}}}` is used in the URL but not declared under `variables`"),
            ),
        }
    }
    for name in declared.keys() {
        if !names.contains(name) {
            problems.add(
                format!("{pointer}.variables.{name}"),
                "the variable is declared but the URL does not use it",
            );
        }
    }
    let probe = names.iter().fold(first.url.clone(), |url, name| {
        url.replace(&format!("{{{name}}}"), "x")
    });
    if !(probe.starts_with("https://") || probe.starts_with("http://")) {
        problems.add(
            format!("{pointer}.url"),
            "the URL must be absolute (start with https:// or http://)",
        );
    }
    Some(Server {
        url: first.url.trim_end_matches('/').to_owned(),
        variables,
    })
}

fn credentials(doc: &OpenAPI, problems: &mut Problems) -> Vec<Credential> {
    let schemes = doc
        .components
        .as_ref()
        .map(|c| c.security_schemes.clone())
        .unwrap_or_default();
    let mut used: Vec<String> = Vec::new();
    for requirement in doc.security.iter().flatten() {
        for name in requirement.keys() {
            if !used.contains(name) {
                used.push(name.clone());
            }
        }
    }
    if doc
        .security
        .as_ref()
        .is_some_and(|alternatives| alternatives.len() > 1)
    {
        problems.add(
            "security",
            "alternative security requirements are not supported; list every scheme in one requirement",
        );
    }
    let mut credentials = Vec::new();
    let mut idents = BTreeMap::new();
    for name in used {
        let pointer = format!("components.securitySchemes.{name}");
        match schemes.get(&name) {
            None => problems.add(
                "security",
                format!("the security scheme `{name}` is not defined under components.securitySchemes"),
            ),
            Some(ReferenceOr::Reference { .. }) => problems.add(
                pointer,
                "a security scheme given by `$ref` is not supported; define it in place",
            ),
            Some(ReferenceOr::Item(SecurityScheme::APIKey {
                location: APIKeyLocation::Header,
                name: header,
                description,
                ..
            })) => {
                let ident = names::snake(&name);
                if let Some(other) = idents.insert(ident.clone(), name.clone()) {
                    problems.add(
                        pointer.clone(),
                        format!("the schemes `{other}` and `{name}` both become the Rust name `{ident}`; rename one"),
                    );
                }
                if !names::is_nameable(&name) {
                    problems.add(pointer.clone(), "the scheme's name must start with a letter, as it names an argument of `Credentials::new`");
                }
                credentials.push(Credential {
                    scheme: name.clone(),
                    header: header.clone(),
                    description: description.clone(),
                })
            }
            Some(ReferenceOr::Item(SecurityScheme::APIKey { location, .. })) => problems.add(
                pointer,
                format!(
                    "an API key sent in the {} is not supported; the generator turns only `in: header` keys into credentials",
                    match location {
                        APIKeyLocation::Query => "query",
                        APIKeyLocation::Cookie => "cookie",
                        APIKeyLocation::Header => "header",
                    }
                ),
            ),
            Some(ReferenceOr::Item(other)) => problems.add(
                pointer,
                format!(
                    "security schemes of type `{}` are not supported; the generator turns only `type: apiKey, in: header` into credentials",
                    match other {
                        SecurityScheme::HTTP { .. } => "http",
                        SecurityScheme::OAuth2 { .. } => "oauth2",
                        SecurityScheme::OpenIDConnect { .. } => "openIdConnect",
                        SecurityScheme::APIKey { .. } => "apiKey",
                    }
                ),
            ),
        }
    }
    credentials
}

fn operations(doc: &OpenAPI, problems: &mut Problems) -> Vec<Operation> {
    let mut operations = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut idents: BTreeMap<String, String> = BTreeMap::new();
    for (path, item) in &doc.paths.paths {
        let item_pointer = format!("paths.{path}");
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => {
                problems.add(
                    item_pointer,
                    "a path item given by `$ref` is not supported; write it in place",
                );
                continue;
            }
        };
        if !path.starts_with('/') {
            problems.add(item_pointer.clone(), "a path must start with `/`");
        }
        for (key, op) in item.iter() {
            let pointer = format!("{item_pointer}.{key}");
            let Some(method) = Method::from_key(key) else {
                continue;
            };
            let Some(id) = op.operation_id.clone() else {
                problems.add(
                    pointer,
                    "the operation has no operationId; add one (it names the client's method)",
                );
                continue;
            };
            if let Some(first) = ids.insert(id.clone(), pointer.clone()) {
                problems.add(
                    format!("{pointer}.operationId"),
                    format!("the operationId `{id}` is also used at `{first}`; operationIds must be unique"),
                );
            } else {
                let ident = names::snake(&id);
                if !names::is_nameable(&id) {
                    problems.add(
                        format!("{pointer}.operationId"),
                        format!("`{id}` must start with a letter, as it names a Rust method"),
                    );
                } else if let Some(other) = idents.insert(ident.clone(), id.clone()) {
                    problems.add(
                        format!("{pointer}.operationId"),
                        format!("the operationIds `{other}` and `{id}` both become the Rust method `{ident}`; rename one"),
                    );
                }
            }

            let mut params = Vec::new();
            // Path-item parameters first, overridden by the operation's own of the same name and place.
            let mut all: Vec<(String, &ReferenceOr<Parameter>)> = Vec::new();
            for (index, p) in item.parameters.iter().enumerate() {
                all.push((format!("{item_pointer}.parameters[{index}]"), p));
            }
            for (index, p) in op.parameters.iter().enumerate() {
                all.push((format!("{pointer}.parameters[{index}]"), p));
            }
            for (param_pointer, param) in all {
                let Some(param) = resolve_parameter(doc, param) else {
                    continue; // the $ref check reports it
                };
                let (data, location) = match param {
                    Parameter::Path { parameter_data, .. } => (parameter_data, ParamIn::Path),
                    Parameter::Query { parameter_data, .. } => (parameter_data, ParamIn::Query),
                    Parameter::Header { parameter_data, .. }
                    | Parameter::Cookie { parameter_data, .. } => {
                        problems.add(
                            param_pointer,
                            format!(
                                "the parameter `{}` is sent in a header or cookie, which is not supported; use path or query",
                                parameter_data.name
                            ),
                        );
                        continue;
                    }
                };
                if let ParameterSchemaOrContent::Content(_) = data.format {
                    problems.add(
                        param_pointer.clone(),
                        format!(
                            "the parameter `{}` uses `content`; give it a `schema` instead",
                            data.name
                        ),
                    );
                }
                if location == ParamIn::Path && !data.required {
                    problems.add(
                        param_pointer.clone(),
                        format!(
                            "the path parameter `{}` must have `required: true`",
                            data.name
                        ),
                    );
                }
                let param = Param {
                    name: data.name.clone(),
                    location,
                    required: data.required,
                    description: data.description.clone(),
                    example: data.example.clone(),
                };
                match params
                    .iter()
                    .position(|p: &Param| p.name == param.name && p.location == param.location)
                {
                    Some(index) => params[index] = param,
                    None => params.push(param),
                }
            }

            let template: Vec<String> = path_template_names(path);
            for name in &template {
                if !params
                    .iter()
                    .any(|p| p.location == ParamIn::Path && &p.name == name)
                {
                    problems.add(
                        pointer.clone(),
                        format!("the path has `{{{name}}}` but the operation declares no path parameter `{name}`; add it under `parameters` with `in: path, required: true`"),
                    );
                }
            }
            for p in params.iter().filter(|p| p.location == ParamIn::Path) {
                if !template.contains(&p.name) {
                    problems.add(
                        pointer.clone(),
                        format!("the path parameter `{}` does not appear in the path `{path}`; add `{{{}}}` to the path or remove the parameter", p.name, p.name),
                    );
                }
            }

            let body = op.request_body.as_ref().and_then(|body| {
                request_body(doc, body, &format!("{pointer}.requestBody"), problems)
            });
            check_responses(doc, op, &pointer, problems);

            // Names that become Rust arguments and setters must stay distinct.
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            let names = params.iter().map(|p| p.name.clone()).chain(
                body.iter()
                    .flat_map(|b| b.properties.iter().map(|p| p.name.clone())),
            );
            for name in names {
                let ident = names::snake(&name);
                if !names::is_nameable(&name) {
                    problems.add(
                        pointer.clone(),
                        format!("`{name}` must start with a letter, as it names a Rust argument or setter"),
                    );
                } else if RESERVED.contains(&ident.as_str()) {
                    problems.add(
                        pointer.clone(),
                        format!("`{name}` becomes the Rust name `{ident}`, which the generated request builder uses itself; rename it"),
                    );
                } else if let Some(other) = seen.insert(ident.clone(), name.clone()) {
                    problems.add(
                        pointer.clone(),
                        format!(
                            "`{other}` and `{name}` both become the Rust name `{ident}`; rename one"
                        ),
                    );
                }
            }

            let paging = paging(doc, op, &params, &pointer, problems);
            operations.push(Operation {
                id,
                method,
                path: path.clone(),
                summary: op.summary.clone(),
                description: op.description.clone(),
                params,
                body,
                paging,
            });
        }
    }
    if operations.is_empty() && problems.0.is_empty() {
        problems.add(
            "paths",
            "the document has no operations; there is nothing to generate",
        );
    }
    operations
}

/// Reads `x-paged: {page: PARAM, size: PARAM}`: both must be optional integer query params of
/// the operation, the size param must have a `maximum`, and the operation must return an array.
fn paging(
    doc: &OpenAPI,
    op: &openapiv3::Operation,
    params: &[Param],
    pointer: &str,
    problems: &mut Problems,
) -> Option<Paging> {
    let value = op.extensions.get("x-paged")?;
    let pointer = format!("{pointer}.x-paged");
    let field = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let (Some(page), Some(size)) = (field("page"), field("size")) else {
        problems.add(
            pointer,
            "expected `{page: <query param>, size: <query param>}` naming the page-number and page-size params",
        );
        return None;
    };
    let mut max_size = None;
    for name in [&page, &size] {
        let declared = params
            .iter()
            .any(|p| &p.name == name && p.location == ParamIn::Query && !p.required);
        if !declared {
            problems.add(
                pointer.clone(),
                format!("`{name}` must be an optional query parameter of this operation"),
            );
            continue;
        }
        let schema = all_parameters(doc, op)
            .find(|p| &p.parameter_data_ref().name == name)
            .and_then(|p| match &p.parameter_data_ref().format {
                ParameterSchemaOrContent::Schema(schema) => resolve_schema(doc, schema),
                ParameterSchemaOrContent::Content(_) => None,
            });
        let integer = match schema.map(|s| &s.schema_kind) {
            Some(SchemaKind::Type(Type::Integer(integer))) => Some(integer),
            _ => None,
        };
        match integer {
            None => problems.add(pointer.clone(), format!("`{name}` must be an integer parameter")),
            Some(integer) if name == &size => match integer.maximum {
                Some(max) if max > 0 => max_size = Some(max),
                _ => problems.add(
                    pointer.clone(),
                    format!("`{name}` needs a positive `maximum`: the page size used when the caller sets none"),
                ),
            },
            Some(_) => {}
        }
    }
    let returns_array = op.responses.responses.iter().any(|(status, response)| {
        let success = matches!(status, StatusCode::Code(200..=299) | StatusCode::Range(2));
        success
            && resolve_response(doc, response)
                .and_then(|r| r.content.first())
                .and_then(|(_, media)| media.schema.as_ref())
                .and_then(|schema| resolve_schema(doc, schema))
                .is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::Array(_))))
    });
    if !returns_array {
        problems.add(
            pointer.clone(),
            "a paged operation must return a JSON array of items",
        );
    }
    Some(Paging {
        page,
        size,
        max_size: max_size?,
    })
}

/// The parameters an operation can see: its own, and those of its path item.
fn all_parameters<'a>(
    doc: &'a OpenAPI,
    op: &'a openapiv3::Operation,
) -> impl Iterator<Item = &'a Parameter> {
    let item_params = doc
        .paths
        .paths
        .values()
        .filter_map(|item| item.as_item())
        .filter(move |item| item.iter().any(|(_, o)| std::ptr::eq(o, op)))
        .flat_map(|item| item.parameters.iter());
    op.parameters
        .iter()
        .chain(item_params)
        .filter_map(move |p| resolve_parameter(doc, p))
}

/// Names between braces in a path template, in order.
pub(crate) fn path_template_names(path: &str) -> Vec<String> {
    template_names(path).0
}

/// Names between braces in a URL or path template, in order, and whether every `{` is closed.
fn template_names(template: &str) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        match rest[start..].find('}') {
            Some(len) => {
                names.push(rest[start + 1..start + len].to_owned());
                rest = &rest[start + len + 1..];
            }
            None => return (names, false),
        }
    }
    (names, true)
}

/// A `$ref` in a place that takes one kind of component must point into that kind's section.
fn check_ref_kind<T>(item: &ReferenceOr<T>, section: &str, pointer: &str, problems: &mut Problems) {
    if let ReferenceOr::Reference { reference } = item {
        let prefix = format!("#/components/{section}/");
        if reference.starts_with('#') && !reference.starts_with(&prefix) {
            problems.add(
                format!("{pointer}.$ref"),
                format!("`$ref: {reference}` must point into `{prefix}` here"),
            );
        }
    }
}

/// Every schema in the document: known `type`s only, `$ref`s into `#/components/schemas/`, and
/// names that stay distinct as Rust type names.
fn check_schemas(doc: &OpenAPI, problems: &mut Problems) {
    if let Some(components) = &doc.components {
        let mut type_names: BTreeMap<String, &String> = BTreeMap::new();
        for name in components.schemas.keys() {
            let type_name = names::pascal(name);
            if !names::is_nameable(name) {
                problems.add(
                    format!("components.schemas.{name}"),
                    "the schema name must start with a letter, as it names a Rust type",
                );
            } else if let Some(other) = type_names.insert(type_name.clone(), name) {
                problems.add(
                    format!("components.schemas.{name}"),
                    format!("the schemas `{other}` and `{name}` both become the Rust type `{type_name}`; rename one"),
                );
            }
        }
        for (name, schema) in &components.schemas {
            walk_schema(schema, &format!("components.schemas.{name}"), problems);
        }
        for (name, param) in &components.parameters {
            let pointer = format!("components.parameters.{name}");
            check_ref_kind(param, "parameters", &pointer, problems);
            if let ReferenceOr::Item(param) = param {
                walk_parameter(param, &pointer, problems);
            }
        }
        for (name, response) in &components.responses {
            check_ref_kind(
                response,
                "responses",
                &format!("components.responses.{name}"),
                problems,
            );
        }
        for (name, body) in &components.request_bodies {
            let pointer = format!("components.requestBodies.{name}");
            check_ref_kind(body, "requestBodies", &pointer, problems);
        }
    }
    for (path, item) in &doc.paths.paths {
        let Some(item) = item.as_item() else { continue };
        let item_pointer = format!("paths.{path}");
        for (index, param) in item.parameters.iter().enumerate() {
            let pointer = format!("{item_pointer}.parameters[{index}]");
            check_ref_kind(param, "parameters", &pointer, problems);
            if let ReferenceOr::Item(param) = param {
                walk_parameter(param, &pointer, problems);
            }
        }
        for (key, op) in item.iter() {
            let pointer = format!("{item_pointer}.{key}");
            for (index, param) in op.parameters.iter().enumerate() {
                let param_pointer = format!("{pointer}.parameters[{index}]");
                check_ref_kind(param, "parameters", &param_pointer, problems);
                if let ReferenceOr::Item(param) = param {
                    walk_parameter(param, &param_pointer, problems);
                }
            }
            if let Some(body) = &op.request_body {
                let body_pointer = format!("{pointer}.requestBody");
                check_ref_kind(body, "requestBodies", &body_pointer, problems);
                if let ReferenceOr::Item(body) = body {
                    for (content_type, media) in &body.content {
                        if let Some(schema) = &media.schema {
                            let at = format!("{body_pointer}.content.{content_type}.schema");
                            walk_schema(schema, &at, problems);
                        }
                    }
                }
            }
            for (status, _, response) in labelled_responses(op) {
                let response_pointer = format!("{pointer}.responses.{status}");
                check_ref_kind(response, "responses", &response_pointer, problems);
                let Some(response) = resolve_response(doc, response) else {
                    continue;
                };
                for (content_type, media) in &response.content {
                    let at = format!("{response_pointer}.content.{content_type}");
                    match &media.schema {
                        Some(schema) => walk_schema(schema, &format!("{at}.schema"), problems),
                        None => problems.add(
                            at,
                            "the response content has no `schema`; add one, or remove `content` for a response without a body",
                        ),
                    }
                }
            }
        }
    }
}

fn walk_parameter(param: &Parameter, pointer: &str, problems: &mut Problems) {
    if let ParameterSchemaOrContent::Schema(schema) = &param.parameter_data_ref().format {
        walk_schema(schema, &format!("{pointer}.schema"), problems);
    }
}

const SCHEMA_TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

fn walk_schema<S: std::borrow::Borrow<Schema>>(
    schema: &ReferenceOr<S>,
    pointer: &str,
    problems: &mut Problems,
) {
    let schema = match schema {
        ReferenceOr::Reference { reference } => {
            if reference.starts_with('#') && !reference.starts_with("#/components/schemas/") {
                problems.add(
                    format!("{pointer}.$ref"),
                    format!("`$ref: {reference}` must point into `#/components/schemas/` here"),
                );
            }
            return;
        }
        ReferenceOr::Item(schema) => schema.borrow(),
    };
    let each = |items: &[ReferenceOr<Schema>], key: &str, problems: &mut Problems| {
        for (index, item) in items.iter().enumerate() {
            walk_schema(item, &format!("{pointer}.{key}[{index}]"), problems);
        }
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            for (name, property) in &object.properties {
                walk_schema(property, &format!("{pointer}.properties.{name}"), problems);
            }
            if let Some(openapiv3::AdditionalProperties::Schema(extra)) =
                &object.additional_properties
            {
                walk_schema(
                    extra.as_ref(),
                    &format!("{pointer}.additionalProperties"),
                    problems,
                );
            }
        }
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            Some(items) => walk_schema(items, &format!("{pointer}.items"), problems),
            None => problems.add(
                pointer.to_owned(),
                "an array schema needs `items` (OpenAPI 3.0 requires it); say what the array holds",
            ),
        },
        SchemaKind::Type(_) => {}
        SchemaKind::OneOf { one_of } => each(one_of, "oneOf", problems),
        SchemaKind::AllOf { all_of } => each(all_of, "allOf", problems),
        SchemaKind::AnyOf { any_of } => each(any_of, "anyOf", problems),
        SchemaKind::Not { not } => walk_schema(not.as_ref(), &format!("{pointer}.not"), problems),
        SchemaKind::Any(any) => {
            let typed_keywords = [
                ("format", any.format.is_some()),
                ("minimum", any.minimum.is_some()),
                ("maximum", any.maximum.is_some()),
                ("multipleOf", any.multiple_of.is_some()),
                ("pattern", any.pattern.is_some()),
                ("minLength", any.min_length.is_some()),
                ("maxLength", any.max_length.is_some()),
                ("enum", !any.enumeration.is_empty()),
            ];
            if any.typ.is_none()
                && let Some((keyword, _)) = typed_keywords.iter().find(|(_, set)| *set)
            {
                problems.add(
                    pointer.to_owned(),
                    format!("the schema has `{keyword}` but no `type`; add the type it constrains (e.g. `type: integer`)"),
                );
            }
            if let Some(typ) = &any.typ
                && !SCHEMA_TYPES.contains(&typ.as_str())
            {
                problems.add(
                    format!("{pointer}.type"),
                    format!(
                        "`type: {typ}` is not an OpenAPI type; use one of {}",
                        SCHEMA_TYPES.join(", ")
                    ),
                );
            }
            for (name, property) in &any.properties {
                walk_schema(property, &format!("{pointer}.properties.{name}"), problems);
            }
            if let Some(items) = &any.items {
                walk_schema(items, &format!("{pointer}.items"), problems);
            }
            each(&any.one_of, "oneOf", problems);
            each(&any.all_of, "allOf", problems);
            each(&any.any_of, "anyOf", problems);
        }
    }
}

fn resolve_parameter<'a>(
    doc: &'a OpenAPI,
    param: &'a ReferenceOr<Parameter>,
) -> Option<&'a Parameter> {
    resolve_component(param, "parameters", |c| &c.parameters, doc)
}

fn resolve_schema<'a>(doc: &'a OpenAPI, schema: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
    let mut current = schema;
    for _ in 0..16 {
        match current {
            ReferenceOr::Item(s) => return Some(s),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/schemas/")?;
                current = doc.components.as_ref()?.schemas.get(name)?;
            }
        }
    }
    None
}

/// The item itself, or the component a `#/components/{section}/NAME` reference names.
fn resolve_component<'a, T>(
    item: &'a ReferenceOr<T>,
    section: &str,
    components: impl FnOnce(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    doc: &'a OpenAPI,
) -> Option<&'a T> {
    match item {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix(&format!("#/components/{section}/"))?;
            components(doc.components.as_ref()?).get(name)?.as_item()
        }
    }
}

fn resolve_body<'a>(
    doc: &'a OpenAPI,
    body: &'a ReferenceOr<RequestBody>,
) -> Option<&'a RequestBody> {
    resolve_component(body, "requestBodies", |c| &c.request_bodies, doc)
}

fn resolve_response<'a>(
    doc: &'a OpenAPI,
    response: &'a ReferenceOr<Response>,
) -> Option<&'a Response> {
    resolve_component(response, "responses", |c| &c.responses, doc)
}

fn request_body(
    doc: &OpenAPI,
    body: &ReferenceOr<RequestBody>,
    pointer: &str,
    problems: &mut Problems,
) -> Option<Body> {
    let body = resolve_body(doc, body)?;
    if body.content.len() != 1 {
        problems.add(
            format!("{pointer}.content"),
            format!(
                "the request body offers {} content types ({}); the generator supports exactly one, `application/json`",
                body.content.len(),
                body.content.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        );
        return None;
    }
    let (content_type, media) = body.content.first()?;
    if !is_json(content_type) {
        problems.add(
            format!("{pointer}.content"),
            format!("the request body is `{content_type}`; only `application/json` is supported"),
        );
        return None;
    }
    if !body.required {
        problems.add(
            format!("{pointer}.required"),
            "an optional request body is not supported; add `required: true`",
        );
    }
    let Some(schema) = media.schema.as_ref() else {
        problems.add(
            format!("{pointer}.content.{content_type}"),
            "the request body has no `schema`",
        );
        return None;
    };
    let resolved = resolve_schema(doc, schema)?;
    let mut properties = Vec::new();
    if let SchemaKind::Type(Type::Object(object)) = &resolved.schema_kind {
        for (name, _) in &object.properties {
            let property = object.properties.get(name).and_then(|p| match p {
                ReferenceOr::Item(s) => Some(s.as_ref()),
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/schemas/")
                    .and_then(|n| doc.components.as_ref()?.schemas.get(n)?.as_item()),
            });
            properties.push(Property {
                name: name.clone(),
                required: object.required.contains(name),
                description: property.and_then(|p| p.schema_data.description.clone()),
                example: property.and_then(|p| p.schema_data.example.clone()),
            });
        }
    }
    Some(Body {
        properties,
        example: media.example.clone(),
        description: resolved.schema_data.description.clone(),
    })
}

fn is_json(content_type: &str) -> bool {
    content_type == "application/json" || content_type.starts_with("application/json;")
}

/// Success responses must all have the same kind of body (all JSON, or all empty), in JSON only.
fn check_responses(
    doc: &OpenAPI,
    op: &openapiv3::Operation,
    pointer: &str,
    problems: &mut Problems,
) {
    let mut kinds: BTreeSet<&'static str> = BTreeSet::new();
    let mut success = 0;
    for (status, response) in &op.responses.responses {
        let response_pointer = format!("{pointer}.responses.{status}");
        let Some(response) = resolve_response(doc, response) else {
            continue;
        };
        if response.content.len() > 1 {
            problems.add(
                format!("{response_pointer}.content"),
                format!(
                    "the response offers {} content types ({}); the generator supports one, `application/json`",
                    response.content.len(),
                    response.content.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            );
        }
        if let Some((content_type, _)) = response.content.first()
            && !is_json(content_type)
        {
            problems.add(
                format!("{response_pointer}.content"),
                format!("the response is `{content_type}`; only `application/json` is supported"),
            );
        }
        let is_success = match status {
            StatusCode::Code(code) => (200..300).contains(code),
            StatusCode::Range(range) => *range == 2,
        };
        if is_success {
            success += 1;
            kinds.insert(if response.content.is_empty() {
                "no body"
            } else {
                "a JSON body"
            });
        }
    }
    if let Some(default) = &op.responses.default
        && resolve_response(doc, default).is_some_and(|r| r.content.len() > 1)
    {
        problems.add(
            format!("{pointer}.responses.default.content"),
            "the response offers several content types; the generator supports one, `application/json`",
        );
    }
    if success == 0 {
        problems.add(
            format!("{pointer}.responses"),
            "the operation has no success (2XX) response; add one so the client knows what it returns",
        );
    }
    if kinds.len() > 1 {
        problems.add(
            format!("{pointer}.responses"),
            "the success responses mix a JSON body and no body; the client returns one type, so give them all a body or none (a `2XX` without content accepts any success)",
        );
    }
}

/// An operation's responses with their label as the spec writes it (`200`, `4XX`, `default`)
/// and their status (`None` for `default`).
fn labelled_responses(
    op: &openapiv3::Operation,
) -> impl Iterator<Item = (String, Option<&StatusCode>, &ReferenceOr<Response>)> {
    op.responses
        .responses
        .iter()
        .map(|(status, r)| (status.to_string(), Some(status), r))
        .chain(
            op.responses
                .default
                .iter()
                .map(|r| ("default".to_owned(), None, r)),
        )
}

/// Error bodies (4XX, 5XX, default) must share one schema, so the client has one error type.
fn check_error_bodies(doc: &OpenAPI, problems: &mut Problems) {
    let mut first: Option<(String, String)> = None;
    for (path, item) in &doc.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (key, op) in item.iter() {
            let errors = labelled_responses(op).filter(|(_, status, _)| match status {
                Some(StatusCode::Code(code)) => *code >= 400,
                Some(StatusCode::Range(range)) => *range >= 4,
                None => true,
            });
            for (status, _, response) in errors {
                let Some(response) = resolve_response(doc, response) else {
                    continue;
                };
                let Some((_, media)) = response.content.first() else {
                    continue;
                };
                let schema = match &media.schema {
                    Some(ReferenceOr::Reference { reference }) => reference.clone(),
                    Some(ReferenceOr::Item(_)) => "(an inline schema)".to_owned(),
                    None => continue,
                };
                let pointer = format!("paths.{path}.{key}.responses.{status}");
                match &first {
                    None => first = Some((schema, pointer)),
                    Some((expected, _)) if *expected == schema && !schema.starts_with('(') => {}
                    Some((expected, at)) => problems.add(
                        pointer,
                        format!("the error body is {schema}, but `{at}` uses {expected}; the client has one error type, so every error response must `$ref` the same schema"),
                    ),
                }
            }
        }
    }
}

/// Names the generated request builders use for themselves.
const RESERVED: &[&str] = &["send", "stream", "client", "body", "engine"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_in_order() {
        assert_eq!(path_template_names("/a/{x}/b/{y}"), ["x", "y"]);
        assert!(path_template_names("/a").is_empty());
    }
}
