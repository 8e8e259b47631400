//! JSON and NDJSON documents of the versioned contract (DESIGN.md, version 1).

use serde::Serialize;

use crate::report::{
    Completeness, DocReport, FileLint, Heading, Keyword, NumberingError, OverusedWord, PhraseCount,
    RepeatedPhrase, Role, SCHEMA_VERSION, TextCount,
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

/// The fields every per-document record of `outline` and `phrases` starts with.
#[derive(Debug, Serialize)]
pub struct DocHeader<'a> {
    /// The path as given or found.
    pub path: &'a str,
    /// The encoding used; empty when unread.
    pub encoding: &'a str,
    /// Why the file could not be read, if it could not.
    pub error: Option<&'a str>,
    /// Repairs made while reading.
    pub warnings: &'a [String],
}

impl<'a> From<&'a DocReport> for DocHeader<'a> {
    fn from(r: &'a DocReport) -> Self {
        DocHeader {
            path: &r.path,
            encoding: &r.encoding,
            error: r.error.as_deref(),
            warnings: &r.warnings,
        }
    }
}

/// One document of `outline --format json`: the outline fields of its report.
#[derive(Debug, Serialize)]
pub struct OutlineDocument<'a> {
    /// Path, encoding, error, warnings.
    #[serde(flatten)]
    pub header: DocHeader<'a>,
    /// The genre profile the document was judged by.
    pub profile: Option<&'a str>,
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
            header: r.into(),
            profile: r.profile.as_deref(),
            headings: &r.headings,
            sections_missing: &r.sections_missing,
            numbering_errors: &r.numbering_errors,
            completeness: &r.completeness,
        }
    }
}

/// One document of `phrases --format json`: the phrase fields of its [`DocReport`].
#[derive(Debug, Serialize)]
pub struct PhrasesDocument<'a> {
    /// Path, encoding, error, warnings.
    #[serde(flatten)]
    pub header: DocHeader<'a>,
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
            header: r.into(),
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

/// `{"version":1,"documents":[…]}`: the output of `outline` and `phrases` in JSON.
#[derive(Debug, Serialize)]
pub struct DocumentsOutput<T> {
    /// Schema version.
    pub version: u32,
    /// Per-document records in path order.
    pub documents: Vec<T>,
}

impl<'a, T: From<&'a DocReport>> DocumentsOutput<T> {
    /// Wraps reports for output.
    pub fn new(reports: &'a [DocReport]) -> Self {
        DocumentsOutput {
            version: SCHEMA_VERSION,
            documents: reports.iter().map(T::from).collect(),
        }
    }
}

/// `outline --format json`.
pub type OutlineOutput<'a> = DocumentsOutput<OutlineDocument<'a>>;
/// `phrases --format json`.
pub type PhrasesOutput<'a> = DocumentsOutput<PhrasesDocument<'a>>;
