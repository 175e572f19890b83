//! The Rust types the type engine does not make: text, bytes, an upgraded connection, where a
//! redirect points (answers), and a file part of a multipart body.

use super::{RustType, Shape, TypeRef};
use crate::tokens::RustText;

impl RustType {
    /// `String`, for text bodies.
    pub fn string() -> RustType {
        RustType {
            tokens: RustText::new(&quote::quote!(::std::string::String)),
            shape: Shape::String,
            names_types: false,
            desc: TypeRef::String,
        }
    }

    /// The connection an upgrade (`101`) hands over, re-exported by the crate as `Upgraded`.
    pub fn upgraded() -> RustType {
        RustType {
            tokens: RustText::new(&quote::quote!(reqwest::Upgraded)),
            shape: Shape::Other,
            names_types: false,
            desc: TypeRef::Builtin("Upgraded".to_owned()),
        }
    }

    /// Where a redirect points (`runtime::Redirect`), the answer of an operation that answers
    /// only redirects.
    pub fn redirect() -> RustType {
        RustType {
            tokens: RustText::new(&quote::quote!(runtime::Redirect)),
            shape: Shape::Other,
            names_types: false,
            desc: TypeRef::Builtin("Redirect".to_owned()),
        }
    }

    /// `Vec<u8>`, for byte bodies.
    pub fn bytes() -> RustType {
        RustType {
            tokens: RustText::new(&quote::quote!(::std::vec::Vec<u8>)),
            shape: Shape::Other,
            names_types: false,
            desc: TypeRef::Vec(Box::new(TypeRef::Builtin("u8".to_owned()))),
        }
    }

    /// A file sent as a part of a multipart body, re-exported by the crate as `FilePart`.
    pub fn file_part() -> RustType {
        RustType {
            tokens: RustText::new(&quote::quote!(runtime::FilePart)),
            shape: Shape::File,
            names_types: false,
            desc: TypeRef::Builtin("FilePart".to_owned()),
        }
    }

    /// `Vec<item>`.
    pub fn vec_of(item: RustType) -> RustType {
        let inner = item.tokens.to_token_stream();
        RustType {
            tokens: RustText::new(&quote::quote!(::std::vec::Vec<#inner>)),
            names_types: item.names_types,
            desc: TypeRef::Vec(Box::new(item.desc.clone())),
            shape: Shape::Vec(Box::new(item)),
        }
    }
}
