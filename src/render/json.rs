//! JSON and NDJSON documents of the versioned contract (DESIGN.md, version 1).

use serde::Serialize;

use crate::report::{
    DocReport, FileLint, Keyword, OverusedWord, PhraseCount, RepeatedPhrase, SCHEMA_VERSION,
    TextCount,
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

/// One document of `phrases --format json`: the phrase fields of its [`DocReport`].
#[derive(Debug, Serialize)]
pub struct PhrasesDocument<'a> {
    /// The path as given or found.
    pub path: &'a str,
    /// The encoding used; empty when unread.
    pub encoding: &'a str,
    /// Why the file could not be read, if it could not.
    pub error: Option<&'a str>,
    /// Repairs made while reading.
    pub warnings: &'a [String],
    /// Jieba tokens in the text.
    pub tokens: usize,
    /// Official phrases, most frequent first.
    pub phrases: &'a [PhraseCount],
    /// “Quoted” slogans.
    pub quotes: &'a [TextCount],
    /// 《Titles》 cited.
    pub titles: &'a [TextCount],
    /// Top keywords by TF-IDF.
    pub keywords: &'a [Keyword],
    /// Word n-grams repeated within the document.
    pub repeated_phrases: &'a [RepeatedPhrase],
    /// Filler words used too often.
    pub overused: &'a [OverusedWord],
}

impl<'a> From<&'a DocReport> for PhrasesDocument<'a> {
    fn from(r: &'a DocReport) -> Self {
        PhrasesDocument {
            path: &r.path,
            encoding: &r.encoding,
            error: r.error.as_deref(),
            warnings: &r.warnings,
            tokens: r.tokens,
            phrases: &r.phrases,
            quotes: &r.quotes,
            titles: &r.titles,
            keywords: &r.keywords,
            repeated_phrases: &r.repeated_phrases,
            overused: &r.overused,
        }
    }
}

/// The whole `phrases --format json` output.
#[derive(Debug, Serialize)]
pub struct PhrasesOutput<'a> {
    /// Schema version.
    pub version: u32,
    /// Per-document results in path order.
    pub documents: Vec<PhrasesDocument<'a>>,
}

impl<'a> PhrasesOutput<'a> {
    /// Wraps reports for output.
    pub fn new(reports: &'a [DocReport]) -> Self {
        PhrasesOutput {
            version: SCHEMA_VERSION,
            documents: reports.iter().map(PhrasesDocument::from).collect(),
        }
    }
}
