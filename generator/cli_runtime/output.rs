//! The answer on stdout, and nothing else there: JSON (pretty on a terminal, compact
//! otherwise), every item of every page as JSON lines as the pages arrive, or a text or bytes
//! body as it came.

use std::io::Write;

use crate::client::runtime::Error;
use crate::client::{Stream, StreamExt};

use super::{Context, Failure};

/// Writes `bytes` to stdout and flushes.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(Failure::output)
}

/// `value` as JSON, on a line of its own.
pub(crate) fn json<T: serde::Serialize>(cx: &Context, value: &T) -> Result<(), Failure> {
    let text = match cx.pretty {
        true => serde_json::to_string_pretty(value),
        false => serde_json::to_string(value),
    };
    let text = text.map_err(|err| Failure::new(super::failure::LOCAL, err.to_string()))?;
    write_stdout(format!("{text}\n").as_bytes())
}

/// Every item of `items`, each as one line of compact JSON, written as it arrives; the
/// stream's error ends it.
#[allow(dead_code)] // unused when no operation pages
pub(crate) async fn stream<T, E>(
    items: impl Stream<Item = Result<T, Error<E>>>,
) -> Result<(), Failure>
where
    T: serde::Serialize,
    E: serde::Serialize,
{
    let mut items = std::pin::pin!(items);
    while let Some(item) = items.next().await {
        let line = serde_json::to_string(&item?)
            .map_err(|err| Failure::new(super::failure::LOCAL, err.to_string()))?;
        write_stdout(format!("{line}\n").as_bytes())?;
    }
    Ok(())
}

/// A text answer, as it came.
#[allow(dead_code)] // unused when no operation needs it
pub(crate) fn text(body: &str) -> Result<(), Failure> {
    write_stdout(body.as_bytes())
}

/// A bytes answer, as it came.
#[allow(dead_code)] // unused when no operation needs it
pub(crate) fn bytes(body: &[u8]) -> Result<(), Failure> {
    write_stdout(body)
}

/// Where a redirect points, as `{"location": …}`.
#[allow(dead_code)] // unused when no operation needs it
pub(crate) fn location(cx: &Context, location: &str) -> Result<(), Failure> {
    json(cx, &serde_json::json!({ "location": location }))
}

/// An answer without a body: nothing on stdout.
pub(crate) fn nothing() -> Result<(), Failure> {
    Ok(())
}
