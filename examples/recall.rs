//! Near-duplicate recall of `zongjie analyze` on a corpus from `gen_corpus`.
//!
//! `cargo run --release --example recall -- DIR/planted_pairs.tsv REPORT.json` reads the
//! planted (copy, source) pairs and the report's `corpus.near_duplicates`, and prints how
//! many planted pairs were found. Pairs the report lists beyond the planted ones are
//! counted too: copies of the same source are near-duplicates of each other as well.

use std::collections::BTreeSet;

use serde::Deserialize;

/// Only the part of the report we need; serde skips the (large) `documents` array
/// without building it.
#[derive(Deserialize)]
struct Report {
    corpus: Corpus,
}

#[derive(Deserialize)]
struct Corpus {
    near_duplicates: Vec<Pair>,
}

#[derive(Deserialize)]
struct Pair {
    a: String,
    b: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let manifest = args
        .next()
        .ok_or("usage: recall PLANTED_PAIRS.tsv REPORT.json")?;
    let report = args
        .next()
        .ok_or("usage: recall PLANTED_PAIRS.tsv REPORT.json")?;
    let root = std::path::Path::new(&manifest)
        .parent()
        .ok_or("manifest has no folder")?
        .to_path_buf();
    let planted: BTreeSet<(String, String)> = std::fs::read_to_string(&manifest)?
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| {
            let (a, b) = (
                root.join(a).display().to_string(),
                root.join(b).display().to_string(),
            );
            (a.clone().min(b.clone()), a.max(b))
        })
        .collect();
    let file = std::io::BufReader::new(std::fs::File::open(&report)?);
    let parsed: Report = serde_json::from_reader(file)?;
    let found: BTreeSet<(String, String)> = parsed
        .corpus
        .near_duplicates
        .into_iter()
        .map(|p| (p.a.clone().min(p.b.clone()), p.a.max(p.b)))
        .collect();
    let hit = planted.intersection(&found).count();
    println!(
        "planted {}, found {hit} ({:.2}% recall), reported pairs {}, beyond the planted {}",
        planted.len(),
        100.0 * hit as f64 / planted.len().max(1) as f64,
        found.len(),
        found.len() - hit
    );
    for missed in planted.difference(&found).take(10) {
        println!("missed: {} ~ {}", missed.0, missed.1);
    }
    Ok(())
}
