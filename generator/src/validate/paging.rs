//! Paging: `x-paged: {page: PARAM, size: PARAM}` on a list operation, whose `stream()` walks
//! every page.

use openapiv3::{ParameterSchemaOrContent, SchemaKind, Type};
use serde_json::Value;

use super::Cx;
use super::params::Seen;
use super::responses::is_success;
use super::walk::OperationAt;
use crate::model::{Paging, ParamIn};
use crate::resolve::{resolve_response, resolve_schema};

/// Reads `x-paged`: both params must be optional integer query params of the operation, the size
/// param must have a `maximum`, and the operation must return an array.
pub(super) fn paging(cx: &mut Cx, at: &OperationAt, params: &[Seen]) -> Option<Paging> {
    let value = at.op.extensions.get("x-paged")?;
    let pointer = format!("{}.x-paged", at.pointer);
    let field = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let (Some(page), Some(size)) = (field("page"), field("size")) else {
        cx.add(
            pointer,
            "expected `{page: <query param>, size: <query param>}` naming the page-number and page-size params",
        );
        return None;
    };
    let mut max_size = None;
    for name in [&page, &size] {
        let is_size = name == &size;
        if let Some(max) = check_paging_param(cx, params, name, is_size, &pointer) {
            max_size = Some(max);
        }
    }
    if !returns_array(cx, at.op) {
        cx.add(
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

/// Checks one `x-paged` param; returns its positive `maximum` if it is the page-size param.
fn check_paging_param(
    cx: &mut Cx,
    params: &[Seen],
    name: &str,
    is_size: bool,
    pointer: &str,
) -> Option<i64> {
    let seen = params.iter().find(|s| {
        let p = &s.param;
        p.name == name && p.location == ParamIn::Query && !p.required
    });
    let Some(seen) = seen else {
        cx.add(
            pointer,
            format!("`{name}` must be an optional query parameter of this operation"),
        );
        return None;
    };
    let schema = match &seen.data.format {
        ParameterSchemaOrContent::Schema(schema) => resolve_schema(cx.doc, schema),
        ParameterSchemaOrContent::Content(_) => None,
    };
    let Some(SchemaKind::Type(Type::Integer(integer))) = schema.map(|s| &s.schema_kind) else {
        cx.add(pointer, format!("`{name}` must be an integer parameter"));
        return None;
    };
    if !is_size {
        return None;
    }
    match integer.maximum {
        Some(max) if max > 0 => Some(max),
        _ => {
            cx.add(
                pointer,
                format!("`{name}` needs a positive `maximum`: the page size used when the caller sets none"),
            );
            None
        }
    }
}

/// Whether a success response of the operation is a JSON array.
fn returns_array(cx: &Cx, op: &openapiv3::Operation) -> bool {
    op.responses.responses.iter().any(|(status, response)| {
        is_success(status)
            && resolve_response(cx.doc, response)
                .and_then(|r| super::preferred_content(&r.content))
                .and_then(|(_, media)| media.schema.as_ref())
                .and_then(|schema| resolve_schema(cx.doc, schema))
                .is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::Array(_))))
    })
}
