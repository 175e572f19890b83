//! Generated Rust becomes text here. A file is a list of pieces, each rendered, parsed (syn) and
//! printed (prettyplease) on whichever thread takes it: plans are plain data that every thread
//! reads, so a piece is rendered where it is printed and its tokens never cross a thread. Each
//! printed piece is put back in its place, so a file is the same whatever the number of threads.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};

/// A piece's text, or the parser's message.
type Printed = std::result::Result<String, String>;

/// Renders, parses and prints one piece.
type Job<'a> = Box<dyn Fn() -> Printed + Send + Sync + 'a>;

/// Renders an item of a list: the attributes to give each of its items (a `#[cfg]`), and the items.
type Render<'a, T> = Arc<dyn Fn(&T) -> (TokenStream, TokenStream) + Send + Sync + 'a>;

/// Which lines of an `impl` block a piece prints: its head and its closing brace, or not.
#[derive(Clone, Copy)]
struct Part {
    opens: bool,
    closes: bool,
}

/// How many items of an `impl` block one piece prints at most.
const IMPL_RUN: usize = 32;

/// How many threads print a file: one per core, at most eight.
fn threads() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Prints `items` (and, first, any inner attributes), each item given the attributes `cfg`.
fn print_items(cfg: &TokenStream, tokens: TokenStream) -> syn::Result<String> {
    let mut file: syn::File = syn::parse2(tokens)?;
    let cfg = outer_attributes(cfg)?;
    for item in &mut file.items {
        if let Some(attrs) = item_attrs(item) {
            add_after_docs(attrs, &cfg);
        }
    }
    Ok(prettyplease::unparse(&file))
}

/// Prints `part` of the `impl` block `block`: the block's own attributes and items where the
/// part opens it, then `items`, each parsed inside an `impl` of the same type and given the
/// attributes beside it.
fn print_impl(
    block: &str,
    items: impl Iterator<Item = (TokenStream, TokenStream)>,
    part: Part,
) -> syn::Result<String> {
    let mut block: syn::ItemImpl = syn::parse_str(block)?;
    if !part.opens {
        block.attrs.clear();
        block.items.clear();
    }
    for (cfg, item) in items {
        let self_ty = &block.self_ty;
        let mut piece: syn::ItemImpl = syn::parse2(quote!(impl #self_ty { #item }))?;
        let cfg = outer_attributes(&cfg)?;
        for item in &mut piece.items {
            if let Some(attrs) = impl_item_attrs(item) {
                add_after_docs(attrs, &cfg);
            }
        }
        block.items.extend(piece.items);
    }
    let mut file: syn::File = syn::parse_str("")?;
    file.items.push(syn::Item::Impl(block));
    cut(prettyplease::unparse(&file), part)
}
/// The lines of a printed `impl` block that `part` prints: without the head line unless it
/// opens the block, without the closing brace unless it closes it. prettyplease prints each
/// item of a block on lines of its own, so the parts printed one by one make the whole block.
fn cut(mut text: String, part: Part) -> syn::Result<String> {
    let unexpected = || {
        syn::Error::new(
            proc_macro2::Span::call_site(),
            "an impl block printed unlike `impl T {` … `}`",
        )
    };
    if !part.opens {
        let head = text.find('\n').ok_or_else(unexpected)? + 1;
        if !text[..head].trim_end().ends_with('{') {
            return Err(unexpected());
        }
        text.drain(..head);
    }
    if !part.closes {
        let body = text.strip_suffix("}\n").ok_or_else(unexpected)?.len();
        text.truncate(body);
    }
    Ok(text)
}

fn outer_attributes(tokens: &TokenStream) -> syn::Result<Vec<syn::Attribute>> {
    syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens.clone())
}

/// Puts `attrs` after the doc comments at the head of `to`.
fn add_after_docs(to: &mut Vec<syn::Attribute>, attrs: &[syn::Attribute]) {
    let docs = to.iter().take_while(|a| a.path().is_ident("doc")).count();
    to.splice(docs..docs, attrs.iter().cloned());
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Macro(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        syn::Item::Static(item) => &mut item.attrs,
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        syn::Item::Use(item) => &mut item.attrs,
        _ => return None,
    })
}

fn impl_item_attrs(item: &mut syn::ImplItem) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::ImplItem::Const(item) => &mut item.attrs,
        syn::ImplItem::Fn(item) => &mut item.attrs,
        syn::ImplItem::Type(item) => &mut item.attrs,
        syn::ImplItem::Macro(item) => &mut item.attrs,
        _ => return None,
    })
}

/// A generated Rust file, printed piece by piece: only the pieces being printed are ever held as
/// token streams or syntax trees. prettyplease prints a file's items one after the other, so the
/// text is the same as printing the whole file at once.
pub(crate) struct RustFile<'a> {
    name: &'static str,
    head: String,
    pieces: Vec<Job<'a>>,
}

impl<'a> RustFile<'a> {
    /// A file under the `@generated` header.
    pub(crate) fn new(name: &'static str, spec_label: &str) -> RustFile<'a> {
        RustFile::with_head(name, format!("{}\n", super::header("//", spec_label)))
    }

    fn with_head(name: &'static str, head: String) -> RustFile<'a> {
        RustFile {
            name,
            head,
            pieces: Vec::new(),
        }
    }

    /// Adds the items (and, first, the inner attributes) of `tokens`.
    pub(crate) fn push(&mut self, tokens: TokenStream) {
        let text = tokens.to_string();
        self.pieces.push(Box::new(move || {
            let tokens: TokenStream = text
                .parse()
                .map_err(|e: proc_macro2::LexError| e.to_string())?;
            print_items(&TokenStream::new(), tokens).map_err(|e| e.to_string())
        }));
    }

    /// Adds the items `render` makes of each of `list`, each given the attributes (a `#[cfg]`)
    /// that `render` gives beside them.
    pub(crate) fn push_each<T: Sync>(
        &mut self,
        list: &'a [T],
        render: impl Fn(&T) -> (TokenStream, TokenStream) + Send + Sync + 'a,
    ) {
        let render: Render<'a, T> = Arc::new(render);
        for entry in list {
            let render = Arc::clone(&render);
            self.pieces.push(Box::new(move || {
                let (cfg, tokens) = render(entry);
                print_items(&cfg, tokens).map_err(|e| e.to_string())
            }));
        }
    }

    /// Adds one `impl` block: `block` (with any items of its own), then the items `render`
    /// makes of each of `list`, parsed inside an `impl` of the same type and given the
    /// attributes beside them. Runs of [`IMPL_RUN`] entries print apart, in parallel.
    pub(crate) fn push_impl_each<T: Sync>(
        &mut self,
        block: TokenStream,
        list: &'a [T],
        render: impl Fn(&T) -> (TokenStream, TokenStream) + Send + Sync + 'a,
    ) {
        let block: Arc<str> = block.to_string().into();
        let render: Render<'a, T> = Arc::new(render);
        let runs = list.len().div_ceil(IMPL_RUN).max(1);
        for (index, run) in
            (0..runs).map(|n| (n, &list[n * IMPL_RUN..list.len().min((n + 1) * IMPL_RUN)]))
        {
            let part = Part {
                opens: index == 0,
                closes: index + 1 == runs,
            };
            let (block, render) = (Arc::clone(&block), Arc::clone(&render));
            self.pieces.push(Box::new(move || {
                print_impl(&block, run.iter().map(|entry| render(entry)), part)
                    .map_err(|e| e.to_string())
            }));
        }
    }

    /// The file's text: the head, then every piece in the order it was pushed; or the first
    /// piece that does not parse.
    pub(crate) fn finish(self) -> Result<String> {
        self.finish_on(threads())
    }

    /// [`RustFile::finish`] on `threads` threads (the calling one among them).
    fn finish_on(self, threads: usize) -> Result<String> {
        let RustFile { name, head, pieces } = self;
        let error = |message: String| Error::Render {
            file: name.to_owned(),
            message,
        };
        let printed = print_all(&pieces, threads).map_err(error)?;
        let texts = (printed.into_iter().map(|text| text.map_err(error)))
            .collect::<Result<Vec<String>>>()?;
        let mut text = head;
        text.reserve_exact(texts.iter().map(String::len).sum());
        for piece in texts {
            text.push_str(&piece);
        }
        Ok(text)
    }
}

/// Runs every job on `threads` threads (the calling one among them), each thread taking the
/// next job no other has taken; the texts in the jobs' order.
fn print_all(jobs: &[Job<'_>], threads: usize) -> std::result::Result<Vec<Printed>, String> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            match jobs.get(index) {
                Some(job) => done.push((index, job())),
                None => return done,
            }
        }
    };
    let threads = threads.clamp(1, jobs.len().max(1));
    let mut done = thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            let theirs = helper
                .join()
                .map_err(|_| "a printing thread panicked; this is a generator bug".to_owned())?;
            done.extend(theirs);
        }
        Ok::<_, String>(done)
    })?;
    done.sort_by_key(|(index, _)| *index);
    Ok(done.into_iter().map(|(_, printed)| printed).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forty functions, then an `impl` block of more methods than one piece prints.
    fn pieces<'a>(file: &mut RustFile<'a>, names: &'a [usize]) {
        file.push_each(names, |n| {
            let name = quote::format_ident!("f{n}");
            let item = quote! { #[doc = " A function."] pub fn #name() -> Option<u8> { None } };
            (TokenStream::new(), item)
        });
        file.push_impl_each(quote! { impl S { const N: u8 = 1; } }, names, |n| {
            (TokenStream::new(), method(*n))
        });
    }

    fn method(n: usize) -> TokenStream {
        let name = quote::format_ident!("m{n}");
        quote! {
            #[doc = " A method."]
            pub fn #name(&self) -> Result<Option<Vec<String>>, std::io::Error> { Ok(Some(vec![String::from("a long enough line to wrap")])) }
        }
    }

    #[test]
    fn the_text_is_the_same_whatever_the_number_of_threads() {
        let names: Vec<usize> = (0..2 * IMPL_RUN + 5).collect();
        let texts: Vec<String> = [1, 2, 3, 8]
            .into_iter()
            .map(|threads| {
                let mut file = RustFile::with_head("x.rs", "// head\n".to_owned());
                pieces(&mut file, &names);
                file.finish_on(threads).unwrap()
            })
            .collect();
        assert!(texts.iter().all(|text| *text == texts[0]));
        assert!(texts[0].starts_with("// head\n/// A function.\npub fn f0() -> Option<u8> {"));
        let last = texts[0]
            .find(&format!("pub fn f{}", names.len() - 1))
            .unwrap();
        let methods = names.iter().map(|n| method(*n));
        let whole: syn::File = syn::parse_quote! { impl S { const N: u8 = 1; #(#methods)* } };
        let whole = prettyplease::unparse(&whole);
        assert!(texts[0].find(&whole).unwrap() > last, "{}", texts[0]);
    }

    #[test]
    fn gated_items_get_their_cfg_after_their_docs() {
        let mut file = RustFile::with_head("x.rs", String::new());
        let gated = || quote!(#[cfg(feature = "a")]);
        file.push_each(&[()], move |()| {
            let item = quote! { #[doc = " F."] #[inline] pub fn f() {} pub struct S; };
            (gated(), item)
        });
        file.push_impl_each(quote!(impl S {}), &[()], move |()| {
            (gated(), quote! { #[doc = " M."] pub fn m(&self) {} })
        });
        let text = file.finish_on(2).unwrap();
        let expected = "/// F.\n#[cfg(feature = \"a\")]\n#[inline]\npub fn f() {}\n\
                        #[cfg(feature = \"a\")]\npub struct S;\n\
                        impl S {\n    /// M.\n    #[cfg(feature = \"a\")]\n    pub fn m(&self) {}\n}\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn an_empty_impl_list_prints_the_block() {
        let mut file = RustFile::with_head("x.rs", String::new());
        file.push_impl_each(quote!(impl S { const N: u8 = 1; }), &[] as &[()], |()| {
            (TokenStream::new(), TokenStream::new())
        });
        assert_eq!(
            file.finish_on(2).unwrap(),
            "impl S {\n    const N: u8 = 1;\n}\n"
        );
    }

    #[test]
    fn a_piece_that_does_not_parse_is_a_render_error_naming_the_file() {
        let mut file = RustFile::with_head("x.rs", String::new());
        file.push(quote! { pub fn ok() {} });
        file.push_each(&[0, 1], |n| match n {
            0 => (TokenStream::new(), quote! { fn }),
            _ => (TokenStream::new(), quote! { struct }),
        });
        let err = file.finish_on(2).unwrap_err().to_string();
        assert!(err.contains("x.rs"), "{err}");
    }
}
