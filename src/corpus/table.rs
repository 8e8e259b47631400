//! A bounded document-frequency table for corpus-wide counting.
//!
//! Each document contributes a *set* of item hashes (an item counts once per
//! document for `documents`, every time for `count`). Memory is bounded by pruning
//! with lossy counting (Manku & Motwani): at every multiple of `bucket` documents
//! (the `k`-th boundary), entries whose document frequency plus their possible
//! undercount is at most `k` are dropped. An item's reported document frequency is
//! then at most `documents_seen / bucket` below the truth, and any item in more than
//! that many documents survives. The table is split into shards that are merged in
//! parallel. What must stay true: the result depends only on the sequence of
//! documents, never on thread scheduling or on how they were cut into batches —
//! pruning happens exactly at the boundaries, whatever the batches.
//!
//! **Merging** two tables (of disjoint sets of documents) adds their counts. An item
//! one table holds and the other does not may have been pruned from the other, where
//! it occurred at most that table's `documents / bucket` times: that bound joins the
//! item's possible undercount. Since ⌊a/b⌋ + ⌊c/b⌋ ≤ ⌊(a+c)/b⌋, every undercount of
//! the merged table stays within its own `documents / bucket`, so the merged table
//! is pruned with that threshold and keeps the guarantee of a table that saw all the
//! documents itself. Merging is commutative (the same table whatever the order of the
//! operands); when no entry reaches the pruning threshold it is also associative.
//!
//! A table can also remember *where* an item was seen: the first few documents (the
//! first by path, through the `before` order the caller gives; in the order added
//! when that is path order) and the line in each, so a shared sentence can name the
//! documents that share it.

// Keys are already well-mixed 64-bit hashes: Fx hashing them again is cheap and enough.
use rustc_hash::FxHashMap as HashMap;

use std::sync::Arc;

use rayon::prelude::*;

/// Number of shards; a power of two so the shard is a few hash bits.
pub const SHARDS: usize = 64;

/// One counted item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Documents containing the item (may undercount by at most `delta`).
    pub documents: u32,
    /// Total occurrences counted.
    pub count: u32,
    /// The largest undercount possible (buckets elapsed before the item was first seen).
    pub delta: u32,
    /// The item's text, kept from its first sighting (a table that is to be merged
    /// needs the text of items seen once: the other table may have them too).
    pub text: Box<str>,
    /// `(document number, line)` of the first documents seen with the item (since
    /// it was last pruned), when the table keeps places.
    // A boxed slice, not a Vec: eight bytes in every entry of a table that may hold
    // millions, and only the first few documents are ever pushed.
    places: Option<Box<[(u32, u32)]>>,
}

impl Entry {
    /// A table entry as read back from a saved state.
    pub fn new(
        documents: u32,
        count: u32,
        delta: u32,
        text: Box<str>,
        places: Vec<(u32, u32)>,
    ) -> Self {
        Entry {
            documents,
            count,
            delta,
            text,
            places: (!places.is_empty()).then(|| places.into_boxed_slice()),
        }
    }

    /// `(document number, line)` of the first documents that hold the item, in path
    /// order; at most the table's `places` of them.
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
/// Item texts are sliced out of `text` only when the table needs them (the first
/// time an item is seen), so a document's thousands of n-grams that the table
/// already holds cost no allocation.
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

/// Whether the document numbered `a` comes before the one numbered `b` (in path
/// order): which documents a full list of places keeps.
pub type Before<'a> = &'a (dyn Fn(u32, u32) -> bool + Sync);

/// Documents in the order they were added: what [`Before`] is when they come in
/// path order.
pub fn added_order(a: u32, b: u32) -> bool {
    a < b
}

/// A sharded, pruned document-frequency table.
#[derive(Debug, Clone)]
pub struct DocFreqTable {
    shards: Vec<HashMap<u64, Entry>>,
    bucket: u32,
    documents: u32,
    /// The most an item this table does not hold can have occurred in its
    /// documents: the last pruning threshold, or while tables are being merged, the
    /// sum of theirs.
    absent: u32,
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
            absent: 0,
            places: 0,
        }
    }

    /// Also keeps, per item, the document number and line of its first `places`
    /// documents.
    pub fn keep_places(&mut self, places: usize) {
        self.places = places;
    }

    /// Places kept per item.
    pub fn places_kept(&self) -> usize {
        self.places
    }

    /// The pruning bucket (documents; 0: never pruned).
    pub fn bucket(&self) -> u32 {
        self.bucket
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

    /// Every entry with its hash, in hash order (a canonical order for saving).
    pub fn entries(&self) -> Vec<(u64, &Entry)> {
        let mut all: Vec<(u64, &Entry)> = self
            .shards
            .iter()
            .flat_map(|s| s.iter().map(|(&h, e)| (h, e)))
            .collect();
        all.sort_unstable_by_key(|&(h, _)| h);
        all
    }

    /// A table read back from a saved state: `documents` seen, and its entries.
    pub fn from_entries(
        bucket: u32,
        places: usize,
        documents: u32,
        entries: impl IntoIterator<Item = (u64, Entry)>,
    ) -> Self {
        let mut table = DocFreqTable::new(bucket);
        table.places = places;
        table.documents = documents;
        // A saved table was pruned at its own bound, at a boundary or by a merge.
        table.absent = table.max_undercount();
        for (hash, entry) in entries {
            table.shards[shard_of(hash)].insert(hash, entry);
        }
        table
    }

    /// Adds documents (each a set of distinct items) in order, numbered from
    /// [`documents`](Self::documents) on; prunes at every bucket boundary they cross.
    /// `before` orders documents by number for the lists of places.
    pub fn add_batch(&mut self, docs: &[DocItems], before: Before<'_>) {
        let mut rest = docs;
        while !rest.is_empty() {
            // Up to the next boundary, so pruning happens exactly there.
            let room = match self.bucket {
                0 => rest.len(),
                b => (b - self.documents % b) as usize,
            };
            let (now, later) = rest.split_at(room.min(rest.len()));
            self.add_segment(now, before);
            if self.bucket > 0 && self.documents.is_multiple_of(self.bucket) {
                self.prune();
            }
            rest = later;
        }
    }

    /// Adds documents that cross no bucket boundary.
    fn add_segment(&mut self, docs: &[DocItems], before: Before<'_>) {
        // Items are routed to shards, then each shard merges its items on its own
        // thread; the order inside a shard is the document order, so the result is
        // exactly what a serial run would give.
        let mut routed: Vec<Vec<(u32, &DocItem)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (i, doc) in docs.iter().enumerate() {
            for item in &doc.items {
                routed[shard_of(item.hash)].push((i as u32, item));
            }
        }
        let first = self.documents;
        // Every document of the segment is in the same bucket.
        let delta = first.checked_div(self.bucket).unwrap_or(0);
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
                        delta,
                        places,
                    };
                    add_item(shard, doc, item, &seen, before);
                }
            });
        self.documents = first.saturating_add(docs.len() as u32);
    }

    /// Drops entries that cannot reach `documents_seen / bucket` any more.
    fn prune(&mut self) {
        let threshold = self.max_undercount();
        self.absent = threshold;
        if threshold == 0 {
            return;
        }
        self.shards.par_iter_mut().for_each(|shard| {
            shard.retain(|_, e| e.documents + e.delta > threshold);
        });
    }

    /// Renumbers the documents of the places (`new[old]`) and keeps each list in
    /// `before` order.
    pub fn renumber(&mut self, new: &[u32], before: Before<'_>) {
        self.shards.par_iter_mut().for_each(|shard| {
            for e in shard.values_mut() {
                if let Some(places) = e.places.as_mut() {
                    for p in places.iter_mut() {
                        p.0 = new.get(p.0 as usize).copied().unwrap_or(p.0);
                    }
                    sort_places(places, before);
                }
            }
        });
    }

    /// Adds `other`, a table of other documents whose places are already numbered
    /// as this table's (see [`renumber`](Self::renumber)), without pruning: the
    /// sums of counts, and of undercounts with each table's bound standing in for
    /// the items it does not hold. [`prune_merged`](Self::prune_merged) ends a merge.
    pub fn absorb(&mut self, other: DocFreqTable, before: Before<'_>) {
        // Each table's own bound, not the bound of their sum: a fold of many tables
        // then gives the same undercounts in any order.
        let (mine, theirs) = (self.absent, other.absent);
        let places = self.places.max(other.places);
        self.shards
            .par_iter_mut()
            .zip(other.shards.into_par_iter())
            .for_each(|(shard, other)| {
                for e in shard.values_mut() {
                    // Held here; the other table's bound until it turns out to hold it.
                    e.delta = e.delta.saturating_add(theirs);
                }
                for (hash, o) in other {
                    match shard.get_mut(&hash) {
                        Some(e) => {
                            e.documents = e.documents.saturating_add(o.documents);
                            e.count = e.count.saturating_add(o.count);
                            e.delta = e.delta.saturating_sub(theirs).saturating_add(o.delta);
                            // Equal unless two texts share a hash: keep the smaller, so
                            // the result does not depend on which table came first.
                            if o.text < e.text {
                                e.text = o.text;
                            }
                            e.places = join_places(e.places.take(), o.places, places, before);
                        }
                        None => {
                            let mut o = o;
                            o.delta = o.delta.saturating_add(mine);
                            shard.insert(hash, o);
                        }
                    }
                }
            });
        self.documents = self.documents.saturating_add(other.documents);
        self.absent = mine.saturating_add(theirs);
        self.places = places;
    }

    /// Ends a merge: prunes with the merged table's own bound.
    pub fn prune_merged(&mut self) {
        self.prune();
    }

    /// Entries with at least `min_documents` documents, with their text.
    pub fn frequent(&self, min_documents: u32) -> Vec<(&str, &Entry)> {
        let mut out: Vec<(&str, &Entry)> = self
            .shards
            .iter()
            .flat_map(|s| s.values())
            .filter(|e| e.documents >= min_documents)
            .map(|e| (&*e.text, e))
            .collect();
        out.sort_by(|a, b| {
            b.1.documents
                .cmp(&a.1.documents)
                .then(b.1.count.cmp(&a.1.count))
                .then(a.0.cmp(b.0))
        });
        out
    }
}

fn shard_of(hash: u64) -> usize {
    (hash >> 58) as usize % SHARDS
}

/// Where a document's items are merged: its number, the undercount a new entry
/// starts with, and the places kept.
struct Seen {
    doc_number: u32,
    delta: u32,
    places: usize,
}

fn add_item(
    shard: &mut HashMap<u64, Entry>,
    doc: &DocItems,
    item: &DocItem,
    seen: &Seen,
    before: Before<'_>,
) {
    match shard.get_mut(&item.hash) {
        Some(e) => {
            e.documents += 1;
            e.count = e.count.saturating_add(item.count);
            if seen.places > 0 {
                let place = (seen.doc_number, item.line);
                e.places = join_places(
                    e.places.take(),
                    Some(Box::new([place])),
                    seen.places,
                    before,
                );
            }
        }
        None => {
            shard.insert(
                item.hash,
                Entry {
                    documents: 1,
                    count: item.count,
                    delta: seen.delta,
                    text: doc.slice(item),
                    places: (seen.places > 0)
                        .then(|| Box::new([(seen.doc_number, item.line)]) as Box<[(u32, u32)]>),
                },
            );
        }
    }
}

/// The first `limit` places of two lists, each in `before` order, in that order.
fn join_places(
    a: Option<Box<[(u32, u32)]>>,
    b: Option<Box<[(u32, u32)]>>,
    limit: usize,
    before: Before<'_>,
) -> Option<Box<[(u32, u32)]>> {
    let (a, b) = match (a, b) {
        (None, b) => return b,
        (a, None) => return a,
        (Some(a), Some(b)) => (a, b),
    };
    // Documents mostly come in path order: the new place goes after the last.
    if a.len() >= limit && b.first().is_none_or(|f| !before(f.0, a[a.len() - 1].0)) {
        return Some(a);
    }
    let mut joined: Vec<(u32, u32)> = Vec::with_capacity((a.len() + b.len()).min(limit));
    let (mut i, mut j) = (0, 0);
    while joined.len() < limit && (i < a.len() || j < b.len()) {
        let take_b = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => before(y.0, x.0),
            (None, _) => true,
            (_, None) => false,
        };
        if take_b {
            joined.push(b[j]);
            j += 1;
        } else {
            joined.push(a[i]);
            i += 1;
        }
    }
    Some(joined.into_boxed_slice())
}

fn sort_places(places: &mut [(u32, u32)], before: Before<'_>) {
    places.sort_by(|x, y| {
        if before(x.0, y.0) {
            std::cmp::Ordering::Less
        } else if before(y.0, x.0) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
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
        t.add_batch(
            &[doc(&[("甲", 2), ("乙", 1)]), doc(&[("甲", 3)])],
            &added_order,
        );
        t.add_batch(
            &[doc(&[("乙", 1), ("甲", 1)]), DocItems::default()],
            &added_order,
        );
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
            t.add_batch(&docs, &added_order);
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
        t.add_batch(
            &[doc(&[("甲", 1)]), doc(&[("乙", 1)]), doc(&[("甲", 1)])],
            &added_order,
        );
        t.add_batch(&[doc(&[("甲", 1)])], &added_order);
        let f = t.frequent(1);
        let places: Vec<(&str, &[(u32, u32)])> = f.iter().map(|(s, e)| (*s, e.places())).collect();
        // 甲 is in documents 0, 2 and 3: two places kept, the total is `documents`.
        assert_eq!(
            places,
            vec![("甲", &[(0, 1), (2, 1)][..]), ("乙", &[(1, 1)][..])]
        );
        assert_eq!(f[0].1.documents, 3);
        let mut plain = DocFreqTable::new(0);
        plain.add_batch(&[doc(&[("甲", 1)])], &added_order);
        assert!(plain.frequent(1)[0].1.places().is_empty());
    }

    /// Every field of every entry, in hash order.
    fn dump(t: &DocFreqTable) -> Vec<(u64, Entry)> {
        t.entries()
            .into_iter()
            .map(|(h, e)| (h, e.clone()))
            .collect()
    }

    /// A document of common, uncommon and rare items: `i` picks which.
    fn mixed(i: usize) -> DocItems {
        let uncommon = format!("uncommon-{}", i % 7);
        let rare = format!("rare-{i}");
        let mut items = vec![("common", 1 + (i % 3) as u32), (rare.as_str(), 1)];
        if i.is_multiple_of(2) {
            items.push((uncommon.as_str(), 2));
        }
        doc(&items)
    }

    /// Pruning happens at the bucket boundaries whatever the batches: the same
    /// entries, counts, undercounts and places for any cut.
    #[test]
    fn result_does_not_depend_on_batching() {
        let docs: Vec<DocItems> = (0..95).map(mixed).collect();
        let run = |cut: usize| {
            let mut t = DocFreqTable::new(10);
            t.keep_places(3);
            for chunk in docs.chunks(cut) {
                t.add_batch(chunk, &added_order);
            }
            dump(&t)
        };
        let one = run(95);
        for cut in [1, 3, 7, 10, 32] {
            assert_eq!(run(cut), one, "batches of {cut}");
        }
    }

    /// Places are the first documents in `before` order, whatever order they were
    /// added in.
    #[test]
    fn places_follow_the_given_order() {
        // Documents 0..6 added in this order; their path order is the reverse.
        let docs: Vec<DocItems> = (0..6).map(|_| doc(&[("甲", 1)])).collect();
        let mut t = DocFreqTable::new(0);
        t.keep_places(2);
        t.add_batch(&docs, &|a, b| a > b);
        let got: Vec<u32> = t.frequent(1)[0].1.places().iter().map(|p| p.0).collect();
        assert_eq!(got, vec![5, 4]);
    }

    /// Tables of two halves, merged, hold exactly what one table of all the
    /// documents holds when nothing is pruned; places are renumbered.
    #[test]
    fn merged_halves_equal_one_table() {
        let docs: Vec<DocItems> = (0..40).map(mixed).collect();
        let mut one = DocFreqTable::new(0);
        one.keep_places(4);
        one.add_batch(&docs, &added_order);
        // Even documents in one table, odd in the other (each numbered from 0).
        let half = |odd: usize| {
            let mine: Vec<DocItems> = docs.iter().skip(odd).step_by(2).cloned().collect();
            let mut t = DocFreqTable::new(0);
            t.keep_places(4);
            t.add_batch(&mine, &added_order);
            t
        };
        let merge = |first: usize| {
            let (mut a, mut b) = (half(first), half(1 - first));
            // Local number k of half `h` is document 2k + h.
            let number = |h: usize| -> Vec<u32> { (0..20).map(|k| (2 * k + h) as u32).collect() };
            a.renumber(&number(first), &added_order);
            b.renumber(&number(1 - first), &added_order);
            a.absorb(b, &added_order);
            a.prune_merged();
            a
        };
        assert_eq!(dump(&merge(0)), dump(&one));
        assert_eq!(dump(&merge(1)), dump(&one));
        assert_eq!(merge(0).documents(), 40);
    }

    /// With pruning, a merged table's counts stay within its bound of the truth,
    /// and every item above the bound is kept.
    #[test]
    fn merged_pruned_tables_stay_within_the_bound() {
        let docs: Vec<DocItems> = (0..230).map(mixed).collect();
        let mut exact = DocFreqTable::new(0);
        exact.add_batch(&docs, &added_order);
        for cut in [17usize, 100, 115, 190] {
            let mut a = DocFreqTable::new(10);
            a.add_batch(&docs[..cut], &added_order);
            let mut b = DocFreqTable::new(10);
            b.add_batch(&docs[cut..], &added_order);
            let numbers: Vec<u32> = (cut as u32..230).collect();
            b.renumber(&numbers, &added_order);
            a.absorb(b, &added_order);
            a.prune_merged();
            let bound = a.max_undercount();
            assert_eq!(bound, 23);
            for (text, truth) in exact.frequent(1) {
                let got = a
                    .frequent(1)
                    .into_iter()
                    .find(|(t, _)| *t == text)
                    .map_or(0, |(_, e)| e.documents);
                assert!(
                    got <= truth.documents,
                    "{text}: {got} > {}",
                    truth.documents
                );
                assert!(got + bound >= truth.documents, "{text}: {got} + {bound}");
                assert!(truth.documents <= bound || got > 0, "{text} lost");
            }
        }
    }
}
