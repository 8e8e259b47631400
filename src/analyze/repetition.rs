//! Repetition inside one document: word n-grams a writer keeps reusing, and filler
//! words (`dicts/overused.txt`) used too often for the document's length.
//!
//! N-grams are runs of 2–6 word tokens (never across punctuation or a line end),
//! of 4 chars or more, occurring 3 times or more, that neither begin nor end with a
//! one-char stopword (`中心组的`, `和XX部党组` are fragments of a phrase, not one).
//! Only maximal ones are listed: an n-gram inside a longer listed one with the same
//! count says nothing new. Counting
//! is Apriori-style over the interned token ids of the document's
//! [`Vocabulary`]: an n-gram is counted only where both of its (n-1)-gram parts are
//! frequent, so the work shrinks with each length instead of growing.
//!
//! Overused words are counted where they stand as whole tokens or open a token that
//! is itself a listed filler (`进一步` in `进一步提高`), never inside a fixed
//! formulation (`全面` in `全面从严治党`), and reported above a rate per 1000 chars,
//! for documents long enough for a rate to mean something.
//!
//! What must stay true: counts and first occurrences depend only on the text; output
//! is sorted by count (descending) then text.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

use super::Finding;
use super::keywords::Stopwords;
use super::segment::{Token, Vocabulary};
use crate::dicts;
use crate::dicts::with_extra_lists;
use crate::document::Document;
use crate::i18n::Message;
use crate::report::{OverusedWord, RepeatedPhrase, Rule};

/// Thresholds of the repetition analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RepetitionOptions {
    /// Fewest occurrences of a listed n-gram.
    pub min_count: usize,
    /// Fewest tokens in an n-gram.
    pub min_tokens: usize,
    /// Most tokens in an n-gram.
    pub max_tokens: usize,
    /// Fewest chars in a listed n-gram.
    pub min_chars: usize,
    /// Uses per 1000 chars above which a filler word is overused.
    pub overused_per_1000: f64,
    /// Shortest document (chars) whose filler words are rated.
    pub overused_min_chars: usize,
}

impl Default for RepetitionOptions {
    fn default() -> Self {
        RepetitionOptions {
            min_count: 3,
            min_tokens: 2,
            max_tokens: 6,
            min_chars: 4,
            overused_per_1000: 3.0,
            overused_min_chars: 300,
        }
    }
}

/// A repeated n-gram with where it first occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedNgram {
    /// The n-gram as written.
    pub phrase: String,
    /// Occurrences.
    pub count: usize,
    /// Byte range of the first occurrence.
    pub first: (usize, usize),
}

/// An overused filler word with where it first occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct OverusedFind {
    /// The word, its count and rate.
    pub word: OverusedWord,
    /// Byte range of the first occurrence.
    pub first: (usize, usize),
}

/// Everything the repetition analysis found in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Repetition {
    /// Maximal repeated n-grams, most frequent first.
    pub ngrams: Vec<RepeatedNgram>,
    /// Filler words above the rate, most frequent first.
    pub overused: Vec<OverusedFind>,
}

impl Repetition {
    /// The n-grams as report data.
    pub fn repeated_phrases(&self) -> Vec<RepeatedPhrase> {
        self.ngrams
            .iter()
            .map(|g| RepeatedPhrase {
                phrase: g.phrase.clone(),
                count: g.count,
            })
            .collect()
    }

    /// The overused words as report data.
    pub fn overused_words(&self) -> Vec<OverusedWord> {
        self.overused.iter().map(|o| o.word.clone()).collect()
    }

    /// `repeated-phrase` findings, each at its first occurrence.
    pub fn findings(&self, doc: &Document) -> Vec<Finding> {
        let finding = |(start, end): (usize, usize), text: &str, message: Message| {
            Finding::new(Rule::RepeatedPhrase, doc.span(start, end), text, message)
        };
        let words = self.overused.iter().map(|o| {
            let w = &o.word;
            let message = Message::new("repeated-phrase-overused")
                .arg("word", &w.word)
                .arg("count", w.count)
                .arg("rate", format!("{:.1}", w.per_1000_chars));
            finding(o.first, &w.word, message)
        });
        let phrases = self.ngrams.iter().map(|g| {
            let message = Message::new("repeated-phrase-ngram")
                .arg("phrase", &g.phrase)
                .arg("count", g.count);
            finding(g.first, &g.phrase, message)
        });
        words.chain(phrases).collect()
    }
}

/// The vocabularies the repetition analysis reads.
#[derive(Debug, Clone, Copy)]
pub struct RepetitionLists<'a> {
    /// Filler words.
    pub overused: &'a Overused,
    /// Stopwords: a one-char stopword cannot begin or end an n-gram.
    pub stopwords: &'a Stopwords,
}

/// Runs both analyses on a document's text (of `chars` chars), tokens and their
/// vocabulary.
pub fn find_repetition(
    text: &str,
    chars: usize,
    tokens: &[Token<'_>],
    vocab: &Vocabulary<'_>,
    lists: RepetitionLists<'_>,
    opts: &RepetitionOptions,
) -> Repetition {
    Repetition {
        ngrams: repeated_ngrams(text, tokens, vocab, lists.stopwords, opts),
        overused: overused_words(text, chars, tokens, lists.overused, opts),
    }
}

/// Maximal word n-grams occurring at least `min_count` times.
pub fn repeated_ngrams(
    text: &str,
    tokens: &[Token<'_>],
    vocab: &Vocabulary<'_>,
    stopwords: &Stopwords,
    opts: &RepetitionOptions,
) -> Vec<RepeatedNgram> {
    let ids = &vocab.ids;
    let min = u32::try_from(opts.min_count.max(1)).unwrap_or(u32::MAX);
    let weak_edge = |id: Option<&u32>| {
        id.and_then(|&id| vocab.word(id))
            .is_some_and(|w| w.text.chars().nth(1).is_none() && stopwords.contains(w.text))
    };
    // `frequent[i]`: id of the (n-1)-gram starting at token i if it occurs `min`
    // times or more, else NONE. Level 1: the words themselves.
    let mut frequent: Vec<u32> = ids
        .iter()
        .map(|&id| match vocab.word(id) {
            Some(w) if w.count >= min => id,
            _ => NONE,
        })
        .collect();
    // Chars of each (n-1)-gram by id.
    let mut gram_chars: Vec<u32> = vocab
        .words
        .iter()
        .map(|w| w.text.chars().count() as u32)
        .collect();
    let word_chars: Vec<u32> = gram_chars.clone();
    // (first token index, tokens, count) of every frequent n-gram long enough to list.
    let mut listed: Vec<(usize, usize, u32)> = Vec::new();
    // An n-gram is its (n-1)-gram prefix and its last word: one u64 key, hashed
    // once per position, instead of a slice of n ids.
    let mut index: FxHashMap<u64, u32> = FxHashMap::default();
    let mut grams: Vec<Gram> = Vec::new();
    let mut next: Vec<u32> = Vec::with_capacity(ids.len());
    for n in 2..=opts.max_tokens.max(2) {
        index.clear();
        grams.clear();
        next.clear();
        next.resize(ids.len(), NONE);
        for i in 0..ids.len().saturating_sub(n - 1) {
            let (Some(&head), Some(&tail_part), Some(&last)) =
                (frequent.get(i), frequent.get(i + 1), ids.get(i + n - 1))
            else {
                continue;
            };
            // Both (n-1)-gram parts frequent means every token is a word, too.
            if head == NONE || tail_part == NONE {
                continue;
            }
            let key = (u64::from(head) << 32) | u64::from(last);
            let id = *index.entry(key).or_insert_with(|| {
                let chars = gram_chars.get(head as usize).copied().unwrap_or(0)
                    + word_chars.get(last as usize).copied().unwrap_or(0);
                grams.push(Gram {
                    count: 0,
                    first: i,
                    chars,
                });
                (grams.len() - 1) as u32
            });
            if let Some(g) = grams.get_mut(id as usize) {
                g.count += 1;
            }
            if let Some(slot) = next.get_mut(i) {
                *slot = id;
            }
        }
        let mut any = false;
        for slot in next.iter_mut() {
            if grams.get(*slot as usize).is_some_and(|g| g.count >= min) {
                any = true;
            } else {
                *slot = NONE;
            }
        }
        if n >= opts.min_tokens {
            for g in grams.iter().filter(|g| g.count >= min) {
                let edges = (ids.get(g.first), ids.get(g.first + n - 1));
                if g.chars as usize >= opts.min_chars && !weak_edge(edges.0) && !weak_edge(edges.1)
                {
                    listed.push((g.first, n, g.count));
                }
            }
        }
        if !any {
            break;
        }
        std::mem::swap(&mut frequent, &mut next);
        gram_chars.clear();
        gram_chars.extend(grams.iter().map(|g| g.chars));
    }
    let slice = |first: usize, n: usize| ids.get(first..first + n).unwrap_or(&[]);
    // Maximal only: drop an n-gram inside a longer listed one with the same count.
    listed.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    let mut kept: Vec<(usize, usize, u32)> = Vec::new();
    for &(first, n, count) in &listed {
        let gram = slice(first, n);
        let inside = kept
            .iter()
            .any(|&(f, m, c)| c == count && m > n && slice(f, m).windows(n).any(|w| w == gram));
        if !inside {
            kept.push((first, n, count));
        }
    }
    // Two token sequences can spell the same text; report the text once.
    let mut by_text: HashMap<&str, RepeatedNgram> = HashMap::new();
    for (first, n, count) in kept {
        let start = tokens.get(first).map_or(0, |t| t.byte_start);
        let end = tokens.get(first + n - 1).map_or(start, |t| t.byte_end);
        let Some(phrase) = text.get(start..end) else {
            continue;
        };
        let entry = by_text.entry(phrase).or_insert_with(|| RepeatedNgram {
            phrase: phrase.to_string(),
            count: 0,
            first: (start, end),
        });
        entry.count += count as usize;
        entry.first = entry.first.min((start, end));
    }
    let mut out: Vec<RepeatedNgram> = by_text.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.phrase.cmp(&b.phrase)));
    out
}

/// No frequent n-gram starts here.
const NONE: u32 = u32::MAX;

/// One distinct n-gram of the current length.
struct Gram {
    count: u32,
    /// Token index of its first occurrence.
    first: usize,
    chars: u32,
}

/// Filler words, compiled for overlapping search (`进一步` and `进一步加强` both count).
#[derive(Debug, Clone)]
pub struct Overused {
    automaton: AhoCorasick,
    words: Vec<String>,
}

static EMBEDDED_OVERUSED: LazyLock<Arc<Overused>> = LazyLock::new(|| {
    Arc::new(Overused::build(&[dicts::OVERUSED]).expect("dicts/overused.txt compiles"))
});

impl Overused {
    /// The shared list of `dicts/overused.txt`.
    pub fn embedded() -> Arc<Overused> {
        Arc::clone(&EMBEDDED_OVERUSED)
    }

    /// The embedded list when `extra` is empty; otherwise it plus the user's lists.
    pub fn for_extra_lists(extra: &[String]) -> Arc<Overused> {
        with_extra_lists(&EMBEDDED_OVERUSED, dicts::OVERUSED, extra, Overused::build)
    }

    fn build(lists: &[&str]) -> Option<Overused> {
        let mut words: Vec<String> = lists
            .iter()
            .flat_map(|text| dicts::entries(text))
            .map(str::to_string)
            .collect();
        words.sort();
        words.dedup();
        let automaton = AhoCorasick::builder()
            // A full DFA: several times faster than the default NFA on CJK text, where the
            // prefilter can skip little; the vocabularies are small enough for its memory.
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&words)
            .ok()?;
        Some(Overused { automaton, words })
    }
}

/// Filler words used more than `overused_per_1000` times per 1000 chars.
pub fn overused_words(
    text: &str,
    chars: usize,
    tokens: &[Token<'_>],
    overused: &Overused,
    opts: &RepetitionOptions,
) -> Vec<OverusedFind> {
    if chars < opts.overused_min_chars.max(1) {
        return Vec::new();
    }
    // A word counts where it starts a token and ends one (`进一步` before `加强`), or
    // starts a token that is itself a listed filler (`进一步` in the token
    // `进一步提高`); inside a fixed formulation (`全面` in `全面从严治党`) it does not.
    let token_at = |at: usize| {
        tokens
            .binary_search_by(|t| t.byte_start.cmp(&at))
            .ok()
            .and_then(|i| tokens.get(i))
    };
    let counts_at = |start: usize, end: usize| {
        token_at(start).is_some_and(|t| {
            end == text.len()
                || token_at(end).is_some()
                || overused
                    .words
                    .binary_search_by(|w| w.as_str().cmp(t.text))
                    .is_ok()
        })
    };
    let mut found: Vec<(usize, (usize, usize))> = vec![(0, (0, 0)); overused.words.len()];
    for m in overused.automaton.find_overlapping_iter(text) {
        if counts_at(m.start(), m.end())
            && let Some(slot) = found.get_mut(m.pattern().as_usize())
        {
            if slot.0 == 0 {
                slot.1 = (m.start(), m.end());
            }
            slot.0 += 1;
        }
    }
    let per_1000 = |count: usize| count as f64 * 1000.0 / chars as f64;
    let mut out: Vec<OverusedFind> = overused
        .words
        .iter()
        .zip(found)
        .filter(|(_, (count, _))| per_1000(*count) > opts.overused_per_1000)
        .map(|(word, (count, first))| OverusedFind {
            word: OverusedWord {
                word: word.clone(),
                count,
                per_1000_chars: (per_1000(count) * 10.0).round() / 10.0,
            },
            first,
        })
        .collect();
    out.sort_by(|a, b| {
        b.word
            .count
            .cmp(&a.word.count)
            .then_with(|| a.word.word.cmp(&b.word.word))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::segment::Segmenter;

    fn ngrams(text: &str) -> Vec<(String, usize)> {
        let seg = Segmenter::embedded();
        let tokens = seg.tokens(text);
        let vocab = Vocabulary::new(&tokens);
        let stop = Stopwords::embedded();
        repeated_ngrams(text, &tokens, &vocab, &stop, &RepetitionOptions::default())
            .into_iter()
            .map(|g| (g.phrase, g.count))
            .collect()
    }

    fn overused(text: &str) -> Vec<(String, usize)> {
        let seg = Segmenter::embedded();
        let tokens = seg.tokens(text);
        let opts = RepetitionOptions::default();
        overused_words(
            text,
            text.chars().count(),
            &tokens,
            &Overused::embedded(),
            &opts,
        )
        .into_iter()
        .map(|o| (o.word.word, o.word.count))
        .collect()
    }

    /// One line a case: text, the maximal n-grams repeated 3+ times.
    #[test]
    fn ngram_cases() {
        let cases: &[(&str, &[(&str, usize)])] = &[
            (
                "加强理论学习。加强理论学习。加强理论学习。",
                &[("加强理论学习", 3)],
            ),
            // Twice is not enough.
            ("加强理论学习。加强理论学习。", &[]),
            // Under 4 chars is not listed.
            ("学习党章。学习党章。学习党章。", &[("学习党章", 3)]),
            ("看书。看书。看书。", &[]),
            // A one-char stopword at an edge makes a fragment, inside it is fine.
            (
                "中心组的学习。中心组的学习。中心组的学习。",
                &[("中心组的学习", 3)],
            ),
            ("和中心组。和中心组。和中心组。", &[]),
            // Punctuation and line ends break n-grams.
            ("理论，学习。理论\n学习。理论、学习。", &[]),
            // A shorter n-gram with a higher count is kept beside the longer one.
            (
                "加强学习党章。加强学习党章。加强学习党章。学习党章。",
                &[("学习党章", 4), ("加强学习党章", 3)],
            ),
            ("", &[]),
            ("。。。", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, usize)> =
                want.iter().map(|&(p, c)| (p.to_string(), c)).collect();
            assert_eq!(ngrams(text), want, "text: {text}");
        }
    }

    #[test]
    fn first_occurrence_spans_the_phrase() {
        let text = "一、加强理论学习\n要加强理论学习，加强理论学习。";
        let seg = Segmenter::embedded();
        let tokens = seg.tokens(text);
        let vocab = Vocabulary::new(&tokens);
        let stop = Stopwords::embedded();
        let found = repeated_ngrams(text, &tokens, &vocab, &stop, &RepetitionOptions::default());
        assert_eq!(found.len(), 1);
        let (a, b) = found[0].first;
        assert_eq!(&text[a..b], "加强理论学习");
        assert_eq!(a, "一、".len());
    }

    #[test]
    fn six_tokens_at_most() {
        let line = "甲乙丙丁戊己庚辛壬癸子丑寅卯。";
        let text = line.repeat(4);
        for (phrase, count) in ngrams(&text) {
            assert_eq!(count, 4);
            assert!(phrase.chars().count() <= 14, "{phrase}");
        }
    }

    #[test]
    fn overused_counts_whole_tokens_above_the_rate() {
        let filler = "我们进一步加强学习，进一步提高认识。".repeat(10);
        let pad = "学习".repeat(150);
        let got = overused(&format!("{filler}{pad}"));
        assert!(got.contains(&("进一步".to_string(), 20)), "{got:?}");
        // `进一步提高` is one token, and a listed filler: both count.
        assert!(got.contains(&("进一步提高".to_string(), 10)), "{got:?}");
        // `进一步加强` is two tokens here: still one listed filler.
        assert!(got.contains(&("进一步加强".to_string(), 10)), "{got:?}");
        // Inside a fixed formulation a filler word is not filler.
        let fixed = "全面从严治党。".repeat(60);
        assert!(overused(&fixed).iter().all(|(w, _)| w != "全面"));
        // Too short to rate.
        assert!(overused("进一步进一步进一步").is_empty());
        assert!(overused("").is_empty());
    }

    #[test]
    fn huge_inputs_do_not_panic() {
        let text = "加强理论学习".repeat(50_000);
        let found = ngrams(&text);
        assert!(!found.is_empty());
    }
}
