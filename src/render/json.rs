//! JSON and NDJSON of the versioned contract ([`SCHEMA_VERSION`]).
//!
//! Every command writes the same shape: `{"version":2,"documents":[…],"summary":{…}}`,
//! and `analyze` and `merge` add `"corpus":{…}` (`merge` has no documents: its
//! array is empty). A document record holds the fields of its
//! command's [`View`]. NDJSON writes one record a line, then one line with the version,
//! summary and corpus. The document array is streamed: memory does not grow with the
//! number of documents. A reporter made [`with_text`](JsonReporter::with_text) ends
//! each record with `"text"`, the document's decoded text (what `zongjie serve`'s page
//! shows; the findings' byte offsets index into it).

use std::io::{self, Write};

use serde::Serialize;

use super::{ReportOptions, Reporter, Tally, View};
use crate::corpus::CorpusReport;
use crate::document::Document;
use crate::report::{
    Completeness, Diagnostic, DocReport, Heading, Keyword, NumberingError, OverusedWord,
    PhraseCount, RepeatedPhrase, Role, SCHEMA_VERSION, TextCount,
};

/// A fatal error in a JSON format: `{"version":2,"error":"…"}`, so a program reading
/// stdout always gets JSON.
#[derive(Debug, Serialize)]
pub struct FatalError<'a> {
    /// Schema version.
    pub version: u32,
    /// What went wrong.
    pub error: &'a str,
}

/// The `summary` object: counts over the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Inputs seen, read or not.
    pub documents: usize,
    /// Inputs that could not be read.
    pub failed: usize,
    /// Findings in all documents.
    pub diagnostics: usize,
}

impl From<&Tally> for Summary {
    fn from(t: &Tally) -> Self {
        Summary {
            documents: t.documents,
            failed: t.failed,
            diagnostics: t.diagnostics,
        }
    }
}

/// The fields every record starts with.
#[derive(Debug, Serialize)]
pub struct DocHeader<'a> {
    /// The path as given or found.
    pub path: &'a str,
    /// `text`, `docx`, or the legacy format LibreOffice converted; empty when unread.
    pub format: &'a str,
    /// The exact bytes of a file name that is not UTF-8, in hex (only then present).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<&'a str>,
    /// The encoding used; empty when unread.
    pub encoding: &'a str,
    /// Why the file could not be read, if it could not.
    pub error: Option<&'a str>,
    /// Repairs made while reading.
    pub warnings: &'a [String],
    /// The genre profile the document was judged by (absent when it was not judged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<&'a str>,
}

impl<'a> From<&'a DocReport> for DocHeader<'a> {
    fn from(r: &'a DocReport) -> Self {
        DocHeader {
            path: &r.path,
            format: &r.format,
            path_bytes: r.path_bytes.as_deref(),
            encoding: &r.encoding,
            error: r.error.as_deref(),
            warnings: &r.warnings,
            profile: r.profile.as_deref(),
        }
    }
}

/// A record of `lint`: the header and the findings.
#[derive(Debug, Serialize)]
pub struct LintDocument<'a> {
    /// Path, encoding, error, warnings.
    #[serde(flatten)]
    pub header: DocHeader<'a>,
    /// Findings in text order.
    pub diagnostics: &'a [Diagnostic],
}

/// A record of `outline`: the outline fields of a report.
#[derive(Debug, Serialize)]
pub struct OutlineDocument<'a> {
    /// Path, encoding, error, warnings.
    #[serde(flatten)]
    pub header: DocHeader<'a>,
    /// Headings in text order.
    pub headings: &'a [Heading],
    /// Required roles no level-1 section holds.
    pub sections_missing: &'a [Role],
    /// Numbering slips.
    pub numbering_errors: &'a [NumberingError],
    /// The completeness score and its breakdown.
    pub completeness: &'a Completeness,
}

/// A record of `phrases`: the phrase fields of a report.
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

/// Serialises `r` as a record of `view`.
pub fn write_record(out: &mut dyn Write, view: View, r: &DocReport) -> serde_json::Result<()> {
    write_view(out, view, r, None)
}

/// Serialises `r` as a record of `view` ending with `"text": text`.
pub fn write_record_with_text(
    out: &mut dyn Write,
    view: View,
    r: &DocReport,
    text: &str,
) -> serde_json::Result<()> {
    write_view(out, view, r, Some(text))
}

/// A record followed by the document's text.
#[derive(Serialize)]
struct WithText<'a, T> {
    #[serde(flatten)]
    record: T,
    text: &'a str,
}

fn write_view(
    out: &mut dyn Write,
    view: View,
    r: &DocReport,
    text: Option<&str>,
) -> serde_json::Result<()> {
    fn put<T: Serialize>(
        out: &mut dyn Write,
        record: T,
        text: Option<&str>,
    ) -> serde_json::Result<()> {
        match text {
            None => serde_json::to_writer(out, &record),
            Some(text) => serde_json::to_writer(out, &WithText { record, text }),
        }
    }
    match view {
        View::Lint => put(
            out,
            LintDocument {
                header: r.into(),
                diagnostics: &r.diagnostics,
            },
            text,
        ),
        View::Outline => put(
            out,
            OutlineDocument {
                header: r.into(),
                headings: &r.headings,
                sections_missing: &r.sections_missing,
                numbering_errors: &r.numbering_errors,
                completeness: &r.completeness,
            },
            text,
        ),
        View::Phrases => put(
            out,
            PhrasesDocument {
                header: r.into(),
                tokens: r.tokens,
                phrases: &r.phrases,
                quotes: &r.quotes,
                titles: &r.titles,
                keywords: &r.keywords,
                repeated_phrases: &r.repeated_phrases,
                overused: &r.overused,
            },
            text,
        ),
        View::Analyze | View::Merge => put(out, r, text),
    }
}

/// The closing object of a run: `summary` and, for `analyze`, `corpus`.
#[derive(Debug, Serialize)]
struct Closing<'a> {
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    corpus: Option<&'a CorpusReport>,
}

/// The last NDJSON line.
#[derive(Debug, Serialize)]
struct LastLine<'a> {
    version: u32,
    #[serde(flatten)]
    closing: Closing<'a>,
}

/// JSON (`lines == false`) or NDJSON.
pub struct JsonReporter {
    view: View,
    lines: bool,
    first: bool,
    text: bool,
}

impl JsonReporter {
    /// A JSON (or, with `lines`, NDJSON) reporter.
    pub fn new(opts: ReportOptions, lines: bool) -> Self {
        JsonReporter {
            view: opts.view,
            lines,
            first: true,
            text: false,
        }
    }

    /// The same reporter, ending each record of a document that could be read with
    /// `"text"`: its decoded text, which the records' byte offsets index into.
    pub fn with_text(mut self, text: bool) -> Self {
        self.text = text;
        self
    }
}

impl Reporter for JsonReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.lines {
            write!(out, "{{\"version\":{SCHEMA_VERSION},\"documents\":[")?;
        }
        Ok(())
    }

    fn record(&self, report: &DocReport, doc: Option<&Document>) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        match doc.filter(|_| self.text) {
            Some(doc) => write_record_with_text(&mut buf, self.view, report, doc.text())?,
            None => write_record(&mut buf, self.view, report)?,
        }
        Ok(buf)
    }

    fn write(&mut self, out: &mut dyn Write, _report: &DocReport, record: &[u8]) -> io::Result<()> {
        if self.lines {
            out.write_all(record)?;
            out.write_all(b"\n")?;
        } else {
            out.write_all(if self.first { b"\n" } else { b",\n" })?;
            out.write_all(record)?;
        }
        self.first = false;
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
    ) -> io::Result<()> {
        let closing = Closing {
            summary: tally.into(),
            corpus: if matches!(self.view, View::Analyze | View::Merge) {
                corpus
            } else {
                None
            },
        };
        if self.lines {
            serde_json::to_writer(
                &mut *out,
                &LastLine {
                    version: SCHEMA_VERSION,
                    closing,
                },
            )?;
        } else {
            out.write_all(b"\n],")?;
            // The closing object's fields, without its braces, continue the document.
            let body = serde_json::to_vec(&closing)?;
            out.write_all(body.get(1..).unwrap_or(b"}"))?;
        }
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Style;
    use crate::{Analyzer, Config};

    fn record(text: bool, view: View, doc: &Document) -> String {
        let opts = ReportOptions {
            view,
            style: Style::default(),
            quiet: true,
            show_shared: false,
        };
        let analyzer = Analyzer::new(Config::default());
        let report = match view {
            View::Lint => analyzer.lint_report(doc),
            _ => analyzer.structure(doc),
        };
        let reporter = JsonReporter::new(opts, false).with_text(text);
        String::from_utf8(reporter.record(&report, Some(doc)).unwrap()).unwrap()
    }

    /// The text is one more key at the end; everything before it is the plain record,
    /// byte for byte.
    #[test]
    fn text_ends_the_record_and_changes_nothing_else() {
        let doc = Document::from_str("d.txt", "一、主要工作\n学习\"X次\"。\n");
        for view in [View::Lint, View::Outline] {
            let plain = record(false, view, &doc);
            let with = record(true, view, &doc);
            let head = plain.strip_suffix('}').unwrap();
            let tail = with.strip_prefix(head).expect("the plain record first");
            assert_eq!(
                tail, r#","text":"一、主要工作\n学习\"X次\"。\n"}"#,
                "{view:?}"
            );
        }
    }
}
