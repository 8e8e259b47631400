//! The [`Analyzer`]: settings plus the vocabularies built from them, and the one place
//! where a document's analyses are run and their findings become diagnostics.
//!
//! What must stay true: `lint` runs only the analyzers of enabled rules and never
//! loads jieba unless `repeated-phrase` is on; every diagnostic list is in text order.

use crate::analyze::keywords::Idf;
use crate::analyze::outline::Outline;
use crate::analyze::repetition::{Repetition, RepetitionLists, RepetitionOptions, find_repetition};
use crate::analyze::segment::{Token, Vocabulary};
use crate::analyze::{self, Finding, Slip};
use crate::config::Config;
use crate::corpus;
use crate::document::Document;
use crate::i18n::Lang;
use crate::lexicon::Lexicon;
use crate::report::{Diagnostic, DocReport, Replacement, Rule, Slot, WordPosition};
use crate::rules::{self, Producer};

/// The analyses of one run: the settings and the vocabularies built from them.
///
/// Build one per run and share it (by reference) across threads: the jieba
/// dictionary, phrase automaton and word lists are built once, on first use, and only
/// those a command needs (`lint` builds nothing unless `repeated-phrase` is on).
#[derive(Debug)]
pub struct Analyzer {
    config: Config,
    lexicon: Lexicon,
}

impl Analyzer {
    /// An analyzer for `config` (nothing is loaded yet).
    pub fn new(config: Config) -> Self {
        let lexicon = Lexicon::new(&config.dicts);
        Analyzer { config, lexicon }
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The vocabularies.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Loads everything [`analyze`](Self::analyze) needs now, two parts at a time,
    /// instead of on the first document.
    pub fn prepare(&self) {
        self.lexicon.prepare();
    }

    /// The lint findings of one document: every enabled rule, in text order.
    ///
    /// Runs only the analyzers of enabled rules, and needs no word segmentation (no
    /// jieba dictionary) unless the `repeated-phrase` rule is on.
    pub fn lint(&self, doc: &Document) -> Vec<Diagnostic> {
        lint_document(doc, &self.config, &self.lexicon)
    }

    /// The lint record of one document: its source and its findings.
    pub fn lint_report(&self, doc: &Document) -> DocReport {
        DocReport {
            path: doc.path.clone(),
            path_bytes: doc.path_bytes.clone(),
            format: doc.format.name().to_string(),
            encoding: doc.encoding.clone(),
            warnings: document_warnings(doc, self.config.language()),
            profile: Some(profile_name(doc, &self.config)),
            diagnostics: self.lint(doc),
            ..DocReport::default()
        }
    }

    /// The structure of one document without word segmentation (no jieba): slots,
    /// headings, missing sections, numbering slips, completeness and the findings of
    /// every enabled rule but `repeated-phrase`. The phrase fields stay empty.
    ///
    /// This is what `zongjie outline` needs; it starts as fast as `lint`.
    pub fn structure(&self, doc: &Document) -> DocReport {
        structure_report(
            doc,
            &self.config,
            Analysis::of(doc, &self.config, false),
            None,
        )
    }

    /// Runs every analyzer on one document.
    pub fn analyze(&self, doc: &Document) -> DocReport {
        self.analyze_with_tokens(doc).0
    }

    /// Runs every analyzer on one document and also returns its word tokens, so corpus
    /// statistics can reuse them: the text is segmented once, and the tokens are shared
    /// by the keywords, the repetition analysis and the token count.
    pub fn analyze_with_tokens<'a>(&self, doc: &'a Document) -> (DocReport, Vec<Token<'a>>) {
        analyze_document_with_tokens(doc, &self.config, &self.lexicon)
    }

    /// Runs every analyzer on one document and extracts what corpus statistics need,
    /// from the same segmentation.
    pub fn analyze_for_corpus(
        &self,
        doc: &Document,
        opts: &corpus::CorpusOptions,
    ) -> (DocReport, corpus::DocFeatures) {
        let (report, tokens) = self.analyze_with_tokens(doc);
        let ranges: Vec<(usize, usize)> =
            tokens.iter().map(|t| (t.byte_start, t.byte_end)).collect();
        let slots = slot_ranges(&report.placeholders);
        let features = corpus::DocFeatures::extract(doc, &ranges, &slots, opts);
        (report, features)
    }
}

/// Everything the lint rules look at, computed once per document.
struct Analysis {
    slots: Vec<Slot>,
    outline: Outline,
    /// Heading and inline-enumeration slips, in text order.
    slips: Vec<Slip>,
    /// Findings of the other producers (brackets, formulations, punctuation).
    findings: Vec<Finding>,
}

impl Analysis {
    /// Runs the analyzers: those whose rules are on (the rule registry says which
    /// analyzer produces which rule) and, unless `only_enabled`, the structure ones
    /// whatever the rules (`outline` and `analyze` report headings and slots anyway).
    fn of(doc: &Document, config: &Config, only_enabled: bool) -> Self {
        let runs = |producer: Producer| {
            let structure = matches!(producer, Producer::Placeholders | Producer::Outline);
            (structure && !only_enabled) || rules::produced_by(producer).any(|r| config.enabled(r))
        };
        let outline = if runs(Producer::Outline) {
            analyze::outline::outline(doc, config)
        } else {
            Outline {
                profile: profile_name(doc, config),
                ..Outline::default()
            }
        };
        let mut slips = outline.slips.clone();
        if runs(Producer::Outline) {
            slips.extend(analyze::enumerations::slips(doc, &outline.heading_starts));
            slips.sort_by_key(|s| s.span.byte_start);
        }
        let mut findings = Vec::new();
        if runs(Producer::Brackets) {
            findings.extend(analyze::brackets::unbalanced(doc));
        }
        if runs(Producer::Formulation) {
            let year = config
                .year
                .or_else(|| analyze::formulation::detect_year(doc));
            findings.extend(
                analyze::formulation::check_formulations(doc, year)
                    .into_iter()
                    .map(|f| {
                        Finding::new(Rule::Formulation, f.span, f.text, f.message)
                            .with_check(f.kind.name())
                            .with_fix(f.fix)
                    }),
            );
        }
        if runs(Producer::Punctuation) {
            findings.extend(
                analyze::punctuation::check_punctuation(doc)
                    .into_iter()
                    .map(|f| {
                        Finding::new(Rule::Punctuation, f.span, f.text, f.message)
                            .with_check(f.kind.name())
                            .with_fix(f.fix)
                    }),
            );
        }
        Analysis {
            slots: if runs(Producer::Placeholders) {
                analyze::placeholders::find_slots(doc, &config.dicts)
            } else {
                Vec::new()
            },
            outline,
            slips,
            findings,
        }
    }

    /// The findings of the enabled rules as diagnostics, in text order; `repetition`
    /// is given when the text was segmented. This is the one place where findings
    /// get their severity and their message in the run's language.
    fn diagnostics(
        &self,
        doc: &Document,
        config: &Config,
        repetition: Option<&Repetition>,
    ) -> Vec<Diagnostic> {
        let lang = config.language();
        let findings = self
            .slots
            .iter()
            .map(slot_finding)
            .chain(repetition.into_iter().flat_map(|r| r.findings(doc)))
            .chain(self.outline.findings.iter().cloned())
            .chain(self.slips.iter().map(Slip::finding))
            .chain(self.findings.iter().cloned());
        let mut out: Vec<Diagnostic> = findings
            .filter_map(|f| {
                let severity = config.severity(f.rule)?;
                Some(Diagnostic {
                    rule: f.rule,
                    severity,
                    span: f.span,
                    message: f.message.say(lang),
                    text: f.text,
                    kind: f.kind,
                    check: f.check,
                    word: doc.word.as_ref().and_then(|_| {
                        let location = doc.word_location(f.span.byte_start, f.span.byte_end)?;
                        Some(WordPosition {
                            location,
                            quote: doc.quote(f.span.byte_start, f.span.byte_end),
                        })
                    }),
                    fix: f.fix.map(|fix| {
                        fix.edits
                            .into_iter()
                            .map(|e| Replacement {
                                span: doc.span(e.byte_start, e.byte_end),
                                replacement: e.replacement,
                            })
                            .collect()
                    }),
                })
            })
            .collect();
        sort_diagnostics(&mut out);
        out
    }
}

fn lint_document(doc: &Document, config: &Config, lexicon: &Lexicon) -> Vec<Diagnostic> {
    let analysis = Analysis::of(doc, config, true);
    let repetition = config.enabled(Rule::RepeatedPhrase).then(|| {
        let tokens = lexicon.segmenter().tokens(doc.text());
        let slots = if config.enabled(Rule::Placeholder) {
            slot_ranges(&analysis.slots)
        } else {
            slot_ranges(&analyze::placeholders::find_slots(doc, &config.dicts))
        };
        let vocab = Vocabulary::without_slots(&tokens, &slots);
        repetition(doc, &tokens, &vocab, lexicon)
    });
    analysis.diagnostics(doc, config, repetition.as_ref())
}

fn analyze_document_with_tokens<'a>(
    doc: &'a Document,
    config: &Config,
    lexicon: &Lexicon,
) -> (DocReport, Vec<Token<'a>>) {
    let analysis = Analysis::of(doc, config, false);
    let text = doc.text();
    let tokens = lexicon.segmenter().tokens(text);
    let vocab = Vocabulary::without_slots(&tokens, &slot_ranges(&analysis.slots));
    let repetition = repetition(doc, &tokens, &vocab, lexicon);
    let lint_repetition = config.enabled(Rule::RepeatedPhrase).then_some(&repetition);
    let mut report = structure_report(doc, config, analysis, lint_repetition);
    let citations = analyze::quotes::find_citations(doc);
    report.tokens = tokens.len();
    report.keywords = analyze::keywords::keywords(
        &vocab,
        lexicon.stopwords(),
        Idf::embedded(),
        config.top_keywords,
    );
    // Official phrases are listed in simplified script; offsets go back to the text.
    let simple = analyze::script::SimplifiedText::new(text);
    report.phrases = analyze::phrases::find_phrases(simple.text(), lexicon.phrases());
    for p in &mut report.phrases {
        for offset in &mut p.offsets {
            *offset = simple.to_original(*offset);
        }
    }
    report.quotes = citations.quotes;
    report.titles = citations.titles;
    report.repeated_phrases = repetition.repeated_phrases();
    report.overused = repetition.overused_words();
    (report, tokens)
}

/// Whether a document holds nothing but white space: nothing to check or score.
pub fn is_blank(doc: &Document) -> bool {
    doc.text().trim().is_empty()
}

/// The warnings of a document: the repairs made while reading it, and a note when
/// it is empty (so a user who linted the wrong file hears of it).
pub fn document_warnings(doc: &Document, lang: Lang) -> Vec<String> {
    let mut warnings = doc.warnings.clone();
    if is_blank(doc) {
        warnings.push(messages::empty_document().say(lang));
    }
    warnings
}

/// The year a summary is about, as the `formulation` rule reads it when the config
/// sets none: from the title (`2023年工作总结`), else from its first dated sentence.
pub fn document_year(doc: &Document) -> Option<i32> {
    analyze::formulation::detect_year(doc)
}

/// The name of the genre profile `doc` is judged by (`dicts/profiles.txt`): the
/// config's, or the one its title line or file name fits, or `general`.
pub fn profile_name(doc: &Document, config: &Config) -> String {
    analyze::profile::profile_of(doc, config).0.name.clone()
}

/// The report's structure fields and findings from one analysis.
fn structure_report(
    doc: &Document,
    config: &Config,
    analysis: Analysis,
    repetition: Option<&Repetition>,
) -> DocReport {
    let diagnostics = analysis.diagnostics(doc, config, repetition);
    let completeness = if is_blank(doc) {
        crate::report::Completeness::none()
    } else {
        let required = if config.enabled(Rule::MissingSection) {
            analysis.outline.required
        } else {
            0
        };
        analyze::completeness::completeness(&diagnostics, required)
    };
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
        path_bytes: doc.path_bytes.clone(),
        format: doc.format.name().to_string(),
        encoding: doc.encoding.clone(),
        error: None,
        warnings: document_warnings(doc, config.language()),
        chars: doc.chars(),
        profile: Some(analysis.outline.profile),
        placeholders: analysis.slots,
        headings: analysis.outline.headings,
        sections_missing,
        numbering_errors,
        completeness,
        diagnostics,
        ..DocReport::default()
    }
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

/// The byte ranges of `slots`, in text order.
fn slot_ranges(slots: &[Slot]) -> Vec<(usize, usize)> {
    slots
        .iter()
        .map(|s| (s.span.byte_start, s.span.byte_end))
        .collect()
}

fn slot_finding(slot: &Slot) -> Finding {
    Finding {
        kind: Some(slot.kind),
        ..Finding::new(
            Rule::Placeholder,
            slot.span,
            slot.text.clone(),
            messages::slot(slot.kind),
        )
    }
}

/// The messages of this module, in one place for translation (texts in `locales/`).
mod messages {
    use crate::i18n::Message;
    use crate::report::SlotKind;

    /// The warning on an empty or whitespace-only document.
    pub fn empty_document() -> Message {
        Message::new("warning-empty-document")
    }

    /// A `placeholder` finding's message, by kind.
    pub fn slot(kind: SlotKind) -> Message {
        match kind {
            SlotKind::Instruction => Message::new("placeholder-instruction"),
            SlotKind::Notice => Message::new("placeholder-notice"),
            _ => Message::new("placeholder-unfilled"),
        }
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
    use proptest::prelude::*;

    fn analyze_document(doc: &Document, config: &Config) -> DocReport {
        Analyzer::new(config.clone()).analyze(doc)
    }

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
            let score = report.completeness.score;
            prop_assert!(score.is_none_or(|s| (0.0..=1.0).contains(&s)));
            prop_assert_eq!(score.is_none(), text.trim_start_matches('\u{feff}').trim().is_empty());
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
        let analyzer = Analyzer::new(Config::default());
        let found = analyzer.lint(&doc);
        assert_eq!(
            found.iter().filter(|d| d.rule == Rule::Placeholder).count(),
            2
        );
        assert_eq!(analyzer.lexicon().built(), [false; 4]);
        let mut config = Config::default();
        config.enable(Rule::RepeatedPhrase);
        let analyzer = Analyzer::new(config);
        analyzer.lint(&doc);
        assert_eq!(analyzer.lexicon().built(), [true, false, true, true]);
    }

    #[test]
    fn analysis_fills_the_phrase_fields_from_one_segmentation() {
        let doc = Document::from_str(
            "d.txt",
            "推进“两学一做”学习教育，以《中国共产党章程》为遵循。",
        );
        let (report, tokens) = Analyzer::new(Config::default()).analyze_with_tokens(&doc);
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
