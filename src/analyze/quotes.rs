//! “Quoted” slogans and 《titles》 of cited documents, with counts.
//!
//! Marks pair up within one line, innermost first, so brackets inside a title stay
//! part of it (`《中国共产党党委（党组）理论学习中心组学习规则》`) and a title nested in a
//! title is kept whole with the outer one (`《关于学习《条例》的通知》` is one title).
//! Consecutive titles `《A》《B》` are two. Short references (`《学习规则》`) are kept
//! as written: matching them to their full titles needs the document's `（下称……）`
//! clauses, which is a job for a later analyzer.
//!
//! What is left out, on purpose:
//! - a mark that never closes on its line (the `unbalanced` rule reports it); marks
//!   that do close inside it still count;
//! - quotes longer than [`MAX_QUOTE_CHARS`] chars: slogans are short
//!   (`“武装头脑、指导实践、推动工作”` is 14), a longer quote is reported speech or a
//!   cited passage, which would bury the slogans a reader looks for;
//! - text made only of placeholder marks (`《XXX》`, `“XXXX”`): an unfilled slot,
//!   which `lint` reports, not a title.

use std::collections::HashMap;

use crate::document::Document;
use crate::report::TextCount;

/// Longest quote kept, in chars.
pub const MAX_QUOTE_CHARS: usize = 40;

/// The quotes and titles of a document, each most frequent first, ties by text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citations {
    /// “Quoted” texts.
    pub quotes: Vec<TextCount>,
    /// 《Title》 texts.
    pub titles: Vec<TextCount>,
}

/// Finds every closed quote and title in the document, in one pass over its lines.
pub fn find_citations(doc: &Document) -> Citations {
    let mut quotes = Tally::default();
    let mut titles = Tally::default();
    for line in doc.lines() {
        let mut quote = Pairs::default();
        let mut title = Pairs::default();
        for (i, c) in line.text.char_indices() {
            match c {
                '“' => quote.open(i + c.len_utf8()),
                '”' => quote.close(i),
                '《' => title.open(i + c.len_utf8()),
                '》' => title.close(i),
                _ => {}
            }
        }
        for text in quote.outermost(line.text) {
            if text.chars().count() <= MAX_QUOTE_CHARS {
                quotes.add(text, line.number);
            }
        }
        for text in title.outermost(line.text) {
            titles.add(text, line.number);
        }
    }
    Citations {
        quotes: quotes.sorted(),
        titles: titles.sorted(),
    }
}

/// Mark pairs of one kind on one line.
#[derive(Default)]
struct Pairs {
    /// Content starts of the marks still open.
    open: Vec<usize>,
    /// Content ranges of the pairs closed so far.
    closed: Vec<(usize, usize)>,
}

impl Pairs {
    fn open(&mut self, content_start: usize) {
        self.open.push(content_start);
    }

    fn close(&mut self, content_end: usize) {
        // A closing mark with nothing open is stray; the unbalanced rule reports it.
        if let Some(start) = self.open.pop() {
            self.closed.push((start, content_end));
        }
    }

    /// The contents of closed pairs that no other closed pair contains.
    fn outermost<'a>(mut self, line: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.closed
            .sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut reach = 0;
        self.closed.into_iter().filter_map(move |(start, end)| {
            if end < reach {
                return None;
            }
            reach = end;
            line.get(start..end)
                .map(str::trim)
                .filter(|t| worth_keeping(t))
        })
    }
}

fn worth_keeping(text: &str) -> bool {
    !text.is_empty()
        && !text
            .chars()
            .all(|c| matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ' | '某' | '○' | '_' | '＿'))
}

/// Counts texts and remembers the first line of each.
#[derive(Default)]
struct Tally<'a> {
    seen: HashMap<&'a str, (usize, usize)>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, text: &'a str, line: usize) {
        self.seen.entry(text).or_insert((0, line)).0 += 1;
    }

    fn sorted(self) -> Vec<TextCount> {
        let mut out: Vec<TextCount> = self
            .seen
            .into_iter()
            .map(|(text, (count, first_line))| TextCount {
                text: text.to_string(),
                count,
                first_line,
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Citations {
        find_citations(&Document::from_str("t", text))
    }

    /// Each case's text must yield exactly its list, as `pick` selects it.
    fn assert_cases(cases: &[(&str, &[&str])], pick: fn(Citations) -> Vec<TextCount>) {
        for (text, want) in cases {
            let got: Vec<String> = pick(found(text)).into_iter().map(|t| t.text).collect();
            assert_eq!(got, *want, "text: {text}");
        }
    }

    /// One line a case: text, the titles found (each once).
    #[test]
    fn title_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("以《中国共产党章程》为遵循", &["中国共产党章程"]),
            (
                "《中国共产党党委（党组）理论学习中心组学习规则》",
                &["中国共产党党委（党组）理论学习中心组学习规则"],
            ),
            ("《关于学习《条例》的通知》", &["关于学习《条例》的通知"]),
            ("《章程》《条例》等党规党纪", &["条例", "章程"]),
            ("（下称《学习规则》）", &["学习规则"]),
            ("《 章程 》", &["章程"]),
            // Never closed on its line: ignored, but what closes inside it counts.
            ("学习《章程", &[]),
            ("学习《章程\n》", &[]),
            ("《未完《章程》", &["章程"]),
            ("章程》", &[]),
            ("《》", &[]),
            ("《XXX》获评", &[]),
            ("《中共XX厅党组学习制度》", &["中共XX厅党组学习制度"]),
            ("", &[]),
        ];
        assert_cases(cases, |c| c.titles);
    }

    /// One line a case: text, the quotes found (each once).
    #[test]
    fn quote_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("推进“两学一做”学习教育", &["两学一做"]),
            ("“四个意识”、“四个自信”", &["四个意识", "四个自信"]),
            (
                "“学到深处、悟到透处、落到实处、守到严处”",
                &["学到深处、悟到透处、落到实处、守到严处"],
            ),
            ("“XX讲堂”“道德讲堂”", &["XX讲堂", "道德讲堂"]),
            ("他说：“甲", &[]),
            ("“XXXX”的要求", &[]),
        ];
        assert_cases(cases, |c| c.quotes);
    }

    #[test]
    fn long_quotes_are_reported_speech_not_slogans() {
        let at_limit = "字".repeat(MAX_QUOTE_CHARS);
        let over = "字".repeat(MAX_QUOTE_CHARS + 1);
        assert_eq!(found(&format!("“{at_limit}”")).quotes.len(), 1);
        assert!(found(&format!("“{over}”")).quotes.is_empty());
    }

    #[test]
    fn counts_first_lines_and_order() {
        let doc = Document::from_str("t", "甲\n《B》《A》\n“两会”《A》\r\n《B》《A》“两会”");
        let found = find_citations(&doc);
        let got: Vec<(&str, usize, usize)> = found
            .titles
            .iter()
            .map(|t| (t.text.as_str(), t.count, t.first_line))
            .collect();
        assert_eq!(got, vec![("A", 3, 2), ("B", 2, 2)]);
        assert_eq!(found.quotes[0].count, 2);
        assert_eq!(found.quotes[0].first_line, 3);
    }

    #[test]
    fn huge_and_odd_lines_do_not_panic() {
        let line = "《".repeat(100_000) + &"》“”".repeat(50_000);
        let doc = Document::from_str("t", &line);
        let _ = find_citations(&doc);
        let doc = Document::from_str("t", "》》”“《");
        assert_eq!(find_citations(&doc), Citations::default());
    }
}
