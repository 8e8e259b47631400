//! The `formulation` and `punctuation` rules on a filled summary and on our
//! formulation-dense fixture, through the public API (an Analyzer with only those two
//! rules on). Recorded, not asserted (DESIGN.md): run `cargo bench --bench formulation`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use zongjie::{Analyzer, Config, Document, Rule};

const FILLED: &str = include_str!("../samples/02_filled.txt");
const DENSE: &str = include_str!("../tests/fixtures/formulations/clean_2023_summary.txt");

fn only(rules: &[Rule]) -> Analyzer {
    let mut config = Config::default();
    for &rule in Rule::ALL {
        if rules.contains(&rule) {
            config.enable(rule);
        } else {
            config.disable(rule);
        }
    }
    Analyzer::new(config)
}

fn bench(c: &mut Criterion) {
    let formulation = only(&[Rule::Formulation]);
    let punctuation = only(&[Rule::Punctuation]);
    for (name, text) in [("filled", FILLED), ("dense", DENSE)] {
        let doc = Document::from_str(name, text);
        c.bench_function(&format!("formulation/{name}"), |b| {
            b.iter(|| formulation.lint(black_box(&doc)))
        });
        c.bench_function(&format!("punctuation/{name}"), |b| {
            b.iter(|| punctuation.lint(black_box(&doc)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
