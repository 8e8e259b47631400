//! Word segmentation: jieba-rs with its embedded dictionary, plus `dicts/user.dict`
//! so official vocabulary (两学一做, 中心组, 以上率下, 学懂弄通做实 …) comes out as
//! single tokens.
//!
//! Loading jieba costs about 100 ms, so it happens once, lazily, and only for work
//! that needs words: the embedded segmenter is a `static` [`LazyLock`] shared by
//! reference across rayon workers (`lint` without `repeated-phrase` never touches
//! it). A static cannot see the user's config, so a config with its own jieba
//! dictionary (`[dicts] user-dict`) gets its own instance, built once per
//! [`Config`](crate::Config) by [`Segmenter::for_user_dicts`] (a clone of the
//! embedded one with the user's words layered on) and cached in the config's
//! [`Lexicon`](crate::lexicon::Lexicon).
//!
//! What must stay true: tokens cover the text exactly, in order, each slicing its
//! own bytes (`&text[byte_start..byte_end] == token.text`).

use std::sync::{Arc, LazyLock};

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;

use crate::dicts::{self, UserWord};

/// Whether jieba's HMM joins runs of single characters its dictionaries do not know.
///
/// On. `cargo bench --bench segment` (BENCHMARKS.md) measured a cut of the seed at
/// 105 µs with HMM and 95 µs without: about 10 % of a cut, 2 % of the whole
/// per-document analysis. What it buys is material: the 23 words it joins in the
/// seed are words keywords and repetitions should see whole (`政研`, `筑牢`,
/// `参学率`, `施策`, `我厅`, `一是`…`四是`); without it they fall apart into single
/// characters, which keywords skip and n-grams mangle.
pub const HMM: bool = true;

/// One word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    /// The word, a slice of the text.
    pub text: &'a str,
    /// Byte offset of its first char.
    pub byte_start: usize,
    /// Byte offset just past its last char.
    pub byte_end: usize,
}

/// A jieba instance with our dictionaries loaded.
#[derive(Debug, Clone)]
pub struct Segmenter {
    jieba: Jieba,
}

static EMBEDDED: LazyLock<Arc<Segmenter>> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    add_words(&mut jieba, dicts::USER_DICT);
    Arc::new(Segmenter { jieba })
});

impl Segmenter {
    /// The shared segmenter with the embedded dictionaries (built on first use).
    pub fn embedded() -> Arc<Segmenter> {
        Arc::clone(&EMBEDDED)
    }

    /// The embedded segmenter when `extra` is empty; otherwise a new one with the
    /// user's jieba dictionaries (`word [freq [tag]]` texts) layered on, later
    /// entries overriding earlier ones. Lines that do not parse are skipped (config
    /// loading has already reported them).
    pub fn for_user_dicts(extra: &[String]) -> Arc<Segmenter> {
        if extra.is_empty() {
            return Segmenter::embedded();
        }
        // Cloning the loaded dictionary is several times cheaper than parsing it again.
        let mut jieba = EMBEDDED.jieba.clone();
        for text in extra {
            add_words(&mut jieba, text);
        }
        Arc::new(Segmenter { jieba })
    }

    /// The words of `text`, in order, covering it exactly (punctuation, spaces and
    /// line breaks are tokens of their own).
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut(text, HMM)
            .into_iter()
            .map(|t| Token {
                text: t.word,
                byte_start: t.byte_start,
                byte_end: t.byte_end,
            })
            .collect()
    }

    /// The underlying jieba instance (for benchmarks and callers that need tags).
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

fn add_words(jieba: &mut Jieba, text: &str) {
    for UserWord { word, freq, tag } in dicts::user_words(text).filter_map(Result::ok) {
        jieba.add_word(word, freq, tag);
    }
}

/// Whether a token is a word (holds a letter, digit or Han character) rather than
/// punctuation or white space.
pub fn is_word(token: &str) -> bool {
    // The common CJK block first: the general Unicode lookup is a table search.
    token
        .chars()
        .any(|c| matches!(c, '\u{4e00}'..='\u{9fff}') || c.is_alphanumeric())
}

/// Id of a token that is not a word (punctuation, white space) in [`Vocabulary::ids`].
pub const NOT_A_WORD: u32 = u32::MAX;

/// One distinct token of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The token text.
    pub text: &'a str,
    /// Occurrences in the document.
    pub count: u32,
}

/// The tokens of one document interned once, so keywords, repetition and counts
/// share one pass over them instead of hashing every token again.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary<'a> {
    /// Per token, the index of its word in [`words`](Self::words), or [`NOT_A_WORD`].
    pub ids: Vec<u32>,
    /// Distinct words (tokens holding a letter, digit or Han char), in order of
    /// first occurrence.
    pub words: Vec<Word<'a>>,
}

impl<'a> Vocabulary<'a> {
    /// Interns `tokens` (tests; the analyses leave slots out).
    #[cfg(test)]
    pub fn new(tokens: &[Token<'a>]) -> Self {
        Self::without_slots(tokens, &[])
    }

    /// Interns `tokens`, treating every token that overlaps one of `slots` (sorted,
    /// non-overlapping byte ranges of unfilled template slots) as no word: a slot is
    /// never a keyword, and repeated phrases never run through one, so `XX%`, `20XX`
    /// or `XX省委` are not reported and phrases that differ only in what was filled
    /// in count as one.
    pub fn without_slots(tokens: &[Token<'a>], slots: &[(usize, usize)]) -> Self {
        let mut slots = slots.iter().peekable();
        let mut index: FxHashMap<&'a str, u32> = FxHashMap::default();
        index.reserve(tokens.len() / 2);
        let mut words: Vec<Word<'a>> = Vec::new();
        let ids = tokens
            .iter()
            .map(|t| {
                while slots.next_if(|&&(_, end)| end <= t.byte_start).is_some() {}
                if slots.peek().is_some_and(|&&(start, _)| start < t.byte_end) {
                    return NOT_A_WORD;
                }
                let next = words.len() as u32;
                let id = *index.entry(t.text).or_insert_with(|| {
                    if is_word(t.text) {
                        words.push(Word {
                            text: t.text,
                            count: 0,
                        });
                        next
                    } else {
                        NOT_A_WORD
                    }
                });
                if let Some(w) = words.get_mut(id as usize) {
                    w.count += 1;
                }
                id
            })
            .collect();
        Vocabulary { ids, words }
    }

    /// The word with id `id`.
    pub fn word(&self, id: u32) -> Option<&Word<'a>> {
        self.words.get(id as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(seg: &Segmenter, text: &str) -> Vec<String> {
        seg.tokens(text)
            .iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    /// Tokens that overlap a slot are no words: `XX%` and `20XX` are not counted, and
    /// the words around a slot are counted as usual.
    #[test]
    fn slot_tokens_are_no_words() {
        let seg = Segmenter::embedded();
        let text = "参学率达到XX%以上，20XX年XX省委部署";
        let tokens = seg.tokens(text);
        let slots: Vec<(usize, usize)> = ["XX%", "20XX", "XX省"]
            .iter()
            .map(|s| {
                let start = text.find(s).unwrap() + usize::from(s.starts_with('2')) * 2;
                (start, start + 2)
            })
            .collect();
        let vocab = Vocabulary::without_slots(&tokens, &slots);
        let words: Vec<&str> = vocab.words.iter().map(|w| w.text).collect();
        assert!(
            words.iter().all(|w| !w.contains('X')),
            "{words:?} from {tokens:?}"
        );
        assert!(
            words.contains(&"参学率") && words.contains(&"部署"),
            "{words:?}"
        );
        let plain = Vocabulary::new(&tokens);
        assert!(plain.words.iter().any(|w| w.text.contains('X')));
    }

    /// One line a case: text, a word our segmenter must keep whole.
    #[test]
    fn official_vocabulary_stays_whole() {
        let seg = Segmenter::embedded();
        let cases: &[(&str, &str)] = &[
            ("中心组发挥了积极的以上率下作用", "以上率下"),
            ("正确处理工学矛盾", "工学矛盾"),
            ("组织了X次中心组集中学习", "中心组"),
            ("厅党组中心组先后组织了学习", "党组中心组"),
            ("推进“两学一做”学习教育", "两学一做"),
            ("推进两学一做学习教育", "两学一做学习教育"),
            ("在学懂弄通做实上下大力气", "学懂弄通做实"),
            ("增强四个意识", "四个意识"),
            ("坚定四个自信", "四个自信"),
        ];
        for (text, word) in cases {
            let got = words(&seg, text);
            assert!(got.iter().any(|w| w == word), "{text}: {got:?}");
        }
    }

    #[test]
    fn tokens_cover_the_text_and_slice_it() {
        let seg = Segmenter::embedded();
        for text in [
            "",
            "。，、；！？",
            "2018年，XX厅党组\r\n一、主要学习情况\n\n（一）制度先行。",
            "iPhone X发布 7×24小时 e\u{301}",
        ] {
            let tokens = seg.tokens(text);
            let mut at = 0;
            for t in &tokens {
                assert_eq!(t.byte_start, at, "{text}");
                assert_eq!(&text[t.byte_start..t.byte_end], t.text);
                at = t.byte_end;
            }
            assert_eq!(at, text.len(), "{text}");
        }
    }

    #[test]
    fn user_dict_layers_on_and_later_entries_win() {
        let text = "推进沪宁杭甬合作";
        let whole = "沪宁杭甬".to_string();
        assert!(!words(&Segmenter::embedded(), text).contains(&whole));
        let seg =
            Segmenter::for_user_dicts(&["# mine\n沪宁杭甬 90000 ns\nbad line here x\n".into()]);
        assert!(words(&seg, text).contains(&whole));
        // The embedded instance is unchanged and shared.
        assert!(!words(&Segmenter::embedded(), text).contains(&whole));
        assert!(Arc::ptr_eq(
            &Segmenter::for_user_dicts(&[]),
            &Segmenter::embedded()
        ));
    }

    #[test]
    fn vocabulary_interns_words_and_marks_the_rest() {
        let seg = Segmenter::embedded();
        let text = "学习，学习。\n学习和工作";
        let tokens = seg.tokens(text);
        let vocab = Vocabulary::new(&tokens);
        let words: Vec<(&str, u32)> = vocab.words.iter().map(|w| (w.text, w.count)).collect();
        assert_eq!(words, vec![("学习", 3), ("和", 1), ("工作", 1)]);
        let ids: Vec<u32> = vocab.ids.clone();
        assert_eq!(ids, vec![0, NOT_A_WORD, 0, NOT_A_WORD, NOT_A_WORD, 0, 1, 2]);
        assert!(Vocabulary::new(&[]).words.is_empty());
    }

    #[test]
    fn punctuation_is_not_a_word() {
        let cases: &[(&str, bool)] = &[
            ("学习", true),
            ("XX", true),
            ("2018", true),
            ("，", false),
            ("\r\n", false),
            (" ", false),
            ("“", false),
            ("", false),
        ];
        for (token, want) in cases {
            assert_eq!(is_word(token), *want, "{token:?}");
        }
    }

    /// The acceptance case: a word of `dicts/user.dict` is one token for us,
    /// and stock jieba (its default dictionary only) splits it.
    #[test]
    fn user_dictionary_keeps_official_words_whole_where_stock_jieba_splits_them() {
        let text = "中心组成员以上率下、以身作则，正确处理工学矛盾，带头学习、带头调研。";
        let ours = Segmenter::embedded();
        let ours: Vec<&str> = ours.tokens(text).iter().map(|t| t.text).collect();
        let stock = jieba_rs::Jieba::new();
        let theirs: Vec<&str> = stock.cut(text, true).iter().map(|t| t.word).collect();
        for word in ["以上率下", "工学矛盾"] {
            assert!(ours.contains(&word), "ours splits {word}");
            assert!(!theirs.contains(&word), "stock jieba keeps {word}");
        }
        assert!(theirs.windows(2).any(|w| w == ["工学", "矛盾"]));
    }
}
