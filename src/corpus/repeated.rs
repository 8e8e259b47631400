//! Corpus-wide repetition: the word n-grams and the whole sentences that many
//! documents share.
//!
//! Per document (on a worker thread) we list the distinct n-grams of 2–6 words
//! (≥ 4 chars of words, `、` allowed inside, never crossing other punctuation, a
//! line end, an unfilled slot or a number) and the distinct sentences of 15+ chars;
//! a [`DocFreqTable`] counts them across the corpus in bounded memory. Ranking is by
//! document frequency, then count, then text, so it is total and deterministic.
//!
//! What must stay true: no corpus phrase and no shared-sentence key holds a slot
//! (`XX`, `某某`, `○○`, `__`, as the placeholder analyzer finds them), and text that
//! differs only in what fills a slot counts as one. N-grams stop at slots and at
//! numbers; in a sentence's key every slot and every number (the usual filling of a
//! slot: `X次` / `12次`, `20XX年` / `2023年`) becomes one [`GAP`].

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::hash::hash_bytes;
use super::table::{DocFreqTable, DocItem, DocItems};

/// Limits of corpus n-grams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NgramOptions {
    /// Fewest words in an n-gram.
    pub min_words: usize,
    /// Most words in an n-gram.
    pub max_words: usize,
    /// Fewest chars (of the words, not separators).
    pub min_chars: usize,
}

impl Default for NgramOptions {
    fn default() -> Self {
        NgramOptions {
            min_words: 2,
            max_words: 6,
            min_chars: 4,
        }
    }
}

/// Fewest chars a shared sentence must have (not counting slots and numbers).
pub const MIN_SENTENCE_CHARS: usize = 15;
/// What stands for a slot or a number in a shared sentence's key.
pub const GAP: char = '…';
/// Documents named per shared sentence.
pub const SENTENCE_PLACES: usize = 20;

/// A phrase many documents use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusPhrase {
    /// The phrase as written.
    pub phrase: String,
    /// Documents that use it (a lower bound when the table was pruned).
    pub documents: u32,
    /// Occurrences across the corpus.
    pub count: u32,
}

/// A sentence found in several documents, verbatim but for what fills its slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedSentence {
    /// The sentence, without its closing mark; each slot or number is a [`GAP`].
    pub sentence: String,
    /// Documents that contain it: the total that `found_in` is cut from.
    pub documents: u32,
    /// Occurrences across the corpus.
    pub count: u32,
    /// The first [`SENTENCE_PLACES`] documents that contain it (in path order), with
    /// the line of its first occurrence.
    pub found_in: Vec<SentencePlace>,
}

/// A document and line where a shared sentence occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentencePlace {
    /// The document.
    pub path: String,
    /// 1-based line.
    pub line: u32,
}

/// Whether a token ends an n-gram: sentence punctuation, brackets, quotes, line ends.
fn is_break(token: &str) -> bool {
    token
        .chars()
        .all(|c| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-') || is_cjk_punct(c))
        && token != "、"
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '\u{2010}'..='\u{2027}' | '\u{FE10}'..='\u{FE6F}')
}

/// Whether a token holds a digit (ASCII or full-width): numbers are what fills a
/// slot, so phrases stop at them.
fn has_digit(token: &str) -> bool {
    token
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The distinct n-grams of one document, from its word tokens (byte ranges) and
/// its slots (byte ranges, in text order).
pub fn document_ngrams(
    text: &Arc<str>,
    tokens: &[(usize, usize)],
    slots: &[(usize, usize)],
    opts: NgramOptions,
) -> DocItems {
    let mut seen: HashMap<u64, DocItem> = HashMap::default();
    let mut words: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, chars)
    let mut flush = |words: &mut Vec<(usize, usize, usize)>| {
        for i in 0..words.len() {
            let mut chars = 0;
            for j in i..words.len().min(i + opts.max_words) {
                chars += words[j].2;
                let n = j - i + 1;
                if n < opts.min_words || chars < opts.min_chars {
                    continue;
                }
                let (start, end) = (words[i].0, words[j].1);
                let Some(slice) = text.get(start..end) else {
                    continue;
                };
                count_item(&mut seen, slice, start, 0);
            }
        }
        words.clear();
    };
    let mut next_slot = 0;
    for &(start, end) in tokens {
        let Some(token) = text.get(start..end) else {
            continue;
        };
        while slots.get(next_slot).is_some_and(|s| s.1 <= start) {
            next_slot += 1;
        }
        let in_slot = slots.get(next_slot).is_some_and(|s| s.0 < end);
        if token == "、" && !in_slot {
            continue;
        }
        if in_slot || is_break(token) || has_digit(token) {
            flush(&mut words);
            continue;
        }
        words.push((start, end, token.chars().count()));
    }
    flush(&mut words);
    into_doc_items(text, seen)
}

/// The distinct sentences of 15+ chars of one document, keyed with their slots
/// (byte ranges, in text order) and numbers as [`GAP`]s. The items' text is the
/// keys, one after another, not the document.
pub fn document_sentences(text: &str, slots: &[(usize, usize)]) -> DocItems {
    let mut acc = Sentences {
        seen: HashMap::default(),
        keys: String::new(),
        slots,
        next_slot: 0,
    };
    let (mut start, mut line) = (0, 1u32);
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r') {
            acc.add(text, start, i, line);
            start = i + c.len_utf8();
            // `\r\n` ends one line, at its `\n`.
            if c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line += 1;
            }
        }
    }
    acc.add(text, start, text.len(), line);
    let keys: Arc<str> = acc.keys.into();
    into_doc_items(&keys, acc.seen)
}

/// The sentences of one document as they are keyed.
struct Sentences<'a> {
    seen: HashMap<u64, DocItem>,
    /// The keys of the distinct sentences, one after another.
    keys: String,
    slots: &'a [(usize, usize)],
    next_slot: usize,
}

impl Sentences<'_> {
    fn add(&mut self, text: &str, start: usize, end: usize, line: u32) {
        let Some(raw) = text.get(start..end) else {
            return;
        };
        let trimmed = raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        let from = start + raw.len() - trimmed.len();
        let sentence = trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        while self.slots.get(self.next_slot).is_some_and(|s| s.1 <= from) {
            self.next_slot += 1;
        }
        let key_start = self.keys.len();
        let has_slot = self
            .slots
            .get(self.next_slot)
            .is_some_and(|s| s.0 < from + sentence.len());
        if !has_slot && !has_digit_byte(sentence.as_bytes()) {
            // Most sentences: nothing to turn into a gap.
            self.keys.push_str(sentence);
            let kept = sentence.chars().count();
            self.finish(key_start, kept, line);
            return;
        }
        let mut kept = 0;
        let mut prev_digit = false;
        let mut chars = sentence.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = from + i;
            let in_slot = self.slots[self.next_slot..]
                .iter()
                .take_while(|s| s.0 < at + c.len_utf8())
                .any(|s| s.1 > at);
            let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
            let point = matches!(c, '.' | '．')
                && prev_digit
                && chars
                    .peek()
                    .is_some_and(|&(_, n)| n.is_ascii_digit() || ('０'..='９').contains(&n));
            prev_digit = digit;
            if in_slot || digit || point {
                if !self.keys[key_start..].ends_with(GAP) {
                    self.keys.push(GAP);
                }
            } else {
                self.keys.push(c);
                kept += 1;
            }
        }
        self.finish(key_start, kept, line);
    }

    /// Counts the key just written from `key_start`, which kept `kept` chars.
    fn finish(&mut self, key_start: usize, kept: usize, line: u32) {
        if kept < MIN_SENTENCE_CHARS {
            self.keys.truncate(key_start);
            return;
        }
        let key = &self.keys[key_start..];
        let hash = hash_bytes(key.as_bytes());
        if let Some(e) = self.seen.get_mut(&hash) {
            // Seen before in this document: count it, and drop the second copy.
            e.count += 1;
            self.keys.truncate(key_start);
            return;
        }
        self.seen.insert(
            hash,
            DocItem {
                hash,
                count: 1,
                start: key_start as u32,
                end: self.keys.len() as u32,
                line,
            },
        );
    }
}

/// Whether UTF-8 bytes hold an ASCII digit or a full-width one (U+FF10–U+FF19,
/// `EF BC 90`–`EF BC 99`).
fn has_digit_byte(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        b.is_ascii_digit()
            || (b == 0xEF
                && bytes.get(i + 1) == Some(&0xBC)
                && bytes.get(i + 2).is_some_and(|c| (0x90..=0x99).contains(c)))
    })
}

/// Counts one occurrence of `item`, which starts at byte `start` of the text.
fn count_item(seen: &mut HashMap<u64, DocItem>, item: &str, start: usize, line: u32) {
    let hash = hash_bytes(item.as_bytes());
    seen.entry(hash)
        .and_modify(|e| e.count += 1)
        .or_insert(DocItem {
            hash,
            count: 1,
            start: start as u32,
            end: (start + item.len()) as u32,
            line,
        });
}

fn into_doc_items(text: &Arc<str>, seen: HashMap<u64, DocItem>) -> DocItems {
    let mut items: Vec<DocItem> = seen.into_values().collect();
    // Sorted so that the table sees the same sequence whatever the map's order.
    items.sort_by_key(|i| i.hash);
    DocItems {
        text: Arc::clone(text),
        items,
    }
}

/// The top `top` phrases with at least `min_docs` documents, and how many phrases
/// have that many; a phrase inside a longer listed one with the same document
/// frequency is not listed separately.
pub fn top_phrases(table: &DocFreqTable, min_docs: u32, top: usize) -> (Vec<CorpusPhrase>, usize) {
    let mut out: Vec<CorpusPhrase> = Vec::new();
    // Longer phrases with the same frequency rank next to their parts, so a window
    // well beyond `top` is enough to find the containing phrase.
    let candidates = table.frequent(min_docs);
    let total = candidates.len();
    let window = candidates.len().min(top.saturating_mul(50).max(1000));
    let mut kept: Vec<(&str, u32, u32)> = Vec::new();
    for &(text, e) in candidates.iter().take(window) {
        kept.push((text, e.documents, e.count));
    }
    for &(text, documents, count) in &kept {
        let contained = kept.iter().any(|&(other, d, _)| {
            d == documents && other.len() > text.len() && other.contains(text)
        });
        if !contained {
            out.push(CorpusPhrase {
                phrase: text.to_string(),
                documents,
                count,
            });
            if out.len() >= top {
                break;
            }
        }
    }
    (out, total)
}

/// The top `top` shared sentences with at least `min_docs` documents, with the
/// documents that hold them (`paths` by document number), and how many sentences
/// have that many documents.
pub fn top_sentences(
    table: &DocFreqTable,
    min_docs: u32,
    top: usize,
    paths: &[String],
) -> (Vec<SharedSentence>, usize) {
    let frequent = table.frequent(min_docs);
    let total = frequent.len();
    let list = frequent
        .into_iter()
        .take(top)
        .map(|(text, e)| SharedSentence {
            sentence: text.to_string(),
            documents: e.documents,
            count: e.count,
            found_in: e
                .places()
                .iter()
                .map(|&(doc, line)| SentencePlace {
                    path: paths.get(doc as usize).cloned().unwrap_or_default(),
                    line,
                })
                .collect(),
        })
        .collect();
    (list, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens of a pre-split text: words separated by `|`.
    fn split(words: &str) -> (Arc<str>, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut toks = Vec::new();
        for w in words.split('|') {
            let s = text.len();
            text.push_str(w);
            toks.push((s, text.len()));
        }
        (text.into(), toks)
    }

    fn ngram_texts(words: &str) -> Vec<String> {
        let (text, toks) = split(words);
        let d = document_ngrams(&text, &toks, &[], NgramOptions::default());
        let mut v: Vec<String> = d
            .items
            .iter()
            .map(|i| text[i.start as usize..i.end as usize].to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn ngrams_respect_breaks_and_min_chars() {
        assert_eq!(ngram_texts("学习|教育|。|常态化"), vec!["学习教育"]);
        assert_eq!(ngram_texts("我|们"), Vec::<String>::new());
        // 、 joins, quotes break.
        assert!(ngram_texts("武装头脑|、|指导实践").contains(&"武装头脑、指导实践".to_string()));
        assert_eq!(ngram_texts("“|两学一做|”|学习"), Vec::<String>::new());
    }

    #[test]
    fn ngrams_stop_at_six_words() {
        let v = ngram_texts("一|二|三|四|五|六|七");
        assert!(v.contains(&"一二三四五六".to_string()));
        assert!(!v.contains(&"一二三四五六七".to_string()));
    }

    #[test]
    fn repeated_ngram_counts_within_document() {
        let (text, toks) = split("推动|工作|，|推动|工作");
        let d = document_ngrams(&text, &toks, &[], NgramOptions::default());
        assert_eq!(d.items.len(), 1);
        assert_eq!(d.items[0].count, 2);
    }

    #[test]
    fn sentences_of_fifteen_chars_or_more() {
        let d = document_sentences(
            "短句。这是一个足够长的句子，用来测试共享句子统计！\n  另一个同样足够长的句子用于测试共享统计；",
            &[],
        );
        let mut got: Vec<&str> = d
            .items
            .iter()
            .map(|i| &d.text[i.start as usize..i.end as usize])
            .collect();
        got.sort();
        assert_eq!(
            got,
            vec![
                "另一个同样足够长的句子用于测试共享统计",
                "这是一个足够长的句子，用来测试共享句子统计"
            ]
        );
    }

    /// Byte ranges of the slot runs `X`/`Ｘ`/`某某` in `text`, as the placeholder
    /// analyzer would give them for these simple cases.
    fn slot_ranges(text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (i, c) in text.char_indices() {
            if matches!(c, 'X' | 'Ｘ' | '某') {
                match out.last_mut() {
                    Some(last) if last.1 == i => last.1 = i + c.len_utf8(),
                    _ => out.push((i, i + c.len_utf8())),
                }
            }
        }
        out
    }

    fn sentence_keys(text: &str) -> Vec<(String, u32)> {
        let d = document_sentences(text, &slot_ranges(text));
        let mut v: Vec<(String, u32)> = d
            .items
            .iter()
            .map(|i| (d.text[i.start as usize..i.end as usize].to_string(), i.line))
            .collect();
        v.sort();
        v
    }

    /// Issue 9: slots leaked into shared-sentence keys, and a template and its
    /// filled copies counted as different sentences.
    #[test]
    fn sentence_keys_hold_no_slot_and_ignore_what_fills_it() {
        let cases: &[(&str, &str)] = &[
            (
                "全年组织集中学习X次，开展专题研讨XX次，邀请专家辅导讲座三场。",
                "全年组织集中学习…次，开展专题研讨…次，邀请专家辅导讲座三场",
            ),
            (
                "全年组织集中学习12次，开展专题研讨6次，邀请专家辅导讲座三场。",
                "全年组织集中学习…次，开展专题研讨…次，邀请专家辅导讲座三场",
            ),
            (
                "20XX年，某某同志认真履行党风廉政建设第一责任人职责！",
                "…年，…同志认真履行党风廉政建设第一责任人职责",
            ),
            (
                "2023年，张伟同志认真履行党风廉政建设第一责任人职责！",
                "…年，张伟同志认真履行党风廉政建设第一责任人职责",
            ),
            (
                "农产品加工转化率达到６５.３%，高于全省平均水平三个百分点；",
                "农产品加工转化率达到…%，高于全省平均水平三个百分点",
            ),
        ];
        for &(text, key) in cases {
            assert_eq!(sentence_keys(text), vec![(key.to_string(), 1)], "{text}");
        }
        // Fifteen chars besides slots and numbers, or it is no shared sentence.
        assert!(sentence_keys("XX局开展学习X次共计XX人参加了培训。").is_empty());
    }

    #[test]
    fn sentence_lines_count_every_kind_of_line_end() {
        let text = "第一行是一个足够长的句子用于测试行号统计。\r\n第二行也是一个足够长的句子用于测试行号\r第三行还是一个足够长的句子用于测试行号\n";
        let lines: Vec<u32> = sentence_keys(text).iter().map(|k| k.1).collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![1, 2, 3]);
    }

    /// Issue 9: `XX局党委理论学习中心组` and `XX省委` were corpus phrases.
    #[test]
    fn ngrams_stop_at_slots_and_numbers() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            // words, must contain, must not contain
            (
                "XX|局|党委|理论|学习|中心组",
                &["党委理论学习中心组"],
                &["XX局党委"],
            ),
            (
                "全年|开展|学习|12|次|集中|研讨",
                &["全年开展学习"],
                &["学习12次"],
            ),
            (
                "全年|开展|学习|X|次|集中|研讨",
                &["全年开展学习", "次集中研讨"],
                &["学习X次"],
            ),
            (
                "XX省委|部署|要求|认真|落实",
                &["部署要求认真落实"],
                &["XX省委部署"],
            ),
        ];
        for &(words, want, unwanted) in cases {
            let (text, toks) = split(words);
            let d = document_ngrams(&text, &toks, &slot_ranges(&text), NgramOptions::default());
            let got: Vec<&str> = d
                .items
                .iter()
                .map(|i| &text[i.start as usize..i.end as usize])
                .collect();
            for w in want {
                assert!(got.contains(w), "{words}: {got:?}");
            }
            for u in unwanted {
                assert!(got.iter().all(|g| !g.contains(u)), "{words}: {got:?}");
            }
            assert!(got.iter().all(|g| !g.contains('X')), "{words}: {got:?}");
        }
    }

    #[test]
    fn maximal_phrases_only() {
        let mut table = DocFreqTable::new(0);
        let docs: Vec<DocItems> = [
            "武装|头脑|、|指导|实践",
            "武装|头脑|、|指导|实践",
            "武装|头脑|，|其他|内容",
        ]
        .iter()
        .map(|w| {
            let (t, k) = split(w);
            document_ngrams(&t, &k, &[], NgramOptions::default())
        })
        .collect();
        table.add_batch(&docs, &crate::corpus::table::added_order);
        let (top, total) = top_phrases(&table, 2, 10);
        assert_eq!(total, 6, "{top:?}");
        let got: Vec<(&str, u32)> = top
            .iter()
            .map(|p| (p.phrase.as_str(), p.documents))
            .collect();
        // 武装头脑 has 3 documents, so it is listed beside the longer phrase (2).
        assert_eq!(got, vec![("武装头脑", 3), ("武装头脑、指导实践", 2)]);
    }
}
