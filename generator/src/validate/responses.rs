//! Responses: each classified once (success, upgrade, error or other) and lowered with its body;
//! what the client can return of them.

use openapiv3::{Response, StatusCode};

use super::Cx;
use super::walk::{OperationAt, labelled_responses};
use crate::model::{self, Content, JsonSchema, Media, Role, Status};
use crate::resolve::resolve_response;

/// What the status `status` (`None` for `default`) means for `op`: the one rule. A `default` is
/// the answer when the operation documents no 2XX and no `101`, and an error otherwise.
pub(super) fn role(op: &openapiv3::Operation, status: Option<&StatusCode>) -> Role {
    match status {
        Some(StatusCode::Code(101)) => Role::Upgrade,
        Some(status) if is_success(status) => Role::Success,
        Some(StatusCode::Code(code)) if *code >= 400 => Role::Error,
        Some(StatusCode::Range(class)) if *class >= 4 => Role::Error,
        Some(StatusCode::Code(300..=399) | StatusCode::Range(3)) => Role::Redirect,
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
    let success_undocumented = check_responses(cx, at.op, &at.pointer);
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
    if success_undocumented {
        // Any 2XX, its body as it comes.
        out.push(model::Response {
            status: Status::Class(2),
            role: Role::Success,
            content: Some(Content {
                content_type: "*/*".to_owned(),
                media: Media::Bytes,
                schema: None,
                other_media: Vec::new(),
            }),
        });
    }
    out
}

/// A response's body: its first content type, and its schema lowered.
fn content(cx: &mut Cx, response: &Response, pointer: &str) -> Option<Content> {
    let (content_type, media) = super::preferred_content(&response.content)?;
    let schema_pointer = format!("{pointer}.content.{content_type}.schema");
    Some(Content {
        content_type: content_type.clone(),
        media: Media::of(content_type)?,
        schema: match &media.schema {
            Some(schema) => Some(cx.lower_schema(schema, &schema_pointer)?),
            // JSON the spec does not describe: any JSON value.
            None if Media::of(content_type) == Some(Media::Json) => Some(JsonSchema::Bool(true)),
            None => None,
        },
        other_media: (response.content.keys())
            .filter(|other| *other != content_type)
            .cloned()
            .collect(),
    })
}

/// Not both a `101` and a 2XX (an upgrade hands over the connection, which no other answer
/// does). One that documents none answers whatever the server sends; one that documents only
/// redirects answers where they point; one that documents only errors answers a 2XX's body as
/// bytes (returns `true`, with a warning). Success answers that differ by status are an enum of
/// them.
fn check_responses(cx: &mut Cx, op: &openapiv3::Operation, pointer: &str) -> bool {
    let doc = cx.doc;
    let mut successes = 0;
    for (status, response) in &op.responses.responses {
        let Some(response) = resolve_response(doc, response) else {
            continue;
        };
        check_response_content(cx, response, &format!("{pointer}.responses.{status}"));
        successes += usize::from(is_success(status));
    }
    let pointer = format!("{pointer}.responses");
    if upgrades(op) && successes > 0 {
        cx.add(
            &pointer,
            "the operation answers both `101` (it upgrades the connection) and 2XX; the client returns one of them, so keep one",
        );
    }
    let documented = !op.responses.responses.is_empty() || op.responses.default.is_some();
    let redirects = op
        .responses
        .responses
        .keys()
        .any(|status| role(op, Some(status)) == Role::Redirect);
    let undocumented = documented
        && successes == 0
        && !upgrades(op)
        && !redirects
        && op.responses.default.is_none();
    if undocumented {
        cx.warn(
            &pointer,
            "the operation documents no success (2XX) answer; a 2XX answers its body as bytes (`Vec<u8>`); document the answer to type it",
        );
    }
    undocumented
}

/// A response's body is not multipart (of several content types, the client takes one: see
/// [`super::preferred_content`]).
fn check_response_content(cx: &mut Cx, response: &Response, pointer: &str) {
    if let Some((content_type, _)) = super::preferred_content(&response.content)
        && Media::of(content_type).is_none()
    {
        cx.add(
            format!("{pointer}.content"),
            format!("the response is `{content_type}`; multipart answers are not supported"),
        );
    }
}
