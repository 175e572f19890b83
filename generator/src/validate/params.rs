//! Parameters: the ones each operation sees (its path item's, overridden by its own of the same
//! name and location), lowered with their schemas and the rules on their values; and what header
//! params must not name.

use openapiv3::{
    Parameter, ParameterData, ParameterSchemaOrContent, PathStyle, QueryStyle, Schema, SchemaKind,
    Type,
};

use super::Cx;
use super::walk::OperationAt;
use crate::model::{Bound, Credential, JsonSchema, Operation, Param, ParamIn, ParamStyle, Rule};
use crate::resolve::{resolve_parameter, resolve_schema};

/// A parameter an operation sees: its lowering, and what the spec writes (for the checks that
/// read the schema itself).
pub(super) struct Seen<'a> {
    pub param: Param,
    pub data: &'a ParameterData,
}

/// The parameters the operation sees, in spec order: its path item's, each replaced in place by
/// the operation's own of the same name and location, then the operation's others. OpenAPI
/// says an operation's parameter overrides the path item's; this is the one place that applies it.
pub(super) fn parameters<'a>(cx: &mut Cx<'a>, at: &OperationAt<'a>) -> Vec<Seen<'a>> {
    let mut seen: Vec<Seen<'a>> = Vec::new();
    for (pointer, param) in at.parameters() {
        let Some(param) = resolve_parameter(cx.doc, param) else {
            continue; // the $ref check reports it
        };
        let Some(lowered) = param_model(cx, param, &pointer) else {
            continue;
        };
        let data = param.parameter_data_ref();
        let same = |s: &Seen| s.param.name == lowered.name && s.param.location == lowered.location;
        match seen.iter().position(same) {
            Some(index) => {
                seen[index] = Seen {
                    param: lowered,
                    data,
                }
            }
            None => seen.push(Seen {
                param: lowered,
                data,
            }),
        }
    }
    seen
}

/// A parameter's data, where it travels and its style.
fn located(param: &Parameter) -> (&ParameterData, ParamIn, ParamStyle) {
    match param {
        Parameter::Path {
            parameter_data,
            style,
        } => (
            parameter_data,
            ParamIn::Path,
            match style {
                PathStyle::Simple => ParamStyle::Simple,
                PathStyle::Label => ParamStyle::Label,
                PathStyle::Matrix => ParamStyle::Matrix,
            },
        ),
        Parameter::Query {
            parameter_data,
            style,
            ..
        } => (
            parameter_data,
            ParamIn::Query,
            match style {
                QueryStyle::Form => ParamStyle::Form,
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            },
        ),
        Parameter::Header { parameter_data, .. } => {
            (parameter_data, ParamIn::Header, ParamStyle::Simple)
        }
        Parameter::Cookie { parameter_data, .. } => {
            (parameter_data, ParamIn::Cookie, ParamStyle::Form)
        }
    }
}

/// The lowering of one parameter, or `None` when it cannot be sent as written.
fn param_model(cx: &mut Cx, param: &Parameter, pointer: &str) -> Option<Param> {
    let (data, location, style) = located(param);
    if location == ParamIn::Cookie && !is_cookie_name(&data.name) {
        cx.add(
            pointer,
            format!(
                "the cookie param `{}` cannot name a cookie (a cookie's name is letters, digits and `!#$%&'*+-.^_`|~`); rename it",
                data.name
            ),
        );
        return None;
    }
    let (schema, rules, default, choices) = param_schema(cx, data, pointer);
    if location == ParamIn::Path && !data.required {
        cx.add(
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
        schema,
        rules,
        default,
        choices,
        style,
        explode: data.explode.unwrap_or(style == ParamStyle::Form),
    })
}

/// A parameter's schema lowered, its rules and its default. A parameter without a schema is a
/// problem; it is lowered with the schema that admits anything, so that the other checks go on.
fn param_schema(
    cx: &mut Cx,
    data: &ParameterData,
    pointer: &str,
) -> (
    JsonSchema,
    Vec<Rule>,
    Option<serde_json::Value>,
    Vec<String>,
) {
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        cx.add(
            pointer,
            format!(
                "the parameter `{}` uses `content`; give it a `schema` instead",
                data.name
            ),
        );
        return (JsonSchema::Bool(true), Vec::new(), None, Vec::new());
    };
    let lowered = cx
        .lower_schema(schema, &format!("{pointer}.schema"))
        .unwrap_or(JsonSchema::Bool(true));
    let resolved = resolve_schema(cx.doc, schema);
    let default = resolved.and_then(|s| s.schema_data.default.clone());
    (lowered, rules(resolved), default, choices(resolved))
}

/// The values a schema allows, as text, when it names them: its `enum` (`null` left out), or
/// a boolean's `true` and `false`.
pub(super) fn choices(schema: Option<&Schema>) -> Vec<String> {
    fn texts<T: ToString>(values: &[Option<T>]) -> Vec<String> {
        values.iter().flatten().map(T::to_string).collect()
    }
    match schema.map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::String(text))) => texts(&text.enumeration),
        Some(SchemaKind::Type(Type::Integer(int))) => texts(&int.enumeration),
        Some(SchemaKind::Type(Type::Number(num))) => texts(&num.enumeration),
        Some(SchemaKind::Type(Type::Boolean(_))) => vec!["true".to_owned(), "false".to_owned()],
        Some(SchemaKind::Any(any)) => (any.enumeration.iter())
            .filter(|value| !value.is_null())
            .map(|value| match value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The rules a schema sets on a value: bounds of integers and numbers (inclusive ones; the
/// exclusive ones stay the type engine's), lengths of strings.
pub(super) fn rules(schema: Option<&Schema>) -> Vec<Rule> {
    let mut out = Vec::new();
    match schema.map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::Integer(int))) => {
            let min = int.minimum.filter(|_| !int.exclusive_minimum);
            let max = int.maximum.filter(|_| !int.exclusive_maximum);
            out.extend(min.map(|n| Rule::Minimum(Bound::Integer(n))));
            out.extend(max.map(|n| Rule::Maximum(Bound::Integer(n))));
        }
        Some(SchemaKind::Type(Type::Number(num))) => {
            let min = num.minimum.filter(|_| !num.exclusive_minimum);
            let max = num.maximum.filter(|_| !num.exclusive_maximum);
            out.extend(min.map(|n| Rule::Minimum(Bound::Float(n))));
            out.extend(max.map(|n| Rule::Maximum(Bound::Float(n))));
        }
        Some(SchemaKind::Type(Type::String(text))) => {
            out.extend(text.min_length.map(Rule::MinLength));
            out.extend(text.max_length.map(Rule::MaxLength));
        }
        _ => {}
    }
    out
}

/// Headers the client sets itself, which a header param must not name.
/// (`connection` and `upgrade` belong to the connection; an upgrade's protocol is the argument
/// of the builder's `upgrade`). `Accept` and `Content-Type` may be declared: see
/// [`fixed_headers`].
const OWN_HEADERS: &[&str] = &[
    "connection",
    "content-length",
    "host",
    "upgrade",
    "user-agent",
];

/// The `Accept` and `Content-Type` that header params with one allowed value fix, taken out of
/// `seen`: the client sends that value in place of its own. A declared `Accept` or
/// `Content-Type` with more values, or any string, stays a typed param whose value replaces the
/// client's.
pub(super) fn fixed_headers(cx: &Cx, seen: &mut Vec<Seen>) -> (Option<String>, Option<String>) {
    let mut fixed = (None, None);
    seen.retain(|s| {
        let name = s.param.name.to_ascii_lowercase();
        let value = match (s.param.location, name.as_str()) {
            (ParamIn::Header, "accept" | "content-type") => only_value(cx, s.data),
            _ => None,
        };
        match (value, name.as_str()) {
            (Some(value), "accept") => fixed.0 = Some(value),
            (Some(value), _) => fixed.1 = Some(value),
            (None, _) => return true,
        }
        false
    });
    fixed
}

/// Whether `name` can name a cookie: an HTTP token (RFC 6265, section 4.1.1).
fn is_cookie_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The one value a string parameter's `enum` allows, if it allows one.
fn only_value(cx: &Cx, data: &ParameterData) -> Option<String> {
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        return None;
    };
    match &resolve_schema(cx.doc, schema)?.schema_kind {
        SchemaKind::Type(Type::String(text)) => match text.enumeration.as_slice() {
            [Some(value)] => Some(value.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A header param must not name a header the client sets itself or a credential's header.
pub(super) fn check_header_params(
    cx: &mut Cx,
    operations: &[Operation],
    credentials: &[Credential],
) {
    for op in operations {
        let headers = op.params.iter().filter(|p| p.location == ParamIn::Header);
        for param in headers {
            let name = param.name.to_ascii_lowercase();
            let credential = credentials
                .iter()
                .any(|c| c.header.eq_ignore_ascii_case(&name));
            if !credential && !OWN_HEADERS.contains(&name.as_str()) {
                continue;
            }
            let why = if credential {
                "a credential's header, which `Credentials` sends"
            } else {
                "a header the client sets itself"
            };
            cx.add(
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
