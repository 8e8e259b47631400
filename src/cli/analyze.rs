//! `zongjie analyze`: every analyzer on every document, in parallel, streamed in
//! path order, then corpus statistics.
//!
//! Documents go through in batches: a batch is analysed on all cores, its records
//! are written in path order at once, and its features are folded into the corpus
//! tables. Memory is one batch of documents plus the bounded corpus statistics.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use super::{InputArgs, exit, json_on_fatal, read_one};
use zongjie::corpus::{Corpus, CorpusOptions, CorpusReport, DocFeatures};
use zongjie::input::{self, ReadOptions, Source};
use zongjie::render::{Style, csv, summary};
use zongjie::report::{DocReport, SCHEMA_VERSION};
use zongjie::{Config, analyze_for_corpus};

/// Documents analysed per batch: enough to keep every core busy, few enough that
/// a batch's texts and records stay small.
const BATCH: usize = 256;
/// Runs shorter than this show no progress bar.
const PROGRESS_DELAY: Duration = Duration::from_secs(1);

/// Arguments of `zongjie analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
    format: AnalyzeFormat,
    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
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
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_threshold(s: &str) -> std::result::Result<f64, String> {
    let x: f64 = s.parse().map_err(|e| format!("{e}"))?;
    if (0.0..=1.0).contains(&x) && x > 0.0 {
        Ok(x)
    } else {
        Err("must be in (0, 1]".to_string())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AnalyzeFormat {
    Text,
    Json,
    Ndjson,
    Csv,
}

/// Runs `analyze`; a fatal error is printed as JSON in the JSON formats.
pub fn run(args: AnalyzeArgs) -> Result<u8> {
    let json = matches!(args.format, AnalyzeFormat::Json | AnalyzeFormat::Ndjson);
    json_on_fatal(json, analyze(&args))
}

fn analyze(args: &AnalyzeArgs) -> Result<u8> {
    let config = args.input.load_config()?;
    let read = args.input.read_options()?;
    let sources = args.input.sources()?;
    if let Some(out) = &args.output {
        refuse_input_as_output(out, &sources)?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let opts = CorpusOptions {
        min_docs: args.min_docs,
        top: args.top,
        dup_threshold: args.dup_threshold,
        max_pairs: args.max_pairs,
        ..CorpusOptions::default()
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let style = if args.output.is_some() {
        Style { color: false }
    } else {
        args.input.style()
    };
    // Load jieba and its IDF table on the pool before the first document needs them.
    pool.install(|| config.lexicon().prepare());
    let progress = Progress::new(sources.len() as u64, args.quiet);
    let mut writer = RecordWriter::new(args.format, &mut *out)?;
    let mut corpus = Corpus::new(opts.clone());
    let (mut analysed, mut failed) = (0usize, 0usize);
    let mut stderr = io::stderr().lock();
    for batch in sources.chunks(BATCH) {
        // Records are serialised on the workers too: for a large archive the output
        // (about 1.3 bytes per input byte in JSON) is work worth sharing.
        let results: Vec<(DocReport, Option<DocFeatures>, io::Result<Vec<u8>>)> =
            pool.install(|| {
                batch
                    .par_iter()
                    .map(|entry| {
                        let (report, features) = analyze_one(entry, &config, &read, &opts);
                        let record = render_record(args.format, &report);
                        progress.inc();
                        (report, features, record)
                    })
                    .collect()
            });
        for (report, _, record) in &results {
            if let Some(e) = &report.error {
                failed += 1;
                if args.format != AnalyzeFormat::Text {
                    progress.suspend(|| writeln!(stderr, "zongjie: {e}"))?;
                }
            } else {
                analysed += 1;
            }
            match record {
                Ok(bytes) => writer.document(bytes)?,
                Err(e) => bail!("{}: cannot serialise the record: {e}", report.path),
            }
        }
        let (reports, features): (Vec<DocReport>, Vec<Option<DocFeatures>>) =
            results.into_iter().map(|(r, f, _)| (r, f)).unzip();
        let batch: Vec<(&DocReport, Option<DocFeatures>)> = reports.iter().zip(features).collect();
        pool.install(|| corpus.add_batch(batch));
    }
    progress.finish();
    // Near-duplicate candidates are re-read by their number, which is their place
    // in `sources`; standard input cannot be read twice, so its text was kept.
    let report = pool.install(|| {
        corpus.finish(|i| match sources.get(i) {
            Some(Ok(source @ Source::Path(_))) => input::read_source(source, &read)
                .ok()
                .map(|d| d.text().to_string()),
            _ => None,
        })
    });
    let summary_options = summary::SummaryOptions {
        show_shared: args.show_shared,
    };
    writer.finish(&report, style, &summary_options)?;
    out.flush()?;
    if analysed == 0 {
        eprintln!("zongjie: none of the {failed} input file(s) could be read");
        return Ok(exit::FAILURE);
    }
    Ok(exit::CLEAN)
}

fn analyze_one(
    entry: &std::result::Result<Source, zongjie::Error>,
    config: &Config,
    read: &ReadOptions,
    opts: &CorpusOptions,
) -> (DocReport, Option<DocFeatures>) {
    read_one(
        entry,
        read,
        |doc| {
            let (report, mut features) = analyze_for_corpus(doc, config, opts);
            if matches!(entry, Ok(Source::Stdin)) {
                features.keep_text();
            }
            (report, Some(features))
        },
        |path, error| (DocReport::failed(path, error), None),
    )
}

fn refuse_input_as_output(
    out: &std::path::Path,
    sources: &[std::result::Result<Source, zongjie::Error>],
) -> Result<()> {
    let Ok(out_abs) = std::fs::canonicalize(out) else {
        return Ok(()); // does not exist yet, so it is no input
    };
    for s in sources.iter().flatten() {
        if let Source::Path(p) = s {
            if std::fs::canonicalize(p).is_ok_and(|p| p == out_abs) {
                bail!("refusing to overwrite input file {} with -o", out.display());
            }
        }
    }
    Ok(())
}

/// One document's record in `format`, without the framing between records.
fn render_record(format: AnalyzeFormat, doc: &DocReport) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match format {
        AnalyzeFormat::Json => serde_json::to_writer(&mut buf, doc)?,
        AnalyzeFormat::Ndjson => {
            serde_json::to_writer(&mut buf, doc)?;
            buf.push(b'\n');
        }
        AnalyzeFormat::Csv => csv::write_record(&mut buf, &csv::row(doc))?,
        AnalyzeFormat::Text => {}
    }
    Ok(buf)
}

/// Writes document records as they come and the corpus at the end.
struct RecordWriter<'a> {
    format: AnalyzeFormat,
    out: &'a mut dyn Write,
    first: bool,
}

#[derive(Serialize)]
struct CorpusLine<'a> {
    version: u32,
    corpus: &'a CorpusReport,
}

impl<'a> RecordWriter<'a> {
    fn new(format: AnalyzeFormat, out: &'a mut dyn Write) -> Result<Self> {
        match format {
            // The JSON document is streamed: its framing is fixed text around
            // serde-serialised records, so memory does not grow with the archive.
            AnalyzeFormat::Json => write!(out, "{{\"version\":{SCHEMA_VERSION},\"documents\":[")?,
            AnalyzeFormat::Csv => {
                out.write_all(csv::BOM.as_bytes())?;
                csv::write_record(out, &csv::header())?;
            }
            AnalyzeFormat::Text | AnalyzeFormat::Ndjson => {}
        }
        Ok(RecordWriter {
            format,
            out,
            first: true,
        })
    }

    /// Writes one record rendered by [`render_record`], with the format's framing.
    fn document(&mut self, record: &[u8]) -> Result<()> {
        if self.format == AnalyzeFormat::Json {
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(record)?;
        self.first = false;
        Ok(())
    }

    fn finish(
        &mut self,
        corpus: &CorpusReport,
        style: Style,
        options: &summary::SummaryOptions,
    ) -> Result<()> {
        match self.format {
            AnalyzeFormat::Json => {
                self.out.write_all(b"\n],\"corpus\":")?;
                serde_json::to_writer(&mut *self.out, corpus)?;
                self.out.write_all(b"}\n")?;
            }
            AnalyzeFormat::Ndjson => {
                serde_json::to_writer(
                    &mut *self.out,
                    &CorpusLine {
                        version: SCHEMA_VERSION,
                        corpus,
                    },
                )?;
                self.out.write_all(b"\n")?;
            }
            AnalyzeFormat::Csv => {}
            AnalyzeFormat::Text => {
                summary::write_corpus_summary_with(self.out, corpus, style, options)?
            }
        }
        Ok(())
    }
}

/// A progress bar on stderr that appears only for runs over a second, on a terminal.
struct Progress {
    bar: ProgressBar,
    start: Instant,
    enabled: bool,
}

impl Progress {
    fn new(total: u64, quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files  {per_sec}  ETA {eta}  {elapsed_precise}",
        ) {
            bar.set_style(style);
        }
        Progress {
            bar,
            start: Instant::now(),
            enabled: !quiet && io::stderr().is_terminal(),
        }
    }

    fn inc(&self) {
        self.bar.inc(1);
        if self.enabled && self.bar.is_hidden() && self.start.elapsed() > PROGRESS_DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn suspend<F: FnOnce() -> io::Result<()>>(&self, f: F) -> io::Result<()> {
        self.bar.suspend(f)
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
