//! Param values in the styles the spec gives them (OpenAPI's `style` and `explode`), beyond
//! the defaults `transport` writes: a path segment in the `simple`, `label` or `matrix` style,
//! and query pairs in the `form` (not exploded), `spaceDelimited`, `pipeDelimited` or
//! `deepObject` style.

use serde_json::Value;

use super::transport::{encode_path, plain_text, query_pairs};

/// How a param's value is written.
#[allow(dead_code)] // each is unused by specs that do not write it
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// A value's pieces: one text, a list's items, or an object's properties and values.
enum Pieces {
    One(String),
    List(Vec<String>),
    Object(Vec<(String, String)>),
}

fn pieces<T: serde::Serialize + ?Sized>(value: &T) -> Pieces {
    match serde_json::to_value(value) {
        Ok(Value::Array(items)) => Pieces::List(items.iter().map(plain_text).collect()),
        Ok(Value::Object(fields)) => Pieces::Object(
            (fields.iter())
                .filter(|(_, field)| !field.is_null())
                .map(|(key, field)| (key.clone(), plain_text(field)))
                .collect(),
        ),
        _ => Pieces::One(plain_text(value)),
    }
}

/// The path segment of the path param `name`, each value percent-encoded: `simple` (`5`,
/// `a,b`, `k,v` or, exploded, `k=v`), `label` (`.5`, `.a,b` or `.a.b`, …) or `matrix`
/// (`;name=5`, `;name=a,b` or `;name=a;name=b`, `;k=v`).
#[allow(dead_code)] // unused when no path param has a style of its own
pub(crate) fn path_segment<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> String {
    let (prefix, between) = match (style, explode) {
        (Style::Label, true) => (".".to_owned(), "."),
        (Style::Label, false) => (".".to_owned(), ","),
        (Style::Matrix, true) => (String::new(), ""),
        (Style::Matrix, false) => (format!(";{}=", encode_path(name)), ","),
        _ => (String::new(), ","),
    };
    match (pieces(value), style, explode) {
        (Pieces::One(text), Style::Matrix, _) => {
            format!(";{}={}", encode_path(name), encode_path(&text))
        }
        (Pieces::One(text), ..) => format!("{prefix}{}", encode_path(&text)),
        (Pieces::List(items), Style::Matrix, true) => (items.iter())
            .map(|item| format!(";{}={}", encode_path(name), encode_path(item)))
            .collect(),
        (Pieces::Object(fields), Style::Matrix, true) => (fields.iter())
            .map(|(key, field)| format!(";{}={}", encode_path(key), encode_path(field)))
            .collect(),
        (Pieces::List(items), ..) => {
            let items: Vec<String> = items.iter().map(|item| encode_path(item)).collect();
            format!("{prefix}{}", items.join(between))
        }
        (Pieces::Object(fields), _, true) => {
            let fields = fields
                .iter()
                .map(|(k, v)| format!("{}={}", encode_path(k), encode_path(v)));
            format!("{prefix}{}", fields.collect::<Vec<_>>().join(between))
        }
        (Pieces::Object(fields), _, false) => {
            let flat = fields
                .iter()
                .flat_map(|(k, v)| [encode_path(k), encode_path(v)]);
            format!("{prefix}{}", flat.collect::<Vec<_>>().join(","))
        }
    }
}

/// The query pairs of the param `name` in `style`: `form` exploded as [`query_pairs`], else
/// one pair of the values joined (`,`, ` ` or `|`; an object's properties and values alike),
/// or for `deepObject` a pair per property (`name[k]=v`).
#[allow(dead_code)] // unused when no query param has a style of its own
pub(crate) fn styled_query_pairs<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Vec<(String, String)> {
    let between = match style {
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    match (pieces(value), style) {
        (Pieces::Object(fields), Style::DeepObject) => (fields.into_iter())
            .map(|(key, field)| (format!("{name}[{key}]"), field))
            .collect(),
        _ if explode && style != Style::DeepObject => query_pairs(name, value),
        (Pieces::One(text), _) => vec![(name.to_owned(), text)],
        (Pieces::List(items), _) => vec![(name.to_owned(), items.join(between))],
        (Pieces::Object(fields), _) => {
            let flat = fields.into_iter().flat_map(|(key, field)| [key, field]);
            vec![(name.to_owned(), flat.collect::<Vec<_>>().join(between))]
        }
    }
}

/// Adds the query param `name` in `style` when there is a value ([`styled_query_pairs`]).
#[allow(dead_code)] // unused when no query param has a style of its own
pub(crate) fn query_styled<T: serde::Serialize + ?Sized>(
    request: reqwest::RequestBuilder,
    name: &str,
    value: Option<&T>,
    style: Style,
    explode: bool,
) -> reqwest::RequestBuilder {
    match value {
        Some(value) => request.query(&styled_query_pairs(name, value, style, explode)),
        None => request,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_segments_take_the_styles_of_openapi() {
        let (list, object) = (json!([3, 4, 5]), json!({"R": 100, "G": 200}));
        let cases = [
            (json!(5), Style::Simple, false, "5"),
            (list.clone(), Style::Simple, false, "3,4,5"),
            (object.clone(), Style::Simple, false, "G,200,R,100"),
            (object.clone(), Style::Simple, true, "G=200,R=100"),
            (json!(5), Style::Label, false, ".5"),
            (list.clone(), Style::Label, false, ".3,4,5"),
            (list.clone(), Style::Label, true, ".3.4.5"),
            (object.clone(), Style::Label, true, ".G=200.R=100"),
            (json!(5), Style::Matrix, false, ";id=5"),
            (list.clone(), Style::Matrix, false, ";id=3,4,5"),
            (list, Style::Matrix, true, ";id=3;id=4;id=5"),
            (object.clone(), Style::Matrix, false, ";id=G,200,R,100"),
            (object, Style::Matrix, true, ";G=200;R=100"),
            (json!("a/b c"), Style::Simple, false, "a%2Fb%20c"),
        ];
        for (value, style, explode, expected) in cases {
            let segment = path_segment("id", &value, style, explode);
            assert_eq!(segment, expected, "{value} {style:?} explode={explode}");
        }
    }

    #[test]
    fn query_pairs_take_the_styles_of_openapi() {
        let pairs = |value: Value, style, explode| {
            let pairs = styled_query_pairs("id", &value, style, explode);
            pairs
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(json!([3, 4]), Style::Form, false), ["id=3,4"]);
        assert_eq!(pairs(json!([3, 4]), Style::Form, true), ["id=3", "id=4"]);
        assert_eq!(
            pairs(json!([3, 4]), Style::SpaceDelimited, false),
            ["id=3 4"]
        );
        assert_eq!(
            pairs(json!([3, 4]), Style::PipeDelimited, false),
            ["id=3|4"]
        );
        let object = json!({"R": 100, "G": 200});
        assert_eq!(
            pairs(object.clone(), Style::Form, false),
            ["id=G,200,R,100"]
        );
        assert_eq!(
            pairs(object.clone(), Style::DeepObject, true),
            ["id[G]=200", "id[R]=100"]
        );
        assert_eq!(
            pairs(object, Style::DeepObject, false),
            ["id[G]=200", "id[R]=100"]
        );
    }
}
