//! Inline enumerations — `一是……二是……三是……`, `第一，……第二，……`, `其一……其二……` —
//! and whether their items come in order.
//!
//! An item is a Chinese numeral with its family's words (`二是`, `第二，`, `其二`) that
//! starts a line or follows punctuation or a space, so `统一是`, `排名第一，` and
//! `其一生` are not items. Each family keeps its own count:
//! - an item `一` always starts a new list;
//! - any other item must be the one after the previous item of its family in the same
//!   section: a list may run over several paragraphs (`一是……` on one line, `二是……`
//!   on the next), and a heading (a list item too) ends every list, wherever it
//!   starts (a flattened line holds several);
//! - after a slip, counting goes on from the number found, so one slip is one finding.
//!
//! What must stay true: items are found left to right in one pass per line.

use super::{Slip, SlipKind};
use crate::document::Document;
use crate::numeral::{han, is_han_digit, parse_han};

/// The word family of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `一是`.
    Shi,
    /// `第一，`.
    Di,
    /// `其一`.
    Qi,
}

impl Family {
    fn render(self, n: u32) -> String {
        match self {
            Family::Shi => format!("{}是", han(n)),
            Family::Di => format!("第{}", han(n)),
            Family::Qi => format!("其{}", han(n)),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One item found in a line: family, number, byte range in the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Item {
    family: Family,
    number: u32,
    start: usize,
    end: usize,
}

/// Items out of order, in text order. `heading_starts` (byte offsets, sorted) end
/// every list.
pub fn slips(doc: &Document, heading_starts: &[usize]) -> Vec<Slip> {
    let mut slips = Vec::new();
    // The previous item's number per family in the current section (0: none yet).
    let mut last = [0u32; 3];
    let mut next_heading = 0;
    for line in doc.lines() {
        for item in items(line.text) {
            let start = line.byte_start + item.start;
            while heading_starts
                .get(next_heading)
                .is_some_and(|&h| h <= start)
            {
                last = [0; 3];
                next_heading += 1;
            }
            let Some(prev) = last.get_mut(item.family.index()) else {
                continue;
            };
            let expected = prev.saturating_add(1);
            if item.number != 1 && item.number != expected {
                slips.push(Slip {
                    span: doc.span(start, line.byte_start + item.end),
                    expected: item.family.render(expected),
                    found: line.text[item.start..item.end].to_string(),
                    kind: SlipKind::of(*prev, item.number),
                });
            }
            *prev = item.number;
        }
    }
    slips
}

/// First bytes of every char [`is_boundary`] accepts: ASCII whitespace and
/// punctuation, and the lead bytes of Unicode spaces and CJK punctuation.
static BOUNDARY_LEADS: super::LeadBytes =
    super::lead_bytes(b"\t\n\x0b\x0c\r !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\xC2\xE1\xE2\xE3\xEF");

/// The enumeration items of one line, left to right.
fn items(line: &str) -> Vec<Item> {
    let mut out = Vec::new();
    // Items never overlap: one may start only after the previous one ends.
    let mut resume = 0;
    let try_at = |start: usize, out: &mut Vec<Item>, resume: &mut usize| {
        if start >= *resume
            && let Some(item) = item_at(line, start)
        {
            *resume = item.end;
            out.push(item);
        }
    };
    // The line start is a boundary, and so is the position after each boundary char.
    try_at(0, &mut out, &mut resume);
    for (i, c) in super::chars_with_lead(line, &BOUNDARY_LEADS) {
        if i >= resume && is_boundary(c) {
            try_at(i + c.len_utf8(), &mut out, &mut resume);
        }
    }
    out
}

/// The item starting at byte `start` of `line`, if one does.
fn item_at(line: &str, start: usize) -> Option<Item> {
    let s = &line[start..];
    let (family, digits_at) = if let Some(rest) = s.strip_prefix('其') {
        (Family::Qi, s.len() - rest.len())
    } else if let Some(rest) = s.strip_prefix('第') {
        (Family::Di, s.len() - rest.len())
    } else {
        (Family::Shi, 0)
    };
    let tail = &s[digits_at..];
    let digits = tail.len() - tail.trim_start_matches(is_han_digit).len();
    let number = parse_han(&tail[..digits])?;
    let after = &tail[digits..];
    let end = match family {
        Family::Shi => after
            .starts_with('是')
            .then_some(digits_at + digits + '是'.len_utf8())?,
        Family::Di => after
            .starts_with(['，', '、', ','])
            .then_some(digits_at + digits)?,
        Family::Qi => after
            .starts_with(['，', '、', '：', ',', ':', '是'])
            .then_some(digits_at + digits)?,
    };
    Some(Item {
        family,
        number,
        start,
        end: start + end,
    })
}

/// Whether an item may start after `c`: whitespace or punctuation, not a word.
fn is_boundary(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{3001}'..='\u{3003}' // 、。〃
            | '\u{3008}'..='\u{3011}' // 〈〉《》「」『』【】
            | '\u{3014}'..='\u{301F}' // 〔〕 and friends
            | '\u{2018}'..='\u{201F}' // ‘’“”
            | '\u{2026}' | '\u{2014}' // … —
            | '！' | '（' | '）' | '，' | '．' | '：' | '；' | '？')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slips as "line:expected>found"; headings given by line start at those lines.
    fn run(text: &str, heading_lines: &[usize]) -> Vec<String> {
        let doc = Document::from_str("t", text);
        let starts: Vec<usize> = doc
            .lines()
            .filter(|l| heading_lines.contains(&l.number))
            .map(|l| l.byte_start)
            .collect();
        slips(&doc, &starts)
            .iter()
            .map(|s| format!("{}:{}>{}", s.span.line, s.expected, s.found))
            .collect()
    }

    /// One line a case: text, slips expected (no headings).
    #[test]
    fn enumeration_order() {
        let cases: &[(&str, &[&str])] = &[
            ("要求：一是学习；二是调研；三是落实。", &[]),
            ("一是学习；三是落实。", &["1:二是>三是"]),
            ("一是学习；二是调研；二是落实。", &["1:三是>二是"]),
            ("一是学习；二是调研；四是落实；五是总结。", &["1:三是>四是"]),
            ("工作中，二是调研。", &["1:一是>二是"]),
            // A list may run over paragraphs; 一 starts a new one.
            ("一是学习。\n二是调研。\n三是落实。", &[]),
            ("一是学习。\n正文\n二是调研。", &[]),
            ("一是学习；二是调研。\n问题：一是不深；二是不实。", &[]),
            ("一是学习。\n三是落实。", &["2:二是>三是"]),
            // Other families, each counted on its own.
            ("第一，学习；第二，调研；第三，落实。", &[]),
            ("第一，学习；第三，落实。", &["1:第二>第三"]),
            ("其一，学习；其二是调研；其三：落实。", &[]),
            ("其一，学习；其三，落实。", &["1:其二>其三"]),
            ("一是学习：第一，读；第二，写；二是调研。", &[]),
            ("十是总结；十一是展望。", &["1:一是>十是"]),
            // Not items: inside words, or without their family's words.
            ("坚持统一是关键；唯一是它。", &[]),
            ("在全市排名第二，受到表彰。", &[]),
            ("位列第二等次；第一时间处理。", &[]),
            ("奋斗其一生。", &[]),
            ("一一是", &[]),
            ("二〇二三是", &[]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(run(text, &[]), *want, "text: {text}");
        }
    }

    #[test]
    fn headings_end_every_list() {
        let text = "一、甲\n一是学习；二是调研。\n二、乙\n三是落实。";
        assert_eq!(run(text, &[1, 3]), vec!["4:一是>三是"]);
        assert_eq!(
            run("一是学。\n（一）乙：二是调研。", &[2]),
            vec!["2:一是>二是"]
        );
    }

    /// A heading in the middle of a flattened line ends the lists before it.
    #[test]
    fn a_heading_inside_a_line_ends_every_list() {
        let text = "一是学习；二是调研。（二）乙。三是落实。";
        let doc = Document::from_str("t", text);
        let at = text.find('（').unwrap();
        let got: Vec<String> = slips(&doc, &[at])
            .iter()
            .map(|s| s.expected.clone())
            .collect();
        assert_eq!(got, vec!["一是"]);
        assert_eq!(slips(&doc, &[]).len(), 0);
    }

    #[test]
    fn spans_cover_the_item() {
        let doc = Document::from_str("t", "要求：一是学习；三是落实。");
        let found = slips(&doc, &[]);
        let s = found[0].span;
        assert_eq!(&doc.text()[s.byte_start..s.byte_end], "三是");
        assert_eq!((s.line, s.column), (1, 9));
    }
}
