//! The text view of `zongjie outline`: the heading tree of a document (indented by
//! level, with line numbers and the roles of level-1 sections), then its missing
//! sections, numbering slips and completeness score with the breakdown.
//!
//! Prints what the report holds and nothing else; the order is the report's.

use std::io::{self, Write};

use super::Style;
use crate::i18n::Message;
use crate::report::{Completeness, DocReport};

/// Writes the outline of one analysed document.
pub fn write_outline(out: &mut dyn Write, report: &DocReport, style: Style) -> io::Result<()> {
    writeln!(out, "{}", style.paint("1", &report.path))?;
    if let Some(profile) = &report.profile {
        let line = Message::new("outline-profile")
            .arg("profile", super::profile_shown(profile, style.lang))
            .say(style.lang);
        writeln!(out, "{line}")?;
    }
    let width = report
        .headings
        .iter()
        .map(|h| h.line.to_string().len())
        .max()
        .unwrap_or(1);
    if report.headings.is_empty() {
        writeln!(out, "  {}", style.tr("outline-no-headings"))?;
    }
    for h in &report.headings {
        let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)));
        let roles = if h.level == 1 || !h.roles.is_empty() {
            let names: Vec<String> = h
                .roles
                .iter()
                .map(|r| style.tr(&format!("role-{}", r.name())))
                .collect();
            let names = if names.is_empty() {
                style.tr("outline-no-role")
            } else {
                names.join(&style.tr("list-separator"))
            };
            format!("  {}", style.paint("36", &format!("[{names}]")))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:>width$}  {indent}{}{}{roles}",
            h.line, h.marker, h.title
        )?;
    }
    let missing: Vec<String> = report
        .sections_missing
        .iter()
        .map(|r| style.tr(&format!("role-{}", r.name())))
        .collect();
    let missing = if missing.is_empty() {
        style.tr("outline-none")
    } else {
        missing.join(&style.tr("list-separator"))
    };
    let line = Message::new("outline-missing-sections")
        .arg("list", missing)
        .say(style.lang);
    writeln!(out, "{line}")?;
    if report.numbering_errors.is_empty() {
        writeln!(out, "{}", style.tr("outline-numbering-none"))?;
    } else {
        writeln!(out, "{}", style.tr("outline-numbering-heading"))?;
        for e in &report.numbering_errors {
            let slip = Message::new("outline-numbering-slip")
                .arg("expected", &e.expected)
                .arg("found", &e.found)
                .say(style.lang);
            writeln!(out, "  {}:{}: {slip}", e.line, e.column)?;
        }
    }
    write_completeness(out, &report.completeness, style)
}

fn write_completeness(out: &mut dyn Write, c: &Completeness, style: Style) -> io::Result<()> {
    let head = match (c.score, c.structure, c.filled, c.form) {
        (Some(score), Some(structure), Some(filled), Some(form)) => {
            Message::new("outline-completeness")
                .arg("score", format!("{score:.3}"))
                .arg("structure", format!("{structure:.3}"))
                .arg("filled", format!("{filled:.3}"))
                .arg("form", format!("{form:.3}"))
                .say(style.lang)
        }
        _ => style.tr("outline-completeness-none"),
    };
    writeln!(out, "{head}")?;
    let b = &c.breakdown;
    let slots: usize = b.slots.values().sum();
    let kinds: Vec<String> = b
        .slots
        .iter()
        .map(|(k, n)| format!("{} {n}", style.tr(&format!("kind-{k}"))))
        .collect();
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(
            "{}{}{}",
            style.tr("paren-open"),
            kinds.join(&style.tr("list-separator")),
            style.tr("paren-close")
        )
    };
    let line = Message::new("outline-breakdown")
        .arg("slots", slots)
        .arg("kinds", kinds)
        .arg("missing", b.missing_roles)
        .arg("empty", b.empty_sections)
        .arg("numbering", b.numbering_errors)
        .arg("style", b.heading_style)
        .arg("unbalanced", b.unbalanced)
        .say(style.lang);
    writeln!(out, "  {line}")
}
