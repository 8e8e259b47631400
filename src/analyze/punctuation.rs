//! Punctuation of the genre, after GB/T 15834-2011 (标点符号用法), each finding with its fix:
//!
//! - `enumeration-comma`: a 顿号 between items that each carry quotation marks or book-title
//!   marks (`“四个意识”、“四个自信”` → `“四个意识”“四个自信”`, 4.5.3.5 of the standard). When
//!   something stands between a closing mark and the 顿号 (`《红楼梦》（曹雪芹）、《…》`) the
//!   顿号 is right, and is not reported.
//! - `halfwidth-punct`: a half-width `,` `;` `:` or a pair of half-width `( )` inside Chinese
//!   text (`学习,工作`, `《条例(试行)》`). Left alone: digits on both sides (`1,000`, `10:30`),
//!   ASCII on both sides (`XML,JSON`), URLs and e-mail addresses, inline `code` and fenced
//!   code blocks, Markdown links, and parentheses around a bare number or letter (`(一)`,
//!   `(1)`: list and heading markers, which `heading-style` reports).
//! - `mixed-quotes`: a document that quotes with more than one style of double quotation
//!   marks (`“…”`, straight `"…"`, full-width `＂…＂`, corner `「…」`). The canonical style is
//!   `“…”` when the document uses it at all (GB/T 15834 for horizontal text), otherwise its
//!   most used style; every quotation in another style is reported and fixed to it. Only
//!   outermost quotations holding Chinese count; single quotes are left alone, since they
//!   legitimately nest inside double ones.
//!
//! The checks were written here rather than taken from a CJK formatter: autocorrect (the
//! best-kept Rust crate for CJK text) is a whole-string formatter whose default rules put
//! spaces between Chinese and Latin letters or digits — wrong in official documents, and a
//! change on 97 of the 168 lines of our samples and the seed — and, with only its
//! full-width rule left on, it leaves `;`, `:` before digits and `( )` alone and knows
//! nothing of the 顿号 or quotation styles. It also keeps its configuration in a global.
//!
//! What must stay true: every finding with a fix has exactly one right answer; edits touch
//! only the marks they change, so fixes of different findings never overlap; applying all
//! fixes and checking again finds nothing with a fix. Findings come in text order.

use serde::Serialize;

use super::cjk::{is_cjk, is_han};
use super::fix::{Edit, Fix};
use crate::document::{Document, Span};
use crate::i18n::Message;

/// The kind of a punctuation finding; its kebab-case name is its id in output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PunctKind {
    /// A 顿号 between quoted or titled items.
    EnumerationComma,
    /// A half-width `,` `;` `:` `( )` in Chinese text.
    HalfwidthPunct,
    /// A quotation in a style other than the document's.
    MixedQuotes,
}

impl PunctKind {
    /// The kebab-case id.
    pub fn name(self) -> &'static str {
        match self {
            PunctKind::EnumerationComma => "enumeration-comma",
            PunctKind::HalfwidthPunct => "halfwidth-punct",
            PunctKind::MixedQuotes => "mixed-quotes",
        }
    }
}

/// One punctuation finding.
#[derive(Debug, Clone, PartialEq)]
pub struct PunctFinding {
    /// What is wrong.
    pub kind: PunctKind,
    /// Where: the marks involved and what they enclose.
    pub span: Span,
    /// The text at the span.
    pub text: String,
    /// A one-line explanation naming the right form.
    pub message: Message,
    /// The fix; every punctuation finding has one right answer.
    pub fix: Option<Fix>,
}

/// The messages of this module, in one place for translation (texts in `locales/`).
mod messages {
    use crate::i18n::Message;

    /// A 顿号 between quoted items: `found` as written, `fixed` without it.
    pub fn enumeration_comma(found: &str, fixed: &str) -> Message {
        Message::new("punctuation-enumeration-comma")
            .arg("found", found)
            .arg("fixed", fixed)
    }

    /// A half-width mark `found` that should be `right`.
    pub fn halfwidth(found: char, right: char) -> Message {
        Message::new("punctuation-halfwidth")
            .arg("found", found.to_string())
            .arg("right", right.to_string())
    }

    /// Half-width parentheses; `fixed` is the whole parenthesis written right.
    pub fn parentheses(fixed: &str) -> Message {
        Message::new("punctuation-parentheses").arg("fixed", fixed)
    }

    /// A quotation in another style than the document's.
    pub fn mixed_quotes(fixed: &str, canonical: &str) -> Message {
        Message::new("punctuation-mixed-quotes")
            .arg("fixed", fixed)
            .arg("canonical", canonical)
    }
}

/// Every punctuation finding in the document, in text order.
pub fn check_punctuation(doc: &Document) -> Vec<PunctFinding> {
    let mut out = Vec::new();
    let mut quotations: Vec<Quotation> = Vec::new();
    let mut in_fence = false;
    for line in doc.lines() {
        let trimmed = line.text.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !has_candidate(line.text) {
            continue;
        }
        let protected = protected_ranges(line.text);
        let ctx = LineCtx {
            doc,
            text: line.text,
            base: line.byte_start,
            protected: &protected,
        };
        // A line of English with Chinese words in it is not Chinese text.
        if !is_english(line.text) {
            halfwidth_marks(&ctx, &mut out);
            parentheses(&ctx, &mut out);
        }
        enumeration_commas(&ctx, &mut out);
        quotations.extend(line_quotations(&ctx));
    }
    mixed_quotes(doc, &quotations, &mut out);
    out.sort_by(|a, b| {
        (a.span.byte_start, a.kind, a.span.byte_end).cmp(&(
            b.span.byte_start,
            b.kind,
            b.span.byte_end,
        ))
    });
    out
}

/// Whether a line holds anything a check looks at: a half-width `, ; : ( ) " '`, or a
/// quotation or book-title mark (`“”‘’「」『』《》〈〉＂`). Most lines of a summary hold
/// none; skipping them with a byte scan saves decoding every char.
fn has_candidate(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b',' | b';' | b':' | b'(' | b')' | b'"' | b'\'' => true,
        // “ ” ‘ ’ are E2 80 98/99/9C/9D; 〈〉《》「」『』 are E3 80 88–8F; ＂ is EF BC 82.
        0xE2 => {
            bytes.get(i + 1) == Some(&0x80)
                && bytes
                    .get(i + 2)
                    .is_some_and(|c| matches!(c, 0x98 | 0x99 | 0x9C | 0x9D))
        }
        0xE3 => {
            bytes.get(i + 1) == Some(&0x80)
                && bytes.get(i + 2).is_some_and(|c| (0x88..=0x8F).contains(c))
        }
        0xEF => bytes.get(i + 1) == Some(&0xBC) && bytes.get(i + 2) == Some(&0x82),
        _ => false,
    })
}

/// Whether a line is English text quoting Chinese: more Latin letters than Chinese
/// characters (`level-1 numbering 一、二、四: found where expected`).
fn is_english(line: &str) -> bool {
    let (mut latin, mut han) = (0usize, 0usize);
    for c in line.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if is_han(c) {
            han += 1;
        }
    }
    latin > han
}

/// One line being checked.
struct LineCtx<'a> {
    doc: &'a Document,
    text: &'a str,
    /// Byte offset of the line in the document.
    base: usize,
    /// Byte ranges of the line (relative to it) never checked: code and addresses.
    protected: &'a [(usize, usize)],
}

impl LineCtx<'_> {
    fn is_protected(&self, at: usize) -> bool {
        let i = self.protected.partition_point(|&(_, end)| end <= at);
        self.protected.get(i).is_some_and(|&(start, _)| start <= at)
    }

    fn before(&self, at: usize) -> Option<char> {
        self.text.get(..at)?.chars().next_back()
    }

    fn after(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    fn finding(
        &self,
        kind: PunctKind,
        start: usize,
        end: usize,
        message: Message,
        edits: Vec<Edit>,
    ) -> PunctFinding {
        let edits = edits
            .into_iter()
            .map(|e| {
                Edit::new(
                    e.byte_start + self.base,
                    e.byte_end + self.base,
                    e.replacement,
                )
            })
            .collect();
        PunctFinding {
            kind,
            span: self.doc.span(self.base + start, self.base + end),
            text: self.text.get(start..end).unwrap_or_default().to_string(),
            message,
            fix: Some(Fix::many(edits)),
        }
    }
}

/// Inline code spans and ASCII tokens that are URLs or e-mail addresses, in order.
fn protected_ranges(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // `code`: backticks pair up in order; an unpaired last one protects nothing.
    let ticks: Vec<usize> = line.match_indices('`').map(|(i, _)| i).collect();
    for pair in ticks.chunks_exact(2) {
        if let [open, close] = pair {
            out.push((*open, close + 1));
        }
    }
    // Runs of printable ASCII without spaces that look like addresses.
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(|b| b.is_ascii_graphic()) {
            let start = i;
            while bytes.get(i).is_some_and(|b| b.is_ascii_graphic()) {
                i += 1;
            }
            let token = line.get(start..i).unwrap_or_default();
            let lower = token.to_ascii_lowercase();
            let address = lower.contains("://")
                || lower.starts_with("www.")
                || lower.contains("www.")
                || (token.contains('@') && token.contains('.'));
            if address {
                out.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    out.sort_unstable();
    out
}

/// Half-width `,` `;` `:` with Chinese text beside them.
fn halfwidth_marks(ctx: &LineCtx<'_>, out: &mut Vec<PunctFinding>) {
    for (i, c) in ctx
        .text
        .match_indices([',', ';', ':'])
        .filter_map(|(i, s)| Some((i, s.chars().next()?)))
    {
        if ctx.is_protected(i) {
            continue;
        }
        let left = ctx.before(i);
        let rest = ctx.text.get(i + 1..).unwrap_or_default();
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let right = rest.trim_start_matches(' ').chars().next();
        let ascii_both = left.is_some_and(|l| l.is_ascii_alphanumeric())
            && right.is_some_and(|r| r.is_ascii_alphanumeric());
        // Followed by a space, the mark is typed the English way: it is in Chinese text
        // only with Chinese on both sides (`学习, 工作`, not `Note: 请`).
        let chinese = if spaces > 0 {
            left.is_some_and(is_cjk) && right.is_some_and(is_cjk)
        } else {
            left.is_some_and(is_cjk) || right.is_some_and(is_cjk)
        };
        if ascii_both || !chinese {
            continue;
        }
        // A Markdown heading or list marker never has one of these, so a mark at the very
        // start of a line with nothing before it is a stray, still worth reporting.
        let wide = match c {
            ',' => '，',
            ';' => '；',
            _ => '：',
        };
        // The space a writer of English puts after the mark goes with it before Chinese.
        let end = if right.is_some_and(is_cjk) {
            i + 1 + spaces
        } else {
            i + 1
        };
        out.push(ctx.finding(
            PunctKind::HalfwidthPunct,
            i,
            i + 1,
            messages::halfwidth(c, wide),
            vec![Edit::new(i, end, wide.to_string())],
        ));
    }
}

/// Pairs of parentheses, either width, at least one mark half-width, around Chinese text.
fn parentheses(ctx: &LineCtx<'_>, out: &mut Vec<PunctFinding>) {
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, c) in ctx.text.char_indices() {
        match c {
            '(' | '（' => stack.push((i, c)),
            ')' | '）' => {
                let Some((open_at, open)) = stack.pop() else {
                    continue;
                };
                if open == '（' && c == '）' {
                    continue;
                }
                if let Some(found) = paren_finding(ctx, open_at, open, i, c) {
                    out.push(found);
                }
            }
            _ => {}
        }
    }
}

fn paren_finding(
    ctx: &LineCtx<'_>,
    open_at: usize,
    open: char,
    close_at: usize,
    close: char,
) -> Option<PunctFinding> {
    let ascii_marks: Vec<(usize, char)> = [(open_at, open), (close_at, close)]
        .into_iter()
        .filter(|(_, c)| c.is_ascii())
        .collect();
    if ascii_marks.iter().any(|&(at, _)| ctx.is_protected(at)) {
        return None;
    }
    // A Markdown link: `[text](url)`.
    if open == '(' && ctx.before(open_at) == Some(']') {
        return None;
    }
    let content = ctx.text.get(open_at + open.len_utf8()..close_at)?;
    let bare = content.trim();
    let marker = bare.is_empty()
        || bare.chars().all(|c| {
            super::cjk::is_han_numeral(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
        })
        || (bare.chars().count() == 1 && bare.chars().all(|c| c.is_ascii_alphabetic()));
    if marker {
        return None;
    }
    let outside_cjk = ctx.before(open_at).is_some_and(is_cjk)
        && ctx.after(close_at + close.len_utf8()).is_none_or(is_cjk);
    if !(content.chars().any(is_han) || outside_cjk) {
        return None;
    }
    let end = close_at + close.len_utf8();
    let edits: Vec<Edit> = ascii_marks
        .iter()
        .map(|&(at, c)| Edit::new(at, at + 1, if c == '(' { "（" } else { "）" }))
        .collect();
    let fixed = format!("（{content}）");
    Some(ctx.finding(
        PunctKind::HalfwidthPunct,
        open_at,
        end,
        messages::parentheses(&fixed),
        edits,
    ))
}

/// Closing and opening book-title marks; quotation marks of every style are one family,
/// so `」、“` counts too (a `mixed-quotes` fix would turn it into `”、“`).
const TITLE_MARKS: &[(char, char)] = &[('》', '《'), ('〉', '〈')];
const CLOSING_QUOTES: &[char] = &['”', '」', '』', '’'];
const OPENING_QUOTES: &[char] = &['“', '「', '『', '‘'];

/// The pair of `mark`, a closing mark (`”` → `“`), or of an opening one (`“` → `”`).
fn partner(mark: char) -> Option<char> {
    let pairs = [
        ('“', '”'),
        ('「', '」'),
        ('『', '』'),
        ('‘', '’'),
        ('《', '》'),
        ('〈', '〉'),
        ('"', '"'),
        ('＂', '＂'),
    ];
    pairs.iter().find_map(|&(open, close)| {
        if mark == close {
            Some(open)
        } else if mark == open {
            Some(close)
        } else {
            None
        }
    })
}

/// Items longer than this are shown by their marks only.
const ITEM_CHARS: usize = 24;

/// Where the item closed by `close` at `at` opens, within [`ITEM_CHARS`].
fn item_start(line: &str, at: usize, close: char) -> Option<usize> {
    let open = partner(close)?;
    line[..at]
        .char_indices()
        .rev()
        .take(ITEM_CHARS)
        .find(|&(_, c)| c == open)
        .map(|(j, _)| j)
}

/// Where the item opened by `open` at `at` closes (after the mark), within [`ITEM_CHARS`].
fn item_end(line: &str, at: usize, open: char) -> Option<usize> {
    let close = partner(open)?;
    let body = at + open.len_utf8();
    line[body..]
        .char_indices()
        .take(ITEM_CHARS)
        .find(|&(_, c)| c == close)
        .map(|(j, c)| body + j + c.len_utf8())
}

/// `”、“`, `》、《` and the like, with straight quotes where the first one closes a pair.
fn enumeration_commas(ctx: &LineCtx<'_>, out: &mut Vec<PunctFinding>) {
    let closers = straight_closers(ctx.text);
    let paired = |mark: char| ctx.text.matches(mark).count().is_multiple_of(2);
    let (ascii_paired, wide_paired) = (paired('"'), paired('＂'));
    let straight_at = |at: usize, closing: bool| {
        let kind_paired = match ctx.after(at) {
            Some('"') => ascii_paired,
            Some('＂') => wide_paired,
            _ => false,
        };
        kind_paired && closers.binary_search(&at).is_ok() == closing
    };
    for (i, _) in ctx.text.match_indices('、') {
        if ctx.is_protected(i) {
            continue;
        }
        let (Some(prev), Some(next)) = (ctx.before(i), ctx.after(i + '、'.len_utf8())) else {
            continue;
        };
        let prev_at = i - prev.len_utf8();
        let next_at = i + '、'.len_utf8();
        let closes = CLOSING_QUOTES.contains(&prev) || straight_at(prev_at, true);
        let opens = OPENING_QUOTES.contains(&next) || straight_at(next_at, false);
        if !(TITLE_MARKS.contains(&(prev, next)) || (closes && opens)) {
            continue;
        }
        let end = next_at + next.len_utf8();
        // The message shows the two items whole when their other marks are near
        // (`“四个意识”、“四个自信”` → `“四个意识”“四个自信”`), else the marks alone.
        let from = item_start(ctx.text, prev_at, prev).unwrap_or(prev_at);
        let to = item_end(ctx.text, next_at, next).unwrap_or(end);
        let found = &ctx.text[from..to];
        let fixed = format!("{}{}", &ctx.text[from..i], &ctx.text[next_at..to]);
        out.push(ctx.finding(
            PunctKind::EnumerationComma,
            prev_at,
            end,
            messages::enumeration_comma(found, &fixed),
            vec![Edit::new(i, next_at, "")],
        ));
    }
}

/// Offsets of the straight quotes (`"` and `＂`, each its own sequence) that close a pair,
/// on a line where each kind pairs up evenly; sorted.
fn straight_closers(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for mark in ['"', '＂'] {
        let at: Vec<usize> = line.match_indices(mark).map(|(i, _)| i).collect();
        if at.len().is_multiple_of(2) {
            out.extend(at.iter().skip(1).step_by(2));
        }
    }
    out.sort_unstable();
    out
}

/// A style of double quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum QuoteStyle {
    Curly,
    Corner,
    Straight,
    FullwidthStraight,
}

impl QuoteStyle {
    const ALL: [QuoteStyle; 4] = [
        QuoteStyle::Curly,
        QuoteStyle::Corner,
        QuoteStyle::Straight,
        QuoteStyle::FullwidthStraight,
    ];

    fn marks(self) -> (char, char) {
        match self {
            QuoteStyle::Curly => ('“', '”'),
            QuoteStyle::Corner => ('「', '」'),
            QuoteStyle::Straight => ('"', '"'),
            QuoteStyle::FullwidthStraight => ('＂', '＂'),
        }
    }
}

/// An outermost quotation holding Chinese text.
#[derive(Debug, Clone)]
struct Quotation {
    style: QuoteStyle,
    /// Byte offsets in the document of the opening and the closing mark.
    open: usize,
    close: usize,
}

/// The outermost quotations of a line that hold Chinese text.
fn line_quotations(ctx: &LineCtx<'_>) -> Vec<Quotation> {
    let mut pairs: Vec<(QuoteStyle, usize, usize)> = Vec::new();
    // Curly and corner quotes nest; a stack per style pairs them.
    for style in [QuoteStyle::Curly, QuoteStyle::Corner] {
        let (open, close) = style.marks();
        let mut stack = Vec::new();
        for (i, c) in ctx.text.char_indices() {
            if c == open {
                stack.push(i);
            } else if c == close
                && let Some(o) = stack.pop()
            {
                pairs.push((style, o, i));
            }
        }
    }
    // Straight quotes pair in order, on a line where they pair up evenly.
    for style in [QuoteStyle::Straight, QuoteStyle::FullwidthStraight] {
        let (mark, _) = style.marks();
        let at: Vec<usize> = ctx.text.match_indices(mark).map(|(i, _)| i).collect();
        if !at.len().is_multiple_of(2) {
            continue;
        }
        for pair in at.chunks_exact(2) {
            if let [o, c] = pair
                && !ctx.is_protected(*o)
                && !ctx.is_protected(*c)
            {
                pairs.push((style, *o, *c));
            }
        }
    }
    pairs.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
    let mut out = Vec::new();
    let mut reach = 0;
    for (style, open, close) in pairs {
        if open < reach {
            continue;
        }
        reach = close + 1;
        let content = ctx
            .text
            .get(open + style.marks().0.len_utf8()..close)
            .unwrap_or_default();
        if content.chars().any(is_han) {
            out.push(Quotation {
                style,
                open: ctx.base + open,
                close: ctx.base + close,
            });
        }
    }
    out
}

/// Quotations in a style other than the document's canonical one.
fn mixed_quotes(doc: &Document, quotations: &[Quotation], out: &mut Vec<PunctFinding>) {
    let count = |style: QuoteStyle| quotations.iter().filter(|q| q.style == style).count();
    let used: Vec<QuoteStyle> = QuoteStyle::ALL
        .into_iter()
        .filter(|&s| count(s) > 0)
        .collect();
    if used.len() < 2 {
        return;
    }
    let canonical = if count(QuoteStyle::Curly) > 0 {
        QuoteStyle::Curly
    } else {
        // The most used style; ties go to the earlier in ALL.
        used.iter()
            .copied()
            .max_by(|a, b| count(*a).cmp(&count(*b)).then(b.cmp(a)))
            .unwrap_or(QuoteStyle::Curly)
    };
    let (open_mark, close_mark) = canonical.marks();
    let example = format!("{open_mark}…{close_mark}");
    for q in quotations.iter().filter(|q| q.style != canonical) {
        let (open, close) = q.style.marks();
        let end = q.close + close.len_utf8();
        let text = doc.text().get(q.open..end).unwrap_or_default().to_string();
        let content = doc
            .text()
            .get(q.open + open.len_utf8()..q.close)
            .unwrap_or_default();
        let fixed = format!("{open_mark}{content}{close_mark}");
        out.push(PunctFinding {
            kind: PunctKind::MixedQuotes,
            span: doc.span(q.open, end),
            text,
            message: messages::mixed_quotes(&fixed, &example),
            fix: Some(Fix::many(vec![
                Edit::new(q.open, q.open + open.len_utf8(), open_mark.to_string()),
                Edit::new(q.close, end, close_mark.to_string()),
            ])),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fix::apply_fixes;

    fn found(text: &str) -> Vec<(&'static str, String)> {
        check_punctuation(&Document::from_str("t", text))
            .into_iter()
            .map(|f| (f.kind.name(), f.text))
            .collect()
    }

    fn fixed(text: &str) -> String {
        let found = check_punctuation(&Document::from_str("t", text));
        apply_fixes(text, found.iter().filter_map(|f| f.fix.as_ref())).unwrap()
    }

    /// One line a case: text, the findings (kind, text) it must give.
    #[test]
    fn cases() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // 顿号 between quoted or titled items.
            (
                "增强“四个意识”、“四个自信”",
                &[("enumeration-comma", "”、“")],
            ),
            ("学习《章程》、《准则》", &[("enumeration-comma", "》、《")]),
            (
                "围绕\"四个意识\"、\"四个自信\"",
                &[("enumeration-comma", "\"、\"")],
            ),
            // Something between the items: the 顿号 is right.
            ("《红楼梦》（曹雪芹）、《三国演义》（罗贯中）", &[]),
            ("“四个意识”“四个自信”", &[]),
            ("政治意识、大局意识", &[]),
            // An opening straight quote before 、 is not an item's end.
            ("\"甲、\"乙\"丙\"", &[]),
            // Half-width marks in Chinese text.
            ("学习,工作", &[("halfwidth-punct", ",")]),
            ("一是学习;二是工作", &[("halfwidth-punct", ";")]),
            ("联系电话:12345", &[("halfwidth-punct", ":")]),
            ("时间:10:30开会", &[("halfwidth-punct", ":")]),
            ("学习, 工作", &[("halfwidth-punct", ",")]),
            ("《条例(试行)》", &[("halfwidth-punct", "(试行)")]),
            ("国内生产总值(GDP)增长", &[("halfwidth-punct", "(GDP)")]),
            ("实施办法(试行）", &[("halfwidth-punct", "(试行）")]),
            // Not Chinese text, or not a mark of a sentence.
            ("共计1,000元", &[]),
            ("10:30至11:00", &[]),
            ("统一采用XML,JSON两种格式", &[]),
            ("Hello, world", &[]),
            ("Note: 请注意", &[]),
            (
                "level-1 numbering 一、二、四: found where 三 was expected (see 说明, 附件)",
                &[],
            ),
            ("网址http://a.cn/x,y说明", &[]),
            ("邮箱a,b@x.cn", &[]),
            ("运行`a,b`命令", &[]),
            ("(一)学习情况", &[]),
            ("（1）优化流程；(2)强化监管", &[]),
            ("(a)项", &[]),
            ("见[文件](http://x.cn/a)说明", &[]),
            ("函数f(x)的值", &[]),
            ("实施办法（试行）", &[]),
            ("XX:XX", &[]),
            // Mixed quotation marks: curly wins.
            (
                "“两学一做”和\"三严三实\"",
                &[("mixed-quotes", "\"三严三实\"")],
            ),
            (
                "「两学一做」和“三严三实”",
                &[("mixed-quotes", "「两学一做」")],
            ),
            // One style only, or no Chinese inside: nothing mixed.
            ("\"两学一做\"和\"三严三实\"", &[]),
            ("“两学一做”和\"OK\"", &[]),
            // A straight pair nested in curly quotes is not a second style.
            ("“学习\"两学一做\"”", &[]),
            // Single quotes nest; they never count as a style.
            ("“学习‘两学一做’”和‘三严三实’", &[]),
        ];
        for (text, want) in cases {
            let got = found(text);
            let want: Vec<(&str, String)> = want.iter().map(|(k, t)| (*k, t.to_string())).collect();
            assert_eq!(got, want, "text: {text}");
        }
    }

    /// One line a case: text, the text after applying every fix.
    #[test]
    fn fixes() {
        let cases: &[(&str, &str)] = &[
            (
                "增强“四个意识”、“四个自信”、“两个维护”",
                "增强“四个意识”“四个自信”“两个维护”",
            ),
            ("学习, 工作;总结:完成", "学习，工作；总结：完成"),
            ("《条例(试行,草案)》", "《条例（试行，草案）》"),
            (
                "“两学一做”和\"三严三实\"、\"四风\"",
                "“两学一做”和“三严三实”“四风”",
            ),
            ("「两学一做」、“三严三实”", "“两学一做”“三严三实”"),
        ];
        for (text, want) in cases {
            assert_eq!(fixed(text), *want, "text: {text}");
        }
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        let text = "一、学习情况\n增强“四个意识”、“四个自信”,学习《章程》、《条例(试行)》;\n\
                    “两学一做”和\"三严三实\"、\"四风\"\n「主题教育」:10:30开会";
        let once = fixed(text);
        let again = check_punctuation(&Document::from_str("t", &once));
        assert!(again.iter().all(|f| f.fix.is_none()), "{again:?}");
        assert_eq!(fixed(&once), once);
        // The `、` after 「主题教育」-style corrections is now between curly quotes and checked.
        assert!(once.contains("“主题教育”："));
    }

    /// The message shows the items whole when they are short, the marks alone when not.
    #[test]
    fn enumeration_comma_message_shows_the_items() {
        let say = |text: &str| -> Vec<String> {
            check_punctuation(&Document::from_str("t", text))
                .into_iter()
                .filter(|f| f.kind == PunctKind::EnumerationComma)
                .map(|f| f.message.say(crate::i18n::Lang::Zh))
                .collect()
        };
        assert_eq!(
            say("增强“四个意识”、“四个自信”，学习《条例》、《准则》。"),
            [
                "并列的引号或书名号之间不用顿号：“四个意识”、“四个自信” 应写作 “四个意识”“四个自信”",
                "并列的引号或书名号之间不用顿号：《条例》、《准则》 应写作 《条例》《准则》",
            ]
        );
        let long = format!("“{}”、“短”", "长".repeat(40));
        assert_eq!(
            say(&long),
            ["并列的引号或书名号之间不用顿号：”、“短” 应写作 ”“短”"]
        );
    }

    /// One line a case: a line, whether a check could find something in it.
    #[test]
    fn lines_without_marks_are_skipped() {
        let cases: &[(&str, bool)] = &[
            ("全年开展学习十二次。", false),
            ("学习,工作", true),
            ("推进“两学一做”学习", true),
            ("学习《条例》", true),
            ("「引文」", true),
            ("〈附件〉", true),
            ("＂四个意识＂、＂四个自信＂", true),
            ("时间：十点", false),
            ("比例(一)", true),
            ("", false),
        ];
        for (line, want) in cases {
            assert_eq!(has_candidate(line), *want, "{line}");
        }
    }

    #[test]
    fn fenced_code_is_skipped_and_spans_point_at_the_marks() {
        let text = "```\n学习,工作\n```\n学习,工作";
        let doc = Document::from_str("t", text);
        let found = check_punctuation(&doc);
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!((f.span.line, f.span.column), (4, 3));
        assert_eq!(&text[f.span.byte_start..f.span.byte_end], ",");
        assert_eq!(
            f.message.say(crate::i18n::Lang::En),
            "half-width , in Chinese text: write ，"
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "、",
            "”、",
            "、“",
            "\"、\"",
            "((((",
            "))))",
            ":",
            ",",
            "`",
            "＂、＂",
            "（)",
        ] {
            let _ = fixed(text);
        }
        let long = "“甲”、“乙”,(丙)".repeat(20_000);
        assert_eq!(
            check_punctuation(&Document::from_str("t", &long)).len(),
            60_000
        );
    }
}
