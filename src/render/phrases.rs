//! Text output of `zongjie phrases`: one block per document — official phrases
//! grouped by category, titles, quotes, keywords, repeated phrases and overused
//! words — each list in the order the analyzers returned it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Style;
use crate::report::{DocReport, TextCount};

/// Writes the phrase block of one readable document.
pub fn write_phrases(out: &mut dyn Write, r: &DocReport, style: Style) -> io::Result<()> {
    let head = format!("{} ({}, {} tokens)", r.path, r.encoding, r.tokens);
    writeln!(out, "{}", style.paint("1", &head))?;
    let section = |name: &str, n: usize| style.paint("1;36", &format!("{name} ({n})"));

    writeln!(out, "  {}", section("phrases", r.phrases.len()))?;
    // Categories in name order; phrases keep their count order within each.
    let mut by_category: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for p in &r.phrases {
        by_category
            .entry(&p.category)
            .or_default()
            .push(format!("{} ×{}", p.phrase, p.count));
    }
    for (category, items) in &by_category {
        writeln!(out, "    {category}: {}", items.join(", "))?;
    }

    writeln!(out, "  {}", section("titles", r.titles.len()))?;
    write_texts(out, &r.titles, '《', '》')?;
    writeln!(out, "  {}", section("quotes", r.quotes.len()))?;
    write_texts(out, &r.quotes, '“', '”')?;

    writeln!(out, "  {}", section("keywords", r.keywords.len()))?;
    if !r.keywords.is_empty() {
        let words: Vec<String> = r
            .keywords
            .iter()
            .map(|k| format!("{} {:.3}", k.word, k.weight))
            .collect();
        writeln!(out, "    {}", words.join(", "))?;
    }

    writeln!(
        out,
        "  {}",
        section("repeated phrases", r.repeated_phrases.len())
    )?;
    for p in &r.repeated_phrases {
        writeln!(out, "    {} ×{}", p.phrase, p.count)?;
    }
    writeln!(out, "  {}", section("overused words", r.overused.len()))?;
    for w in &r.overused {
        writeln!(
            out,
            "    {} ×{} ({:.1} per 1000 chars)",
            w.word, w.count, w.per_1000_chars
        )?;
    }
    Ok(())
}

fn write_texts(
    out: &mut dyn Write,
    texts: &[TextCount],
    open: char,
    close: char,
) -> io::Result<()> {
    for t in texts {
        writeln!(
            out,
            "    {open}{}{close} ×{}  (line {})",
            t.text, t.count, t.first_line
        )?;
    }
    Ok(())
}
