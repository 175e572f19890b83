//! The generator's invariants that can be read off its source (ARCHITECTURE.md lists them):
//! dependencies run one way (load → validate → plan → render → output), nothing after validation
//! reads the document, renderers read only plans, and files and functions stay small.

use std::path::{Path, PathBuf};

/// Modules by step, in the order the pipeline runs; a module may use its own step's and earlier
/// steps' modules. The first step holds what every step may use: errors, names, templates and
/// the model (plain data).
const STEPS: &[(&str, &[&str])] = &[
    (
        "shared",
        &["error", "names", "path_template", "model", "tokens"],
    ),
    ("load", &["load", "positions"]),
    ("validate", &["validate", "resolve", "json_schema"]),
    ("plan", &["plan", "type_engine"]),
    ("render", &["render", "surface"]),
    ("output", &["output", "report", "codegen"]),
    ("pipeline", &["lib"]),
];

/// What only loading and validation may read: the parsed document and its reference resolver.
const THE_DOCUMENT: &[&str] = &[
    "openapiv3",
    "crate::load",
    "crate::resolve",
    "crate::json_schema",
    "crate::validate",
];

/// What a renderer must not read besides the plan: the model and the type engine behind it.
const BEHIND_THE_PLAN: &[&str] = &["crate::model", "model::", "crate::type_engine"];

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 60;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its path relative to `src/`.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(src()).unwrap();
            let name = relative.to_string_lossy().replace('\\', "/");
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// The module a file belongs to: `render/mock.rs` → `render`, `plan.rs` → `plan`.
fn module_of(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

fn step_of(module: &str) -> Option<usize> {
    STEPS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// The crate modules a file names: `crate::plan::…` and the names in `crate::{…}`.
fn used_modules(text: &str) -> Vec<String> {
    let mut used = Vec::new();
    for (index, _) in text.match_indices("crate::") {
        let rest = &text[index + "crate::".len()..];
        let names = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or_default(),
            None => rest,
        };
        for name in names.split(',') {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            used.push(name);
        }
    }
    used
}

/// Lines of code, without the `//` comments (doc comments name other modules freely) and without
/// the unit tests at the end (`#[cfg(test)]`), which may build their input any way they like.
fn code(text: &str) -> String {
    let text = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    let lines = text.lines().map(|line| match line.find("//") {
        Some(at) if !line[..at].contains('"') => &line[..at],
        _ => line,
    });
    lines.collect::<Vec<_>>().join("\n")
}

#[test]
fn dependencies_run_one_way() {
    let mut wrong = Vec::new();
    for (file, text) in sources(&src()) {
        let module = module_of(&file);
        let Some(step) = step_of(module) else {
            wrong.push(format!(
                "{file}: its module `{module}` is in no step of STEPS"
            ));
            continue;
        };
        for used in used_modules(&code(&text)) {
            if let Some(used_step) = step_of(&used)
                && used_step > step
            {
                wrong.push(format!(
                    "{file} ({}) uses `crate::{used}` ({})",
                    STEPS[step].0, STEPS[used_step].0
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn nothing_after_validation_reads_the_document() {
    let validate = step_of("validate").unwrap();
    let mut wrong = Vec::new();
    for (file, text) in sources(&src()) {
        let step = step_of(module_of(&file)).unwrap_or(0);
        if step <= validate || module_of(&file) == "lib" {
            continue;
        }
        let code = code(&text);
        for name in THE_DOCUMENT.iter().filter(|name| code.contains(*name)) {
            wrong.push(format!("{file} reads `{name}`"));
        }
    }
    let model = code(&std::fs::read_to_string(src().join("model.rs")).unwrap());
    if model.contains("openapiv3") {
        wrong.push("model.rs (plain data) names `openapiv3`".to_owned());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn renderers_read_only_plans() {
    let mut wrong = Vec::new();
    let renderers = sources(&src().join("render"));
    assert!(
        renderers.len() >= 5,
        "render/ has {} files",
        renderers.len()
    );
    let surface = (
        "surface.rs".to_owned(),
        std::fs::read_to_string(src().join("surface.rs")).unwrap(),
    );
    for (file, text) in renderers.into_iter().chain([surface]) {
        let code = code(&text);
        for name in BEHIND_THE_PLAN.iter().filter(|name| code.contains(*name)) {
            wrong.push(format!("{file} reads `{name}` instead of the plan"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `fn` items and the number of lines each spans, found by their closing brace at the same
/// indentation (rustfmt's layout).
fn functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let signature = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "async fn ",
        ]
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix));
        let Some(signature) = signature else { continue };
        let name: String = signature
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = lines[start..].iter().position(|l| *l == close) {
            out.push((name, end + 1));
        }
    }
    out
}

#[test]
fn files_and_functions_stay_small() {
    let mut wrong = Vec::new();
    for (file, text) in sources(&src()) {
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            wrong.push(format!("{file}: {lines} lines (at most {MAX_FILE_LINES})"));
        }
        for (name, length) in functions(&text) {
            if length > MAX_FN_LINES {
                wrong.push(format!(
                    "{file}: fn {name} has {length} lines (at most {MAX_FN_LINES})"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checks_see_what_they_check() {
    assert_eq!(
        used_modules("use crate::{model::Api, names};"),
        ["model", "names"]
    );
    assert_eq!(used_modules("crate::plan::plan(x)"), ["plan"]);
    assert_eq!(module_of("render/mock.rs"), "render");
    assert_eq!(module_of("lib.rs"), "lib");
    let text = "fn a() {\n    1\n}\n\n    pub(crate) fn b() {\n        2\n    }\n";
    assert_eq!(functions(text), [("a".to_owned(), 3), ("b".to_owned(), 3)]);
    assert_eq!(code("let x = 1; // crate::model"), "let x = 1; ");
    assert_eq!(code("a\n#[cfg(test)]\nmod tests { crate::load }"), "a");
}
