//! Generated Rust becomes text here: syn parses each piece a renderer made and prettyplease
//! prints it, on worker threads, while the renderer goes on building the next piece. A piece
//! crosses to its worker as text (proc_macro2's token streams cannot leave the thread that made
//! them) and its text comes back tagged with its place, so a file is the same whatever the number
//! of workers.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};

/// What a worker turns into text.
enum Piece {
    /// The items (and, first, the inner attributes) of a file, each given the attributes `cfg`.
    Items { text: String, cfg: String },
    /// Part of an `impl` block: the block (whose own items and attributes only the part that
    /// opens it prints), then items to add to it, each parsed inside an `impl` of the same type
    /// and given its attributes.
    Impl {
        block: String,
        items: Vec<(String, String)>,
        part: Part,
    },
}

/// Which lines of an `impl` block a piece prints: its head and its closing brace, or not.
#[derive(Clone, Copy)]
struct Part {
    opens: bool,
    closes: bool,
}

/// How many items of an `impl` block one piece prints at most.
const IMPL_RUN: usize = 32;

/// A piece's place in the file and its text, or the parser's message.
type Printed = (usize, std::result::Result<String, String>);

/// The pieces waiting for a printer, and whether more will come.
#[derive(Default)]
struct Queue {
    pieces: VecDeque<(usize, Piece)>,
    closed: bool,
}

/// What the renderer and a file's workers share: the queue, a bell for it, and what was printed.
#[derive(Default)]
struct Shared {
    queue: Mutex<Queue>,
    bell: Condvar,
    printed: Mutex<Vec<Printed>>,
}

impl Shared {
    /// Prints pieces until the queue is empty and closed (or, for `until_empty`, just empty).
    fn work(&self, until_empty: bool) {
        while let Some(next) = self.next(until_empty) {
            self.print(next);
        }
    }

    /// Prints the oldest piece waiting, if any.
    fn work_one(&self) {
        if let Some(next) = self.next(true) {
            self.print(next);
        }
    }

    /// The oldest piece waiting; unless `no_wait`, waits for one until the queue is closed.
    fn next(&self, no_wait: bool) -> Option<(usize, Piece)> {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(next) = queue.pieces.pop_front() {
                return Some(next);
            }
            if queue.closed || no_wait {
                return None;
            }
            queue = self.bell.wait(queue).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn print(&self, (place, piece): (usize, Piece)) {
        let text = print(piece).map_err(|err| err.to_string());
        self.printed().push((place, text));
    }

    fn printed(&self) -> std::sync::MutexGuard<'_, Vec<Printed>> {
        self.printed.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// No more pieces will come: waiting workers stop once the queue is empty.
    fn close(&self) {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        queue.closed = true;
        self.bell.notify_all();
    }
}

/// How many threads print a file besides the renderer: one per other core, at least one. The
/// renderer prints too once it has pushed the file's last piece.
fn workers() -> usize {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_sub(1).clamp(1, 8)
}

fn print(piece: Piece) -> syn::Result<String> {
    let file = match piece {
        Piece::Items { text, cfg } => {
            let mut file = syn::parse_str::<syn::File>(&text)?;
            let cfg = outer_attributes(&cfg)?;
            for item in &mut file.items {
                if let Some(attrs) = item_attrs(item) {
                    add_after_docs(attrs, &cfg);
                }
            }
            file
        }
        Piece::Impl { block, items, part } => {
            let mut block: syn::ItemImpl = syn::parse_str(&block)?;
            if !part.opens {
                block.attrs.clear();
                block.items.clear();
            }
            for (cfg, item) in items {
                let item: TokenStream = item.parse()?;
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
            let mut file = syn::parse_str::<syn::File>("")?;
            file.items.push(syn::Item::Impl(block));
            return cut(prettyplease::unparse(&file), part);
        }
    };
    Ok(prettyplease::unparse(&file))
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

fn outer_attributes(text: &str) -> syn::Result<Vec<syn::Attribute>> {
    syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text)
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

/// A generated Rust file printed piece by piece: each piece is parsed, printed and dropped, so
/// only the pieces in flight are ever held as syntax trees. prettyplease prints a file's items
/// one after the other, so the text is the same as printing the whole file at once.
pub(crate) struct RustFile {
    name: &'static str,
    head: String,
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
    pieces: usize,
}

impl RustFile {
    /// A file under the `@generated` header.
    pub(crate) fn new(name: &'static str, spec_label: &str) -> RustFile {
        let head = format!("{}\n", super::header("//", spec_label));
        RustFile::with_workers(name, head, workers())
    }

    fn with_workers(name: &'static str, head: String, workers: usize) -> RustFile {
        let shared = Arc::new(Shared::default());
        let workers = (0..workers)
            .map(|_| {
                let shared = Arc::clone(&shared);
                thread::spawn(move || shared.work(false))
            })
            .collect();
        RustFile {
            name,
            head,
            shared,
            workers,
            pieces: 0,
        }
    }

    /// Queues `piece`; when the workers are behind, the renderer prints the oldest piece itself,
    /// so the queue (and the memory the pieces' text holds) stays short.
    fn send(&mut self, piece: Piece) {
        let behind = {
            let mut queue = (self.shared.queue.lock()).unwrap_or_else(|e| e.into_inner());
            queue.pieces.push_back((self.pieces, piece));
            self.shared.bell.notify_one();
            queue.pieces.len() > 2 * (self.workers.len() + 1)
        };
        self.pieces += 1;
        if behind {
            self.shared.work_one();
        }
    }

    /// Adds the items (and, first, the inner attributes) of `tokens`.
    pub(crate) fn push(&mut self, tokens: TokenStream) -> Result<()> {
        self.push_gated(TokenStream::new(), tokens)
    }

    /// Adds the items of `tokens`, each given the attributes `cfg` (after its docs).
    pub(crate) fn push_gated(&mut self, cfg: TokenStream, tokens: TokenStream) -> Result<()> {
        self.send(Piece::Items {
            text: tokens.to_string(),
            cfg: cfg.to_string(),
        });
        Ok(())
    }

    /// Adds one `impl` block: `block` (with any items of its own), then the items of each of
    /// `pieces`, each parsed on its own inside an `impl` of the same type and given the
    /// attributes beside it. Runs of [`IMPL_RUN`] pieces print apart, in parallel.
    pub(crate) fn push_impl(
        &mut self,
        block: TokenStream,
        pieces: impl IntoIterator<Item = (TokenStream, TokenStream)>,
    ) -> Result<()> {
        let block = block.to_string();
        let mut items: Vec<(String, String)> = Vec::new();
        let mut opens = true;
        for (cfg, piece) in pieces {
            items.push((cfg.to_string(), piece.to_string()));
            if items.len() == IMPL_RUN {
                let part = Part {
                    opens,
                    closes: false,
                };
                let (block, items) = (block.clone(), std::mem::take(&mut items));
                self.send(Piece::Impl { block, items, part });
                opens = false;
            }
        }
        let part = Part {
            opens,
            closes: true,
        };
        self.send(Piece::Impl { block, items, part });
        Ok(())
    }

    /// The file's text: the head, then every piece in the order it was pushed; or the first
    /// piece that does not parse. The renderer prints what is left beside the workers.
    pub(crate) fn finish(mut self) -> Result<String> {
        self.shared.close();
        self.shared.work(true);
        let name = self.name;
        let error = |message: String| Error::Render {
            file: name.to_owned(),
            message,
        };
        for worker in std::mem::take(&mut self.workers) {
            (worker.join()).map_err(|_| error("its printing thread panicked".to_owned()))?;
        }
        let mut printed = std::mem::take(&mut *self.shared.printed());
        printed.sort_by_key(|(place, _)| *place);
        let texts = (printed.into_iter().map(|(_, text)| text.map_err(error)))
            .collect::<Result<Vec<String>>>()?;
        let mut text = std::mem::take(&mut self.head);
        text.reserve_exact(texts.iter().map(String::len).sum());
        for piece in texts {
            text.push_str(&piece);
        }
        Ok(text)
    }
}

/// A file dropped unfinished (its renderer failed) lets its workers go: they print what is
/// queued and stop.
impl Drop for RustFile {
    fn drop(&mut self) {
        self.shared.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(file: &mut RustFile) {
        for n in 0..40 {
            let name = quote::format_ident!("f{n}");
            file.push(quote! { #[doc = " A function."] pub fn #name() -> Option<u8> { None } })
                .unwrap();
        }
        file.push_impl(quote! { impl S { const N: u8 = 1; } }, methods())
            .unwrap();
    }

    /// More methods than one piece prints, so that the block prints in parts.
    fn methods() -> Vec<(TokenStream, TokenStream)> {
        let each = (0..2 * IMPL_RUN + 5).map(|n| {
            let name = quote::format_ident!("m{n}");
            let method = quote! {
                #[doc = " A method."]
                pub fn #name(&self) -> Result<Option<Vec<String>>, std::io::Error> { Ok(Some(vec![String::from("a long enough line to wrap")])) }
            };
            (TokenStream::new(), method)
        });
        each.collect()
    }

    #[test]
    fn the_text_is_the_same_whatever_the_number_of_workers() {
        let texts: Vec<String> = [0, 1, 2, 3, 8]
            .into_iter()
            .map(|workers| {
                let mut file = RustFile::with_workers("x.rs", "// head\n".to_owned(), workers);
                pieces(&mut file);
                file.finish().unwrap()
            })
            .collect();
        assert!(texts.iter().all(|text| *text == texts[0]));
        assert!(texts[0].starts_with("// head\n/// A function.\npub fn f0() -> Option<u8> {"));
        let f39 = texts[0].find("pub fn f39").unwrap();
        let methods = methods().into_iter().map(|(_, method)| method);
        let whole: syn::File = syn::parse_quote! { impl S { const N: u8 = 1; #(#methods)* } };
        let whole = prettyplease::unparse(&whole);
        assert!(texts[0].find(&whole).unwrap() > f39, "{}", texts[0]);
    }

    #[test]
    fn gated_items_get_their_cfg_after_their_docs() {
        let mut file = RustFile::with_workers("x.rs", String::new(), 1);
        let cfg = quote!(#[cfg(feature = "a")]);
        let item = quote! { #[doc = " F."] #[inline] pub fn f() {} pub struct S; };
        file.push_gated(cfg.clone(), item).unwrap();
        let method = quote! { #[doc = " M."] pub fn m(&self) {} };
        file.push_impl(quote!(impl S {}), [(cfg, method)]).unwrap();
        let text = file.finish().unwrap();
        let expected = "/// F.\n#[cfg(feature = \"a\")]\n#[inline]\npub fn f() {}\n\
                        #[cfg(feature = \"a\")]\npub struct S;\n\
                        impl S {\n    /// M.\n    #[cfg(feature = \"a\")]\n    pub fn m(&self) {}\n}\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn a_file_dropped_unfinished_lets_its_workers_stop() {
        let mut file = RustFile::with_workers("x.rs", String::new(), 2);
        file.push(quote! { pub fn f() {} }).unwrap();
        let shared = Arc::downgrade(&file.shared);
        drop(file);
        // The workers hold the shared state until they stop; waits up to a minute for that.
        let stopped = (0..600).any(|_| {
            thread::sleep(std::time::Duration::from_millis(100));
            shared.upgrade().is_none()
        });
        assert!(stopped, "the printing threads of a dropped file still run");
    }

    #[test]
    fn a_piece_that_does_not_parse_is_a_render_error_naming_the_file() {
        let mut file = RustFile::with_workers("x.rs", String::new(), 2);
        file.push(quote! { pub fn ok() {} }).unwrap();
        file.push(quote! { fn }).unwrap();
        file.push(quote! { struct }).unwrap();
        let err = file.finish().unwrap_err().to_string();
        assert!(err.contains("x.rs"), "{err}");
    }
}
