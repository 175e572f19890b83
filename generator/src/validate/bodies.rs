//! Request bodies: one content type the client can send, lowered with its schema and the
//! properties that become the request builder's arguments and setters.

use openapiv3::{MediaType, ReferenceOr, RequestBody, Schema, SchemaKind, Type};

use super::Cx;
use crate::model::{Body, Media, Property};
use crate::resolve::{resolve_body, resolve_boxed_schema, resolve_schema};

/// The request body's lowering: one content type the generator can send, with a schema (JSON and
/// forms), required or not.
pub(super) fn request_body(
    cx: &mut Cx,
    body: &ReferenceOr<RequestBody>,
    pointer: &str,
) -> Option<Body> {
    let body = resolve_body(cx.doc, body)?;
    let (content_type, media, kind) = body_content(cx, body, pointer)?;
    let structured = matches!(kind, Media::Json | Media::Form);
    let schema_pointer = format!("{pointer}.content.{content_type}");
    let schema = match (&media.schema, structured) {
        (Some(schema), true) => Some(cx.lower_schema(schema, &format!("{schema_pointer}.schema"))?),
        (None, true) => {
            cx.add(schema_pointer, "the request body has no `schema`");
            return None;
        }
        (_, false) => None,
    };
    let resolved = media
        .schema
        .as_ref()
        .and_then(|s| resolve_schema(cx.doc, s));
    Some(Body {
        content_type: content_type.clone(),
        media: kind,
        required: body.required,
        schema,
        properties: resolved
            .filter(|_| structured)
            .map(|schema| body_properties(cx, schema))
            .unwrap_or_default(),
        example: media.example.clone(),
        description: resolved.and_then(|s| s.schema_data.description.clone()),
    })
}

/// The content type the request body is sent as ([`super::preferred_content`]: JSON when the
/// body offers it) and its media; not multipart.
fn body_content<'a>(
    cx: &mut Cx,
    body: &'a RequestBody,
    pointer: &str,
) -> Option<(&'a String, &'a MediaType, Media)> {
    let Some((content_type, media)) = super::preferred_content(&body.content) else {
        cx.add(
            format!("{pointer}.content"),
            "the request body offers no content type; add one (e.g. `application/json`)",
        );
        return None;
    };
    let Some(kind) = Media::of(content_type) else {
        cx.add(
            format!("{pointer}.content"),
            format!("the request body is `{content_type}`; multipart bodies are not supported"),
        );
        return None;
    };
    Some((content_type, media, kind))
}

/// The properties of a body's object schema, which become the request builder's setters.
fn body_properties(cx: &Cx, schema: &Schema) -> Vec<Property> {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return Vec::new();
    };
    let property = |(name, property): (&String, &ReferenceOr<Box<Schema>>)| {
        let property = resolve_boxed_schema(cx.doc, property);
        Property {
            name: name.clone(),
            // Given by `operations`, which knows the operation's params.
            ident: String::new(),
            required: object.required.contains(name),
            description: property.and_then(|p| p.schema_data.description.clone()),
            example: property.and_then(|p| p.schema_data.example.clone()),
            rules: super::params::rules(property),
            default: property.and_then(|p| p.schema_data.default.clone()),
            choices: super::params::choices(property),
        }
    };
    let mut properties: Vec<Property> = object.properties.iter().map(property).collect();
    // A required property the schema does not describe is a field all the same (of any value).
    for name in object
        .required
        .iter()
        .filter(|n| !object.properties.contains_key(*n))
    {
        properties.push(Property {
            name: name.clone(),
            ident: String::new(),
            required: true,
            description: None,
            example: None,
            rules: Vec::new(),
            default: None,
            choices: Vec::new(),
        });
    }
    properties
}
