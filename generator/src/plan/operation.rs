//! The plan of one operation: everything the renderers need to know of it, as data.

use std::collections::BTreeSet;

use crate::tokens::RustIdent;
use serde_json::Value;

use super::{Cfg, Media, Method, ParamIn, ParamStyle, PartKind, Rule, Status};
use crate::type_engine::RustType;

/// Everything the renderers need to know of one operation.
pub(crate) struct OperationPlan {
    /// `operationId`.
    pub id: String,
    /// The `Client` method, e.g. `read_task`.
    pub method_ident: RustIdent,
    /// The request builder, e.g. `ReadTask`.
    pub builder_ident: RustIdent,
    pub method: Method,
    /// Path template, e.g. `/tasks/{id}`.
    pub path: String,
    /// The template cut into literal text and path params.
    pub path_parts: Vec<PathPart>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The spec's `tags`: the first groups its command-line command.
    pub tags: Vec<String>,
    /// The cargo features it compiles under: any of its tags'.
    pub cfg: Cfg,
    /// Path params, then query params, each in spec order.
    pub params: Vec<ParamPlan>,
    pub body: Option<BodyPlan>,
    /// A `multipart/form-data` body, whose parts are params ([`ParamIn::Part`]).
    pub multipart: Option<MultipartPlan>,
    /// Statuses that are success.
    pub success: Vec<Status>,
    /// The decoded success body; `None` when success carries none. The upgraded connection
    /// when [`upgrade`](Self::upgrade).
    pub answer: Option<RustType>,
    /// Success is `101 Switching Protocols`: the builder's `upgrade(protocol)` takes the place
    /// of `send()` and answers with the connection.
    pub upgrade: bool,
    /// The operation answers only redirects: they are not followed, and `send()` answers where
    /// they point.
    pub redirect: bool,
    /// How the success body travels (JSON when there is none).
    pub answer_media: Media,
    /// The `Accept` header: the success body's content type, else JSON (for error bodies).
    pub accept: String,
    /// Statuses answered with an error body the spec documents.
    pub errors: Vec<Status>,
    /// The type of that error body.
    pub error: ErrorPlan,
    /// When the success answers differ by status (a body on some and none on others, or
    /// different bodies): the enum `answer` is, with a variant per status.
    pub outcome: Option<ByStatus>,
    /// The other media its success answers are documented in, when there are any: the builder's
    /// `send_as` asks for one of them and answers the body undecoded.
    pub other_media: Option<MediaChoice>,
    pub paging: Option<PagingPlan>,
}

/// A generated enum (in the crate's `responses` module) naming the other media of an answer.
pub(crate) struct MediaChoice {
    /// Its name, e.g. `ExportMedia`.
    pub ident: RustIdent,
    /// Each variant and its content type, in document order.
    pub variants: Vec<(RustIdent, String)>,
}

/// The error body of an operation's calls.
pub(crate) enum ErrorPlan {
    /// The crate's shared error body: the call fails with `crate::Error`.
    Shared,
    /// A body of its own, the same for every error status: `runtime::Error<T>`.
    Own(RustType),
    /// A body per documented status: `runtime::Error<responses::{Op}Error>`.
    PerStatus(ByStatus),
}

/// A generated enum (in the crate's `responses` module) with one variant per documented status.
pub(crate) struct ByStatus {
    /// Its name, e.g. `ReadTaskError`.
    pub ident: RustIdent,
    /// In document order.
    pub variants: Vec<StatusVariant>,
}

/// One documented status of a [`ByStatus`] enum.
pub(crate) struct StatusVariant {
    /// Named from the status: `NotFound`, `ClientError` (`4XX`), `Default`.
    pub ident: RustIdent,
    pub status: Status,
    pub body: VariantBody,
}

/// What a variant holds.
pub(crate) enum VariantBody {
    Json(RustType),
    Text,
    Bytes,
    Empty,
}

/// A piece of a path template: literal text, or a path param (its Rust name, its name in the
/// template, and its style when it is not written as its text: see [`ParamPlan::style`]).
pub(crate) enum PathPart {
    Literal(String),
    Param(RustIdent, String, Option<Styled>),
}

/// A style a param's value is written in, when it is not the location's plain default.
#[derive(Clone, Copy)]
pub(crate) struct Styled {
    pub style: ParamStyle,
    pub explode: bool,
}

/// A value the caller gives: a param, a body field or a whole body.
pub(crate) struct Input {
    pub ident: RustIdent,
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
    /// The values the schema allows, as text, when it names them.
    pub choices: Vec<String>,
    pub input: Input,
    /// How a part of a multipart body is written; `None` for the other params.
    pub part: Option<PartPlan>,
    /// The style its value is written in, when it is not the plain default: a query param
    /// other than exploded `form`, a path param other than a `simple` text (`label`, `matrix`,
    /// a list or an object).
    pub style: Option<Styled>,
}

/// How a part of a `multipart/form-data` body is written.
pub(crate) struct PartPlan {
    pub kind: PartKind,
    /// The content type of the part (for files, unless the caller gives another): the spec's
    /// `encoding`, else JSON's for JSON parts and `application/octet-stream` for files; `None`
    /// for text, whose parts declare none (`text/plain`).
    pub content_type: Option<String>,
}

/// A `multipart/form-data` request body.
pub(crate) struct MultipartPlan {
    /// The spec requires a body: it is sent even when no part is set (then it has none).
    pub required: bool,
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
    /// A JSON body whose content type is not plain `application/json` (a `+json` or vendor
    /// type, or one a header param fixes): it is sent with that content type.
    pub declares_json_type: bool,
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
    pub field: RustIdent,
    /// The spec's rules on its value, checked before sending.
    pub rules: Vec<Rule>,
    pub required: bool,
    /// Whether the struct field is an `Option`.
    pub is_option: bool,
    /// The spec's `default` of an optional field, as JSON text: the value it starts with.
    pub default: Option<String>,
    /// The values the schema allows, as text, when it names them.
    pub choices: Vec<String>,
    pub input: Input,
}

/// How a list operation pages (`x-paged`).
pub(crate) struct PagingPlan {
    pub page: RustIdent,
    pub size: RustIdent,
    pub page_name: String,
    pub size_name: String,
    pub max: i64,
    /// The page size the server uses when none is sent (the size param's `default`, else `max`).
    pub default_size: i64,
    /// The type of one item.
    pub item: RustType,
}

impl OperationPlan {
    /// Every type the operation's code names.
    pub(super) fn types(&self) -> Vec<&RustType> {
        let params = self.params.iter().map(|p| &p.input.ty);
        let body = self.body.iter().map(|b| &b.ty);
        let error = match &self.error {
            ErrorPlan::Own(ty) => Some(ty),
            ErrorPlan::Shared | ErrorPlan::PerStatus(_) => None,
        };
        let params = params.chain(body).chain(self.answer.iter());
        params.chain(error).collect()
    }

    /// The names of the `types` module's types its code names, anywhere: its inputs, answers,
    /// error bodies and the per-status variants of both.
    pub fn named_types(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let by_status = self.outcome.iter().chain(match &self.error {
            ErrorPlan::PerStatus(errors) => Some(errors),
            _ => None,
        });
        let variants = by_status.flat_map(ByStatus::types);
        let paging = self.paging.iter().map(|p| &p.item);
        for ty in self.types().into_iter().chain(variants).chain(paging) {
            ty.desc.named(&mut out);
        }
        out
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

    /// Optional params, then the body's optional fields (or the optional whole body): the
    /// builder's setters, in order.
    pub fn setters(&self) -> Vec<&Input> {
        let fields = self.body_setters().map(|f| &f.input);
        let whole = self.optional_body();
        self.optional_params().chain(fields).chain(whole).collect()
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

impl ByStatus {
    /// The variants in the order a status is matched: codes, then classes, then `default`.
    pub fn by_specificity(&self) -> Vec<&StatusVariant> {
        let rank = |v: &&StatusVariant| match v.status {
            Status::Code(_) => 0,
            Status::Class(_) => 1,
            Status::Default => 2,
        };
        let mut variants: Vec<&StatusVariant> = self.variants.iter().collect();
        variants.sort_by_key(rank);
        variants
    }

    /// Every type its variants hold.
    pub fn types(&self) -> impl Iterator<Item = &RustType> {
        self.variants.iter().filter_map(|v| match &v.body {
            VariantBody::Json(ty) => Some(ty),
            _ => None,
        })
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
