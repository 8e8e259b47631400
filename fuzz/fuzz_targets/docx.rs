//! Arbitrary bytes as a `.docx`: extraction must never panic, stays within its
//! limits, is deterministic, and its text goes through the analyzers.
//!
//! Each input is tried twice: as the raw file (zip container parsing), and split on
//! NUL bytes into `word/document.xml`, `word/numbering.xml` and `word/styles.xml`
//! that the harness zips itself. The zip reader checks every entry's CRC-32, so
//! mutated raw archives almost never reach the XML; the second form fuzzes the XML
//! handling (numbering, styles, fields, markup compatibility) directly.
//!
//! Whatever extracts is also annotated with a comment on every line: the copy must
//! extract to exactly the same text.
#![no_main]

use std::io::{Cursor, Write};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zongjie::input::docx::{AnnotateOptions, Comment, DocxLimits, annotate, extract, extract_text};
use zongjie::{Analyzer, Config, Document, Rule};

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::new(Config::default()))
}

/// A stored (uncompressed) zip of the NUL-separated parts of `data`.
fn zip_parts(data: &[u8]) -> Vec<u8> {
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.iter().zip(data.split(|&b| b == 0)) {
        zip.start_file(*name, options).expect("start zip entry");
        zip.write_all(part).expect("write zip entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    check(data);
    check(&zip_parts(data));
});

fn check(data: &[u8]) {
    let limits = DocxLimits::default();
    let Ok(text) = extract_text(data, &limits) else {
        return;
    };
    assert!(
        text.len() as u64 <= limits.max_total_bytes,
        "extracted text longer than max_total_bytes"
    );
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "every extracted line must end in \\n"
    );
    let again = extract_text(data, &limits).expect("second extraction of the same bytes");
    assert_eq!(text, again, "extraction is not deterministic");

    let extracted = extract(data, &limits).expect("extract agrees with extract_text");
    assert_eq!(extracted.text, text);
    let comments: Vec<Comment> = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some(Comment {
                byte_start: start,
                byte_end: start + line.trim_end_matches('\n').len(),
                text: "fuzz".to_string(),
                rule: "placeholder".to_string(),
            })
        })
        .take(64)
        .collect();
    for c in &comments {
        let _ = extracted.map.location(&text, c.byte_start, c.byte_end);
    }
    if let Ok(annotated) = annotate(data, &comments, &[], &AnnotateOptions::default()) {
        let again = extract_text(&annotated.bytes, &limits).expect("the annotated copy reads");
        assert_eq!(again, text, "annotating changed the text");
    }

    let doc = Document::from_word("fuzz.docx", extracted);
    let diags = analyzer().lint(&doc);
    for d in &diags {
        let span = d.span;
        assert!(span.byte_start <= span.byte_end && span.byte_end <= doc.text().len());
        if d.rule == Rule::Placeholder {
            assert_eq!(&doc.text()[span.byte_start..span.byte_end], d.text);
        }
    }
    let report = analyzer().analyze(&doc);
    assert!(report.completeness.score.is_none_or(|s| (0.0..=1.0).contains(&s)));
}
