//! Arbitrary bytes as a `.docx`: extraction must never panic, stays within its
//! limits, is deterministic, and its text goes through the analyzers.
//!
//! Each input is tried twice: as the raw file (zip container parsing), and split on
//! NUL bytes into `word/document.xml`, `word/numbering.xml` and `word/styles.xml`
//! that the harness zips itself. The zip reader checks every entry's CRC-32, so
//! mutated raw archives almost never reach the XML; the second form fuzzes the XML
//! handling (numbering, styles, fields, markup compatibility) directly.
#![no_main]

use std::io::{Cursor, Write};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zongjie::input::docx::{DocxLimits, extract_text};
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

    let doc = Document::new("fuzz.docx", "DOCX", text);
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
