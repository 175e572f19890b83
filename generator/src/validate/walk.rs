//! Walking the document: its paths and operations, each with its pointer, and their parameters
//! and responses as the spec writes them.

use openapiv3::{OpenAPI, Parameter, PathItem, ReferenceOr, Response, StatusCode};

/// A path of the document, with its item unless that is given by `$ref`.
#[derive(Clone, Copy)]
pub(super) struct PathAt<'a> {
    pub path: &'a str,
    pub item: Option<&'a PathItem>,
}

impl<'a> PathAt<'a> {
    /// Where the path item is in the document.
    pub fn pointer(self) -> String {
        format!("paths.{}", self.path)
    }

    /// The path item's own parameters, with their pointers.
    pub fn parameters(self) -> impl Iterator<Item = (String, &'a ReferenceOr<Parameter>)> {
        let params = self.item.map_or(&[][..], |item| item.parameters.as_slice());
        numbered(self.pointer(), params)
    }

    /// The path item's operations, in the order `PathItem::iter` gives them.
    pub fn operations(self) -> impl Iterator<Item = OperationAt<'a>> {
        self.item.into_iter().flat_map(move |item| {
            item.iter().map(move |(key, op)| OperationAt {
                path: self.path,
                item,
                key,
                op,
                pointer: format!("paths.{}.{key}", self.path),
            })
        })
    }
}

/// One operation of the document, with the path item it belongs to and its pointer.
pub(super) struct OperationAt<'a> {
    pub path: &'a str,
    pub item: &'a PathItem,
    pub key: &'a str,
    pub op: &'a openapiv3::Operation,
    pub pointer: String,
}

impl<'a> OperationAt<'a> {
    /// The operation's own parameters, with their pointers.
    pub fn own_parameters(&self) -> impl Iterator<Item = (String, &'a ReferenceOr<Parameter>)> {
        numbered(self.pointer.clone(), &self.op.parameters)
    }

    /// Every parameter the operation sees, with its pointer: its path item's, then its own.
    pub fn parameters(&self) -> impl Iterator<Item = (String, &'a ReferenceOr<Parameter>)> {
        let item = PathAt {
            path: self.path,
            item: Some(self.item),
        };
        item.parameters().chain(self.own_parameters())
    }
}

/// Every path of the document, in document order.
pub(super) fn paths(doc: &OpenAPI) -> impl Iterator<Item = PathAt<'_>> {
    doc.paths.paths.iter().map(|(path, item)| PathAt {
        path,
        item: item.as_item(),
    })
}

/// Parameters with their pointers, `{pointer}.parameters[index]`.
fn numbered(
    pointer: String,
    params: &[ReferenceOr<Parameter>],
) -> impl Iterator<Item = (String, &ReferenceOr<Parameter>)> {
    params
        .iter()
        .enumerate()
        .map(move |(index, p)| (format!("{pointer}.parameters[{index}]"), p))
}

/// An operation's responses with their label as the spec writes it (`200`, `4XX`, `default`)
/// and their status (`None` for `default`).
pub(super) fn labelled_responses(
    op: &openapiv3::Operation,
) -> impl Iterator<Item = (String, Option<&StatusCode>, &ReferenceOr<Response>)> {
    op.responses
        .responses
        .iter()
        .map(|(status, r)| (status.to_string(), Some(status), r))
        .chain(
            op.responses
                .default
                .iter()
                .map(|r| ("default".to_owned(), None, r)),
        )
}
