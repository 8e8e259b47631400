//! Compiler-style text diagnostics: `path:line:col: warning[rule]: message`, the
//! source line (trimmed around the finding when long) and a caret underline that
//! lines up under CJK text, whose chars are two columns wide.

use std::collections::BTreeMap;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Style;
use crate::document::Document;
use crate::report::{Diagnostic, FileLint, Severity};

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
    let sev = match d.severity {
        Severity::Error => style.paint("1;31", "error"),
        Severity::Warning => style.paint("1;33", "warning"),
        Severity::Info => style.paint("1;36", "info"),
    };
    let kind = d.kind.map(|k| format!(" ({k})")).unwrap_or_default();
    let quoted = format!("\"{}\"", d.text);
    // Most messages quote their text already (`"四、" should be "三、"`).
    let shown = if d.text.is_empty() || d.message.contains(&quoted) {
        String::new()
    } else {
        format!(" {quoted}")
    };
    writeln!(
        out,
        "{}: {sev}[{}]: {}{shown}{kind}",
        style.paint("1", &format!("{path}:{}:{}", d.span.line, d.span.column)),
        d.rule,
        d.message,
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

/// What went wrong reading a file: its error, or the repairs made while decoding it.
pub fn write_read_problems(
    err: &mut dyn Write,
    path: &str,
    error: Option<&str>,
    warnings: &[String],
    style: Style,
) -> io::Result<()> {
    if let Some(e) = error {
        writeln!(err, "{}: {e}", style.paint("1;31", "error"))?;
    }
    for w in warnings {
        writeln!(err, "{}: {path}: {w}", style.paint("1;33", "warning"))?;
    }
    Ok(())
}

/// The closing line of `lint`: files checked, findings by rule and slots by kind.
pub fn summary_line(files: &[FileLint]) -> String {
    let failed = files.iter().filter(|f| f.error.is_some()).count();
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        *by_rule.entry(d.rule.to_string()).or_default() += 1;
        if let Some(k) = d.kind {
            *by_kind.entry(k.to_string()).or_default() += 1;
        }
    }
    let total: usize = by_rule.values().sum();
    let mut line = format!(
        "{} file{} checked, {total} finding{}",
        files.len() - failed,
        plural(files.len() - failed),
        plural(total)
    );
    if !by_rule.is_empty() {
        let parts: Vec<String> = by_rule
            .iter()
            .map(|(rule, n)| {
                if rule == "placeholder" && !by_kind.is_empty() {
                    let kinds: Vec<String> =
                        by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
                    format!("{rule} {n}: {}", kinds.join(", "))
                } else {
                    format!("{rule} {n}")
                }
            })
            .collect();
        line.push_str(&format!(" ({})", parts.join("; ")));
    }
    if failed > 0 {
        line.push_str(&format!(
            ", {failed} file{} could not be read",
            plural(failed)
        ));
    }
    let mut profiles: BTreeMap<&str, usize> = BTreeMap::new();
    for p in files.iter().filter_map(|f| f.profile.as_deref()) {
        *profiles.entry(p).or_default() += 1;
    }
    if !profiles.is_empty() {
        let parts: Vec<String> = if files.len() == 1 {
            profiles.keys().map(|p| p.to_string()).collect()
        } else {
            profiles.iter().map(|(p, n)| format!("{p} {n}")).collect()
        };
        line.push_str(&format!("; profile {}", parts.join(", ")));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Rule;
    use crate::{Config, lint_document};

    fn render(text: &str) -> String {
        let doc = Document::from_str("d.txt", text);
        let diags = lint_document(&doc, &Config::default());
        let slot = diags.iter().find(|d| d.rule == Rule::Placeholder).unwrap();
        let mut out = Vec::new();
        write_diagnostic(&mut out, Some(&doc), "d.txt", slot, Style { color: false }).unwrap();
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
}
