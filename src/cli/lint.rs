//! `zongjie lint`: diagnostics for people (text) or programs (JSON, NDJSON).

use std::io::{self, Write};

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{InputArgs, ProfileArgs, RuleArgs, all_failed, exit, json_on_fatal, map_inputs};
use zongjie::render::json::{LintOutput, LintSummary};
use zongjie::render::{Style, text};
use zongjie::report::{FileLint, SCHEMA_VERSION, Severity};
use zongjie::{document_warnings, lint_document, profile_name};

/// Arguments of `zongjie lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    profile: ProfileArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    format: LintFormat,
    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailLevel::Warning)]
    fail_level: FailLevel,
    /// Print the effective config as TOML and exit.
    #[arg(long)]
    dump_config: bool,
    /// Print no summary line (text format).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LintFormat {
    Text,
    Json,
    Ndjson,
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
    json_on_fatal(args.format != LintFormat::Text, lint(&args))
}

fn lint(args: &LintArgs) -> Result<u8> {
    let mut config = args.input.load_config()?;
    args.rules.apply(&mut config);
    args.profile.apply(&mut config)?;
    if args.dump_config {
        print!("{}", toml::to_string(&config.to_file())?);
        return Ok(exit::CLEAN);
    }
    let style = args.input.style();
    let text_mode = args.format == LintFormat::Text;
    // Each file is read, checked and (in text mode) rendered on a worker.
    let results: Vec<(FileLint, Vec<u8>)> = map_inputs(
        &args.input,
        |doc| {
            let lint = FileLint {
                path: doc.path.clone(),
                encoding: doc.encoding.clone(),
                error: None,
                warnings: document_warnings(doc),
                profile: Some(profile_name(doc, &config)),
                diagnostics: lint_document(doc, &config),
            };
            let rendered = if text_mode {
                render_text(doc, &lint, style)
            } else {
                Vec::new()
            };
            (lint, rendered)
        },
        |path, error| {
            let file = FileLint {
                path,
                error: Some(error),
                ..FileLint::default()
            };
            (file, Vec::new())
        },
    )?;
    let (files, rendered): (Vec<FileLint>, Vec<Vec<u8>>) = results.into_iter().unzip();

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    match args.format {
        LintFormat::Text => {
            for (file, rendered) in files.iter().zip(&rendered) {
                let error = file.error.as_deref();
                text::write_read_problems(&mut err, &file.path, error, &file.warnings, style)?;
                out.write_all(rendered)?;
            }
            if !args.quiet {
                writeln!(out, "{}", text::summary_line(&files))?;
            }
        }
        LintFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &LintOutput::new(&files))?;
            writeln!(out)?;
        }
        LintFormat::Ndjson => {
            for file in &files {
                serde_json::to_writer(&mut out, file)?;
                writeln!(out)?;
            }
            #[derive(serde::Serialize)]
            struct Last {
                version: u32,
                summary: LintSummary,
            }
            serde_json::to_writer(
                &mut out,
                &Last {
                    version: SCHEMA_VERSION,
                    summary: LintSummary::of(&files),
                },
            )?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit_code(&files, args.fail_level.severity()))
}

fn render_text(doc: &zongjie::Document, lint: &FileLint, style: Style) -> Vec<u8> {
    let mut buf = Vec::new();
    for d in &lint.diagnostics {
        // Writing to a Vec cannot fail.
        let _ = text::write_diagnostic(&mut buf, Some(doc), &lint.path, d, style);
    }
    buf
}

fn exit_code(files: &[FileLint], fail: Severity) -> u8 {
    if all_failed(files, |f| f.error.is_some()) {
        return exit::FAILURE;
    }
    let found = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= fail);
    if found { exit::FINDINGS } else { exit::CLEAN }
}
