//! Corpus aggregation: statistics over many documents, in bounded memory.
//!
//! Workers turn each document into [`DocFeatures`] (n-grams, sentences, a MinHash
//! signature); the [`Corpus`] folds batches of them in document order. What must
//! stay true: the result depends only on the documents and their order (sorted by
//! path), never on the number of threads or on scheduling; memory grows with the
//! number of documents only by one signature (512 bytes) and one path each, plus
//! the pruned phrase tables.

pub mod hash;
pub mod neardup;
pub mod repeated;
pub mod summary;
pub mod table;

use serde::Serialize;

use crate::document::Document;
use crate::report::DocReport;
use neardup::{Cluster, NearDuplicate, Signature};
use repeated::{CorpusPhrase, NgramOptions, SharedSentence};
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
    /// Distinct sentences of 15+ chars.
    pub sentences: DocItems,
    /// MinHash signature of its shingles.
    pub signature: Signature,
}

impl DocFeatures {
    /// Extracts features from a document and its word tokens (byte ranges).
    pub fn extract(doc: &Document, tokens: &[(usize, usize)], opts: &CorpusOptions) -> Self {
        // One copy of the text serves both tables until the batch is folded in.
        let text: std::sync::Arc<str> = doc.text().into();
        DocFeatures {
            ngrams: repeated::document_ngrams(&text, tokens, opts.ngrams),
            sentences: repeated::document_sentences(&text),
            signature: neardup::signature(doc.text()),
        }
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
    /// Sentences found verbatim in several documents.
    pub shared_sentences: Vec<SharedSentence>,
    /// Verified near-duplicate pairs.
    pub near_duplicates: Vec<NearDuplicate>,
    /// Groups of three or more near-duplicates.
    pub clusters: Vec<Cluster>,
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
    signatures: Vec<Signature>,
    paths: Vec<String>,
    failed: usize,
    summary: SummaryBuilder,
}

impl Corpus {
    /// An empty corpus.
    pub fn new(opts: CorpusOptions) -> Self {
        let mut phrases = DocFreqTable::new(opts.bucket);
        let mut sentences = DocFreqTable::new(opts.bucket);
        if opts.min_docs >= 2 {
            phrases.drop_single_texts();
            sentences.drop_single_texts();
        }
        Corpus {
            opts,
            phrases,
            sentences,
            signatures: Vec::new(),
            paths: Vec::new(),
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
            ngrams.push(f.ngrams);
            sentences.push(f.sentences);
            self.signatures.push(f.signature);
        }
        self.phrases.add_batch(&ngrams);
        self.sentences.add_batch(&sentences);
        self.phrases.prune();
        self.sentences.prune();
    }

    /// Finishes the statistics; `reread` returns a document's text by index (in the
    /// order added) to verify near-duplicate candidates exactly.
    pub fn finish<F>(self, reread: F) -> CorpusReport
    where
        F: Fn(&str) -> Option<String> + Sync,
    {
        let paths = &self.paths;
        let (near_duplicates, clusters) =
            neardup::find(paths, &self.signatures, self.opts.dup_threshold, |i| {
                paths.get(i).and_then(|p| reread(p))
            });
        CorpusReport {
            documents: self.paths.len(),
            failed: self.failed,
            repeated_phrases: repeated::top_phrases(
                &self.phrases,
                self.opts.min_docs,
                self.opts.top,
            ),
            shared_sentences: repeated::top_sentences(
                &self.sentences,
                self.opts.min_docs,
                self.opts.top,
            ),
            near_duplicates,
            clusters,
            completeness: self.summary.finish(),
            max_undercount: self.phrases.max_undercount(),
        }
    }
}
