//! The `formulation` and `punctuation` analyzers on a filled summary and on our
//! formulation-dense fixture, and the one-time build of the formulation data.
//! Recorded, not asserted (DESIGN.md): run `cargo bench --bench formulation`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use zongjie::Document;
use zongjie::analyze::formulation::{
    FORMULATIONS, Formulations, PARTY_EVENTS, check_formulations, detect_year,
};
use zongjie::analyze::punctuation::check_punctuation;

const FILLED: &str = include_str!("../samples/02_filled.txt");
const DENSE: &str = include_str!("../tests/fixtures/formulations/clean_2023_summary.txt");

fn bench(c: &mut Criterion) {
    c.bench_function("formulations/parse_and_compile", |b| {
        b.iter(|| Formulations::parse(black_box(FORMULATIONS), black_box(PARTY_EVENTS)))
    });
    for (name, text) in [("filled", FILLED), ("dense", DENSE)] {
        let doc = Document::from_str(name, text);
        let year = detect_year(&doc);
        c.bench_function(&format!("check_formulations/{name}"), |b| {
            b.iter(|| check_formulations(black_box(&doc), year))
        });
        c.bench_function(&format!("check_punctuation/{name}"), |b| {
            b.iter(|| check_punctuation(black_box(&doc)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
