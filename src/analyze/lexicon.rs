//! The built vocabularies an analysis uses — segmenter, phrase automaton, stopwords,
//! overused words — shared, and built only when first needed.
//!
//! Each has an embedded default in a `static` (`LazyLock<Arc<…>>`), shared by every
//! thread. A config whose `[dicts]` add words needs its own instances; a
//! [`Lexicon`] builds them once from the config's [`Dicts`] and keeps them, and
//! [`Config::lexicon`](crate::Config::lexicon) keeps the lexicon, so a run pays for
//! each at most once, and only for the ones its command uses (`lint` without
//! `repeated-phrase` builds nothing).

use std::sync::{Arc, LazyLock, OnceLock};

use super::keywords::{Idf, Stopwords};
use super::phrases::PhraseMatcher;
use super::repetition::Overused;
use super::segment::Segmenter;
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
                Idf::jieba();
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

/// The embedded instance when `extra` is empty, otherwise `build` over the embedded
/// list followed by the user's (so later entries can override earlier ones).
pub(crate) fn with_extra_lists<T>(
    embedded: &LazyLock<Arc<T>>,
    base: &'static str,
    extra: &[String],
    build: impl FnOnce(&[&str]) -> Option<T>,
) -> Arc<T> {
    if extra.is_empty() {
        return Arc::clone(embedded);
    }
    let mut lists = vec![base];
    lists.extend(extra.iter().map(String::as_str));
    build(&lists).map_or_else(|| Arc::clone(embedded), Arc::new)
}
