//! Unbalanced brackets and quotes within a paragraph (a line): `（）` `()` `《》`
//! `“”` `‘’` `【】` `〔〕` `「」` `『』`; full- and half-width parentheses pair with
//! each other.
//!
//! A stack per line: a closer pops its opener; a closer with no opener anywhere on
//! the stack is unmatched; a closer that matches an opener deeper down leaves the
//! openers above it unmatched; a closer of the wrong kind for the innermost opener
//! (`（……》`) is one finding, at the closer, naming both, and consumes that opener.
//! Openers left at the line end are unmatched. Straight quotes `"` `'` are ignored:
//! the same mark opens and closes. The `）` of a line-start list marker (`1）`, `a)`)
//! has no opener by design and is not reported.
//!
//! What must stay true: findings come in text order and each names one mark.

use super::Finding;
use crate::document::Document;
use crate::i18n::Message;
use crate::report::Rule;

/// Openers and closers of each kind of mark. Full- and half-width parentheses are one
/// kind: `（注)` is balanced (its width is a style matter, `heading-style` in a marker).
const PAIRS: &[(&str, &str)] = &[
    ("（(", "）)"),
    ("《", "》"),
    ("“", "”"),
    ("‘", "’"),
    ("【", "】"),
    ("〔", "〕"),
    ("「", "」"),
    ("『", "』"),
];

/// First bytes of every mark in [`PAIRS`]: ASCII parentheses, U+2018–U+201D (E2),
/// U+3008–U+301F (E3) and the full-width parentheses (EF).
static MARK_LEADS: super::LeadBytes = super::lead_bytes(b"()\xE2\xE3\xEF");

/// The kind of a mark (its index in [`PAIRS`]) and whether it opens.
///
/// Called on every char of every line, so ASCII and CJK text that holds no mark
/// is rejected by a range check before the table is searched.
fn mark(c: char) -> Option<(usize, bool)> {
    if !matches!(c, '(' | ')' | '\u{2018}'..='\u{201D}' | '\u{3008}'..='\u{301F}' | '（' | '）') {
        return None;
    }
    PAIRS.iter().enumerate().find_map(|(kind, (open, close))| {
        if open.contains(c) {
            Some((kind, true))
        } else if close.contains(c) {
            Some((kind, false))
        } else {
            None
        }
    })
}

/// Every unmatched bracket or quote mark, in text order.
pub fn unbalanced(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    for line in doc.lines() {
        let found = unmatched_in_line(line.text);
        out.extend(found.into_iter().map(|(at, mark, message)| {
            let start = line.byte_start + at;
            Finding::new(
                Rule::Unbalanced,
                doc.span(start, start + mark.len_utf8()),
                mark.to_string(),
                message,
            )
        }));
    }
    out
}

/// The unmatched marks of one line: byte offset, mark, message; in line order.
fn unmatched_in_line(line: &str) -> Vec<(usize, char, Message)> {
    let mut out = Vec::new();
    // Open marks: byte offset, the mark and its kind.
    let mut stack: Vec<(usize, char, usize)> = Vec::new();
    let skip = list_marker_closer(line);
    for (i, c) in super::chars_with_lead(line, &MARK_LEADS) {
        match mark(c) {
            Some((kind, true)) => stack.push((i, c, kind)),
            Some((kind, false)) if Some(i) != skip => {
                let matching = stack.iter().rposition(|&(_, _, k)| k == kind);
                match (matching, stack.last().copied()) {
                    (Some(at), _) => {
                        // Openers above the match were never closed.
                        for (j, o, _) in stack.drain(at..).skip(1) {
                            out.push((j, o, messages::never_closed(o)));
                        }
                    }
                    (None, Some((j, o, _))) => {
                        stack.pop();
                        let col = line[..j].chars().count() + 1;
                        out.push((i, c, messages::mismatched(c, o, col)));
                    }
                    (None, None) => out.push((i, c, messages::never_opened(c))),
                }
            }
            _ => {}
        }
    }
    out.extend(
        stack
            .into_iter()
            .map(|(j, o, _)| (j, o, messages::never_closed(o))),
    );
    out.sort_by_key(|&(at, _, _)| at);
    out
}

/// The byte offset of the `）` in a line-start list marker (`1）`, `一）`, `a)`), if any:
/// a label of one to three letters, digits or Chinese numerals right before it.
fn list_marker_closer(line: &str) -> Option<usize> {
    let body = line.trim_start();
    let label = body.len() - body.trim_start_matches(is_label_char).len();
    let chars = body[..label].chars().count();
    let closes = body[label..].starts_with(['）', ')']);
    (closes && (1..=3).contains(&chars)).then_some(line.len() - body.len() + label)
}

fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '０'..='９') || crate::numeral::is_han_digit(c)
}

/// The `unbalanced` messages, in one place for translation.
mod messages {
    use crate::i18n::Message;

    /// An opening mark with no closing one on its line.
    pub fn never_closed(open: char) -> Message {
        Message::new("unbalanced-never-closed").arg("mark", open.to_string())
    }

    /// A closing mark with no opening one before it on its line.
    pub fn never_opened(close: char) -> Message {
        Message::new("unbalanced-never-opened").arg("mark", close.to_string())
    }

    /// A closing mark of the wrong kind for the innermost open one.
    pub fn mismatched(close: char, open: char, column: usize) -> Message {
        Message::new("unbalanced-mismatched")
            .arg("mark", close.to_string())
            .arg("open", open.to_string())
            .arg("column", column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unmatched marks of a line as "column:mark".
    fn marks(line: &str) -> Vec<String> {
        unbalanced(&Document::from_str("t", line))
            .iter()
            .map(|f| format!("{}:{}", f.span.column, f.text))
            .collect()
    }

    /// One line a case: the line, its unmatched marks as "column:mark".
    #[test]
    fn unmatched_marks() {
        let cases: &[(&str, &[&str])] = &[
            ("《中国共产党党委（党组）理论学习中心组学习规则》", &[]),
            ("“XX讲堂”“道德讲堂”", &[]),
            ("（下称《学习规则》）", &[]),
            ("被评为“全县先进镇，各项", &["4:“"]),
            ("先进镇”，各项", &["4:”"]),
            ("（一）加强（学习", &["6:（"]),
            ("学习）", &["3:）"]),
            ("《学习（规则》", &["4:（"]),
            ("（学习》", &["4:》"]),
            ("《学习（规则）", &["1:《"]),
            ("‘一’与’", &["5:’"]),
            ("【要点】〔2023〕「引」『书』", &[]),
            ("(1)half (open", &["9:("]),
            ("（注)与(注）", &[]),
            ("他说\"好\"", &[]),
            // A line-start list marker's closer has no opener by design.
            ("1）加强学习", &[]),
            ("  a) 加强学习", &[]),
            ("一）加强学习", &[]),
            ("加强学习1）", &["6:）"]),
            ("", &[]),
            ("）", &["1:）"]),
        ];
        for (line, want) in cases {
            assert_eq!(marks(line), *want, "line: {line}");
        }
    }

    #[test]
    fn mismatch_names_both_marks() {
        let doc = Document::from_str("t", "（学习》");
        let found = unbalanced(&doc);
        assert_eq!(found.len(), 1);
        use crate::i18n::Lang;
        assert_eq!(
            found[0].message.say(Lang::En),
            "\"》\" does not match the \"（\" opened at column 1"
        );
        assert_eq!(found[0].message.say(Lang::Zh), "“》”与第 1 列的“（”不配对");
        let open = unbalanced(&Document::from_str("t", "学习（"));
        assert_eq!(open[0].message.say(Lang::En), "\"（\" is never closed");
        let close = unbalanced(&Document::from_str("t", "学习）"));
        assert_eq!(close[0].message.say(Lang::En), "\"）\" closes nothing");
    }

    #[test]
    fn each_line_is_its_own_paragraph() {
        let found = unbalanced(&Document::from_str("t", "“第一段\n第二段”"));
        let at: Vec<_> = found.iter().map(|f| (f.span.line, f.span.column)).collect();
        assert_eq!(at, vec![(1, 1), (2, 4)]);
    }
}
