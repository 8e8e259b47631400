//! The per-document analysis behind `lint` and `outline` on a filled 12 KB-class
//! summary: headings, numbering, enumerations, brackets, slots and the score; and the
//! whole of what Python's `Analyzer.lint(text)` runs in Rust (document, lint record,
//! JSON), to set against `python -m timeit` (BENCHMARKS.md).
//! Recorded, not asserted (DESIGN.md): run `cargo bench --bench outline`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use zongjie::render::View;
use zongjie::render::json::write_record;
use zongjie::{Analyzer, Config, Document};

const FILLED: &str = include_str!("../samples/02_filled.txt");
const TEMPLATE: &str = include_str!("../samples/01_template.txt");

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::new(Config::default());
    for (name, text) in [("filled", FILLED), ("template", TEMPLATE)] {
        let doc = Document::from_str(name, text);
        c.bench_function(&format!("lint_document/{name}"), |b| {
            b.iter(|| analyzer.lint(black_box(&doc)))
        });
        c.bench_function(&format!("analyze_structure/{name}"), |b| {
            b.iter(|| analyzer.structure(black_box(&doc)))
        });
        c.bench_function(&format!("lint_record/{name}"), |b| {
            b.iter(|| {
                let doc = Document::from_str("-", black_box(text));
                let report = analyzer.lint_report(&doc);
                let mut json = Vec::new();
                write_record(&mut json, View::Lint, &report).expect("a Vec takes any JSON");
                json
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
