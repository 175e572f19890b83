//! Every curl example of the vendor docs against the `timetrack` command: the invocation the
//! fixture pairs with it (`tests/data/curl-examples.txt`) prints, with `--dry-run`, a request
//! the same as the example's, read as the README reads the pages: reads are `GET` with no
//! body (the examples' `-d $'{}'`), a trailing `/` names the same collection, the account is the
//! host's first label (`imetrackenterprise.com` is a typo of the server), timestamps are
//! instants (`.000Z` or not), and the users update example's `langauge` is `language`.

mod common;

use std::path::Path;

use chrono::{DateTime, Utc};
use common::cli::{Curl, parse_curl, run_with, shell_words};
use serde_json::Value;

const EXAMPLES: &str = include_str!("../data/curl-examples.txt");

struct Example {
    page: String,
    heading: String,
    args: Vec<String>,
    curl: String,
}

fn examples() -> Vec<Example> {
    let blocks = EXAMPLES.split("\n### ").skip(1);
    let example = |block: &str| {
        let (title, rest) = block.split_once('\n').expect("a title line");
        let (page, heading) = title.split_once(": ").expect("page: heading");
        let (invocation, curl) = rest.split_once('\n').expect("an invocation line");
        let args = invocation
            .strip_prefix("$ timetrack ")
            .expect("$ timetrack …");
        Example {
            page: page.to_owned(),
            heading: heading.to_owned(),
            args: shell_words(args),
            curl: curl.trim_end().to_owned(),
        }
    };
    blocks.map(example).collect()
}

/// What makes two requests the same under the README's readings.
#[derive(Debug, PartialEq)]
struct Sent {
    method: String,
    account: String,
    path: String,
    query: Vec<(String, String)>,
    /// The credential headers, each with a placeholder.
    credentials: Vec<String>,
    content_type: Option<String>,
    body: Option<Value>,
}

fn reduce(curl: &Curl) -> Sent {
    let url = reqwest::Url::parse(&curl.url).unwrap_or_else(|e| panic!("{}: {e}", curl.url));
    let host = url.host_str().expect("a host");
    let (account, server) = host.split_once('.').expect("account.server");
    assert!(
        ["timetrackenterprise.com", "imetrackenterprise.com"].contains(&server),
        "{host}"
    );
    let path = url
        .path()
        .strip_prefix("/api/v2/ext")
        .expect("under the base path");
    let mut query: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), instant(&v)))
        .collect();
    query.sort();
    let mut credentials: Vec<String> = (curl.headers.iter())
        .filter(|(name, value)| name.starts_with("x-timetrack-api-") && is_placeholder(value))
        .map(|(name, _)| name.clone())
        .collect();
    credentials.sort();
    let body = curl
        .body
        .as_deref()
        .map(json)
        .filter(|b| *b != Value::Object(Default::default()));
    Sent {
        method: curl.method.clone().unwrap_or_else(|| "GET".to_owned()),
        account: account.to_owned(),
        path: path.trim_end_matches('/').to_owned(),
        query,
        credentials,
        content_type: body
            .as_ref()
            .and_then(|_| curl.headers.get("content-type").cloned()),
        body,
    }
}

fn is_placeholder(value: &str) -> bool {
    value.starts_with('<') && value.ends_with('>')
}

/// A timestamp as its instant; any other text as it is.
fn instant(text: &str) -> String {
    match text.parse::<DateTime<Utc>>() {
        Ok(at) => at.to_rfc3339(),
        Err(_) => text.to_owned(),
    }
}

fn json(text: &str) -> Value {
    let mut value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    if let Value::Object(map) = &mut value {
        if let Some(language) = map.remove("langauge") {
            map.insert("language".to_owned(), language);
        }
        for field in map.values_mut() {
            if let Value::String(text) = field {
                *text = instant(text);
            }
        }
    }
    value
}

#[tokio::test]
async fn every_docs_example_is_a_dry_run_of_its_command() {
    let examples = examples();
    assert_eq!(examples.len(), 22, "the docs have 22 curl examples");
    for example in &examples {
        let docs = reduce(&parse_curl(&example.curl));
        let mut args = vec!["--dry-run", "--account", &docs.account];
        args.extend(example.args.iter().map(String::as_str));
        let run = run_with(&args, &[]).await;
        let place = format!("{}: {}", example.page, example.heading);
        assert_eq!(run.code, 0, "{place}: {}", run.stderr);
        let printed = reduce(&parse_curl(&run.stdout));
        assert_eq!(printed, docs, "{place}\n{}", run.stdout);
        assert_eq!(printed.credentials.len(), 2, "{place}");
    }
}

/// The fixture's examples are the pages' own, word for word, when the vendor docs are beside
/// the project (they are where the spec is written; a fresh machine may not have them).
#[test]
fn the_examples_are_the_pages_own() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/api-docs");
    if !docs.is_dir() {
        eprintln!(
            "{} is not here; the fixture's provenance is not checked",
            docs.display()
        );
        return;
    }
    let examples = examples();
    for example in &examples {
        let page = std::fs::read_to_string(docs.join(&example.page)).expect("the page");
        assert!(
            page.contains(&example.curl),
            "{}: {}",
            example.page,
            example.heading
        );
    }
    let mut in_docs = 0;
    for entry in std::fs::read_dir(&docs).expect("the docs folder") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).unwrap_or_default();
        in_docs += text
            .lines()
            .filter(|l| l.trim_start().starts_with("curl "))
            .count();
    }
    assert_eq!(
        in_docs,
        examples.len(),
        "every curl example of the docs is in the fixture"
    );
}
