//! `zongjie merge`: corpus states written by `zongjie analyze --partial` (one per
//! shard of an archive) joined into the corpus report, in any output format of
//! `analyze` — or, with `--partial`, into one state, to merge in steps.
//!
//! What must stay true: the report is what one `analyze` over all the shards' inputs
//! would have written after its records, whatever the order of the files given;
//! states made with other settings or another zongjie version are refused with a
//! message naming the file.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;

use super::analyze::parse_threshold;
use super::pipeline::{OutputFile, exit_code, write_atomically};
use super::{ColorChoice, FormatArg, LangArg, exit, json_on_fatal};
use zongjie::corpus::{Corpus, CorpusOptions, ListingOptions, StateError, state};
use zongjie::i18n::{Lang, Message};
use zongjie::input::ReadOptions;
use zongjie::render::{self, Format, ReportOptions, Style, Tally, View};

/// Arguments of `zongjie merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Corpus states written by `zongjie analyze --partial`.
    #[arg(required = true, value_name = "FILE")]
    states: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Write the output to this file instead of standard output (never over a state).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write the merged state to FILE instead of the report (to merge in steps).
    #[arg(long, value_name = "FILE")]
    partial: Option<PathBuf>,
    /// Print only the results.
    #[arg(short, long)]
    quiet: bool,
    /// Language of messages: zh or en (default: the locale, LANG/LC_ALL/LC_MESSAGES).
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Worker threads (default: all cores); output is the same for any number.
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Fewest documents a corpus phrase or shared sentence must occur in (default:
    /// the states').
    #[arg(id = "listing_min_docs", long = "min-docs", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    min_docs: Option<u32>,
    /// Corpus phrases and shared sentences listed (default: the states').
    #[arg(id = "listing_top", long = "top", value_name = "K")]
    top: Option<usize>,
    /// Least similarity of a near-duplicate pair (default: the states').
    #[arg(id = "listing_dup_threshold", long = "dup-threshold", value_name = "X", value_parser = parse_threshold)]
    dup_threshold: Option<f64>,
    /// Near-duplicate pairs listed (default: the states').
    #[arg(id = "listing_max_pairs", long = "max-pairs", value_name = "N")]
    max_pairs: Option<usize>,
    /// In the text summary, show the passages each near-duplicate shares with its
    /// representative.
    #[arg(long)]
    show_shared: bool,
}

/// Runs `merge`; a fatal error is printed as JSON in the JSON formats.
pub fn run(args: MergeArgs) -> Result<u8> {
    json_on_fatal(args.format.into(), merge(&args))
}

fn merge(args: &MergeArgs) -> Result<u8> {
    let lang = args.lang.map(Lang::from).unwrap_or_else(Lang::from_env);
    let format: Format = args.format.into();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            use std::io::IsTerminal;
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let opts = ReportOptions {
        view: View::Merge,
        style: Style { color, lang },
        quiet: args.quiet,
        show_shared: args.show_shared,
    };
    let Some(mut reporter) = render::reporter(format, opts) else {
        bail!(
            "{}",
            Message::new("error-format-unavailable")
                .arg("format", format.name())
                .say(lang)
        );
    };
    // Neither output may be one of the states read.
    for (flag, path) in [("-o", &args.output), ("--partial", &args.partial)] {
        let Some(path) = path else { continue };
        let out = OutputFile::resolve(path)?;
        if args.states.iter().any(|s| out.is_path(s)) {
            bail!(
                "{}",
                Message::new("error-merge-over-state")
                    .arg("flag", flag)
                    .arg("path", path.display().to_string())
                    .say(lang)
            );
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let merged = pool.install(|| read_and_merge(&args.states, lang))?;
    if let Some(path) = &args.partial {
        let bytes = merged
            .to_bytes()
            .map_err(|e| anyhow::anyhow!("{}", e.message().say(lang)))?;
        write_atomically(path, &bytes).with_context(|| path.display().to_string())?;
        return Ok(exit::CLEAN);
    }
    let mut merged = merged;
    merged.set_listing(ListingOptions {
        min_docs: args.min_docs,
        top: args.top,
        dup_threshold: args.dup_threshold,
        max_pairs: args.max_pairs,
    });
    let counts = merged.counts();
    let tally = Tally {
        documents: counts.documents,
        failed: counts.failed,
        diagnostics: usize::try_from(counts.diagnostics).unwrap_or(usize::MAX),
        failures: counts.failures,
        ..Tally::default()
    };
    // Candidates are re-read from where each shard read them, as it read them.
    let report = pool.install(|| merged.finish_reading(&ReadOptions::default()));
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            std::fs::File::create(path).with_context(|| path.display().to_string())?,
        )),
        None => Box::new(BufWriter::new(io::stdout())),
    };
    reporter.begin(&mut *out)?;
    reporter.finish(&mut *out, &tally, Some(&report))?;
    out.flush()?;
    let code = exit_code(View::Analyze, &tally, None);
    if code == exit::FAILURE {
        eprintln!(
            "zongjie: {}",
            Message::new("error-none-readable")
                .arg("failed", tally.failed)
                .say(lang)
        );
    }
    Ok(code)
}

/// The error for `path`, made with other settings than `first`.
fn unlike(path: &Path, first: &Path, e: StateError, lang: Lang) -> anyhow::Error {
    let message = match e {
        StateError::Settings {
            option: "settings", ..
        } => Message::new("error-merge-unlike-config"),
        StateError::Settings {
            option,
            theirs,
            ours,
        } => Message::new("error-merge-unlike")
            .arg("option", option)
            .arg("theirs", theirs)
            .arg("ours", ours),
        other => return anyhow::anyhow!("{}", other.message().say(lang)),
    };
    let message = message
        .arg("path", path.display().to_string())
        .arg("first", first.display().to_string());
    anyhow::anyhow!("{}", message.say(lang))
}

/// Reads the states one at a time and merges them as they come (only the merged
/// tables and one state are in memory at once); an error names the file.
fn read_and_merge(paths: &[PathBuf], lang: Lang) -> Result<Corpus> {
    let mut failure: Option<anyhow::Error> = None;
    let mut first: Option<(CorpusOptions, &PathBuf)> = None;
    let fail = |path: &PathBuf, message: Message| {
        anyhow::anyhow!(
            "{}",
            Message::new("error-merge-state")
                .arg("path", path.display().to_string())
                .arg("error", message)
                .say(lang)
        )
    };
    let states = paths.iter().map_while(|path| {
        let loaded = std::fs::read(path)
            .map_err(|source| {
                anyhow::Error::from(zongjie::Error::Io {
                    path: path.clone(),
                    source,
                })
            })
            .and_then(|bytes| Corpus::from_bytes(&bytes).map_err(|e| fail(path, e.message())));
        let checked = loaded.and_then(|corpus| match &first {
            None => {
                first = Some((corpus.options().clone(), path));
                Ok(corpus)
            }
            Some((opts, first_path)) => match state::check_same_options(opts, corpus.options()) {
                Ok(()) => Ok(corpus),
                Err(e) => Err(unlike(path, first_path, e, lang)),
            },
        });
        match checked {
            Ok(corpus) => Some(corpus),
            Err(e) => {
                failure = Some(e);
                None
            }
        }
    });
    let merged = Corpus::merge_all(states);
    if let Some(e) = failure {
        return Err(e);
    }
    merged.map_err(|e| anyhow::anyhow!("{}", e.message().say(lang)))
}
