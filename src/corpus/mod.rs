//! Corpus aggregation: statistics over many documents, in bounded memory.
//!
//! Workers turn each document into [`DocFeatures`] (n-grams, sentences, a MinHash
//! sketch); the [`Corpus`] folds batches of them in document order. What must
//! stay true: the result depends only on the documents and their order (sorted by
//! path), never on the number of threads or on scheduling; memory grows with the
//! number of documents only by one sketch (about 550 bytes) and one path each, plus
//! the pruned phrase tables (and the text of documents that cannot be read twice,
//! such as standard input, which near-duplicate verification needs again).
//!
//! Nothing is cut silently: every list that is cut carries the total it was cut
//! from (`repeated_phrases_total`, `shared_sentences_total`, `near_duplicates_total`,
//! a shared sentence's `documents`).

pub mod hash;
pub mod neardup;
pub mod repeated;
pub mod summary;
pub mod table;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::document::Document;
use crate::report::DocReport;
use neardup::{Cluster, NearDupCheck, NearDupOptions, NearDuplicate, Sketch};
use repeated::{CorpusPhrase, NgramOptions, SENTENCE_PLACES, SharedSentence};
use summary::{CompletenessSummary, SummaryBuilder};
use table::{DocFreqTable, DocItems};

/// Settings of corpus statistics.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// Fewest documents a repeated phrase or shared sentence must occur in.
    pub min_docs: u32,
    /// Phrases and sentences listed.
    pub top: usize,
    /// Least Jaccard similarity of a reported near-duplicate pair.
    pub dup_threshold: f64,
    /// Near-duplicate pairs listed (the most similar); the total is always given.
    pub max_pairs: usize,
    /// Lossy-counting bucket (documents): reported document frequencies are at most
    /// `documents / bucket` below the truth. 0 counts exactly with no pruning.
    pub bucket: u32,
    /// N-gram limits.
    pub ngrams: NgramOptions,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            min_docs: 2,
            top: 50,
            dup_threshold: 0.5,
            max_pairs: 1000,
            bucket: 500,
            ngrams: NgramOptions::default(),
        }
    }
}

/// What one document contributes to corpus statistics.
#[derive(Debug, Clone, Default)]
pub struct DocFeatures {
    /// Distinct word n-grams.
    pub ngrams: DocItems,
    /// Distinct sentences of 15+ chars, keyed without their slots and numbers.
    pub sentences: DocItems,
    /// What near-duplicate search keeps of it.
    pub sketch: Sketch,
    /// The text, when the document cannot be read again for near-duplicate
    /// verification (see [`DocFeatures::keep_text`]).
    pub kept_text: Option<Arc<str>>,
}

impl DocFeatures {
    /// Extracts features from a document, its word tokens and its unfilled slots
    /// (byte ranges, in text order).
    pub fn extract(
        doc: &Document,
        tokens: &[(usize, usize)],
        slots: &[(usize, usize)],
        opts: &CorpusOptions,
    ) -> Self {
        let text: Arc<str> = doc.text().into();
        DocFeatures {
            ngrams: repeated::document_ngrams(&text, tokens, slots, opts.ngrams),
            sentences: repeated::document_sentences(&text, slots),
            sketch: Sketch::of(&text, slots.len()),
            kept_text: None,
        }
    }

    /// Keeps the text with the corpus until the end of the run, for a document
    /// that cannot be read a second time (standard input): near-duplicate
    /// verification uses it instead of re-reading.
    pub fn keep_text(&mut self) {
        self.kept_text = Some(Arc::clone(&self.ngrams.text));
    }
}

/// The `corpus` object of `analyze` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusReport {
    /// Documents seen (analysed and failed).
    pub documents: usize,
    /// Documents that could not be read.
    pub failed: usize,
    /// Phrases the most documents use.
    pub repeated_phrases: Vec<CorpusPhrase>,
    /// Phrases used by at least `min_docs` documents, listed or not (a lower bound
    /// when `max_undercount` > 0).
    pub repeated_phrases_total: usize,
    /// Sentences found in several documents (slots and numbers aside).
    pub shared_sentences: Vec<SharedSentence>,
    /// Sentences in at least `min_docs` documents, listed or not (a lower bound when
    /// `max_undercount` > 0).
    pub shared_sentences_total: usize,
    /// Near-duplicate clusters, largest first: each a representative and every
    /// document verified to be a near-duplicate of it.
    pub clusters: Vec<Cluster>,
    /// The most similar verified near-duplicate pairs (`max_pairs` of them).
    pub near_duplicates: Vec<NearDuplicate>,
    /// Verified pairs in all.
    pub near_duplicates_total: usize,
    /// How the near-duplicate search went: the threshold, the representative rule,
    /// documents re-read, documents that could not be verified.
    pub near_duplicate_check: NearDupCheck,
    /// Completeness across the archive.
    pub completeness: CompletenessSummary,
    /// The most a listed document frequency can be below the truth (lossy counting).
    pub max_undercount: u32,
}

/// Folds documents into corpus statistics.
#[derive(Debug)]
pub struct Corpus {
    opts: CorpusOptions,
    phrases: DocFreqTable,
    sentences: DocFreqTable,
    sketches: Vec<Sketch>,
    paths: Vec<String>,
    /// Texts kept for verification, by document number.
    kept_texts: BTreeMap<usize, Arc<str>>,
    failed: usize,
    summary: SummaryBuilder,
}

impl Corpus {
    /// An empty corpus.
    pub fn new(opts: CorpusOptions) -> Self {
        let mut phrases = DocFreqTable::new(opts.bucket);
        let mut sentences = DocFreqTable::new(opts.bucket);
        sentences.keep_places(SENTENCE_PLACES);
        if opts.min_docs >= 2 {
            phrases.drop_single_texts();
            sentences.drop_single_texts();
        }
        Corpus {
            opts,
            phrases,
            sentences,
            sketches: Vec::new(),
            paths: Vec::new(),
            kept_texts: BTreeMap::new(),
            failed: 0,
            summary: SummaryBuilder::default(),
        }
    }

    /// Adds a batch of documents in path order; failed ones have no features.
    pub fn add_batch(&mut self, batch: Vec<(&DocReport, Option<DocFeatures>)>) {
        let mut ngrams = Vec::with_capacity(batch.len());
        let mut sentences = Vec::with_capacity(batch.len());
        for (report, features) in batch {
            self.summary.add(report);
            self.paths.push(report.path.clone());
            if report.error.is_some() {
                self.failed += 1;
            }
            let f = features.unwrap_or_default();
            if let Some(text) = f.kept_text {
                self.kept_texts.insert(self.sketches.len(), text);
            }
            ngrams.push(f.ngrams);
            sentences.push(f.sentences);
            self.sketches.push(f.sketch);
        }
        self.phrases.add_batch(&ngrams);
        self.sentences.add_batch(&sentences);
        self.phrases.prune();
        self.sentences.prune();
    }

    /// Finishes the statistics; `reread` returns a document's text by its number
    /// (the order added) to verify near-duplicate candidates exactly. It is asked
    /// only for candidates, about once each, and never for a document whose text
    /// was kept ([`DocFeatures::keep_text`]). A text that cannot be had, or differs
    /// from the one analysed, leaves its document unverified (and listed so).
    pub fn finish<F>(self, reread: F) -> CorpusReport
    where
        F: Fn(usize) -> Option<String> + Sync,
    {
        let kept = &self.kept_texts;
        let nd_opts = NearDupOptions {
            threshold: self.opts.dup_threshold,
            max_pairs: self.opts.max_pairs,
        };
        let found = neardup::find(&self.paths, &self.sketches, &nd_opts, |i| {
            match kept.get(&i) {
                Some(text) => Some(text.to_string()),
                None => reread(i),
            }
        });
        let (repeated_phrases, repeated_phrases_total) =
            repeated::top_phrases(&self.phrases, self.opts.min_docs, self.opts.top);
        let (shared_sentences, shared_sentences_total) = repeated::top_sentences(
            &self.sentences,
            self.opts.min_docs,
            self.opts.top,
            &self.paths,
        );
        CorpusReport {
            documents: self.paths.len(),
            failed: self.failed,
            repeated_phrases,
            repeated_phrases_total,
            shared_sentences,
            shared_sentences_total,
            clusters: found.clusters,
            near_duplicates: found.pairs,
            near_duplicates_total: found.pairs_total,
            near_duplicate_check: found.check,
            completeness: self.summary.finish(),
            max_undercount: self.phrases.max_undercount(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "今年以来，我局党组坚持把理论学习摆在首要位置，认真落实中心组学习制度。\n全年组织集中学习12次，开展专题研讨6次，邀请专家辅导讲座三场。";

    fn features(path: &str, text: &str) -> (DocReport, DocFeatures) {
        let doc = Document::from_str(path, text);
        let report = DocReport {
            path: path.into(),
            ..DocReport::default()
        };
        (
            report,
            DocFeatures::extract(&doc, &[], &[], &CorpusOptions::default()),
        )
    }

    /// Issue 11: standard input cannot be read twice; its kept text is verified
    /// without asking `reread`, which is asked only for the other document.
    #[test]
    fn a_kept_text_is_verified_without_rereading() {
        let (ra, mut fa) = features("-", TEXT);
        fa.keep_text();
        let (rb, fb) = features("b.txt", &TEXT.replace("12次", "15次"));
        let mut corpus = Corpus::new(CorpusOptions::default());
        corpus.add_batch(vec![(&ra, Some(fa)), (&rb, Some(fb))]);
        let asked = std::sync::Mutex::new(Vec::new());
        let report = corpus.finish(|i| {
            asked.lock().map(|mut a| a.push(i)).ok();
            (i == 1).then(|| TEXT.replace("12次", "15次"))
        });
        assert_eq!(asked.into_inner().ok(), Some(vec![1]));
        assert_eq!(report.near_duplicates_total, 1);
        assert_eq!(report.near_duplicates[0].similarity, 1.0);
        assert_eq!(report.clusters[0].size, 2);
        assert_eq!(report.near_duplicate_check.unverifiable_total, 0);
    }

    /// A shared sentence names its documents and lines; the numbers that differ
    /// between them are one gap.
    #[test]
    fn shared_sentences_name_documents_and_lines() {
        let (ra, fa) = features("a.txt", TEXT);
        let (rb, fb) = features("b.txt", &TEXT.replace("12次", "15次"));
        let mut corpus = Corpus::new(CorpusOptions::default());
        corpus.add_batch(vec![(&ra, Some(fa)), (&rb, Some(fb))]);
        let report = corpus.finish(|_| None);
        let sentence = report
            .shared_sentences
            .iter()
            .find(|s| s.sentence.starts_with("全年组织"))
            .map(|s| (s.sentence.as_str(), s.documents, s.found_in.clone()));
        let place = |path: &str| repeated::SentencePlace {
            path: path.into(),
            line: 2,
        };
        assert_eq!(
            sentence,
            Some((
                "全年组织集中学习…次，开展专题研讨…次，邀请专家辅导讲座三场",
                2,
                vec![place("a.txt"), place("b.txt")]
            ))
        );
        assert_eq!(report.shared_sentences_total, 2);
        // Neither text could be re-read: both candidates are named, none verified.
        assert_eq!(
            report.near_duplicate_check.unverifiable,
            vec!["a.txt", "b.txt"]
        );
        assert!(report.clusters.is_empty());
    }
}
