//! `zongjie rules`: the rule registry as a table (text or JSON), and `zongjie rules ID`:
//! one rule explained, as `ruff rule` and `clippy --explain` do.

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;

use super::{FormatArg, LangArg, exit};
use zongjie::i18n::{Lang, Message};
use zongjie::report::{Rule, SCHEMA_VERSION};
use zongjie::rules::{RULES, RuleInfo, RuleRow, info};

/// Arguments of `zongjie rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// The rule to explain (default: list them all).
    #[arg(value_name = "ID")]
    id: Option<String>,
    /// Output format: text or json.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Language: zh or en (default: the locale).
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Serialize)]
struct RulesOutput {
    version: u32,
    rules: Vec<RuleRow>,
}

/// Runs `rules`.
pub fn run(args: RulesArgs, lang: Lang) -> Result<u8> {
    let lang = args.lang.map_or(lang, Lang::from);
    let rows: Vec<&RuleInfo> = match &args.id {
        None => RULES.iter().collect(),
        Some(id) => match Rule::from_name(id) {
            Some(rule) => vec![info(rule)],
            None => {
                let names: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
                bail!(
                    "{}",
                    Message::new("error-unknown-rule")
                        .arg("rule", id.as_str())
                        .arg("rules", names.join(", "))
                        .say(lang)
                );
            }
        },
    };
    let mut out = io::stdout().lock();
    match args.format {
        FormatArg::Json => {
            let output = RulesOutput {
                version: SCHEMA_VERSION,
                rules: rows.iter().map(|r| RuleRow::new(r, lang)).collect(),
            };
            serde_json::to_writer_pretty(&mut out, &output)?;
            writeln!(out)?;
        }
        FormatArg::Text if args.id.is_some() => {
            for r in rows {
                let default = match r.default {
                    Some(s) => lang.tr(&format!("severity-{}", s.name())),
                    None => lang.tr("rules-off"),
                };
                writeln!(out, "{}", r.id())?;
                writeln!(out)?;
                writeln!(out, "{}", r.summary(lang))?;
                writeln!(out)?;
                writeln!(out, "{}", r.explanation(lang))?;
                writeln!(out)?;
                writeln!(
                    out,
                    "{}",
                    Message::new("rules-default")
                        .arg("level", default)
                        .say(lang)
                )?;
            }
        }
        FormatArg::Text => {
            let width = rows.iter().map(|r| r.id().len()).max().unwrap_or(0);
            for r in rows {
                let default = match r.default {
                    Some(s) => lang.tr(&format!("severity-{}", s.name())),
                    None => lang.tr("rules-off"),
                };
                writeln!(out, "{:<width$}  {default:<8}  {}", r.id(), r.summary(lang))?;
            }
        }
        other => bail!(
            "{}",
            Message::new("error-format-unavailable")
                .arg("format", zongjie::render::Format::from(other).name())
                .say(lang)
        ),
    }
    out.flush()?;
    Ok(exit::CLEAN)
}
