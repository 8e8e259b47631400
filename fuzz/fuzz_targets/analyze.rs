//! Arbitrary bytes through decoding and every analyzer, as `zongjie lint` and
//! `zongjie analyze` run them, checking the invariants the library promises.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zongjie::corpus::{Corpus, CorpusOptions};
use zongjie::input::{ReadOptions, document_from_bytes};
use zongjie::render::{Style, csv, summary, text};
use zongjie::{Config, Diagnostic, Document, FileLint, Rule, analyze_for_corpus, lint_document};

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        // Corpus statistics use rayon; one worker keeps this to one core.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
        Config::default()
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

fn render(doc: &Document, diags: &[Diagnostic]) {
    let mut out = Vec::new();
    for color in [false, true] {
        for d in diags {
            text::write_diagnostic(&mut out, Some(doc), &doc.path, d, Style { color })
                .expect("writing to a Vec");
        }
    }
    let file = FileLint {
        path: doc.path.clone(),
        path_bytes: doc.path_bytes.clone(),
        encoding: doc.encoding.clone(),
        error: None,
        warnings: doc.warnings.clone(),
        diagnostics: diags.to_vec(),
    };
    let files = std::slice::from_ref(&file);
    let mut err = Vec::new();
    // What the CLI writes to stderr beside the diagnostics above.
    text::write_read_problems(
        &mut err,
        &file.path,
        None,
        &file.warnings,
        Style { color: false },
    )
    .expect("writing to a Vec");
    let _ = text::summary_line(files);
    serde_json::to_string(&zongjie::render::json::LintOutput::new(files)).expect("lint JSON");
}

fuzz_target!(|data: &[u8]| {
    let config = config();
    let opts = ReadOptions::default();
    let Ok(doc) = document_from_bytes(Path::new("fuzz.txt"), data.to_vec(), &opts) else {
        return;
    };
    assert!(!doc.text().starts_with('\u{feff}'), "BOM left in the text");

    let diags = lint_document(&doc, config);
    check_diagnostics(&doc, &diags);
    render(&doc, &diags);

    let corpus_opts = CorpusOptions::default();
    let (report, features) = analyze_for_corpus(&doc, config, &corpus_opts);
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
        (0.0..=1.0).contains(&score),
        "completeness score {score} outside [0, 1]"
    );
    serde_json::to_string(&report).expect("report JSON");
    let mut out = Vec::new();
    csv::write_record(&mut out, &csv::row(&report)).expect("writing to a Vec");

    // A corpus of the document twice: n-grams, shared sentences, near-duplicates.
    let mut corpus = Corpus::new(corpus_opts);
    let other = zongjie::DocReport {
        path: "fuzz2.txt".to_string(),
        ..report.clone()
    };
    corpus.add_batch(vec![
        (&report, Some(features.clone())),
        (&other, Some(features)),
    ]);
    let text = doc.text();
    let result = corpus.finish(|_| Some(text.to_string()));
    assert_eq!(result.documents, 2);
    summary::write_corpus_summary(&mut out, &result, Style { color: false })
        .expect("writing to a Vec");
    serde_json::to_string(&result).expect("corpus JSON");
});
