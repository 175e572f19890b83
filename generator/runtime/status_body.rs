//! Bodies decoded knowing their status. An operation whose answers, or whose errors, differ by
//! status has a generated enum with one variant per documented status; it implements
//! [`StatusBody`] by choosing the variant from the status. Every other body is decoded as the
//! one JSON type it is.

use reqwest::StatusCode;

/// A body the runtime decodes from an answer's status and bytes.
pub(crate) trait StatusBody: Sized {
    /// The decoded body; `None` when the status documents no such body (for an error: the
    /// status is not documented; for a success: the body is missing).
    fn from_status(status: StatusCode, bytes: &[u8]) -> Option<Result<Self, serde_json::Error>>;
}

impl<T: serde::de::DeserializeOwned> StatusBody for T {
    fn from_status(_: StatusCode, bytes: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        Some(serde_json::from_slice(bytes))
    }
}

/// A variant holding a JSON body: `None` when the answer has no body.
#[allow(dead_code)] // unused when no operation has a body per status
pub(crate) fn json<T, S>(bytes: &[u8], variant: fn(T) -> S) -> Option<Result<S, serde_json::Error>>
where
    T: serde::de::DeserializeOwned,
{
    if bytes.is_empty() {
        return None;
    }
    Some(serde_json::from_slice(bytes).map(variant))
}

/// A variant holding a text body (invalid UTF-8 is replaced).
#[allow(dead_code)] // unused when no operation has a text body per status
pub(crate) fn text<S>(
    bytes: &[u8],
    variant: fn(String) -> S,
) -> Option<Result<S, serde_json::Error>> {
    Some(Ok(variant(String::from_utf8_lossy(bytes).into_owned())))
}

/// A variant holding the body's bytes.
#[allow(dead_code)] // unused when no operation has a byte body per status
pub(crate) fn bytes<S>(
    bytes: &[u8],
    variant: fn(Vec<u8>) -> S,
) -> Option<Result<S, serde_json::Error>> {
    Some(Ok(variant(bytes.to_vec())))
}

/// The request with `body` as JSON, sent with the content type the spec declares (a `+json` or
/// vendor type) in place of `application/json`.
#[allow(dead_code)] // unused when every JSON body is plain `application/json`
pub(crate) fn json_as<T: serde::Serialize + ?Sized>(
    request: reqwest::RequestBuilder,
    body: &T,
    content_type: &'static str,
) -> reqwest::RequestBuilder {
    let mut headers = reqwest::header::HeaderMap::new();
    let value = reqwest::header::HeaderValue::from_static(content_type);
    headers.insert(reqwest::header::CONTENT_TYPE, value);
    // `headers` replaces what `json` set.
    request.json(body).headers(headers)
}

/// `request` asking for `media` (in place of the operation's own `Accept`).
#[allow(dead_code)] // unused when no answer is documented in several media
pub(crate) fn accept(
    request: reqwest::RequestBuilder,
    media: &'static str,
) -> reqwest::RequestBuilder {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static(media),
    );
    // `headers` replaces the `Accept` the request was built with.
    request.headers(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Answer {
        Created(u32),
        NoContent,
    }

    impl StatusBody for Answer {
        fn from_status(
            status: StatusCode,
            bytes: &[u8],
        ) -> Option<Result<Self, serde_json::Error>> {
            match status.as_u16() {
                201 => json(bytes, Answer::Created),
                _ => Some(Ok(Answer::NoContent)),
            }
        }
    }

    #[test]
    fn a_declared_json_type_replaces_application_json() {
        // The runtime's own client: it gives rustls its crypto provider explicitly.
        let config = crate::runtime::Config::new("test");
        let client = crate::runtime::http::http_client::<()>(&config).unwrap();
        let request = client.post("http://127.0.0.1:9/");
        let request = json_as(request, &[1], "application/vnd.api+json")
            .build()
            .unwrap();
        let types: Vec<_> = request
            .headers()
            .get_all(reqwest::header::CONTENT_TYPE)
            .iter()
            .collect();
        assert_eq!(types, ["application/vnd.api+json"]);
        assert_eq!(request.body().and_then(|b| b.as_bytes()), Some(&b"[1]"[..]));
    }

    #[test]
    fn variants_follow_the_status_and_plain_types_decode_as_json() {
        let created = Answer::from_status(StatusCode::CREATED, b"7")
            .unwrap()
            .unwrap();
        assert_eq!(created, Answer::Created(7));
        assert!(Answer::from_status(StatusCode::CREATED, b"").is_none());
        let none = Answer::from_status(StatusCode::NO_CONTENT, b"")
            .unwrap()
            .unwrap();
        assert_eq!(none, Answer::NoContent);
        let plain = u32::from_status(StatusCode::OK, b"3").unwrap().unwrap();
        assert_eq!(plain, 3);
        assert!(u32::from_status(StatusCode::OK, b"x").unwrap().is_err());
    }
}
