//! Segmentation throughput: zongjie's whole per-document analysis against a bare
//! jieba-rs cut of the same text, plus each analyzer alone, to show what the
//! analysis costs beyond segmentation.
//!
//! `cargo bench --bench segment -- --warm-up-time 1 --measurement-time 5`
//! Target: `analyze_document` at most 1.25 × `jieba_cut` (BENCHMARKS.md).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::LazyLock;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jieba_rs::Jieba;

use zongjie::analyze::keywords::{DEFAULT_TOP, Idf, keywords};
use zongjie::analyze::phrases::find_phrases;
use zongjie::analyze::placeholders::find_slots;
use zongjie::analyze::quotes::find_citations;
use zongjie::analyze::repetition::{RepetitionLists, RepetitionOptions, find_repetition};
use zongjie::analyze::segment::{HMM, Vocabulary};
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
    [seed, ("template", root.join("samples/01_template.txt"))]
        .into_iter()
        .map(|(name, path)| {
            let text = std::fs::read_to_string(&path).expect("readable input");
            (name, Document::from_str(path.display().to_string(), &text))
        })
        .collect()
}

fn segment(c: &mut Criterion) {
    let config = Config::default();
    let analyzer = Analyzer::new(config.clone());
    analyzer.prepare();
    let lexicon = analyzer.lexicon();
    LazyLock::force(&JIEBA);
    for (name, doc) in inputs() {
        let text = doc.text();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("jieba_cut", |b| b.iter(|| JIEBA.cut(black_box(text), HMM)));
        group.bench_function("jieba_cut_no_hmm", |b| {
            b.iter(|| JIEBA.cut(black_box(text), false))
        });
        group.bench_function("analyze_document", |b| {
            b.iter(|| analyzer.analyze(black_box(&doc)))
        });
        // Each part alone, to see what dominates.
        let seg = lexicon.segmenter();
        group.bench_function("part_tokens", |b| b.iter(|| seg.tokens(black_box(text))));
        let tokens = seg.tokens(text);
        group.bench_function("part_vocabulary", |b| {
            b.iter(|| Vocabulary::new(black_box(&tokens)))
        });
        let vocab = Vocabulary::new(&tokens);
        group.bench_function("part_keywords", |b| {
            b.iter(|| {
                keywords(
                    black_box(&vocab),
                    lexicon.stopwords(),
                    Idf::embedded(),
                    DEFAULT_TOP,
                )
            })
        });
        let lists = RepetitionLists {
            overused: lexicon.overused(),
            stopwords: lexicon.stopwords(),
        };
        let chars = doc.chars();
        let opts = RepetitionOptions::default();
        group.bench_function("part_repetition", |b| {
            b.iter(|| find_repetition(text, chars, black_box(&tokens), &vocab, lists, &opts))
        });
        group.bench_function("part_phrases", |b| {
            b.iter(|| find_phrases(black_box(text), lexicon.phrases()))
        });
        group.bench_function("part_quotes", |b| {
            b.iter(|| find_citations(black_box(&doc)))
        });
        group.bench_function("part_placeholders", |b| {
            b.iter(|| find_slots(black_box(&doc), &config.dicts))
        });
        group.finish();
    }
}

criterion_group!(benches, segment);
criterion_main!(benches);
