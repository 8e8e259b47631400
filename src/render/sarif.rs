//! SARIF 2.1.0, the log format of code-review and CI tools (GitHub code scanning,
//! VS Code's SARIF viewer).
//!
//! One run: the tool with every rule of the registry (id, summary, explanation,
//! default level), a result per finding with its region in lines and UTF-16 columns
//! (`columnKind: utf16CodeUnits`, as the spec's default requires), the artifacts with
//! their encodings, and a notification per input that could not be read. Results are
//! streamed between the log's opening and its closing.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::{ReportOptions, Reporter, Tally};
use crate::corpus::CorpusReport;
use crate::document::Document;
use crate::i18n::Lang;
use crate::report::{Diagnostic, DocReport, Severity};
use crate::rules::RULES;

/// Where SARIF readers find the schema.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A SARIF level for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// A relative path as a URI reference: `/`-separated, bytes outside the unreserved
/// set percent-encoded (so Chinese file names stay valid URIs). Absolute paths become
/// `file://` URIs.
pub fn path_uri(path: &str) -> String {
    let unix = path.replace('\\', "/");
    let mut out = String::with_capacity(unix.len());
    if unix.starts_with('/') {
        out.push_str("file://");
    }
    for b in unix.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The 1-based UTF-16 column of byte `byte` on the line starting at byte `line_start`.
fn utf16_column(doc: &Document, line: usize, byte: usize) -> usize {
    let Some(l) = doc.line(line) else {
        return 1;
    };
    let rel = byte.saturating_sub(l.byte_start).min(l.text.len());
    let mut end = rel;
    while end > 0 && !l.text.is_char_boundary(end) {
        end -= 1;
    }
    1 + l.text[..end].encode_utf16().count()
}

/// The SARIF region of a finding.
fn region(d: &Diagnostic, doc: Option<&Document>) -> Value {
    let (start_col, end_col) = match doc {
        Some(doc) => (
            utf16_column(doc, d.span.line, d.span.byte_start),
            utf16_column(doc, d.span.end_line, d.span.byte_end),
        ),
        // Without the text, char columns are the best there is.
        None => (d.span.column, d.span.end_column),
    };
    let mut region = json!({
        "startLine": d.span.line,
        "startColumn": start_col,
        "endLine": d.span.end_line,
        "endColumn": end_col,
    });
    if !d.text.is_empty() {
        region["snippet"] = json!({ "text": d.text });
    }
    region
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    encoding: String,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// SARIF 2.1.0.
pub struct SarifReporter {
    lang: Lang,
    first: bool,
    artifacts: Vec<Artifact>,
    notifications: Vec<Value>,
}

impl SarifReporter {
    /// A SARIF reporter.
    pub fn new(opts: ReportOptions) -> Self {
        SarifReporter {
            lang: opts.style.lang,
            first: true,
            artifacts: Vec::new(),
            notifications: Vec::new(),
        }
    }

    fn driver(&self) -> Value {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.id(),
                    "name": r.id(),
                    "shortDescription": { "text": r.summary(self.lang) },
                    "fullDescription": { "text": r.explanation(self.lang) },
                    "help": { "text": r.explanation(self.lang) },
                    "defaultConfiguration": {
                        "enabled": r.default.is_some(),
                        "level": r.default.map_or("warning", level),
                    },
                })
            })
            .collect();
        json!({
            "name": "zongjie",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://crates.io/crates/zongjie",
            "rules": rules,
        })
    }
}

impl Reporter for SarifReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\"$schema\":\"{SCHEMA_URI}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":"
        )?;
        serde_json::to_writer(&mut *out, &self.driver())?;
        write!(out, "}},\"columnKind\":\"utf16CodeUnits\",\"results\":[")
    }

    fn record(&self, report: &DocReport, doc: Option<&Document>) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        let uri = path_uri(&report.path);
        for (i, d) in report.diagnostics.iter().enumerate() {
            if i > 0 {
                buf.extend_from_slice(b",\n");
            }
            let rule_index = RULES.iter().position(|r| r.rule == d.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": d.rule.name(),
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(d, doc),
                    }
                }],
            });
            if let Some(kind) = d.kind {
                result["properties"] = json!({ "kind": kind.name() });
            }
            if let Some(check) = d.check {
                result["properties"]["check"] = json!(check);
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .iter()
                    .map(|r| {
                        let edit = Diagnostic {
                            span: r.span,
                            text: String::new(),
                            ..d.clone()
                        };
                        let mut deleted = region(&edit, doc);
                        if let Some(region) = deleted.as_object_mut() {
                            region.remove("snippet");
                        }
                        json!({
                            "deletedRegion": deleted,
                            "insertedContent": { "text": r.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": d.message },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": replacements,
                    }],
                }]);
            }
            serde_json::to_writer(&mut buf, &result)?;
        }
        Ok(buf)
    }

    fn write(&mut self, out: &mut dyn Write, report: &DocReport, record: &[u8]) -> io::Result<()> {
        match &report.error {
            Some(error) => self.notifications.push(json!({
                "level": "error",
                "message": { "text": error },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path_uri(&report.path) } } }],
            })),
            None => self.artifacts.push(Artifact {
                location: ArtifactLocation {
                    uri: path_uri(&report.path),
                },
                encoding: report.encoding.clone(),
            }),
        }
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
        tally: &Tally,
        _corpus: Option<&CorpusReport>,
    ) -> io::Result<()> {
        out.write_all(b"\n],\"artifacts\":")?;
        serde_json::to_writer(&mut *out, &self.artifacts)?;
        let invocation = json!([{
            "executionSuccessful": tally.failed == 0,
            "toolExecutionNotifications": self.notifications,
        }]);
        out.write_all(b",\"invocations\":")?;
        serde_json::to_writer(&mut *out, &invocation)?;
        out.write_all(b"}]}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("a/b.txt"), "a/b.txt");
        assert_eq!(path_uri("总结 1.txt"), "%E6%80%BB%E7%BB%93%201.txt");
        assert_eq!(path_uri("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(path_uri("a\\b.txt"), "a/b.txt");
    }

    #[test]
    fn columns_count_utf16_units() {
        // 𠀀 (U+20000) is two UTF-16 units; 学 one.
        let doc = Document::from_str("d", "学𠀀XX\n第二行XX");
        let line1_xx = "学𠀀".len();
        assert_eq!(utf16_column(&doc, 1, line1_xx), 4);
        let line2_xx = "学𠀀XX\n第二行".len();
        assert_eq!(utf16_column(&doc, 2, line2_xx), 4);
        assert_eq!(utf16_column(&doc, 9, 0), 1);
    }
}
