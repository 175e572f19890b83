//! The public Rust API of a generated crate, as data: each operation's `Client` method (its
//! arguments in order, setters, body method, answer, paging, request and docs) and each type of
//! the `types` module (fields, variants). Built from the plans; written into the crate as
//! `api.json` so that the next generation can say what changed (see [`crate::report`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::plan::{
    ApiPlan, BodyKind, ByStatus, ErrorPlan, Input, NamedType, OperationPlan, RustType, TypeRef,
    VariantBody,
};
use crate::render;

/// The file of the generated crate that holds its [`Surface`].
pub(crate) const FILE: &str = "api.json";

/// A generated crate's public API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Surface {
    #[serde(rename = "@generated")]
    pub generated: String,
    /// Cargo package name.
    pub crate_name: String,
    /// Cargo package version (`info.x-rust-crate.version`).
    pub version: String,
    /// By `Client` method name.
    pub operations: BTreeMap<String, OperationSurface>,
    /// By type name.
    pub types: BTreeMap<String, TypeSurface>,
    /// The cargo features of the tags (none when the spec has no tags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

/// One operation's methods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct OperationSurface {
    /// Where the spec declares it, e.g. `paths./tasks/{id}.get`.
    pub location: String,
    /// What it sends, e.g. `GET /tasks/{id}`.
    pub request: String,
    /// The method's arguments, in order.
    pub arguments: Vec<Value>,
    /// The request builder's setters.
    pub setters: BTreeMap<String, TypeRef>,
    /// The body type of `*_with_body`, when there is one.
    pub with_body: Option<TypeRef>,
    /// What `send()` returns.
    pub answer: TypeRef,
    /// Whether the builder has `stream()`.
    pub paged: bool,
    /// The operation's and its values' descriptions.
    pub docs: String,
    /// The body of its error, when it is not the crate's `Error`: one type, or one per status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorSurface>,
    /// When its answers differ by status: each variant of its answer and what it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_variants: Option<BTreeMap<String, TypeRef>>,
    /// The other media `send_as` can ask for: variant → content type.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub other_media: BTreeMap<String, String>,
    /// The cargo features it compiles under (any one of them); none: always.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

/// An operation's own error body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ErrorSurface {
    /// The same body for every error status.
    Own(TypeRef),
    /// An enum with a variant per status: variant → the body it holds.
    PerStatus(BTreeMap<String, TypeRef>),
}

/// An argument: its name and type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Value {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
}

/// One type of the `types` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct TypeSurface {
    /// Where the spec declares it, e.g. `components.schemas.Task`.
    pub location: String,
    #[serde(flatten)]
    pub kind: TypeKind,
}

/// What a type is made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum TypeKind {
    Struct { fields: BTreeMap<String, Field> },
    Enum { variants: Vec<String> },
    Newtype { inner: TypeRef },
}

/// A struct field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Field {
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub docs: String,
}

/// The text of `api.json`: pretty JSON whose first line carries the `@generated` note.
pub(crate) fn to_text(surface: &Surface) -> Result<String, serde_json::Error> {
    let pretty = serde_json::to_string_pretty(surface)?;
    Ok(format!("{}\n", pretty.replacen("{\n  ", "{", 1)))
}

/// The surface of the crate `plan` renders.
pub(crate) fn surface(plan: &ApiPlan, spec_label: &str) -> Surface {
    Surface {
        generated: render::generated(render::Made::ApiFromSpec(spec_label)),
        crate_name: plan.krate.name.clone(),
        version: plan.krate.version.clone(),
        operations: plan
            .operations
            .iter()
            .map(|op| (op.method_ident.to_string(), operation(op)))
            .collect(),
        types: plan
            .named_types
            .iter()
            .map(|(name, named)| (name.clone(), type_surface(plan, name, named)))
            .collect(),
        features: plan.features.iter().map(|f| f.name.clone()).collect(),
    }
}

fn value(input: &Input) -> Value {
    Value {
        name: input.ident.to_string(),
        ty: input.ty.desc.clone(),
    }
}

fn operation(op: &OperationPlan) -> OperationSurface {
    let setters = op.setters();
    let mut text = vec![op.summary.clone(), op.description.clone()];
    text.extend(
        op.arguments()
            .chain(setters.iter().copied())
            .map(|i| i.description.clone()),
    );
    OperationSurface {
        location: format!(
            "paths.{}.{}",
            op.path,
            op.method.as_str().to_ascii_lowercase()
        ),
        request: format!("{} {}", op.method.as_str(), op.path),
        arguments: op.arguments().map(value).collect(),
        setters: setters
            .iter()
            .map(|i| (i.ident.to_string(), i.ty.desc.clone()))
            .collect(),
        with_body: op.body.as_ref().and_then(|body| match body.kind {
            BodyKind::Fields(_) => Some(body.ty.desc.clone()),
            BodyKind::Whole(_) | BodyKind::OptionalWhole(_) => None,
        }),
        answer: op.answer.as_ref().map_or(TypeRef::Unit, |a| a.desc.clone()),
        paged: op.paging.is_some(),
        error: match &op.error {
            ErrorPlan::Shared => None,
            ErrorPlan::Own(ty) => Some(ErrorSurface::Own(ty.desc.clone())),
            ErrorPlan::PerStatus(errors) => Some(ErrorSurface::PerStatus(variants(errors))),
        },
        answer_variants: op.outcome.as_ref().map(variants),
        other_media: (op.other_media.iter())
            .flat_map(|media| &media.variants)
            .map(|(variant, content_type)| (variant.to_string(), content_type.clone()))
            .collect(),
        docs: text.into_iter().flatten().collect::<Vec<_>>().join("\n"),
        features: op.cfg.gates.iter().flatten().cloned().collect(),
    }
}

/// Each variant of a per-status enum and what it holds (`()` for nothing).
fn variants(enum_: &ByStatus) -> BTreeMap<String, TypeRef> {
    let holds = |body: &VariantBody| match body {
        VariantBody::Json(ty) => ty.desc.clone(),
        VariantBody::Text => TypeRef::String,
        VariantBody::Bytes => RustType::bytes().desc,
        VariantBody::Empty => TypeRef::Unit,
    };
    let each = enum_
        .variants
        .iter()
        .map(|v| (v.ident.to_string(), holds(&v.body)));
    each.collect()
}

fn type_surface(plan: &ApiPlan, name: &str, named: &NamedType) -> TypeSurface {
    let kind = match named {
        NamedType::Struct(fields) => TypeKind::Struct {
            fields: fields
                .iter()
                .map(|(field, ty, docs)| {
                    let field_surface = Field {
                        ty: ty.clone(),
                        docs: docs.clone(),
                    };
                    (field.clone(), field_surface)
                })
                .collect(),
        },
        NamedType::Enum(variants) => TypeKind::Enum {
            variants: variants.clone(),
        },
        NamedType::Newtype(inner) => TypeKind::Newtype {
            inner: inner.clone(),
        },
    };
    let location = match plan.schema_names.get(name) {
        Some(schema) => format!("components.schemas.{schema}"),
        None => "(a schema inline in an operation)".to_owned(),
    };
    TypeSurface { location, kind }
}
