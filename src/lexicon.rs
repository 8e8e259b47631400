//! The built vocabularies an analysis uses — segmenter, phrase automaton, stopwords,
//! overused words, IDF table — shared, and built only when first needed.
//!
//! Each has an embedded default in a `static` (`LazyLock<Arc<…>>`), shared by every
//! thread. A config whose `[dicts]` add words needs its own instances; a [`Lexicon`]
//! builds them once from the config's [`Dicts`] and keeps them. The
//! [`Analyzer`](crate::Analyzer) a command creates owns one lexicon, so a run pays for
//! each part at most once, and only for the parts its command uses (`lint` without
//! `repeated-phrase` builds nothing).
//!
//! This module sits above the analyzers: it builds their vocabularies, they never
//! reach for it.

use std::sync::{Arc, OnceLock};

use crate::analyze::keywords::{Idf, Stopwords};
use crate::analyze::phrases::PhraseMatcher;
use crate::analyze::repetition::Overused;
use crate::analyze::segment::Segmenter;
use crate::dicts::Dicts;

/// The vocabularies of one config, each built on first use.
#[derive(Debug, Default)]
pub struct Lexicon {
    user_dict: Vec<String>,
    phrase_lists: Vec<String>,
    stopword_lists: Vec<String>,
    overused_lists: Vec<String>,
    segmenter: OnceLock<Arc<Segmenter>>,
    phrases: OnceLock<Arc<PhraseMatcher>>,
    stopwords: OnceLock<Arc<Stopwords>>,
    overused: OnceLock<Arc<Overused>>,
}

impl Lexicon {
    /// A lexicon for `dicts` (nothing is built yet).
    pub fn new(dicts: &Dicts) -> Self {
        Lexicon {
            user_dict: dicts.extra_user_dict.clone(),
            phrase_lists: dicts.extra_phrases.clone(),
            stopword_lists: dicts.extra_stopwords.clone(),
            overused_lists: dicts.extra_overused.clone(),
            ..Lexicon::default()
        }
    }

    /// Whether this lexicon was made for `dicts`' user additions.
    pub fn matches(&self, dicts: &Dicts) -> bool {
        self.user_dict == dicts.extra_user_dict
            && self.phrase_lists == dicts.extra_phrases
            && self.stopword_lists == dicts.extra_stopwords
            && self.overused_lists == dicts.extra_overused
    }

    /// The word segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        self.segmenter
            .get_or_init(|| Segmenter::for_user_dicts(&self.user_dict))
    }

    /// The official-phrase automaton.
    pub fn phrases(&self) -> &PhraseMatcher {
        self.phrases
            .get_or_init(|| PhraseMatcher::for_extra_lists(&self.phrase_lists))
    }

    /// The keyword stopwords.
    pub fn stopwords(&self) -> &Stopwords {
        self.stopwords
            .get_or_init(|| Stopwords::for_extra_lists(&self.stopword_lists))
    }

    /// The overused filler words.
    pub fn overused(&self) -> &Overused {
        self.overused
            .get_or_init(|| Overused::for_extra_lists(&self.overused_lists))
    }

    /// Builds everything `analyze_document` uses, two at a time, so a run's first
    /// documents do not wait for jieba's dictionary and then for its IDF table.
    pub fn prepare(&self) {
        rayon::join(
            || {
                self.segmenter();
            },
            || {
                Idf::embedded();
                self.phrases();
                self.stopwords();
                self.overused();
            },
        );
    }
}

#[cfg(test)]
impl Lexicon {
    /// Which parts are built: segmenter, phrases, stopwords, overused (tests of laziness).
    pub(crate) fn built(&self) -> [bool; 4] {
        [
            self.segmenter.get().is_some(),
            self.phrases.get().is_some(),
            self.stopwords.get().is_some(),
            self.overused.get().is_some(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use std::path::{Path, PathBuf};

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn dict_files_take_effect() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "mine.dict", "# 专有名词\n沪宁杭甬 90000 ns\n");
        write(
            dir.path(),
            "phrases.txt",
            "沪宁杭甬\tpolicy\n四个意识\tmine\n",
        );
        write(dir.path(), "stop.txt", "合作\n");
        write(dir.path(), "over.txt", "沪宁杭甬\n");
        let p = write(
            dir.path(),
            "zongjie.toml",
            "[dicts]\nuser-dict = \"mine.dict\"\nphrases = \"phrases.txt\"\nstopwords = \"stop.txt\"\noverused = \"over.txt\"\n",
        );
        let c = Config::from_file(&p).unwrap();
        let lex = Lexicon::new(&c.dicts);
        let text = "推进沪宁杭甬合作，增强四个意识。";
        let tokens: Vec<&str> = lex
            .segmenter()
            .tokens(text)
            .iter()
            .map(|t| t.text)
            .collect();
        assert!(tokens.contains(&"沪宁杭甬"), "{tokens:?}");
        let found = crate::analyze::phrases::find_phrases(text, lex.phrases());
        let cats: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.phrase.as_str(), f.category.as_str()))
            .collect();
        assert_eq!(cats, vec![("四个意识", "mine"), ("沪宁杭甬", "policy")]);
        assert!(lex.stopwords().contains("合作") && lex.stopwords().contains("的"));
    }
}
