//! The text summary of `analyze` on a terminal: archive totals, completeness,
//! top findings. Lists are cut to a readable length; JSON has everything.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Style;
use crate::corpus::CorpusReport;

/// Rows shown per list.
const ROWS: usize = 10;
/// Width of the histogram bars.
const BAR: usize = 40;

/// Writes the corpus summary.
pub fn write_corpus_summary(out: &mut dyn Write, c: &CorpusReport, style: Style) -> io::Result<()> {
    let h = |s: &str| style.paint("1", s);
    writeln!(
        out,
        "{} {} documents, {} analysed, {} failed",
        h("Archive:"),
        c.documents,
        c.documents - c.failed,
        c.failed
    )?;
    let comp = &c.completeness;
    writeln!(out)?;
    let mean = comp
        .mean
        .map_or_else(|| "none".to_string(), |m| format!("{m:.3}"));
    writeln!(
        out,
        "{} mean {mean}, {} complete, {} with unfilled slots",
        h("Completeness:"),
        comp.complete,
        comp.documents_with_slots
    )?;
    if comp.unscored > 0 {
        writeln!(out, "  {} empty, with no score", comp.unscored)?;
    }
    if !comp.profiles.is_empty() {
        let parts: Vec<String> = comp
            .profiles
            .iter()
            .map(|(p, n)| format!("{p} {n}"))
            .collect();
        writeln!(out, "  profiles: {}", parts.join(", "))?;
    }
    let max = comp
        .histogram
        .iter()
        .map(|b| b.documents)
        .max()
        .unwrap_or(0)
        .max(1);
    for bin in &comp.histogram {
        let len = (bin.documents as usize * BAR).div_ceil(max as usize);
        writeln!(
            out,
            "  {:.1}–{:.1} {:>7} {}",
            bin.from,
            bin.to,
            bin.documents,
            style.paint("32", &"█".repeat(len))
        )?;
    }
    if !comp.missing_roles.is_empty() {
        let parts: Vec<String> = comp
            .missing_roles
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        writeln!(out, "  missing sections: {}", parts.join(", "))?;
    }
    if !comp.slots_by_kind.is_empty() {
        let parts: Vec<String> = comp
            .slots_by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        writeln!(out, "  unfilled slots by kind: {}", parts.join(", "))?;
    }
    if !comp.most_slots.is_empty() {
        writeln!(out, "  most unfilled slots:")?;
        for d in comp.most_slots.iter().take(ROWS) {
            writeln!(out, "  {:>7}  {}", d.slots, d.path)?;
        }
    }
    if !c.repeated_phrases.is_empty() {
        writeln!(out)?;
        writeln!(out, "{} (documents, count)", h("Repeated phrases"))?;
        for p in c.repeated_phrases.iter().take(ROWS) {
            writeln!(out, "  {:>7} {:>7}  {}", p.documents, p.count, p.phrase)?;
        }
    }
    if !c.shared_sentences.is_empty() {
        writeln!(out)?;
        writeln!(out, "{} (documents)", h("Shared sentences"))?;
        for s in c.shared_sentences.iter().take(ROWS) {
            writeln!(out, "  {:>7}  {}", s.documents, clip(&s.sentence, 60))?;
        }
    }
    if !c.near_duplicates.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{} {} pairs",
            h("Near-duplicates:"),
            c.near_duplicates.len()
        )?;
        let mut top: Vec<_> = c.near_duplicates.iter().collect();
        top.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| (&a.a, &a.b).cmp(&(&b.a, &b.b)))
        });
        for p in top.into_iter().take(ROWS) {
            writeln!(out, "  {:.3}  {}  ~  {}", p.similarity, p.a, p.b)?;
        }
        for (i, cl) in c.clusters.iter().take(ROWS).enumerate() {
            writeln!(
                out,
                "  cluster {}: {} documents (similarity ≥ {:.3}): {}",
                i + 1,
                cl.documents.len(),
                cl.min_similarity,
                cl.documents
                    .iter()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
    }
    Ok(())
}

/// Cuts `s` to about `width` display columns.
fn clip(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
