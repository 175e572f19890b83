//! Property test: however the spec is mangled, load → validate → generate returns `Ok` or a typed
//! error, and never panics.
//!
//! Inputs are mutations of `spec/timetrack.yaml`: text edits (lines deleted, duplicated, swapped,
//! re-indented, truncated, words replaced) and structural edits (keys removed or renamed, values
//! replaced by other kinds). The run is bounded by time: `GENERATOR_FUZZ_SECONDS` (default 20),
//! from the seed `GENERATOR_FUZZ_SEED` (default: fixed, so CI runs are repeatable). A longer run:
//!
//! ```sh
//! GENERATOR_FUZZ_SECONDS=600 GENERATOR_FUZZ_SEED=$RANDOM cargo test --release -p generator --test fuzz -- --nocapture
//! ```
//!
//! A panicking input is written to `target/fuzz-failures/` and named in the failure.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_yaml::Value;

const SPEC: &str = include_str!("../../spec/timetrack.yaml");

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mutate_text(rng: &mut Rng, source: &str) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    let words: Vec<&str> = SPEC.split_whitespace().collect();
    for _ in 0..=rng.below(3) {
        let n = lines.len().max(1);
        let i = rng.below(n).min(lines.len().saturating_sub(1));
        if lines.is_empty() {
            break;
        }
        match rng.below(7) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let line = lines[i].clone();
                lines.insert(i, line);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 => lines[i] = format!("  {}", lines[i]),
            4 => lines[i] = lines[i].trim_start().to_owned(),
            5 => {
                let word = words[rng.below(words.len())];
                let parts: Vec<&str> = lines[i].split_whitespace().collect();
                if !parts.is_empty() {
                    let k = rng.below(parts.len());
                    lines[i] = lines[i].replacen(parts[k], word, 1);
                }
            }
            _ => lines.truncate(i),
        }
    }
    lines.join("\n")
}

/// Every mapping/sequence node, as a path of keys and indices.
fn node_paths(value: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(path.clone());
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                path.push(key.clone());
                node_paths(child, path, out);
                path.pop();
            }
        }
        Value::Sequence(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Value::from(index as u64));
                node_paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(value: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    let mut current = value;
    for step in path {
        current = match current {
            Value::Mapping(map) => map.get_mut(step)?,
            Value::Sequence(items) => items.get_mut(step.as_u64()? as usize)?,
            _ => return None,
        };
    }
    Some(current)
}

fn mutate_structure(rng: &mut Rng, source: &str) -> String {
    let Ok(mut doc) = serde_yaml::from_str::<Value>(source) else {
        return source.to_owned();
    };
    let replacements = [
        Value::Null,
        Value::from(7),
        Value::from(-1.5),
        Value::from(true),
        Value::from("x"),
        Value::from("#/components/schemas/Missing"),
        Value::Sequence(vec![]),
        Value::Mapping(Default::default()),
        serde_yaml::from_str("{type: object, properties: {a: {type: string}}}").unwrap(),
        serde_yaml::from_str("{$ref: '#/components/schemas/Task'}").unwrap(),
        serde_yaml::from_str("{type: integer, format: int64}").unwrap(),
    ];
    for _ in 0..=rng.below(2) {
        let mut paths = Vec::new();
        node_paths(&doc, &mut Vec::new(), &mut paths);
        let target = paths[rng.below(paths.len())].clone();
        let Some((last, parent_path)) = target.split_last() else {
            continue;
        };
        let choice = rng.below(4);
        let Some(parent) = node_mut(&mut doc, parent_path) else {
            continue;
        };
        match (parent, choice) {
            (Value::Mapping(map), 0) => {
                map.remove(last);
            }
            (Value::Mapping(map), 1) => {
                if let Some(v) = map.remove(last) {
                    let key = format!("{}_{}", last.as_str().unwrap_or("k"), rng.below(3));
                    map.insert(Value::from(key), v);
                }
            }
            (Value::Sequence(items), 0) => {
                let index = last.as_u64().unwrap_or(0) as usize;
                if index < items.len() {
                    items.remove(index);
                }
            }
            (parent, _) => {
                if let Some(node) = node_mut(parent, std::slice::from_ref(last)) {
                    *node = replacements[rng.below(replacements.len())].clone();
                }
            }
        }
    }
    serde_yaml::to_string(&doc).unwrap_or_default()
}

fn save_failure(input: &str, index: u64) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("panic-{index}.yaml"));
    let _ = std::fs::write(&path, input);
    path
}

#[test]
fn mangled_specs_never_panic() {
    let seconds = env_number("GENERATOR_FUZZ_SECONDS", 20);
    let seed = env_number("GENERATOR_FUZZ_SEED", 0x5EED_1234_ABCD_0001).max(1);
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut inputs, mut accepted, mut panics) = (0u64, 0u64, Vec::new());
    let mut kinds: std::collections::BTreeMap<&'static str, u64> = Default::default();
    while Instant::now() < deadline {
        let input = if rng.below(2) == 0 {
            mutate_text(&mut rng, SPEC)
        } else {
            mutate_structure(&mut rng, SPEC)
        };
        inputs += 1;
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            generator::generate_str(Path::new("fuzz.yaml"), &input, "fuzz.yaml")
        }));
        match outcome {
            Ok(Ok(_)) => accepted += 1,
            Ok(Err(err)) => {
                let kind = match &err {
                    generator::Error::InvalidSpec { .. } => "invalid spec",
                    generator::Error::Engine { .. } => "engine",
                    generator::Error::Render { .. } => "render",
                    _ => "other",
                };
                *kinds.entry(kind).or_default() += 1;
                let text = err.to_string();
                assert!(
                    !text.is_empty() && text.starts_with("fuzz.yaml"),
                    "unlocated error: {text}"
                );
            }
            Err(_) => panics.push(save_failure(&input, inputs)),
        }
    }
    println!(
        "fuzz: seed {seed:#x}, {seconds} s: {inputs} inputs, {accepted} generated, {} rejected with an error ({kinds:?}), {} panicked",
        inputs - accepted - panics.len() as u64,
        panics.len()
    );
    assert!(inputs > 0, "no input was tried");
    assert!(panics.is_empty(), "inputs that panicked: {panics:?}");
}
