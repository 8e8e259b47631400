//! `zongjie analyze`: every analyzer on every document, in parallel, streamed in
//! path order, then corpus statistics (repeated phrases, shared sentences,
//! near-duplicates, completeness across the archive) — or, with `--partial`, the
//! corpus state for `zongjie merge`, of all the inputs or of one shard of them.

use anyhow::Result;
use clap::Args;

use std::path::PathBuf;

use super::pipeline::{self, Job, Shard};
use super::{CommonArgs, ProfileArgs, RuleArgs, dump_config, early_lang, json_on_fatal};
use zongjie::Analyzer;
use zongjie::corpus::CorpusOptions;
use zongjie::i18n::Message;
use zongjie::input::decode::encoding_for_label;
use zongjie::render::View;

/// Arguments of `zongjie analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    common: CommonArgs,
    #[command(flatten)]
    profile: ProfileArgs,
    #[command(flatten)]
    rules: RuleArgs,
    /// Fewest documents a corpus phrase or shared sentence must occur in.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..))]
    min_docs: u32,
    /// Corpus phrases and shared sentences listed.
    #[arg(long, value_name = "K", default_value_t = 50)]
    top: usize,
    /// Least similarity (Jaccard of 5-char shingles) of a near-duplicate pair.
    #[arg(long, value_name = "X", default_value_t = 0.5, value_parser = parse_threshold)]
    dup_threshold: f64,
    /// Near-duplicate pairs listed, the most similar first (the total is always given).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    max_pairs: usize,
    /// In the text summary, show the passages each near-duplicate shares with its
    /// representative (JSON always has them).
    #[arg(long)]
    show_shared: bool,
    /// Analyse only shard I of N (1 ≤ I ≤ N): the inputs whose path hashes to it, the
    /// same ones whatever else is in the run.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    shard: Option<Shard>,
    /// Write the corpus state to FILE (for `zongjie merge`) instead of the corpus
    /// report; the per-document records are written as usual.
    #[arg(long, value_name = "FILE")]
    partial: Option<PathBuf>,
}

/// Parses a similarity threshold in (0, 1].
pub fn parse_threshold(s: &str) -> std::result::Result<f64, String> {
    let x: f64 = s.parse().map_err(|e| format!("{e}"))?;
    if (0.0..=1.0).contains(&x) && x > 0.0 {
        Ok(x)
    } else {
        Err("must be in (0, 1]".to_string())
    }
}

/// Parses `I/N` with 1 ≤ I ≤ N.
fn parse_shard(s: &str) -> std::result::Result<Shard, String> {
    let parsed = s.split_once('/').and_then(|(i, n)| {
        let (index, count) = (i.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?);
        (1..=count)
            .contains(&index)
            .then_some(Shard { index, count })
    });
    parsed.ok_or_else(|| {
        Message::new("error-bad-shard")
            .arg("value", s)
            .say(early_lang())
    })
}

/// Runs `analyze`; a fatal error is printed as JSON in the JSON formats.
pub fn run(args: AnalyzeArgs) -> Result<u8> {
    json_on_fatal(args.common.format.into(), analyze(&args))
}

fn analyze(args: &AnalyzeArgs) -> Result<u8> {
    let mut config = args.common.load_config()?;
    args.rules.apply(&mut config);
    args.profile.apply(&mut config)?;
    if args.common.dump_config {
        return dump_config(&config);
    }
    // Shards merge only when they analysed and read documents alike: the state
    // records how (the config's fingerprint, the forced encoding by its canonical
    // name).
    let settings = config.fingerprint();
    let encoding = args
        .common
        .encoding
        .as_deref()
        .and_then(encoding_for_label)
        .map(|e| e.name().to_string());
    let analyzer = Analyzer::new(config);
    let corpus = CorpusOptions {
        min_docs: args.min_docs,
        top: args.top,
        dup_threshold: args.dup_threshold,
        max_pairs: args.max_pairs,
        settings,
        encoding,
        ..CorpusOptions::default()
    };
    pipeline::run(Job {
        view: View::Analyze,
        analyzer: &analyzer,
        common: &args.common,
        fail_level: None,
        corpus: Some(corpus),
        show_shared: args.show_shared,
        shard: args.shard,
        partial: args.partial.clone(),
        edit: Default::default(),
    })
}
