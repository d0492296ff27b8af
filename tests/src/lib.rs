//! test-only crate
