//! Section 1: the generator core (load → validate → generate → render) in this process, on the
//! spec and on synthetic specs, through `generator::generate_str`.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use super::{Options, Section, ms, ratio};

/// A TimeTrack-like spec with `resources` resources of 5 operations each (list with a filter
/// and paging, create, read, update, delete), sharing parameters and the error envelope.
pub fn synthetic_spec(resources: usize) -> String {
    let mut out = String::from(
        "openapi: 3.0.3\ninfo:\n  title: Synthetic\n  version: \"1\"\n  x-rust-crate:\n    name: synthetic-client\n    env-prefix: SYNTHETIC\nservers:\n  - url: https://{account}.example.com/api\n    variables:\n      account:\n        default: test\nsecurity:\n  - apiKey: []\n    apiSecret: []\npaths:\n",
    );
    for i in 0..resources {
        let _ = write!(
            out,
            "  /things{i}:\n    get:\n      operationId: list_things{i}\n      x-paged: {{page: page_number, size: limit}}\n      parameters:\n        - {{name: name, in: query, schema: {{type: string}}}}\n        - $ref: '#/components/parameters/page_number'\n        - $ref: '#/components/parameters/limit'\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{type: array, items: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n    post:\n      operationId: create_thing{i}\n      requestBody: {{required: true, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}Create'}}}}}}}}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n  /things{i}/{{id}}:\n    parameters:\n      - {{name: id, in: path, required: true, schema: {{type: integer, format: int64}}}}\n    get:\n      operationId: read_thing{i}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n    put:\n      operationId: update_thing{i}\n      requestBody: {{required: true, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}Update'}}}}}}}}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{i}'}}}}}}}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n    delete:\n      operationId: delete_thing{i}\n      responses:\n        2XX: {{description: deleted}}\n        4XX: {{$ref: '#/components/responses/Error'}}\n"
        );
    }
    out.push_str("components:\n  securitySchemes:\n    apiKey: {type: apiKey, in: header, name: X-Api-Key}\n    apiSecret: {type: apiKey, in: header, name: X-Api-Secret}\n  parameters:\n    page_number: {name: page_number, in: query, schema: {type: integer, format: int64, minimum: 0}}\n    limit: {name: limit, in: query, schema: {type: integer, format: int64, minimum: 0, maximum: 1000}}\n  responses:\n    Error: {description: failed, content: {application/json: {schema: {$ref: '#/components/schemas/ErrorResponse'}}}}\n  schemas:\n    ErrorResponse: {type: object, properties: {errors: {type: array, items: {type: object, properties: {title: {type: string}, status: {type: integer}, code: {type: integer}, detail: {type: string}}}}}}\n");
    for i in 0..resources {
        let _ = write!(
            out,
            "    Thing{i}: {{type: object, required: [id, name], properties: {{id: {{type: integer, format: int64}}, name: {{type: string}}, notes: {{type: string, nullable: true}}, rate: {{type: number, nullable: true}}}}}}\n    Thing{i}Create: {{type: object, required: [name], properties: {{name: {{type: string}}, notes: {{type: string}}, rate: {{type: number}}}}}}\n    Thing{i}Update: {{type: object, properties: {{notes: {{type: string}}, rate: {{type: number}}}}}}\n"
        );
    }
    out
}

/// The operations in the spec `source` (as `openapiv3` counts them), or `None` if it is not an
/// OpenAPI document.
fn operation_count(source: &str) -> Option<usize> {
    serde_yaml::from_str::<openapiv3::OpenAPI>(source)
        .ok()
        .map(|document| document.operations().count())
}

/// How long the generator core takes on one spec.
#[derive(Debug, Clone)]
pub struct CoreSample {
    /// What was generated.
    pub label: String,
    /// Operations in the spec.
    pub operations: usize,
    /// Runs measured.
    pub runs: u32,
    /// Median time of one run.
    pub per_run: Duration,
}

/// Times load → validate → generate → render on `source`: at least one run, more until
/// `budget` is spent or `max_runs` are done; the median is kept.
pub fn time_core(
    label: &str,
    source: &str,
    operations: usize,
    budget: Duration,
    max_runs: u32,
) -> Result<CoreSample, generator::Error> {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.is_empty() || (start.elapsed() < budget && (times.len() as u32) < max_runs) {
        let run = Instant::now();
        generator::generate_str(Path::new("bench.yaml"), source, "bench.yaml")?;
        times.push(run.elapsed());
    }
    times.sort();
    Ok(CoreSample {
        label: label.to_owned(),
        operations,
        runs: times.len() as u32,
        per_run: times[times.len() / 2],
    })
}

/// Section 1: the generator core, in this process.
pub fn core_section(options: &Options) -> Result<Section, String> {
    let (_, profile) = super::this_binary(&options.root);
    let mut section = Section::new(
        &format!(
            "1. Generator core (load → validate → generate → render, in process, profile `{profile}`)"
        ),
        &[
            "spec",
            "operations",
            "runs",
            "time",
            "per operation",
            "per operation vs 1 resource",
        ],
    );
    let mut samples = vec![spec_sample(options)?];
    let sizes: &[usize] = if options.smoke {
        &[1, 10]
    } else {
        &[1, 10, 100, 1000]
    };
    for &resources in sizes {
        samples.push(synthetic_sample(resources, options.smoke)?);
    }
    let unit = samples
        .iter()
        .find(|s| s.label.starts_with("synthetic, 1 "))
        .map(|s| s.per_run / s.operations as u32);
    for sample in &samples {
        section.row(&core_row(sample, unit));
    }
    if let Some(note) = target_note(&samples) {
        section.note(note);
    }
    Ok(section)
}

/// `spec/timetrack.yaml`, for up to 2 s or 20 runs.
fn spec_sample(options: &Options) -> Result<CoreSample, String> {
    let spec = std::fs::read_to_string(options.root.join("spec/timetrack.yaml"))
        .map_err(|err| format!("spec/timetrack.yaml: {err}"))?;
    let operations = operation_count(&spec).unwrap_or(0);
    time_core(
        "spec/timetrack.yaml",
        &spec,
        operations,
        Duration::from_secs(2),
        20,
    )
    .map_err(|err| err.to_string())
}

/// A synthetic spec of `resources` resources: the bigger, the fewer runs; one in a smoke run.
fn synthetic_sample(resources: usize, smoke: bool) -> Result<CoreSample, String> {
    let (budget, max_runs) = match resources {
        0..=10 => (Duration::from_secs(2), 20),
        11..=100 => (Duration::from_secs(5), 5),
        _ => (Duration::ZERO, 1),
    };
    time_core(
        &format!(
            "synthetic, {resources} resource{}",
            if resources == 1 { "" } else { "s" }
        ),
        &synthetic_spec(resources),
        resources * 5,
        if smoke { Duration::ZERO } else { budget },
        max_runs,
    )
    .map_err(|err| err.to_string())
}

/// A sample's row; `unit` is the time per operation of the 1-resource spec.
fn core_row(sample: &CoreSample, unit: Option<Duration>) -> Vec<String> {
    let per_op = sample.per_run / sample.operations.max(1) as u32;
    vec![
        sample.label.clone(),
        sample.operations.to_string(),
        sample.runs.to_string(),
        ms(sample.per_run),
        format!("{:.0} µs", per_op.as_secs_f64() * 1e6),
        unit.map_or("-".to_owned(), |u| ratio(per_op, u)),
    ]
}

/// Whether the 100-resource spec met its 1 s target, when it was measured.
fn target_note(samples: &[CoreSample]) -> Option<String> {
    let hundred = samples.iter().find(|s| s.label.contains(" 100 "))?;
    Some(format!(
        "Target: the 100-resource spec under 1 s: {} ({}).",
        if hundred.per_run < Duration::from_secs(1) {
            "met"
        } else {
            "not met"
        },
        ms(hundred.per_run)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_specs_generate_with_five_operations_per_resource() {
        let source = synthetic_spec(2);
        assert_eq!(operation_count(&source), Some(10));
        let files = generator::generate_str(Path::new("s.yaml"), &source, "s.yaml").unwrap();
        assert!(files["src/client.rs"].contains("pub fn update_thing1("));
        assert!(files["src/client/builders.rs"].contains("pub fn stream("));
    }

    #[test]
    fn core_timing_counts_runs() {
        let sample = time_core("x", &synthetic_spec(1), 5, Duration::ZERO, 3).unwrap();
        assert_eq!((sample.runs, sample.operations), (1, 5));
        assert!(sample.per_run > Duration::ZERO);
    }
}
