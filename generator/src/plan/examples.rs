//! The Rust expressions the docs' examples pass for a value: the spec's example where it fits
//! the value's type.

use serde_json::Value;

use crate::type_engine::{RustType, Shape};

/// A Rust expression for an example value of a type, from the spec's example where it fits:
/// a literal, an enum's variant, the example as JSON, or `todo!()`.
pub(super) fn example_literal(ty: &RustType, example: Option<&Value>, krate: &str) -> String {
    match &ty.shape {
        Shape::String => match example {
            Some(Value::String(s)) => format!("{s:?}"),
            _ => "\"text\"".to_owned(),
        },
        Shape::Float => match example.and_then(Value::as_f64) {
            Some(n) => format!("{n:?}"),
            None => "1.0".to_owned(),
        },
        Shape::Integer { signed } => match example.and_then(Value::as_i64) {
            Some(n) if *signed || n >= 0 => n.to_string(),
            _ => "1".to_owned(),
        },
        Shape::NonZero => {
            let n = example
                .and_then(Value::as_u64)
                .filter(|n| *n > 0)
                .unwrap_or(1);
            format!(
                "{}::new({n}).unwrap()",
                ty.tokens.to_string().replace(' ', "")
            )
        }
        Shape::Bool => match example.and_then(Value::as_bool) {
            Some(b) => b.to_string(),
            None => "true".to_owned(),
        },
        Shape::Enum {
            unit_variant: Some(variant),
        } => format!(
            "{krate}::{}::{variant}",
            ty.tokens.to_string().replace(' ', "")
        ),
        Shape::File => format!("{krate}::FilePart::bytes(\"content\").file_name(\"notes.txt\")"),
        Shape::Vec(item) if matches!(item.shape, Shape::File) => {
            format!("vec![{}]", example_literal(item, None, krate))
        }
        _ => match example {
            Some(json) => format!("serde_json::from_value(serde_json::json!({json})).unwrap()"),
            None => "todo!()".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::type_engine::TypeRef;

    #[test]
    fn examples_fit_their_type() {
        let of = |shape: Shape| RustType {
            tokens: crate::tokens::RustText::new(&quote::quote!(types::Color)),
            shape,
            names_types: false,
            desc: TypeRef::Named("Color".to_owned()),
        };
        let example =
            |shape: Shape, json: Option<Value>| example_literal(&of(shape), json.as_ref(), "api");
        let int = || Shape::Integer { signed: false };
        assert_eq!(example(int(), Some(serde_json::json!(-3))), "1");
        assert_eq!(example(int(), Some(serde_json::json!(7))), "7");
        assert_eq!(
            example(Shape::String, Some(serde_json::json!("Dev"))),
            "\"Dev\""
        );
        assert_eq!(example(Shape::Float, None), "1.0");
        let red = Shape::Enum {
            unit_variant: Some("Red".to_owned()),
        };
        assert_eq!(example(red, None), "api::types::Color::Red");
        assert_eq!(example(Shape::Other, None), "todo!()");
        assert_eq!(
            example(Shape::Named, Some(serde_json::json!({"a": 1}))),
            "serde_json::from_value(serde_json::json!({\"a\":1})).unwrap()"
        );
    }
}
