//! reviewdog's Diagnostic Format (rdjson): `{"source":…,"diagnostics":[…]}`, so
//! `reviewdog -f=rdjson` can post findings on a pull request.
//!
//! Positions are 1-based lines and 1-based columns counted in UTF-8 bytes, as the
//! format's `Position` says; the range end points just past the finding.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{ReportOptions, Reporter, Tally};
use crate::corpus::CorpusReport;
use crate::document::Document;
use crate::report::{Diagnostic, DocReport, Severity};

/// An rdjson severity for a severity.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "INFO",
        Severity::Warning => "WARNING",
        Severity::Error => "ERROR",
    }
}

/// The 1-based UTF-8 byte column of byte `byte` on line `line`.
fn byte_column(doc: &Document, line: usize, byte: usize) -> usize {
    doc.line(line).map_or(1, |l| {
        1 + byte.saturating_sub(l.byte_start).min(l.text.len())
    })
}

fn position(doc: Option<&Document>, line: usize, column: usize, byte: usize) -> Value {
    let column = doc.map_or(column, |doc| byte_column(doc, line, byte));
    json!({ "line": line, "column": column })
}

fn diagnostic(path: &str, d: &Diagnostic, doc: Option<&Document>) -> Value {
    let suggestions: Vec<Value> = d
        .fix
        .iter()
        .flatten()
        .map(|r| {
            json!({
                "range": {
                    "start": position(doc, r.span.line, r.span.column, r.span.byte_start),
                    "end": position(doc, r.span.end_line, r.span.end_column, r.span.byte_end),
                },
                "text": r.replacement,
            })
        })
        .collect();
    json!({
        "suggestions": suggestions,
        "message": d.message,
        "location": {
            "path": path,
            "range": {
                "start": position(doc, d.span.line, d.span.column, d.span.byte_start),
                "end": position(doc, d.span.end_line, d.span.end_column, d.span.byte_end),
            }
        },
        "severity": severity(d.severity),
        "code": { "value": d.rule.name() },
        "original_output": d.text,
    })
}

/// rdjson.
pub struct RdjsonReporter {
    first: bool,
}

impl RdjsonReporter {
    /// An rdjson reporter.
    pub fn new(_opts: ReportOptions) -> Self {
        RdjsonReporter { first: true }
    }
}

impl Reporter for RdjsonReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\"source\":{{\"name\":\"zongjie\",\"url\":\"https://crates.io/crates/zongjie\"}},\"diagnostics\":["
        )
    }

    fn record(&self, report: &DocReport, doc: Option<&Document>) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        for (i, d) in report.diagnostics.iter().enumerate() {
            if i > 0 {
                buf.extend_from_slice(b",\n");
            }
            serde_json::to_writer(&mut buf, &diagnostic(&report.path, d, doc))?;
        }
        Ok(buf)
    }

    fn write(&mut self, out: &mut dyn Write, _report: &DocReport, record: &[u8]) -> io::Result<()> {
        if record.is_empty() {
            return Ok(());
        }
        if !self.first {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        self.first = false;
        out.write_all(record)
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _tally: &Tally,
        _corpus: Option<&CorpusReport>,
    ) -> io::Result<()> {
        out.write_all(b"\n]}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf8_bytes() {
        let doc = Document::from_str("d", "学XX\n第二行XX");
        assert_eq!(byte_column(&doc, 1, "学".len()), 4);
        assert_eq!(byte_column(&doc, 2, "学XX\n第二行".len()), 10);
    }
}
