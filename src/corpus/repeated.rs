//! Corpus-wide repetition: the word n-grams and the whole sentences that many
//! documents share.
//!
//! Per document (on a worker thread) we list the distinct n-grams of 2–6 words
//! (≥ 4 chars of words, `、` allowed inside, never crossing other punctuation or a
//! line end) and the distinct sentences of 15+ chars; a [`DocFreqTable`] counts them
//! across the corpus in bounded memory. Ranking is by document frequency, then
//! count, then text, so it is total and deterministic.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::hash::hash_bytes;
use super::table::{DocFreqTable, DocItem, DocItems};

/// Limits of corpus n-grams.
#[derive(Debug, Clone, Copy)]
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

/// Fewest chars a shared sentence must have.
pub const MIN_SENTENCE_CHARS: usize = 15;

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

/// A sentence found verbatim in several documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedSentence {
    /// The sentence, without its closing mark.
    pub sentence: String,
    /// Documents that contain it.
    pub documents: u32,
    /// Occurrences across the corpus.
    pub count: u32,
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

/// The distinct n-grams of one document, from its word tokens (byte ranges).
pub fn document_ngrams(text: &Arc<str>, tokens: &[(usize, usize)], opts: NgramOptions) -> DocItems {
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
                count_item(&mut seen, slice, start);
            }
        }
        words.clear();
    };
    for &(start, end) in tokens {
        let Some(token) = text.get(start..end) else {
            continue;
        };
        if token == "、" {
            continue;
        }
        if is_break(token) || token.chars().all(|c| c.is_ascii_digit()) {
            flush(&mut words);
            continue;
        }
        words.push((start, end, token.chars().count()));
    }
    flush(&mut words);
    into_doc_items(text, seen)
}

/// The distinct sentences of 15+ chars of one document.
pub fn document_sentences(text: &Arc<str>) -> DocItems {
    let mut seen: HashMap<u64, DocItem> = HashMap::default();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r') {
            add_sentence(text, start, i, &mut seen);
            start = i + c.len_utf8();
        }
    }
    add_sentence(text, start, text.len(), &mut seen);
    into_doc_items(text, seen)
}

fn add_sentence(text: &str, start: usize, end: usize, seen: &mut HashMap<u64, DocItem>) {
    let Some(raw) = text.get(start..end) else {
        return;
    };
    let trimmed = raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let lead = raw.len() - trimmed.len();
    let sentence = trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if sentence.chars().count() < MIN_SENTENCE_CHARS {
        return;
    }
    count_item(seen, sentence, start + lead);
}

/// Counts one occurrence of `item`, which starts at byte `start` of the text.
fn count_item(seen: &mut HashMap<u64, DocItem>, item: &str, start: usize) {
    let hash = hash_bytes(item.as_bytes());
    seen.entry(hash)
        .and_modify(|e| e.count += 1)
        .or_insert(DocItem {
            hash,
            count: 1,
            start: start as u32,
            end: (start + item.len()) as u32,
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

/// The top `top` phrases with at least `min_docs` documents; a phrase inside a
/// longer listed one with the same document frequency is not listed separately.
pub fn top_phrases(table: &DocFreqTable, min_docs: u32, top: usize) -> Vec<CorpusPhrase> {
    let mut out: Vec<CorpusPhrase> = Vec::new();
    // Longer phrases with the same frequency rank next to their parts, so a window
    // well beyond `top` is enough to find the containing phrase.
    let candidates = table.frequent(min_docs);
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
    out
}

/// The top `top` shared sentences with at least `min_docs` documents.
pub fn top_sentences(table: &DocFreqTable, min_docs: u32, top: usize) -> Vec<SharedSentence> {
    table
        .frequent(min_docs)
        .into_iter()
        .take(top)
        .map(|(text, e)| SharedSentence {
            sentence: text.to_string(),
            documents: e.documents,
            count: e.count,
        })
        .collect()
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
        let d = document_ngrams(&text, &toks, NgramOptions::default());
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
        let d = document_ngrams(&text, &toks, NgramOptions::default());
        assert_eq!(d.items.len(), 1);
        assert_eq!(d.items[0].count, 2);
    }

    #[test]
    fn sentences_of_fifteen_chars_or_more() {
        let d = document_sentences(
            &"短句。这是一个足够长的句子，用来测试共享句子统计！\n  另一个同样足够长的句子用于测试共享统计；".into(),
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
            document_ngrams(&t, &k, NgramOptions::default())
        })
        .collect();
        table.add_batch(&docs);
        let top = top_phrases(&table, 2, 10);
        let got: Vec<(&str, u32)> = top
            .iter()
            .map(|p| (p.phrase.as_str(), p.documents))
            .collect();
        // 武装头脑 has 3 documents, so it is listed beside the longer phrase (2).
        assert_eq!(got, vec![("武装头脑", 3), ("武装头脑、指导实践", 2)]);
    }
}
