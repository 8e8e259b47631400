//! Arbitrary bytes through decoding and every analyzer, as `zongjie lint` and
//! `zongjie analyze` run them, checking the invariants the library promises.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zongjie::corpus::{Corpus, CorpusOptions};
use zongjie::input::{ReadOptions, document_from_bytes};
use zongjie::i18n::Lang;
use zongjie::render::{self, Format, ReportOptions, Style, Tally, View, text};
use zongjie::{Analyzer, Config, Diagnostic, Document, Rule};

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        // Corpus statistics use rayon; one worker keeps this to one core.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
        Analyzer::new(Config::default())
    })
}

/// Every span lies in the text on char boundaries, and its line/column agree with
/// its byte offset.
fn check_span(doc: &Document, what: &str, span: &zongjie::Span) {
    let text = doc.text();
    assert!(
        span.byte_start <= span.byte_end && span.byte_end <= text.len(),
        "{what}: span {}..{} outside text of {} bytes",
        span.byte_start,
        span.byte_end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.byte_start) && text.is_char_boundary(span.byte_end),
        "{what}: span {}..{} not on char boundaries",
        span.byte_start,
        span.byte_end
    );
    let start = doc.position(span.byte_start);
    let end = doc.position(span.byte_end);
    assert_eq!(
        (span.line, span.column, span.end_line, span.end_column),
        (start.line, start.column, end.line, end.column),
        "{what}: line/column disagree with byte offsets {}..{}",
        span.byte_start,
        span.byte_end
    );
}

fn check_diagnostics(doc: &Document, diags: &[Diagnostic]) {
    for d in diags {
        check_span(doc, &format!("diagnostic {}", d.rule), &d.span);
        if d.rule == Rule::Placeholder {
            assert_eq!(&doc.text()[d.span.byte_start..d.span.byte_end], d.text);
        }
    }
    // Text order.
    assert!(
        diags
            .windows(2)
            .all(|w| (w[0].span.byte_start, w[0].span.byte_end)
                <= (w[1].span.byte_start, w[1].span.byte_end)),
        "diagnostics out of text order"
    );
}

/// Every format of every view, in both languages, through the reporters the CLI uses.
fn render(doc: &Document, report: &zongjie::DocReport, corpus: Option<&zongjie::corpus::CorpusReport>) {
    for view in [View::Lint, View::Outline, View::Phrases, View::Analyze] {
        for &format in view.formats() {
            for lang in Lang::ALL {
                for color in [false, true] {
                    let opts = ReportOptions {
                        view,
                        style: Style { color, lang },
                        quiet: false,
                        show_shared: true,
                    };
                    let mut reporter = render::reporter(format, opts).expect("listed format");
                    let mut tally = Tally::default();
                    let mut out = Vec::new();
                    reporter.begin(&mut out).expect("writing to a Vec");
                    let record = reporter.record(report, Some(doc)).expect("record");
                    reporter.write(&mut out, report, &record).expect("writing to a Vec");
                    tally.add(report);
                    reporter.finish(&mut out, &tally, corpus).expect("writing to a Vec");
                    if format.is_json() && format != Format::Ndjson {
                        let _: serde_json::Value =
                            serde_json::from_slice(&out).expect("valid JSON");
                    }
                }
            }
        }
    }
    let mut err = Vec::new();
    // What the CLI writes to stderr beside the records.
    text::write_read_problems(&mut err, &doc.path, None, &doc.warnings, Style::default())
        .expect("writing to a Vec");
}

fuzz_target!(|data: &[u8]| {
    let analyzer = analyzer();
    let opts = ReadOptions::default();
    let Ok(doc) = document_from_bytes(Path::new("fuzz.txt"), data.to_vec(), &opts) else {
        return;
    };
    assert!(!doc.text().starts_with('\u{feff}'), "BOM left in the text");

    let diags = analyzer.lint(&doc);
    check_diagnostics(&doc, &diags);
    render(&doc, &analyzer.lint_report(&doc), None);

    let corpus_opts = CorpusOptions::default();
    let (report, features) = analyzer.analyze_for_corpus(&doc, &corpus_opts);
    assert_eq!(report.chars, doc.text().chars().count());
    check_diagnostics(&doc, &report.diagnostics);
    for slot in &report.placeholders {
        check_span(&doc, "slot", &slot.span);
        assert_eq!(
            &doc.text()[slot.span.byte_start..slot.span.byte_end],
            slot.text
        );
    }
    let score = report.completeness.score;
    assert!(
        score.is_none_or(|s| (0.0..=1.0).contains(&s)),
        "completeness score {score:?} outside [0, 1]"
    );
    assert_eq!(score.is_none(), doc.text().trim().is_empty(), "only an empty document has no score");
    serde_json::to_string(&report).expect("report JSON");

    // A corpus of the document twice: n-grams, shared sentences, near-duplicates.
    let mut corpus = Corpus::new(corpus_opts);
    let other = zongjie::DocReport {
        path: "fuzz2.txt".to_string(),
        ..report.clone()
    };
    corpus.add_batch(vec![
        zongjie::CorpusDoc::new(&report, Some(features.clone())),
        zongjie::CorpusDoc::new(&other, Some(features)),
    ]);
    let text = doc.text();
    let result = corpus.finish(|_| Some(text.to_string()));
    assert_eq!(result.documents, 2);
    render(&doc, &report, Some(&result));
    serde_json::to_string(&result).expect("corpus JSON");
});
