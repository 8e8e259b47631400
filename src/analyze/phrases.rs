//! Official phrases (提法): every entry of `dicts/phrases.txt` (plus the user's
//! lists) found in the text, leftmost-longest, with counts and byte offsets.
//!
//! One Aho-Corasick automaton (`MatchKind::LeftmostLongest`, so `党的十九大` wins
//! over `十九大` at the same place) is built once: a `static` for the embedded list,
//! once per config for a list with the user's additions.
//!
//! Official prose abbreviates coordinated plenums — `十九届二中、三中全会` is two
//! meetings — which no list can spell out, so a hand scanner handles that family
//! first ([`meeting_mentions`]): the plenums it expands are counted under their full
//! names (`十九届二中全会`, `十九届三中全会`), and the dictionary is matched only in
//! the text between its matches, so nothing is counted twice (the list's own
//! `十九届二中、三中全会` entry never fires).
//!
//! What must stay true: matches never overlap, every offset is where its phrase's
//! mention begins, and output is sorted by count (descending) then phrase.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use rustc_hash::FxHashMap;

use crate::dicts;
use crate::dicts::with_extra_lists;
use crate::report::PhraseCount;

/// Category of the plenums the meeting scanner finds.
pub const MEETING: &str = "meeting";

/// The phrase lists compiled into one automaton.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    automaton: AhoCorasick,
    /// `(phrase, category)` by pattern id.
    phrases: Vec<(String, String)>,
    /// Pattern id by phrase, for the categories of the meeting scanner's names.
    index: HashMap<String, usize>,
}

static EMBEDDED: LazyLock<Arc<PhraseMatcher>> = LazyLock::new(|| {
    Arc::new(PhraseMatcher::build(&[dicts::PHRASES]).expect("dicts/phrases.txt compiles"))
});

impl PhraseMatcher {
    /// The shared matcher of `dicts/phrases.txt` (built on first use).
    pub fn embedded() -> Arc<PhraseMatcher> {
        Arc::clone(&EMBEDDED)
    }

    /// The embedded matcher when `extra` is empty; otherwise one over the embedded
    /// list and the user's (`phrase<TAB>category` texts). A phrase listed twice
    /// keeps the last category, so users can re-categorise.
    pub fn for_extra_lists(extra: &[String]) -> Arc<PhraseMatcher> {
        // The automaton only fails to build past millions of states; a user list
        // that big still gets the embedded phrases rather than nothing.
        with_extra_lists(&EMBEDDED, dicts::PHRASES, extra, |lists| {
            PhraseMatcher::build(lists).ok()
        })
    }

    fn build(lists: &[&str]) -> Result<PhraseMatcher, aho_corasick::BuildError> {
        let mut phrases: Vec<(String, String)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (phrase, category) in lists.iter().flat_map(|text| dicts::phrase_entries(text)) {
            match index.get(phrase) {
                Some(&id) => {
                    if let Some(slot) = phrases.get_mut(id) {
                        slot.1 = category.to_string();
                    }
                }
                None => {
                    index.insert(phrase.to_string(), phrases.len());
                    phrases.push((phrase.to_string(), category.to_string()));
                }
            }
        }
        let automaton = AhoCorasick::builder()
            // A full DFA: several times faster than the default NFA on CJK text, where the
            // prefilter can skip little; the vocabularies are small enough for its memory.
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases.iter().map(|(p, _)| p))?;
        Ok(PhraseMatcher {
            automaton,
            phrases,
            index,
        })
    }

    /// The category of a listed phrase.
    pub fn category(&self, phrase: &str) -> Option<&str> {
        let id = *self.index.get(phrase)?;
        self.phrases.get(id).map(|(_, c)| c.as_str())
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether no phrase is listed.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// Every official phrase in `text` with its count and offsets, most frequent first.
pub fn find_phrases(text: &str, matcher: &PhraseMatcher) -> Vec<PhraseCount> {
    // Offsets by pattern id: a hundred matches a page, so no string is built per match.
    let mut listed: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mentions = meeting_mentions(text);
    let mut gap_start = 0;
    let gaps = mentions
        .iter()
        .map(|m| (m.start, m.end))
        .chain(std::iter::once((text.len(), text.len())));
    for (start, end) in gaps {
        let input = Input::new(text).range(gap_start..start);
        for m in matcher.automaton.find_iter(input) {
            listed
                .entry(m.pattern().as_usize())
                .or_default()
                .push(m.start());
        }
        gap_start = end;
    }
    // The scanner's names merge with the list's entries of the same name.
    let mut unlisted: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (name, offset) in mentions.iter().flat_map(|m| &m.meetings) {
        match matcher.index.get(name.as_str()) {
            Some(&id) => listed.entry(id).or_default().push(*offset),
            None => unlisted.entry(name).or_default().push(*offset),
        }
    }
    let listed = listed.into_iter().filter_map(|(id, offsets)| {
        let (phrase, category) = matcher.phrases.get(id)?;
        Some((phrase.as_str(), category.as_str(), offsets))
    });
    let unlisted = unlisted
        .into_iter()
        .map(|(name, offsets)| (name, MEETING, offsets));
    let mut out: Vec<PhraseCount> = listed
        .chain(unlisted)
        .map(|(phrase, category, mut offsets)| {
            offsets.sort_unstable();
            PhraseCount {
                phrase: phrase.to_string(),
                category: category.to_string(),
                count: offsets.len(),
                offsets,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.phrase.cmp(&b.phrase)));
    out
}

/// A mention of one or more plenums found by rule rather than by the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingMention {
    /// Byte offset where the mention begins.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The meetings it names, each with the offset where its mention begins: the
    /// whole mention's start for the first, its own ordinal (`三中`) for the others.
    pub meetings: Vec<(String, usize)>,
}

/// Plenums named by the forms a list cannot spell out, in text order, never overlapping:
///
/// - coordinated plenums of one congress: `十九届二中、三中全会`, `十九届二中全会、三中全会`,
///   `二十届二中和三中全会` (items `[一-七]中` joined by `、`/`和`/`及`) — expanded to
///   `十九届二中全会`, `十九届三中全会`; a single plenum is left to the list;
/// - numbered plenums: `中纪委二次全会`, `中央纪委第三次全会`, `十九届中央纪委二次全会`,
///   `十一届九次全会`, `第四次全会` — kept as written.
pub fn meeting_mentions(text: &str) -> Vec<MeetingMention> {
    let mut found: Vec<MeetingMention> = text
        .match_indices('届')
        .filter_map(|(at, _)| coordinated_plenums(text, at))
        .chain(
            text.match_indices("次全会")
                .filter_map(|(at, _)| numbered_plenum(text, at)),
        )
        .collect();
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<MeetingMention> = Vec::with_capacity(found.len());
    for m in found {
        if out.last().is_none_or(|last| m.start >= last.end) {
            out.push(m);
        }
    }
    out
}

const PLENUM_ORDINALS: &[char] = &['一', '二', '三', '四', '五', '六', '七'];
const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const LIST_JOINERS: &[char] = &['、', '和', '及'];
const PLENUM: &str = "全会";

/// The congress prefix `十九`/`二十`/`二十一` ending at byte `end` (just before `届`):
/// its start, if the numeral run there is a congress number of the 10th to 29th.
fn congress_number_start(text: &str, end: usize) -> Option<usize> {
    let before = text.get(..end)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| NUMERALS.contains(&c))
        .last()
        .map(|(i, _)| i)?;
    let numeral = before.get(start..)?;
    let valid = ["十", "二十"].iter().any(|tens| {
        numeral
            .strip_prefix(tens)
            .is_some_and(|rest| rest.is_empty() || (rest.chars().count() == 1 && rest != "十"))
    });
    valid.then_some(start)
}

/// `十九届二中、三中全会` and its variants around the `届` at byte `at`.
fn coordinated_plenums(text: &str, at: usize) -> Option<MeetingMention> {
    let start = congress_number_start(text, at)?;
    let prefix = text.get(start..at)?;
    let mut pos = at + '届'.len_utf8();
    // (ordinal, offset of the ordinal, end of the item, whether 全会 follows it)
    let mut items: Vec<(char, usize, usize, bool)> = Vec::new();
    loop {
        let rest = text.get(pos..)?;
        let mut chars = rest.chars();
        let (Some(ordinal), Some('中')) = (chars.next(), chars.next()) else {
            break;
        };
        if !PLENUM_ORDINALS.contains(&ordinal) {
            break;
        }
        let mut end = pos + ordinal.len_utf8() + '中'.len_utf8();
        let full = text.get(end..).is_some_and(|r| r.starts_with(PLENUM));
        if full {
            end += PLENUM.len();
        }
        items.push((ordinal, pos, end, full));
        match text.get(end..).and_then(|r| r.chars().next()) {
            Some(j) if LIST_JOINERS.contains(&j) => pos = end + j.len_utf8(),
            _ => break,
        }
    }
    // The list ends at its last item followed by 全会; a single plenum is the list's job.
    let last = items.iter().rposition(|item| item.3)?;
    if last == 0 {
        return None;
    }
    let meetings = items
        .iter()
        .take(last + 1)
        .enumerate()
        .map(|(i, &(ordinal, offset, _, _))| {
            let at = if i == 0 { start } else { offset };
            (format!("{prefix}届{ordinal}中{PLENUM}"), at)
        })
        .collect();
    Some(MeetingMention {
        start,
        end: items.get(last)?.2,
        meetings,
    })
}

/// `中纪委二次全会`, `十九届中央纪委第二次全会`, `十一届九次全会`, `第四次全会` around the
/// `次全会` at byte `at`, as written.
fn numbered_plenum(text: &str, at: usize) -> Option<MeetingMention> {
    let end = at + "次全会".len();
    let before = text.get(..at)?;
    let mut start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| NUMERALS.contains(&c))
        .last()
        .map(|(i, _)| i)?;
    let mut qualified = false;
    if let Some(s) = before.get(..start).and_then(|b| b.strip_suffix('第')) {
        start = s.len();
        qualified = true;
    }
    let head = before.get(..start)?;
    if let Some(s) = head
        .strip_suffix("中央纪委")
        .or_else(|| head.strip_suffix("中纪委"))
    {
        start = s.len();
        qualified = true;
    }
    if let Some(s) = before.get(..start).and_then(|b| b.strip_suffix('届'))
        && let Some(congress) = congress_number_start(text, s.len())
    {
        start = congress;
        qualified = true;
    }
    if !qualified {
        return None;
    }
    let name = text.get(start..end)?.to_string();
    Some(MeetingMention {
        start,
        end,
        meetings: vec![(name, start)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<(String, usize)> {
        find_phrases(text, &PhraseMatcher::embedded())
            .into_iter()
            .map(|p| (p.phrase, p.count))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        meeting_mentions(text)
            .into_iter()
            .flat_map(|m| m.meetings.into_iter().map(|(n, _)| n))
            .collect()
    }

    /// One line a case: text, the meetings the scanner names.
    #[test]
    fn meeting_forms() {
        let cases: &[(&str, &[&str])] = &[
            (
                "十九届二中、三中全会精神",
                &["十九届二中全会", "十九届三中全会"],
            ),
            (
                "党的十九届二中、三中、四中全会",
                &["十九届二中全会", "十九届三中全会", "十九届四中全会"],
            ),
            (
                "十九届二中全会、三中全会",
                &["十九届二中全会", "十九届三中全会"],
            ),
            (
                "二十届二中和三中全会",
                &["二十届二中全会", "二十届三中全会"],
            ),
            (
                "十八届五中及六中全会",
                &["十八届五中全会", "十八届六中全会"],
            ),
            (
                "二十一届一中、二中全会",
                &["二十一届一中全会", "二十一届二中全会"],
            ),
            // The list ends at the last item followed by 全会.
            ("十九届三中全会和四中学校", &[]),
            (
                "十九届二中、三中全会和四中同学",
                &["十九届二中全会", "十九届三中全会"],
            ),
            // One plenum is the list's job; no congress number, no expansion.
            ("十九届三中全会", &[]),
            ("二中、三中全会", &[]),
            ("三十九届二中、三中全会", &[]),
            ("十九届八中、九中全会", &[]),
            // Numbered plenums, as written.
            ("中纪委二次全会精神", &["中纪委二次全会"]),
            ("中央纪委第三次全会", &["中央纪委第三次全会"]),
            ("十九届中央纪委二次全会", &["十九届中央纪委二次全会"]),
            ("省委十一届九次全会", &["十一届九次全会"]),
            ("市委第十次全会", &["第十次全会"]),
            ("二次全会", &[]),
            ("市纪委二次全会", &[]),
            ("全会", &[]),
            ("届", &[]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "text: {text}");
        }
    }

    #[test]
    fn expanded_plenums_are_counted_once_under_their_full_names() {
        let got = counts("党的十九大、十九届二中、三中全会精神");
        assert_eq!(
            got,
            vec![
                ("党的十九大".to_string(), 1),
                ("十九届三中全会".to_string(), 1),
                ("十九届二中全会".to_string(), 1),
            ]
        );
        // The list's combined entry and its parts never fire inside an expansion.
        assert!(
            PhraseMatcher::embedded()
                .category("十九届二中、三中全会")
                .is_some()
        );
        assert!(got.iter().all(|(p, _)| !p.contains('、')));
    }

    #[test]
    fn list_and_scanner_agree_on_names() {
        let text = "十九届三中全会，十九届二中、三中全会";
        assert_eq!(
            counts(text),
            vec![
                ("十九届三中全会".to_string(), 2),
                ("十九届二中全会".to_string(), 1)
            ]
        );
        let found = find_phrases(text, &PhraseMatcher::embedded());
        let third = found.iter().find(|p| p.phrase == "十九届三中全会").unwrap();
        assert_eq!(third.category, "meeting");
        // The first from the list, the second at its own ordinal.
        let second = text.rfind("三中").unwrap();
        assert_eq!(third.offsets, vec![0, second]);
    }

    #[test]
    fn offsets_slice_the_phrase_and_counts_sort() {
        let text = "增强“四个意识”、坚定“四个自信”，推进“两学一做”，两学一做学习教育";
        let found = find_phrases(text, &PhraseMatcher::embedded());
        for p in &found {
            assert_eq!(p.count, p.offsets.len());
            for &o in &p.offsets {
                assert!(text[o..].starts_with(&p.phrase), "{}", p.phrase);
            }
        }
        let got: Vec<(&str, usize)> = found.iter().map(|p| (p.phrase.as_str(), p.count)).collect();
        // Leftmost-longest: the fuller form wins where it matches.
        assert_eq!(
            got,
            vec![
                ("两学一做", 1),
                ("两学一做学习教育", 1),
                ("四个意识", 1),
                ("四个自信", 1)
            ]
        );
    }

    #[test]
    fn user_lists_add_and_recategorise() {
        let m = PhraseMatcher::for_extra_lists(&["甲乙丙丁\tpolicy\n四个意识\tmine\n".into()]);
        let found = find_phrases("甲乙丙丁和四个意识", &m);
        let cats: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.phrase.as_str(), p.category.as_str()))
            .collect();
        assert_eq!(cats, vec![("四个意识", "mine"), ("甲乙丙丁", "policy")]);
        assert!(Arc::ptr_eq(
            &PhraseMatcher::for_extra_lists(&[]),
            &PhraseMatcher::embedded()
        ));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "届",
            "次全会",
            "十届",
            "全会全会",
            "、、届、",
            "\u{feff}十九届二中、",
        ] {
            let _ = counts(text);
        }
        let long = "十九届二中、三中全会".repeat(10_000);
        assert_eq!(counts(&long).len(), 2);
    }
}
