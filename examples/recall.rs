//! Near-duplicate recall of `zongjie analyze` on a corpus from `gen_corpus`.
//!
//! `cargo run --release --example recall -- DIR/planted_pairs.tsv REPORT.json` reads the
//! planted (copy, source) pairs and the report's `corpus.near_duplicates`, and prints how
//! many planted pairs were found. Pairs the report lists beyond the planted ones are
//! counted too: copies of the same source are near-duplicates of each other as well.

use std::collections::BTreeSet;

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
    let json: serde_json::Value = serde_json::from_reader(std::fs::File::open(&report)?)?;
    let found: BTreeSet<(String, String)> = json["corpus"]["near_duplicates"]
        .as_array()
        .ok_or("report has no corpus.near_duplicates")?
        .iter()
        .filter_map(|p| Some((p["a"].as_str()?.to_string(), p["b"].as_str()?.to_string())))
        .map(|(a, b)| (a.clone().min(b.clone()), a.max(b)))
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
