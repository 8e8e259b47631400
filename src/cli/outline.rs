//! `zongjie outline`: the heading tree of each document with its missing sections,
//! numbering slips and completeness, for people (text) or programs (JSON, NDJSON).
//!
//! Exit code 0 whatever the outline holds (it is a report, `lint` is the check);
//! 2 on a usage error or when an input could not be read.

use anyhow::Result;
use clap::Args;

use super::pipeline::{self, Job};
use super::{CommonArgs, ProfileArgs, RuleArgs, dump_config, json_on_fatal};
use zongjie::Analyzer;
use zongjie::render::View;

/// Arguments of `zongjie outline`.
#[derive(Debug, Args)]
pub struct OutlineArgs {
    #[command(flatten)]
    common: CommonArgs,
    #[command(flatten)]
    profile: ProfileArgs,
    /// Rules behind the missing sections, numbering slips and completeness score.
    #[command(flatten)]
    rules: RuleArgs,
}

/// Runs `outline`; a fatal error is printed as JSON in the JSON formats.
pub fn run(args: OutlineArgs) -> Result<u8> {
    json_on_fatal(args.common.format.into(), outline(&args))
}

fn outline(args: &OutlineArgs) -> Result<u8> {
    let mut config = args.common.load_config()?;
    args.rules.apply(&mut config);
    args.profile.apply(&mut config)?;
    if args.common.dump_config {
        return dump_config(&config);
    }
    let analyzer = Analyzer::new(config);
    pipeline::run(Job {
        view: View::Outline,
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
