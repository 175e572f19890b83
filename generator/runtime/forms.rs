//! The API's value forms beyond JSON's own, as the spec's `x-value-forms` declares them: a
//! boolean may arrive as `true`/`false` or `1`/`0` (numbers or strings). Fields decode every
//! form and serialize `true`/`false`.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Decodes a boolean in any of its forms.
#[allow(dead_code)] // unused when the spec declares no such form
pub(crate) fn boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    deserializer.deserialize_any(Boolean)
}

/// Decodes an optional boolean in any of its forms (`null` is `None`).
#[allow(dead_code)] // unused when the spec declares no such form
pub(crate) fn optional_boolean<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<bool>, D::Error> {
    deserializer.deserialize_option(OptionalBoolean)
}

struct Boolean;

impl Visitor<'_> for Boolean {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true, false, 1 or 0")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<bool, E> {
        match value {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(value), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<bool, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(value), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<bool, E> {
        match value {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
        }
    }
}

struct OptionalBoolean;

impl<'de> Visitor<'de> for OptionalBoolean {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true, false, 1, 0 or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<bool>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<bool>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<bool>, D::Error> {
        boolean(deserializer).map(Some)
    }
}

/// The spec's `default` of an optional body field (JSON text the generator wrote from the spec),
/// as the field's type: the value the field is sent with until a setter changes it.
///
/// It cannot fail on what the generator writes: the type engine rendered this same value into
/// the body type's own serde default when it built the type, and refuses defaults it cannot.
#[allow(dead_code)] // unused when no body field has a default
pub(crate) fn spec_default<T: serde::de::DeserializeOwned>(json: &str) -> T {
    match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => unreachable!("the spec's default {json} does not fit its field: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Flags {
        #[serde(deserialize_with = "boolean")]
        on: bool,
        #[serde(default, deserialize_with = "optional_boolean")]
        maybe: Option<bool>,
    }

    fn flags(json: &str) -> Result<Flags, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn every_documented_form_decodes() {
        for (json, on) in [
            ("true", true),
            ("false", false),
            ("1", true),
            ("0", false),
            ("\"1\"", true),
            ("\"0\"", false),
        ] {
            assert_eq!(
                flags(&format!(r#"{{"on": {json}}}"#)).unwrap().on,
                on,
                "{json}"
            );
        }
        assert_eq!(
            flags(r#"{"on": 1, "maybe": 0}"#).unwrap().maybe,
            Some(false)
        );
        assert_eq!(flags(r#"{"on": 1, "maybe": null}"#).unwrap().maybe, None);
        assert_eq!(flags(r#"{"on": 1}"#).unwrap().maybe, None);
    }

    #[test]
    fn other_values_are_refused() {
        for json in ["2", "-1", "\"yes\"", "1.0"] {
            assert!(flags(&format!(r#"{{"on": {json}}}"#)).is_err(), "{json}");
        }
    }
}
