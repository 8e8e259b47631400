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

use analyze::keywords::Idf;
use analyze::lexicon::Lexicon;
use analyze::outline::Outline;
use analyze::repetition::{Repetition, RepetitionLists, RepetitionOptions, find_repetition};
use analyze::segment::{Token, Vocabulary};
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

    /// The findings of the enabled rules, in text order; `repetition` is given when
    /// the text was segmented.
    fn diagnostics(
        &self,
        doc: &Document,
        config: &Config,
        repetition: Option<&Repetition>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(severity) = config.severity(Rule::Placeholder) {
            out.extend(self.slots.iter().map(|s| slot_diagnostic(s, severity)));
        }
        if let (Some(severity), Some(rep)) = (config.severity(Rule::RepeatedPhrase), repetition) {
            out.extend(rep.diagnostics(doc, severity));
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
/// Runs only the analyzers of enabled rules, and needs no word segmentation (no
/// jieba dictionary) unless the `repeated-phrase` rule is on.
pub fn lint_document(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let analysis = Analysis::of(doc, config, true);
    let repetition = config.enabled(Rule::RepeatedPhrase).then(|| {
        let lexicon = config.lexicon();
        let tokens = lexicon.segmenter().tokens(doc.text());
        repetition(doc, &tokens, &Vocabulary::new(&tokens), &lexicon)
    });
    analysis.diagnostics(doc, config, repetition.as_ref())
}

/// Runs every analyzer on one document.
pub fn analyze_document(doc: &Document, config: &Config) -> DocReport {
    analyze_document_with_tokens(doc, config).0
}

/// The structure of one document without word segmentation (no jieba): slots,
/// headings, missing sections, numbering slips, completeness and the findings of
/// every enabled rule but `repeated-phrase`. The phrase fields stay empty.
///
/// This is what `zongjie outline` needs; it starts as fast as `lint`.
pub fn analyze_structure(doc: &Document, config: &Config) -> DocReport {
    structure_report(doc, config, Analysis::of(doc, config, false), None)
}

/// Runs every analyzer on one document and also returns its word tokens, so corpus
/// statistics can reuse them: the text is segmented once, and the tokens are shared
/// by the keywords, the repetition analysis and the token count.
pub fn analyze_document_with_tokens<'a>(
    doc: &'a Document,
    config: &Config,
) -> (DocReport, Vec<Token<'a>>) {
    let analysis = Analysis::of(doc, config, false);
    let lexicon = config.lexicon();
    let text = doc.text();
    let tokens = lexicon.segmenter().tokens(text);
    let vocab = Vocabulary::new(&tokens);
    let repetition = repetition(doc, &tokens, &vocab, &lexicon);
    let lint_repetition = config.enabled(Rule::RepeatedPhrase).then_some(&repetition);
    let mut report = structure_report(doc, config, analysis, lint_repetition);
    let citations = analyze::quotes::find_citations(doc);
    report.tokens = tokens.len();
    report.keywords = analyze::keywords::keywords(
        &vocab,
        lexicon.stopwords(),
        Idf::jieba(),
        config.top_keywords,
    );
    report.phrases = analyze::phrases::find_phrases(text, lexicon.phrases());
    report.quotes = citations.quotes;
    report.titles = citations.titles;
    report.repeated_phrases = repetition.repeated_phrases();
    report.overused = repetition.overused_words();
    (report, tokens)
}

/// The report's structure fields and findings from one analysis.
fn structure_report(
    doc: &Document,
    config: &Config,
    analysis: Analysis,
    repetition: Option<&Repetition>,
) -> DocReport {
    let diagnostics = analysis.diagnostics(doc, config, repetition);
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
/// from the same segmentation.
pub fn analyze_for_corpus(
    doc: &Document,
    config: &Config,
    opts: &corpus::CorpusOptions,
) -> (DocReport, corpus::DocFeatures) {
    let (report, tokens) = analyze_document_with_tokens(doc, config);
    let ranges: Vec<(usize, usize)> = tokens.iter().map(|t| (t.byte_start, t.byte_end)).collect();
    let slots: Vec<(usize, usize)> = report
        .placeholders
        .iter()
        .map(|s| (s.span.byte_start, s.span.byte_end))
        .collect();
    let features = corpus::DocFeatures::extract(doc, &ranges, &slots, opts);
    (report, features)
}

/// Repeated n-grams and overused words of a segmented document, with the default options.
fn repetition(
    doc: &Document,
    tokens: &[Token<'_>],
    vocab: &Vocabulary,
    lexicon: &Lexicon,
) -> Repetition {
    let lists = RepetitionLists {
        overused: lexicon.overused(),
        stopwords: lexicon.stopwords(),
    };
    find_repetition(
        doc.text(),
        doc.chars(),
        tokens,
        vocab,
        lists,
        &RepetitionOptions::default(),
    )
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

    /// `lint` must not pay for jieba: only the `repeated-phrase` rule segments.
    #[test]
    fn lint_builds_nothing_unless_repetition_is_on() {
        let doc = Document::from_str("d.txt", "推进“两学一做”学习教育，XX局开展学习X次。");
        let config = Config::default();
        let found = lint_document(&doc, &config);
        assert_eq!(
            found.iter().filter(|d| d.rule == Rule::Placeholder).count(),
            2
        );
        assert!(!config.lexicon_built());
        let mut config = Config::default();
        config.enable(Rule::RepeatedPhrase);
        lint_document(&doc, &config);
        assert_eq!(config.lexicon().built(), [true, false, true, true]);
    }

    #[test]
    fn analysis_fills_the_phrase_fields_from_one_segmentation() {
        let doc = Document::from_str(
            "d.txt",
            "推进“两学一做”学习教育，以《中国共产党章程》为遵循。",
        );
        let (report, tokens) = analyze_document_with_tokens(&doc, &Config::default());
        assert_eq!(report.tokens, tokens.len());
        assert!(report.phrases.iter().any(|p| p.phrase == "两学一做"));
        assert_eq!(report.quotes[0].text, "两学一做");
        assert_eq!(report.titles[0].text, "中国共产党章程");
        assert!(!report.keywords.is_empty());
        // Off by default: no repeated-phrase findings in the report's diagnostics.
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.rule != Rule::RepeatedPhrase)
        );
    }

    #[test]
    fn empty_and_punctuation_only_documents_analyse_to_nothing() {
        for text in ["", "。，！？“”《》\n\r\n", "   "] {
            let doc = Document::from_str("d.txt", text);
            let mut config = Config::default();
            config.enable(Rule::RepeatedPhrase);
            let report = analyze_document(&doc, &config);
            assert!(report.phrases.is_empty() && report.keywords.is_empty());
            assert!(report.repeated_phrases.is_empty() && report.overused.is_empty());
        }
    }

    /// A 5 MB line (no line break, no sentence end) must neither panic nor hang.
    #[test]
    fn a_five_megabyte_line_is_analysed() {
        let unit = "厅党组中心组深入学习“两学一做”，以《学习规则》推进学习活动XX次";
        let text = unit.repeat(5 * 1024 * 1024 / unit.len() + 1);
        let doc = Document::from_str("big.txt", &text);
        let mut config = Config::default();
        config.enable(Rule::RepeatedPhrase);
        let report = analyze_document(&doc, &config);
        assert!(report.tokens > 100_000);
        assert!(report.titles.iter().any(|t| t.text == "学习规则"));
        assert!(!report.repeated_phrases.is_empty());
    }
}
