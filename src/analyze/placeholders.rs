//! Unfilled template slots: `XX厅`, `X次`, `20XX年`, `《XXX》`, `××`, `某某`, `○○`, `____`.
//!
//! The rules are DESIGN.md's, in order: a maximal run of placeholder letters
//! (`X x × Ｘ ｘ`) is a slot unless a Latin letter or digit touches it (except the
//! `20XX年` digit-before-年-after case), it is a lone `X` starting a known term
//! (`X射线`), or it is joined to a Latin word by exactly one space (`iPhone X`).
//! Runs of 2+ `某`, 2+ `○` (never `〇`) and 2+ `_`/`＿` are slots too. What must
//! stay true: every slot's span slices exactly its `text` out of the document.

use std::sync::LazyLock;

use regex::Regex;

use crate::dicts::{CueSide, Dicts};
use crate::document::Document;
use crate::report::{Slot, SlotKind};

/// Candidate runs: every maximal run of placeholder letters, and runs of two or
/// more `某`, `○` or blanks. The regex engine finds them far faster than a
/// char-by-char loop; the context rules then decide which runs are slots.
static RUNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[Xx×Ｘｘ]+|某{2,}|○{2,}|[_＿]{2,}").expect("the slot-run pattern is valid")
});

/// Finds every unfilled slot in the document, in text order.
pub fn find_slots(doc: &Document, dicts: &Dicts) -> Vec<Slot> {
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
    // Rule 2: `SpaceX`, `TEXT`; but `20XX年` is a slot.
    if let Some(p) = prev {
        if is_latin_letter(p) {
            return false;
        }
        if is_digit(p) && next != Some('年') {
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

/// The kind of the slot at `start..end`, from its surroundings.
fn slot_kind(text: &str, start: usize, end: usize, dicts: &Dicts) -> SlotKind {
    let before = &text[..start];
    let after = &text[end..];
    if before.ends_with('《') && after.starts_with('》') {
        return SlotKind::Title;
    }
    // `20XX年`: digits before and 年 after always make a date.
    if before.chars().next_back().is_some_and(is_digit) && after.starts_with('年') {
        return SlotKind::Date;
    }
    // Cues are sorted longest first, so the first match is the longest.
    let after_cue = dicts
        .cues
        .iter()
        .find(|c| c.side == CueSide::After && after.starts_with(c.word.as_str()));
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
