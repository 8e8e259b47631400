//! Renderers: one [`Reporter`] per output format, fed the same events by every
//! command — a record per document, then the run's closing part.
//!
//! A reporter owns its framing (the JSON array around records, the CSV header, the
//! SARIF log around results, the text summary line); commands never write framing.
//! Records are rendered on the worker threads ([`Reporter::record`] takes `&self`),
//! and written in path order on the main thread ([`Reporter::write`]). Renderers never
//! analyse: they print what they are given. JSON is built with serde only.

pub mod csv;
pub mod html;
pub mod json;
pub mod outline;
pub mod phrases;
pub mod rdjson;
pub mod sarif;
pub mod summary;
pub mod text;

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::CorpusReport;
use crate::document::Document;
use crate::i18n::Lang;
use crate::report::{DocReport, Rule, Severity, SlotKind};

/// The first line of `analyze`'s text report: it names the program, and lets a later
/// run over the same folder tell the report from the documents.
pub const REPORT_TITLE: &str = "zongjie analyze report";

/// Whether `text` is a report zongjie wrote (text, JSON, NDJSON, CSV or HTML), not a
/// document.
pub fn is_zongjie_report(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if text.starts_with(REPORT_TITLE) || html::is_html_report(text) {
        return true;
    }
    let head = match text.char_indices().nth(200) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let json = head.starts_with("{\"version\":")
        && (head.contains("\"documents\":") || head.contains("\"path\":"));
    let first = head.lines().next();
    json || first == Some(csv::document_header().join(",").as_str())
        || first == Some(csv::diagnostic_header().join(",").as_str())
        || first == Some(csv::corpus_header().join(",").as_str())
}

/// Output formats. Not every command has every format: see [`View::formats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// One JSON document (the versioned contract).
    Json,
    /// One JSON object per line: a record per document, then the summary.
    Ndjson,
    /// Comma-separated values for spreadsheets (UTF-8 with BOM).
    Csv,
    /// SARIF 2.1.0, for code-review and CI tools.
    Sarif,
    /// reviewdog's Diagnostic Format (rdjson).
    Rdjson,
    /// One self-contained HTML page (`analyze`): overview, charts, near-duplicates,
    /// and a table of the documents.
    Html,
}

impl Format {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Sarif => "sarif",
            Format::Rdjson => "rdjson",
            Format::Html => "html",
        }
    }

    /// Whether the output is JSON (so a fatal error is printed as JSON too).
    pub fn is_json(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Ndjson | Format::Sarif | Format::Rdjson
        )
    }
}

/// What a command shows of each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// Diagnostics (`zongjie lint`).
    Lint,
    /// Headings, sections, numbering, completeness (`zongjie outline`).
    Outline,
    /// Phrases, titles, quotes, keywords, repetition (`zongjie phrases`).
    Phrases,
    /// Everything, plus corpus statistics (`zongjie analyze`).
    Analyze,
    /// Corpus statistics alone, from merged states (`zongjie merge`): no records.
    Merge,
}

impl View {
    /// The formats this view can be written in.
    pub fn formats(self) -> &'static [Format] {
        match self {
            View::Lint => &[
                Format::Text,
                Format::Json,
                Format::Ndjson,
                Format::Csv,
                Format::Sarif,
                Format::Rdjson,
            ],
            View::Outline | View::Phrases => &[Format::Text, Format::Json, Format::Ndjson],
            View::Analyze => &[
                Format::Text,
                Format::Json,
                Format::Ndjson,
                Format::Csv,
                Format::Html,
            ],
            View::Merge => &[Format::Text, Format::Json, Format::Ndjson, Format::Csv],
        }
    }
}

/// How text output looks: colour, and the language of everything a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Whether to emit ANSI colour codes.
    pub color: bool,
    /// The language of messages and labels.
    pub lang: Lang,
}

impl Style {
    /// Wraps `s` in an ANSI colour if colour is on.
    pub fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// The message `id` in this style's language.
    pub fn tr(&self, id: &str) -> String {
        self.lang.tr(id)
    }
}

/// Counts over a run's documents, kept as records are written; the closing part of
/// every format is built from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Inputs seen, read or not.
    pub documents: usize,
    /// Inputs that could not be read.
    pub failed: usize,
    /// Findings in all documents.
    pub diagnostics: usize,
    /// The most severe finding, if any.
    #[serde(skip)]
    pub max_severity: Option<Severity>,
    /// Findings by rule.
    #[serde(skip)]
    pub by_rule: BTreeMap<Rule, usize>,
    /// Slots by kind.
    #[serde(skip)]
    pub by_kind: BTreeMap<SlotKind, usize>,
    /// Documents by the genre profile they were judged by.
    #[serde(skip)]
    pub profiles: BTreeMap<String, usize>,
    /// Every input that could not be read: path and reason, in path order.
    #[serde(skip)]
    pub failures: Vec<(String, String)>,
}

impl Tally {
    /// Counts one document.
    pub fn add(&mut self, report: &DocReport) {
        self.documents += 1;
        if let Some(e) = &report.error {
            self.failed += 1;
            self.failures.push((report.path.clone(), e.clone()));
        }
        if let Some(p) = &report.profile {
            *self.profiles.entry(p.clone()).or_default() += 1;
        }
        self.diagnostics += report.diagnostics.len();
        for d in &report.diagnostics {
            self.max_severity = self.max_severity.max(Some(d.severity));
            *self.by_rule.entry(d.rule).or_default() += 1;
            if let Some(k) = d.kind {
                *self.by_kind.entry(k).or_default() += 1;
            }
        }
    }
}

/// A document's text read again by its path, for a reporter whose closing part quotes
/// documents (the HTML report shows near-duplicates' shared passages in their text);
/// `None` when it cannot be had (standard input, a file gone or unreadable).
pub type Texts<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// One output format's writer of records and framing.
pub trait Reporter: Sync {
    /// Written once, before the first record.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;

    /// One document's record, without framing; runs on any thread. `doc` is the
    /// document when it could be read (for excerpts and columns).
    fn record(&self, report: &DocReport, doc: Option<&Document>) -> io::Result<Vec<u8>>;

    /// Writes a record made by [`record`](Self::record), with the framing between
    /// records; called in path order.
    fn write(&mut self, out: &mut dyn Write, report: &DocReport, record: &[u8]) -> io::Result<()>;

    /// Written once, after the last record: totals, corpus statistics, closing framing.
    fn finish(
        &mut self,
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
    ) -> io::Result<()>;

    /// [`finish`](Self::finish), with a way to read documents' texts again: only a
    /// reporter that quotes them (HTML) uses it; the others just finish.
    fn finish_with_texts(
        &mut self,
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
        texts: &Texts<'_>,
    ) -> io::Result<()> {
        let _ = texts;
        self.finish(out, tally, corpus)
    }
}

/// Options every reporter may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// What each record shows.
    pub view: View,
    /// Colour and language.
    pub style: Style,
    /// Text: leave out the closing summary line of `lint`.
    pub quiet: bool,
    /// Text: shared passages of near-duplicates in the `analyze` summary.
    pub show_shared: bool,
}

/// The reporter of `format` for `opts.view`, or `None` when the view has no such format.
pub fn reporter(format: Format, opts: ReportOptions) -> Option<Box<dyn Reporter>> {
    if !opts.view.formats().contains(&format) {
        return None;
    }
    Some(match format {
        Format::Text => Box::new(text::TextReporter::new(opts)),
        Format::Json => Box::new(json::JsonReporter::new(opts, false)),
        Format::Ndjson => Box::new(json::JsonReporter::new(opts, true)),
        Format::Csv => Box::new(csv::CsvReporter::new(opts)),
        Format::Sarif => Box::new(sarif::SarifReporter::new(opts)),
        Format::Rdjson => Box::new(rdjson::RdjsonReporter::new(opts)),
        Format::Html => Box::new(html::HtmlReporter::new(opts)),
    })
}

/// A genre profile as a reader sees it: its Chinese label in Chinese (`工作总结`), its
/// name otherwise (`work-summary`, which is also what `--profile` takes).
pub(crate) fn profile_shown(name: &str, lang: crate::i18n::Lang) -> String {
    match (lang, crate::dicts::profile_label(name)) {
        (crate::i18n::Lang::Zh, Some(label)) => label.to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::profile_shown;
    use crate::i18n::Lang;

    /// Chinese readers see the label; English readers and unknown profiles the name.
    #[test]
    fn profiles_are_shown_by_label_in_chinese() {
        let cases = [
            ("work-summary", Lang::Zh, "工作总结"),
            ("debrief-integrity", Lang::Zh, "述职述廉报告"),
            ("work-summary", Lang::En, "work-summary"),
            ("my-own", Lang::Zh, "my-own"),
        ];
        for (name, lang, want) in cases {
            assert_eq!(profile_shown(name, lang), want, "{name} {lang:?}");
        }
    }
}
