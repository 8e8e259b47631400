//! Times the near-duplicate stage of `zongjie analyze` alone, on a folder.
//!
//! ```text
//! cargo run --release --example neardup_stage -- DIR [THREADS] [THRESHOLD]
//! ```
//!
//! Reads every document once (as `analyze` does) and keeps only its sketch (MinHash
//! signature, text hash, slot count), then runs [`neardup::find`] — candidates,
//! groups, representatives, verification by re-reading — and prints its wall time,
//! what it found, how many texts it re-read and the process's peak memory.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use zongjie::corpus::neardup::{self, NearDupOptions, Sketch};
use zongjie::input::{ReadOptions, Source, collect_sources, read_source};
use zongjie::{Analyzer, Config, Rule};

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: neardup_stage DIR [THREADS] [THRESHOLD]";
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let threads: usize = args.next().map(|t| t.parse()).transpose()?.unwrap_or(0);
    let threshold: f64 = args.next().map(|t| t.parse()).transpose()?.unwrap_or(0.5);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()?;
    // Slots are counted by `lint` with the placeholder rule alone (no jieba).
    let mut config = Config::default();
    for &rule in Rule::ALL {
        if rule != Rule::Placeholder {
            config.disable(rule);
        }
    }
    let analyzer = Analyzer::new(config);
    let read = ReadOptions::default();
    let sources: Vec<Source> = collect_sources(&[dir], &[]).into_iter().flatten().collect();
    let t0 = Instant::now();
    let sketches: Vec<Sketch> = sources
        .par_iter()
        .map(|s| match read_source(s, &read) {
            Ok(doc) => Sketch::of(doc.text(), analyzer.lint(&doc).len()),
            Err(_) => Sketch::default(),
        })
        .collect();
    let paths: Vec<String> = sources.iter().map(Source::display_name).collect();
    let read_time = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let opts = NearDupOptions {
        threshold,
        max_pairs: 1000,
    };
    let found = neardup::find(&paths, &sketches, &opts, |i| {
        read_source(sources.get(i)?, &read)
            .ok()
            .map(|d| d.text().to_string())
    });
    let stage = t1.elapsed().as_secs_f64();
    let clustered: usize = found.clusters.iter().map(|c| c.size).sum();
    let largest = found.clusters.first().map_or(0, |c| c.size);
    println!(
        "documents {}, read and sketched in {read_time:.2} s; near-duplicate stage {stage:.2} s",
        paths.len()
    );
    println!(
        "groups {}, texts re-read {}, clusters {} ({clustered} documents, largest {largest}), \
         verified pairs {}, unverifiable {}",
        found.check.groups,
        found.check.documents_read,
        found.clusters.len(),
        found.pairs_total,
        found.check.unverifiable_total
    );
    if let Some(mb) = peak_mb() {
        println!("peak RSS {mb:.0} MB");
    }
    Ok(())
}
