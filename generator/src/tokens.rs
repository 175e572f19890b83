//! Rust names and Rust text as plain data. proc_macro2's `Ident` and `TokenStream` cannot cross
//! threads; the plans hold these instead, so that the renderers can read one plan from several
//! threads at once. Each turns into tokens where a renderer quotes it.

use std::fmt;
use std::str::FromStr;

use proc_macro2::{Ident, TokenStream};
use quote::{IdentFragment, ToTokens, TokenStreamExt};

/// A Rust identifier, as `Ident` prints it (`r#type` for a raw one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RustIdent(String);

impl RustIdent {
    /// The identifier without a raw prefix (`type` for `r#type`), as `format_ident!` reads it.
    pub fn unraw(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }

    /// The identifier as tokens.
    pub fn ident(&self) -> Ident {
        quote::format_ident!("{}", self.0)
    }
}

impl From<Ident> for RustIdent {
    fn from(ident: Ident) -> Self {
        RustIdent(ident.to_string())
    }
}

impl fmt::Display for RustIdent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl IdentFragment for RustIdent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.unraw())
    }
}

impl ToTokens for RustIdent {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(self.ident());
    }
}

impl PartialEq<Ident> for RustIdent {
    fn eq(&self, other: &Ident) -> bool {
        *other == self.0
    }
}

/// Rust tokens (a type, an item) kept as their text. Made only from tokens: a token stream
/// prints as text that reads back as the same tokens, which is also how every generated file is
/// printed (`render::printing`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RustText(String);

impl RustText {
    /// The tokens' text.
    pub fn new(tokens: &TokenStream) -> Self {
        RustText(tokens.to_string())
    }

    /// The tokens again.
    pub fn to_token_stream(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        self.to_tokens(&mut tokens);
        tokens
    }
}

impl fmt::Display for RustText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToTokens for RustText {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        // Text printed from tokens always reads back.
        if let Ok(read) = TokenStream::from_str(&self.0) {
            tokens.extend(read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};

    #[test]
    fn idents_quote_and_format_as_proc_macro2_does() {
        let raw = RustIdent::from(format_ident!("r#type"));
        assert_eq!(raw.to_string(), "r#type");
        assert_eq!(quote!(#raw).to_string(), "r#type");
        assert_eq!(
            format_ident!("{}_with_body", raw).to_string(),
            "type_with_body"
        );
        assert!(raw == format_ident!("r#type"));
    }

    #[test]
    fn text_reads_back_as_its_tokens() {
        let tokens = quote!(::std::vec::Vec<types::Thing>);
        let text = RustText::new(&tokens);
        assert_eq!(quote!(#text).to_string(), tokens.to_string());
        let plans_cross_threads = std::thread::spawn(move || text.to_string()).join();
        assert_eq!(plans_cross_threads.unwrap(), tokens.to_string());
    }
}
