//! `zongjie phrases`: official phrases, cited titles, slogans, keywords and
//! repetitions of each document, for people (text) or programs (JSON).

use std::io::{self, Write};

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{InputArgs, all_failed, exit, json_on_fatal, map_inputs};
use zongjie::analyze_document;
use zongjie::render::json::PhrasesOutput;
use zongjie::render::phrases::write_phrases;
use zongjie::render::text;
use zongjie::report::DocReport;

/// Arguments of `zongjie phrases`.
#[derive(Debug, Args)]
pub struct PhrasesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PhrasesFormat::Text)]
    format: PhrasesFormat,
    /// Keywords listed per document.
    #[arg(long, value_name = "N", default_value_t = zongjie::analyze::keywords::DEFAULT_TOP)]
    top: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PhrasesFormat {
    Text,
    Json,
}

/// Runs `phrases`; a fatal error is printed as JSON in the JSON format.
pub fn run(args: PhrasesArgs) -> Result<u8> {
    json_on_fatal(args.format == PhrasesFormat::Json, phrases(&args))
}

fn phrases(args: &PhrasesArgs) -> Result<u8> {
    let mut config = args.input.load_config()?;
    config.top_keywords = args.top;
    let style = args.input.style();
    // Load jieba and its IDF table on both cores before the first document needs them.
    config.lexicon().prepare();
    let reports: Vec<DocReport> = map_inputs(
        &args.input,
        |doc| analyze_document(doc, &config),
        DocReport::failed,
    )?;

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        PhrasesFormat::Text => {
            let mut err = io::stderr().lock();
            for (i, r) in reports.iter().enumerate() {
                text::write_read_problems(
                    &mut err,
                    &r.path,
                    r.error.as_deref(),
                    &r.warnings,
                    style,
                )?;
                if r.error.is_none() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    write_phrases(&mut out, r, style)?;
                }
            }
        }
        PhrasesFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &PhrasesOutput::new(&reports))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    if all_failed(&reports, |r| r.error.is_some()) {
        return Ok(exit::FAILURE);
    }
    Ok(exit::CLEAN)
}
