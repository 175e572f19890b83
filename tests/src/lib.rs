//! Tests of the generated client live under tests/.
