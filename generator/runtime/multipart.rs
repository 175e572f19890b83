//! `multipart/form-data` bodies: the files callers give ([`FilePart`]) and the form an
//! operation's parts are written into, in the spec's order ([`Parts`]).

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use reqwest::multipart::{Form, Part};
use serde::Serialize;

use super::Error;

/// A file sent as a part of a multipart body: its content (bytes, a stream or an opened file),
/// with the file name and content type the part declares.
///
/// Without [`content_type`](Self::content_type), the part is sent with the one the spec gives
/// the file, else `application/octet-stream`. Bytes can be sent any number of times (by clones
/// of the request builder); a stream or an opened file is read once, so a second send of it
/// (by a clone) fails before sending. A multipart body is streamed, so its request is sent
/// once, without retries.
#[derive(Clone)]
pub struct FilePart {
    content: Content,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Clone)]
enum Content {
    Bytes(bytes::Bytes),
    /// Taken by the first send.
    Stream(Arc<Mutex<Option<Streamed>>>),
}

/// A stream's body and its length when known.
struct Streamed {
    body: reqwest::Body,
    length: Option<u64>,
}

impl FilePart {
    /// A file of these bytes.
    pub fn bytes(content: impl Into<bytes::Bytes>) -> FilePart {
        FilePart::of(Content::Bytes(content.into()))
    }

    /// A file read from `stream` as it is sent, of unknown length (sent in chunks).
    pub fn stream<S>(stream: S) -> FilePart
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        bytes::Bytes: From<S::Ok>,
    {
        FilePart::streamed(reqwest::Body::wrap_stream(stream), None)
    }

    /// The file at `path`, opened now and read as it is sent; its file name is the path's last
    /// component.
    pub async fn open(path: impl AsRef<Path>) -> std::io::Result<FilePart> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        let part = FilePart::streamed(reqwest::Body::from(file), Some(length));
        Ok(match path.file_name() {
            Some(name) => part.file_name(name.to_string_lossy()),
            None => part,
        })
    }

    /// The file name the part declares (`filename` in its `Content-Disposition`).
    pub fn file_name(mut self, file_name: impl Into<String>) -> FilePart {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's content type, e.g. `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> FilePart {
        self.content_type = Some(content_type.into());
        self
    }

    fn of(content: Content) -> FilePart {
        FilePart {
            content,
            file_name: None,
            content_type: None,
        }
    }

    fn streamed(body: reqwest::Body, length: Option<u64>) -> FilePart {
        let streamed = Streamed { body, length };
        FilePart::of(Content::Stream(Arc::new(Mutex::new(Some(streamed)))))
    }

    /// The part to send, with `default_type` unless a content type was given; `None` when its
    /// stream was sent already.
    fn into_part(self, default_type: &str) -> Option<Result<Part, String>> {
        let part = match self.content {
            Content::Bytes(bytes) => {
                let length = bytes.len() as u64;
                Part::stream_with_length(bytes, length)
            }
            Content::Stream(stream) => {
                let taken = stream.lock().unwrap_or_else(|e| e.into_inner()).take();
                match taken? {
                    Streamed {
                        body,
                        length: Some(length),
                    } => Part::stream_with_length(body, length),
                    Streamed { body, length: None } => Part::stream(body),
                }
            }
        };
        let content_type = self.content_type.as_deref().unwrap_or(default_type);
        let part = part
            .mime_str(content_type)
            .map_err(|_| content_type.to_owned());
        Some(part.map(|part| match self.file_name {
            Some(name) => part.file_name(name),
            None => part,
        }))
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let content = match &self.content {
            Content::Bytes(bytes) => format!("{} bytes", bytes.len()),
            Content::Stream(_) => "a stream".to_owned(),
        };
        f.debug_struct("FilePart")
            .field("content", &format_args!("{content}"))
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The parts of a multipart body, written in the order they are added; a value that is `None`
/// adds none.
#[allow(dead_code)] // unused when no operation has a multipart body
pub(crate) struct Parts {
    form: Form,
    count: usize,
}

#[allow(dead_code)] // each is unused by specs that do not need it
impl Parts {
    /// No part yet. Part names are written as the spec writes them (RFC 7578, section 5.1:
    /// UTF-8 in quotes; validation refused names a header cannot carry), not percent-encoded
    /// into a `name*` parameter, which RFC 7578 does not allow and servers do not read.
    pub(crate) fn new() -> Parts {
        Parts {
            form: Form::new().percent_encode_noop(),
            count: 0,
        }
    }

    /// A part of text: a string as it is, a number or boolean as JSON writes it; with
    /// `content_type` when the spec gives one (else the part declares none: `text/plain`).
    pub(crate) fn text<T: Serialize + ?Sized, E>(
        self,
        name: &'static str,
        value: Option<&T>,
        content_type: Option<&str>,
    ) -> Result<Parts, Error<E>> {
        let Some(value) = value else {
            return Ok(self);
        };
        let part = Part::text(super::plain_text(value));
        self.add(name, part, content_type)
    }

    /// A part of text per item, in order.
    pub(crate) fn texts<T: Serialize, E>(
        mut self,
        name: &'static str,
        values: Option<&Vec<T>>,
        content_type: Option<&str>,
    ) -> Result<Parts, Error<E>> {
        for value in values.into_iter().flatten() {
            self = self.text(name, Some(value), content_type)?;
        }
        Ok(self)
    }

    /// A part of JSON.
    pub(crate) fn json<T: Serialize + ?Sized, E>(
        self,
        name: &'static str,
        value: Option<&T>,
        content_type: &str,
    ) -> Result<Parts, Error<E>> {
        let Some(value) = value else {
            return Ok(self);
        };
        let json = serde_json::to_vec(value).map_err(|err| {
            Error::InvalidRequest(format!(
                "the part `{name}` cannot be written as JSON: {err}"
            ))
        })?;
        self.add(name, Part::bytes(json), Some(content_type))
    }

    /// A file part, sent with `default_type` unless the file has a content type of its own.
    pub(crate) fn file<E>(
        mut self,
        name: &'static str,
        file: Option<FilePart>,
        default_type: &str,
    ) -> Result<Parts, Error<E>> {
        let Some(file) = file else {
            return Ok(self);
        };
        let part = file.into_part(default_type).ok_or_else(|| {
            Error::InvalidRequest(format!("the file part `{name}` is a stream that was sent already (a stream is read once); nothing was sent"))
        })?;
        let part = part.map_err(|content_type| not_media_type(name, &content_type))?;
        self.form = self.form.part(name, part);
        self.count += 1;
        Ok(self)
    }

    /// A file part per item, in order.
    pub(crate) fn files<E>(
        mut self,
        name: &'static str,
        files: Option<Vec<FilePart>>,
        default_type: &str,
    ) -> Result<Parts, Error<E>> {
        for file in files.into_iter().flatten() {
            self = self.file(name, Some(file), default_type)?;
        }
        Ok(self)
    }

    /// The body into `request`: when it has a part, or when the spec requires a body.
    pub(crate) fn into_request(
        self,
        request: reqwest::RequestBuilder,
        required: bool,
    ) -> reqwest::RequestBuilder {
        if self.count == 0 && !required {
            return request;
        }
        request.multipart(self.form)
    }

    fn add<E>(
        mut self,
        name: &'static str,
        part: Part,
        content_type: Option<&str>,
    ) -> Result<Parts, Error<E>> {
        let part = match content_type {
            Some(content_type) => part
                .mime_str(content_type)
                .map_err(|_| not_media_type(name, content_type))?,
            None => part,
        };
        self.form = self.form.part(name, part);
        self.count += 1;
        Ok(self)
    }
}

fn not_media_type<E>(name: &str, content_type: &str) -> Error<E> {
    Error::InvalidRequest(format!(
        "the part `{name}` has the content type `{content_type}`, which is not a media type; nothing was sent"
    ))
}

/// A part of a multipart body as read back: its name, file name, content type and content.
#[cfg(feature = "mock")]
#[derive(Debug, PartialEq)]
pub(crate) struct ReadPart {
    pub(crate) name: String,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) content: Vec<u8>,
}

/// The parts of a `multipart/form-data` body whose `Content-Type` is `content_type`; `None`
/// when it is no such body. Reads what this client writes (for the mocks); the wire tests read
/// it with a parser the project did not write.
#[cfg(feature = "mock")]
pub(crate) fn read(content_type: &str, body: &[u8]) -> Option<Vec<ReadPart>> {
    let (media, params) = content_type.split_once(';')?;
    if !media.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params.split(';').find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"'))
    })?;
    let delimiter = format!("--{boundary}");
    let mut chunks = split(body, delimiter.as_bytes());
    chunks.next()?; // the preamble
    let mut parts = Vec::new();
    for chunk in chunks {
        if chunk.starts_with(b"--") {
            return Some(parts); // the close delimiter
        }
        let chunk = chunk.strip_prefix(b"\r\n")?;
        let chunk = chunk.strip_suffix(b"\r\n")?;
        parts.push(read_part(chunk)?);
    }
    None
}

#[cfg(feature = "mock")]
fn read_part(chunk: &[u8]) -> Option<ReadPart> {
    let at = find(chunk, b"\r\n\r\n")?;
    let head = std::str::from_utf8(&chunk[..at]).ok()?;
    let mut part = ReadPart {
        name: String::new(),
        file_name: None,
        content_type: None,
        content: chunk[at + 4..].to_vec(),
    };
    for line in head.split("\r\n") {
        let (header, value) = line.split_once(':')?;
        if header.trim().eq_ignore_ascii_case("content-type") {
            part.content_type = Some(value.trim().to_owned());
        }
        if !header.trim().eq_ignore_ascii_case("content-disposition") {
            continue;
        }
        for param in value.split(';').skip(1) {
            let (key, value) = param.split_once('=')?;
            let value = value.trim().trim_matches('"').to_owned();
            match key.trim() {
                "name" => part.name = value,
                "filename" => part.file_name = Some(value),
                _ => {}
            }
        }
    }
    Some(part)
}

/// The pieces of `bytes` between the occurrences of `delimiter`.
#[cfg(feature = "mock")]
fn split<'a>(bytes: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let now = rest?;
        match find(now, delimiter) {
            Some(at) => {
                rest = Some(&now[at + delimiter.len()..]);
                Some(&now[..at])
            }
            None => {
                rest = None;
                Some(now)
            }
        }
    })
}

#[cfg(feature = "mock")]
fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

#[cfg(all(test, feature = "mock"))]
mod tests {
    use futures_util::StreamExt;

    use super::*;

    type Result<T> = std::result::Result<T, Error<()>>;

    /// The body `parts` make, read back.
    fn written(parts: Parts) -> Vec<ReadPart> {
        let content_type = format!("multipart/form-data; boundary={}", parts.form.boundary());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let chunks: Vec<_> = runtime.block_on(parts.form.into_stream().collect());
        let body: Vec<u8> = chunks
            .into_iter()
            .flat_map(|c| c.unwrap().to_vec())
            .collect();
        read(&content_type, &body).unwrap()
    }

    #[test]
    fn parts_are_written_in_order_with_their_names_types_and_files() -> Result<()> {
        let parts = Parts::new()
            .text("note", Some("hi there"), None)?
            .text("count", Some(&3), Some("text/x-count"))?
            .text::<str, _>("absent", None, None)?
            .texts("tag", Some(&vec!["a", "b"]), None)?
            .json(
                "meta",
                Some(&serde_json::json!({"k": [1]})),
                "application/json",
            )?
            .file(
                "file",
                Some(FilePart::bytes(&b"\x00\x01"[..]).file_name("a.bin")),
                "image/png",
            )?
            .file(
                "other",
                Some(FilePart::bytes("x").content_type("text/csv")),
                "image/png",
            )?;
        let part = |name: &str, content: &[u8], file: Option<&str>, ty: Option<&str>| ReadPart {
            name: name.to_owned(),
            file_name: file.map(str::to_owned),
            content_type: ty.map(str::to_owned),
            content: content.to_vec(),
        };
        assert_eq!(
            written(parts),
            [
                part("note", b"hi there", None, None),
                part("count", b"3", None, Some("text/x-count")),
                part("tag", b"a", None, None),
                part("tag", b"b", None, None),
                part("meta", br#"{"k":[1]}"#, None, Some("application/json")),
                part("file", b"\x00\x01", Some("a.bin"), Some("image/png")),
                part("other", b"x", None, Some("text/csv")),
            ]
        );
        Ok(())
    }

    #[test]
    fn a_stream_is_sent_once() -> Result<()> {
        let chunks = vec![Ok::<_, std::io::Error>(bytes::Bytes::from("ab"))];
        let file = FilePart::stream(futures_util::stream::iter(chunks));
        let copy = file.clone();
        let read = written(Parts::new().file("f", Some(file), "application/octet-stream")?);
        assert_eq!(read[0].content, b"ab");
        let again = Parts::new().file::<()>("f", Some(copy), "application/octet-stream");
        let Err(Error::InvalidRequest(message)) = again else {
            panic!("a stream was sent twice");
        };
        assert!(
            message.contains("`f` is a stream that was sent already"),
            "{message}"
        );
        Ok(())
    }

    #[test]
    fn a_content_type_that_is_no_media_type_is_refused() {
        let file = FilePart::bytes("x").content_type("not a type");
        let refused = Parts::new().file::<()>("f", Some(file), "application/octet-stream");
        assert!(matches!(refused, Err(Error::InvalidRequest(m)) if m.contains("`not a type`")));
        assert!(format!("{:?}", FilePart::bytes("xyz")).contains("3 bytes"));
    }

    #[test]
    fn no_part_and_no_requirement_is_no_body() {
        let client =
            super::super::http::http_client::<()>(&super::super::Config::new("test")).unwrap();
        let request = |required| {
            let request = client.post("http://127.0.0.1:9/");
            Parts::new()
                .into_request(request, required)
                .build()
                .unwrap()
        };
        assert!(request(false).body().is_none());
        assert!(request(true).body().is_some());
    }
}
