//! Text output of `zongjie phrases`: one block per document — official phrases
//! grouped by category, titles, quotes, keywords, repeated phrases and overused
//! words — each list in the order the analyzers returned it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Style;
use crate::i18n::Message;
use crate::report::{DocReport, TextCount};

/// Writes the phrase block of one readable document.
pub fn write_phrases(out: &mut dyn Write, r: &DocReport, style: Style) -> io::Result<()> {
    let head = Message::new("phrases-head")
        .arg("path", &r.path)
        .arg("encoding", &r.encoding)
        .arg("tokens", r.tokens)
        .say(style.lang);
    writeln!(out, "{}", style.paint("1", &head))?;
    let section = |id: &str, n: usize| {
        let name = style.tr(id);
        style.paint("1;36", &format!("{name} ({n})"))
    };

    writeln!(out, "  {}", section("phrases-phrases", r.phrases.len()))?;
    // Categories in name order; phrases keep their count order within each.
    let mut by_category: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for p in &r.phrases {
        by_category
            .entry(&p.category)
            .or_default()
            .push(format!("{} ×{}", p.phrase, p.count));
    }
    for (category, items) in &by_category {
        let name = style.tr(&format!("category-{category}"));
        // A user's own category has no translation: show it as written.
        let name = if name.starts_with("category-") {
            category.to_string()
        } else {
            name
        };
        writeln!(
            out,
            "    {name}{}{}",
            style.tr("colon"),
            items.join(&style.tr("list-separator"))
        )?;
    }

    writeln!(out, "  {}", section("phrases-titles", r.titles.len()))?;
    write_texts(out, &r.titles, '《', '》', style)?;
    writeln!(out, "  {}", section("phrases-quotes", r.quotes.len()))?;
    write_texts(out, &r.quotes, '“', '”', style)?;

    writeln!(out, "  {}", section("phrases-keywords", r.keywords.len()))?;
    if !r.keywords.is_empty() {
        let words: Vec<String> = r
            .keywords
            .iter()
            .map(|k| format!("{} {:.3}", k.word, k.weight))
            .collect();
        writeln!(out, "    {}", words.join(&style.tr("list-separator")))?;
    }

    writeln!(
        out,
        "  {}",
        section("phrases-repeated", r.repeated_phrases.len())
    )?;
    for p in &r.repeated_phrases {
        writeln!(out, "    {} ×{}", p.phrase, p.count)?;
    }
    writeln!(out, "  {}", section("phrases-overused", r.overused.len()))?;
    for w in &r.overused {
        let rate = Message::new("phrases-rate")
            .arg("rate", format!("{:.1}", w.per_1000_chars))
            .say(style.lang);
        writeln!(out, "    {} ×{} {rate}", w.word, w.count)?;
    }
    Ok(())
}

fn write_texts(
    out: &mut dyn Write,
    texts: &[TextCount],
    open: char,
    close: char,
    style: Style,
) -> io::Result<()> {
    for t in texts {
        let line = Message::new("phrases-first-line")
            .arg("line", t.first_line)
            .say(style.lang);
        writeln!(out, "    {open}{}{close} ×{}  {line}", t.text, t.count)?;
    }
    Ok(())
}
