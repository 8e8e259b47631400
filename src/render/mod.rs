//! Renderers: turn reports into text for people or JSON/NDJSON/CSV for programs.
//!
//! Renderers never analyse; they print what they are given, in the order given.
//! JSON is built with serde only.

pub mod csv;
pub mod json;
pub mod outline;
pub mod phrases;
pub mod summary;
pub mod text;

/// The first line of `analyze`'s text report: it names the program, and lets a later
/// run over the same folder tell the report from the documents.
pub const REPORT_TITLE: &str = "zongjie analyze report";

/// Whether `text` is a report zongjie wrote (text, JSON, NDJSON or CSV), not a document.
pub fn is_zongjie_report(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if text.starts_with(REPORT_TITLE) {
        return true;
    }
    let head = match text.char_indices().nth(200) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let json = head.starts_with("{\"version\":")
        && (head.contains("\"documents\":") || head.contains("\"path\":"));
    let csv_header = csv::header().join(",");
    json || head.lines().next() == Some(csv_header.as_str())
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// Comma-separated values, a row per document.
    Csv,
}

/// Terminal colour choice for text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Whether to emit ANSI colour codes.
    pub color: bool,
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
}
