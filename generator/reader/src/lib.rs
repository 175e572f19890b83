//! The generator's readers of an OpenAPI document, as plain functions: YAML text into a YAML
//! value, that value into `openapiv3`'s document, the document and its schemas into JSON, and
//! JSON into the type engine's JSON Schema.
//!
//! serde's parsers are generic: each is compiled in the crate that names its types, and the
//! generator's own crate is built unoptimized. Named here, they are compiled in this crate, which
//! the workspace's dev profile optimizes; reading the document was a fifth of generating a
//! 1 000-resource crate before.

use openapiv3::OpenAPI;

/// YAML text as a YAML value.
pub fn yaml(source: &str) -> Result<serde_yaml::Value, serde_yaml::Error> {
    serde_yaml::from_str(source)
}

/// YAML text as a document.
pub fn document_from_str(source: &str) -> Result<OpenAPI, serde_yaml::Error> {
    serde_yaml::from_str(source)
}

/// A YAML value as a document.
pub fn document(value: &serde_yaml::Value) -> Result<OpenAPI, serde_yaml::Error> {
    serde::Deserialize::deserialize(value)
}

/// A document as JSON.
pub fn json(document: &OpenAPI) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(document)
}

/// A schema of the document, or a reference to one, as JSON.
pub fn schema_json(
    schema: &openapiv3::ReferenceOr<openapiv3::Schema>,
) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(schema)
}

/// A schema of the document as JSON.
pub fn item_json(schema: &openapiv3::Schema) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(schema)
}

/// JSON as a JSON Schema, the type engine's input.
pub fn json_schema(
    value: serde_json::Value,
) -> Result<schemars::schema::Schema, serde_json::Error> {
    serde_json::from_value(value)
}

/// A JSON Schema as JSON.
pub fn json_schema_json(
    schema: &schemars::schema::Schema,
) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(schema)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_document_reads_from_yaml_and_writes_as_json() {
        let source = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n";
        let value = super::yaml(source).unwrap();
        let document = super::document(&value).unwrap();
        assert_eq!(document, super::document_from_str(source).unwrap());
        let json = super::json(&document).unwrap();
        assert_eq!(
            json["paths"]["/a"]["get"]["responses"]["200"]["description"],
            "ok"
        );
    }
}
