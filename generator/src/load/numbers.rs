//! Numbers the `openapiv3` types cannot hold, made to fit before the document is read into them,
//! each change said at its place.
//!
//! - YAML integers beyond 64 bits (`minimum: -9223372036854776000`, JavaScript's rounding of
//!   `i64::MIN`) do not even parse into `serde_yaml::Value`; [`parse_wide`] reads them as the
//!   floats they are close to, and says where they were.
//! - An integer schema's `minimum`, `maximum` and `multipleOf` are `i64` to `openapiv3`
//!   ([`fit_integer_keywords`]): a bound at or beyond the `i64` range bounds nothing for an
//!   `i64` and is clamped to `i64::MIN`/`i64::MAX` (a warning); a whole number written as a float
//!   (`1.0`) becomes the integer; a value that is not a whole number, or another one beyond 64
//!   bits, is a problem naming the keyword.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Number, Value};

/// A note on a number: the dotted pointer of its node and the message.
pub(super) type Note = (String, String);

/// Parses `source` as YAML, reading each integer beyond 64 bits as the nearest float. Returns the
/// value and, for each such integer, its pointer and its text.
pub(super) fn parse_wide(source: &str) -> Result<(Value, Vec<Note>), serde_yaml::Error> {
    let wide = RefCell::new(Vec::new());
    let deserializer = serde_yaml::Deserializer::from_str(source);
    let value = Node {
        pointer: String::new(),
        wide: &wide,
    }
    .deserialize(deserializer)?;
    Ok((value, wide.into_inner()))
}

/// A node of the YAML document being read, at `pointer`.
struct Node<'w> {
    pointer: String,
    wide: &'w RefCell<Vec<Note>>,
}

impl<'w> Node<'w> {
    fn at(&self, pointer: String) -> Node<'w> {
        Node {
            pointer,
            wide: self.wide,
        }
    }

    fn wide<E>(self, text: String, value: f64) -> Result<Value, E> {
        self.wide.borrow_mut().push((self.pointer, text));
        Ok(Value::Number(Number::from(value)))
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        self.wide(value.to_string(), value as f64)
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        self.wide(value.to_string(), value as f64)
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<Value, D::Error> {
        self.deserialize(inner)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(self.at(format!("{}[{}]", self.pointer, items.len())))?
        {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some(key) = map.next_key_seed(self.at(self.pointer.clone()))? {
            let child = self.at(child_pointer(&self.pointer, &key));
            if mapping.contains_key(&key) {
                let message = format!("duplicate entry with key {}", key_text(&key));
                return Err(serde::de::Error::custom(message));
            }
            let value = map.next_value_seed(child)?;
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, contents) = data.variant::<String>()?;
        let value = contents.newtype_variant_seed(self.at(self.pointer.clone()))?;
        let tag = Tag::new(tag);
        Ok(Value::Tagged(Box::new(TaggedValue { tag, value })))
    }
}

/// How a key reads in a pointer (and in a message).
pub(super) fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(boolean) => boolean.to_string(),
        _ => "?".to_owned(),
    }
}

pub(super) fn child_pointer(parent: &str, key: &Value) -> String {
    let key = key_text(key);
    if parent.is_empty() {
        key
    } else {
        format!("{parent}.{key}")
    }
}

/// What [`fit_integer_keywords`] found.
#[derive(Debug, Default)]
pub(super) struct Fitted {
    pub warnings: Vec<Note>,
    pub problems: Vec<Note>,
}

/// Makes the `minimum`, `maximum` and `multipleOf` of every integer schema of `value` fit an
/// `i64` (see the module's docs). `wide` are the integers [`parse_wide`] read as floats; those
/// that are not such a keyword get a warning of their own.
pub(super) fn fit_integer_keywords(value: &mut Value, wide: &[Note]) -> Fitted {
    let mut fitted = Fitted::default();
    let mut wide: Vec<Note> = wide.to_vec();
    walk(value, "", &mut wide, &mut fitted);
    for (pointer, text) in wide {
        let message = format!(
            "the integer {text} does not fit in 64 bits; it is read as the number {}",
            text.parse::<f64>().unwrap_or_default()
        );
        fitted.warnings.push((pointer, message));
    }
    fitted
}

/// Keys whose value is data, not schemas.
const DATA: &[&str] = &["example", "examples", "default", "enum"];

fn walk(value: &mut Value, pointer: &str, wide: &mut Vec<Note>, fitted: &mut Fitted) {
    match value {
        Value::Mapping(mapping) => {
            if mapping.get("type").and_then(Value::as_str) == Some("integer") {
                for keyword in ["minimum", "maximum", "multipleOf"] {
                    fit(mapping, keyword, pointer, wide, fitted);
                }
            }
            for (key, child) in mapping.iter_mut() {
                let key_text = key_text(key);
                if DATA.contains(&key_text.as_str()) || key_text.starts_with("x-") {
                    continue;
                }
                walk(child, &child_pointer(pointer, key), wide, fitted);
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{pointer}[{index}]"), wide, fitted);
            }
        }
        _ => {}
    }
}

/// Makes the integer schema's `keyword` fit an `i64`, or says why it cannot.
fn fit(
    mapping: &mut Mapping,
    keyword: &str,
    pointer: &str,
    wide: &mut Vec<Note>,
    fitted: &mut Fitted,
) {
    let Some(Value::Number(number)) = mapping.get(keyword) else {
        return;
    };
    if number.as_i64().is_some() {
        return;
    }
    let at = child_pointer(pointer, &Value::String(keyword.to_owned()));
    let text = match wide.iter().position(|(p, _)| *p == at) {
        Some(index) => wide.remove(index).1,
        None => number.to_string(),
    };
    let value = number.as_f64().unwrap_or(f64::NAN);
    let written = format!("`{keyword}: {text}`");
    let (fitted_value, note) = match fitting(keyword, value, text.parse().ok()) {
        Fit::Whole(n) => (n, None),
        Fit::Clamped(n, name) => {
            let side = if n < 0 {
                "below the smallest"
            } else {
                "above the largest"
            };
            let message = format!(
                "{written} is {side} 64-bit integer, so it bounds nothing; it is read as {n} ({name})"
            );
            (n, Some(message))
        }
        Fit::NotWhole => {
            let message = format!(
                "{written} is not a whole number, but the schema is `type: integer`; write a whole number (or make the schema `type: number`)"
            );
            fitted.problems.push((at, message));
            return;
        }
        Fit::Beyond => {
            let message = format!(
                "{written} is beyond 64-bit integers, which the generated client holds an integer in; no value it can hold fits it, so write one within the range of `i64`"
            );
            fitted.problems.push((at, message));
            return;
        }
    };
    mapping.insert(
        Value::String(keyword.to_owned()),
        Value::Number(fitted_value.into()),
    );
    fitted.warnings.extend(note.map(|message| (at, message)));
}

/// How an integer schema's keyword with a value that is not an `i64` fits one.
#[derive(Debug, PartialEq)]
enum Fit {
    /// A whole number within the range, written otherwise (`1.0`).
    Whole(i64),
    /// A bound beyond the range on the side it bounds nothing: the end of the range.
    Clamped(i64, &'static str),
    NotWhole,
    /// Beyond the range where that leaves no value (`minimum` above it, any `multipleOf`).
    Beyond,
}

/// How `value` fits; `exact` is the value as written, when it is an integer (the float may have
/// rounded it into the range: `-9223372036854776000` becomes `i64::MIN`).
fn fitting(keyword: &str, value: f64, exact: Option<i128>) -> Fit {
    // `i64::MAX as f64` rounds up to 2^63, the first value beyond the range.
    let beyond_max = exact.map_or(value >= i64::MAX as f64, |n| n > i128::from(i64::MAX));
    let beyond_min = exact.map_or(value < i64::MIN as f64, |n| n < i128::from(i64::MIN));
    match keyword {
        _ if !value.is_finite() || value.fract() != 0.0 => Fit::NotWhole,
        _ if !beyond_max && !beyond_min => Fit::Whole(value as i64),
        "minimum" if value < 0.0 => Fit::Clamped(i64::MIN, "i64::MIN"),
        "maximum" if value > 0.0 => Fit::Clamped(i64::MAX, "i64::MAX"),
        _ => Fit::Beyond,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_64_bits_parse_and_are_named() {
        let source = "a:\n  - {b: -9223372036854776000, c: 1}\n  - 340282366920938463463374607431768211455\n";
        assert!(serde_yaml::from_str::<Value>(source).is_err());
        let (value, wide) = parse_wide(source).unwrap();
        assert_eq!(value["a"][0]["c"], Value::Number(1.into()));
        assert_eq!(
            wide,
            [
                ("a[0].b".to_owned(), "-9223372036854776000".to_owned()),
                (
                    "a[1]".to_owned(),
                    "340282366920938463463374607431768211455".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn the_tolerant_parse_refuses_duplicate_keys_as_serde_yaml_does() {
        let err = parse_wide("a: 1\na: 2\n").unwrap_err().to_string();
        assert!(err.starts_with("duplicate entry with key a"), "{err}");
    }

    #[test]
    fn bounds_beyond_the_range_are_clamped_and_others_refused() {
        assert_eq!(
            fitting("minimum", -9.3e18, None),
            Fit::Clamped(i64::MIN, "i64::MIN")
        );
        assert_eq!(
            fitting("maximum", 9223372036854775808.0, None),
            Fit::Clamped(i64::MAX, "i64::MAX")
        );
        let rounded = fitting("minimum", i64::MIN as f64, Some(-9223372036854776000));
        assert_eq!(rounded, Fit::Clamped(i64::MIN, "i64::MIN"));
        assert_eq!(fitting("minimum", 9.3e18, None), Fit::Beyond);
        assert_eq!(fitting("maximum", -9.3e18, None), Fit::Beyond);
        assert_eq!(fitting("multipleOf", 1e19, None), Fit::Beyond);
        assert_eq!(fitting("minimum", 1.5, None), Fit::NotWhole);
        assert_eq!(fitting("multipleOf", f64::NAN, None), Fit::NotWhole);
        assert_eq!(fitting("maximum", 100.0, None), Fit::Whole(100));
    }

    fn fitted(source: &str) -> (Value, Fitted) {
        let (mut value, wide) = parse_wide(source).unwrap();
        let fitted = fit_integer_keywords(&mut value, &wide);
        (value, fitted)
    }

    #[test]
    fn integer_schemas_get_i64_keywords_with_a_note() {
        let source = "s:\n  type: integer\n  minimum: -9223372036854776000\n  maximum: 18446744073709551615\n  multipleOf: 2.0\nn:\n  type: number\n  minimum: -9223372036854776000\n";
        let (value, fitted) = fitted(source);
        assert_eq!(value["s"]["minimum"], Value::Number(i64::MIN.into()));
        assert_eq!(value["s"]["maximum"], Value::Number(i64::MAX.into()));
        assert_eq!(value["s"]["multipleOf"], Value::Number(2.into()));
        assert!(fitted.problems.is_empty(), "{:?}", fitted.problems);
        let warnings: Vec<&str> = fitted.warnings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(warnings, ["s.minimum", "s.maximum", "n.minimum"]);
        assert_eq!(
            fitted.warnings[0].1,
            "`minimum: -9223372036854776000` is below the smallest 64-bit integer, so it bounds nothing; it is read as -9223372036854775808 (i64::MIN)"
        );
        assert!(fitted.warnings[2].1.starts_with("the integer -9223372036854776000 does not fit in 64 bits; it is read as the number -9223372036854776000"), "{}", fitted.warnings[2].1);
    }

    #[test]
    fn keywords_that_cannot_fit_are_problems_naming_them() {
        let source = "s:\n  type: integer\n  multipleOf: 0.5\n  minimum: 1e19\nexample: {type: integer, minimum: 0.5}\n";
        let (_, fitted) = fitted(source);
        let problems: Vec<&str> = fitted.problems.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(problems, ["s.minimum", "s.multipleOf"]);
        assert!(
            fitted.problems[1]
                .1
                .starts_with("`multipleOf: 0.5` is not a whole number")
        );
    }
}
