//! Text for people. `lint`: compiler-style diagnostics, `path:line:col:
//! warning[rule]: message`, the source line (trimmed around the finding when long) and
//! a caret underline that lines up under CJK text, whose chars are two columns wide,
//! then one summary line. `outline` and `phrases`: a block per document. `analyze`:
//! the archive summary at the end. Labels and messages are in the run's language; rule
//! ids stay as they are, since they are what a user types.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{REPORT_TITLE, ReportOptions, Reporter, Style, Tally, View};
use crate::corpus::CorpusReport;
use crate::document::Document;
use crate::i18n::Message;
use crate::input::docx::WordPart;
use crate::report::{Diagnostic, DocReport, Severity, WordPosition};

/// Chars of context kept on each side of a finding in a long line.
const CONTEXT_CHARS: usize = 30;

/// Writes one diagnostic with its source excerpt.
pub fn write_diagnostic(
    out: &mut dyn Write,
    doc: Option<&Document>,
    path: &str,
    d: &Diagnostic,
    style: Style,
) -> io::Result<()> {
    let label = style.tr(&format!("severity-{}", d.severity.name()));
    let sev = match d.severity {
        Severity::Error => style.paint("1;31", &label),
        Severity::Warning => style.paint("1;33", &label),
        Severity::Info => style.paint("1;36", &label),
    };
    let sentence = full_message(d, style);
    let place = d
        .word
        .as_ref()
        .map(|w| word_place(w, style))
        .unwrap_or_default();
    writeln!(
        out,
        "{}{place}: {sev}[{}]: {sentence}",
        style.paint("1", &format!("{path}:{}:{}", d.span.line, d.span.column)),
        d.rule,
    )?;
    let Some(doc) = doc else { return Ok(()) };
    let Some(line) = doc.line(d.span.line) else {
        return Ok(());
    };
    let (excerpt, caret_offset, caret_width) = excerpt(line.text, d, line.byte_start);
    let gutter = d.span.line.to_string();
    let pad = " ".repeat(gutter.len());
    writeln!(out, "{pad} {}", style.paint("34", "|"))?;
    writeln!(
        out,
        "{} {} {excerpt}",
        style.paint("34", &gutter),
        style.paint("34", "|")
    )?;
    writeln!(
        out,
        "{pad} {} {}{}",
        style.paint("34", "|"),
        " ".repeat(caret_offset),
        style.paint("1;33", &"^".repeat(caret_width.max(1)))
    )?;
    Ok(())
}

/// A finding's message with the text it is about (unless the message quotes it
/// already) and, for a slot, its kind: `unfilled placeholder "XX" (organization)`.
pub fn full_message(d: &Diagnostic, style: Style) -> String {
    let kind = d
        .kind
        .map(|k| style.tr(&format!("kind-{}-paren", k.name())))
        .unwrap_or_default();
    let quoted = style.tr("quote-open") + &d.text + &style.tr("quote-close");
    // A missing section's `text` is the role's id (`situation`), not words of the
    // document: the message names the role already, in the reader's language.
    let shown = if d.text.is_empty()
        || d.message.contains(&d.text)
        || d.rule == crate::report::Rule::MissingSection
    {
        String::new()
    } else {
        format!(" {quoted}")
    };
    format!("{}{shown}{kind}", d.message)
}

/// Where a finding is in a Word file, as a Word user finds it: ` (header 1, paragraph 2,
/// char 5)` or `（页眉 1，第 2 段第 5 字）`.
pub fn word_place(w: &WordPosition, style: Style) -> String {
    let l = &w.location;
    let mut parts: Vec<String> = Vec::new();
    let numbered = |id: &'static str, n: usize| Message::new(id).arg("n", n).say(style.lang);
    match l.part {
        WordPart::Body => {}
        WordPart::Header { number, .. } => parts.push(numbered("word-header", number)),
        WordPart::Footer { number, .. } => parts.push(numbered("word-footer", number)),
        WordPart::Footnote { number } => parts.push(numbered("word-footnote", number)),
        WordPart::Endnote { number } => parts.push(numbered("word-endnote", number)),
    }
    if let Some(b) = l.text_box {
        parts.push(numbered("word-text-box", b.number));
    }
    if let Some(t) = l.table {
        parts.push(
            Message::new("word-table-cell")
                .arg("table", t.table)
                .arg("row", t.row)
                .arg("cell", t.cell)
                .say(style.lang),
        );
    }
    let place = if l.in_number {
        Message::new("word-paragraph-number").arg("paragraph", l.paragraph)
    } else {
        Message::new("word-paragraph-char")
            .arg("paragraph", l.paragraph)
            .arg("char", l.offset + 1)
    };
    parts.push(place.say(style.lang));
    format!(
        "{}{}{}",
        style.tr("paren-open"),
        parts.join(&style.tr("word-separator")),
        style.tr("paren-close")
    )
}

/// The shown part of a line, the display column of the caret and its width.
fn excerpt(line: &str, d: &Diagnostic, line_start: usize) -> (String, usize, usize) {
    let rel_start = d.span.byte_start.saturating_sub(line_start).min(line.len());
    // A span that runs past the line (a multi-line finding) is underlined to the end.
    let rel_end = d
        .span
        .byte_end
        .saturating_sub(line_start)
        .clamp(rel_start, line.len());
    let (rel_start, rel_end) = (
        floor_boundary(line, rel_start),
        floor_boundary(line, rel_end),
    );
    let before = &line[..rel_start];
    let target = &line[rel_start..rel_end];
    let after = &line[rel_end..];
    // Only the context is walked, never the whole line: a 5 MB line with thousands
    // of findings must not cost a pass over the line per finding.
    let shown_before = match before.char_indices().rev().nth(CONTEXT_CHARS) {
        Some((i, c)) => format!("…{}", &before[i + c.len_utf8()..]),
        None => before.to_string(),
    };
    let shown_after = match after.char_indices().nth(CONTEXT_CHARS) {
        Some((i, _)) => format!("{}…", &after[..i]),
        None => after.to_string(),
    };
    // Tabs would break the alignment; show them as one space.
    let clean = |s: &str| s.replace('\t', " ");
    let (b, t, a) = (clean(&shown_before), clean(target), clean(&shown_after));
    let offset = b.width();
    let width = t.width();
    (format!("{b}{t}{a}"), offset, width)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What went wrong reading a file (its error), or the repairs made while decoding it
/// (its warnings), as `error: …` and `warning: path: …` lines.
pub fn write_read_problems(
    err: &mut dyn Write,
    path: &str,
    error: Option<&str>,
    warnings: &[String],
    style: Style,
) -> io::Result<()> {
    if let Some(e) = error {
        writeln!(err, "{}{e}", style.paint("1;31", &style.tr("prefix-error")))?;
    }
    for w in warnings {
        writeln!(
            err,
            "{}{path}: {w}",
            style.paint("1;33", &style.tr("prefix-warning"))
        )?;
    }
    Ok(())
}

/// The closing line of `lint`: files checked, findings by rule and slots by kind.
pub fn summary_line(tally: &Tally, style: Style) -> String {
    let checked = tally.documents - tally.failed;
    let mut line = Message::new("lint-summary")
        .arg("files", checked)
        .arg("findings", tally.diagnostics)
        .say(style.lang);
    if !tally.by_rule.is_empty() {
        let sep = style.tr("list-separator");
        let parts: Vec<String> = tally
            .by_rule
            .iter()
            .map(|(rule, n)| {
                if rule.name() == "placeholder" && !tally.by_kind.is_empty() {
                    let kinds: Vec<String> = tally
                        .by_kind
                        .iter()
                        .map(|(k, n)| format!("{} {n}", style.tr(&format!("kind-{}", k.name()))))
                        .collect();
                    format!("{rule} {n}{}{}", style.tr("colon"), kinds.join(&sep))
                } else {
                    format!("{rule} {n}")
                }
            })
            .collect();
        line.push_str(&format!(
            "{}{}{}",
            style.tr("paren-open"),
            parts.join(&style.tr("group-separator")),
            style.tr("paren-close")
        ));
    }
    if !tally.profiles.is_empty() {
        let parts: Vec<String> = if tally.documents - tally.failed == 1 {
            tally
                .profiles
                .keys()
                .map(|p| super::profile_shown(p, style.lang))
                .collect()
        } else {
            tally
                .profiles
                .iter()
                .map(|(p, n)| format!("{} {n}", super::profile_shown(p, style.lang)))
                .collect()
        };
        line.push_str(
            &Message::new("lint-summary-profile")
                .arg("profiles", parts.join(&style.tr("list-separator")))
                .say(style.lang),
        );
    }
    if tally.failed > 0 {
        line.push_str(
            &Message::new("lint-summary-failed")
                .arg("failed", tally.failed)
                .say(style.lang),
        );
    }
    line
}

/// Text for people.
pub struct TextReporter {
    opts: ReportOptions,
    first: bool,
}

impl TextReporter {
    /// A text reporter for `opts.view`.
    pub fn new(opts: ReportOptions) -> Self {
        TextReporter { opts, first: true }
    }
}

impl Reporter for TextReporter {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn record(&self, report: &DocReport, doc: Option<&Document>) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        if report.error.is_some() {
            return Ok(buf);
        }
        let style = self.opts.style;
        match self.opts.view {
            View::Lint => {
                for d in &report.diagnostics {
                    write_diagnostic(&mut buf, doc, &report.path, d, style)?;
                }
            }
            View::Outline => super::outline::write_outline(&mut buf, report, style)?,
            View::Phrases => super::phrases::write_phrases(&mut buf, report, style)?,
            View::Analyze | View::Merge => {}
        }
        Ok(buf)
    }

    fn write(&mut self, out: &mut dyn Write, _report: &DocReport, record: &[u8]) -> io::Result<()> {
        if record.is_empty() {
            return Ok(());
        }
        // Blocks of `outline` and `phrases` are set apart by a blank line.
        if !self.first && matches!(self.opts.view, View::Outline | View::Phrases) {
            out.write_all(b"\n")?;
        }
        self.first = false;
        out.write_all(record)
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        tally: &Tally,
        corpus: Option<&CorpusReport>,
    ) -> io::Result<()> {
        let style = self.opts.style;
        match self.opts.view {
            View::Lint if !self.opts.quiet => writeln!(out, "{}", summary_line(tally, style)),
            View::Analyze | View::Merge => {
                // Without a corpus (`analyze --partial`: it went to the state file)
                // there is no report to title, only the files that could not be read.
                if let Some(corpus) = corpus {
                    writeln!(out, "{}", style.paint("1", REPORT_TITLE))?;
                    writeln!(out)?;
                    let options = super::summary::SummaryOptions {
                        show_shared: self.opts.show_shared,
                    };
                    super::summary::write_corpus_summary_with(out, corpus, style, &options)?;
                }
                if !tally.failures.is_empty() {
                    writeln!(out)?;
                    let head = Message::new("analyze-failed-heading")
                        .arg("failed", tally.failures.len())
                        .say(style.lang);
                    writeln!(out, "{}", style.paint("1", &head))?;
                    for (_, error) in &tally.failures {
                        writeln!(out, "  {error}")?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::report::Rule;
    use crate::{Analyzer, Config};

    fn render(text: &str) -> String {
        let doc = Document::from_str("d.txt", text);
        let diags = Analyzer::new(Config::default()).lint(&doc);
        let slot = diags.iter().find(|d| d.rule == Rule::Placeholder).unwrap();
        let mut out = Vec::new();
        let style = Style {
            color: false,
            lang: Lang::En,
        };
        write_diagnostic(&mut out, Some(&doc), "d.txt", slot, style).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn caret_lines_up_under_cjk() {
        let out = render("第一行\n2018年，XX厅党组");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "d.txt:2:7: warning[placeholder]: unfilled placeholder \"XX\" (organization)"
        );
        assert_eq!(lines[2], "2 | 2018年，XX厅党组");
        // "2018年，" is 4 + 2 + 2 = 8 columns wide.
        assert_eq!(lines[3], format!("  | {}^^", " ".repeat(8)));
        let caret_col = lines[3].find('^').unwrap();
        let text_col = "2 | ".len();
        assert_eq!(caret_col - text_col, 8);
    }

    #[test]
    fn long_lines_are_trimmed_around_the_slot() {
        let long = format!("{}XX厅{}", "学".repeat(500), "习".repeat(500));
        let out = render(&long);
        let excerpt = out.lines().nth(2).unwrap();
        assert!(excerpt.starts_with("1 | …"));
        assert!(excerpt.ends_with('…'));
        assert!(excerpt.chars().count() < 80, "{excerpt}");
        let caret = out.lines().nth(3).unwrap();
        // "…" (width 1) + 30 CJK chars (width 60).
        assert_eq!(caret.find('^').unwrap() - "  | ".len(), 61);
    }

    #[test]
    fn a_missing_section_is_not_quoted_by_its_role_id() {
        let doc = Document::from_str("d.txt", "2023年工作总结\n一、下一步打算\n继续努力。\n");
        let diags = Analyzer::new(Config::default()).lint(&doc);
        let missing: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.rule == Rule::MissingSection)
            .collect();
        assert!(!missing.is_empty(), "{diags:?}");
        for lang in [Lang::Zh, Lang::En] {
            let style = Style { color: false, lang };
            for d in &missing {
                // Nothing after the message: no `“situation”`, no kind.
                assert_eq!(full_message(d, style), d.message);
            }
        }
    }
}
