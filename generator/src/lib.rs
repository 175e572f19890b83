//! The TimeTrack client generator: turns an OpenAPI 3.0 description into a typed Rust client crate.
//!
//! The pipeline, one module a step: `load` (YAML → `openapiv3`), `validate` (every problem at
//! once, located; what passes is lowered into the `model`, the one reading of the document),
//! `plan` (every decision about the crate and each operation, made once; types from the type
//! engine's adapter `type_engine`), `render` (the crate's files from the plans only). [`codegen`]
//! is the one code path of `cargo xtask codegen`, its `--check` and their tests; [`output`] writes
//! all-or-nothing or compares with disk; [`report`] says what changed in the public API.
//! ARCHITECTURE.md at the workspace root maps the modules and their invariants.

pub mod codegen;
mod error;
mod json_schema;
mod load;
mod model;
mod names;
pub mod output;
mod path_template;
mod plan;
mod positions;
mod render;
pub mod report;
mod resolve;
mod surface;
mod tokens;
mod type_engine;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;

pub use error::{Error, Location, Problem, Result};

/// The generated crate: relative path → file content.
pub type Files = BTreeMap<String, String>;

/// A generation: the crate's files, and the warnings about what the spec writes that was
/// accepted with a note (each located like a problem).
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Files,
    pub warnings: Vec<Problem>,
    /// The crate's public API, as `api.json` holds it.
    surface: surface::Surface,
}

/// Runs the whole pipeline on the spec at `spec_path`. `spec_label` is how generated files name
/// the spec in their header (e.g. `spec/timetrack.yaml`), so output does not depend on where the
/// workspace lives.
pub fn generate(spec_path: &Path, spec_label: &str) -> Result<Files> {
    generate_with_warnings(spec_path, spec_label).map(|generated| generated.files)
}

/// Runs the pipeline on spec text (used by tests and benchmarks).
pub fn generate_str(spec_path: &Path, source: &str, spec_label: &str) -> Result<Files> {
    generate_str_with_warnings(spec_path, source, spec_label).map(|generated| generated.files)
}

/// [`generate`], with the warnings.
pub fn generate_with_warnings(spec_path: &Path, spec_label: &str) -> Result<Generated> {
    let spec = load::load(spec_path)?;
    generate_document(&spec, spec_label)
}

/// [`generate_str`], with the warnings.
pub fn generate_str_with_warnings(
    spec_path: &Path,
    source: &str,
    spec_label: &str,
) -> Result<Generated> {
    let spec = load::load_str(spec_path, source)?;
    generate_document(&spec, spec_label)
}

fn generate_document(spec: &load::LoadedSpec, spec_label: &str) -> Result<Generated> {
    let (mut api, found) = validate::validate_noting(&spec.document).map_err(|mut problems| {
        locate(spec, &mut problems);
        Error::InvalidSpec {
            path: spec.path.clone(),
            problems,
        }
    })?;
    let mut warnings = spec.warnings.clone();
    warnings.extend(found);
    let plan = plan_keeping_engine_failures_local(&spec.path, &mut api, &mut warnings)?;
    let surface = surface::surface(&plan, spec_label);
    let files = render::files::crate_files(&plan, &surface, spec_label)?;
    locate(spec, &mut warnings);
    Ok(Generated {
        files,
        warnings,
        surface,
    })
}

/// Plans the crate, keeping the type engine's failures with the schemas they come from: when it
/// fails on the component schemas, or on an operation's own, each schema it fails on is typed as
/// any JSON value instead, with a warning (`type_engine::settle_components`,
/// `type_engine::settle_operation`), and the crate is planned again. A failure no schema
/// accounts for stays a failure.
fn plan_keeping_engine_failures_local(
    path: &Path,
    api: &mut model::Api,
    warnings: &mut Vec<Problem>,
) -> Result<plan::ApiPlan> {
    loop {
        let failure = match plan::plan(path, api) {
            Err(failure @ Error::Engine { .. }) => failure,
            planned => return planned,
        };
        let settled = match &failure {
            Error::Engine {
                operation: Some(id),
                ..
            } => {
                let op = api.operations.iter_mut().find(|op| op.id == *id);
                op.and_then(|op| type_engine::settle_operation(&api.schemas, op))
            }
            _ => type_engine::settle_components(&mut api.schemas),
        };
        match settled {
            Some(settled) => warnings.extend(settled),
            None => return Err(failure),
        }
    }
}

/// Gives each problem the line and column of its pointer (the index is built only when there is
/// something to locate).
fn locate(spec: &load::LoadedSpec, problems: &mut [Problem]) {
    if problems.is_empty() {
        return;
    }
    let positions = spec.positions();
    for problem in problems {
        problem.location.line_column = positions.find(&problem.location.pointer);
    }
}

/// The runtime's source is compiled only inside generated crates; this declaration (never
/// compiled) lets `cargo fmt` format it where it is written.
#[cfg(any())]
#[path = "../runtime/runtime.rs"]
mod runtime_source;
