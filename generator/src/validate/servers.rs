//! The server: the first of `servers`, its URL a template whose variables become arguments of
//! `Client::new`.

use super::Cx;
use crate::model::{PathTemplate, Server, ServerVariable};
use crate::names;

/// The first server, when the spec names one (without, the client is built from a base URL).
pub(super) fn server(cx: &mut Cx) -> Option<Server> {
    let first = cx.doc.servers.first()?;
    let pointer = "servers[0]";
    let Ok(url) = PathTemplate::parse(&first.url) else {
        cx.add(format!("{pointer}.url"), "a `{` in the URL is never closed");
        return None;
    };
    if first.url.starts_with('/') {
        cx.warn(
            format!("{pointer}.url"),
            format!("the URL `{}` is relative to where the document is served, which the client cannot know: it is built from a base URL (`Client::with_base_url`), which should end with this path", first.url),
        );
        return None;
    }
    let declared = first.variables.clone().unwrap_or_default();
    let mut variables = Vec::new();
    for name in url.variables() {
        let Some(variable) = declared.get(name) else {
            cx.add(
                format!("{pointer}.url"),
                format!("`{{{name}}}` is used in the URL but not declared under `variables`"),
            );
            continue;
        };
        if !names::is_nameable(name) {
            cx.add(
                format!("{pointer}.variables.{name}"),
                "the name must start with a letter, as it names an argument of `Client::new`",
            );
        }
        variables.push(ServerVariable {
            name: name.to_owned(),
            description: variable.description.clone(),
            default: variable.default.clone(),
        });
    }
    for name in declared.keys() {
        if !url.variables().any(|used| used == name) {
            cx.add(
                format!("{pointer}.variables.{name}"),
                "the variable is declared but the URL does not use it",
            );
        }
    }
    // The URL with each variable's default, which the spec requires.
    let probe = url.fill(|name| declared.get(name).map_or("x", |v| &v.default).to_owned());
    if !(probe.starts_with("https://") || probe.starts_with("http://")) {
        cx.add(
            format!("{pointer}.url"),
            "the URL must be absolute (start with https:// or http://)",
        );
    }
    Some(Server {
        url: url.trim_end_slashes(),
        variables,
    })
}
