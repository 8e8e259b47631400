//! CSV for spreadsheets: UTF-8 with a BOM so Excel and WPS open Chinese text right,
//! column names in the run's language. `analyze` writes a row per document, `lint` a
//! row per finding.

use std::io::{self, Write};

use super::{ReportOptions, Reporter, Tally, View};
use crate::corpus::CorpusReport;
use crate::document::Document;
use crate::i18n::{Lang, Message};
use crate::report::{DocReport, SlotKind};

/// The byte-order mark written first.
pub const BOM: &str = "\u{feff}";

/// Fluent ids of the columns of a document row (slot kinds go after `csv-slots`).
const DOCUMENT_COLUMNS: &[&str] = &[
    "csv-path",
    "csv-encoding",
    "csv-error",
    "csv-chars",
    "csv-tokens",
    "csv-slots",
];
const DOCUMENT_COLUMNS_AFTER_KINDS: &[&str] = &[
    "csv-headings",
    "csv-profile",
    "csv-missing-roles",
    "csv-numbering-errors",
    "csv-empty-sections",
    "csv-unbalanced",
    "csv-phrases",
    "csv-completeness",
    "csv-warnings",
];
/// Fluent ids of the columns of a finding row.
const DIAGNOSTIC_COLUMNS: &[&str] = &[
    "csv-path",
    "csv-line",
    "csv-column",
    "csv-end-line",
    "csv-end-column",
    "csv-rule",
    "csv-severity",
    "csv-kind",
    "csv-text",
    "csv-message",
];

/// Column names of a document row, in `lang`.
pub fn document_header_in(lang: Lang) -> Vec<String> {
    let mut cols: Vec<String> = DOCUMENT_COLUMNS.iter().map(|id| lang.tr(id)).collect();
    cols.extend(SlotKind::ALL.iter().map(|k| {
        Message::new("csv-slots-of")
            .arg("kind", lang.tr(&format!("kind-{}", k.name())))
            .say(lang)
    }));
    cols.extend(DOCUMENT_COLUMNS_AFTER_KINDS.iter().map(|id| lang.tr(id)));
    cols
}

/// Column names of a document row in English.
pub fn document_header() -> Vec<String> {
    document_header_in(Lang::En)
}

/// Column names of a finding row, in `lang`.
pub fn diagnostic_header_in(lang: Lang) -> Vec<String> {
    DIAGNOSTIC_COLUMNS.iter().map(|id| lang.tr(id)).collect()
}

/// Column names of a finding row in English.
pub fn diagnostic_header() -> Vec<String> {
    diagnostic_header_in(Lang::En)
}

/// The row of one document.
pub fn document_row(doc: &DocReport, lang: Lang) -> Vec<String> {
    let mut row = vec![
        doc.path.clone(),
        doc.encoding.clone(),
        doc.error.clone().unwrap_or_default(),
        doc.chars.to_string(),
        doc.tokens.to_string(),
        doc.placeholders.len().to_string(),
    ];
    row.extend(SlotKind::ALL.iter().map(|k| {
        doc.placeholders
            .iter()
            .filter(|s| s.kind == *k)
            .count()
            .to_string()
    }));
    let missing: Vec<String> = doc
        .sections_missing
        .iter()
        .map(|r| lang.tr(&format!("role-{}", r.name())))
        .collect();
    let b = &doc.completeness.breakdown;
    row.extend([
        doc.headings.len().to_string(),
        doc.profile.clone().unwrap_or_default(),
        missing.join(";"),
        doc.numbering_errors.len().to_string(),
        b.empty_sections.to_string(),
        b.unbalanced.to_string(),
        doc.phrases
            .iter()
            .map(|p| p.count)
            .sum::<usize>()
            .to_string(),
        // No score is an empty cell, which spreadsheets leave out of averages.
        doc.completeness
            .score
            .map(|s| format!("{s:.3}"))
            .unwrap_or_default(),
        doc.warnings.join("; "),
    ]);
    row
}

/// The rows of one document's findings.
pub fn diagnostic_rows(doc: &DocReport, lang: Lang) -> Vec<Vec<String>> {
    doc.diagnostics
        .iter()
        .map(|d| {
            vec![
                doc.path.clone(),
                d.span.line.to_string(),
                d.span.column.to_string(),
                d.span.end_line.to_string(),
                d.span.end_column.to_string(),
                d.rule.name().to_string(),
                lang.tr(&format!("severity-{}", d.severity.name())),
                d.kind
                    .map(|k| lang.tr(&format!("kind-{}", k.name())))
                    .unwrap_or_default(),
                d.text.clone(),
                d.message.clone(),
            ]
        })
        .collect()
}

/// Writes one CSV record, quoting fields as RFC 4180 says.
pub fn write_record(out: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| quote(f)).collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

fn quote(field: &str) -> String {
    // A leading = + - @ would be run as a formula by spreadsheets; a quote and a
    // tab defuse it without changing what a program reads much.
    let risky = field.starts_with(['=', '+', '-', '@']);
    if risky || field.contains([',', '"', '\n', '\r']) {
        let prefix = if risky { "'" } else { "" };
        format!("\"{prefix}{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// CSV: a row per document (`analyze`) or per finding (`lint`).
pub struct CsvReporter {
    view: View,
    lang: Lang,
}

impl CsvReporter {
    /// A CSV reporter for `opts.view`.
    pub fn new(opts: ReportOptions) -> Self {
        CsvReporter {
            view: opts.view,
            lang: opts.style.lang,
        }
    }
}

impl Reporter for CsvReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(BOM.as_bytes())?;
        let header = match self.view {
            View::Lint => diagnostic_header_in(self.lang),
            _ => document_header_in(self.lang),
        };
        write_record(out, &header)
    }

    fn record(&self, report: &DocReport, _doc: Option<&Document>) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        match self.view {
            View::Lint => {
                for row in diagnostic_rows(report, self.lang) {
                    write_record(&mut buf, &row)?;
                }
            }
            _ => write_record(&mut buf, &document_row(report, self.lang))?,
        }
        Ok(buf)
    }

    fn write(&mut self, out: &mut dyn Write, _report: &DocReport, record: &[u8]) -> io::Result<()> {
        out.write_all(record)
    }

    fn finish(
        &mut self,
        _out: &mut dyn Write,
        _tally: &Tally,
        _corpus: Option<&CorpusReport>,
    ) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a"), "a");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("=1+1"), "\"'=1+1\"");
    }

    #[test]
    fn rows_match_their_headers_in_every_language() {
        let doc = DocReport::failed("a.txt".into(), "bad, really".into());
        for lang in Lang::ALL {
            assert_eq!(
                document_row(&doc, lang).len(),
                document_header_in(lang).len()
            );
            assert_eq!(DIAGNOSTIC_COLUMNS.len(), diagnostic_header_in(lang).len());
            assert!(
                document_header_in(lang)
                    .iter()
                    .all(|c| !c.starts_with("csv-"))
            );
        }
        let mut out = Vec::new();
        write_record(&mut out, &document_row(&doc, Lang::En)).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("a.txt,,\"bad, really\",0,"), "{s}");
        assert_eq!(document_header_in(Lang::Zh)[0], "文件");
        // No score: an empty cell, not 0.
        let header = document_header();
        let score_col = header.iter().position(|c| c == "completeness").unwrap();
        assert_eq!(document_row(&doc, Lang::En)[score_col], "");
    }
}
