//! Responses: each classified once (success, upgrade, error or other) and lowered with its body;
//! what the client can return of them; and the one error body every operation shares.

use std::collections::BTreeSet;

use openapiv3::{OpenAPI, ReferenceOr, Response, StatusCode};
use serde_json::Value;

use super::Cx;
use super::walk::{OperationAt, all_operations, labelled_responses};
use crate::model::{self, Content, Media, Role, Status};
use crate::resolve::resolve_response;

/// What the status `status` (`None` for `default`) means for `op`: the one rule. A `default` is
/// the answer when the operation documents no 2XX and no `101`, and an error otherwise.
pub(super) fn role(op: &openapiv3::Operation, status: Option<&StatusCode>) -> Role {
    match status {
        Some(StatusCode::Code(101)) => Role::Upgrade,
        Some(status) if is_success(status) => Role::Success,
        Some(StatusCode::Code(code)) if *code >= 400 => Role::Error,
        Some(StatusCode::Range(class)) if *class >= 4 => Role::Error,
        Some(_) => Role::Other,
        None if !upgrades(op) && !op.responses.responses.keys().any(is_success) => Role::Success,
        None => Role::Error,
    }
}

/// Whether a status is a success (2XX) one.
pub(super) fn is_success(status: &StatusCode) -> bool {
    match status {
        StatusCode::Code(code) => (200..300).contains(code),
        StatusCode::Range(range) => *range == 2,
    }
}

/// Whether the operation answers by upgrading its connection (it documents `101`).
fn upgrades(op: &openapiv3::Operation) -> bool {
    op.responses
        .responses
        .keys()
        .any(|status| matches!(status, StatusCode::Code(101)))
}

/// The operation's responses, checked and lowered, in document order with `default` last.
pub(super) fn responses(cx: &mut Cx, at: &OperationAt) -> Vec<model::Response> {
    check_responses(cx, at.op, &at.pointer);
    let mut out = Vec::new();
    for (label, status, response) in labelled_responses(at.op) {
        let Some(response) = resolve_response(cx.doc, response) else {
            continue; // the $ref check reports it
        };
        let pointer = format!("{}.responses.{label}", at.pointer);
        out.push(model::Response {
            status: match status {
                Some(StatusCode::Code(code)) => Status::Code(*code),
                Some(StatusCode::Range(class)) => Status::Class(*class),
                None => Status::Default,
            },
            role: role(at.op, status),
            content: content(cx, response, &pointer),
        });
    }
    out
}

/// A response's body: its first content type, and its schema lowered.
fn content(cx: &mut Cx, response: &Response, pointer: &str) -> Option<Content> {
    let (content_type, media) = response.content.first()?;
    let schema_pointer = format!("{pointer}.content.{content_type}.schema");
    Some(Content {
        content_type: content_type.clone(),
        media: Media::of(content_type)?,
        schema: match &media.schema {
            Some(schema) => Some(cx.lower_schema(schema, &schema_pointer)?),
            None => None,
        },
    })
}

/// What the success responses of an operation carry: their body schemas (by status) and kinds.
#[derive(Default)]
struct Successes {
    count: usize,
    schemas: Vec<(String, Value)>,
    kinds: BTreeSet<&'static str>,
}

/// The client returns one type: success responses must all have the same kind of body (all
/// JSON, or all empty) and the same schema; every response offers one content type.
fn check_responses(cx: &mut Cx, op: &openapiv3::Operation, pointer: &str) {
    let doc = cx.doc;
    let mut successes = Successes::default();
    for (status, response) in &op.responses.responses {
        let Some(response) = resolve_response(doc, response) else {
            continue;
        };
        check_response_content(cx, response, &format!("{pointer}.responses.{status}"));
        if is_success(status) {
            successes.add(status, response);
        }
    }
    if let Some(default) = &op.responses.default
        && resolve_response(doc, default).is_some_and(|r| r.content.len() > 1)
    {
        cx.add(
            format!("{pointer}.responses.default.content"),
            "the response offers several content types; the generator supports one",
        );
    }
    successes.check(cx, op, &format!("{pointer}.responses"));
}

impl Successes {
    fn add(&mut self, status: &StatusCode, response: &Response) {
        self.count += 1;
        let first = response.content.first();
        let schema = first.and_then(|(_, media)| media.schema.as_ref());
        if let Some(schema) = schema.and_then(|s| serde_json::to_value(s).ok()) {
            self.schemas.push((status.to_string(), schema));
        }
        self.kinds
            .insert(match first.and_then(|(t, _)| Media::of(t)) {
                None => "no body",
                Some(Media::Json) => "a JSON body",
                Some(Media::Text) => "a text body",
                Some(Media::Form | Media::Bytes) => "a byte body",
            });
    }

    fn check(&self, cx: &mut Cx, op: &openapiv3::Operation, pointer: &str) {
        if let Some((first, schema)) = self.schemas.first()
            && let Some((other, _)) = self.schemas.iter().find(|(_, s)| s != schema)
        {
            cx.add(
                pointer,
                format!("the success responses {first} and {other} have different body schemas; the client returns one type, so give them the same schema"),
            );
        }
        let upgrades = upgrades(op);
        if upgrades && self.count > 0 {
            cx.add(
                pointer,
                "the operation answers both `101` (it upgrades the connection) and 2XX; the client returns one of them, so keep one",
            );
        }
        if self.count == 0 && !upgrades && op.responses.default.is_none() {
            cx.add(
                pointer,
                "the operation has no success (2XX or 101) response; add one so the client knows what it returns",
            );
        }
        if self.kinds.len() > 1 {
            cx.add(
                pointer,
                "the success responses mix kinds of body (JSON, text, bytes or none); the client returns one type, so give them all the same kind (a `2XX` without content accepts any success)",
            );
        }
    }
}

/// A response offers at most one content type, and not a multipart one.
fn check_response_content(cx: &mut Cx, response: &Response, pointer: &str) {
    if response.content.len() > 1 {
        cx.add(
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
        cx.add(
            format!("{pointer}.content"),
            format!("the response is `{content_type}`; multipart answers are not supported"),
        );
    }
}

/// Error bodies (4XX, 5XX, default) must share one schema, so the client has one error type.
pub(super) fn check_error_bodies(cx: &mut Cx) {
    let doc = cx.doc;
    let mut first: Option<(String, String)> = None;
    for at in all_operations(doc) {
        let errors =
            labelled_responses(at.op).filter(|(_, status, _)| role(at.op, *status) == Role::Error);
        for (status, _, response) in errors {
            let Some(schema) = error_schema(doc, response) else {
                continue;
            };
            let pointer = format!("{}.responses.{status}", at.pointer);
            match &first {
                None => first = Some((schema, pointer)),
                Some((expected, _)) if *expected == schema && !schema.starts_with('(') => {}
                Some((expected, at)) => cx.add(
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
