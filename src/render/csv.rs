//! CSV for spreadsheets: UTF-8 with a BOM so Excel and WPS open Chinese text right,
//! column names in the run's language. `analyze` writes a row per document, `lint` a
//! row per finding, `merge` the corpus report as one tidy table: a row per listed
//! item, its `section` saying what it is (see [`corpus_rows`]).

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

/// Fluent ids of the columns of a corpus row.
const CORPUS_COLUMNS: &[&str] = &[
    "csv-section",
    "csv-rank",
    "csv-text",
    "csv-documents",
    "csv-count",
    "csv-value",
    "csv-path",
    "csv-other-path",
];

/// Column names of a corpus row, in `lang`.
pub fn corpus_header_in(lang: Lang) -> Vec<String> {
    CORPUS_COLUMNS.iter().map(|id| lang.tr(id)).collect()
}

/// Column names of a corpus row in English.
pub fn corpus_header() -> Vec<String> {
    corpus_header_in(Lang::En)
}

/// One corpus row, by column.
#[derive(Default)]
struct CorpusRow {
    section: &'static str,
    rank: Option<usize>,
    text: String,
    documents: Option<u64>,
    count: Option<u64>,
    value: Option<String>,
    path: String,
    other_path: String,
}

impl CorpusRow {
    fn new(section: &'static str) -> Self {
        CorpusRow {
            section,
            ..CorpusRow::default()
        }
    }

    fn fields(self) -> Vec<String> {
        let n = |x: Option<u64>| x.map(|v| v.to_string()).unwrap_or_default();
        vec![
            self.section.to_string(),
            self.rank.map(|r| r.to_string()).unwrap_or_default(),
            self.text,
            n(self.documents),
            n(self.count),
            self.value.unwrap_or_default(),
            self.path,
            self.other_path,
        ]
    }
}

/// The corpus report as rows. `section` is a stable key, one of: `total` (`text`
/// names the number, `value` holds it), `phrase` and `sentence` (ranked;
/// `documents`, `count`; a sentence's `path` lists `path:line` of the documents
/// named, `;`-separated), `cluster` (`rank` is the cluster's, a row per document:
/// `path`, `other_path` its representative, `value` its similarity, `documents` the
/// cluster's size), `pair` (`path`, `other_path`, `value`), `histogram` (`text`
/// is the score range), `missing-role`, `slot-kind`, `profile` (`text`, `documents`
/// or `count`), `most-slots` (`path`, `count`), `unverifiable` (`path`) and
/// `failed` (`path`, `text` the reason).
pub fn corpus_rows(corpus: &CorpusReport, tally: &Tally) -> Vec<Vec<String>> {
    let mut rows: Vec<CorpusRow> = Vec::new();
    let c = &corpus.completeness;
    let check = &corpus.near_duplicate_check;
    let totals: [(&str, String); 13] = [
        ("documents", corpus.documents.to_string()),
        ("failed", corpus.failed.to_string()),
        ("diagnostics", tally.diagnostics.to_string()),
        (
            "repeated_phrases_total",
            corpus.repeated_phrases_total.to_string(),
        ),
        (
            "shared_sentences_total",
            corpus.shared_sentences_total.to_string(),
        ),
        ("clusters", corpus.clusters.len().to_string()),
        (
            "near_duplicates_total",
            corpus.near_duplicates_total.to_string(),
        ),
        ("near_duplicate_threshold", check.threshold.to_string()),
        ("documents_read", check.documents_read.to_string()),
        ("unverifiable_total", check.unverifiable_total.to_string()),
        (
            "completeness_mean",
            c.mean.map(|m| format!("{m:.3}")).unwrap_or_default(),
        ),
        ("unscored", c.unscored.to_string()),
        ("max_undercount", corpus.max_undercount.to_string()),
    ];
    for (name, value) in totals {
        rows.push(CorpusRow {
            text: name.to_string(),
            value: Some(value),
            ..CorpusRow::new("total")
        });
    }
    rows.push(CorpusRow {
        text: "complete".into(),
        value: Some(c.complete.to_string()),
        ..CorpusRow::new("total")
    });
    rows.push(CorpusRow {
        text: "documents_with_slots".into(),
        value: Some(c.documents_with_slots.to_string()),
        ..CorpusRow::new("total")
    });
    for (i, p) in corpus.repeated_phrases.iter().enumerate() {
        rows.push(CorpusRow {
            rank: Some(i + 1),
            text: p.phrase.clone(),
            documents: Some(u64::from(p.documents)),
            count: Some(u64::from(p.count)),
            ..CorpusRow::new("phrase")
        });
    }
    for (i, s) in corpus.shared_sentences.iter().enumerate() {
        let places: Vec<String> = s
            .found_in
            .iter()
            .map(|p| format!("{}:{}", p.path, p.line))
            .collect();
        rows.push(CorpusRow {
            rank: Some(i + 1),
            text: s.sentence.clone(),
            documents: Some(u64::from(s.documents)),
            count: Some(u64::from(s.count)),
            path: places.join(";"),
            ..CorpusRow::new("sentence")
        });
    }
    for (i, cl) in corpus.clusters.iter().enumerate() {
        let size = Some(cl.size as u64);
        rows.push(CorpusRow {
            rank: Some(i + 1),
            documents: size,
            value: Some("1".into()),
            path: cl.representative.clone(),
            other_path: cl.representative.clone(),
            ..CorpusRow::new("cluster")
        });
        for m in &cl.members {
            rows.push(CorpusRow {
                rank: Some(i + 1),
                documents: size,
                value: Some(m.similarity.to_string()),
                path: m.path.clone(),
                other_path: cl.representative.clone(),
                ..CorpusRow::new("cluster")
            });
        }
    }
    for (i, p) in corpus.near_duplicates.iter().enumerate() {
        rows.push(CorpusRow {
            rank: Some(i + 1),
            value: Some(p.similarity.to_string()),
            path: p.a.clone(),
            other_path: p.b.clone(),
            ..CorpusRow::new("pair")
        });
    }
    for b in &c.histogram {
        rows.push(CorpusRow {
            text: format!("{:.1}-{:.1}", b.from, b.to),
            documents: Some(b.documents),
            ..CorpusRow::new("histogram")
        });
    }
    for (role, n) in &c.missing_roles {
        rows.push(CorpusRow {
            text: role.name().to_string(),
            documents: Some(*n),
            ..CorpusRow::new("missing-role")
        });
    }
    for (kind, n) in &c.slots_by_kind {
        rows.push(CorpusRow {
            text: kind.clone(),
            count: Some(*n),
            ..CorpusRow::new("slot-kind")
        });
    }
    for (profile, n) in &c.profiles {
        rows.push(CorpusRow {
            text: profile.clone(),
            documents: Some(*n),
            ..CorpusRow::new("profile")
        });
    }
    for (i, m) in c.most_slots.iter().enumerate() {
        rows.push(CorpusRow {
            rank: Some(i + 1),
            count: Some(m.slots as u64),
            path: m.path.clone(),
            ..CorpusRow::new("most-slots")
        });
    }
    for path in &check.unverifiable {
        rows.push(CorpusRow {
            path: path.clone(),
            ..CorpusRow::new("unverifiable")
        });
    }
    for (path, why) in &tally.failures {
        rows.push(CorpusRow {
            text: why.clone(),
            path: path.clone(),
            ..CorpusRow::new("failed")
        });
    }
    rows.into_iter().map(CorpusRow::fields).collect()
}

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
            View::Merge => corpus_header_in(self.lang),
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
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
    ) -> io::Result<()> {
        if let (View::Merge, Some(corpus)) = (self.view, corpus) {
            for row in corpus_rows(corpus, tally) {
                write_record(out, &row)?;
            }
        }
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
