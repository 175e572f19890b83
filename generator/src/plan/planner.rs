//! Planning one operation from its lowering: the type engine types its params, body and answers,
//! and every decision about how the caller gives them and how they travel is made here.

use std::path::Path;

use quote::format_ident;
use serde_json::Value;
use typify::TypeId;

use super::examples::example_literal;
use super::operation::{
    BodyKind, BodyPlan, ErrorPlan, FieldPlan, Input, MediaChoice, MultipartPlan, OperationPlan,
    PagingPlan, ParamPlan, PartPlan,
};
use super::responses::Carried;
use super::{Bound, Cfg, Media, ParamIn, PartKind, Rule, Status, internal};
use crate::error::{Error, Result};
use crate::model::{self, JsonSchema};
use crate::names::{self, value_ident};
use crate::tokens::RustIdent;
use crate::type_engine::{Field, RustType, Shape, Types};

/// Plans `op`; also returns the type of its error body, when it documents one.
pub(super) fn plan_operation(
    path: &Path,
    krate: &str,
    op: &model::Operation,
    types: &mut Types,
) -> Result<(OperationPlan, Vec<(Status, Carried)>)> {
    let mut planner = Planner {
        path,
        krate,
        op,
        types,
    };
    planner.operation()
}

/// Plans one operation.
pub(super) struct Planner<'p> {
    pub path: &'p Path,
    /// The generated crate's name, for paths in examples.
    pub krate: &'p str,
    pub op: &'p model::Operation,
    pub types: &'p mut Types,
}

impl<'p> Planner<'p> {
    fn operation(&mut self) -> Result<(OperationPlan, Vec<(Status, Carried)>)> {
        let op = self.op;
        let params = self.params()?;
        let body = self.body()?;
        let responses = self.responses()?;
        let paging = self.paging(responses.answer.as_ref(), &params)?;
        let plan = OperationPlan {
            id: op.id.clone(),
            method_ident: RustIdent::from(format_ident!("{}", names::snake(&op.id))),
            builder_ident: RustIdent::from(format_ident!("{}", names::pascal(&op.id))),
            method: op.method,
            path: op.path.to_string(),
            path_parts: super::styles::path_parts(&op.path, &params),
            summary: op.summary.clone(),
            description: op.description.clone(),
            tags: op.tags.clone(),
            cfg: Cfg::default(),
            params,
            body,
            multipart: self.multipart(),
            success: responses.success,
            answer: responses.answer,
            upgrade: responses.upgrade,
            redirect: responses.redirect,
            answer_media: responses.media,
            accept: op.accept.clone().unwrap_or(responses.accept),
            errors: responses.errors,
            error: ErrorPlan::Shared,
            outcome: responses.outcome,
            other_media: other_media(op),
            paging,
        };
        Ok((plan, responses.error_ids))
    }

    pub(super) fn bug(&self, message: &str) -> Error {
        internal(self.path, &self.op.id, message)
    }

    pub(super) fn add(&mut self, schema: &JsonSchema, name: &str) -> Result<TypeId> {
        self.types
            .add(schema, name)
            .map_err(|message| Error::Engine {
                path: self.path.to_path_buf(),
                operation: Some(self.op.id.clone()),
                message: format!("the engine failed on this spec: {message}"),
            })
    }

    pub(super) fn rust_type(&self, id: &TypeId) -> Result<RustType> {
        self.types
            .rust_type(id)
            .map_err(|message| self.bug(&message))
    }

    /// Path params, then query params, then header params, each in spec order.
    fn params(&mut self) -> Result<Vec<ParamPlan>> {
        let mut out = Vec::new();
        for location in [
            ParamIn::Path,
            ParamIn::Query,
            ParamIn::Header,
            ParamIn::Cookie,
        ] {
            let params = self.op.params.iter().filter(|p| p.location == location);
            for param in params {
                out.push(self.param(param)?);
            }
        }
        for property in self.multipart_body().map_or(&[][..], |b| &b.properties) {
            out.push(self.part(property)?);
        }
        Ok(out)
    }

    /// The operation's `multipart/form-data` body, whose properties are parts.
    fn multipart_body(&self) -> Option<&'p model::Body> {
        (self.op.body.as_ref()).filter(|body| body.media == Media::Multipart)
    }

    fn multipart(&self) -> Option<MultipartPlan> {
        let body = self.multipart_body()?;
        Some(MultipartPlan {
            required: body.required,
        })
    }

    /// A part of a multipart body, given as a param is: files as [`RustType::file_part`]s,
    /// the others typed by their schemas.
    fn part(&mut self, property: &model::Property) -> Result<ParamPlan> {
        let Some(part) = &property.part else {
            return Err(self.bug("a multipart body's property has no part"));
        };
        let ty = match (part.kind, &part.schema) {
            (PartKind::File, _) => RustType::file_part(),
            (PartKind::Files, _) => RustType::vec_of(RustType::file_part()),
            (_, Some(schema)) => {
                let id = self.add(schema, &format!("{}-{}", self.op.id, property.name))?;
                self.rust_type(&id)?
            }
            (_, None) => return Err(self.bug("a multipart text or JSON part has no schema")),
        };
        let (ty, required) = match ty.shape {
            Shape::Option(inner) => (*inner, false),
            _ => (ty, property.required),
        };
        let content_type = match part.kind {
            PartKind::File | PartKind::Files => Some("application/octet-stream"),
            PartKind::Json => Some("application/json"),
            PartKind::Text | PartKind::Texts => None,
        };
        Ok(ParamPlan {
            wire: property.name.clone(),
            default: None,
            rules: rules_for(&property.rules, &ty.shape),
            location: ParamIn::Part,
            required,
            choices: property.choices.clone(),
            input: input(Given {
                ident: &property.ident,
                ty,
                description: property.description.clone(),
                example: property.example.as_ref(),
                krate: self.krate,
            }),
            style: None,
            part: Some(PartPlan {
                kind: part.kind,
                content_type: (part.content_type.as_deref())
                    .or(content_type)
                    .map(str::to_owned),
            }),
        })
    }

    fn param(&mut self, param: &model::Param) -> Result<ParamPlan> {
        let id = self.add(&param.schema, &format!("{}-{}", self.op.id, param.name))?;
        let ty = self.rust_type(&id)?;
        // A nullable query param is optional whatever `required` says; its setter takes the
        // type inside the `Option`.
        let (ty, required) = match ty.shape {
            Shape::Option(inner) => (*inner, false),
            _ => (ty, param.required),
        };
        let rules = rules_for(&param.rules, &ty.shape);
        let input = input(Given {
            ident: &value_ident(&param.name),
            ty,
            description: param.description.clone(),
            example: param.example.as_ref(),
            krate: self.krate,
        });
        Ok(ParamPlan {
            wire: param.name.clone(),
            default: param.default.clone(),
            rules,
            location: param.location,
            required,
            choices: param.choices.clone(),
            style: super::styles::style_of(param, &input.ty.shape),
            input,
            part: None,
        })
    }
}

/// The rules that apply to a value of shape `shape`: number bounds on numbers of their kind,
/// lengths on strings (other shapes carry their rules in their types).
fn rules_for(rules: &[Rule], shape: &Shape) -> Vec<Rule> {
    let fits = |rule: &Rule| {
        matches!(
            (rule, shape),
            (
                Rule::Minimum(Bound::Integer(_)) | Rule::Maximum(Bound::Integer(_)),
                Shape::Integer { .. } | Shape::NonZero,
            ) | (
                Rule::Minimum(Bound::Float(_)) | Rule::Maximum(Bound::Float(_)),
                Shape::Float
            ) | (Rule::MinLength(_) | Rule::MaxLength(_), Shape::String)
        )
    };
    rules.iter().filter(|rule| fits(rule)).cloned().collect()
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
        ident: RustIdent::from(format_ident!("{}", given.ident)),
        into_string: matches!(given.ty.shape, Shape::String),
        example: example_literal(&given.ty, given.example, given.krate),
        ty: given.ty,
        description: given.description,
    }
}

/// The content types its success answers are documented in beside the ones the typed answer
/// decodes, each once; none when the spec fixes `Accept` with a header param.
fn other_media(op: &model::Operation) -> Option<MediaChoice> {
    if op.accept.is_some() {
        return None;
    }
    let contents: Vec<&model::Content> = (op.responses.iter())
        .filter(|r| r.role == model::Role::Success)
        .filter_map(|r| r.content.as_ref())
        .collect();
    let mut media: Vec<&str> = Vec::new();
    for other in contents.iter().flat_map(|c| &c.other_media) {
        // A content type a header cannot carry cannot be asked for.
        let sendable = other.bytes().all(|b| (0x20..0x7f).contains(&b));
        let new =
            !media.contains(&other.as_str()) && contents.iter().all(|c| c.content_type != *other);
        if sendable && new {
            media.push(other);
        }
    }
    if media.is_empty() {
        return None;
    }
    // Named from the content type; one that names a variant already (`a/b+c`, `a/b.c`) takes
    // its place's number.
    let mut bases: Vec<String> = Vec::new();
    let mut idents: Vec<String> = Vec::new();
    for content_type in &media {
        let base = names::pascal(&content_type.replace('*', "any"));
        let repeats = bases.iter().filter(|b| **b == base).count();
        idents.push(match repeats {
            0 => base.clone(),
            n => format!("{base}{}", n + 1),
        });
        bases.push(base);
    }
    let variants = idents.iter().zip(&media);
    Some(MediaChoice {
        ident: RustIdent::from(format_ident!("{}Media", names::pascal(&op.id))),
        variants: variants
            .map(|(ident, content_type)| {
                (
                    RustIdent::from(format_ident!("{ident}")),
                    (*content_type).to_owned(),
                )
            })
            .collect(),
    })
}

/// The body's fields, matched to the spec's properties in spec order.
fn field_plans(
    properties: &[model::Property],
    fields: &[Field],
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
            field: RustIdent::from(format_ident!("{}", field.ident)),
            rules: rules_for(&property.rules, &field.value.shape),
            required: property.required && field.required,
            is_option: field.is_option,
            default: start_value(property),
            choices: property.choices.clone(),
            input: input(Given {
                ident: &property.ident,
                ty: field.value.clone(),
                description: property.description.clone(),
                example: property.example.as_ref(),
                krate,
            }),
        });
    }
    Ok(out)
}

/// The JSON text an optional field starts with: its `default`, unless that is `null` or the
/// field is required (then the caller gives it).
fn start_value(property: &model::Property) -> Option<String> {
    match &property.default {
        Some(value) if !property.required && !value.is_null() => Some(value.to_string()),
        _ => None,
    }
}

impl Planner<'_> {
    fn body(&mut self) -> Result<Option<BodyPlan>> {
        let Some(body) = &self.op.body else {
            return Ok(None);
        };
        if body.media == Media::Multipart {
            return Ok(None); // its parts are params
        }
        let content_type = self.op.content_type.as_ref().unwrap_or(&body.content_type);
        let (media, content_type) = (body.media, content_type.clone());
        let Some(schema) = &body.schema else {
            // Text and bytes are sent as given.
            let ty = match media {
                Media::Text => RustType::string(),
                _ => RustType::bytes(),
            };
            return Ok(Some(BodyPlan {
                kind: self.whole_body(body, ty.clone()),
                ty,
                media,
                content_type,
                example: None,
                skip_when_empty: false,
                declares_json_type: false,
            }));
        };
        let id = self.add(schema, &format!("{}-body", self.op.id))?;
        let ty = self.rust_type(&id)?;
        let fields = self.types.fields(&id).map_err(|m| self.bug(&m))?;
        let kind = match fields {
            Some(fields) if !body.properties.is_empty() => {
                let plans = field_plans(&body.properties, &fields, self.krate);
                BodyKind::Fields(plans.map_err(|m| self.bug(&m))?)
            }
            _ => self.whole_body(body, ty.clone()),
        };
        // An optional body whose fields are all optional is sent only when one is set; one with
        // required fields is always sent, since its required fields are arguments.
        let skip_when_empty = !body.required
            && matches!(&kind, BodyKind::Fields(fields) if fields.iter().all(|f| !f.required));
        let declares_json_type =
            media == Media::Json && !content_type.eq_ignore_ascii_case("application/json");
        Ok(Some(BodyPlan {
            ty,
            media,
            content_type,
            kind,
            example: body.example.clone(),
            skip_when_empty,
            declares_json_type,
        }))
    }

    /// A body given whole: one argument, or the setter `body` when the spec does not require it.
    fn whole_body(&self, body: &model::Body, ty: RustType) -> BodyKind {
        let input = input(Given {
            ident: "body",
            ty,
            description: body.description.clone(),
            example: body.example.as_ref(),
            krate: self.krate,
        });
        if body.required {
            BodyKind::Whole(input)
        } else {
            BodyKind::OptionalWhole(input)
        }
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
            page: RustIdent::from(format_ident!("{}", value_ident(&paging.page))),
            size: RustIdent::from(format_ident!("{}", value_ident(&paging.size))),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_apply_to_values_of_their_kind() {
        let rules = [
            Rule::Minimum(Bound::Integer(1)),
            Rule::Maximum(Bound::Float(2.5)),
            Rule::MaxLength(9),
        ];
        let int = rules_for(&rules, &Shape::Integer { signed: true });
        assert_eq!(int, [Rule::Minimum(Bound::Integer(1))]);
        assert_eq!(rules_for(&rules, &Shape::NonZero).len(), 1);
        assert_eq!(rules_for(&rules, &Shape::Float), [rules[1].clone()]);
        assert_eq!(rules_for(&rules, &Shape::String), [Rule::MaxLength(9)]);
        assert!(rules_for(&rules, &Shape::Named).is_empty());
    }
}
