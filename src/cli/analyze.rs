//! `zongjie analyze`: every analyzer on every document, in parallel, streamed in
//! path order, then corpus statistics.
//!
//! Documents go through in batches: a batch is analysed on all cores, its records
//! are written in path order at once, and its features are folded into the corpus
//! tables. Memory is one batch of documents plus the bounded corpus statistics.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;

use super::progress::Progress;
use super::{InputArgs, dump_config, exit, json_on_fatal, read_one};
use zongjie::Analyzer;
use zongjie::corpus::{Corpus, CorpusOptions, CorpusReport, DocFeatures};
use zongjie::input::{self, ReadOptions, Source};
use zongjie::render::{REPORT_TITLE, Style, csv, is_zongjie_report, summary};
use zongjie::report::{DocReport, SCHEMA_VERSION};

/// Documents analysed per batch: enough to keep every core busy, few enough that
/// a batch's texts and records stay small.
const BATCH: usize = 256;

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
    if args.input.dump_config {
        return dump_config(&config);
    }
    let read = args.input.read_options()?;
    let mut sources = args.input.sources()?;
    let output = match &args.output {
        Some(path) => Some(OutputFile::resolve(path)?),
        None => None,
    };
    if let Some(output) = &output {
        // The report of an earlier run with the same -o is not a document of this one;
        // anything else it would overwrite is.
        let before = sources.len();
        sources.retain(|s| !output.is(s));
        if sources.len() < before {
            if !output.holds_a_report() {
                bail!(
                    "refusing to overwrite input file {} with -o",
                    output.path.display()
                );
            }
            eprintln!(
                "zongjie: leaving out {}: it is this run's output (-o)",
                output.path.display()
            );
        }
        if sources.is_empty() {
            bail!(
                "no input files left besides the output file {}",
                output.path.display()
            );
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let opts = CorpusOptions {
        min_docs: args.min_docs,
        top: args.top,
        dup_threshold: args.dup_threshold,
        ..CorpusOptions::default()
    };
    // The output stream is not locked across the run: the main thread writes a batch at
    // a time, between parallel sections, with the progress bar cleared.
    let to_terminal = output.is_none() && io::stdout().is_terminal();
    let mut out: Box<dyn Write> = match &output {
        Some(o) => Box::new(BufWriter::new(
            File::create(&o.path).with_context(|| format!("creating {}", o.path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout())),
    };
    let style = if output.is_some() {
        Style { color: false }
    } else {
        args.input.style()
    };
    // Load jieba and its IDF table on the pool before the first document needs them.
    let analyzer = Analyzer::new(config);
    pool.install(|| analyzer.prepare());
    let progress = Progress::start(sources.len() as u64, !args.quiet);
    let mut writer = RecordWriter::new(args.format, &mut *out)?;
    let mut corpus = Corpus::new(opts.clone());
    let mut analysed = 0usize;
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for batch in sources.chunks(BATCH) {
        // Records are serialised on the workers too: for a large archive the output
        // (about 1.3 bytes per input byte in JSON) is work worth sharing.
        let results: Vec<Outcome> = pool.install(|| {
            batch
                .par_iter()
                .map(|entry| {
                    let outcome = analyze_one(entry, &analyzer, &read, &opts, args.format);
                    progress.inc();
                    outcome
                })
                .collect()
        });
        let mut reports = Vec::with_capacity(results.len());
        let mut features = Vec::with_capacity(results.len());
        let mut records = Vec::new();
        for outcome in results {
            let (report, feature, record) = match outcome {
                Outcome::Report(report, feature, record) => (*report, feature, record),
                Outcome::EarlierReport(path) => {
                    skipped.push(path);
                    continue;
                }
            };
            match &report.error {
                Some(e) => failures.push((report.path.clone(), e.clone())),
                None => analysed += 1,
            }
            match record {
                Ok(bytes) => records.push(bytes),
                Err(e) => bail!("{}: cannot serialise the record: {e}", report.path),
            }
            reports.push(report);
            features.push(feature);
        }
        let new_failures =
            &failures[failures.len() - reports.iter().filter(|r| r.error.is_some()).count()..];
        progress.suspend(|| -> Result<()> {
            for (_, e) in new_failures {
                eprintln!("zongjie: {e}");
            }
            for record in &records {
                writer.document(record)?;
            }
            if to_terminal {
                writer.flush()?;
            }
            Ok(())
        })?;
        let batch: Vec<(&DocReport, Option<DocFeatures>)> = reports.iter().zip(features).collect();
        pool.install(|| corpus.add_batch(batch));
    }
    progress.finish();
    for path in &skipped {
        eprintln!("zongjie: leaving out {path}: it is a zongjie report, not a document");
    }
    let report = pool.install(|| {
        corpus.finish(|path| {
            input::read_source(&Source::Path(path.into()), &read)
                .ok()
                .map(|d| d.text().to_string())
        })
    });
    writer.finish(&report, &failures, style)?;
    out.flush()?;
    if analysed == 0 {
        eprintln!(
            "zongjie: none of the {} input file(s) could be read",
            failures.len()
        );
        return Ok(exit::FAILURE);
    }
    Ok(exit::CLEAN)
}

/// What became of one input.
enum Outcome {
    /// Its record (an error record when it could not be read), its corpus features and
    /// its rendered form.
    Report(Box<DocReport>, Option<DocFeatures>, io::Result<Vec<u8>>),
    /// A report zongjie wrote earlier, found among the inputs: left out.
    EarlierReport(String),
}

/// The `-o` file, resolved so it can be told apart from the inputs.
struct OutputFile {
    path: PathBuf,
    /// Its absolute path with the folder's symlinks resolved (the file may not exist yet).
    canonical: PathBuf,
}

impl OutputFile {
    fn resolve(path: &std::path::Path) -> Result<Self> {
        let canonical = match std::fs::canonicalize(path) {
            Ok(p) => p,
            Err(_) => {
                let name = path
                    .file_name()
                    .with_context(|| format!("-o {}: not a file name", path.display()))?;
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                std::fs::canonicalize(&dir)
                    .with_context(|| format!("-o {}: no folder {}", path.display(), dir.display()))?
                    .join(name)
            }
        };
        Ok(OutputFile {
            path: path.to_path_buf(),
            canonical,
        })
    }

    /// Whether the file holds a report zongjie wrote (so overwriting it loses nothing).
    fn holds_a_report(&self) -> bool {
        use std::io::Read;
        let mut head = Vec::new();
        let read = File::open(&self.canonical).and_then(|f| f.take(1024).read_to_end(&mut head));
        read.is_ok() && is_zongjie_report(&String::from_utf8_lossy(&head))
    }

    /// Whether `source` is this file.
    fn is(&self, source: &std::result::Result<Source, zongjie::Error>) -> bool {
        match source {
            Ok(Source::Path(p)) => std::fs::canonicalize(p).is_ok_and(|p| p == self.canonical),
            _ => false,
        }
    }
}

fn analyze_one(
    entry: &std::result::Result<Source, zongjie::Error>,
    analyzer: &Analyzer,
    read: &ReadOptions,
    opts: &CorpusOptions,
    format: AnalyzeFormat,
) -> Outcome {
    let (report, features) = match read_one(
        entry,
        read,
        |doc| {
            if is_zongjie_report(doc.text()) {
                return Err(doc.path.clone());
            }
            let (report, features) = analyzer.analyze_for_corpus(doc, opts);
            Ok((report, Some(features)))
        },
        |unread| Ok((DocReport::unread(unread), None)),
    ) {
        Ok(done) => done,
        Err(path) => return Outcome::EarlierReport(path),
    };
    let record = render_record(format, &report);
    Outcome::Report(Box::new(report), features, record)
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

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Writes the corpus part; the text summary also names every file that could not
    /// be read, with the reason.
    fn finish(
        &mut self,
        corpus: &CorpusReport,
        failures: &[(String, String)],
        style: Style,
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
                writeln!(self.out, "{}", style.paint("1", REPORT_TITLE))?;
                writeln!(self.out)?;
                summary::write_corpus_summary(self.out, corpus, style)?;
                if !failures.is_empty() {
                    writeln!(self.out)?;
                    writeln!(
                        self.out,
                        "{} ({})",
                        style.paint("1", "Could not be read"),
                        failures.len()
                    )?;
                    for (_, error) in failures {
                        writeln!(self.out, "  {error}")?;
                    }
                }
            }
        }
        Ok(())
    }
}
