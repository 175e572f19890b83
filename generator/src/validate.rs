//! Step 2: check the document for everything the engine and the extras need, and report all
//! problems at once, before any code is generated. The result is the plain [`Api`] model.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase};
use openapiv3::{
    APIKeyLocation, MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    RequestBody, Response, Schema, SchemaKind, SecurityScheme, StatusCode, Type,
};
use serde_json::Value;

use crate::error::{Location, Problem};
use crate::model::{
    Api, Body, Credential, CredentialKind, Media, Method, Operation, Package, Paging, Param,
    ParamIn, Property, Server, ServerVariable, ValueForms,
};
use crate::names;
use crate::spec::{
    is_error, is_success, resolve_body, resolve_parameter, resolve_response, resolve_schema,
};

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
    let value_forms = value_forms(doc, &mut problems);
    let operations = operations(doc, &mut problems);
    check_header_params(&operations, &credentials, &mut problems);
    check_error_bodies(doc, &mut problems);
    check_schemas(doc, &mut problems);
    if problems.0.is_empty() {
        Ok(Api {
            title: doc.info.title.clone(),
            description: doc.info.description.clone(),
            package,
            server,
            credentials,
            operations,
            value_forms,
        })
    } else {
        Err(problems.0)
    }
}

/// The root extension `x-value-forms`: so far one form, `boolean: [true, false, 1, 0]`.
fn value_forms(doc: &OpenAPI, problems: &mut Problems) -> ValueForms {
    let mut forms = ValueForms::default();
    let Some(declared) = doc.extensions.get("x-value-forms") else {
        return forms;
    };
    let Value::Object(map) = declared else {
        problems.add(
            "x-value-forms",
            "expected a map of value kinds to their forms".to_owned(),
        );
        return forms;
    };
    for (kind, value) in map {
        let lenient = serde_json::json!([true, false, 1, 0]);
        if kind == "boolean" && *value == lenient {
            forms.numeric_booleans = true;
        } else {
            problems.add(
                format!("x-value-forms.{kind}"),
                "the one supported form is `boolean: [true, false, 1, 0]` (booleans may also arrive as 1 or 0)".to_owned(),
            );
        }
    }
    forms
}

/// Headers the client sets itself, which a header param must not name.
/// (`connection` and `upgrade` belong to the connection; an upgrade's protocol is the argument
/// of the builder's `upgrade`).
const OWN_HEADERS: &[&str] = &[
    "accept",
    "connection",
    "content-type",
    "content-length",
    "host",
    "upgrade",
    "user-agent",
];

/// A header param must not name a header the client sets itself or a credential's header.
fn check_header_params(
    operations: &[Operation],
    credentials: &[Credential],
    problems: &mut Problems,
) {
    for op in operations {
        let headers = op.params.iter().filter(|p| p.location == ParamIn::Header);
        for param in headers {
            let name = param.name.to_ascii_lowercase();
            let credential = credentials
                .iter()
                .any(|c| c.header.eq_ignore_ascii_case(&name));
            if credential || OWN_HEADERS.contains(&name.as_str()) {
                let why = if credential {
                    "a credential's header, which `Credentials` sends"
                } else {
                    "a header the client sets itself"
                };
                problems.add(
                    format!(
                        "paths.{}.{}",
                        op.path,
                        op.method.as_str().to_ascii_lowercase()
                    ),
                    format!(
                        "the header param `{}` is {why}; remove the param",
                        param.name
                    ),
                );
            }
        }
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
            // `example`, and an Example object's `value`, are data: nothing in them refers.
            let example_object = pointer.rsplit('.').nth(1) == Some("examples");
            for (key, child) in map {
                if key == "example" || (example_object && key == "value") {
                    continue;
                }
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

/// Where the crate's settings are read from.
const CRATE_POINTER: &str = "info.x-rust-crate";

/// The crate's name, version, description and env prefix: from the title, then `x-rust-crate`.
fn package(doc: &OpenAPI, problems: &mut Problems) -> Package {
    let title = doc.info.title.trim();
    let mut package = Package {
        name: format!("{}-client", title.to_snake_case().replace('_', "-")),
        version: "0.1.0".to_owned(),
        description: format!("Typed client for the {title} API."),
        env_prefix: title.to_shouty_snake_case(),
    };
    apply_crate_extension(doc, &mut package, problems);
    check_package(&package, problems);
    package
}

/// Overrides `package` with the keys `info.x-rust-crate` sets.
fn apply_crate_extension(doc: &OpenAPI, package: &mut Package, problems: &mut Problems) {
    let pointer = CRATE_POINTER;
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
}

/// The crate name and the env prefix must be valid as such.
fn check_package(package: &Package, problems: &mut Problems) {
    let pointer = CRATE_POINTER;
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
}

/// The first server, when the spec names one (without, the client is built from a base URL).
fn server(doc: &OpenAPI, problems: &mut Problems) -> Option<Server> {
    let first = doc.servers.first()?;
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

/// The credentials the document's security requirement asks for, one per `apiKey` header scheme.
fn credentials(doc: &OpenAPI, problems: &mut Problems) -> Vec<Credential> {
    let schemes = doc.components.as_ref().map(|c| &c.security_schemes);
    let used = used_schemes(doc);
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
    let mut idents = BTreeMap::new();
    let mut credentials: Vec<Credential> = Vec::new();
    for name in used {
        let scheme = schemes.and_then(|schemes| schemes.get(&name));
        let Some(credential) = credential(&name, scheme, &mut idents, problems) else {
            continue;
        };
        if let Some(other) = credentials
            .iter()
            .find(|c| c.header.eq_ignore_ascii_case(&credential.header))
        {
            problems.add(
                format!("components.securitySchemes.{name}"),
                format!(
                    "the schemes `{}` and `{name}` are both sent in the `{}` header; a request carries one",
                    other.scheme, credential.header
                ),
            );
        }
        credentials.push(credential);
    }
    credentials
}

/// The names of the schemes the security requirements use, each once, in order of first use.
fn used_schemes(doc: &OpenAPI) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    for requirement in doc.security.iter().flatten() {
        for name in requirement.keys() {
            if !used.contains(name) {
                used.push(name.clone());
            }
        }
    }
    used
}

/// The credential of the scheme `name`, or `None` (and a problem) if it cannot be one.
fn credential(
    name: &str,
    scheme: Option<&ReferenceOr<SecurityScheme>>,
    idents: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) -> Option<Credential> {
    let pointer = format!("components.securitySchemes.{name}");
    match scheme {
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
            check_scheme_name(name, &pointer, idents, problems);
            return Some(Credential {
                scheme: name.to_owned(),
                header: header.clone(),
                kind: CredentialKind::ApiKey,
                description: description.clone(),
            });
        }
        Some(ReferenceOr::Item(SecurityScheme::APIKey { location, .. })) => problems.add(
            pointer,
            format!(
                "an API key sent in the {} is not supported; the generator turns only `in: header` keys into credentials",
                key_location(location)
            ),
        ),
        Some(ReferenceOr::Item(other)) => {
            let kind = authorization_kind(other);
            if let Some(kind) = kind {
                check_scheme_name(name, &pointer, idents, problems);
                return Some(Credential {
                    scheme: name.to_owned(),
                    header: "Authorization".to_owned(),
                    kind,
                    description: scheme_description(other),
                });
            }
            let what = match other {
                SecurityScheme::HTTP { scheme, .. } => format!("`http` with `scheme: {scheme}`"),
                other => format!("`{}`", scheme_type(other)),
            };
            problems.add(
                pointer,
                format!(
                    "security schemes of type {what} are not supported; the generator turns `apiKey` (in a header), `http` (`basic` or `bearer`) and `oauth2` (its access token) into credentials"
                ),
            );
        }
    }
    None
}

/// How an `Authorization` scheme's value is made: HTTP basic or bearer, or an OAuth 2 access
/// token (presented as a bearer token); `None` for the others.
fn authorization_kind(scheme: &SecurityScheme) -> Option<CredentialKind> {
    match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
            Some(CredentialKind::Basic)
        }
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            Some(CredentialKind::Bearer)
        }
        SecurityScheme::OAuth2 { .. } => Some(CredentialKind::Bearer),
        _ => None,
    }
}

fn scheme_description(scheme: &SecurityScheme) -> Option<String> {
    match scheme {
        SecurityScheme::APIKey { description, .. }
        | SecurityScheme::HTTP { description, .. }
        | SecurityScheme::OAuth2 { description, .. }
        | SecurityScheme::OpenIDConnect { description, .. } => description.clone(),
    }
}

/// A scheme's name becomes an argument of `Credentials::new`: it must be usable and distinct.
fn check_scheme_name(
    name: &str,
    pointer: &str,
    idents: &mut BTreeMap<String, String>,
    problems: &mut Problems,
) {
    let ident = names::snake(name);
    if let Some(other) = idents.insert(ident.clone(), name.to_owned()) {
        problems.add(
            pointer,
            format!(
                "the schemes `{other}` and `{name}` both become the Rust name `{ident}`; rename one"
            ),
        );
    }
    if !names::is_nameable(name) {
        problems.add(
            pointer,
            "the scheme's name must start with a letter, as it names an argument of `Credentials::new`",
        );
    }
}

/// Where an API key is sent, as the spec writes it.
fn key_location(location: &APIKeyLocation) -> &'static str {
    match location {
        APIKeyLocation::Query => "query",
        APIKeyLocation::Cookie => "cookie",
        APIKeyLocation::Header => "header",
    }
}

/// A security scheme's `type`, as the spec writes it.
fn scheme_type(scheme: &SecurityScheme) -> &'static str {
    match scheme {
        SecurityScheme::HTTP { .. } => "http",
        SecurityScheme::OAuth2 { .. } => "oauth2",
        SecurityScheme::OpenIDConnect { .. } => "openIdConnect",
        SecurityScheme::APIKey { .. } => "apiKey",
    }
}

/// A path of the document, with its item unless that is given by `$ref`.
#[derive(Clone, Copy)]
struct PathAt<'a> {
    path: &'a str,
    item: Option<&'a PathItem>,
}

impl<'a> PathAt<'a> {
    /// Where the path item is in the document.
    fn pointer(self) -> String {
        format!("paths.{}", self.path)
    }

    /// The path item's own parameters, with their pointers.
    fn parameters(self) -> impl Iterator<Item = (String, &'a ReferenceOr<Parameter>)> {
        let params = self.item.map_or(&[][..], |item| item.parameters.as_slice());
        numbered(self.pointer(), params)
    }

    /// The path item's operations, in the order `PathItem::iter` gives them.
    fn operations(self) -> impl Iterator<Item = OperationAt<'a>> {
        self.item.into_iter().flat_map(move |item| {
            item.iter().map(move |(key, op)| OperationAt {
                path: self.path,
                item,
                key,
                op,
                pointer: format!("paths.{}.{key}", self.path),
            })
        })
    }
}

/// One operation of the document, with the path item it belongs to and its pointer.
struct OperationAt<'a> {
    path: &'a str,
    item: &'a PathItem,
    key: &'a str,
    op: &'a openapiv3::Operation,
    pointer: String,
}

impl<'a> OperationAt<'a> {
    /// The operation's own parameters, with their pointers.
    fn own_parameters(&self) -> impl Iterator<Item = (String, &'a ReferenceOr<Parameter>)> {
        numbered(self.pointer.clone(), &self.op.parameters)
    }

    /// Every parameter the operation sees, with its pointer: its path item's, then its own.
    fn parameters(&self) -> impl Iterator<Item = (String, &'a ReferenceOr<Parameter>)> {
        let item = PathAt {
            path: self.path,
            item: Some(self.item),
        };
        item.parameters().chain(self.own_parameters())
    }
}

/// Every path of the document, in document order.
fn paths(doc: &OpenAPI) -> impl Iterator<Item = PathAt<'_>> {
    doc.paths.paths.iter().map(|(path, item)| PathAt {
        path,
        item: item.as_item(),
    })
}

/// Every operation of the document, path by path.
fn all_operations(doc: &OpenAPI) -> impl Iterator<Item = OperationAt<'_>> {
    paths(doc).flat_map(PathAt::operations)
}

/// Parameters with their pointers, `{pointer}.parameters[index]`.
fn numbered(
    pointer: String,
    params: &[ReferenceOr<Parameter>],
) -> impl Iterator<Item = (String, &ReferenceOr<Parameter>)> {
    params
        .iter()
        .enumerate()
        .map(move |(index, p)| (format!("{pointer}.parameters[{index}]"), p))
}

/// The operations the client gets a method for; every problem with them is reported.
fn operations(doc: &OpenAPI, problems: &mut Problems) -> Vec<Operation> {
    let mut operations = Vec::new();
    let mut ids = OperationIds::default();
    for path in paths(doc) {
        check_path(path, problems);
        for at in path.operations() {
            operations.extend(operation(doc, &at, &mut ids, problems));
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

/// A path item must be written in place, under a path that starts with `/`.
fn check_path(path: PathAt, problems: &mut Problems) {
    if path.item.is_none() {
        problems.add(
            path.pointer(),
            "a path item given by `$ref` is not supported; write it in place",
        );
    } else if !path.path.starts_with('/') {
        problems.add(path.pointer(), "a path must start with `/`");
    }
}

/// The operationIds met so far, and the Rust methods they become.
#[derive(Default)]
struct OperationIds {
    /// operationId → where it was last met.
    ids: BTreeMap<String, String>,
    /// Rust method name → the operationId it comes from.
    idents: BTreeMap<String, String>,
}

impl OperationIds {
    /// Records `id`; it must be unique, start with a letter and name a Rust method of its own.
    fn check(&mut self, id: &str, pointer: &str, problems: &mut Problems) {
        if let Some(first) = self.ids.insert(id.to_owned(), pointer.to_owned()) {
            problems.add(
                format!("{pointer}.operationId"),
                format!(
                    "the operationId `{id}` is also used at `{first}`; operationIds must be unique"
                ),
            );
            return;
        }
        let ident = names::snake(id);
        if !names::is_nameable(id) {
            problems.add(
                format!("{pointer}.operationId"),
                format!("`{id}` must start with a letter, as it names a Rust method"),
            );
        } else if let Some(other) = self.idents.insert(ident.clone(), id.to_owned()) {
            problems.add(
                format!("{pointer}.operationId"),
                format!("the operationIds `{other}` and `{id}` both become the Rust method `{ident}`; rename one"),
            );
        }
    }
}

/// The model of one operation, or `None` if it has no method or no operationId.
fn operation(
    doc: &OpenAPI,
    at: &OperationAt,
    ids: &mut OperationIds,
    problems: &mut Problems,
) -> Option<Operation> {
    let method = Method::from_key(at.key)?;
    let Some(id) = at.op.operation_id.clone() else {
        problems.add(
            at.pointer.clone(),
            "the operation has no operationId; add one (it names the client's method)",
        );
        return None;
    };
    ids.check(&id, &at.pointer, problems);
    let params = parameters(doc, at, problems);
    check_path_template(at, &params, problems);
    let body =
        at.op.request_body.as_ref().and_then(|body| {
            request_body(doc, body, &format!("{}.requestBody", at.pointer), problems)
        });
    check_responses(doc, at.op, &at.pointer, problems);
    check_argument_names(&params, body.as_ref(), &at.pointer, problems);
    let paging = paging(doc, at, &params, problems);
    Some(Operation {
        id,
        method,
        path: at.path.to_owned(),
        summary: at.op.summary.clone(),
        description: at.op.description.clone(),
        params,
        body,
        paging,
    })
}

/// The operation's path and query parameters: its path item's, overridden by its own of the
/// same name and place.
fn parameters(doc: &OpenAPI, at: &OperationAt, problems: &mut Problems) -> Vec<Param> {
    let mut params: Vec<Param> = Vec::new();
    for (pointer, param) in at.parameters() {
        let Some(param) = resolve_parameter(doc, param) else {
            continue; // the $ref check reports it
        };
        let Some(param) = param_model(param, &pointer, problems) else {
            continue;
        };
        match params
            .iter()
            .position(|p| p.name == param.name && p.location == param.location)
        {
            Some(index) => params[index] = param,
            None => params.push(param),
        }
    }
    params
}

/// The model of one parameter, or `None` if it is sent in a cookie.
fn param_model(param: &Parameter, pointer: &str, problems: &mut Problems) -> Option<Param> {
    let (data, location) = match param {
        Parameter::Path { parameter_data, .. } => (parameter_data, ParamIn::Path),
        Parameter::Query { parameter_data, .. } => (parameter_data, ParamIn::Query),
        Parameter::Header { parameter_data, .. } => (parameter_data, ParamIn::Header),
        Parameter::Cookie { parameter_data, .. } => {
            problems.add(
                pointer,
                format!(
                    "the parameter `{}` is sent in a cookie, which is not supported; use a header, path or query",
                    parameter_data.name
                ),
            );
            return None;
        }
    };
    if let ParameterSchemaOrContent::Content(_) = data.format {
        problems.add(
            pointer,
            format!(
                "the parameter `{}` uses `content`; give it a `schema` instead",
                data.name
            ),
        );
    }
    if location == ParamIn::Path && !data.required {
        problems.add(
            pointer,
            format!(
                "the path parameter `{}` must have `required: true`",
                data.name
            ),
        );
    }
    Some(Param {
        name: data.name.clone(),
        location,
        required: data.required,
        description: data.description.clone(),
        example: data.example.clone(),
    })
}

/// Every `{name}` of the path has a path parameter, and every path parameter is in the path.
fn check_path_template(at: &OperationAt, params: &[Param], problems: &mut Problems) {
    let path = at.path;
    let template: Vec<String> = path_template_names(path);
    for name in &template {
        if !params
            .iter()
            .any(|p| p.location == ParamIn::Path && &p.name == name)
        {
            problems.add(
                at.pointer.clone(),
                format!("the path has `{{{name}}}` but the operation declares no path parameter `{name}`; add it under `parameters` with `in: path, required: true`"),
            );
        }
    }
    for p in params.iter().filter(|p| p.location == ParamIn::Path) {
        if !template.contains(&p.name) {
            problems.add(
                at.pointer.clone(),
                format!("the path parameter `{}` does not appear in the path `{path}`; add `{{{}}}` to the path or remove the parameter", p.name, p.name),
            );
        }
    }
}

/// Names that become Rust arguments and setters must start with a letter and stay distinct.
fn check_argument_names(
    params: &[Param],
    body: Option<&Body>,
    pointer: &str,
    problems: &mut Problems,
) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let arguments = params.iter().map(|p| p.name.clone()).chain(
        body.iter()
            .flat_map(|b| b.properties.iter().map(|p| p.name.clone())),
    );
    for name in arguments {
        let ident = crate::plan::value_ident(&name);
        if !names::is_nameable(&name) {
            problems.add(
                pointer,
                format!("`{name}` must start with a letter, as it names a Rust argument or setter"),
            );
        } else if let Some(other) = seen.insert(ident.clone(), name.clone()) {
            problems.add(
                pointer,
                format!("`{other}` and `{name}` both become the Rust name `{ident}`; rename one"),
            );
        }
    }
}

/// Reads `x-paged: {page: PARAM, size: PARAM}`: both must be optional integer query params of
/// the operation, the size param must have a `maximum`, and the operation must return an array.
fn paging(
    doc: &OpenAPI,
    at: &OperationAt,
    params: &[Param],
    problems: &mut Problems,
) -> Option<Paging> {
    let value = at.op.extensions.get("x-paged")?;
    let pointer = format!("{}.x-paged", at.pointer);
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
        let param = PagingParam {
            name,
            is_size: name == &size,
        };
        if let Some(max) = check_paging_param(doc, at, params, param, &pointer, problems) {
            max_size = Some(max);
        }
    }
    if !returns_array(doc, at.op) {
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

/// One of the params `x-paged` names.
#[derive(Clone, Copy)]
struct PagingParam<'a> {
    name: &'a str,
    /// Whether it is the page-size param, which needs a `maximum`.
    is_size: bool,
}

/// Checks one `x-paged` param; returns its positive `maximum` if it is the page-size param.
fn check_paging_param(
    doc: &OpenAPI,
    at: &OperationAt,
    params: &[Param],
    param: PagingParam,
    pointer: &str,
    problems: &mut Problems,
) -> Option<i64> {
    let name = param.name;
    let declared = params
        .iter()
        .any(|p| p.name == name && p.location == ParamIn::Query && !p.required);
    if !declared {
        problems.add(
            pointer,
            format!("`{name}` must be an optional query parameter of this operation"),
        );
        return None;
    }
    let schema =
        visible_parameter(doc, at, name).and_then(|p| match &p.parameter_data_ref().format {
            ParameterSchemaOrContent::Schema(schema) => resolve_schema(doc, schema),
            ParameterSchemaOrContent::Content(_) => None,
        });
    let integer = match schema.map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::Integer(integer))) => integer,
        _ => {
            problems.add(pointer, format!("`{name}` must be an integer parameter"));
            return None;
        }
    };
    if !param.is_size {
        return None;
    }
    match integer.maximum {
        Some(max) if max > 0 => Some(max),
        _ => {
            problems.add(
                pointer,
                format!("`{name}` needs a positive `maximum`: the page size used when the caller sets none"),
            );
            None
        }
    }
}

/// The parameter `name` as the operation sees it: its own first, then its path item's.
fn visible_parameter<'a>(
    doc: &'a OpenAPI,
    at: &OperationAt<'a>,
    name: &str,
) -> Option<&'a Parameter> {
    at.op
        .parameters
        .iter()
        .chain(&at.item.parameters)
        .filter_map(|p| resolve_parameter(doc, p))
        .find(|p| p.parameter_data_ref().name == name)
}

/// Whether a success response of the operation is a JSON array.
fn returns_array(doc: &OpenAPI, op: &openapiv3::Operation) -> bool {
    op.responses.responses.iter().any(|(status, response)| {
        is_success(status)
            && resolve_response(doc, response)
                .and_then(|r| r.content.first())
                .and_then(|(_, media)| media.schema.as_ref())
                .and_then(|schema| resolve_schema(doc, schema))
                .is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::Array(_))))
    })
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
        check_schema_names(components, problems);
        check_components(components, problems);
    }
    for path in paths(doc) {
        for (pointer, param) in path.parameters() {
            check_parameter(param, &pointer, problems);
        }
        for at in path.operations() {
            check_operation_schemas(doc, &at, problems);
        }
    }
}

/// Schema names must start with a letter and stay distinct as Rust type names.
fn check_schema_names(components: &openapiv3::Components, problems: &mut Problems) {
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
}

/// The schemas, parameters, responses and request bodies under `components`.
fn check_components(components: &openapiv3::Components, problems: &mut Problems) {
    for (name, schema) in &components.schemas {
        walk_schema(schema, &format!("components.schemas.{name}"), problems);
    }
    for (name, param) in &components.parameters {
        check_parameter(param, &format!("components.parameters.{name}"), problems);
    }
    for (name, response) in &components.responses {
        let pointer = format!("components.responses.{name}");
        check_ref_kind(response, "responses", &pointer, problems);
    }
    for (name, body) in &components.request_bodies {
        let pointer = format!("components.requestBodies.{name}");
        check_ref_kind(body, "requestBodies", &pointer, problems);
    }
}

/// The schemas of one operation's own parameters, request body and responses.
fn check_operation_schemas(doc: &OpenAPI, at: &OperationAt, problems: &mut Problems) {
    for (pointer, param) in at.own_parameters() {
        check_parameter(param, &pointer, problems);
    }
    if let Some(body) = &at.op.request_body {
        let pointer = format!("{}.requestBody", at.pointer);
        check_ref_kind(body, "requestBodies", &pointer, problems);
        if let ReferenceOr::Item(body) = body {
            for (content_type, media) in &body.content {
                if let Some(schema) = &media.schema {
                    let at = format!("{pointer}.content.{content_type}.schema");
                    walk_schema(schema, &at, problems);
                }
            }
        }
    }
    for (status, _, response) in labelled_responses(at.op) {
        let pointer = format!("{}.responses.{status}", at.pointer);
        check_response_schemas(doc, response, &pointer, problems);
    }
}

/// A response's `$ref` points at a response, and each of its content types has a schema.
fn check_response_schemas(
    doc: &OpenAPI,
    response: &ReferenceOr<Response>,
    pointer: &str,
    problems: &mut Problems,
) {
    check_ref_kind(response, "responses", pointer, problems);
    let Some(response) = resolve_response(doc, response) else {
        return;
    };
    for (content_type, media) in &response.content {
        let at = format!("{pointer}.content.{content_type}");
        match &media.schema {
            Some(schema) => walk_schema(schema, &format!("{at}.schema"), problems),
            None => problems.add(
                at,
                "the response content has no `schema`; add one, or remove `content` for a response without a body",
            ),
        }
    }
}

/// A parameter's `$ref` points at a parameter, and a parameter written in place has a good schema.
fn check_parameter(param: &ReferenceOr<Parameter>, pointer: &str, problems: &mut Problems) {
    check_ref_kind(param, "parameters", pointer, problems);
    if let ReferenceOr::Item(param) = param
        && let ParameterSchemaOrContent::Schema(schema) = &param.parameter_data_ref().format
    {
        walk_schema(schema, &format!("{pointer}.schema"), problems);
    }
}

const SCHEMA_TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

/// A schema and every schema inside it: known `type`s only, `$ref`s into `#/components/schemas/`.
fn walk_schema<S: std::borrow::Borrow<Schema>>(
    schema: &ReferenceOr<S>,
    pointer: &str,
    problems: &mut Problems,
) {
    check_ref_kind(schema, "schemas", pointer, problems);
    let ReferenceOr::Item(schema) = schema else {
        return;
    };
    match &schema.borrow().schema_kind {
        SchemaKind::Type(Type::Object(object)) => walk_object(object, pointer, problems),
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            Some(items) => walk_schema(items, &format!("{pointer}.items"), problems),
            None => problems.add(
                pointer,
                "an array schema needs `items` (OpenAPI 3.0 requires it); say what the array holds",
            ),
        },
        SchemaKind::Type(_) => {}
        SchemaKind::OneOf { one_of } => walk_each(one_of, pointer, "oneOf", problems),
        SchemaKind::AllOf { all_of } => walk_each(all_of, pointer, "allOf", problems),
        SchemaKind::AnyOf { any_of } => walk_each(any_of, pointer, "anyOf", problems),
        SchemaKind::Not { not } => walk_schema(not.as_ref(), &format!("{pointer}.not"), problems),
        SchemaKind::Any(any) => walk_any(any, pointer, problems),
    }
}

/// Each schema of a `oneOf`, `allOf` or `anyOf` list (named by `key`).
fn walk_each(items: &[ReferenceOr<Schema>], pointer: &str, key: &str, problems: &mut Problems) {
    for (index, item) in items.iter().enumerate() {
        walk_schema(item, &format!("{pointer}.{key}[{index}]"), problems);
    }
}

/// The properties and `additionalProperties` of an object schema.
fn walk_object(object: &openapiv3::ObjectType, pointer: &str, problems: &mut Problems) {
    for (name, property) in &object.properties {
        walk_schema(property, &format!("{pointer}.properties.{name}"), problems);
    }
    if let Some(openapiv3::AdditionalProperties::Schema(extra)) = &object.additional_properties {
        walk_schema(
            extra.as_ref(),
            &format!("{pointer}.additionalProperties"),
            problems,
        );
    }
}

/// A schema openapiv3 could not type: its `type` must be known, and present if it is constrained.
fn walk_any(any: &openapiv3::AnySchema, pointer: &str, problems: &mut Problems) {
    check_any_type(any, pointer, problems);
    for (name, property) in &any.properties {
        walk_schema(property, &format!("{pointer}.properties.{name}"), problems);
    }
    if let Some(items) = &any.items {
        walk_schema(items, &format!("{pointer}.items"), problems);
    }
    walk_each(&any.one_of, pointer, "oneOf", problems);
    walk_each(&any.all_of, pointer, "allOf", problems);
    walk_each(&any.any_of, pointer, "anyOf", problems);
}

/// An untyped schema must not use keywords of one type, and a `type` must be an OpenAPI one.
fn check_any_type(any: &openapiv3::AnySchema, pointer: &str, problems: &mut Problems) {
    let typed_keywords = [
        ("format", any.format.is_some()),
        ("minimum", any.minimum.is_some()),
        ("maximum", any.maximum.is_some()),
        ("multipleOf", any.multiple_of.is_some()),
        ("pattern", any.pattern.is_some()),
        ("minLength", any.min_length.is_some()),
        ("maxLength", any.max_length.is_some()),
        // An enum of strings needs no `type`: the values say it.
        ("enum", !any.enumeration.iter().all(Value::is_string)),
    ];
    if any.typ.is_none()
        && let Some((keyword, _)) = typed_keywords.iter().find(|(_, set)| *set)
    {
        problems.add(
            pointer,
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
}

/// The request body's model: one content type the generator can send, with a schema (JSON and
/// forms), required or not.
fn request_body(
    doc: &OpenAPI,
    body: &ReferenceOr<RequestBody>,
    pointer: &str,
    problems: &mut Problems,
) -> Option<Body> {
    let body = resolve_body(doc, body)?;
    let (content_type, media, kind) = body_content(body, pointer, problems)?;
    let schema = media.schema.as_ref();
    if schema.is_none() && matches!(kind, Media::Json | Media::Form) {
        problems.add(
            format!("{pointer}.content.{content_type}"),
            "the request body has no `schema`",
        );
        return None;
    }
    let resolved = schema.and_then(|schema| resolve_schema(doc, schema));
    Some(Body {
        content_type: content_type.clone(),
        media: kind,
        required: body.required,
        properties: resolved
            .filter(|_| matches!(kind, Media::Json | Media::Form))
            .map(|schema| body_properties(doc, schema))
            .unwrap_or_default(),
        example: media.example.clone(),
        description: resolved.and_then(|s| s.schema_data.description.clone()),
    })
}

/// The request body's one content type and its media, if it has exactly one the generator can
/// send (JSON, a form, text or bytes; not multipart).
fn body_content<'a>(
    body: &'a RequestBody,
    pointer: &str,
    problems: &mut Problems,
) -> Option<(&'a String, &'a MediaType, Media)> {
    if body.content.len() != 1 {
        problems.add(
            format!("{pointer}.content"),
            format!(
                "the request body offers {} content types ({}); the generator supports exactly one",
                body.content.len(),
                body.content.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        );
        return None;
    }
    let (content_type, media) = body.content.first()?;
    let Some(kind) = Media::of(content_type) else {
        problems.add(
            format!("{pointer}.content"),
            format!("the request body is `{content_type}`; multipart bodies are not supported"),
        );
        return None;
    };
    Some((content_type, media, kind))
}

/// The properties of a body's object schema, which become the request builder's setters.
fn body_properties(doc: &OpenAPI, schema: &Schema) -> Vec<Property> {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return Vec::new();
    };
    let property = |(name, property): (&String, &ReferenceOr<Box<Schema>>)| {
        let property = crate::spec::resolve_boxed_schema(doc, property);
        Property {
            name: name.clone(),
            required: object.required.contains(name),
            description: property.and_then(|p| p.schema_data.description.clone()),
            example: property.and_then(|p| p.schema_data.example.clone()),
        }
    };
    object.properties.iter().map(property).collect()
}

/// Success responses must all have the same kind of body (all JSON, or all empty), in JSON only.
fn check_responses(
    doc: &OpenAPI,
    op: &openapiv3::Operation,
    pointer: &str,
    problems: &mut Problems,
) {
    let mut kinds: BTreeSet<&'static str> = BTreeSet::new();
    let mut schemas: Vec<(String, Value)> = Vec::new();
    let mut success = 0;
    for (status, response) in &op.responses.responses {
        let Some(response) = resolve_response(doc, response) else {
            continue;
        };
        let response_pointer = format!("{pointer}.responses.{status}");
        check_response_content(response, &response_pointer, problems);
        if is_success(status) {
            success += 1;
            let schema = response
                .content
                .first()
                .and_then(|(_, media)| media.schema.as_ref());
            if let Some(schema) = schema.and_then(|s| serde_json::to_value(s).ok()) {
                schemas.push((status.to_string(), schema));
            }
            kinds.insert(
                match response.content.first().and_then(|(t, _)| Media::of(t)) {
                    None => "no body",
                    Some(Media::Json) => "a JSON body",
                    Some(Media::Text) => "a text body",
                    Some(Media::Form | Media::Bytes) => "a byte body",
                },
            );
        }
    }
    if let Some((first, schema)) = schemas.first()
        && let Some((other, _)) = schemas.iter().find(|(_, s)| s != schema)
    {
        problems.add(
            format!("{pointer}.responses"),
            format!("the success responses {first} and {other} have different body schemas; the client returns one type, so give them the same schema"),
        );
    }
    if let Some(default) = &op.responses.default
        && resolve_response(doc, default).is_some_and(|r| r.content.len() > 1)
    {
        problems.add(
            format!("{pointer}.responses.default.content"),
            "the response offers several content types; the generator supports one",
        );
    }
    let upgrades = crate::spec::upgrades(op);
    if upgrades && success > 0 {
        problems.add(
            format!("{pointer}.responses"),
            "the operation answers both `101` (it upgrades the connection) and 2XX; the client returns one of them, so keep one",
        );
    }
    if success == 0 && !upgrades && op.responses.default.is_none() {
        problems.add(
            format!("{pointer}.responses"),
            "the operation has no success (2XX or 101) response; add one so the client knows what it returns",
        );
    }
    if kinds.len() > 1 {
        problems.add(
            format!("{pointer}.responses"),
            "the success responses mix kinds of body (JSON, text, bytes or none); the client returns one type, so give them all the same kind (a `2XX` without content accepts any success)",
        );
    }
}

/// A response offers at most one content type, and not a multipart one.
fn check_response_content(response: &Response, pointer: &str, problems: &mut Problems) {
    if response.content.len() > 1 {
        problems.add(
            format!("{pointer}.content"),
            format!(
                "the response offers {} content types ({}); the generator supports one",
                response.content.len(),
                response
                    .content
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    if let Some((content_type, _)) = response.content.first()
        && Media::of(content_type).is_none()
    {
        problems.add(
            format!("{pointer}.content"),
            format!("the response is `{content_type}`; multipart answers are not supported"),
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
    for at in all_operations(doc) {
        let errors = labelled_responses(at.op).filter(|(_, status, _)| {
            is_error(*status) && !crate::spec::default_is_the_answer(at.op, *status)
        });
        for (status, _, response) in errors {
            let Some(schema) = error_schema(doc, response) else {
                continue;
            };
            let pointer = format!("{}.responses.{status}", at.pointer);
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

/// How an error response names its body's schema: its `$ref`, or `(an inline schema)`.
fn error_schema(doc: &OpenAPI, response: &ReferenceOr<Response>) -> Option<String> {
    let response = resolve_response(doc, response)?;
    let (_, media) = response.content.first()?;
    match media.schema.as_ref()? {
        ReferenceOr::Reference { reference } => Some(reference.clone()),
        ReferenceOr::Item(_) => Some("(an inline schema)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_in_order() {
        assert_eq!(path_template_names("/a/{x}/b/{y}"), ["x", "y"]);
        assert!(path_template_names("/a").is_empty());
    }
}
