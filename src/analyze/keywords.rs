//! Keywords: the top words of a document by TF-IDF.
//!
//! A word's weight is `tf × idf / total`, as in jieba's `TfIdf` (`tf` its count,
//! `total` the count of all candidate words), computed from the document's
//! [`Vocabulary`] so the text is segmented once for everything. Candidates are
//! words of two or more chars that are not stopwords (`dicts/stopwords.txt` and the
//! user's), numbers (`2018`, `十九`) or unfilled slots (`XX`).
//!
//! The IDF comes from an [`IdfLookup`]: by default jieba's own table ([`Idf::jieba`]);
//! corpus code can build one from its documents ([`Idf::from_document_frequencies`]).
//!
//! What must stay true: the result depends only on the tokens and the tables —
//! ties are broken by the word, never by hash order.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, LazyLock};

use jieba_rs::TfIdf;
use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon::with_extra_lists;
use super::segment::Vocabulary;
use crate::dicts;
use crate::report::Keyword;

/// Keywords listed by default.
pub const DEFAULT_TOP: usize = 10;

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

static JIEBA_IDF: LazyLock<Idf> = LazyLock::new(|| {
    Idf::from_jieba_dump(&format!("{:?}", TfIdf::default()))
        .expect("jieba-rs TfIdf's Debug output lists its IDF table")
});

impl Idf {
    /// jieba's built-in IDF table (the `tfidf` feature's), with its median for
    /// unlisted words; loaded on first use (about 0.3 s).
    ///
    /// jieba-rs 0.11 keeps the table private: it is only used inside
    /// `TfIdf::extract_keywords`, which segments the text again. Its `Debug` output
    /// is the one public view of it, so the table is read from that, once. A unit
    /// test checks the values against `extract_keywords`, so a change of format in
    /// a jieba-rs upgrade fails the tests rather than the keywords.
    pub fn jieba() -> &'static Idf {
        &JIEBA_IDF
    }

    /// IDF from a corpus: `n_docs` documents, and per word the number of documents
    /// holding it. Smoothed as `ln((1 + n) / (1 + df)) + 1`, so every weight is
    /// positive and a word missing from `df` gets the highest, `ln(1 + n) + 1`.
    pub fn from_document_frequencies<S: BuildHasher>(
        n_docs: usize,
        df: &HashMap<String, u32, S>,
    ) -> Idf {
        let n = n_docs as f64;
        let idf = |d: f64| ((1.0 + n) / (1.0 + d)).ln() + 1.0;
        let table: FxHashMap<Box<str>, f64> = df
            .iter()
            .map(|(w, &d)| (w.as_str().into(), idf(f64::from(d))))
            .collect();
        let unknown = idf(0.0);
        let max = table.values().copied().fold(unknown, f64::max);
        Idf {
            table,
            unknown,
            max,
        }
    }

    /// Number of listed words.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether no word is listed.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Reads `TfIdf { idf_dict: {"word": 1.5, …}, median_idf: 1.2, … }`.
    fn from_jieba_dump(dump: &str) -> Option<Idf> {
        let (_, mut rest) = dump.split_once("idf_dict: {")?;
        let mut table: FxHashMap<Box<str>, f64> = FxHashMap::default();
        table.reserve(400_000);
        if let Some(r) = rest.strip_prefix('}') {
            rest = r;
        } else {
            loop {
                let (word, after) = debug_str(rest.strip_prefix('"')?)?;
                let after = after.strip_prefix(": ")?;
                let end = after.find([',', '}'])?;
                table.insert(word.into(), after.get(..end)?.parse().ok()?);
                rest = after.get(end..)?;
                match rest.strip_prefix(", ") {
                    Some(r) => rest = r,
                    None => {
                        rest = rest.strip_prefix('}')?;
                        break;
                    }
                }
            }
        }
        let (_, median) = rest.split_once("median_idf: ")?;
        let unknown: f64 = median.get(..median.find([',', ' ', '}'])?)?.parse().ok()?;
        let max = table.values().copied().fold(unknown, f64::max);
        Some(Idf {
            table,
            unknown,
            max,
        })
    }
}

/// The string at the start of `s` (just after its opening quote) in Rust's `Debug`
/// form, unescaped, and the text after its closing quote.
fn debug_str(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, s.get(i + 1..)?)),
            '\\' => {
                let (_, e) = chars.next()?;
                out.push(match e {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    'u' => {
                        let (open, _) = chars.next().filter(|&(_, c)| c == '{')?;
                        let close = s.get(open..)?.find('}')? + open;
                        let code = u32::from_str_radix(s.get(open + 1..close)?, 16).ok()?;
                        while chars.next().is_some_and(|(j, _)| j < close) {}
                        char::from_u32(code)?
                    }
                    other => other,
                });
            }
            c => out.push(c),
        }
    }
    None
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
        keywords(&vocab, &Stopwords::embedded(), Idf::jieba(), n)
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

    /// Our weights are jieba's own (`TfIdf::extract_keywords`) when the candidates
    /// agree, which proves the table was read right from its Debug output.
    #[test]
    fn jieba_table_reads_back_exactly() {
        let idf = Idf::jieba();
        // idf.txt of jieba-rs 0.11 has 270 132 distinct words.
        assert!(idf.len() > 250_000, "{}", idf.len());
        let text = "今天纽约的天气真好啊，京华大酒店的张尧经理吃了一只北京烤鸭。";
        let jieba = jieba_rs::Jieba::new();
        let theirs = TfIdf::default().extract_keywords(&jieba, text, 100, vec![]);
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
    fn debug_strings_unescape() {
        let cases: &[(&str, &str, &str)] = &[
            ("abc\": 1", "abc", ": 1"),
            ("a\\\"b\": 1", "a\"b", ": 1"),
            ("a\\\\b\"", "a\\b", ""),
            ("\\u{301}x\"", "\u{301}x", ""),
            ("\\n\"", "\n", ""),
        ];
        for (input, word, rest) in cases {
            assert_eq!(debug_str(input), Some((word.to_string(), *rest)), "{input}");
        }
        assert_eq!(debug_str("unterminated"), None);
        assert_eq!(debug_str("\\u{zz}\""), None);
        let dump = "TfIdf { idf_dict: {\"甲\": 2.5, \"乙\": 7.0}, median_idf: 3.0, config: {} }";
        let idf = Idf::from_jieba_dump(dump).unwrap();
        assert_eq!(
            (idf.idf("甲"), idf.idf("丙"), idf.max_idf()),
            (2.5, 3.0, 7.0)
        );
        assert!(Idf::from_jieba_dump("TfIdf { idf_dict: {}, median_idf: 1.0 }").is_some());
        assert!(Idf::from_jieba_dump("garbage").is_none());
    }

    #[test]
    fn corpus_idf_is_smoothed_and_positive() {
        let df: HashMap<String, u32> = [("学习".to_string(), 10), ("两学一做".to_string(), 1)]
            .into_iter()
            .collect();
        let idf = Idf::from_document_frequencies(10, &df);
        assert!((idf.idf("学习") - 1.0).abs() < 1e-12);
        assert!(idf.idf("两学一做") > idf.idf("学习"));
        assert!((idf.idf("未见") - (11f64.ln() + 1.0)).abs() < 1e-12);
        assert_eq!(idf.max_idf(), idf.idf("未见"));
        let empty = Idf::from_document_frequencies(0, &HashMap::new());
        assert_eq!(empty.idf("x"), 1.0);
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
            let pruned = keywords(&vocab, &stop, Idf::jieba(), n);
            let full = keywords(&vocab, &stop, &NoBound(Idf::jieba()), n);
            assert_eq!(pruned, full, "top {n}");
        }
    }
}
