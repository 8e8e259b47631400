//! The command line: argument parsing (clap derive), one module per subcommand, and
//! one [`pipeline`] that every document command runs.
//!
//! This layer reads flags, loads config, builds an [`Analyzer`](zongjie::Analyzer)
//! and a reporter, and hands both to the pipeline; it holds no analysis of its own.
//! Flags mean the same in every command.

mod analyze;
mod help;
mod lint;
mod merge;
mod outline;
mod phrases;
mod pipeline;
mod progress;
mod rules;
pub mod serve;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use zongjie::Config;
use zongjie::i18n::Lang;
use zongjie::input::decode::encoding_for_label;
use zongjie::input::{ReadOptions, Source, collect_sources};
use zongjie::render::json::FatalError;
use zongjie::render::{Format, Style};
use zongjie::report::{Rule, SCHEMA_VERSION};

/// Process exit codes, the same in every format.
pub mod exit {
    /// Nothing found.
    pub const CLEAN: u8 = 0;
    /// Findings at or above the fail level (lint).
    pub const FINDINGS: u8 = 1;
    /// Usage error, bad config, or an input that could not be read.
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
    /// Merge corpus states of shards (analyze --partial) into the corpus report.
    Merge(merge::MergeArgs),
    /// Print the heading tree, missing sections, numbering slips and completeness.
    Outline(outline::OutlineArgs),
    /// List official phrases, cited titles, slogans, keywords and repetitions.
    Phrases(phrases::PhrasesArgs),
    /// List the lint rules, or explain one.
    Rules(rules::RulesArgs),
    /// Run a local web service: a page to check drafts on, and a JSON API.
    Serve(serve::ServeArgs),
}

/// Output formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// For people.
    Text,
    /// One JSON document.
    Json,
    /// A JSON object per line.
    Ndjson,
    /// Comma-separated values (UTF-8 with BOM).
    Csv,
    /// SARIF 2.1.0 (lint).
    Sarif,
    /// reviewdog's rdjson (lint).
    Rdjson,
    /// One self-contained HTML page (analyze).
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Ndjson => Format::Ndjson,
            FormatArg::Csv => Format::Csv,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Rdjson => Format::Rdjson,
            FormatArg::Html => Format::Html,
        }
    }
}

/// The language flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Inputs, reading, output and language flags, shared by every document command.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files or directories to read (`-` for standard input).
    #[arg(required_unless_present = "dump_config", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the output to this file instead of standard output (never over an input).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print only the results: no progress bar, no closing summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Language of messages: zh or en (default: the locale, LANG/LC_ALL/LC_MESSAGES).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
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
    /// Print the effective config (built-in defaults, zongjie.toml, flags) as TOML and exit.
    #[arg(long)]
    pub dump_config: bool,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Worker threads (default: all cores); output is the same for any number.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
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

impl CommonArgs {
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

    /// The config: `--config`, else the nearest zongjie.toml, else defaults; `--lang`
    /// on top.
    pub fn load_config(&self) -> Result<Config> {
        let path = match &self.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|d| Config::discover(&d)),
        };
        let mut config = match path {
            // The library's errors name the file already.
            Some(p) => Config::from_file(&p)?,
            None => Config::default(),
        };
        if let Some(lang) = self.lang {
            config.lang = Some(lang.into());
        }
        Ok(config)
    }

    /// The sources the paths name, sorted; an error when there are none.
    pub fn sources(&self, lang: Lang) -> Result<Vec<std::result::Result<Source, zongjie::Error>>> {
        let sources = collect_sources(&self.paths, &self.glob);
        if sources.is_empty() {
            anyhow::bail!("{}", lang.tr("error-no-inputs"));
        }
        Ok(sources)
    }

    /// Text style for the output: colour only on a terminal (and never into a file).
    pub fn style(&self, lang: Lang) -> Style {
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                self.output.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Style { color, lang }
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

/// The language of a run before its config is read: `--lang`, else the locale. Used
/// for help and for errors that come before the config.
pub fn early_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let flag = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    });
    flag.and_then(|v| Lang::parse(&v))
        .unwrap_or_else(Lang::from_env)
}

/// Parses arguments and runs the subcommand; returns the exit code.
pub fn run() -> Result<u8> {
    let lang = early_lang();
    let matches = help::localized_command(lang).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Outline(args) => outline::run(args),
        Command::Phrases(args) => phrases::run(args),
        Command::Rules(args) => rules::run(args, lang),
        Command::Serve(args) => serve::run(args),
    }
}

/// The error and its causes on one line, each said once: the library's errors already
/// quote their cause (`…: cannot read: No such file`), which anyhow's `{:#}` would
/// repeat.
pub fn error_message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Prints `config` as a config file (for `--dump-config`).
pub fn dump_config(config: &Config) -> Result<u8> {
    let mut out = io::stdout().lock();
    out.write_all(toml::to_string(&config.to_file())?.as_bytes())?;
    out.flush()?;
    Ok(exit::CLEAN)
}

/// Passes `result` on; in a JSON format a fatal error is also written to stdout as
/// `{"version":2,"error":"…"}`, so a program reading stdout always gets JSON.
pub fn json_on_fatal(format: Format, result: Result<u8>) -> Result<u8> {
    match result {
        Err(err) if format.is_json() => {
            let msg = error_message(&err);
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
