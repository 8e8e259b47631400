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
use analyze::repetition::{Repetition, RepetitionLists, RepetitionOptions, find_repetition};
use analyze::segment::{Token, Vocabulary};
use report::Slot;

/// The lint findings of one document: every enabled rule, in text order.
///
/// Needs no word segmentation unless the `repeated-phrase` rule is on.
pub fn lint_document(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let slots = if config.enabled(Rule::Placeholder) {
        analyze::placeholders::find_slots(doc, &config.dicts)
    } else {
        Vec::new()
    };
    let repetition = config.enabled(Rule::RepeatedPhrase).then(|| {
        let lexicon = config.lexicon();
        let tokens = lexicon.segmenter().tokens(doc.text());
        let vocab = Vocabulary::new(&tokens);
        find_repetition(
            doc.text(),
            doc.chars(),
            &tokens,
            &vocab,
            repetition_lists(&lexicon),
            &RepetitionOptions::default(),
        )
    });
    collect_diagnostics(doc, config, &slots, repetition.as_ref())
}

/// Runs every analyzer on one document.
pub fn analyze_document(doc: &Document, config: &Config) -> DocReport {
    analyze_document_with_tokens(doc, config).0
}

/// Runs every analyzer on one document and also returns its word tokens, so corpus
/// statistics can reuse them: the text is segmented once, and the tokens are shared
/// by the keywords, the repetition analysis and the token count.
pub fn analyze_document_with_tokens<'a>(
    doc: &'a Document,
    config: &Config,
) -> (DocReport, Vec<Token<'a>>) {
    let lexicon = config.lexicon();
    let text = doc.text();
    let chars = doc.chars();
    let placeholders = analyze::placeholders::find_slots(doc, &config.dicts);
    let tokens = lexicon.segmenter().tokens(text);
    let vocab = Vocabulary::new(&tokens);
    let repetition = find_repetition(
        text,
        chars,
        &tokens,
        &vocab,
        repetition_lists(&lexicon),
        &RepetitionOptions::default(),
    );
    let keywords = analyze::keywords::keywords(
        &vocab,
        lexicon.stopwords(),
        Idf::jieba(),
        config.top_keywords,
    );
    let citations = analyze::quotes::find_citations(doc);
    let phrases = analyze::phrases::find_phrases(text, lexicon.phrases());
    // The slots found once serve both the report and the lint findings.
    let lint_slots: &[Slot] = if config.enabled(Rule::Placeholder) {
        &placeholders
    } else {
        &[]
    };
    let diagnostics = collect_diagnostics(
        doc,
        config,
        lint_slots,
        config.enabled(Rule::RepeatedPhrase).then_some(&repetition),
    );
    let report = DocReport {
        path: doc.path.clone(),
        encoding: doc.encoding.clone(),
        error: None,
        warnings: doc.warnings.clone(),
        chars,
        tokens: tokens.len(),
        placeholders,
        phrases,
        quotes: citations.quotes,
        titles: citations.titles,
        keywords,
        repeated_phrases: repetition.repeated_phrases(),
        overused: repetition.overused_words(),
        diagnostics,
        ..DocReport::default()
    };
    (report, tokens)
}

fn repetition_lists(lexicon: &Lexicon) -> RepetitionLists<'_> {
    RepetitionLists {
        overused: lexicon.overused(),
        stopwords: lexicon.stopwords(),
    }
}

/// The findings of the enabled rules from what the analyzers found, in text order.
fn collect_diagnostics(
    doc: &Document,
    config: &Config,
    slots: &[Slot],
    repetition: Option<&Repetition>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(severity) = config.severity(Rule::Placeholder) {
        out.extend(slots.iter().map(|s| slot_diagnostic(s, severity)));
    }
    if let (Some(severity), Some(rep)) = (config.severity(Rule::RepeatedPhrase), repetition) {
        out.extend(rep.diagnostics(doc, severity));
    }
    sort_diagnostics(&mut out);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `lint` must not pay for jieba: only the `repeated-phrase` rule segments.
    #[test]
    fn lint_builds_nothing_unless_repetition_is_on() {
        let doc = Document::from_str("d.txt", "推进“两学一做”学习教育，XX局开展学习X次。");
        let config = Config::default();
        assert_eq!(lint_document(&doc, &config).len(), 2);
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
