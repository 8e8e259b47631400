//! What the HTML report embeds of near-duplicates' texts, and the rule that keeps it
//! bounded.
//!
//! A member is shown beside its cluster's representative: the representative's text
//! with the member's shared passages marked, and the member's side of each passage
//! in a little of its own context. So the page holds, per cluster, the
//! representative's text (up to a number of chars, [`RepText`]) and, per member, for
//! each listed passage (at most 3, `corpus::neardup::PASSAGES`) a [`Window`]: up to
//! [`CONTEXT_CHARS`] chars before and after it, and the passage itself whole when it
//! is short, else its first and last [`PASSAGE_END_CHARS`] chars with the number left
//! out between them. A member costs at most about 3 × 180 chars, whatever its length:
//! the page grows with the members as the JSON report's `shared` objects do.
//!
//! A text read again that does not hold the passage where the analysis found it (the
//! file changed, or standard input, which cannot be read twice) gets no window: the
//! page then shows the passage's excerpt and says why.

use serde::Serialize;

use crate::corpus::neardup::{Member, Passage};
use crate::document::Span;

/// Chars of a member's text shown before and after each shared passage.
pub const CONTEXT_CHARS: usize = 30;
/// Chars shown at each end of a long passage (the middle is left out, and counted).
pub const PASSAGE_END_CHARS: usize = 60;

/// A representative's text as the page holds it: cut after a number of chars, with
/// a map from byte offsets to the UTF-16 offsets the script counts in.
#[derive(Debug, Clone)]
pub struct RepText {
    text: String,
    /// Bytes of the whole text.
    full_len: usize,
    /// Chars of the whole text, when it was cut.
    cut_from: Option<usize>,
    /// UTF-16 offset of each byte offset of `text` that starts a char (and of its
    /// end); `u32::MAX` inside a char.
    utf16: Vec<u32>,
}

impl RepText {
    /// `text`, cut after `max_chars` chars.
    pub fn new(text: &str, max_chars: usize) -> Self {
        let (kept, cut_from) = match text.char_indices().nth(max_chars) {
            Some((i, _)) => (&text[..i], Some(text.chars().count())),
            None => (text, None),
        };
        let mut utf16 = vec![u32::MAX; kept.len() + 1];
        let mut units = 0u32;
        for (i, c) in kept.char_indices() {
            utf16[i] = units;
            units = units.saturating_add(c.len_utf16() as u32);
        }
        utf16[kept.len()] = units;
        RepText {
            text: kept.to_string(),
            full_len: text.len(),
            cut_from,
            utf16,
        }
    }

    /// The text the page holds.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The whole text's length in chars, when the page holds only part of it.
    pub fn cut_from(&self) -> Option<usize> {
        self.cut_from
    }

    /// Where `span` is in the page's text, in UTF-16 units: `Ok(Some)` inside it,
    /// `Ok(None)` past the cut, `Err` when the span does not fit the text (it
    /// changed since it was analysed).
    pub fn range(&self, span: &Span) -> Result<Option<[u32; 2]>, Misfit> {
        let (s, e) = (span.byte_start, span.byte_end);
        if s > e || e > self.full_len {
            return Err(Misfit);
        }
        if e > self.text.len() {
            return Ok(None);
        }
        match (self.utf16.get(s), self.utf16.get(e)) {
            (Some(&a), Some(&b)) if a != u32::MAX && b != u32::MAX => Ok(Some([a, b])),
            _ => Err(Misfit),
        }
    }
}

/// A span that does not fit the text read again (it changed since it was analysed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Misfit;

/// A member's side of a passage: context before, the passage (whole, or its two ends
/// with the chars left out between them counted), context after. A JSON array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window(pub String, pub String, pub usize, pub String, pub String);

impl Window {
    /// The window of `span` in `text`, if the text holds the passage there (it starts
    /// with `excerpt`).
    pub fn of(text: &str, span: &Span, excerpt: &str) -> Option<Window> {
        let passage = text.get(span.byte_start..span.byte_end)?;
        if !text[span.byte_start..].starts_with(excerpt) {
            return None;
        }
        let before = &text[..span.byte_start];
        let before = match before.char_indices().rev().nth(CONTEXT_CHARS - 1) {
            Some((i, _)) => &before[i..],
            None => before,
        };
        let after = &text[span.byte_end..];
        let after = match after.char_indices().nth(CONTEXT_CHARS) {
            Some((i, _)) => &after[..i],
            None => after,
        };
        let chars = passage.chars().count();
        // Leaving out fewer than a few chars would save nothing.
        if chars <= 2 * PASSAGE_END_CHARS + 10 {
            return Some(Window(
                before.into(),
                passage.into(),
                0,
                String::new(),
                after.into(),
            ));
        }
        let head_end = passage
            .char_indices()
            .nth(PASSAGE_END_CHARS)
            .map_or(passage.len(), |(i, _)| i);
        let tail_start = passage
            .char_indices()
            .rev()
            .nth(PASSAGE_END_CHARS - 1)
            .map_or(0, |(i, _)| i);
        Some(Window(
            before.into(),
            passage[..head_end].into(),
            chars - 2 * PASSAGE_END_CHARS,
            passage[tail_start..].into(),
            after.into(),
        ))
    }
}

/// One passage of a member as the page holds it (a JSON array): chars, its line in
/// the member, its line in the representative, its place in the representative's
/// text in UTF-16 units (`null` when past the cut or unknown), whether it is past
/// the cut, the member's window (`null` without the member's text), the excerpt.
#[derive(Debug, Clone, Serialize)]
pub struct PassageOut<'a>(
    pub usize,
    pub usize,
    pub usize,
    pub Option<[u32; 2]>,
    pub bool,
    pub Option<Window>,
    pub &'a str,
);

/// One member as the page holds it (a JSON array): its row (`null` when it has
/// none), its path when it has no row, similarity, shared passages in all, shared
/// chars in all, whether its text was read, its listed passages.
#[derive(Debug, Clone, Serialize)]
pub struct MemberOut<'a>(
    pub Option<u32>,
    pub Option<&'a str>,
    pub f64,
    pub usize,
    pub usize,
    pub bool,
    pub Vec<PassageOut<'a>>,
);

impl<'a> MemberOut<'a> {
    /// `member` with its row, its text read again (if it could be) and the
    /// representative's text (if it could be).
    pub fn new(
        member: &'a Member,
        row: Option<u32>,
        text: Option<&str>,
        rep: Option<&RepText>,
    ) -> Self {
        let passages: Vec<PassageOut<'a>> = member
            .shared
            .passages
            .iter()
            .map(|p: &'a Passage| {
                // `a` is in the member, `b` in the representative.
                let place = rep.map(|r| r.range(&p.b));
                let window = text.and_then(|t| Window::of(t, &p.a, &p.excerpt));
                PassageOut(
                    p.chars,
                    p.a.line,
                    p.b.line,
                    place.and_then(|r| r.ok().flatten()),
                    matches!(place, Some(Ok(None))),
                    window,
                    &p.excerpt,
                )
            })
            .collect();
        let read = text.is_some() && passages.iter().all(|p| p.5.is_some());
        MemberOut(
            row,
            if row.is_none() {
                Some(&member.path)
            } else {
                None
            },
            member.similarity,
            member.shared.total,
            member.shared.chars,
            read,
            passages,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            byte_start: s,
            byte_end: s + needle.len(),
        }
    }

    #[test]
    fn a_short_passage_is_shown_whole_with_its_context() {
        let text = "开头几句。全年组织集中学习12次，开展专题研讨6次。结尾";
        let sp = span(text, "全年组织集中学习12次");
        let w = Window::of(text, &sp, "全年组织").unwrap();
        assert_eq!(
            w,
            Window(
                "开头几句。".into(),
                "全年组织集中学习12次".into(),
                0,
                String::new(),
                "，开展专题研讨6次。结尾".into()
            )
        );
    }

    #[test]
    fn a_long_passage_keeps_its_ends_and_counts_the_middle() {
        let body: String = "学".repeat(500);
        let text = format!("{}{body}{}", "前".repeat(100), "后".repeat(100));
        let sp = span(&text, &body);
        let w = Window::of(&text, &sp, "学学").unwrap();
        assert_eq!(w.0.chars().count(), CONTEXT_CHARS);
        assert_eq!(w.1.chars().count(), PASSAGE_END_CHARS);
        assert_eq!(w.2, 500 - 2 * PASSAGE_END_CHARS);
        assert_eq!(w.3.chars().count(), PASSAGE_END_CHARS);
        assert_eq!(w.4.chars().count(), CONTEXT_CHARS);
    }

    /// A text that changed since it was analysed does not hold the passage where it
    /// was: no window, rather than the wrong words marked.
    #[test]
    fn a_changed_text_gets_no_window() {
        let text = "全年组织集中学习12次";
        let sp = span(text, "集中学习");
        assert!(Window::of(text, &sp, "组织").is_none());
        let beyond = Span {
            byte_end: 999,
            ..sp
        };
        assert!(Window::of(text, &beyond, "集中").is_none());
    }

    #[test]
    fn representative_ranges_count_utf16_and_stop_at_the_cut() {
        // 𠀀 is two UTF-16 units.
        let text = "𠀀甲乙丙丁戊";
        let rep = RepText::new(text, 4);
        assert_eq!(rep.text(), "𠀀甲乙丙");
        assert_eq!(rep.cut_from(), Some(6));
        assert_eq!(rep.range(&span(text, "甲乙")), Ok(Some([2, 4])));
        assert_eq!(rep.range(&span(text, "丁")), Ok(None));
        let inside = Span {
            byte_start: 1,
            byte_end: 4,
            ..span(text, "甲")
        };
        assert_eq!(rep.range(&inside), Err(Misfit));
        let past = Span {
            byte_end: 99,
            ..span(text, "甲")
        };
        assert_eq!(rep.range(&past), Err(Misfit));
        assert_eq!(RepText::new("甲乙", 10).cut_from(), None);
    }
}
