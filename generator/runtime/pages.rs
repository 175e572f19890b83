//! Page streams: every item of a paged list operation.

use std::future::Future;

use futures_core::Stream;
use futures_util::StreamExt;

use super::Error;

/// Where a page stream is.
struct Walk<T, F> {
    /// The next page to fetch, or `None` when done.
    page: Option<i64>,
    /// The last full page, to notice a server that answers it again.
    previous: Option<Vec<T>>,
    fetch: F,
}

/// The items of every page, in order: `fetch(page)` is called with `first`, `first + 1`, … until
/// a page holds fewer than `size` items (or none). An error is yielded once and ends the stream;
/// so does a full page equal to the one before (a server that ignores the page param would
/// otherwise be asked forever).
#[allow(dead_code)] // unused when no operation is paged (`x-paged`)
pub(crate) fn pages<'a, T, E, F, Fut>(
    first: i64,
    size: i64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>> + 'a
where
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error<E>>> + 'a,
    T: Clone + PartialEq + 'a,
    E: 'a,
{
    let walk = Walk {
        page: Some(first),
        previous: None,
        fetch,
    };
    futures_util::stream::unfold(walk, move |mut walk| async move {
        let page = walk.page?;
        let items = match (walk.fetch)(page).await {
            Ok(items) => items,
            Err(err) => return Some((Err(err), Walk { page: None, ..walk })),
        };
        if !items.is_empty() && walk.previous.as_ref() == Some(&items) {
            let message = format!(
                "page {page} holds the same items as page {}; the server seems to ignore the page param",
                page - 1
            );
            return Some((Err(Error::Paging(message)), Walk { page: None, ..walk }));
        }
        let full = !items.is_empty() && items.len() as i64 >= size;
        walk.page = if full { page.checked_add(1) } else { None };
        walk.previous = full.then(|| items.clone());
        Some((Ok(items), walk))
    })
    .flat_map(|page| match page {
        Ok(items) => futures_util::stream::iter(items.into_iter().map(Ok)).left_stream(),
        Err(err) => futures_util::stream::once(async { Err(err) }).right_stream(),
    })
}
