//! Request bodies: one content type the client can send, lowered with its schema and the
//! properties that become the request builder's arguments and setters.

use openapiv3::{
    MediaType, ObjectType, ReferenceOr, RequestBody, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Cx;
use crate::model::{Body, BodyPart, Media, PartKind, Property};
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
    if kind == Media::Multipart {
        let schema_pointer = format!("{pointer}.content.{content_type}");
        return multipart(cx, body, (content_type, media), &schema_pointer);
    }
    let structured = matches!(kind, Media::Json | Media::Form);
    let schema_pointer = format!("{pointer}.content.{content_type}");
    let schema = match (&media.schema, structured) {
        (Some(schema), true) => Some(cx.lower_schema(schema, &format!("{schema_pointer}.schema"))?),
        // A body the spec does not describe: any JSON value.
        (None, true) => Some(crate::model::JsonSchema::Bool(true)),
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
    let Some(kind) = Media::of(content_type).or_else(|| is_form_data(content_type)) else {
        cx.add(
            format!("{pointer}.content"),
            format!("the request body is `{content_type}`; of multipart bodies only `multipart/form-data` is supported"),
        );
        return None;
    };
    Some((content_type, media, kind))
}

/// `multipart/form-data` (with parameters, in any case) is [`Media::Multipart`].
fn is_form_data(content_type: &str) -> Option<Media> {
    let media = content_type.split(';').next().unwrap_or_default().trim();
    media
        .eq_ignore_ascii_case("multipart/form-data")
        .then_some(Media::Multipart)
}

/// A `multipart/form-data` body: an object schema whose properties are its parts, each written
/// as its schema and `encoding` say ([`part`]).
fn multipart(
    cx: &mut Cx,
    body: &RequestBody,
    (content_type, media): (&String, &MediaType),
    pointer: &str,
) -> Option<Body> {
    let resolved = media
        .schema
        .as_ref()
        .and_then(|s| resolve_schema(cx.doc, s));
    let Some(object) = resolved.and_then(|schema| body_object(cx, schema, 0)) else {
        cx.add(
            format!("{pointer}.schema"),
            "a `multipart/form-data` body needs an object schema (or an `allOf` of them): its properties are the parts",
        );
        return None;
    };
    let object = &object;
    encoding_warnings(cx, object, media, pointer);
    let mut properties = object_properties(cx, object);
    let direct = matches!(resolved?.schema_kind, SchemaKind::Type(Type::Object(_)));
    for property in &mut properties {
        let at = match direct {
            true => format!("{pointer}.schema.properties.{}", property.name),
            false => format!("{pointer}.schema"),
        };
        if property.name.contains(['"', '\r', '\n']) {
            let message = "a part's name cannot hold `\"` or a line break: it is written in quotes in the part's `Content-Disposition` header";
            cx.add(at, message);
            return None;
        }
        property.part = Some(part(cx, object, media, &property.name, &at)?);
    }
    Some(Body {
        content_type: content_type.clone(),
        media: Media::Multipart,
        required: body.required,
        schema: None,
        properties,
        example: None,
        description: resolved.and_then(|s| s.schema_data.description.clone()),
    })
}

/// What `encoding` says that the client does not do: headers of a part are not sent, and an
/// encoding of no property applies to nothing.
fn encoding_warnings(cx: &mut Cx, object: &ObjectType, media: &MediaType, pointer: &str) {
    for (name, encoding) in &media.encoding {
        let at = format!("{pointer}.encoding.{name}");
        if !object.properties.contains_key(name) {
            cx.warn(
                at,
                format!("the body has no property `{name}`: this encoding applies to no part"),
            );
        } else if !encoding.headers.is_empty() {
            cx.warn(
                format!("{at}.headers"),
                format!("the part `{name}` is sent without these headers: the client sends a part's `Content-Disposition` and `Content-Type` only"),
            );
        }
    }
}

/// How the part `name` is written: a binary string is a file, another primitive text, an array
/// its items' way (a part per item), anything else JSON; `encoding.{name}.contentType` gives
/// its content type, and JSON when it names a JSON type.
fn part(
    cx: &mut Cx,
    object: &ObjectType,
    media: &MediaType,
    name: &str,
    pointer: &str,
) -> Option<BodyPart> {
    let declared = object.properties.get(name);
    let schema = declared.and_then(|s| resolve_boxed_schema(cx.doc, s));
    let content_type = media
        .encoding
        .get(name)
        .and_then(|e| e.content_type.as_deref())
        .map(str::trim)
        .filter(|t| !t.contains(',') && !t.contains('*'));
    let items = match schema.map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::Array(array))) => array.items.as_ref(),
        _ => None,
    };
    let item = items.and_then(|i| resolve_boxed_schema(cx.doc, i));
    let json = content_type.is_some_and(|t| Media::of(t) == Some(Media::Json));
    let kind = match (items, schema) {
        (Some(_), _) if is_binary(item) => PartKind::Files,
        (None, _) if is_binary(schema) => PartKind::File,
        _ if json => PartKind::Json,
        (Some(_), _) if is_primitive(item) => PartKind::Texts,
        (None, _) if is_primitive(schema) => PartKind::Text,
        _ => PartKind::Json,
    };
    let schema = match (kind, declared) {
        (PartKind::File | PartKind::Files, _) => None,
        (_, Some(declared)) => Some(cx.lower_schema(&unboxed(declared), pointer)?),
        // A required property the schema does not describe: any JSON value.
        (_, None) => Some(schemars::schema::Schema::Bool(true)),
    };
    Some(BodyPart {
        kind,
        content_type: content_type.map(str::to_owned),
        schema,
    })
}

/// A string of `format: binary`: a file's bytes.
fn is_binary(schema: Option<&Schema>) -> bool {
    matches!(
        schema.map(|s| &s.schema_kind),
        Some(SchemaKind::Type(Type::String(text)))
            if text.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
    )
}

/// A string, number, integer or boolean: written as text.
fn is_primitive(schema: Option<&Schema>) -> bool {
    matches!(
        schema.map(|s| &s.schema_kind),
        Some(SchemaKind::Type(
            Type::String(_) | Type::Number(_) | Type::Integer(_) | Type::Boolean(_)
        ))
    )
}

fn unboxed(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(schema) => ReferenceOr::Item((**schema).clone()),
    }
}

/// The object a multipart body's schema describes: an object schema, or an `allOf` of them
/// (their properties and `required` together); `depth` counts the `allOf`s passed.
fn body_object(cx: &Cx, schema: &Schema, depth: usize) -> Option<ObjectType> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(object.clone()),
        SchemaKind::AllOf { all_of } if depth < 8 => {
            let mut merged = ObjectType::default();
            for member in all_of {
                let object = body_object(cx, resolve_schema(cx.doc, member)?, depth + 1)?;
                merged.properties.extend(object.properties);
                merged.required.extend(object.required);
            }
            Some(merged)
        }
        _ => None,
    }
}

/// The properties of a body's object schema, which become the request builder's setters.
fn body_properties(cx: &Cx, schema: &Schema) -> Vec<Property> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => object_properties(cx, object),
        _ => Vec::new(),
    }
}

/// The properties of `object`, in spec order, then the required ones it does not describe.
fn object_properties(cx: &Cx, object: &ObjectType) -> Vec<Property> {
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
            part: None,
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
            part: None,
        });
    }
    properties
}
