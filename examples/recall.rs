//! Near-duplicate results of `zongjie analyze` against what `gen_corpus` planted.
//!
//! ```text
//! cargo run --release --example recall -- DIR/planted_pairs.tsv REPORT.json
//! cargo run --release --example recall -- DIR/templates.tsv REPORT.json
//! ```
//!
//! With `planted_pairs.tsv` (the default mode) it prints how many planted (copy,
//! source) pairs were found: listed as a verified pair, or put in one cluster (a
//! cluster's members are each verified against its representative; run `analyze`
//! with a large `--max-pairs` to have every verified pair listed). Pairs the report
//! lists beyond the planted ones are counted too: copies of the same source are
//! near-duplicates of each other as well.
//!
//! With `templates.tsv` (the template-heavy mode) it checks the clusters against
//! the templates: whether every template's documents are in one cluster, and
//! whether any cluster joins two templates or takes in documents written without
//! one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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
    #[serde(default)]
    near_duplicates_total: usize,
    #[serde(default)]
    clusters: Vec<Cluster>,
}

#[derive(Deserialize)]
struct Pair {
    a: String,
    b: String,
}

#[derive(Deserialize)]
struct Cluster {
    documents: Vec<String>,
}

const USAGE: &str = "usage: recall (PLANTED_PAIRS.tsv | TEMPLATES.tsv) REPORT.json";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let manifest = args.next().ok_or(USAGE)?;
    let report = args.next().ok_or(USAGE)?;
    let root = Path::new(&manifest)
        .parent()
        .ok_or("manifest has no folder")?
        .to_path_buf();
    let text = std::fs::read_to_string(&manifest)?;
    let file = std::io::BufReader::new(std::fs::File::open(&report)?);
    let parsed: Report = serde_json::from_reader(file)?;
    let full = |rel: &str| root.join(rel).display().to_string();
    if text.starts_with("path\ttemplate") {
        templates(&text, &parsed.corpus, &full);
    } else {
        planted(&text, &parsed.corpus, &full);
    }
    Ok(())
}

fn ordered(a: String, b: String) -> (String, String) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Cluster number of each clustered document.
fn cluster_of(corpus: &Corpus) -> BTreeMap<&str, usize> {
    corpus
        .clusters
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.documents.iter().map(move |d| (d.as_str(), i)))
        .collect()
}

fn planted(text: &str, corpus: &Corpus, full: &dyn Fn(&str) -> String) {
    let planted: BTreeSet<(String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| ordered(full(a), full(b)))
        .collect();
    let listed: BTreeSet<(String, String)> = corpus
        .near_duplicates
        .iter()
        .map(|p| ordered(p.a.clone(), p.b.clone()))
        .collect();
    let clusters = cluster_of(corpus);
    let same_cluster = |(a, b): &(String, String)| matches!((clusters.get(a.as_str()), clusters.get(b.as_str())), (Some(x), Some(y)) if x == y);
    let as_pair = planted.intersection(&listed).count();
    let found: Vec<&(String, String)> = planted
        .iter()
        .filter(|p| listed.contains(*p) || same_cluster(p))
        .collect();
    println!(
        "planted {}, found {} ({:.2}% recall): {as_pair} listed as pairs, {} in one cluster",
        planted.len(),
        found.len(),
        100.0 * found.len() as f64 / planted.len().max(1) as f64,
        planted.iter().filter(|p| same_cluster(p)).count(),
    );
    println!(
        "verified pairs {} ({} listed), beyond the planted {}; clusters {}",
        corpus.near_duplicates_total,
        listed.len(),
        listed.len() - as_pair,
        corpus.clusters.len()
    );
    for missed in planted.iter().filter(|p| !found.contains(p)).take(10) {
        println!("missed: {} ~ {}", missed.0, missed.1);
    }
}

fn templates(text: &str, corpus: &Corpus, full: &dyn Fn(&str) -> String) {
    // Document → template (None for a document written without one).
    let origin: BTreeMap<String, Option<String>> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (path, template) = (f.next()?, f.next()?);
            Some((full(path), (template != "-").then(|| template.to_string())))
        })
        .collect();
    let clusters = cluster_of(corpus);
    let mut by_template: BTreeMap<&str, Vec<Option<usize>>> = BTreeMap::new();
    for (path, template) in &origin {
        if let Some(t) = template {
            by_template
                .entry(t.as_str())
                .or_default()
                .push(clusters.get(path.as_str()).copied());
        }
    }
    let mut whole = 0;
    let mut split: Vec<String> = Vec::new();
    let (mut filled, mut in_main) = (0usize, 0usize);
    for (t, docs) in &by_template {
        let mut counts: BTreeMap<Option<usize>, usize> = BTreeMap::new();
        for c in docs {
            *counts.entry(*c).or_default() += 1;
        }
        let main = counts
            .iter()
            .filter(|(c, _)| c.is_some())
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        filled += docs.len();
        in_main += main;
        if counts.len() == 1 && counts.keys().all(Option::is_some) {
            whole += 1;
        } else {
            let clusters = counts.keys().filter(|c| c.is_some()).count();
            let loose = counts.get(&None).copied().unwrap_or(0);
            split.push(format!(
                "{t}: {} documents in {clusters} clusters, {loose} in none",
                docs.len()
            ));
        }
    }
    let (mut pure, mut joining, mut with_originals, mut originals_only) = (0, 0, 0, 0);
    for c in &corpus.clusters {
        let kinds: BTreeSet<Option<&str>> = c
            .documents
            .iter()
            .map(|d| origin.get(d).and_then(|t| t.as_deref()))
            .collect();
        let templates = kinds.iter().filter(|k| k.is_some()).count();
        let originals = kinds.contains(&None);
        match (templates, originals) {
            (0, _) => originals_only += 1,
            (1, false) => pure += 1,
            (1, true) => with_originals += 1,
            _ => joining += 1,
        }
    }
    println!(
        "templates {}: {whole} whole in one cluster, {} split",
        by_template.len(),
        split.len()
    );
    for s in split.iter().take(10) {
        println!("  split {s}");
    }
    println!(
        "documents from a template {filled}: {in_main} ({:.2}%) in their template's largest cluster",
        100.0 * in_main as f64 / filled.max(1) as f64
    );
    println!(
        "clusters {}: {pure} hold one template's documents only, {joining} join two or more \
         templates, {with_originals} take in documents written without a template, \
         {originals_only} hold such documents only",
        corpus.clusters.len()
    );
    println!(
        "verified pairs {} ({} listed)",
        corpus.near_duplicates_total,
        corpus.near_duplicates.len()
    );
}
