//! Compile tests: the generated API accepts what `tasks.md` documents and rejects what it forbids.
//! Each case under `tests/compile/ui/` names in a comment the sentence of the docs it enforces.
//!
//! The `.stderr` files are the compiler's messages on this machine's toolchain; refresh them with
//! `TRYBUILD=overwrite cargo test -p compile-tests --test compile` and review the diff.

#[test]
fn documented_params() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
}
