//! `zongjie outline`: the heading tree of each document with its missing sections,
//! numbering slips and completeness, for people (text) or programs (JSON).
//!
//! Exit code 0 whatever the outline holds (it is a report, `lint` is the check);
//! 2 on a usage error or when no input could be read.

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{InputArgs, ProfileArgs, RuleArgs, json_on_fatal, map_inputs, print_reports};
use zongjie::analyze_structure;
use zongjie::render::json::OutlineOutput;
use zongjie::render::outline::write_outline;
use zongjie::report::DocReport;

/// Arguments of `zongjie outline`.
#[derive(Debug, Args)]
pub struct OutlineArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Rules behind the missing sections, numbering slips and completeness score.
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    profile: ProfileArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
    format: OutlineFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutlineFormat {
    Text,
    Json,
}

/// Runs `outline`; a fatal error is printed as JSON in the JSON format.
pub fn run(args: OutlineArgs) -> Result<u8> {
    json_on_fatal(args.format == OutlineFormat::Json, outline(&args))
}

fn outline(args: &OutlineArgs) -> Result<u8> {
    let mut config = args.input.load_config()?;
    args.rules.apply(&mut config);
    args.profile.apply(&mut config)?;
    let style = args.input.style();
    let reports = map_inputs(
        &args.input,
        |doc| analyze_structure(doc, &config),
        DocReport::failed,
    )?;
    let json = (args.format == OutlineFormat::Json).then(|| OutlineOutput::new(&reports));
    print_reports(&reports, json, style, write_outline)
}
