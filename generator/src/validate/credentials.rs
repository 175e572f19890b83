//! Credentials: the security schemes the document's requirement uses, each one a value of
//! `Credentials` sent in a header.

use std::collections::BTreeMap;

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityScheme};

use super::Cx;
use crate::model::{Credential, CredentialKind};
use crate::names;

/// The credentials the document's security requirements use, each scheme once in order of first
/// use, and each requirement as the credentials it needs.
pub(super) fn credentials(cx: &mut Cx) -> (Vec<Credential>, Vec<Vec<usize>>) {
    let doc = cx.doc;
    let schemes = doc.components.as_ref().map(|c| &c.security_schemes);
    let mut idents = BTreeMap::new();
    let mut credentials: Vec<Credential> = Vec::new();
    for name in used_schemes(doc) {
        let scheme = schemes.and_then(|schemes| schemes.get(&name));
        if let Some(credential) = credential(cx, &name, scheme, &mut idents) {
            credentials.push(credential);
        }
    }
    let requirements: Vec<Vec<usize>> = doc
        .security
        .iter()
        .flatten()
        .map(|requirement| {
            let names = requirement.keys();
            names
                .filter_map(|name| credentials.iter().position(|c| &c.scheme == name))
                .collect()
        })
        .collect();
    for requirement in &requirements {
        check_one_header_each(cx, &credentials, requirement);
    }
    (credentials, requirements)
}

/// The credentials one request carries must each have a header of their own.
fn check_one_header_each(cx: &mut Cx, credentials: &[Credential], requirement: &[usize]) {
    for (position, &index) in requirement.iter().enumerate() {
        let credential = &credentials[index];
        let earlier = requirement[..position].iter().map(|&i| &credentials[i]);
        if let Some(other) = earlier
            .into_iter()
            .find(|c| c.header.eq_ignore_ascii_case(&credential.header))
        {
            cx.add(
                format!("components.securitySchemes.{}", credential.scheme),
                format!(
                    "the schemes `{}` and `{}` are both sent in the `{}` header; a request carries one",
                    other.scheme, credential.scheme, credential.header
                ),
            );
        }
    }
}

/// The names of the schemes the security requirements use, each once, in order of first use.
fn used_schemes(doc: &OpenAPI) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    for requirement in doc.security.iter().flatten() {
        for name in requirement.keys() {
            if !used.contains(name) {
                used.push(name.clone());
            }
        }
    }
    used
}

/// The credential of the scheme `name`, or `None` (and a problem) if it cannot be one.
fn credential(
    cx: &mut Cx,
    name: &str,
    scheme: Option<&ReferenceOr<SecurityScheme>>,
    idents: &mut BTreeMap<String, String>,
) -> Option<Credential> {
    let pointer = format!("components.securitySchemes.{name}");
    match scheme {
        None => cx.add(
            "security",
            format!("the security scheme `{name}` is not defined under components.securitySchemes"),
        ),
        Some(ReferenceOr::Reference { .. }) => cx.add(
            pointer,
            "a security scheme given by `$ref` is not supported; define it in place",
        ),
        Some(ReferenceOr::Item(SecurityScheme::APIKey {
            location: APIKeyLocation::Header,
            name: header,
            description,
            ..
        })) => {
            check_scheme_name(cx, name, &pointer, idents);
            return Some(Credential {
                scheme: name.to_owned(),
                header: header.clone(),
                kind: CredentialKind::ApiKey,
                description: description.clone(),
            });
        }
        Some(ReferenceOr::Item(SecurityScheme::APIKey { location, .. })) => cx.add(
            pointer,
            format!(
                "an API key sent in the {} is not supported; the generator turns only `in: header` keys into credentials",
                key_location(location)
            ),
        ),
        Some(ReferenceOr::Item(other)) => {
            if let Some(kind) = authorization_kind(other) {
                check_scheme_name(cx, name, &pointer, idents);
                return Some(Credential {
                    scheme: name.to_owned(),
                    header: "Authorization".to_owned(),
                    kind,
                    description: scheme_description(other),
                });
            }
            refuse_scheme(cx, other, pointer);
        }
    }
    None
}

/// The problem with a scheme of a type that is not a credential.
fn refuse_scheme(cx: &mut Cx, scheme: &SecurityScheme, pointer: String) {
    let what = match scheme {
        SecurityScheme::HTTP { scheme, .. } => format!("`http` with `scheme: {scheme}`"),
        other => format!("`{}`", scheme_type(other)),
    };
    cx.add(
        pointer,
        format!(
            "security schemes of type {what} are not supported; the generator turns `apiKey` (in a header), `http` (`basic` or `bearer`) and `oauth2` (its access token) into credentials"
        ),
    );
}

/// How an `Authorization` scheme's value is made: HTTP basic or bearer, or an OAuth 2 access
/// token (presented as a bearer token); `None` for the others.
fn authorization_kind(scheme: &SecurityScheme) -> Option<CredentialKind> {
    match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
            Some(CredentialKind::Basic)
        }
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            Some(CredentialKind::Bearer)
        }
        SecurityScheme::OAuth2 { .. } => Some(CredentialKind::Bearer),
        _ => None,
    }
}

fn scheme_description(scheme: &SecurityScheme) -> Option<String> {
    match scheme {
        SecurityScheme::APIKey { description, .. }
        | SecurityScheme::HTTP { description, .. }
        | SecurityScheme::OAuth2 { description, .. }
        | SecurityScheme::OpenIDConnect { description, .. } => description.clone(),
    }
}

/// A scheme's name becomes an argument of `Credentials::new`: it must be usable and distinct.
fn check_scheme_name(
    cx: &mut Cx,
    name: &str,
    pointer: &str,
    idents: &mut BTreeMap<String, String>,
) {
    let ident = names::snake(name);
    if let Some(other) = idents.insert(ident.clone(), name.to_owned()) {
        cx.add(
            pointer,
            format!(
                "the schemes `{other}` and `{name}` both become the Rust name `{ident}`; rename one"
            ),
        );
    }
    if !names::is_nameable(name) {
        cx.add(
            pointer,
            "the scheme's name must start with a letter, as it names an argument of `Credentials::new`",
        );
    }
}

/// Where an API key is sent, as the spec writes it.
fn key_location(location: &APIKeyLocation) -> &'static str {
    match location {
        APIKeyLocation::Query => "query",
        APIKeyLocation::Cookie => "cookie",
        APIKeyLocation::Header => "header",
    }
}

/// A security scheme's `type`, as the spec writes it.
fn scheme_type(scheme: &SecurityScheme) -> &'static str {
    match scheme {
        SecurityScheme::HTTP { .. } => "http",
        SecurityScheme::OAuth2 { .. } => "oauth2",
        SecurityScheme::OpenIDConnect { .. } => "openIdConnect",
        SecurityScheme::APIKey { .. } => "apiKey",
    }
}
