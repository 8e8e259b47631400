//! Baseline for the scale bench: bare jieba-rs `cut` over every `.txt` file under a
//! directory, on N threads, with nothing else (no analysis, no output).
//!
//! `cargo run --release --example bare_cut -- DIR [THREADS]` prints files, MB and MB/s,
//! so `zongjie analyze` on the same folder can be compared against it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jieba_rs::Jieba;
use rayon::prelude::*;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: bare_cut DIR [THREADS]")?);
    let threads: usize = args.next().map(|t| t.parse()).transpose()?.unwrap_or(0);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()?;
    let mut paths = Vec::new();
    files(&dir, &mut paths)?;
    let start = Instant::now();
    let jieba = Jieba::new();
    let (bytes, tokens) = paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            (text.len(), jieba.cut(&text, true).len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {mb:.1} MB, {tokens} tokens, {secs:.2} s, {:.2} MB/s",
        paths.len(),
        mb / secs
    );
    Ok(())
}
