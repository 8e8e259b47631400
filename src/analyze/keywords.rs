//! Keywords: the top words of a document by TF-IDF.
//!
//! A word's weight is `tf × idf / total`, as in jieba's `TfIdf` (`tf` its count,
//! `total` the count of all candidate words), computed from the document's
//! [`Vocabulary`] so the text is segmented once for everything. Candidates are
//! words of two or more chars that are not stopwords (`dicts/stopwords.txt` and the
//! user's), numbers (`2018`, `十九`) or unfilled slots (`XX`).
//!
//! The IDF comes from an [`IdfLookup`]: jieba's own table, shipped as data in
//! `dicts/jieba_idf.txt` ([`Idf::embedded`]).
//!
//! What must stay true: the result depends only on the tokens and the tables —
//! ties are broken by the word, never by hash order.

use std::sync::{Arc, LazyLock};

use rustc_hash::{FxHashMap, FxHashSet};

use super::segment::Vocabulary;
use crate::dicts;
use crate::dicts::with_extra_lists;
use crate::report::Keyword;

/// Inverse document frequencies of words.
pub trait IdfLookup: Send + Sync {
    /// The IDF of `word` (a default for words the table lacks).
    fn idf(&self, word: &str) -> f64;

    /// An upper bound of [`idf`](Self::idf) over all words, which lets keyword
    /// extraction skip looking up words that cannot make the top list.
    fn max_idf(&self) -> f64 {
        f64::INFINITY
    }
}

/// An IDF table with a value for unlisted words.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    table: FxHashMap<Box<str>, f64>,
    unknown: f64,
    max: f64,
}

include_flate::flate!(
    /// `dicts/jieba_idf.txt`, compressed in the binary.
    static JIEBA_IDF_TEXT: str from "dicts/jieba_idf.txt" with zstd
);

static EMBEDDED_IDF: LazyLock<Idf> = LazyLock::new(|| Idf::parse(&JIEBA_IDF_TEXT));

impl Idf {
    /// jieba's IDF table (`dicts/jieba_idf.txt`, `word idf` lines), with the median
    /// for unlisted words, as jieba's own `TfIdf` does; parsed on first use.
    pub fn embedded() -> &'static Idf {
        &EMBEDDED_IDF
    }

    /// Parses `word idf` lines (a word and a number, white space between); other lines
    /// are skipped. Unlisted words get the lower median of the values read.
    pub fn parse(text: &str) -> Idf {
        let mut table: FxHashMap<Box<str>, f64> = FxHashMap::default();
        let mut values: Vec<f64> = Vec::new();
        for line in text.lines() {
            let mut parts = line.split_whitespace();
            if let (Some(word), Some(Ok(idf))) = (parts.next(), parts.next().map(str::parse)) {
                table.insert(word.into(), idf);
                values.push(idf);
            }
        }
        let unknown = if values.is_empty() {
            0.0
        } else {
            let mid = (values.len() - 1) / 2;
            *values.select_nth_unstable_by(mid, f64::total_cmp).1
        };
        let max = table.values().copied().fold(unknown, f64::max);
        Idf {
            table,
            unknown,
            max,
        }
    }

    /// Number of listed words.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether no word is listed.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

impl IdfLookup for Idf {
    fn idf(&self, word: &str) -> f64 {
        self.table.get(word).copied().unwrap_or(self.unknown)
    }

    fn max_idf(&self) -> f64 {
        self.max
    }
}

/// Words never reported as keywords.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    words: FxHashSet<Box<str>>,
}

static EMBEDDED_STOPWORDS: LazyLock<Arc<Stopwords>> =
    LazyLock::new(|| Arc::new(Stopwords::build(&[dicts::STOPWORDS])));

impl Stopwords {
    /// The shared list of `dicts/stopwords.txt`.
    pub fn embedded() -> Arc<Stopwords> {
        Arc::clone(&EMBEDDED_STOPWORDS)
    }

    /// The embedded list when `extra` is empty; otherwise it plus the user's lists.
    pub fn for_extra_lists(extra: &[String]) -> Arc<Stopwords> {
        with_extra_lists(&EMBEDDED_STOPWORDS, dicts::STOPWORDS, extra, |lists| {
            Some(Stopwords::build(lists))
        })
    }

    fn build(lists: &[&str]) -> Stopwords {
        Stopwords {
            words: lists
                .iter()
                .flat_map(|text| dicts::entries(text))
                .map(Box::from)
                .collect(),
        }
    }

    /// Whether `word` is a stopword.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// The `top` keywords of a document, heaviest first, ties by word.
pub fn keywords<I: IdfLookup + ?Sized>(
    vocab: &Vocabulary<'_>,
    stopwords: &Stopwords,
    idf: &I,
    top: usize,
) -> Vec<Keyword> {
    // Cheap filters first; stopwords are looked up only for words that could rank.
    let mut candidates: Vec<(&str, u32)> = vocab
        .words
        .iter()
        .filter(|w| is_candidate(w.text))
        .map(|w| (w.text, w.count))
        .collect();
    candidates.retain(|&(w, _)| !stopwords.contains(w));
    let total: u64 = candidates.iter().map(|&(_, c)| u64::from(c)).sum();
    if top == 0 || total == 0 {
        return Vec::new();
    }
    let total = total as f64;
    // Most frequent first: once even the highest IDF cannot lift a count past the
    // current last place, no rarer word can rank, so jieba's 270 000-entry table is
    // probed for a few dozen words instead of every one. Words seen once (most of
    // them) are only visited if that bound has not been reached; the order within a
    // count does not matter, since ties are settled by the word on insertion.
    let (mut repeated, once): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|c| c.1 > 1);
    repeated.sort_unstable_by_key(|c| std::cmp::Reverse(c.1));
    let bound = idf.max_idf();
    let mut best: Vec<Keyword> = Vec::with_capacity(top + 1);
    for (word, count) in repeated.into_iter().chain(once) {
        let tf = f64::from(count) / total;
        if best.len() == top && best.last().is_some_and(|last| tf * bound < last.weight) {
            break;
        }
        let weight = tf * idf.idf(word);
        let at = best.partition_point(|k| ranks_before(k, weight, word));
        if at < top {
            best.insert(
                at,
                Keyword {
                    word: word.to_string(),
                    weight,
                },
            );
            best.truncate(top);
        }
    }
    best
}

/// Whether `k` ranks before a keyword of `weight` spelled `word`.
fn ranks_before(k: &Keyword, weight: f64, word: &str) -> bool {
    k.weight
        .total_cmp(&weight)
        .reverse()
        .then_with(|| k.word.as_str().cmp(word))
        .is_lt()
}

/// Two or more chars, not a number and not an unfilled slot.
fn is_candidate(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next().is_none() || chars.next().is_none() {
        return false;
    }
    let numeric = word.chars().all(|c| {
        matches!(
            c,
            '0'..='9'
                | '.'
                | '%'
                | '％'
                | '．'
                | '〇'
                | '零'
                | '两'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
        ) || (!matches!(c, '\u{4e00}'..='\u{9fff}') && c.is_numeric())
    });
    let slot = word
        .chars()
        .all(|c| matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ' | '某' | '○' | '_' | '＿'));
    !numeric && !slot
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::segment::Segmenter;
    use jieba_rs::KeywordExtract;

    fn top(text: &str, n: usize) -> Vec<String> {
        let seg = Segmenter::embedded();
        let tokens = seg.tokens(text);
        let vocab = Vocabulary::new(&tokens);
        keywords(&vocab, &Stopwords::embedded(), Idf::embedded(), n)
            .into_iter()
            .map(|k| k.word)
            .collect()
    }

    /// One line a case: a token, whether it may be a keyword.
    #[test]
    fn candidate_cases() {
        let cases: &[(&str, bool)] = &[
            ("学习", true),
            ("中心组", true),
            ("XML", true),
            ("学", false),
            ("", false),
            ("2018", false),
            ("4.3", false),
            ("１００％", false),
            ("十九", false),
            ("二〇一八", false),
            ("十九大", true),
            ("XX", false),
            ("XXXX", false),
            ("某某", false),
            ("__", false),
        ];
        for (word, want) in cases {
            assert_eq!(is_candidate(word), *want, "{word}");
        }
    }

    /// Our weights are jieba's own (`TfIdf::extract_keywords`, with the table jieba-rs
    /// embeds) when the candidates agree, which proves `dicts/jieba_idf.txt` is that
    /// table and is read right, median included.
    #[test]
    fn embedded_table_gives_jiebas_own_weights() {
        let idf = Idf::embedded();
        // idf.txt of jieba-rs 0.11 has 270 132 distinct words.
        assert!(idf.len() > 250_000, "{}", idf.len());
        let text = "今天纽约的天气真好啊，京华大酒店的张尧经理吃了一只北京烤鸭。";
        let jieba = jieba_rs::Jieba::new();
        let theirs = jieba_rs::TfIdf::default().extract_keywords(&jieba, text, 100, vec![]);
        let tokens: Vec<_> = jieba
            .cut(text, false)
            .into_iter()
            .map(|t| crate::analyze::segment::Token {
                text: t.word,
                byte_start: t.byte_start,
                byte_end: t.byte_end,
            })
            .collect();
        let vocab = Vocabulary::new(&tokens);
        let ours = keywords(&vocab, &Stopwords::build(&[]), idf, 100);
        assert_eq!(ours.len(), theirs.len());
        for k in &theirs {
            let mine = ours.iter().find(|o| o.word == k.keyword).unwrap();
            assert!((mine.weight - k.weight).abs() < 1e-9, "{}", k.keyword);
        }
        assert!(idf.idf("不存在的词语甲乙") > 0.0);
        assert!(idf.max_idf() >= idf.idf("北京烤鸭"));
    }

    #[test]
    fn idf_lines_parse_with_the_median_for_unknown_words() {
        let idf = Idf::parse("甲 2.5\n乙 7.0\n丙 3.0\n坏行\n丁 x\n");
        assert_eq!(idf.len(), 3);
        assert_eq!(
            (idf.idf("甲"), idf.idf("戊"), idf.max_idf()),
            (2.5, 3.0, 7.0)
        );
        assert!(Idf::parse("").is_empty());
    }

    #[test]
    fn stopwords_slots_and_numbers_never_rank() {
        let words = top("2018年，XX厅党组进一步加强学习，学习，学习型机关建设。", 10);
        assert!(
            words
                .iter()
                .all(|w| w != "XX" && w != "2018" && w != "进一步"),
            "{words:?}"
        );
        assert!(top("", 10).is_empty());
        assert!(top("。，！", 10).is_empty());
        assert!(top("学习机关", 0).is_empty());
    }

    #[test]
    fn pruning_keeps_the_exact_top_list() {
        let text = std::iter::repeat_n(
            "理论学习中心组认真学习党章党规，扎实开展调研，推进两学一做。",
            3,
        )
        .chain(["政研课题获评优秀论文，档案管理规范。"])
        .collect::<String>();
        let seg = Segmenter::embedded();
        let tokens = seg.tokens(&text);
        let vocab = Vocabulary::new(&tokens);
        let stop = Stopwords::embedded();
        struct NoBound<'a>(&'a Idf);
        impl IdfLookup for NoBound<'_> {
            fn idf(&self, w: &str) -> f64 {
                self.0.idf(w)
            }
        }
        for n in [1, 3, 5, 50] {
            let pruned = keywords(&vocab, &stop, Idf::embedded(), n);
            let full = keywords(&vocab, &stop, &NoBound(Idf::embedded()), n);
            assert_eq!(pruned, full, "top {n}");
        }
    }
}
