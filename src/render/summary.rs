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

/// The messages of the summary, in one place for translation (texts in `locales/`).
mod msg {
    use crate::i18n::{Lang, Message};

    pub fn archive(lang: Lang, documents: usize, analysed: usize, failed: usize) -> String {
        Message::new("summary-archive")
            .arg("documents", documents)
            .arg("analysed", analysed)
            .arg("failed", failed)
            .say(lang)
    }

    pub fn completeness(lang: Lang, mean: Option<f64>, complete: u64, with_slots: u64) -> String {
        let mean = mean.map_or_else(|| lang.tr("outline-none"), |m| format!("{m:.3}"));
        Message::new("summary-completeness")
            .arg("mean", mean)
            .arg("complete", complete)
            .arg("slots", with_slots)
            .say(lang)
    }

    pub fn most_slots(lang: Lang, shown: usize, total: u64) -> String {
        Message::new("summary-most-slots")
            .arg("shown", shown)
            .arg("total", total)
            .say(lang)
    }

    pub fn top_of(lang: Lang, shown: usize, total: usize, columns: &'static str) -> String {
        Message::new("summary-top-of")
            .arg("shown", shown)
            .arg("total", total)
            .arg("columns", Message::new(columns))
            .say(lang)
    }

    pub fn more(lang: Lang, n: usize) -> String {
        Message::new("summary-more").arg("n", n).say(lang)
    }

    pub fn found_in(lang: Lang, places: &str, more: usize) -> String {
        Message::new("summary-found-in")
            .arg("places", places)
            .arg("more", more)
            .say(lang)
    }

    pub fn no_duplicates(lang: Lang, threshold: f64) -> String {
        Message::new("summary-no-duplicates")
            .arg("threshold", format!("{threshold:.2}"))
            .say(lang)
    }

    pub fn clusters(lang: Lang, clusters: usize, documents: usize, threshold: f64) -> String {
        Message::new("summary-clusters")
            .arg("clusters", clusters)
            .arg("documents", documents)
            .arg("threshold", format!("{threshold:.2}"))
            .say(lang)
    }

    pub fn cluster(lang: Lang, number: usize, size: usize, pairs: u64) -> String {
        Message::new("summary-cluster")
            .arg("number", number)
            .arg("size", size)
            .arg("pairs", pairs)
            .say(lang)
    }

    pub fn representative(lang: Lang, path: &str) -> String {
        Message::new("summary-representative")
            .arg("path", path)
            .say(lang)
    }

    pub fn more_clusters(lang: Lang, n: usize) -> String {
        Message::new("summary-more-clusters").arg("n", n).say(lang)
    }

    pub fn pairs(lang: Lang, total: usize, shown: usize) -> String {
        Message::new("summary-pairs")
            .arg("total", total)
            .arg("shown", shown)
            .say(lang)
    }

    pub fn passage(
        lang: Lang,
        a: (usize, usize),
        b: (usize, usize),
        chars: usize,
        excerpt: &str,
    ) -> String {
        Message::new("summary-passage")
            .arg("a", format!("{}:{}", a.0, a.1))
            .arg("b", format!("{}:{}", b.0, b.1))
            .arg("chars", chars)
            .arg("excerpt", excerpt)
            .say(lang)
    }

    pub fn passages_more(lang: Lang, n: usize, chars: usize) -> String {
        Message::new("summary-passages-more")
            .arg("n", n)
            .arg("chars", chars)
            .say(lang)
    }

    pub fn unverifiable(lang: Lang, total: usize) -> String {
        Message::new("summary-unverifiable")
            .arg("total", total)
            .say(lang)
    }

    pub fn unscored(lang: Lang, n: u64) -> String {
        Message::new("summary-unscored").arg("n", n).say(lang)
    }

    pub fn labelled(lang: Lang, id: &'static str, list: String) -> String {
        Message::new(id).arg("list", list).say(lang)
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
        h(&style.tr("summary-archive-heading")),
        msg::archive(style.lang, c.documents, c.documents - c.failed, c.failed)
    )?;
    write_completeness(out, c, style)?;
    if !c.repeated_phrases.is_empty() {
        writeln!(out)?;
        let shown = c.repeated_phrases.len().min(ROWS);
        writeln!(
            out,
            "{} {}",
            h(&style.tr("summary-phrases-heading")),
            msg::top_of(
                style.lang,
                shown,
                c.repeated_phrases_total,
                "summary-columns-documents-count"
            )
        )?;
        for p in c.repeated_phrases.iter().take(ROWS) {
            writeln!(out, "  {:>7} {:>7}  {}", p.documents, p.count, p.phrase)?;
        }
        more_line(
            out,
            style,
            c.repeated_phrases_total - shown.min(c.repeated_phrases_total),
        )?;
    }
    if !c.shared_sentences.is_empty() {
        writeln!(out)?;
        let shown = c.shared_sentences.len().min(ROWS);
        writeln!(
            out,
            "{} {}",
            h(&style.tr("summary-sentences-heading")),
            msg::top_of(
                style.lang,
                shown,
                c.shared_sentences_total,
                "summary-columns-documents"
            )
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
                msg::found_in(style.lang, &places.join(&style.tr("list-separator")), more)
            )?;
        }
        more_line(out, style, c.shared_sentences_total.saturating_sub(shown))?;
    }
    write_near_duplicates(out, c, style, options)
}

fn write_completeness(out: &mut dyn Write, c: &CorpusReport, style: Style) -> io::Result<()> {
    let comp = &c.completeness;
    writeln!(out)?;
    let sep = style.tr("list-separator");
    writeln!(
        out,
        "{} {}",
        style.paint("1", &style.tr("summary-completeness-heading")),
        msg::completeness(
            style.lang,
            comp.mean,
            comp.complete,
            comp.documents_with_slots
        )
    )?;
    if comp.unscored > 0 {
        writeln!(out, "  {}", msg::unscored(style.lang, comp.unscored))?;
    }
    if !comp.profiles.is_empty() {
        let parts: Vec<String> = comp
            .profiles
            .iter()
            .map(|(p, n)| format!("{} {n}", super::profile_shown(p, style.lang)))
            .collect();
        let line = msg::labelled(style.lang, "summary-profiles", parts.join(&sep));
        writeln!(out, "  {line}")?;
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
            .map(|(r, n)| format!("{} {n}", style.tr(&format!("role-{}", r.name()))))
            .collect();
        let line = msg::labelled(style.lang, "summary-missing", parts.join(&sep));
        writeln!(out, "  {line}")?;
    }
    if !comp.slots_by_kind.is_empty() {
        let parts: Vec<String> = comp
            .slots_by_kind
            .iter()
            .map(|(k, n)| format!("{} {n}", style.tr(&format!("kind-{k}"))))
            .collect();
        let line = msg::labelled(style.lang, "summary-slots-by-kind", parts.join(&sep));
        writeln!(out, "  {line}")?;
    }
    if !comp.most_slots.is_empty() {
        let shown = comp.most_slots.len().min(ROWS);
        writeln!(
            out,
            "  {}",
            msg::most_slots(style.lang, shown, comp.documents_with_slots)
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
            h(&style.tr("summary-duplicates-heading")),
            msg::no_duplicates(style.lang, check.threshold)
        )?;
    }
    if !c.clusters.is_empty() {
        let documents = c.clusters.iter().map(|cl| cl.size).sum();
        writeln!(
            out,
            "{} {}",
            h(&style.tr("summary-clusters-heading")),
            msg::clusters(style.lang, c.clusters.len(), documents, check.threshold)
        )?;
        for (i, cl) in c.clusters.iter().take(ROWS).enumerate() {
            write_cluster(out, i + 1, cl, style, options)?;
        }
        if c.clusters.len() > ROWS {
            writeln!(
                out,
                "  {}",
                msg::more_clusters(style.lang, c.clusters.len() - ROWS)
            )?;
        }
    }
    if c.near_duplicates_total > 0 {
        let shown = c.near_duplicates.len().min(ROWS);
        writeln!(
            out,
            "{} {}",
            h(&style.tr("summary-pairs-heading")),
            msg::pairs(style.lang, c.near_duplicates_total, shown)
        )?;
        for p in c.near_duplicates.iter().take(ROWS) {
            writeln!(out, "  {:.3}  {}  ~  {}", p.similarity, p.a, p.b)?;
            if options.show_shared {
                write_shared(out, &p.shared, "         ", style)?;
            }
        }
        more_line(out, style, c.near_duplicates_total - shown)?;
    }
    if check.unverifiable_total > 0 {
        writeln!(
            out,
            "  {}",
            msg::unverifiable(style.lang, check.unverifiable_total)
        )?;
        for path in check.unverifiable.iter().take(ROWS) {
            writeln!(out, "    {path}")?;
        }
        more_line(
            out,
            style,
            check.unverifiable_total - check.unverifiable.len().min(ROWS),
        )?;
    }
    Ok(())
}

fn write_cluster(
    out: &mut dyn Write,
    number: usize,
    cl: &Cluster,
    style: Style,
    options: &SummaryOptions,
) -> io::Result<()> {
    writeln!(
        out,
        "  {}",
        msg::cluster(style.lang, number, cl.size, cl.pairs_at_least)
    )?;
    writeln!(
        out,
        "    {}",
        msg::representative(style.lang, &cl.representative)
    )?;
    for m in cl.members.iter().take(MEMBERS) {
        writeln!(out, "    {:.3}  {}", m.similarity, m.path)?;
        if options.show_shared {
            write_shared(out, &m.shared, "           ", style)?;
        }
    }
    if cl.members.len() > MEMBERS {
        writeln!(
            out,
            "    {}",
            msg::more(style.lang, cl.members.len() - MEMBERS)
        )?;
    }
    Ok(())
}

fn write_shared(
    out: &mut dyn Write,
    shared: &Shared,
    indent: &str,
    style: Style,
) -> io::Result<()> {
    for p in &shared.passages {
        writeln!(out, "{indent}{}", passage_line(p, style))?;
    }
    if shared.total > shared.passages.len() {
        writeln!(
            out,
            "{indent}{}",
            msg::passages_more(style.lang, shared.total, shared.chars)
        )?;
    }
    Ok(())
}

fn passage_line(p: &Passage, style: Style) -> String {
    // The excerpt is the passage's start in the `a` document: an ellipsis says
    // when the passage goes on.
    let cut = p.excerpt.len() < p.a.byte_end.saturating_sub(p.a.byte_start);
    // A passage may run over a line end; on one summary line it reads as a space.
    let mut excerpt = p.excerpt.replace("\r\n", " ").replace(['\n', '\r'], " ");
    if cut {
        excerpt.push('…');
    }
    msg::passage(
        style.lang,
        (p.a.line, p.a.column),
        (p.b.line, p.b.column),
        p.chars,
        &excerpt,
    )
}

fn more_line(out: &mut dyn Write, style: Style, more: usize) -> io::Result<()> {
    if more > 0 {
        writeln!(out, "  {}", msg::more(style.lang, more))?;
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
        use crate::i18n::Lang;
        assert_eq!(
            msg::archive(Lang::En, 1, 1, 0),
            "1 document, 1 analysed, 0 failed"
        );
        assert_eq!(
            msg::archive(Lang::En, 2, 2, 0),
            "2 documents, 2 analysed, 0 failed"
        );
        assert_eq!(
            msg::cluster(Lang::En, 3, 4, 1),
            "cluster 3: 4 documents, at least 1 near-duplicate pair"
        );
        assert_eq!(
            msg::archive(Lang::Zh, 1, 1, 0),
            "共 1 份文稿，分析 1 份，失败 0 份"
        );
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
        let style = Style::default();
        assert_eq!(
            passage_line(&p, style),
            "2:3 ↔ 5:3, 14 chars: 有章可循、有据可依。 （一）…"
        );
        let whole = Passage {
            a: span(2, p.excerpt.len()),
            ..p.clone()
        };
        assert!(!passage_line(&whole, style).ends_with('…'));
    }
}
