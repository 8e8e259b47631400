//! The one path every document command takes: inputs → analysis on the worker pool →
//! records in path order through the reporter → the closing part → the exit code.
//!
//! Inputs go through in batches: a batch is read, analysed and rendered on all cores,
//! its records are written in path order at once, and (for `analyze`) its features
//! are folded into the corpus tables. Memory is one batch of documents plus the corpus
//! statistics. Every command reports unreadable inputs the same way (on stderr, and in
//! its format), and the exit code is decided here, in [`exit_code`].

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use super::progress::Progress;
use super::{CommonArgs, exit};
use zongjie::corpus::{Corpus, CorpusDoc, CorpusOptions, DocFeatures, shard_of};
use zongjie::i18n::Message;
use zongjie::input::{self, ReadOptions, Source};
use zongjie::render::{self, Format, ReportOptions, Reporter, Style, Tally, View, text};
use zongjie::report::{DocReport, Severity, Unread};
use zongjie::{Analyzer, Document, edit};

/// Documents per batch: enough to keep every core busy, few enough that a batch's
/// texts and records stay small.
const BATCH: usize = 256;

/// What one run of a document command needs.
pub struct Job<'a> {
    /// What each record shows (and which analyses run).
    pub view: View,
    /// The analyses and their settings.
    pub analyzer: &'a Analyzer,
    /// The shared flags.
    pub common: &'a CommonArgs,
    /// `lint`: the least severe finding that makes the exit code 1.
    pub fail_level: Option<Severity>,
    /// `analyze`: corpus statistics.
    pub corpus: Option<CorpusOptions>,
    /// `analyze`: shared passages in the text summary.
    pub show_shared: bool,
    /// `analyze --shard I/N`: only the inputs of shard `I` of `N`.
    pub shard: Option<Shard>,
    /// `analyze --partial FILE`: write the corpus state there instead of finishing it.
    pub partial: Option<PathBuf>,
    /// `lint`: fixes, diffs, annotated Word copies.
    pub edit: EditOptions,
}

/// One share of the inputs: shard `index` (1-based) of `count`, by a hash of each
/// input's path ([`shard_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, 1 to `count`.
    pub index: u32,
    /// How many shards.
    pub count: u32,
}

impl Shard {
    /// Whether the input shown as `path` is in this shard.
    pub fn holds(&self, path: &str) -> bool {
        shard_of(path, self.count) == self.index
    }
}

/// What `lint` does with its findings besides reporting them.
#[derive(Debug, Clone, Default)]
pub struct EditOptions {
    /// Apply fixes: text files in place, Word files as tracked changes in the copy.
    pub fix: bool,
    /// Print the fixes as a unified diff instead of the report.
    pub diff: bool,
    /// Write an annotated copy of each Word file.
    pub annotate: bool,
    /// Where the annotated copy goes (one input only).
    pub annotate_out: Option<PathBuf>,
    /// Author of the comments and tracked changes.
    pub author: String,
    /// The language of the comments.
    pub lang: zongjie::i18n::Lang,
}

impl EditOptions {
    fn any(&self) -> bool {
        self.fix || self.diff || self.annotate
    }
}

/// What became of one input.
enum Outcome {
    /// Its record (an error record when it could not be read), its corpus features, its
    /// rendered form, and what was done to it.
    Done(Box<Done>),
    /// A report zongjie wrote earlier, found among the inputs: left out.
    EarlierReport(String),
}

struct Done {
    report: DocReport,
    features: Option<DocFeatures>,
    record: io::Result<Vec<u8>>,
    /// Notes for stderr: files fixed, copies written, fixes refused.
    notes: Vec<String>,
    /// The unified diff of its fixes (`--diff`).
    diff: Option<String>,
}

/// Runs `job`; returns the exit code.
pub fn run(job: Job<'_>) -> Result<u8> {
    let common = job.common;
    let lang = job.analyzer.config().language();
    let format: Format = common.format.into();
    let style = common.style(lang);
    let opts = ReportOptions {
        view: job.view,
        style,
        quiet: common.quiet,
        show_shared: job.show_shared,
    };
    let Some(mut reporter) = render::reporter(format, opts) else {
        bail!(
            "{}",
            Message::new("error-format-unavailable")
                .arg("format", format.name())
                .say(lang)
        );
    };
    let read = common.read_options()?;
    let mut sources = common.sources(lang)?;
    if let Some(shard) = job.shard {
        // The path as shown (and sorted): the same file goes to the same shard
        // whatever else is in the run. A shard may be left with nothing: its state
        // is then empty, and merges as such.
        sources.retain(|s| shard.holds(&input::walk::sort_key(s)));
    }
    let output = match &common.output {
        Some(path) => Some(OutputFile::resolve(path)?),
        None => None,
    };
    let partial = match &job.partial {
        Some(path) => Some(OutputFile::resolve(path)?),
        None => None,
    };
    if let Some(partial) = &partial {
        if output
            .as_ref()
            .is_some_and(|o| o.canonical == partial.canonical)
        {
            bail!(
                "{}",
                Message::new("error-partial-is-output")
                    .arg("path", partial.path.display().to_string())
                    .say(lang)
            );
        }
        // A state an earlier run wrote there is left out; any other input is not
        // written over.
        let before = sources.len();
        sources.retain(|s| !partial.is(s));
        if sources.len() < before {
            if !partial.holds_a_state() {
                bail!(
                    "{}",
                    Message::new("error-partial-is-input")
                        .arg("path", partial.path.display().to_string())
                        .say(lang)
                );
            }
            eprintln!(
                "zongjie: {}",
                Message::new("note-partial-left-out")
                    .arg("path", partial.path.display().to_string())
                    .say(lang)
            );
        }
    }
    if let Some(output) = &output {
        // The report of an earlier run with the same -o is not a document of this one;
        // anything else it would overwrite is.
        let before = sources.len();
        sources.retain(|s| !output.is(s));
        if sources.len() < before {
            if !output.holds_a_report() {
                bail!(
                    "{}",
                    Message::new("error-output-is-input")
                        .arg("path", output.path.display().to_string())
                        .say(lang)
                );
            }
            eprintln!(
                "zongjie: {}",
                Message::new("note-output-left-out")
                    .arg("path", output.path.display().to_string())
                    .say(lang)
            );
        }
        if sources.is_empty() && job.shard.is_none() {
            bail!("{}", lang.tr("error-no-inputs"));
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(common.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    // The output stream is never locked across a parallel section: the main thread
    // writes one batch at a time, with the progress bar cleared.
    let to_terminal = output.is_none() && io::stdout().is_terminal();
    let mut out: Box<dyn Write> = match &output {
        Some(o) => Box::new(BufWriter::new(
            File::create(&o.path).with_context(|| format!("{}", o.path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout())),
    };
    if matches!(job.view, View::Phrases | View::Analyze)
        || job.analyzer.config().enabled(zongjie::Rule::RepeatedPhrase)
    {
        // Load jieba and its tables on the pool before the first document needs them.
        pool.install(|| job.analyzer.prepare());
    }
    let progress = Progress::start(sources.len() as u64, !common.quiet);
    reporter.begin(&mut *out)?;
    let mut corpus = job.corpus.clone().map(Corpus::new);
    let mut tally = Tally::default();
    let mut skipped: Vec<String> = Vec::new();
    let mut diffs = 0usize;
    let problems_style = Style {
        color: style.color && io::stderr().is_terminal(),
        lang,
    };
    for batch in sources.chunks(BATCH) {
        let reporter_ref: &dyn Reporter = &*reporter;
        let outcomes: Vec<Outcome> = pool.install(|| {
            batch
                .par_iter()
                .map(|entry| {
                    let outcome = process(entry, &job, &read, reporter_ref);
                    progress.inc();
                    outcome
                })
                .collect()
        });
        let mut corpus_docs: Vec<CorpusDoc> = Vec::with_capacity(outcomes.len());
        progress.suspend(|| -> Result<()> {
            let mut err = io::stderr().lock();
            for (outcome, source) in outcomes.into_iter().zip(batch) {
                let done = match outcome {
                    Outcome::Done(done) => *done,
                    Outcome::EarlierReport(path) => {
                        skipped.push(path);
                        continue;
                    }
                };
                let Done {
                    report,
                    features: feature,
                    record,
                    notes,
                    diff,
                } = done;
                text::write_read_problems(
                    &mut err,
                    &report.path,
                    report.error.as_deref(),
                    &report.warnings,
                    problems_style,
                )?;
                for note in notes {
                    writeln!(err, "zongjie: {note}")?;
                }
                if job.edit.diff {
                    if let Some(diff) = &diff {
                        out.write_all(diff.as_bytes())?;
                        diffs += 1;
                    }
                } else {
                    let record = record.with_context(|| report.path.clone())?;
                    reporter.write(&mut *out, &report, &record)?;
                }
                tally.add(&report);
                if corpus.is_some() {
                    corpus_docs.push(corpus_doc(&report, feature, source));
                }
            }
            drop(err);
            if to_terminal {
                out.flush()?;
            }
            Ok(())
        })?;
        if let Some(corpus) = corpus.as_mut() {
            pool.install(|| corpus.add_batch(corpus_docs));
        }
    }
    progress.finish();
    for path in &skipped {
        eprintln!(
            "zongjie: {}",
            Message::new("note-earlier-report")
                .arg("path", path)
                .say(lang)
        );
    }
    let corpus_report = match (corpus, &partial) {
        (Some(corpus), Some(partial)) => {
            // The state goes to its file; the records' closing part has no corpus.
            let bytes = corpus
                .to_bytes()
                .map_err(|e| anyhow::anyhow!("{}", e.message().say(lang)))?;
            write_atomically(&partial.path, &bytes)
                .with_context(|| partial.path.display().to_string())?;
            if !common.quiet {
                eprintln!(
                    "zongjie: {}",
                    Message::new("note-partial-written")
                        .arg("documents", tally.documents)
                        .arg("path", partial.path.display().to_string())
                        .say(lang)
                );
            }
            None
        }
        (Some(corpus), None) => Some(pool.install(|| corpus.finish_reading(&read))),
        (None, _) => None,
    };
    if !job.edit.diff {
        // A reporter that quotes documents (HTML: near-duplicates' shared passages)
        // reads them again by path; the index of paths is built only if it asks.
        let by_path: OnceLock<HashMap<String, usize>> = OnceLock::new();
        let texts = |path: &str| -> Option<String> {
            let index = by_path.get_or_init(|| {
                sources
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| s.as_ref().ok().map(|s| (s.display_name(), i)))
                    .collect()
            });
            match sources.get(*index.get(path)?) {
                Some(Ok(source @ Source::Path(_))) => input::read_source(source, &read)
                    .ok()
                    .map(|d| d.text().to_string()),
                _ => None,
            }
        };
        reporter.finish_with_texts(&mut *out, &tally, corpus_report.as_ref(), &texts)?;
    }
    out.flush()?;
    let code = if job.edit.diff {
        // As `diff` and `ruff --diff`: 1 when there is something to change.
        match (tally.failed > 0, diffs > 0) {
            (true, _) => exit::FAILURE,
            (false, true) => exit::FINDINGS,
            (false, false) => exit::CLEAN,
        }
    } else {
        exit_code(job.view, &tally, job.fail_level)
    };
    if job.view == View::Analyze && code == exit::FAILURE {
        eprintln!(
            "zongjie: {}",
            Message::new("error-none-readable")
                .arg("failed", tally.failed)
                .say(lang)
        );
    }
    Ok(code)
}

/// The exit code of a run, the same in every format: 2 when an input could not be read
/// (for `analyze`, which goes on past junk in archives, only when none could), 1 when
/// `lint` found something at or above the fail level, else 0.
pub fn exit_code(view: View, tally: &Tally, fail_level: Option<Severity>) -> u8 {
    let unread = match view {
        View::Analyze => tally.failed > 0 && tally.failed == tally.documents,
        _ => tally.failed > 0,
    };
    if unread {
        return exit::FAILURE;
    }
    match fail_level {
        Some(level) if tally.max_severity.is_some_and(|s| s >= level) => exit::FINDINGS,
        _ => exit::CLEAN,
    }
}

/// What the corpus keeps of one document: its features and where to read it again
/// (an absolute path, so a state merged in another folder can still verify it).
fn corpus_doc(
    report: &DocReport,
    features: Option<DocFeatures>,
    source: &std::result::Result<Source, zongjie::Error>,
) -> CorpusDoc {
    let doc = CorpusDoc::new(report, features);
    match source {
        Ok(Source::Path(p)) => {
            doc.with_source(std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        }
        _ => doc,
    }
}

/// Writes `bytes` beside `path` and renames the file over it, so a crash never
/// leaves half a file where a whole one is expected.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".zongjie-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Reads, analyses and renders one input (on a worker).
fn process(
    entry: &std::result::Result<Source, zongjie::Error>,
    job: &Job<'_>,
    read: &ReadOptions,
    reporter: &dyn Reporter,
) -> Outcome {
    let done = |report: DocReport, features: Option<DocFeatures>, doc: Option<&Document>| {
        let record = reporter.record(&report, doc);
        Outcome::Done(Box::new(Done {
            report,
            features,
            record,
            notes: Vec::new(),
            diff: None,
        }))
    };
    let unread = |unread: Unread| done(DocReport::unread(unread), None, None);
    let source = match entry {
        Ok(source) => source,
        Err(e) => {
            return unread(Unread {
                path: input::walk::error_path(e),
                path_bytes: e.path().and_then(input::path_name::raw_hex),
                error: e.message(job.analyzer.config().language()),
            });
        }
    };
    let doc = match input::read_source(source, read) {
        Ok(doc) => doc,
        Err(e) => {
            return unread(Unread {
                path: source.display_name(),
                path_bytes: source.raw_path(),
                error: e.message(job.analyzer.config().language()),
            });
        }
    };
    if is_report(&doc) {
        return Outcome::EarlierReport(doc.path.clone());
    }
    let analyzer = job.analyzer;
    if job.view == View::Lint && job.edit.any() {
        return edit(source, doc, job, reporter);
    }
    let (report, features) = match (job.view, &job.corpus) {
        (View::Lint, _) => (analyzer.lint_report(&doc), None),
        (View::Outline, _) => (analyzer.structure(&doc), None),
        (View::Analyze, Some(opts)) => {
            let (report, mut features) = analyzer.analyze_for_corpus(&doc, opts);
            // Standard input cannot be read twice: its text is kept for the
            // near-duplicate check.
            if matches!(source, Source::Stdin) {
                features.keep_text();
            }
            (report, Some(features))
        }
        // `merge` reads no documents; were it ever given one, it is analysed in full.
        (View::Phrases | View::Analyze | View::Merge, _) => (analyzer.analyze(&doc), None),
    };
    done(report, features, Some(&doc))
}

/// `lint --fix`, `--diff`, `--annotate` on one document: the report holds what
/// remains after fixes written in place (text files); a Word file gets an annotated
/// copy, its fixes as tracked changes.
fn edit(source: &Source, doc: Document, job: &Job<'_>, reporter: &dyn Reporter) -> Outcome {
    let lang = job.analyzer.config().language();
    let opts = &job.edit;
    let mut report = job.analyzer.lint_report(&doc);
    let mut notes = Vec::new();
    let mut diff = None;
    let path = match source {
        Source::Path(p) => Some(p.as_path()),
        Source::Stdin => None,
    };
    let say = |m: Message| m.say(lang);
    if doc.word.is_some() {
        if opts.annotate || opts.fix {
            let written = path
                .ok_or_else(|| lang.tr("note-stdin-not-written"))
                .and_then(|p| annotate_copy(p, &doc, &report, opts).map_err(|e| e.to_string()));
            notes.push(match written {
                Ok(note) => say(note),
                Err(e) => say(Message::new("note-not-annotated")
                    .arg("path", &doc.path)
                    .arg("why", e)),
            });
        }
        if opts.diff && !opts.annotate && !opts.fix {
            notes.push(say(
                Message::new("note-no-diff-for-word").arg("path", &doc.path)
            ));
        }
    } else {
        if opts.annotate {
            notes.push(say(
                Message::new("note-annotate-word-only").arg("path", &doc.path)
            ));
        }
        match edit::fixed_text(&doc, &report.diagnostics) {
            Ok(Some(fixed)) if fixed != doc.text() => {
                if opts.diff {
                    diff = Some(edit::unified_diff(&doc.path, doc.text(), &fixed));
                }
                if opts.fix {
                    match path.map(|p| write_fixed(p, &doc, &fixed)) {
                        Some(Ok(())) => {
                            let fixed_doc = refreshed(&doc, fixed);
                            let count = report
                                .diagnostics
                                .iter()
                                .filter(|d| d.fix.is_some())
                                .count();
                            report = job.analyzer.lint_report(&fixed_doc);
                            notes.push(say(Message::new("note-fixed")
                                .arg("path", &doc.path)
                                .arg("count", count)));
                        }
                        Some(Err(e)) => notes.push(say(Message::new("note-not-fixed")
                            .arg("path", &doc.path)
                            .arg("why", e.to_string()))),
                        None => notes.push(lang.tr("note-stdin-not-written")),
                    }
                }
            }
            Ok(_) => {}
            Err(e) => notes.push(say(Message::new("note-not-fixed")
                .arg("path", &doc.path)
                .arg("why", e.to_string()))),
        }
    }
    let record = reporter.record(&report, Some(&doc));
    Outcome::Done(Box::new(Done {
        report,
        features: None,
        record,
        notes,
        diff,
    }))
}

/// The fixed text as a document of the same file (for the findings that remain).
fn refreshed(doc: &Document, text: String) -> Document {
    let mut fixed = Document::new(doc.path.clone(), doc.encoding.clone(), text);
    fixed.path_bytes = doc.path_bytes.clone();
    fixed
}

/// Writes `fixed` over the text file at `path`, in the encoding it was read in.
fn write_fixed(
    path: &Path,
    doc: &Document,
    fixed: &str,
) -> std::result::Result<(), edit::EditError> {
    let original = std::fs::read(path)?;
    let bytes = edit::encode_like(doc, &original, fixed)?;
    // Written beside the file and renamed over it, so a crash never leaves half a file.
    let tmp = path.with_extension("zongjie-fix.tmp");
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Writes the annotated copy of a Word document; the note says where and what.
fn annotate_copy(
    path: &Path,
    doc: &Document,
    report: &DocReport,
    opts: &EditOptions,
) -> std::result::Result<Message, edit::EditError> {
    let original = match &doc.converted {
        Some(bytes) => bytes.as_ref().clone(),
        None => std::fs::read(path)?,
    };
    let out = opts
        .annotate_out
        .clone()
        .unwrap_or_else(|| edit::annotated_path(path));
    let same = std::fs::canonicalize(&out)
        .ok()
        .zip(std::fs::canonicalize(path).ok())
        .is_some_and(|(a, b)| a == b);
    if same || out == path {
        return Err(edit::EditError::OverOriginal(path.to_path_buf()));
    }
    let annotate_opts = zongjie::input::docx::AnnotateOptions {
        author: opts.author.clone(),
        ..Default::default()
    };
    let annotated = edit::annotate_document(
        &original,
        &report.diagnostics,
        opts.fix,
        &annotate_opts,
        Style {
            color: false,
            lang: opts.lang,
        },
    )?;
    std::fs::write(&out, &annotated.bytes)?;
    let placed = annotated
        .comments
        .iter()
        .filter(|p| !matches!(p, zongjie::input::docx::Placement::NotPlaced))
        .count();
    let tracked = annotated
        .revisions
        .iter()
        .filter(|r| matches!(r, zongjie::input::docx::RevisionOutcome::Applied))
        .count();
    Ok(Message::new("note-annotated")
        .arg("path", out.display().to_string())
        .arg("comments", placed)
        .arg("unplaced", annotated.comments.len() - placed)
        .arg("changes", tracked)
        .arg("skipped", annotated.revisions.len() - tracked))
}

/// Whether a document read is a report zongjie wrote earlier.
fn is_report(doc: &Document) -> bool {
    render::is_zongjie_report(doc.text())
}

/// The `-o` file, resolved so it can be told apart from the inputs.
pub struct OutputFile {
    /// The path as given.
    pub path: PathBuf,
    /// Its absolute path with the folder's symlinks resolved (the file may not exist yet).
    pub canonical: PathBuf,
}

impl OutputFile {
    /// Resolves `path`, which need not exist yet (its folder must).
    pub fn resolve(path: &Path) -> Result<Self> {
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

    /// Whether the file holds a corpus state zongjie wrote.
    fn holds_a_state(&self) -> bool {
        use std::io::Read;
        let mut head = Vec::new();
        let read = File::open(&self.canonical).and_then(|f| f.take(16).read_to_end(&mut head));
        read.is_ok() && Corpus::is_state(&head)
    }

    /// Whether the file is the file at `path`.
    pub fn is_path(&self, path: &Path) -> bool {
        std::fs::canonicalize(path).is_ok_and(|p| p == self.canonical)
    }

    /// Whether the file holds a report zongjie wrote (so overwriting it loses nothing).
    fn holds_a_report(&self) -> bool {
        use std::io::Read;
        let mut head = Vec::new();
        let read = File::open(&self.canonical).and_then(|f| f.take(1024).read_to_end(&mut head));
        read.is_ok() && render::is_zongjie_report(&String::from_utf8_lossy(&head))
    }

    /// Whether `source` is this file.
    fn is(&self, source: &std::result::Result<Source, zongjie::Error>) -> bool {
        match source {
            Ok(Source::Path(p)) => std::fs::canonicalize(p).is_ok_and(|p| p == self.canonical),
            _ => false,
        }
    }
}
