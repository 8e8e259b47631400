//! zongjie (总结) reads Chinese work summaries (工作总结, 述职报告, 学习情况总结) and
//! reports what is in them: unfilled template slots, the section outline, official
//! phrases, completeness, and repetition within and across documents.
//!
//! The pipeline: [`input`] finds, reads and decodes files into a [`Document`]; the
//! [`analyze`] modules turn a document into plain data; [`lint_document`] and
//! [`analyze_document`] gather that data into diagnostics and a [`DocReport`];
//! [`render`] prints them. The library never prints.
//!
//! ```
//! use zongjie::{Config, Document, lint_document};
//!
//! let doc = Document::from_str("draft.txt", "2023年，XX局开展学习X次。");
//! let found = lint_document(&doc, &Config::default());
//! let slots: Vec<_> = found.iter().filter(|d| d.rule.name() == "placeholder").collect();
//! assert_eq!(slots.len(), 2);
//! assert_eq!((slots[0].span.line, slots[0].span.column), (1, 7));
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyze;
pub mod config;
pub mod corpus;
pub mod dicts;
pub mod document;
pub mod error;
pub mod input;
pub mod render;
pub mod report;

pub use config::Config;
pub use document::{Document, Position, Span};
pub use error::{Error, Result};
pub use report::{Diagnostic, DocReport, FileLint, Role, Rule, Severity, SlotKind};

use report::Slot;

/// The lint findings of one document: every enabled rule, in text order.
///
/// Needs no word segmentation unless the `repeated-phrase` rule is on.
pub fn lint_document(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(severity) = config.severity(Rule::Placeholder) {
        let slots = analyze::placeholders::find_slots(doc, &config.dicts);
        out.extend(slots.iter().map(|s| slot_diagnostic(s, severity)));
    }
    sort_diagnostics(&mut out);
    out
}

/// Runs every analyzer on one document.
pub fn analyze_document(doc: &Document, config: &Config) -> DocReport {
    let placeholders = analyze::placeholders::find_slots(doc, &config.dicts);
    let diagnostics = lint_document(doc, config);
    DocReport {
        path: doc.path.clone(),
        encoding: doc.encoding.clone(),
        error: None,
        warnings: doc.warnings.clone(),
        chars: doc.chars(),
        placeholders,
        diagnostics,
        ..DocReport::default()
    }
}

/// Runs every analyzer on one document and extracts what corpus statistics need,
/// segmenting the text once for both.
pub fn analyze_for_corpus(
    doc: &Document,
    config: &Config,
    opts: &corpus::CorpusOptions,
) -> (DocReport, corpus::DocFeatures) {
    let report = analyze_document(doc, config);
    // Word tokens come from the segmenter once it lands; until then no n-grams.
    let tokens: Vec<(usize, usize)> = Vec::new();
    let features = corpus::DocFeatures::extract(doc, &tokens, opts);
    (report, features)
}

fn slot_diagnostic(slot: &Slot, severity: Severity) -> Diagnostic {
    Diagnostic {
        rule: Rule::Placeholder,
        severity,
        span: slot.span,
        text: slot.text.clone(),
        kind: Some(slot.kind),
        message: "unfilled placeholder".to_string(),
    }
}

/// Text order, then rule, so output is the same whatever order rules ran in.
fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.byte_start, a.span.byte_end, a.rule).cmp(&(
            b.span.byte_start,
            b.span.byte_end,
            b.rule,
        ))
    });
}
