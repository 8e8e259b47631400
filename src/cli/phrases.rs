//! `zongjie phrases`: official phrases, cited titles, slogans, keywords and
//! repetitions of each document, for people (text) or programs (JSON, NDJSON).

use anyhow::Result;
use clap::Args;

use super::pipeline::{self, Job};
use super::{CommonArgs, dump_config, json_on_fatal};
use zongjie::Analyzer;
use zongjie::render::View;

/// Arguments of `zongjie phrases`.
#[derive(Debug, Args)]
pub struct PhrasesArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Keywords listed per document.
    #[arg(long, value_name = "N", default_value_t = zongjie::config::DEFAULT_TOP_KEYWORDS)]
    top: usize,
}

/// Runs `phrases`; a fatal error is printed as JSON in the JSON formats.
pub fn run(args: PhrasesArgs) -> Result<u8> {
    json_on_fatal(args.common.format.into(), phrases(&args))
}

fn phrases(args: &PhrasesArgs) -> Result<u8> {
    let mut config = args.common.load_config()?;
    config.top_keywords = args.top;
    if args.common.dump_config {
        return dump_config(&config);
    }
    let analyzer = Analyzer::new(config);
    pipeline::run(Job {
        view: View::Phrases,
        analyzer: &analyzer,
        common: &args.common,
        fail_level: None,
        corpus: None,
        shard: None,
        partial: None,
        show_shared: false,
        edit: Default::default(),
    })
}
