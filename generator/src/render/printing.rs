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
    /// The items (and, first, the inner attributes) of a file.
    Items(String),
    /// An `impl` block, then items to add to it, each parsed inside an `impl` of the same type.
    Impl { block: String, items: Vec<String> },
}

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
        Piece::Items(text) => syn::parse_str::<syn::File>(&text)?,
        Piece::Impl { block, items } => {
            let mut block: syn::ItemImpl = syn::parse_str(&block)?;
            for item in items {
                let item: TokenStream = item.parse()?;
                let self_ty = &block.self_ty;
                let piece: syn::ItemImpl = syn::parse2(quote!(impl #self_ty { #item }))?;
                block.items.extend(piece.items);
            }
            let mut file = syn::parse_str::<syn::File>("")?;
            file.items.push(syn::Item::Impl(block));
            file
        }
    };
    Ok(prettyplease::unparse(&file))
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
        self.send(Piece::Items(tokens.to_string()));
        Ok(())
    }

    /// Adds one `impl` block: `block` (with any items of its own), then the items of each of
    /// `pieces`, each parsed on its own inside an `impl` of the same type.
    pub(crate) fn push_impl(
        &mut self,
        block: TokenStream,
        pieces: impl IntoIterator<Item = TokenStream>,
    ) -> Result<()> {
        let items = pieces.into_iter().map(|piece| piece.to_string()).collect();
        self.send(Piece::Impl {
            block: block.to_string(),
            items,
        });
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
        let items = (0..5).map(|n| {
            let name = quote::format_ident!("m{n}");
            quote! { pub fn #name(&self) -> &'static str { "x" } }
        });
        file.push_impl(quote! { impl S { const N: u8 = 1; } }, items)
            .unwrap();
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
        assert!(
            texts[0]
                .find("impl S {\n    const N: u8 = 1;\n    pub fn m0")
                .unwrap()
                > f39
        );
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
