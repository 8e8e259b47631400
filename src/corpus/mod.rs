//! Corpus aggregation: statistics over many documents, in bounded memory, as a state
//! that can be saved, merged and finished anywhere.
//!
//! Workers turn each document into [`DocFeatures`] (n-grams, sentences, a MinHash
//! sketch); a [`CorpusDoc`] carries them with what the completeness summary needs of
//! the document's report; the [`Corpus`] folds batches of them. What must stay true:
//! the result depends only on the set of documents (and, for lossy counting, their
//! order, which is path order), never on the number of threads, on scheduling or on
//! how the documents were cut into batches; memory grows with the number of
//! documents only by one sketch (about 550 bytes), a path and a source each, plus
//! the pruned phrase tables (and the text of documents that cannot be read twice,
//! such as standard input, which near-duplicate verification needs again).
//!
//! **Shards.** A corpus is a mergeable state: [`Corpus::to_bytes`] saves it
//! ([`state`] has the format), [`Corpus::merge`] and [`Corpus::merge_all`] join states
//! of disjoint sets of documents, and [`Corpus::finish`] turns any of them into the
//! report. Documents are kept in path order, so merged shards give the same
//! per-document data, near-duplicates, clusters and completeness summary as one run
//! over all the documents, and the same bytes whatever the order of the states.
//! Phrase and shared-sentence counts are the same too unless lossy counting pruned
//! something: then each stays within `max_undercount` of the truth, as in one run
//! (see [`table`]).
//!
//! Nothing is cut silently: every list that is cut carries the total it was cut
//! from (`repeated_phrases_total`, `shared_sentences_total`, `near_duplicates_total`,
//! a shared sentence's `documents`).

pub mod hash;
pub mod neardup;
pub mod repeated;
pub mod state;
pub mod summary;
pub mod table;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::document::Document;
use crate::input::ReadOptions;
use crate::report::DocReport;
use neardup::{Cluster, NearDupCheck, NearDupOptions, NearDuplicate, Sketch};
use repeated::{CorpusPhrase, NgramOptions, SENTENCE_PLACES, SharedSentence};
pub use state::StateError;
use summary::{CompletenessSummary, DocStats, SummaryBuilder};
use table::{DocFreqTable, DocItems};

/// Settings of corpus statistics.
#[derive(Debug, Clone, PartialEq)]
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
    /// What the documents were analysed with, as an opaque id
    /// ([`Config::fingerprint`](crate::Config::fingerprint)); states merge only when
    /// theirs are equal.
    pub settings: String,
    /// The encoding every document was decoded with, when one was forced
    /// (`--encoding`): near-duplicate verification re-reads documents the same way.
    pub encoding: Option<String>,
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
            settings: String::new(),
            encoding: None,
        }
    }
}

/// Options of what a finished report lists, which may change after documents were
/// added (`zongjie merge --top`): `None` keeps the state's.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ListingOptions {
    /// Fewest documents a repeated phrase or shared sentence must occur in.
    pub min_docs: Option<u32>,
    /// Phrases and sentences listed.
    pub top: Option<usize>,
    /// Least similarity of a near-duplicate.
    pub dup_threshold: Option<f64>,
    /// Near-duplicate pairs listed.
    pub max_pairs: Option<usize>,
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

/// One document as a [`Corpus`] takes it: its features, where to read it again,
/// and what the completeness summary and the run's counts need of its report.
#[derive(Debug, Clone)]
pub struct CorpusDoc {
    path: String,
    source: Option<PathBuf>,
    error: Option<String>,
    diagnostics: u64,
    stats: DocStats,
    features: Option<DocFeatures>,
}

impl CorpusDoc {
    /// A document from its report and its features (`None` when it could not be
    /// read).
    pub fn new(report: &DocReport, features: Option<DocFeatures>) -> Self {
        CorpusDoc {
            path: report.path.clone(),
            source: None,
            error: report.error.clone(),
            diagnostics: report.diagnostics.len() as u64,
            stats: DocStats::of(report),
            features,
        }
    }

    /// Where near-duplicate verification can read the document again (an absolute
    /// path, for a state merged elsewhere); without one, only a kept text
    /// ([`DocFeatures::keep_text`]) or the `reread` of [`Corpus::finish`] can.
    pub fn with_source(mut self, source: impl Into<PathBuf>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The document's path, as its report names it.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A document of a corpus, as [`Corpus::finish`] asks to read it again.
#[derive(Debug, Clone, Copy)]
pub struct DocumentRef<'a> {
    /// The path, as reports name it.
    pub path: &'a str,
    /// Where it was read from ([`CorpusDoc::with_source`]).
    pub source: Option<&'a Path>,
}

/// Counts over a corpus's documents: the `summary` of a report built from a state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusCounts {
    /// Documents, read or not.
    pub documents: usize,
    /// Documents that could not be read.
    pub failed: usize,
    /// Findings in all documents.
    pub diagnostics: u64,
    /// Every document that could not be read, with why, in path order.
    pub failures: Vec<(String, String)>,
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

/// One document of a corpus: what stays of it after its batch.
#[derive(Debug, Clone, PartialEq)]
struct DocEntry {
    path: String,
    source: Option<PathBuf>,
    error: Option<String>,
    sketch: Sketch,
    kept_text: Option<Arc<str>>,
}

/// Folds documents into corpus statistics.
#[derive(Debug, Clone)]
pub struct Corpus {
    opts: CorpusOptions,
    phrases: DocFreqTable,
    sentences: DocFreqTable,
    /// Documents by number: the order they were added, path order after a merge,
    /// before saving and before finishing.
    docs: Vec<DocEntry>,
    summary: SummaryBuilder,
    diagnostics: u64,
}

impl Corpus {
    /// An empty corpus.
    pub fn new(opts: CorpusOptions) -> Self {
        let phrases = DocFreqTable::new(opts.bucket);
        let mut sentences = DocFreqTable::new(opts.bucket);
        sentences.keep_places(SENTENCE_PLACES);
        Corpus {
            opts,
            phrases,
            sentences,
            docs: Vec::new(),
            summary: SummaryBuilder::default(),
            diagnostics: 0,
        }
    }

    /// The settings.
    pub fn options(&self) -> &CorpusOptions {
        &self.opts
    }

    /// Documents added (read or not).
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// Changes what the finished report lists.
    pub fn set_listing(&mut self, listing: ListingOptions) {
        if let Some(n) = listing.min_docs {
            self.opts.min_docs = n;
        }
        if let Some(n) = listing.top {
            self.opts.top = n;
        }
        if let Some(x) = listing.dup_threshold {
            self.opts.dup_threshold = x;
        }
        if let Some(n) = listing.max_pairs {
            self.opts.max_pairs = n;
        }
    }

    /// Adds one document.
    pub fn add(&mut self, doc: CorpusDoc) {
        self.add_batch(vec![doc]);
    }

    /// Adds documents. In path order is best (and what the command line does): the
    /// corpus is then already in the order it is saved and finished in, and lossy
    /// counting prunes as one run over the whole archive does. Any other order gives
    /// the same statistics except where pruning cut something.
    pub fn add_batch(&mut self, batch: Vec<CorpusDoc>) {
        let mut ngrams = Vec::with_capacity(batch.len());
        let mut sentences = Vec::with_capacity(batch.len());
        for doc in batch {
            self.summary.add_stats(&doc.path, &doc.stats);
            self.diagnostics += doc.diagnostics;
            let f = doc.features.unwrap_or_default();
            ngrams.push(f.ngrams);
            sentences.push(f.sentences);
            self.docs.push(DocEntry {
                path: doc.path,
                source: doc.source,
                error: doc.error,
                sketch: f.sketch,
                kept_text: f.kept_text,
            });
        }
        let docs = &self.docs;
        let before = |a: u32, b: u32| precedes(docs, a, b);
        self.phrases.add_batch(&ngrams, &before);
        self.sentences.add_batch(&sentences, &before);
    }

    /// The run's counts: documents, failures, findings.
    pub fn counts(&self) -> CorpusCounts {
        let mut failures: Vec<(String, String)> = self
            .docs
            .iter()
            .filter_map(|d| Some((d.path.clone(), d.error.clone()?)))
            .collect();
        // Stable: documents with one path keep the order they were added in.
        failures.sort_by(|a, b| a.0.cmp(&b.0));
        CorpusCounts {
            documents: self.docs.len(),
            failed: failures.len(),
            diagnostics: self.diagnostics,
            failures,
        }
    }

    /// This corpus and `other` (of other documents) as one, as if one corpus had
    /// been given all of their documents: see [`merge_all`](Self::merge_all).
    pub fn merge(self, other: Corpus) -> Result<Corpus, StateError> {
        Corpus::merge_all([self, other])
    }

    /// The corpora as one. They must have been made with the same options (listing
    /// options included) and hold different documents (by path). The result is the
    /// same whatever the order of the corpora: documents in path order, counts
    /// summed, then pruned once with the merged corpus's own bound (so a tree of
    /// pairwise merges can differ from one merge of all, within `max_undercount`,
    /// when pruning cuts something).
    pub fn merge_all(corpora: impl IntoIterator<Item = Corpus>) -> Result<Corpus, StateError> {
        let mut merging: Option<(Corpus, Vec<u32>)> = None;
        for (i, corpus) in corpora.into_iter().enumerate() {
            let part = i as u32;
            merging = Some(match merging {
                None => {
                    let origin = vec![part; corpus.docs.len()];
                    (corpus, origin)
                }
                Some((mut acc, mut origin)) => {
                    acc.absorb(corpus, part, &mut origin)?;
                    (acc, origin)
                }
            });
        }
        let (mut merged, origin) = merging.ok_or(StateError::NothingToMerge)?;
        let order = merged.path_order();
        // Two corpora holding one path: the same file counted twice.
        for pair in order.windows(2) {
            let (a, b) = (pair[0] as usize, pair[1] as usize);
            if merged.docs[a].path == merged.docs[b].path && origin[a] != origin[b] {
                return Err(StateError::Duplicate {
                    path: merged.docs[a].path.clone(),
                });
            }
        }
        merged.reorder(&order);
        merged.phrases.prune_merged();
        merged.sentences.prune_merged();
        merged.summary.trim();
        Ok(merged)
    }

    /// Adds the documents of `other` after this corpus's; `origin` gets their
    /// corpus number `part`.
    fn absorb(
        &mut self,
        other: Corpus,
        part: u32,
        origin: &mut Vec<u32>,
    ) -> Result<(), StateError> {
        state::check_same_options(&self.opts, &other.opts)?;
        let Corpus {
            phrases: mut other_phrases,
            sentences: mut other_sentences,
            docs,
            summary,
            diagnostics,
            ..
        } = other;
        let offset = self.docs.len() as u32;
        let numbers: Vec<u32> = (0..docs.len() as u32).map(|i| offset + i).collect();
        origin.extend(std::iter::repeat_n(part, docs.len()));
        self.docs.extend(docs);
        let all = &self.docs;
        let before = |a: u32, b: u32| precedes(all, a, b);
        other_phrases.renumber(&numbers, &before);
        other_sentences.renumber(&numbers, &before);
        self.phrases.absorb(other_phrases, &before);
        self.sentences.absorb(other_sentences, &before);
        self.summary.merge(summary);
        self.diagnostics += diagnostics;
        Ok(())
    }

    /// Document numbers in path order (documents with one path in the order added).
    fn path_order(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.docs.len() as u32).collect();
        if !self.docs.windows(2).all(|w| w[0].path <= w[1].path) {
            order.sort_by(|&a, &b| self.docs[a as usize].path.cmp(&self.docs[b as usize].path));
        }
        order
    }

    /// Puts the documents in `order` (old numbers, new first), renumbering places.
    fn reorder(&mut self, order: &[u32]) {
        if order.iter().enumerate().all(|(i, &o)| i as u32 == o) {
            return;
        }
        let mut new = vec![0u32; order.len()];
        for (rank, &old) in order.iter().enumerate() {
            new[old as usize] = rank as u32;
        }
        let mut old: Vec<Option<DocEntry>> = std::mem::take(&mut self.docs)
            .into_iter()
            .map(Some)
            .collect();
        self.docs = order
            .iter()
            .filter_map(|&o| old.get_mut(o as usize).and_then(Option::take))
            .collect();
        self.phrases.renumber(&new, &table::added_order);
        self.sentences.renumber(&new, &table::added_order);
    }

    /// Finishes the statistics; `reread` returns a document's text again to verify
    /// near-duplicate candidates exactly. It is asked only for candidates, about
    /// once each, possibly from several threads at once, and never for a document
    /// whose text was kept ([`DocFeatures::keep_text`]). A text that cannot be had,
    /// or differs from the one analysed, leaves its document unverified (and listed
    /// so).
    pub fn finish<F>(mut self, reread: F) -> CorpusReport
    where
        F: Fn(DocumentRef<'_>) -> Option<String> + Sync,
    {
        let order = self.path_order();
        self.reorder(&order);
        let Corpus {
            opts,
            phrases,
            sentences,
            docs,
            summary,
            ..
        } = self;
        let failed = docs.iter().filter(|d| d.error.is_some()).count();
        let mut paths = Vec::with_capacity(docs.len());
        let mut sketches = Vec::with_capacity(docs.len());
        let mut sources = Vec::with_capacity(docs.len());
        for d in docs {
            paths.push(d.path);
            sketches.push(d.sketch);
            sources.push((d.source, d.kept_text));
        }
        let nd_opts = NearDupOptions {
            threshold: opts.dup_threshold,
            max_pairs: opts.max_pairs,
        };
        let found = neardup::find(&paths, &sketches, &nd_opts, |i| {
            let (source, kept) = sources.get(i)?;
            match kept {
                Some(text) => Some(text.to_string()),
                None => reread(DocumentRef {
                    path: paths.get(i)?,
                    source: source.as_deref(),
                }),
            }
        });
        let (repeated_phrases, repeated_phrases_total) =
            repeated::top_phrases(&phrases, opts.min_docs, opts.top);
        let (shared_sentences, shared_sentences_total) =
            repeated::top_sentences(&sentences, opts.min_docs, opts.top, &paths);
        CorpusReport {
            documents: paths.len(),
            failed,
            repeated_phrases,
            repeated_phrases_total,
            shared_sentences,
            shared_sentences_total,
            clusters: found.clusters,
            near_duplicates: found.pairs,
            near_duplicates_total: found.pairs_total,
            near_duplicate_check: found.check,
            completeness: summary.finish(),
            max_undercount: phrases.max_undercount(),
        }
    }

    /// [`finish`](Self::finish), re-reading each candidate from its source as the
    /// command line reads files (with the corpus's forced encoding, if any).
    pub fn finish_reading(self, read: &ReadOptions) -> CorpusReport {
        let mut read = read.clone();
        if let Some(enc) = self
            .opts
            .encoding
            .as_deref()
            .and_then(crate::input::decode::encoding_for_label)
        {
            read.encoding = Some(enc);
        }
        self.finish(|doc| {
            let doc = crate::input::read_path(doc.source?, &read).ok()?;
            Some(doc.text().to_string())
        })
    }
}

/// Whether document `a` comes before document `b`: by path, then as added.
fn precedes(docs: &[DocEntry], a: u32, b: u32) -> bool {
    match (docs.get(a as usize), docs.get(b as usize)) {
        (Some(x), Some(y)) => (x.path.as_str(), a) < (y.path.as_str(), b),
        _ => a < b,
    }
}

/// The shard (1 to `shards`) a document belongs to, by a hash of its path as shown:
/// the same path always goes to the same shard, whatever else is in the run.
pub fn shard_of(path: &str, shards: u32) -> u32 {
    match shards {
        0 => 1,
        n => (hash::hash_str(path) % u64::from(n)) as u32 + 1,
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
        corpus.add_batch(vec![
            CorpusDoc::new(&ra, Some(fa)),
            CorpusDoc::new(&rb, Some(fb)),
        ]);
        let asked = std::sync::Mutex::new(Vec::new());
        let report = corpus.finish(|doc| {
            asked.lock().map(|mut a| a.push(doc.path.to_string())).ok();
            (doc.path == "b.txt").then(|| TEXT.replace("12次", "15次"))
        });
        assert_eq!(asked.into_inner().ok(), Some(vec!["b.txt".to_string()]));
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
        corpus.add_batch(vec![
            CorpusDoc::new(&ra, Some(fa)),
            CorpusDoc::new(&rb, Some(fb)),
        ]);
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
