//! Planning an operation's answers: which statuses are success and what each carries, which
//! carry an error body and its type. One body for every success is today's plain answer; answers
//! that differ by status become an enum with a variant per status.

use crate::tokens::{RustIdent, RustText};
use quote::{format_ident, quote};
use typify::TypeId;

use super::operation::{ByStatus, StatusVariant, VariantBody};
use super::planner::Planner;
use super::{Media, Status};
use crate::error::Result;
use crate::model::{self, JsonSchema, Role};
use crate::names;
use crate::type_engine::{RustType, Shape, TypeRef};

/// What the responses of an operation decide.
pub(super) struct Responses {
    pub success: Vec<Status>,
    pub answer: Option<RustType>,
    pub upgrade: bool,
    pub redirect: bool,
    pub media: Media,
    pub accept: String,
    pub errors: Vec<Status>,
    /// Each error status with a body, and the body's type.
    pub error_ids: Vec<(Status, Carried)>,
    pub outcome: Option<ByStatus>,
}

/// What one answer carries.
#[derive(Clone, PartialEq)]
pub(super) enum Carried {
    Json(TypeId),
    Text,
    Bytes,
    Empty,
}

impl Planner<'_> {
    pub(super) fn responses(&mut self) -> Result<Responses> {
        let mut out = Responses {
            success: Vec::new(),
            answer: None,
            upgrade: false,
            redirect: false,
            media: Media::Json,
            accept: "application/json".to_owned(),
            errors: Vec::new(),
            error_ids: Vec::new(),
            outcome: None,
        };
        if self.op.responses.is_empty() {
            // Nothing documented: any status answers its raw body (`send_with_response` gives the
            // status and headers).
            out.success.push(Status::Default);
            out.answer = Some(RustType::bytes());
            out.media = Media::Bytes;
            out.accept = "*/*".to_owned();
            return Ok(out);
        }
        let names = InlineNames::of(self.op);
        let mut carried: Vec<(Status, Carried)> = Vec::new();
        let mut redirects = Vec::new();
        for response in &self.op.responses {
            match response.role {
                Role::Upgrade => {
                    // A 101 has no body; what follows is the other protocol's.
                    out.success.push(response.status);
                    out.upgrade = true;
                    out.answer = Some(RustType::upgraded());
                }
                Role::Success => {
                    let what = self.success(response, &mut out, &names)?;
                    carried.push((out.success[out.success.len() - 1], what));
                }
                Role::Error => self.error(response, &mut out, &names)?,
                Role::Redirect => redirects.push(response.status),
                Role::Other => {}
            }
        }
        if out.success.is_empty() && !redirects.is_empty() {
            // Only redirects: where they point is the answer.
            out.success = redirects;
            out.redirect = true;
            out.answer = Some(RustType::redirect());
            return Ok(out);
        }
        if out.success.is_empty() {
            out.success.push(Status::Class(2));
        }
        self.answer(&carried, &mut out)?;
        Ok(out)
    }

    /// A success answer: the statuses it covers (a `default` that is the answer covers the 2XX
    /// ones), its media, and what it carries.
    fn success(
        &mut self,
        response: &model::Response,
        out: &mut Responses,
        names: &InlineNames,
    ) -> Result<Carried> {
        out.success.push(match response.status {
            Status::Default => Status::Class(2),
            status => status,
        });
        let Some(content) = &response.content else {
            return Ok(Carried::Empty);
        };
        out.media = content.media;
        out.accept = content.content_type.clone();
        Ok(match (content.media, &content.schema) {
            (Media::Text, _) => Carried::Text,
            (Media::Bytes | Media::Form | Media::Multipart, _) => Carried::Bytes,
            (Media::Json, Some(schema)) => {
                let name = names.success(self.op, response.status);
                Carried::Json(self.add(schema, &name)?)
            }
            (Media::Json, None) => Carried::Empty,
        })
    }

    /// An error answer with a body: its status and type.
    fn error(
        &mut self,
        response: &model::Response,
        out: &mut Responses,
        names: &InlineNames,
    ) -> Result<()> {
        let Some(content) = &response.content else {
            return Ok(());
        };
        let carried = match (content.media, &content.schema) {
            (_, None) => return Ok(()),
            (Media::Text, Some(_)) => Carried::Text,
            (Media::Bytes | Media::Form | Media::Multipart, Some(_)) => Carried::Bytes,
            (Media::Json, Some(schema)) => {
                Carried::Json(self.add(schema, &names.error(self.op, response.status))?)
            }
        };
        out.errors.push(response.status);
        out.error_ids.push((response.status, carried));
        Ok(())
    }

    /// The answer's type: the one thing every success carries, or an enum of what each does.
    fn answer(&self, carried: &[(Status, Carried)], out: &mut Responses) -> Result<()> {
        let Some((_, first)) = carried.first() else {
            return Ok(());
        };
        if carried.iter().all(|(_, c)| c == first) {
            out.answer = match first {
                Carried::Json(id) => Some(self.rust_type(id)?),
                Carried::Text => Some(RustType::string()),
                Carried::Bytes => Some(RustType::bytes()),
                Carried::Empty => None,
            };
            return Ok(());
        }
        let ident = RustIdent::from(format_ident!("{}Answer", names::pascal(&self.op.id)));
        let mut variants = Vec::new();
        for (status, what) in carried {
            let body = match what {
                Carried::Json(id) => VariantBody::Json(self.rust_type(id)?),
                Carried::Text => VariantBody::Text,
                Carried::Bytes => VariantBody::Bytes,
                Carried::Empty => VariantBody::Empty,
            };
            variants.push(variant(*status, body));
        }
        out.accept = accept(&self.op.responses);
        out.answer = Some(by_status_type(&ident));
        out.outcome = Some(ByStatus { ident, variants });
        Ok(())
    }
}

/// A variant of a per-status enum, named from its status.
pub(super) fn variant(status: Status, body: VariantBody) -> StatusVariant {
    StatusVariant {
        ident: RustIdent::from(format_ident!("{}", names::status_variant(status))),
        status,
        body,
    }
}

/// The Rust type of a generated per-status enum of the `responses` module.
pub(super) fn by_status_type(ident: &RustIdent) -> RustType {
    RustType {
        tokens: RustText::new(&quote!(crate::responses::#ident)),
        shape: Shape::Other,
        names_types: false,
        desc: TypeRef::Response(ident.to_string()),
    }
}

/// The `Accept` header of answers that differ by status: each success content type, once.
fn accept(responses: &[model::Response]) -> String {
    let mut types: Vec<&str> = Vec::new();
    let success = responses.iter().filter(|r| r.role == Role::Success);
    for content in success.filter_map(|r| r.content.as_ref()) {
        if !types.contains(&content.content_type.as_str()) {
            types.push(&content.content_type);
        }
    }
    if types.is_empty() {
        return "application/json".to_owned();
    }
    types.join(", ")
}

/// How the inline schemas of an operation's answers are named: `{Op}Response` when its
/// successes (or its errors) share one schema, as progenitor names them; one name per status
/// (`{Op}201Response`, `{Op}404Error`) when they differ.
struct InlineNames {
    successes_differ: bool,
    errors_differ: bool,
}

impl InlineNames {
    fn of(op: &model::Operation) -> InlineNames {
        let schemas = |role: Role| -> Vec<&JsonSchema> {
            let of_role = op.responses.iter().filter(|r| r.role == role);
            of_role
                .filter_map(|r| r.content.as_ref()?.schema.as_ref())
                .collect()
        };
        let differ = |schemas: Vec<&JsonSchema>| schemas.windows(2).any(|w| w[0] != w[1]);
        InlineNames {
            successes_differ: differ(schemas(Role::Success)),
            errors_differ: differ(schemas(Role::Error)),
        }
    }

    fn success(&self, op: &model::Operation, status: Status) -> String {
        match self.successes_differ {
            true => format!("{}-{}-response", op.id, label(status)),
            false => format!("{}-response", op.id),
        }
    }

    fn error(&self, op: &model::Operation, status: Status) -> String {
        match self.errors_differ {
            true => format!("{}-{}-error", op.id, label(status)),
            false => format!("{}-response", op.id),
        }
    }
}

/// A status as the spec writes its key: `404`, `4XX`, `default`.
fn label(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Class(class) => format!("{class}XX"),
        Status::Default => "default".to_owned(),
    }
}
