//! The text summary of `analyze` on a terminal: archive totals, completeness,
//! top findings. Lists are cut to a readable length, and every cut list says how
//! many it left out; JSON has everything.
//!
//! Every sentence a reader sees is built in [`msg`], so it can be translated in one
//! place.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Style;
use crate::corpus::CorpusReport;
use crate::corpus::neardup::{Cluster, Passage, Shared};

/// Rows shown per list.
const ROWS: usize = 10;
/// Members shown per cluster.
const MEMBERS: usize = 5;
/// Documents named per shared sentence.
const PLACES: usize = 3;
/// Width of the histogram bars.
const BAR: usize = 40;

/// What the text summary shows beyond the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct SummaryOptions {
    /// Show the passages each near-duplicate shares with its representative (or
    /// each pair between its two documents).
    pub show_shared: bool,
}

/// The messages of the summary, in one place for translation.
mod msg {
    /// `n` and the noun, singular or plural.
    pub fn count(n: usize, one: &str, many: &str) -> String {
        format!("{n} {}", if n == 1 { one } else { many })
    }

    pub fn archive(documents: usize, analysed: usize, failed: usize) -> String {
        format!(
            "{}, {analysed} analysed, {failed} failed",
            count(documents, "document", "documents")
        )
    }

    pub fn completeness(mean: f64, complete: u64, with_slots: u64) -> String {
        format!("mean {mean:.3}, {complete} complete, {with_slots} with unfilled slots")
    }

    pub fn most_slots(shown: usize, total: u64) -> String {
        format!("most unfilled slots (top {shown} of {total} documents with slots):")
    }

    pub fn top_of(shown: usize, total: usize, columns: &str) -> String {
        format!("top {shown} of {total} ({columns})")
    }

    pub fn more(n: usize) -> String {
        format!("… and {n} more")
    }

    pub fn found_in(places: &str, more: usize) -> String {
        if more == 0 {
            format!("in {places}")
        } else {
            format!("in {places} … and {more} more")
        }
    }

    pub fn no_duplicates(threshold: f64) -> String {
        format!("none at similarity {threshold:.2} or more")
    }

    pub fn clusters(clusters: usize, documents: usize, threshold: f64) -> String {
        format!(
            "{} of {} (each member's similarity to its representative ≥ {threshold:.2}; \
             the representative is the most central member)",
            count(clusters, "cluster", "clusters"),
            count(documents, "document", "documents"),
        )
    }

    pub fn cluster(number: usize, size: usize, pairs: u64) -> String {
        format!(
            "cluster {number}: {size} documents, at least {}",
            count(
                pairs as usize,
                "near-duplicate pair",
                "near-duplicate pairs"
            )
        )
    }

    pub fn representative(path: &str) -> String {
        format!("representative: {path}")
    }

    pub fn more_clusters(n: usize) -> String {
        format!("… and {} more", count(n, "cluster", "clusters"))
    }

    pub fn pairs(total: usize, shown: usize) -> String {
        format!(
            "{} verified; the {shown} most similar:",
            count(total, "pair", "pairs")
        )
    }

    pub fn passage(a: (usize, usize), b: (usize, usize), chars: usize, excerpt: &str) -> String {
        format!(
            "{}:{} ↔ {}:{}, {chars} chars: {excerpt}",
            a.0, a.1, b.0, b.1
        )
    }

    pub fn passages_more(n: usize, chars: usize) -> String {
        format!(
            "… {} in all, {chars} chars",
            count(n, "shared passage", "shared passages")
        )
    }

    pub fn unverifiable(total: usize) -> String {
        format!(
            "{} could not be re-read to verify (changed or unreadable):",
            count(total, "candidate document", "candidate documents")
        )
    }
}

/// Writes the corpus summary with the default options.
pub fn write_corpus_summary(out: &mut dyn Write, c: &CorpusReport, style: Style) -> io::Result<()> {
    write_corpus_summary_with(out, c, style, &SummaryOptions::default())
}

/// Writes the corpus summary.
pub fn write_corpus_summary_with(
    out: &mut dyn Write,
    c: &CorpusReport,
    style: Style,
    options: &SummaryOptions,
) -> io::Result<()> {
    let h = |s: &str| style.paint("1", s);
    writeln!(
        out,
        "{} {}",
        h("Archive:"),
        msg::archive(c.documents, c.documents - c.failed, c.failed)
    )?;
    write_completeness(out, c, style)?;
    if !c.repeated_phrases.is_empty() {
        writeln!(out)?;
        let shown = c.repeated_phrases.len().min(ROWS);
        writeln!(
            out,
            "{} {}",
            h("Repeated phrases:"),
            msg::top_of(shown, c.repeated_phrases_total, "documents, count")
        )?;
        for p in c.repeated_phrases.iter().take(ROWS) {
            writeln!(out, "  {:>7} {:>7}  {}", p.documents, p.count, p.phrase)?;
        }
        more_line(
            out,
            c.repeated_phrases_total - shown.min(c.repeated_phrases_total),
        )?;
    }
    if !c.shared_sentences.is_empty() {
        writeln!(out)?;
        let shown = c.shared_sentences.len().min(ROWS);
        writeln!(
            out,
            "{} {}",
            h("Shared sentences:"),
            msg::top_of(shown, c.shared_sentences_total, "documents")
        )?;
        for s in c.shared_sentences.iter().take(ROWS) {
            writeln!(out, "  {:>7}  {}", s.documents, clip(&s.sentence, 60))?;
            let places: Vec<String> = s
                .found_in
                .iter()
                .take(PLACES)
                .map(|p| format!("{}:{}", p.path, p.line))
                .collect();
            let more = (s.documents as usize).saturating_sub(places.len());
            writeln!(
                out,
                "  {:>7}  {}",
                "",
                msg::found_in(&places.join(", "), more)
            )?;
        }
        more_line(out, c.shared_sentences_total.saturating_sub(shown))?;
    }
    write_near_duplicates(out, c, style, options)
}

fn write_completeness(out: &mut dyn Write, c: &CorpusReport, style: Style) -> io::Result<()> {
    let comp = &c.completeness;
    writeln!(out)?;
    writeln!(
        out,
        "{} {}",
        style.paint("1", "Completeness:"),
        msg::completeness(comp.mean, comp.complete, comp.documents_with_slots)
    )?;
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
        let shown = comp.most_slots.len().min(ROWS);
        writeln!(
            out,
            "  {}",
            msg::most_slots(shown, comp.documents_with_slots)
        )?;
        for d in comp.most_slots.iter().take(ROWS) {
            writeln!(out, "  {:>7}  {}", d.slots, d.path)?;
        }
    }
    Ok(())
}

fn write_near_duplicates(
    out: &mut dyn Write,
    c: &CorpusReport,
    style: Style,
    options: &SummaryOptions,
) -> io::Result<()> {
    let h = |s: &str| style.paint("1", s);
    let check = &c.near_duplicate_check;
    writeln!(out)?;
    if c.clusters.is_empty() && c.near_duplicates_total == 0 {
        writeln!(
            out,
            "{} {}",
            h("Near-duplicates:"),
            msg::no_duplicates(check.threshold)
        )?;
    }
    if !c.clusters.is_empty() {
        let documents = c.clusters.iter().map(|cl| cl.size).sum();
        writeln!(
            out,
            "{} {}",
            h("Near-duplicate clusters:"),
            msg::clusters(c.clusters.len(), documents, check.threshold)
        )?;
        for (i, cl) in c.clusters.iter().take(ROWS).enumerate() {
            write_cluster(out, i + 1, cl, options)?;
        }
        if c.clusters.len() > ROWS {
            writeln!(out, "  {}", msg::more_clusters(c.clusters.len() - ROWS))?;
        }
    }
    if c.near_duplicates_total > 0 {
        let shown = c.near_duplicates.len().min(ROWS);
        writeln!(
            out,
            "{} {}",
            h("Near-duplicate pairs:"),
            msg::pairs(c.near_duplicates_total, shown)
        )?;
        for p in c.near_duplicates.iter().take(ROWS) {
            writeln!(out, "  {:.3}  {}  ~  {}", p.similarity, p.a, p.b)?;
            if options.show_shared {
                write_shared(out, &p.shared, "         ")?;
            }
        }
        more_line(out, c.near_duplicates_total - shown)?;
    }
    if check.unverifiable_total > 0 {
        writeln!(out, "  {}", msg::unverifiable(check.unverifiable_total))?;
        for path in check.unverifiable.iter().take(ROWS) {
            writeln!(out, "    {path}")?;
        }
        more_line(
            out,
            check.unverifiable_total - check.unverifiable.len().min(ROWS),
        )?;
    }
    Ok(())
}

fn write_cluster(
    out: &mut dyn Write,
    number: usize,
    cl: &Cluster,
    options: &SummaryOptions,
) -> io::Result<()> {
    writeln!(
        out,
        "  {}",
        msg::cluster(number, cl.size, cl.pairs_at_least)
    )?;
    writeln!(out, "    {}", msg::representative(&cl.representative))?;
    for m in cl.members.iter().take(MEMBERS) {
        writeln!(out, "    {:.3}  {}", m.similarity, m.path)?;
        if options.show_shared {
            write_shared(out, &m.shared, "           ")?;
        }
    }
    if cl.members.len() > MEMBERS {
        writeln!(out, "    {}", msg::more(cl.members.len() - MEMBERS))?;
    }
    Ok(())
}

fn write_shared(out: &mut dyn Write, shared: &Shared, indent: &str) -> io::Result<()> {
    for p in &shared.passages {
        writeln!(out, "{indent}{}", passage_line(p))?;
    }
    if shared.total > shared.passages.len() {
        writeln!(
            out,
            "{indent}{}",
            msg::passages_more(shared.total, shared.chars)
        )?;
    }
    Ok(())
}

fn passage_line(p: &Passage) -> String {
    // The excerpt is the passage's start in the `a` document: an ellipsis says
    // when the passage goes on.
    let cut = p.excerpt.len() < p.a.byte_end.saturating_sub(p.a.byte_start);
    // A passage may run over a line end; on one summary line it reads as a space.
    let mut excerpt = p.excerpt.replace("\r\n", " ").replace(['\n', '\r'], " ");
    if cut {
        excerpt.push('…');
    }
    msg::passage(
        (p.a.line, p.a.column),
        (p.b.line, p.b.column),
        p.chars,
        &excerpt,
    )
}

fn more_line(out: &mut dyn Write, more: usize) -> io::Result<()> {
    if more > 0 {
        writeln!(out, "  {}", msg::more(more))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    #[test]
    fn counts_are_singular_or_plural() {
        let cases = [(0, "0 documents"), (1, "1 document"), (2, "2 documents")];
        for (n, want) in cases {
            assert_eq!(msg::count(n, "document", "documents"), want);
        }
        assert_eq!(msg::archive(1, 1, 0), "1 document, 1 analysed, 0 failed");
    }

    /// A passage over a line end stays on one summary line, and says when its
    /// excerpt is cut.
    #[test]
    fn a_passage_is_one_line() {
        let span = |line, byte_end| Span {
            line,
            column: 3,
            end_line: line + 1,
            end_column: 2,
            byte_start: 0,
            byte_end,
        };
        let p = Passage {
            chars: 14,
            a: span(2, 200),
            b: span(5, 200),
            excerpt: "有章可循、有据可依。\n（一）".to_string(),
        };
        assert_eq!(
            passage_line(&p),
            "2:3 ↔ 5:3, 14 chars: 有章可循、有据可依。 （一）…"
        );
        let whole = Passage {
            a: span(2, p.excerpt.len()),
            ..p.clone()
        };
        assert!(!passage_line(&whole).ends_with('…'));
    }
}
