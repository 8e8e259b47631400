//! Whether a line is a heading, and if so its marker, number, title and body.
//!
//! GB/T 9704-2012 numbers the levels of a document `一、` · `（一）` · `1.` · `（1）`.
//! Writers also use `一．`, `(一)`, `1．`, `1、`, `(1)`, `①` and `第一部分`/`第一章`
//! (above level 1) or `第一节`; all are recognised here, and [`outline`](super::outline)
//! judges their style. Only a marker at the start of a line counts (after spaces,
//! full-width spaces and Markdown `#`s): a numbered sentence inside a paragraph is
//! not a heading (text flattened onto one line is cut into lines first, by
//! [`outline`](super::outline)).
//!
//! Not headings, by rule:
//! - a number that goes on as a number: `1.5亿元`, `1、2月份`, `一、二、三等奖`, `一、二等奖`;
//! - a number with no marker punctuation: `2018年`, `一是`, `第一，`;
//! - a heading number beyond [`MAX_ARABIC`] (`2023、`, `（99999999999）`);
//! - a number that is a range: `一、二月份`, `三、四季度`.
//!
//! A numbered line is a heading (or a list item) whatever its length: a numbered
//! paragraph's title is its first clause. A heading with body text on its line has a
//! short title and then its body (`（二）重点突出、学用结合。厅党组……`). A Markdown
//! ATX heading (`## 2023 工作回顾`) is a heading with or without a marker.
//!
//! What must stay true: recognition never panics (empty lines, a line of only `一、`,
//! huge numbers, mixed widths), and the title and body are slices of the line.

use crate::numeral::{arabic_digit, is_han_digit, parse_arabic, parse_circled, parse_han};

/// Titles longer than this (in chars) are cut: the line is a numbered paragraph,
/// whose title is its first clause.
pub const MAX_TITLE_CHARS: usize = 60;

/// The largest Arabic heading number: a larger one is a year or an amount.
pub const MAX_ARABIC: u32 = 99;

/// The rank of a heading, shallowest first. Numbering restarts under each shallower rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// `第一部分`, `第一章`, `第一篇`: above `一、`, reported as level 1.
    Part,
    /// `第一节`: reported as level 2.
    Section,
    /// `一、`: level 1.
    L1,
    /// `（一）`: level 2.
    L2,
    /// `1.` `1．` `1、`: level 3.
    L3,
    /// `（1）`, `①`: level 4.
    L4,
}

impl Tier {
    /// The GB/T 9704 level reported for the tier (1–4).
    pub fn level(self) -> u8 {
        match self {
            Tier::Part | Tier::L1 => 1,
            Tier::Section | Tier::L2 => 2,
            Tier::L3 => 3,
            Tier::L4 => 4,
        }
    }
}

/// How the number of a marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Numeral {
    /// 一, 十二.
    Han,
    /// 1, 12 (or full-width １２).
    Arabic,
    /// ①.
    Circled,
}

/// How a marker is written apart from its number: `open` + number + `close` + `suffix`,
/// as `（` 一 `）` `、` or `第` 一 `` `部分`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MarkerStyle {
    /// How the number is written.
    pub numeral: Numeral,
    /// `（`, `(`, `第` or nothing.
    pub open: &'static str,
    /// `）`, `)` or nothing.
    pub close: &'static str,
    /// `、` `.` `．`, the noun of `第一部分`/`章`/`篇`/`节`, or nothing.
    pub suffix: &'static str,
}

impl MarkerStyle {
    /// The marker of number `n` in this style (Arabic digits half-width).
    pub fn render(&self, n: u32) -> String {
        let number = match self.numeral {
            Numeral::Han => crate::numeral::han(n),
            Numeral::Arabic => n.to_string(),
            Numeral::Circled => crate::numeral::circled(n),
        };
        format!("{}{number}{}{}", self.open, self.close, self.suffix)
    }
}

/// A heading marker at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// Its rank.
    pub tier: Tier,
    /// The number it stands for.
    pub number: u32,
    /// How it is written.
    pub style: MarkerStyle,
    /// Its length in bytes.
    pub len: usize,
}

/// A heading recognised on a line; offsets are bytes into the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineHeading<'a> {
    /// The marker, if the heading has one (a Markdown heading may not).
    pub marker: Option<Marker>,
    /// The depth of a Markdown ATX heading (`##` → 2), if it is one.
    pub atx: Option<u8>,
    /// Where the marker starts (where the title starts when there is no marker).
    pub start: usize,
    /// Columns of white space before the line's first char (a tab counts 4, a
    /// full-width space 2), which nests Markdown lists.
    pub indent: usize,
    /// The title: after the marker, up to the first `。`/`：`/`:` or the line end,
    /// trimmed; a longer title than [`MAX_TITLE_CHARS`] is cut at its first `；`/`，`,
    /// or after [`MAX_TITLE_CHARS`] chars.
    pub title: &'a str,
    /// Where the title ends (the marker's end when the title is empty).
    pub title_end: usize,
    /// Whether text follows the title on the same line.
    pub has_body: bool,
}

impl LineHeading<'_> {
    /// The marker's length in bytes (0 without one).
    pub fn marker_len(&self) -> usize {
        self.marker.map_or(0, |m| m.len)
    }
}

/// The heading on `line`, if the line is one: a GB/T marker at its start (after
/// white space, and after the `#`s of a Markdown heading), or a Markdown heading.
pub fn heading_in_line(line: &str) -> Option<LineHeading<'_>> {
    let content = line.trim_start();
    let indent = whitespace_columns(&line[..line.len() - content.len()]);
    let (atx, content) = match atx_prefix(content) {
        Some((depth, rest)) => (Some(depth), rest),
        None => (None, content),
    };
    let start = line.len() - content.len();
    let marker = parse_marker(content);
    if marker.is_none() && atx.is_none() {
        return None;
    }
    let mut after = start + marker.map_or(0, |m| m.len);
    if marker.is_some_and(|m| matches!(m.tier, Tier::Part | Tier::Section)) {
        // `第一部分：工作回顾`, `第一章、总则`: the separator belongs to neither.
        let rest = line[after..].trim_start();
        if let Some(c) = rest.chars().next().filter(|c| "、：:，.．".contains(*c)) {
            after = line.len() - rest.len() + c.len_utf8();
        }
    }
    let title_start = line.len() - line[after..].trim_start().len();
    let mut rest = &line[title_start..];
    if atx.is_some() {
        // `## 下一步计划 ##`: the closing #s are not part of the title.
        rest = rest.trim_end().trim_end_matches('#').trim_end();
    }
    let (title, has_body) = title_and_body(rest);
    if atx.is_some() && marker.is_none() && title.is_empty() {
        return None;
    }
    let title_end = if title.is_empty() {
        after
    } else {
        title_start + title.len()
    };
    Some(LineHeading {
        marker,
        atx,
        start,
        indent,
        title,
        title_end,
        has_body,
    })
}

/// The title at the start of `rest` and whether text follows it.
fn title_and_body(rest: &str) -> (&str, bool) {
    let raw = match rest.find(['。', '：', ':']) {
        Some(i) => &rest[..i],
        None => rest,
    };
    let mut title = raw.trim_end();
    if title.chars().count() > MAX_TITLE_CHARS {
        // A numbered paragraph: its first clause is the title, or failing that
        // its first words.
        title = match title.find(['；', ';', '，', ',']) {
            Some(i) if title[..i].chars().count() <= MAX_TITLE_CHARS => &title[..i],
            _ => {
                let cut = title
                    .char_indices()
                    .nth(MAX_TITLE_CHARS)
                    .map_or(title.len(), |(i, _)| i);
                &title[..cut]
            }
        }
        .trim_end();
    }
    let body = rest[title.len()..].trim_start_matches(['。', '：', ':']);
    (title, !body.trim().is_empty())
}

/// The depth of a Markdown ATX heading at the start of `s` (1–6 `#`s) and the text
/// after the `#`s and the spaces after them (closing `#`s included). The `#`s must be followed by white space,
/// or directly by a GB/T marker (`##三、学习成效`); `#话题#` is not a heading.
pub fn atx_prefix(s: &str) -> Option<(u8, &str)> {
    let hashes = s.len() - s.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = &s[hashes..];
    let rest = after.trim_start();
    if rest.len() == after.len() && parse_marker(rest).is_none() {
        return None;
    }
    Some((u8::try_from(hashes).unwrap_or(6), rest))
}

/// Display columns of leading white space: a tab 4, a full-width space 2, others 1.
fn whitespace_columns(ws: &str) -> usize {
    ws.chars()
        .map(|c| match c {
            '\t' => 4,
            '\u{3000}' => 2,
            _ => 1,
        })
        .sum()
}

/// The heading marker at the start of `s`, if there is one.
pub fn parse_marker(s: &str) -> Option<Marker> {
    if let Some(rest) = s.strip_prefix('第') {
        return ordinal_marker(rest);
    }
    let first = s.chars().next()?;
    if let Some(number) = parse_circled(first) {
        let len = first.len_utf8();
        let suffix = if s[len..].starts_with('、') {
            "、"
        } else {
            ""
        };
        let style = MarkerStyle {
            numeral: Numeral::Circled,
            open: "",
            close: "",
            suffix,
        };
        return Some(Marker {
            tier: Tier::L4,
            number,
            style,
            len: len + suffix.len(),
        });
    }
    let open = ["（", "("].into_iter().find(|o| s.starts_with(o));
    let open_len = open.map_or(0, str::len);
    let (numeral, number, digits_len) = number_at(&s[open_len..])?;
    let mut len = open_len + digits_len;
    let rest = &s[len..];
    let (tier, close, suffix) = if open.is_some() {
        let close = ["）", ")"].into_iter().find(|c| rest.starts_with(c))?;
        let stray = if rest[close.len()..].starts_with('、') {
            "、"
        } else {
            ""
        };
        let tier = if numeral == Numeral::Han {
            Tier::L2
        } else {
            Tier::L4
        };
        (tier, close, stray)
    } else {
        let suffix = ["、", ".", "．"]
            .into_iter()
            .find(|p| rest.starts_with(p))?;
        let after = &rest[suffix.len()..];
        let tier = match numeral {
            Numeral::Han if goes_on_as_han_number(after) => return None,
            Numeral::Arabic if after.chars().next().and_then(arabic_digit).is_some() => {
                return None;
            }
            Numeral::Han => Tier::L1,
            _ => Tier::L3,
        };
        (tier, "", suffix)
    };
    len += close.len() + suffix.len();
    let style = MarkerStyle {
        numeral,
        open: open.unwrap_or(""),
        close,
        suffix,
    };
    Some(Marker {
        tier,
        number,
        style,
        len,
    })
}

/// `第一部分`, `第二章`, `第三篇`, `第四节` (the `第` already stripped): the noun must end
/// the word, so `第一节课` and `第一章第二条` are not headings.
fn ordinal_marker(rest: &str) -> Option<Marker> {
    let digits: usize = rest
        .chars()
        .take_while(|&c| is_han_digit(c))
        .map(char::len_utf8)
        .sum();
    let number = parse_han(&rest[..digits])?;
    let after = &rest[digits..];
    let noun = ["部分", "章", "篇", "节"]
        .into_iter()
        .find(|n| after.starts_with(n))?;
    let next = after[noun.len()..].chars().next();
    if next.is_some_and(|c| !c.is_whitespace() && !"、：:，.．".contains(c)) {
        return None;
    }
    let tier = if noun == "节" {
        Tier::Section
    } else {
        Tier::Part
    };
    Some(Marker {
        tier,
        number,
        style: MarkerStyle {
            numeral: Numeral::Han,
            open: "第",
            close: "",
            suffix: noun,
        },
        len: '第'.len_utf8() + digits + noun.len(),
    })
}

/// The number at the start of `s`: its numeral kind, value and length in bytes.
fn number_at(s: &str) -> Option<(Numeral, u32, usize)> {
    let han: usize = s
        .chars()
        .take_while(|&c| is_han_digit(c))
        .map(char::len_utf8)
        .sum();
    if han > 0 {
        return Some((Numeral::Han, parse_han(&s[..han])?, han));
    }
    let arabic: usize = s
        .chars()
        .take_while(|&c| arabic_digit(c).is_some())
        .map(char::len_utf8)
        .sum();
    let value = parse_arabic(&s[..arabic], MAX_ARABIC)?;
    Some((Numeral::Arabic, value, arabic))
}

/// After `一、`: another numeral then `、` or `等` is a list of numbers (`一、二、三等奖`),
/// and a small one then a unit is a range (`一、二月份`, `三、四季度`, `一、二年级`);
/// but `一、二〇二三年工作回顾` is a heading.
fn goes_on_as_han_number(after: &str) -> bool {
    let rest = after.trim_start_matches(is_han_digit);
    let digits = &after[..after.len() - rest.len()];
    if digits.is_empty() {
        return false;
    }
    if rest.starts_with('、') || rest.starts_with('等') {
        return true;
    }
    let small = parse_han(digits).is_some_and(|n| n <= 12);
    small && rest.starts_with(['月', '季', '年', '级', '类', '批'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The heading of a line as (level, number, marker, title, has_body).
    fn heading(line: &str) -> Option<(u8, u32, &str, &str, bool)> {
        heading_in_line(line).and_then(|h| {
            let m = h.marker?;
            let marker = &line[h.start..h.start + m.len];
            (level_of(m), m.number, marker, h.title, h.has_body).into()
        })
    }

    fn level_of(m: Marker) -> u8 {
        m.tier.level()
    }

    /// One line a case: the line, then (level, number, marker, title, has_body) or None.
    #[test]
    fn heading_or_not() {
        type Want = Option<(u8, u32, &'static str, &'static str, bool)>;

        #[rustfmt::skip]
        let cases: &[(&str, Want)] = &[
            // Level 1 and its variants.
            ("一、主要学习情况", Some((1, 1, "一、", "主要学习情况", false))),
            ("十二、其他", Some((1, 12, "十二、", "其他", false))),
            ("一．主要工作", Some((1, 1, "一．", "主要工作", false))),
            ("一.主要工作", Some((1, 1, "一.", "主要工作", false))),
            ("第一部分 工作回顾", Some((1, 1, "第一部分", "工作回顾", false))),
            ("第二章：总则", Some((1, 2, "第二章", "总则", false))),
            ("第三节 基本情况", Some((2, 3, "第三节", "基本情况", false))),
            // Level 2, with body text after the title.
            ("（二）重点突出、学用结合。厅党组中心组……", Some((2, 2, "（二）", "重点突出、学用结合", true))),
            ("(一)制度先行", Some((2, 1, "(一)", "制度先行", false))),
            ("（一）、制度先行", Some((2, 1, "（一）、", "制度先行", false))),
            ("（三）以上率下：要求如下", Some((2, 3, "（三）", "以上率下", true))),
            ("（四）总结: 好", Some((2, 4, "（四）", "总结", true))),
            // Level 3.
            ("1.项目建设加快推进。全年……", Some((3, 1, "1.", "项目建设加快推进", true))),
            ("1．项目建设", Some((3, 1, "1．", "项目建设", false))),
            ("2、项目建设", Some((3, 2, "2、", "项目建设", false))),
            ("１２. 全角数字", Some((3, 12, "１２.", "全角数字", false))),
            // Level 4.
            ("（1）优化审批流程。梳理……", Some((4, 1, "（1）", "优化审批流程", true))),
            ("(2)强化监管", Some((4, 2, "(2)", "强化监管", false))),
            ("(1)、强化监管", Some((4, 1, "(1)、", "强化监管", false))),
            ("③加强培训", Some((4, 3, "③", "加强培训", false))),
            // Leading spaces, full-width spaces and Markdown #s are skipped.
            ("　　二、主要做法", Some((1, 2, "二、", "主要做法", false))),
            ("  ## 三、学习成效", Some((1, 3, "三、", "学习成效", false))),
            // A marker alone: a heading with an empty title.
            ("一、", Some((1, 1, "一、", "", false))),
            ("（一）。", Some((2, 1, "（一）", "", false))),
            // Not headings.
            ("1.5亿元投资", None),
            ("1、2月份", None),
            ("2018年，XX厅", None),
            ("2023、2024年", None),
            ("（2023）年", None),
            ("（99999999999）", None),
            ("一是进一步提升了思想认识。", None),
            ("一、二、三等奖各一名", None),
            ("一、二等奖", None),
            ("第一，加强学习", None),
            ("第一节课上", None),
            ("第一章第二条规定", None),
            ("十九大以来", None),
            ("（本模板仅供参考）", None),
            ("（一本书", None),
            ("其中，1.加强学习", None),
            ("一、二月份完成", None),
            ("三、四季度", None),
            ("一、二年级学生", None),
            ("#话题#", None),
            ("", None),
            ("、", None),
            ("（", None),
            ("第", None),
            // A year after the marker is a title, not a range.
            ("一、二〇二三年工作回顾", Some((1, 1, "一、", "二〇二三年工作回顾", false))),
            ("##三、学习成效", Some((1, 3, "三、", "学习成效", false))),
        ];
        for (line, want) in cases {
            assert_eq!(heading(line), *want, "line: {line:?}");
        }
    }

    /// A numbered paragraph is still a heading (a list item): its title is its first
    /// clause, or its first 60 chars.
    #[test]
    fn long_numbered_lines_keep_their_number() {
        let long = format!("1.{}", "加强".repeat(31));
        let h = heading_in_line(&long).unwrap();
        assert_eq!(h.title.chars().count(), MAX_TITLE_CHARS);
        assert!(h.has_body);
        let clause = format!("3.加强队伍建设，{}；", "提升".repeat(40));
        let h = heading_in_line(&clause).unwrap();
        assert_eq!((h.title, h.has_body), ("加强队伍建设", true));
        let with_body = format!("（一）{}。正文", "加强".repeat(31));
        assert_eq!(
            heading_in_line(&with_body).unwrap().title.chars().count(),
            MAX_TITLE_CHARS
        );
    }

    /// One line a case: a Markdown heading, its depth, marker text and title.
    #[test]
    fn markdown_headings() {
        type Want = Option<(u8, &'static str, &'static str)>;
        let cases: &[(&str, Want)] = &[
            ("## 2023 工作回顾", Some((2, "", "2023 工作回顾"))),
            ("### 不足与反思", Some((3, "", "不足与反思"))),
            ("# 二、主要做法", Some((1, "二、", "主要做法"))),
            ("## 1. 项目进展", Some((2, "1.", "项目进展"))),
            ("## 下一步计划 ##", Some((2, "", "下一步计划"))),
            ("####### 七级", None),
            ("##", None),
            ("#话题#", None),
        ];
        for (line, want) in cases {
            let got = heading_in_line(line).map(|h| {
                let marker = &line[h.start..h.start + h.marker_len()];
                (h.atx.unwrap_or(0), marker, h.title)
            });
            assert_eq!(got, *want, "line: {line:?}");
        }
        assert_eq!(heading_in_line("   1. 嵌套").unwrap().indent, 3);
    }

    #[test]
    fn offsets_are_bytes_into_the_line() {
        let line = "　一、主要做法。正文";
        let h = heading_in_line(line).unwrap();
        assert_eq!(&line[h.start..h.title_end], "一、主要做法");
        let bare = "（一）";
        let h = heading_in_line(bare).unwrap();
        assert_eq!(h.title_end, bare.len());
    }

    /// One line a case: style of the marker, number, rendering.
    #[test]
    fn styles_render() {
        let cases: &[(&str, u32, &str)] = &[
            ("一、", 3, "三、"),
            ("（一）", 12, "（十二）"),
            ("(一)、", 2, "(二)、"),
            ("1.", 10, "10."),
            ("１．", 3, "3．"),
            ("（1）", 4, "（4）"),
            ("②", 7, "⑦"),
            ("第一部分", 2, "第二部分"),
        ];
        for (marker, n, want) in cases {
            let m = parse_marker(marker).unwrap();
            assert_eq!(m.len, marker.len(), "{marker}");
            assert_eq!(m.style.render(*n), *want, "{marker}");
        }
    }
}
