//! A request as a `curl` command (`--dry-run`), and the request and answer lines of `-v`.
//! Credential headers carry placeholders in a dry run; any header the client marks sensitive
//! that does not is shown as `<hidden>`, so no secret is ever printed.

use reqwest::header::{HeaderMap, HeaderValue};

/// `request` as a `curl` command, one option per line.
pub(crate) fn curl(request: &reqwest::Request) -> String {
    let body = request.body().and_then(|body| body.as_bytes());
    let mut first = "curl".to_owned();
    if request.method() != reqwest::Method::GET || body.is_some() {
        first.push_str(&format!(" -X {}", quote(request.method().as_str())));
    }
    first.push_str(&format!(" {}", quote(request.url().as_str())));
    let mut parts = vec![first];
    for (name, value) in request.headers() {
        parts.push(format!(
            "-H {}",
            quote(&format!("{name}: {}", shown(value)))
        ));
    }
    if let Some(body) = body {
        parts.push(format!(
            "--data-binary {}",
            quote(&String::from_utf8_lossy(body))
        ));
    }
    parts.join(" \\\n  ")
}

/// `-v`'s lines for the request: `> METHOD URL`, then `> name: value` per header.
pub(crate) fn request_lines(request: &reqwest::Request) -> String {
    let mut out = format!("> {} {}\n", request.method(), request.url());
    out.push_str(&header_lines('>', request.headers()));
    out
}

/// `-v`'s lines for the answer: `< STATUS`, then `< name: value` per header.
pub(crate) fn answer_lines(status: reqwest::StatusCode, headers: &HeaderMap) -> String {
    let mut out = format!("< {status}\n");
    out.push_str(&header_lines('<', headers));
    out
}

fn header_lines(mark: char, headers: &HeaderMap) -> String {
    let each = headers
        .iter()
        .map(|(name, value)| format!("{mark} {name}: {}\n", shown(value)));
    each.collect()
}

/// A header's value as it may be printed: a sensitive one only when it is a placeholder.
fn shown(value: &HeaderValue) -> String {
    let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
    let placeholder = text.starts_with('<') && text.ends_with('>') && !text.contains(' ');
    match value.is_sensitive() && !placeholder {
        true => "<hidden>".to_owned(),
        false => text,
    }
}

/// `text` in single quotes for a POSIX shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: reqwest::Method, body: Option<&str>) -> reqwest::Request {
        let url = "https://example.test/api/tasks?name=it%27s"
            .parse()
            .unwrap();
        let mut request = reqwest::Request::new(method, url);
        let mut secret = HeaderValue::from_static("s3cr3t");
        secret.set_sensitive(true);
        let mut placeholder = HeaderValue::from_static("<API_KEY>");
        placeholder.set_sensitive(true);
        request.headers_mut().insert("x-secret", secret);
        request.headers_mut().insert("x-key", placeholder);
        *request.body_mut() = body.map(|b| b.to_owned().into());
        request
    }

    #[test]
    fn a_request_becomes_a_curl_command_without_secrets() {
        let get = curl(&request(reqwest::Method::GET, None));
        assert_eq!(
            get,
            "curl 'https://example.test/api/tasks?name=it%27s' \\\n  -H 'x-secret: <hidden>' \\\n  -H 'x-key: <API_KEY>'"
        );
        let post = curl(&request(reqwest::Method::POST, Some(r#"{"name":"it's"}"#)));
        assert!(post.starts_with("curl -X 'POST' "), "{post}");
        assert!(
            post.ends_with(r#"--data-binary '{"name":"it'\''s"}'"#),
            "{post}"
        );
        let lines = request_lines(&request(reqwest::Method::GET, None));
        assert!(!lines.contains("s3cr3t"), "{lines}");
    }
}
