//! Operations: each path's operations, their operationIds (unique, and distinct as Rust
//! methods), path templates and the names of the values a caller gives; each lowered with its
//! parameters, body, responses and paging.

use std::collections::BTreeMap;

use super::params::{self, Seen};
use super::walk::{OperationAt, PathAt, paths};
use super::{Cx, bodies, paging, responses};
use crate::model::{Body, Method, Operation, ParamIn, PathTemplate, Property};
use crate::names;

/// The operations the client gets a method for; every problem with them is reported.
pub(super) fn operations(cx: &mut Cx) -> Vec<Operation> {
    let mut operations = Vec::new();
    let mut ids = OperationIds::default();
    for path in paths(cx.doc) {
        let template = check_path(cx, path);
        for at in path.operations() {
            operations.extend(operation(cx, &at, template.as_ref(), &mut ids));
        }
    }
    if operations.is_empty() && cx.is_clean() {
        cx.add(
            "paths",
            "the document has no operations; there is nothing to generate",
        );
    }
    operations
}

/// A path item must be written in place, under a path that starts with `/` and whose every `{`
/// is closed; its template.
fn check_path(cx: &mut Cx, path: PathAt) -> Option<PathTemplate> {
    if path.item.is_none() {
        cx.add(
            path.pointer(),
            "a path item given by `$ref` is not supported; write it in place",
        );
    } else if !path.path.starts_with('/') {
        cx.add(path.pointer(), "a path must start with `/`");
    }
    let template = PathTemplate::parse(path.path).ok();
    if template.is_none() {
        cx.add(path.pointer(), "a `{` in the path is never closed");
    }
    template
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
    fn check(&mut self, cx: &mut Cx, id: &str, pointer: &str) {
        if let Some(first) = self.ids.insert(id.to_owned(), pointer.to_owned()) {
            cx.add(
                format!("{pointer}.operationId"),
                format!(
                    "the operationId `{id}` is also used at `{first}`; operationIds must be unique"
                ),
            );
            return;
        }
        let ident = names::snake(id);
        if !names::is_nameable(id) {
            cx.add(
                format!("{pointer}.operationId"),
                format!("`{id}` must start with a letter, as it names a Rust method"),
            );
        } else if let Some(other) = self.idents.insert(ident.clone(), id.to_owned()) {
            cx.add(
                format!("{pointer}.operationId"),
                format!("the operationIds `{other}` and `{id}` both become the Rust method `{ident}`; rename one"),
            );
        }
    }
}

/// The lowering of one operation, or `None` if it has no method, no operationId or no path
/// template.
fn operation<'a>(
    cx: &mut Cx<'a>,
    at: &OperationAt<'a>,
    template: Option<&PathTemplate>,
    ids: &mut OperationIds,
) -> Option<Operation> {
    let method = Method::from_key(at.key)?;
    let id = match at.op.operation_id.clone() {
        Some(id) => id,
        None => {
            let id = names::operation_name(at.key, at.path);
            cx.warn(
                at.pointer.clone(),
                format!("the operation has no operationId; its method is named `{id}` after its method and path (add an operationId to name it yourself)"),
            );
            id
        }
    };
    ids.check(cx, &id, &at.pointer);
    let mut seen = params::parameters(cx, at);
    let (accept, content_type) = params::fixed_headers(cx, &mut seen);
    let path = template?.clone();
    check_path_template(cx, at, &path, &seen);
    let mut body =
        at.op.request_body.as_ref().and_then(|body| {
            bodies::request_body(cx, body, &format!("{}.requestBody", at.pointer))
        });
    let responses = responses::responses(cx, at);
    name_arguments(cx, &seen, body.as_mut(), &at.pointer);
    let paging = paging::paging(cx, at, &seen);
    Some(Operation {
        id,
        method,
        path,
        summary: at.op.summary.clone(),
        description: at.op.description.clone(),
        tags: at.op.tags.clone(),
        params: seen.into_iter().map(|seen| seen.param).collect(),
        body,
        accept,
        content_type,
        responses,
        paging,
    })
}

/// Every `{name}` of the path has a path parameter, and every path parameter is in the path.
fn check_path_template(cx: &mut Cx, at: &OperationAt, template: &PathTemplate, seen: &[Seen]) {
    let path = at.path;
    let params = || seen.iter().map(|s| &s.param);
    for name in template.variables() {
        if !params().any(|p| p.location == ParamIn::Path && p.name == name) {
            cx.add(
                at.pointer.clone(),
                format!("the path has `{{{name}}}` but the operation declares no path parameter `{name}`; add it under `parameters` with `in: path, required: true`"),
            );
        }
    }
    for p in params().filter(|p| p.location == ParamIn::Path) {
        if !template.variables().any(|name| name == p.name) {
            cx.add(
                at.pointer.clone(),
                format!("the path parameter `{}` does not appear in the path `{path}`; add `{{{}}}` to the path or remove the parameter", p.name, p.name),
            );
        }
    }
}

/// Names that become Rust arguments and setters must start with a letter and stay distinct
/// (`names::value_idents` renames a body field named like a param); each body field gets its
/// Rust name.
fn name_arguments(cx: &mut Cx, params: &[Seen], body: Option<&mut Body>, pointer: &str) {
    let fields: &mut [Property] = body.map_or(&mut [], |b| b.properties.as_mut_slice());
    let param_names = params.iter().map(|s| s.param.name.as_str());
    let idents = names::value_idents(param_names, fields.iter().map(|p| p.name.as_str()));
    let names = params
        .iter()
        .map(|s| &s.param.name)
        .chain(fields.iter().map(|p| &p.name));
    for name in names.filter(|name| !names::is_nameable(name)) {
        cx.add(
            pointer,
            format!("`{name}` must start with a letter, as it names a Rust argument or setter"),
        );
    }
    for (other, name, ident) in &idents.clashes {
        cx.add(
            pointer,
            format!("`{other}` and `{name}` both become the Rust name `{ident}`; rename one"),
        );
    }
    for (field, ident) in fields.iter_mut().zip(idents.fields) {
        field.ident = ident;
    }
}
