//! CLI tests: run the real `zongjie` binary on real files.
//!
//! One test binary (see `autotests = false` in Cargo.toml) keeps link time down.

mod browser;
mod docx_fixture;
mod util;

mod analyze;
mod first_contact;
mod formats;
mod formulation;
mod fuzz_regressions;
mod genre;
mod hostile;
mod html_report;
mod lint;
mod merge;
mod outline;
mod phrases;
mod properties;
mod report_browser;
mod serve;
mod serve_page;
mod word;
