//! JSON and NDJSON documents of the versioned contract (DESIGN.md, version 1).

use serde::Serialize;

use crate::report::{FileLint, SCHEMA_VERSION};

/// The `summary` object of `lint --format json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LintSummary {
    /// Files read (including failed ones).
    pub files: usize,
    /// Files that could not be read.
    pub failed: usize,
    /// Findings in all files.
    pub diagnostics: usize,
}

impl LintSummary {
    /// Counts over a set of lint results.
    pub fn of(files: &[FileLint]) -> Self {
        LintSummary {
            files: files.len(),
            failed: files.iter().filter(|f| f.error.is_some()).count(),
            diagnostics: files.iter().map(|f| f.diagnostics.len()).sum(),
        }
    }
}

/// The whole `lint --format json` output.
#[derive(Debug, Serialize)]
pub struct LintOutput<'a> {
    /// Schema version.
    pub version: u32,
    /// Per-file results in path order.
    pub files: &'a [FileLint],
    /// Totals.
    pub summary: LintSummary,
}

impl<'a> LintOutput<'a> {
    /// Wraps results for output.
    pub fn new(files: &'a [FileLint]) -> Self {
        LintOutput {
            version: SCHEMA_VERSION,
            files,
            summary: LintSummary::of(files),
        }
    }
}

/// A fatal error in JSON mode: `{"version":1,"error":"…"}`.
#[derive(Debug, Serialize)]
pub struct FatalError<'a> {
    /// Schema version.
    pub version: u32,
    /// What went wrong.
    pub error: &'a str,
}
