//! JSON and NDJSON documents of the versioned contract (DESIGN.md, version 1).

use serde::Serialize;

use crate::report::{
    Completeness, DocReport, FileLint, Heading, NumberingError, Role, SCHEMA_VERSION,
};

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

/// One document of `outline --format json`: the outline fields of its report.
#[derive(Debug, Serialize)]
pub struct OutlineDocument<'a> {
    /// The path as given or found.
    pub path: &'a str,
    /// The encoding used; empty when unread.
    pub encoding: &'a str,
    /// Why the file could not be read, if it could not.
    pub error: Option<&'a str>,
    /// Repairs made while reading.
    pub warnings: &'a [String],
    /// Headings in text order.
    pub headings: &'a [Heading],
    /// Required roles no level-1 section holds.
    pub sections_missing: &'a [Role],
    /// Numbering slips.
    pub numbering_errors: &'a [NumberingError],
    /// The completeness score and its breakdown.
    pub completeness: &'a Completeness,
}

impl<'a> From<&'a DocReport> for OutlineDocument<'a> {
    fn from(r: &'a DocReport) -> Self {
        OutlineDocument {
            path: &r.path,
            encoding: &r.encoding,
            error: r.error.as_deref(),
            warnings: &r.warnings,
            headings: &r.headings,
            sections_missing: &r.sections_missing,
            numbering_errors: &r.numbering_errors,
            completeness: &r.completeness,
        }
    }
}

/// The whole `outline --format json` output.
#[derive(Debug, Serialize)]
pub struct OutlineOutput<'a> {
    /// Schema version.
    pub version: u32,
    /// Per-document outlines in path order.
    pub documents: Vec<OutlineDocument<'a>>,
}

impl<'a> OutlineOutput<'a> {
    /// Wraps reports for output.
    pub fn new(reports: &'a [DocReport]) -> Self {
        OutlineOutput {
            version: SCHEMA_VERSION,
            documents: reports.iter().map(OutlineDocument::from).collect(),
        }
    }
}
