//! `zongjie lint`: diagnostics for people (text) or programs (JSON, NDJSON, CSV, SARIF,
//! rdjson); exit 1 when something at or above `--fail-level` is found.

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::pipeline::{self, EditOptions, Job};
use super::{CommonArgs, ProfileArgs, RuleArgs, dump_config, json_on_fatal};
use zongjie::Analyzer;
use zongjie::render::View;
use zongjie::report::Severity;

/// Arguments of `zongjie lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    common: CommonArgs,
    #[command(flatten)]
    profile: ProfileArgs,
    #[command(flatten)]
    rules: RuleArgs,
    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailLevel::Warning)]
    fail_level: FailLevel,
    /// Apply every fix that has one right answer: text files in place (never a file
    /// whose fixes conflict), Word files as tracked changes in the annotated copy.
    #[arg(long)]
    fix: bool,
    /// Print the fixes as a unified diff instead of the findings; change nothing
    /// (with --fix, print what was changed).
    #[arg(long)]
    diff: bool,
    /// Write a copy of each Word file with every finding as a comment (批注), beside it
    /// as NAME.zongjie.docx.
    #[arg(long)]
    annotate: bool,
    /// Where the annotated copy goes (one input only).
    #[arg(long, value_name = "FILE", requires = "annotate")]
    annotate_out: Option<std::path::PathBuf>,
    /// Author of the comments and tracked changes (default: zongjie, or `author` in
    /// zongjie.toml).
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailLevel {
    Info,
    Warning,
    Error,
}

impl FailLevel {
    fn severity(self) -> Severity {
        match self {
            FailLevel::Info => Severity::Info,
            FailLevel::Warning => Severity::Warning,
            FailLevel::Error => Severity::Error,
        }
    }
}

/// Runs `lint`; a fatal error is printed as JSON in the JSON formats.
pub fn run(args: LintArgs) -> Result<u8> {
    json_on_fatal(args.common.format.into(), lint(&args))
}

fn lint(args: &LintArgs) -> Result<u8> {
    let mut config = args.common.load_config()?;
    args.rules.apply(&mut config);
    args.profile.apply(&mut config)?;
    if args.common.dump_config {
        return dump_config(&config);
    }
    if args.annotate_out.is_some() && args.common.paths.len() != 1 {
        anyhow::bail!("{}", config.language().tr("error-annotate-out-one-input"));
    }
    let author = args
        .author
        .clone()
        .or_else(|| config.author.clone())
        .unwrap_or_else(|| "zongjie".to_string());
    let lang = config.language();
    let analyzer = Analyzer::new(config);
    pipeline::run(Job {
        view: View::Lint,
        analyzer: &analyzer,
        common: &args.common,
        fail_level: Some(args.fail_level.severity()),
        corpus: None,
        shard: None,
        partial: None,
        show_shared: false,
        edit: EditOptions {
            fix: args.fix,
            diff: args.diff,
            annotate: args.annotate,
            annotate_out: args.annotate_out.clone(),
            author,
            lang,
        },
    })
}
