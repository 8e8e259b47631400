//! A bounded document-frequency table for corpus-wide counting.
//!
//! Each document contributes a *set* of item hashes (an item counts once per
//! document for `documents`, every time for `count`). Memory is bounded by pruning
//! with lossy counting (Manku & Motwani): after every `bucket` documents, entries
//! whose document frequency plus their possible undercount is at most the number of
//! buckets seen are dropped. An item's reported document frequency is then at most
//! `documents_seen / bucket` below the truth, and any item in more than that many
//! documents survives. The table is split into shards that are merged in parallel.
//! What must stay true: the result depends only on the order of documents, never on
//! thread scheduling — pruning happens only between whole batches.
//!
//! A table can also remember *where* an item was seen: the first few documents
//! (in the order added) and the line in each, so a shared sentence can name the
//! documents that share it.

// Keys are already well-mixed 64-bit hashes: Fx hashing them again is cheap and enough.
use rustc_hash::FxHashMap as HashMap;

use std::sync::Arc;

use rayon::prelude::*;

/// Number of shards; a power of two so the shard is a few hash bits.
const SHARDS: usize = 64;

/// One counted item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Documents containing the item (may undercount by at most `delta`).
    pub documents: u32,
    /// Total occurrences counted.
    pub count: u32,
    /// The largest undercount possible (buckets elapsed before the item was first seen).
    pub delta: u32,
    /// The item's text, kept once it is seen in a second document.
    pub text: Option<Box<str>>,
    /// The text seen in the first document, until a second sighting confirms it.
    first_text: Option<Box<str>>,
    /// `(document number, line)` of the first documents seen with the item (since
    /// it was last pruned), when the table keeps places.
    // A boxed slice, not a Vec: eight bytes in every entry of a table that may hold
    // millions, and only the first few documents are ever pushed.
    places: Option<Box<[(u32, u32)]>>,
}

impl Entry {
    /// `(document number, line)` of the first documents that hold the item, in the
    /// order they were added; at most the table's `places` of them.
    pub fn places(&self) -> &[(u32, u32)] {
        self.places.as_deref().unwrap_or_default()
    }
}

/// One distinct item of a document: its hash, occurrences, and where its text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocItem {
    /// Hash of the item.
    pub hash: u64,
    /// Occurrences in this document.
    pub count: u32,
    /// Byte range of one occurrence in the document text.
    pub start: u32,
    /// End of that byte range.
    pub end: u32,
    /// 1-based line of that occurrence in the document (0 when not tracked).
    pub line: u32,
}

/// What one document contributes: its text and its distinct items.
///
/// Item texts are sliced out of `text` only when the table needs them, so a
/// document's thousands of n-grams cost no allocation unless they recur.
#[derive(Debug, Clone, Default)]
pub struct DocItems {
    /// The text the items' byte ranges point into, shared by a document's n-grams
    /// and sentences instead of copied for each.
    pub text: Arc<str>,
    /// Distinct items.
    pub items: Vec<DocItem>,
}

impl DocItems {
    fn slice(&self, item: &DocItem) -> Box<str> {
        self.text
            .get(item.start as usize..item.end as usize)
            .unwrap_or_default()
            .into()
    }
}

/// A sharded, pruned document-frequency table.
#[derive(Debug)]
pub struct DocFreqTable {
    shards: Vec<HashMap<u64, Entry>>,
    bucket: u32,
    documents: u32,
    /// Keep first-sighting texts (needed when the minimum document frequency is 1).
    keep_first_text: bool,
    /// Places kept per item.
    places: usize,
}

impl DocFreqTable {
    /// A table that prunes every `bucket` documents (0: never prune).
    pub fn new(bucket: u32) -> Self {
        DocFreqTable {
            shards: (0..SHARDS).map(|_| HashMap::default()).collect(),
            bucket,
            documents: 0,
            keep_first_text: true,
            places: 0,
        }
    }

    /// Also keeps, per item, the document number and line of its first `places`
    /// documents.
    pub fn keep_places(&mut self, places: usize) {
        self.places = places;
    }

    /// Documents added so far.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    /// Entries currently held.
    pub fn len(&self) -> usize {
        self.shards.iter().map(HashMap::len).sum()
    }

    /// Whether the table holds no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most a reported document frequency can be below the truth.
    pub fn max_undercount(&self) -> u32 {
        self.documents.checked_div(self.bucket).unwrap_or(0)
    }

    /// Adds a batch of documents (each a set of distinct items), in order.
    pub fn add_batch(&mut self, docs: &[DocItems]) {
        // Items are routed to shards, then each shard merges its items on its own
        // thread; the order inside a shard is the document order, so the result is
        // exactly what a serial run would give.
        let mut routed: Vec<Vec<(u32, &DocItem)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (i, doc) in docs.iter().enumerate() {
            for item in &doc.items {
                let shard = (item.hash >> 58) as usize % SHARDS;
                routed[shard].push((i as u32, item));
            }
        }
        let first = self.documents;
        let bucket = self.bucket;
        let keep_first = self.keep_first_text;
        let places = self.places;
        self.shards
            .par_iter_mut()
            .zip(routed.into_par_iter())
            .for_each(|(shard, items)| {
                for (i, item) in items {
                    let Some(doc) = docs.get(i as usize) else {
                        continue;
                    };
                    let seen = Seen {
                        doc_number: first + i,
                        bucket,
                        keep_first,
                        places,
                    };
                    merge(shard, doc, item, &seen);
                }
            });
        self.documents = first.saturating_add(docs.len() as u32);
    }

    /// Records that `n` documents were seen that contributed nothing (empty or failed).
    pub fn skip_documents(&mut self, n: u32) {
        self.documents += n;
    }

    /// Drops entries that cannot reach `documents_seen / bucket` any more.
    pub fn prune(&mut self) {
        if self.bucket == 0 {
            return;
        }
        let buckets = self.documents / self.bucket;
        self.shards.par_iter_mut().for_each(|shard| {
            shard.retain(|_, e| e.documents + e.delta > buckets);
        });
    }

    /// Entries with at least `min_documents` documents, with their text.
    pub fn frequent(&self, min_documents: u32) -> Vec<(&str, &Entry)> {
        let mut out: Vec<(&str, &Entry)> = self
            .shards
            .iter()
            .flat_map(|s| s.values())
            .filter(|e| e.documents >= min_documents)
            .filter_map(|e| {
                e.text
                    .as_deref()
                    .or(e.first_text.as_deref())
                    .map(|t| (t, e))
            })
            .collect();
        out.sort_by(|a, b| {
            b.1.documents
                .cmp(&a.1.documents)
                .then(b.1.count.cmp(&a.1.count))
                .then(a.0.cmp(b.0))
        });
        out
    }

    /// Stops keeping the text of items seen once (saves memory when only items in
    /// two or more documents are wanted).
    pub fn drop_single_texts(&mut self) {
        self.keep_first_text = false;
    }
}

fn first_place(doc_number: u32, line: u32) -> Box<[(u32, u32)]> {
    Box::new([(doc_number, line)])
}

/// Where a document's items are merged: its number and the table's settings.
struct Seen {
    doc_number: u32,
    bucket: u32,
    keep_first: bool,
    places: usize,
}

fn merge(shard: &mut HashMap<u64, Entry>, doc: &DocItems, item: &DocItem, seen: &Seen) {
    match shard.get_mut(&item.hash) {
        Some(e) => {
            e.documents += 1;
            e.count = e.count.saturating_add(item.count);
            if e.text.is_none() {
                e.text = Some(e.first_text.take().unwrap_or_else(|| doc.slice(item)));
            }
            if let Some(places) = e.places.as_mut()
                && places.len() < seen.places
            {
                let mut grown = places.to_vec();
                grown.push((seen.doc_number, item.line));
                *places = grown.into_boxed_slice();
            }
        }
        None => {
            shard.insert(
                item.hash,
                Entry {
                    documents: 1,
                    count: item.count,
                    delta: seen.doc_number.checked_div(seen.bucket).unwrap_or(0),
                    text: None,
                    first_text: seen.keep_first.then(|| doc.slice(item)),
                    places: (seen.places > 0).then(|| first_place(seen.doc_number, item.line)),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::hash::hash_str;

    /// A document whose items are the given texts, laid out one after another.
    fn doc(items: &[(&str, u32)]) -> DocItems {
        let mut text = String::new();
        let mut d = DocItems::default();
        for &(t, c) in items {
            let start = text.len() as u32;
            text.push_str(t);
            d.items.push(DocItem {
                hash: hash_str(t),
                count: c,
                start,
                end: text.len() as u32,
                line: 1,
            });
        }
        d.text = text.into();
        d
    }

    #[test]
    fn counts_documents_and_occurrences() {
        let mut t = DocFreqTable::new(0);
        t.add_batch(&[doc(&[("甲", 2), ("乙", 1)]), doc(&[("甲", 3)])]);
        t.add_batch(&[doc(&[("乙", 1), ("甲", 1)]), DocItems::default()]);
        let f = t.frequent(2);
        let got: Vec<(&str, u32, u32)> =
            f.iter().map(|(s, e)| (*s, e.documents, e.count)).collect();
        assert_eq!(got, vec![("甲", 3, 6), ("乙", 2, 2)]);
        assert_eq!(t.documents(), 4);
    }

    #[test]
    fn pruning_keeps_frequent_items_and_bounds_size() {
        let mut t = DocFreqTable::new(10);
        for batch in 0..20 {
            let docs: Vec<DocItems> = (0..10)
                .map(|i| {
                    let rare = format!("rare-{batch}-{i}");
                    doc(&[("common", 1), (rare.as_str(), 1)])
                })
                .collect();
            t.add_batch(&docs);
            t.prune();
        }
        assert_eq!(t.documents(), 200);
        // Every rare item was pruned; the common one is exact.
        assert_eq!(t.len(), 1);
        let f = t.frequent(1);
        assert_eq!((f[0].0, f[0].1.documents), ("common", 200));
    }

    #[test]
    fn places_are_the_first_documents_in_order() {
        let mut t = DocFreqTable::new(0);
        t.keep_places(2);
        t.add_batch(&[doc(&[("甲", 1)]), doc(&[("乙", 1)]), doc(&[("甲", 1)])]);
        t.add_batch(&[doc(&[("甲", 1)])]);
        let f = t.frequent(1);
        let places: Vec<(&str, &[(u32, u32)])> = f.iter().map(|(s, e)| (*s, e.places())).collect();
        // 甲 is in documents 0, 2 and 3: two places kept, the total is `documents`.
        assert_eq!(
            places,
            vec![("甲", &[(0, 1), (2, 1)][..]), ("乙", &[(1, 1)][..])]
        );
        assert_eq!(f[0].1.documents, 3);
        let mut plain = DocFreqTable::new(0);
        plain.add_batch(&[doc(&[("甲", 1)])]);
        assert!(plain.frequent(1)[0].1.places().is_empty());
    }

    #[test]
    fn result_does_not_depend_on_batching() {
        let docs: Vec<DocItems> = (0..50)
            .map(|i| doc(&[("a", 1), (if i % 3 == 0 { "b" } else { "c" }, 2)]))
            .collect();
        let mut one = DocFreqTable::new(0);
        one.add_batch(&docs);
        let mut many = DocFreqTable::new(0);
        for chunk in docs.chunks(7) {
            many.add_batch(chunk);
        }
        let a: Vec<_> = one
            .frequent(1)
            .iter()
            .map(|(s, e)| (s.to_string(), e.documents, e.count))
            .collect();
        let b: Vec<_> = many
            .frequent(1)
            .iter()
            .map(|(s, e)| (s.to_string(), e.documents, e.count))
            .collect();
        assert_eq!(a, b);
    }
}
