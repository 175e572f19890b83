//! Tests of the generated client live under `tests/` and `ui/`. The project README's Rust
//! examples are this crate's doc tests, so they must compile.
#![doc = include_str!("../../README.md")]
