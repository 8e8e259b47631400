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

use analyze::outline::Outline;
use analyze::{Finding, Slip};
use report::Slot;

/// Everything the lint rules look at, computed once per document.
struct Analysis {
    slots: Vec<Slot>,
    outline: Outline,
    /// Heading and inline-enumeration slips, in text order.
    slips: Vec<Slip>,
    unbalanced: Vec<Finding>,
}

impl Analysis {
    /// Runs the analyzers; with `only_enabled`, those whose rules are all off are
    /// skipped (lint), otherwise all run (analyze reports headings regardless).
    fn of(doc: &Document, config: &Config, only_enabled: bool) -> Self {
        let wants = |rules: &[Rule]| !only_enabled || rules.iter().any(|&r| config.enabled(r));
        let outline = if wants(&[
            Rule::Numbering,
            Rule::HeadingStyle,
            Rule::MissingSection,
            Rule::EmptySection,
        ]) {
            analyze::outline::outline(doc, config)
        } else {
            Outline::default()
        };
        let mut slips = outline.slips.clone();
        if wants(&[Rule::Numbering]) {
            let heading_lines: Vec<usize> = outline.headings.iter().map(|h| h.line).collect();
            slips.extend(analyze::enumerations::slips(doc, &heading_lines));
            slips.sort_by_key(|s| s.span.byte_start);
        }
        Analysis {
            slots: if wants(&[Rule::Placeholder]) {
                analyze::placeholders::find_slots(doc, &config.dicts)
            } else {
                Vec::new()
            },
            outline,
            slips,
            unbalanced: if wants(&[Rule::Unbalanced]) {
                analyze::brackets::unbalanced(doc)
            } else {
                Vec::new()
            },
        }
    }

    fn diagnostics(&self, config: &Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(severity) = config.severity(Rule::Placeholder) {
            out.extend(self.slots.iter().map(|s| slot_diagnostic(s, severity)));
        }
        let findings = self
            .outline
            .findings
            .iter()
            .cloned()
            .chain(self.slips.iter().map(Slip::finding))
            .chain(self.unbalanced.iter().cloned());
        for f in findings {
            if let Some(severity) = config.severity(f.rule) {
                out.push(Diagnostic {
                    rule: f.rule,
                    severity,
                    span: f.span,
                    text: f.text,
                    kind: None,
                    message: f.message,
                });
            }
        }
        sort_diagnostics(&mut out);
        out
    }
}

/// The lint findings of one document: every enabled rule, in text order.
///
/// Needs no word segmentation unless the `repeated-phrase` rule is on.
pub fn lint_document(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    Analysis::of(doc, config, true).diagnostics(config)
}

/// Runs every analyzer on one document.
///
/// `sections_missing`, `numbering_errors` and the completeness score reflect the
/// enabled rules only, like the diagnostics: a rule turned off is not looked for.
pub fn analyze_document(doc: &Document, config: &Config) -> DocReport {
    let analysis = Analysis::of(doc, config, false);
    let diagnostics = analysis.diagnostics(config);
    let completeness =
        analyze::completeness::completeness(&diagnostics, distinct_required_roles(config));
    let numbering_errors = if config.enabled(Rule::Numbering) {
        analysis.slips.iter().map(Slip::error).collect()
    } else {
        Vec::new()
    };
    let sections_missing = if config.enabled(Rule::MissingSection) {
        analysis.outline.missing
    } else {
        Vec::new()
    };
    DocReport {
        path: doc.path.clone(),
        encoding: doc.encoding.clone(),
        error: None,
        warnings: doc.warnings.clone(),
        chars: doc.chars(),
        placeholders: analysis.slots,
        headings: analysis.outline.headings,
        sections_missing,
        numbering_errors,
        completeness,
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

/// Required roles counted once each, however often the config lists them.
fn distinct_required_roles(config: &Config) -> usize {
    let roles: std::collections::BTreeSet<Role> = config.required_roles.iter().copied().collect();
    roles.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any mix of markers, numerals, brackets, slots and line breaks: no panic,
        /// spans slice the text on char boundaries (exactly the finding's text where
        /// it is a mark), and the score stays in [0, 1].
        #[test]
        fn any_input_is_analysed_safely(
            text in "[一二三四五六七八九十百零〇、．.（）()①⑳㊿第部分章节是其，。：:“”‘’《》【】0-9１XＸ 　#\r\n]{0,200}"
        ) {
            let doc = Document::from_str("p", &text);
            let report = analyze_document(&doc, &Config::default());
            prop_assert!((0.0..=1.0).contains(&report.completeness.score));
            for d in &report.diagnostics {
                let slice = doc.text().get(d.span.byte_start..d.span.byte_end);
                prop_assert!(slice.is_some(), "{d:?}");
                let marks = [Rule::Placeholder, Rule::Numbering, Rule::HeadingStyle, Rule::Unbalanced];
                if marks.contains(&d.rule) {
                    prop_assert_eq!(slice, Some(d.text.as_str()));
                }
            }
        }
    }
}
