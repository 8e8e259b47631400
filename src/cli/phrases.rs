//! `zongjie phrases`: official phrases, cited titles, slogans, keywords and
//! repetitions of each document, for people (text) or programs (JSON).

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{InputArgs, dump_config, json_on_fatal, map_inputs, print_reports};
use zongjie::Analyzer;
use zongjie::render::json::PhrasesOutput;
use zongjie::render::phrases::write_phrases;
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
    if args.input.dump_config {
        return dump_config(&config);
    }
    let style = args.input.style();
    // Load jieba and its IDF table on both cores before the first document needs them.
    let analyzer = Analyzer::new(config);
    analyzer.prepare();
    let reports: Vec<DocReport> =
        map_inputs(&args.input, |doc| analyzer.analyze(doc), DocReport::unread)?;
    let json = (args.format == PhrasesFormat::Json).then(|| PhrasesOutput::new(&reports));
    print_reports(&reports, json, style, write_phrases)
}
