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
