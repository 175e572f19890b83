//! How params are written: the path's parts, and the style of a param that is not written in
//! its location's plain default.

use quote::format_ident;

use super::operation::{ParamPlan, PathPart, Styled};
use super::{ParamIn, ParamStyle};
use crate::model::{self, Part};
use crate::names::value_ident;
use crate::tokens::RustIdent;
use crate::type_engine::Shape;

/// `/tasks/{id}` → `/tasks/`, `id` (with the param's style, from `params`).
pub(super) fn path_parts(template: &model::PathTemplate, params: &[ParamPlan]) -> Vec<PathPart> {
    let style = |name: &str| {
        let param = params
            .iter()
            .find(|p| p.location == ParamIn::Path && p.wire == name);
        param.and_then(|p| p.style)
    };
    let part = |part: &Part| match part {
        Part::Literal(text) => PathPart::Literal(text.clone()),
        Part::Variable(name) => PathPart::Param(
            RustIdent::from(format_ident!("{}", value_ident(name))),
            name.clone(),
            style(name),
        ),
    };
    template.parts().iter().map(part).collect()
}

/// The style `param`'s value (of shape `shape`) is written in, when it is not the plain
/// default: a query param other than exploded `form`; a path param other than `simple`, or
/// whose value is not a text (a list, an object).
pub(super) fn style_of(param: &model::Param, shape: &Shape) -> Option<Styled> {
    let styled = Some(Styled {
        style: param.style,
        explode: param.explode,
    });
    let text = matches!(
        shape,
        Shape::String
            | Shape::Integer { .. }
            | Shape::NonZero
            | Shape::Float
            | Shape::Bool
            | Shape::Enum { .. }
    );
    match param.location {
        ParamIn::Query if (param.style, param.explode) != (ParamStyle::Form, true) => styled,
        ParamIn::Path if param.style != ParamStyle::Simple || !text => styled,
        _ => None,
    }
}
