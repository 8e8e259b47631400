//! CLI tests: run the real `zongjie` binary on real files.
//!
//! One test binary (see `autotests = false` in Cargo.toml) keeps link time down.

mod util;

mod lint;
mod phrases;
