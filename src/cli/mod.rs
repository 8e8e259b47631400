//! The command line: argument parsing (clap derive) and one module per subcommand.
//!
//! This layer reads flags, loads config, calls the library and picks a renderer;
//! it holds no analysis of its own.

mod analyze;
mod lint;
mod outline;
mod phrases;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use zongjie::input::walk::error_path;
use zongjie::input::{self, ReadOptions, Source, collect_sources, decode::encoding_for_label};
use zongjie::render::json::FatalError;
use zongjie::render::{Style, text};
use zongjie::report::{DocReport, Rule, SCHEMA_VERSION};
use zongjie::{Config, Document};

/// Process exit codes, the same in every format.
pub mod exit {
    /// Nothing found.
    pub const CLEAN: u8 = 0;
    /// Findings at or above the fail level (lint).
    pub const FINDINGS: u8 = 1;
    /// Usage error, bad config, or no input could be read.
    pub const FAILURE: u8 = 2;
}

/// Lint and analyse Chinese work summaries (工作总结, 述职报告).
#[derive(Debug, Parser)]
#[command(name = "zongjie", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List unfilled template slots and structure problems as file:line:col diagnostics.
    Lint(lint::LintArgs),
    /// Analyse many documents in parallel: per-document metrics and corpus statistics.
    Analyze(analyze::AnalyzeArgs),
    /// Print the heading tree, missing sections, numbering slips and completeness.
    Outline(outline::OutlineArgs),
    /// List official phrases, cited titles, slogans, keywords and repetitions.
    Phrases(phrases::PhrasesArgs),
}

/// Inputs and reading options shared by every subcommand.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories to read (`-` for standard input).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Walk only files matching this glob (repeatable) instead of .txt .md .text .docx .doc .wps .pdf;
    /// a glob starting with `!` excludes from whichever set applies.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Decode every file with this encoding instead of detecting it (UTF-8, GBK, GB18030, UTF-16LE…).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Use this config file instead of the nearest zongjie.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Rule selection flags.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Run only these rules (repeatable or comma-separated).
    #[arg(long = "rule", value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub rules: Vec<Rule>,
    /// Do not run these rules (repeatable or comma-separated).
    #[arg(long = "skip-rule", value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub skip_rules: Vec<Rule>,
}

/// The genre profile flag of `lint`, `outline` and `analyze`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Judge every document by this genre profile instead of detecting it from its
    /// title line or file name (work-summary, debrief, debrief-integrity, study,
    /// disclosure, general).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
}

impl ProfileArgs {
    /// Applies `--profile` to the config; an unknown name is a usage error.
    pub fn apply(&self, config: &mut Config) -> Result<()> {
        if let Some(name) = &self.profile {
            config.set_profile(name).map_err(anyhow::Error::msg)?;
        }
        Ok(())
    }
}

fn parse_rule(s: &str) -> std::result::Result<Rule, String> {
    Rule::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        format!("unknown rule {s:?}; rules are: {}", names.join(", "))
    })
}

impl InputArgs {
    /// Reading options from the flags.
    pub fn read_options(&self) -> Result<ReadOptions> {
        let mut opts = ReadOptions::default();
        if let Some(name) = &self.encoding {
            let enc = encoding_for_label(name)
                .ok_or_else(|| zongjie::Error::UnknownEncoding { name: name.clone() })?;
            opts.encoding = Some(enc);
        }
        Ok(opts)
    }

    /// The config: `--config`, else the nearest zongjie.toml, else defaults.
    pub fn load_config(&self) -> Result<Config> {
        let path = match &self.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|d| Config::discover(&d)),
        };
        match path {
            Some(p) => {
                Config::from_file(&p).with_context(|| format!("loading config {}", p.display()))
            }
            None => Ok(Config::default()),
        }
    }

    /// The sources the paths name, sorted; an error when there are none.
    pub fn sources(&self) -> Result<Vec<std::result::Result<Source, zongjie::Error>>> {
        let sources = collect_sources(&self.paths, &self.glob);
        if sources.is_empty() {
            anyhow::bail!(
                "no input files found (default extensions: .txt .md .text .docx; use --glob)"
            );
        }
        Ok(sources)
    }

    /// Text style for stdout.
    pub fn style(&self) -> Style {
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Style { color }
    }
}

impl RuleArgs {
    /// Applies `--rule` and `--skip-rule` to the config.
    pub fn apply(&self, config: &mut Config) {
        if !self.rules.is_empty() {
            for &rule in Rule::ALL {
                if self.rules.contains(&rule) {
                    config.enable(rule);
                } else {
                    config.disable(rule);
                }
            }
        }
        for &rule in &self.skip_rules {
            config.disable(rule);
        }
    }
}

/// Parses arguments and runs the subcommand; returns the exit code.
pub fn run() -> Result<u8> {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Outline(args) => outline::run(args),
        Command::Phrases(args) => phrases::run(args),
    }
}

/// Reads every input on the worker pool and maps it with `read` (a document) or
/// `failed` (the path and why it could not be read). Results come back in path
/// order, so output never depends on scheduling. No input at all is an error.
pub fn map_inputs<T, R, F>(input: &InputArgs, read: R, failed: F) -> Result<Vec<T>>
where
    T: Send,
    R: Fn(&Document) -> T + Sync,
    F: Fn(String, String) -> T + Sync,
{
    let opts = input.read_options()?;
    let sources = input.sources()?;
    Ok(sources
        .par_iter()
        .map(|source| read_one(source, &opts, &read, &failed))
        .collect())
}

/// Reads one input and maps it with `read`, or its path and error with `failed`.
pub fn read_one<T>(
    source: &std::result::Result<Source, zongjie::Error>,
    opts: &ReadOptions,
    read: impl Fn(&Document) -> T,
    failed: impl Fn(String, String) -> T,
) -> T {
    match source {
        Ok(source) => match input::read_source(source, opts) {
            Ok(doc) => read(&doc),
            Err(e) => failed(source.display_name(), e.to_string()),
        },
        Err(e) => failed(error_path(e), e.to_string()),
    }
}

/// Prints per-document reports and returns the exit code: with `json`, that
/// document pretty-printed; otherwise each readable report through `render`, a blank
/// line between documents, and read problems on stderr. Exit 2 when none could be read.
pub fn print_reports<J: serde::Serialize>(
    reports: &[DocReport],
    json: Option<J>,
    style: Style,
    render: impl Fn(&mut dyn Write, &DocReport, Style) -> io::Result<()>,
) -> Result<u8> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match json {
        Some(doc) => {
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        None => {
            let mut err = io::stderr().lock();
            let mut first = true;
            for r in reports {
                text::write_read_problems(
                    &mut err,
                    &r.path,
                    r.error.as_deref(),
                    &r.warnings,
                    style,
                )?;
                if r.error.is_some() {
                    continue;
                }
                if !first {
                    writeln!(out)?;
                }
                first = false;
                render(&mut out, r, style)?;
            }
        }
    }
    out.flush()?;
    if all_failed(reports, |r| r.error.is_some()) {
        Ok(exit::FAILURE)
    } else {
        Ok(exit::CLEAN)
    }
}

/// Passes `result` on; in a JSON format a fatal error is also written to stdout as
/// `{"version":1,"error":"…"}`, so a program reading stdout always gets JSON.
pub fn json_on_fatal(json: bool, result: Result<u8>) -> Result<u8> {
    match result {
        Err(err) if json => {
            let msg = format!("{err:#}");
            let fatal = FatalError {
                version: SCHEMA_VERSION,
                error: &msg,
            };
            let mut out = io::stdout().lock();
            serde_json::to_writer(&mut out, &fatal)?;
            writeln!(out)?;
            eprintln!("zongjie: {msg}");
            Ok(exit::FAILURE)
        }
        other => other,
    }
}

/// Exit code 2 when inputs were named but none could be read.
pub fn all_failed<T>(items: &[T], failed: impl Fn(&T) -> bool) -> bool {
    !items.is_empty() && items.iter().all(failed)
}
