//! The runtime on its own, for its unit tests: each generated crate carries a copy of
//! `runtime.rs` and its modules (mounted as `crate::runtime`, as here) and builds it without
//! its tests; they run here, once.

#![allow(dead_code, unused_imports, unused_macros)] // the generated code is what uses them

#[path = "runtime.rs"]
pub mod runtime;
