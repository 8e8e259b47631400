//! The whole per-document analysis (`Analyzer::analyze`: segmentation, phrases, keywords,
//! repetition, structure) against a bare jieba-rs cut of the same text with stock jieba,
//! and `lint` (no segmentation). Recorded, not asserted (DESIGN.md):
//! `cargo bench --bench segment`. The ratio analyze / jieba_cut is issue 12's target.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::LazyLock;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jieba_rs::Jieba;
use zongjie::{Analyzer, Config, Document};

/// Stock jieba, as a program without our dictionaries would use it.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

fn inputs() -> Vec<(&'static str, Document)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // The real seed, when it is beside the checkout, else our own template in its style.
    let seed = root
        .ancestors()
        .map(|d| d.join("shared/seeds/000_8b951c6cf26f8b4e.txt"))
        .find(|p| p.is_file())
        .map(|p| ("seed", p))
        .unwrap_or(("study", root.join("tests/fixtures/template_study_2019.txt")));
    [
        seed,
        ("template", root.join("samples/01_template.txt")),
        ("filled", root.join("samples/02_filled.txt")),
    ]
    .into_iter()
    .map(|(name, path)| {
        let text = std::fs::read_to_string(&path).expect("readable input");
        (name, Document::from_str(path.display().to_string(), &text))
    })
    .collect()
}

fn segment(c: &mut Criterion) {
    let analyzer = Analyzer::new(Config::default());
    analyzer.prepare();
    LazyLock::force(&JIEBA);
    for (name, doc) in inputs() {
        let text = doc.text();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("jieba_cut", |b| b.iter(|| JIEBA.cut(black_box(text), true)));
        group.bench_function("analyze", |b| b.iter(|| analyzer.analyze(black_box(&doc))));
        group.bench_function("lint", |b| b.iter(|| analyzer.lint(black_box(&doc))));
        group.finish();
    }
}

criterion_group!(benches, segment);
criterion_main!(benches);
