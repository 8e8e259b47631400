//! Unfilled template slots: `XX厅`, `X次`, `20XX年`, `《XXX》`, `××`, `某某`, `○○`, `____`,
//! and what else templates leave behind.
//!
//! The rules are DESIGN.md's, in order: a maximal run of placeholder letters
//! (`X x × Ｘ ｘ`) is a slot unless a Latin letter or digit touches it (except a
//! year: `20XX年`, and either end of a range `20XX-20XX学年`, `20XX—20XX年度`), it is
//! a lone `X` starting a known term (`X射线`), or it is joined to a Latin word by
//! exactly one space (`iPhone X`). Runs of 2+ `某`, 2+ `○` (never `〇`) and 2+
//! `_`/`＿` are slots too.
//!
//! Template leftovers (`dicts/template.txt`): a field name in brackets (`【单位名称】`,
//! `[姓名]`, `〔单位〕`), a fill-in instruction in brackets (`（此处填写本单位主要工作）`,
//! kind `instruction`), a template notice (`（本模板仅供参考）` or a short line such as
//! `本文系…投稿，仅供学习参考，请勿照搬照抄`, kind `notice`), and the blanks of a date
//! (`2023年  月  日`, kind `date`). An instruction or notice holds the slots inside
//! it: one finding, not several. Cue words are compared in simplified script, so
//! traditional text gets the same slots and kinds.
//!
//! What must stay true: every slot's span slices exactly its `text` out of the
//! document, and slots come in text order without overlapping.

use std::sync::LazyLock;

use regex::Regex;

use super::script::simplified;
use crate::dicts::{CueSide, Dicts, FieldBrackets};
use crate::document::Document;
use crate::report::{Slot, SlotKind};

/// Candidate runs: every maximal run of placeholder letters, and runs of two or
/// more `某`, `○` or blanks. The regex engine finds them far faster than a
/// char-by-char loop; the context rules then decide which runs are slots.
static RUNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[Xx×Ｘｘ]+|某{2,}|○{2,}|[_＿]{2,}").expect("the slot-run pattern is valid")
});

/// Runs of spaces (ASCII or full-width) right before 年, 月 or 日: the blanks of a
/// date (`2023年  月  日`) when the char before is the right one.
static DATE_BLANKS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \x{3000}]+[年月日]").expect("the date-blank pattern is valid"));

/// Bracketed text of one line: an opener, up to [`MAX_BRACKETED`] chars without
/// line breaks or another bracket of its kind, its closer.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"【[^【】\r\n]{1,40}】|\[[^\[\]\r\n]{1,40}\]|〔[^〔〕\r\n]{1,40}〕|[（(][^（）()\r\n]{1,40}[）)]")
        .expect("the bracket pattern is valid")
});

/// Lines at most this long (chars) holding a notice cue are template notices.
pub const MAX_NOTICE_LINE: usize = 100;

/// Finds every unfilled slot in the document, in text order.
pub fn find_slots(doc: &Document, dicts: &Dicts) -> Vec<Slot> {
    let text = doc.text();
    let mut slots = letter_runs(doc, dicts);
    slots.extend(template_leftovers(doc, dicts));
    slots.extend(date_blanks(doc));
    slots.sort_by_key(|s| (s.span.byte_start, std::cmp::Reverse(s.span.byte_end)));
    // An instruction or notice holds the slots inside it; spans never overlap.
    let mut out: Vec<Slot> = Vec::with_capacity(slots.len());
    for slot in slots {
        let inside = out
            .last()
            .is_some_and(|prev| slot.span.byte_start < prev.span.byte_end);
        if !inside {
            out.push(slot);
        }
    }
    debug_assert!(
        out.iter()
            .all(|s| text.get(s.span.byte_start..s.span.byte_end) == Some(s.text.as_str()))
    );
    out
}

/// The runs of placeholder letters, `某`, `○` and blanks that are slots.
fn letter_runs(doc: &Document, dicts: &Dicts) -> Vec<Slot> {
    let text = doc.text();
    let mut slots = Vec::new();
    for m in RUNS.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let is_slot = match m.as_str().chars().next().map(run_class) {
            Some(RunClass::Letter) => {
                let mut before = text[..start].chars().rev();
                let prev = before.next();
                let prev2 = before.next();
                let next = text[end..].chars().next();
                let count = m.as_str().chars().count();
                letter_run_is_slot(text, start, count, prev, prev2, next, dicts)
            }
            // The pattern only matches these runs at two or more.
            Some(_) => true,
            None => false,
        };
        if is_slot {
            slots.push(Slot {
                span: doc.span(start, end),
                text: m.as_str().to_string(),
                kind: slot_kind(text, start, end, dicts),
            });
        }
    }
    slots
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunClass {
    None,
    Letter,
    Mou,
    Circle,
    Blank,
}

fn run_class(c: char) -> RunClass {
    match c {
        'X' | 'x' | '×' | 'Ｘ' | 'ｘ' => RunClass::Letter,
        '某' => RunClass::Mou,
        '○' => RunClass::Circle,
        '_' | '＿' => RunClass::Blank,
        _ => RunClass::None,
    }
}

/// ASCII or full-width Latin letter, or a Latin-1/Latin Extended letter (`é`).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
        || (matches!(c, '\u{00C0}'..='\u{024F}') && c != '×' && c != '÷')
}

/// ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '０'..='９')
}

fn is_latin_or_digit(c: char) -> bool {
    is_latin_letter(c) || is_digit(c)
}

fn letter_run_is_slot(
    text: &str,
    start: usize,
    count: usize,
    prev: Option<char>,
    prev2: Option<char>,
    next: Option<char>,
    dicts: &Dicts,
) -> bool {
    // Rule 1: `XML`, `7×24`, `Xi'an`.
    if next.is_some_and(is_latin_or_digit) {
        return false;
    }
    // Rule 2: `SpaceX`, `TEXT`; but `20XX年` and `20XX-20XX学年` are slots.
    if let Some(p) = prev {
        if is_latin_letter(p) {
            return false;
        }
        if is_digit(p) && next != Some('年') && !year_range_end(text, start, count) {
            return false;
        }
    }
    // Rule 3: a lone X starting a known term (`X射线`).
    if count == 1 && starts_known_term(&text[start..], dicts) {
        return false;
    }
    // Rule 4: one space joins it to a Latin word (`iPhone X`, `X Window`).
    if prev == Some(' ') && prev2.is_some_and(is_latin_letter) {
        return false;
    }
    if next == Some(' ') {
        let end = text[start..]
            .char_indices()
            .nth(count)
            .map_or(text.len(), |(i, _)| start + i);
        let mut after = text[end..].chars();
        after.next();
        if after.next().is_some_and(is_latin_letter) {
            return false;
        }
    }
    true
}

/// Whether the run of `count` letters at `start`, after digits, completes a year
/// (`20XX`, `201X`) that is one end of a range (`20XX-20XX学年`, `20XX—20XX年度`):
/// a range dash and a digit follow it, or `学年`/`学期`/`年度` does.
fn year_range_end(text: &str, start: usize, count: usize) -> bool {
    let digits: String = text[..start]
        .chars()
        .rev()
        .take_while(|&c| is_digit(c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let ascii: String = digits
        .chars()
        .map(|c| crate::numeral::arabic_digit(c).map_or('?', |d| char::from(b'0' + d as u8)))
        .collect();
    if digits.chars().count() + count != 4 || !(ascii.starts_with("19") || ascii.starts_with("20"))
    {
        return false;
    }
    let end = text[start..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| start + i);
    let after = &text[end..];
    if after.starts_with("学年") || after.starts_with("学期") || after.starts_with("年度") {
        return true;
    }
    let mut chars = after.chars();
    let dash = chars
        .next()
        .is_some_and(|c| matches!(c, '-' | '—' | '–' | '－' | '~' | '～' | '至' | '到'));
    let dash_len = after.chars().next().map_or(0, char::len_utf8);
    let rest = &after[dash_len..];
    let rest = rest.trim_start_matches('—');
    dash && rest.chars().next().is_some_and(is_digit)
}

/// Field names, instructions and notices: in brackets, or (notices) a short line.
fn template_leftovers(doc: &Document, dicts: &Dicts) -> Vec<Slot> {
    let cues = &dicts.template;
    let mut out = Vec::new();
    for line in doc.lines() {
        if !line.text.contains(['【', '[', '〔', '（', '(']) && !may_be_notice(line.text) {
            continue;
        }
        let mut in_brackets = Vec::new();
        for m in BRACKETED.find_iter(line.text) {
            let marks = m.as_str();
            let open_len = marks.chars().next().map_or(0, char::len_utf8);
            let close_len = marks.chars().next_back().map_or(0, char::len_utf8);
            let inner = marks[open_len..marks.len() - close_len].trim();
            if inner.is_empty() {
                continue;
            }
            let paren = marks.starts_with(['（', '(']);
            let inner = simplified(inner);
            let kind = if cues.notices.iter().any(|c| inner.contains(c.as_str())) {
                Some(SlotKind::Notice)
            } else if cues.instructions.iter().any(|c| inner.contains(c.as_str())) {
                Some(SlotKind::Instruction)
            } else {
                cues.fields
                    .iter()
                    .find(|f| f.name == inner && (!paren || f.brackets == FieldBrackets::Any))
                    .map(|f| f.kind)
            };
            if let Some(kind) = kind {
                let start = line.byte_start + m.start();
                in_brackets.push(kind);
                out.push(Slot {
                    span: doc.span(start, line.byte_start + m.end()),
                    text: marks.to_string(),
                    kind,
                });
            }
        }
        if in_brackets.contains(&SlotKind::Notice) {
            continue;
        }
        let trimmed = line.text.trim();
        if may_be_notice(trimmed) && trimmed.chars().count() <= MAX_NOTICE_LINE {
            let simple = simplified(trimmed);
            if cues.notices.iter().any(|c| simple.contains(c.as_str())) {
                let start = line.byte_start + (line.text.len() - line.text.trim_start().len());
                out.push(Slot {
                    span: doc.span(start, start + trimmed.len()),
                    text: trimmed.to_string(),
                    kind: SlotKind::Notice,
                });
            }
        }
    }
    out
}

/// A cheap test before converting a line: notices are not pure ASCII.
fn may_be_notice(line: &str) -> bool {
    !line.is_ascii()
}

/// The blanks of a date: spaces between 年 and 月 or 月 and 日 (`2023年  月  日`), and
/// before such a 年 after a label (`日期：    年  月  日`).
fn date_blanks(doc: &Document) -> Vec<Slot> {
    let text = doc.text();
    let mut out = Vec::new();
    for m in DATE_BLANKS.find_iter(text) {
        let unit = m.as_str().chars().next_back();
        let unit_len = unit.map_or(0, char::len_utf8);
        let (start, end) = (m.start(), m.end() - unit_len);
        let prev = text[..start].chars().next_back();
        let after_unit = &text[m.end()..];
        let blank = match unit {
            Some('月') => prev == Some('年'),
            Some('日') => prev == Some('月'),
            // The year's blank: a label before it, the month's blank after 年.
            Some('年') => {
                prev.is_some_and(|p| !p.is_whitespace() && !is_digit(p) && p != '年')
                    && after_unit.starts_with([' ', '\u{3000}'])
                    && after_unit
                        .trim_start_matches([' ', '\u{3000}'])
                        .starts_with('月')
            }
            _ => false,
        };
        if blank {
            out.push(Slot {
                span: doc.span(start, end),
                text: text[start..end].to_string(),
                kind: SlotKind::Date,
            });
        }
    }
    out
}

fn starts_known_term(rest: &str, dicts: &Dicts) -> bool {
    let mut chars = rest.chars();
    let first = chars.next();
    if !matches!(first, Some('X' | 'Ｘ')) {
        return false;
    }
    let tail = chars.as_str();
    dicts
        .known_terms
        .iter()
        .any(|term| term.strip_prefix('X').is_some_and(|t| tail.starts_with(t)))
}

/// Chars on each side of a slot looked at for its kind (longer than every cue).
const CUE_WINDOW: usize = 8;

/// The kind of the slot at `start..end`, from its surroundings (in simplified script).
fn slot_kind(text: &str, start: usize, end: usize, dicts: &Dicts) -> SlotKind {
    let before_all = &text[..start];
    let after_all = &text[end..];
    if before_all.ends_with('《') && after_all.starts_with('》') {
        return SlotKind::Title;
    }
    // `20XX年`, `20XX-20XX学年`: digits before always make a year.
    if before_all.chars().next_back().is_some_and(is_digit) {
        return SlotKind::Date;
    }
    let before_from = before_all
        .char_indices()
        .rev()
        .nth(CUE_WINDOW - 1)
        .map_or(0, |(i, _)| i);
    let after_to = after_all
        .char_indices()
        .nth(CUE_WINDOW)
        .map_or(after_all.len(), |(i, _)| i);
    let before = simplified(&before_all[before_from..]);
    let after = simplified(&after_all[..after_to]);
    // Cues are sorted longest first, so the first match is the longest.
    let after_cue = dicts
        .cues
        .iter()
        .find(|c| c.side == CueSide::After && after.starts_with(c.word.as_str()));
    let before = before.as_ref();
    if let Some(cue) = after_cue {
        return cue.kind;
    }
    dicts
        .cues
        .iter()
        .find(|c| c.side == CueSide::Before && before.ends_with(c.word.as_str()))
        .map_or(SlotKind::Other, |c| c.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(text: &str) -> Vec<(String, SlotKind)> {
        let doc = Document::from_str("t", text);
        find_slots(&doc, &Dicts::embedded())
            .into_iter()
            .map(|s| (s.text, s.kind))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        slots(text).into_iter().map(|(t, _)| t).collect()
    }

    /// One line a case: input, the slot texts expected.
    #[test]
    fn slot_or_not() {
        let cases: &[(&str, &[&str])] = &[
            ("XX厅党组", &["XX"]),
            ("开展了X次学习", &["X"]),
            ("2018年，20XX年", &["XX"]),
            ("201X年度", &["X"]),
            ("《XXX》获评", &["XXX"]),
            ("××同志", &["××"]),
            ("某某单位", &["某某"]),
            ("某单位", &[]),
            ("○○局", &["○○"]),
            ("○局", &[]),
            ("二〇二三年", &[]),
            ("〇〇", &[]),
            ("姓名：____", &["____"]),
            ("姓名：＿＿＿", &["＿＿＿"]),
            ("姓名：＿_", &["＿_"]),
            ("某某某单位", &["某某某"]),
            ("X某某", &["X", "某某"]),
            ("a_b", &[]),
            ("X月X日", &["X", "X"]),
            ("电话：XXXX-XXXXXXX", &["XXXX", "XXXXXXX"]),
            ("xx局与ＸＸ局", &["xx", "ＸＸ"]),
            ("Xx×混写", &["Xx×"]),
            // Rule 1: Latin letter or digit after.
            ("XML格式", &[]),
            ("Windows XP系统", &[]),
            ("Xi'an", &[]),
            ("7×24小时", &[]),
            ("600×400mm", &[]),
            ("x86服务器", &[]),
            ("Ｘ１号", &[]),
            // Rule 2: Latin letter or digit before.
            ("SpaceX公司", &[]),
            ("Excel表格", &[]),
            ("TEXT", &[]),
            ("3x", &[]),
            ("20XX-", &[]),
            // Rule 3: known terms.
            ("X射线检查", &[]),
            ("X光机", &[]),
            ("Ｘ光", &[]),
            ("X线片", &[]),
            ("X轴", &[]),
            ("X型钢", &[]),
            ("XX光", &["XX"]),
            // Rule 4: one space to a Latin word.
            ("iPhone X发布", &[]),
            ("Mac OS X系统", &[]),
            ("X Window系统", &[]),
            ("共 X 次", &["X"]),
            ("iPhone  X", &["X"]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "input: {input}");
        }
    }

    /// One line a case: input, the kind of its only slot.
    #[test]
    fn kinds_from_cues() {
        let cases: &[(&str, SlotKind)] = &[
            ("XX厅党组", SlotKind::Organization),
            ("XX省委", SlotKind::Organization),
            ("XX部党组", SlotKind::Organization),
            ("XX同志", SlotKind::Person),
            ("由XX厅长撰写", SlotKind::Person),
            ("开展X次", SlotKind::Number),
            ("X余次深入", SlotKind::Number),
            ("X天", SlotKind::Number),
            ("占XX%", SlotKind::Number),
            ("XX万元", SlotKind::Number),
            ("20XX年", SlotKind::Date),
            ("在X月中旬", SlotKind::Date),
            ("《XXX》", SlotKind::Title),
            ("XX事业", SlotKind::Other),
            ("XX战略", SlotKind::Other),
            ("第X", SlotKind::Number),
        ];
        for (input, want) in cases {
            let got = slots(input);
            assert_eq!(got.len(), 1, "input: {input}");
            assert_eq!(got[0].1, *want, "input: {input}");
        }
    }

    /// Template leftovers and their look-alikes, one line a case: input, the slots
    /// expected as (text, kind).
    #[test]
    fn template_leftovers_and_look_alikes() {
        use SlotKind::*;
        #[rustfmt::skip]
        let cases: &[(&str, &[(&str, SlotKind)])] = &[
            ("20XX-20XX学年第一学期", &[("XX", Date), ("XX", Date)]),
            ("20XX—20XX年度考核", &[("XX", Date), ("XX", Date)]),
            ("201X-201X年", &[("X", Date), ("X", Date)]),
            ("20XX学年", &[("XX", Date)]),
            ("中共【单位名称】委员会", &[("【单位名称】", Organization)]),
            ("述职人：[姓名]", &[("[姓名]", Person)]),
            ("〔单位〕党支部", &[("〔单位〕", Organization)]),
            ("（日期）", &[("（日期）", Date)]),
            ("一、主要工作（此处填写本单位主要工作）", &[("（此处填写本单位主要工作）", Instruction)]),
            ("完成率（根据实际情况填写）", &[("（根据实际情况填写）", Instruction)]),
            ("（此处填写XX厅开展的工作）", &[("（此处填写XX厅开展的工作）", Instruction)]),
            ("2023年  月  日", &[("  ", Date), ("  ", Date)]),
            ("日期：    年　月　日", &[("    ", Date), ("　", Date), ("　", Date)]),
            ("____年__月__日", &[("____", Date), ("__", Date), ("__", Date)]),
            ("本文系邮箱投稿，仅供学习参考，请勿照搬照抄！", &[("本文系邮箱投稿，仅供学习参考，请勿照搬照抄！", Notice)]),
            ("（本模板仅供参考，使用时请结合本单位实际修改完善）", &[("（本模板仅供参考，使用时请结合本单位实际修改完善）", Notice)]),
            ("  （本范文由XX整理，侵删）", &[("（本范文由XX整理，侵删）", Notice)]),
            // Traditional script: the same slots and kinds.
            ("中共【單位名稱】委員會", &[("【單位名稱】", Organization)]),
            ("（此處填寫本單位主要工作）", &[("（此處填寫本單位主要工作）", Instruction)]),
            ("僅供學習參考，請勿照搬照抄", &[("僅供學習參考，請勿照搬照抄", Notice)]),
            ("XX廳黨組", &[("XX", Organization)]),
            ("開展X次", &[("X", Number)]),
            // Look-alikes: not slots.
            ("市政办发〔2023〕12号", &[]),
            ("【新闻】本报讯", &[]),
            ("（2023年）", &[]),
            ("各科室（部门）要高度重视", &[]),
            ("各镇（街道）", &[]),
            ("2023年1月5日", &[]),
            ("2023年 1月", &[]),
            ("（见附件）", &[]),
            ("（一）强化学习", &[]),
            ("[1] 参考文献", &[]),
            ("2023-2024学年", &[]),
            ("20XX-", &[]),
            (&"长句，仅供参考。".repeat(20), &[]),
        ];
        for (input, want) in cases {
            let got = slots(input);
            let want: Vec<(String, SlotKind)> =
                want.iter().map(|(t, k)| (t.to_string(), *k)).collect();
            assert_eq!(got, want, "input: {input}");
        }
    }

    #[test]
    fn title_kind_only_for_whole_title() {
        let got = slots("《中共XX厅党组学习制度》");
        assert_eq!(got, vec![("XX".to_string(), SlotKind::Organization)]);
    }

    #[test]
    fn spans_slice_the_slot_text() {
        let text = "一、XX厅\r\n开展X次，20XX年X月X日，某某、○○、__";
        let doc = Document::from_str("t", text);
        let found = find_slots(&doc, &Dicts::embedded());
        assert_eq!(found.len(), 8);
        for s in &found {
            assert_eq!(&doc.text()[s.span.byte_start..s.span.byte_end], s.text);
        }
        assert_eq!((found[1].span.line, found[1].span.column), (2, 3));
    }

    #[test]
    fn user_known_term_is_respected() {
        let mut dicts = Dicts::embedded();
        assert_eq!(texts("X档案"), vec!["X"]);
        dicts.add_known_terms(["X档案".to_string()]);
        let doc = Document::from_str("t", "X档案");
        assert!(find_slots(&doc, &dicts).is_empty());
    }
}
