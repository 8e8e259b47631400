//! The text view of `zongjie outline`: the heading tree of a document (indented by
//! level, with line numbers and the roles of level-1 sections), then its missing
//! sections, numbering slips and completeness score with the breakdown.
//!
//! Prints what the report holds and nothing else; the order is the report's.

use std::io::{self, Write};

use super::Style;
use crate::report::{Completeness, DocReport};

/// Writes the outline of one analysed document.
pub fn write_outline(out: &mut dyn Write, report: &DocReport, style: Style) -> io::Result<()> {
    writeln!(out, "{}", style.paint("1", &report.path))?;
    if let Some(profile) = &report.profile {
        writeln!(out, "profile: {profile}")?;
    }
    let width = report
        .headings
        .iter()
        .map(|h| h.line.to_string().len())
        .max()
        .unwrap_or(1);
    if report.headings.is_empty() {
        writeln!(out, "  (no headings)")?;
    }
    for h in &report.headings {
        let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)));
        let roles = if h.level == 1 || !h.roles.is_empty() {
            let names: Vec<&str> = h.roles.iter().map(|r| r.name()).collect();
            let names = if names.is_empty() {
                "no role".to_string()
            } else {
                names.join(", ")
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
    let missing: Vec<&str> = report.sections_missing.iter().map(|r| r.name()).collect();
    writeln!(out, "missing sections: {}", none_or(&missing.join(", ")))?;
    if report.numbering_errors.is_empty() {
        writeln!(out, "numbering errors: none")?;
    } else {
        writeln!(out, "numbering errors:")?;
        for e in &report.numbering_errors {
            writeln!(
                out,
                "  {}:{}: expected {}, found {}",
                e.line, e.column, e.expected, e.found
            )?;
        }
    }
    write_completeness(out, &report.completeness)
}

fn write_completeness(out: &mut dyn Write, c: &Completeness) -> io::Result<()> {
    match (c.score, c.structure, c.filled, c.form) {
        (Some(score), Some(structure), Some(filled), Some(form)) => writeln!(
            out,
            "completeness: {score:.3} (structure {structure:.3} · filled {filled:.3} · form {form:.3})"
        )?,
        _ => writeln!(out, "completeness: none (nothing to score)")?,
    }
    let b = &c.breakdown;
    let slots: usize = b.slots.values().sum();
    let kinds: Vec<String> = b.slots.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(" ({})", kinds.join(", "))
    };
    writeln!(
        out,
        "  slots {slots}{kinds} · missing roles {} · empty sections {} · numbering errors {} · heading style {} · unbalanced {}",
        b.missing_roles, b.empty_sections, b.numbering_errors, b.heading_style, b.unbalanced
    )
}

fn none_or(list: &str) -> &str {
    if list.is_empty() { "none" } else { list }
}
