//! The command line: argument parsing (clap derive) and one module per subcommand.
//!
//! This layer reads flags, loads config, calls the library and picks a renderer;
//! it holds no analysis of its own.

mod analyze;
mod lint;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use zongjie::Config;
use zongjie::input::{ReadOptions, decode::encoding_for_label};
use zongjie::render::Style;
use zongjie::report::Rule;

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
}

/// Inputs and reading options shared by every subcommand.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories to read (`-` for standard input).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only walk files matching this glob (repeatable; `!` excludes). Default: .txt .md .text .docx.
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
    }
}
