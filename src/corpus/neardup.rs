//! Near-duplicate documents: reports copied from one another or filled in from the
//! same template, found cluster first in time that grows with the number of
//! documents, not with the number of similar pairs.
//!
//! **Similarity** is the Jaccard index of character 5-gram shingles of a normalised
//! text: whitespace, punctuation, digits and placeholder characters (`X x × Ｘ ｘ 某
//! ○ _ ＿`) are removed, so `XX厅开展X次` and `省厅开展12次` shingle alike except for
//! the names filled in. Every similarity reported is exact: computed from the
//! shingles of both texts, never estimated.
//!
//! **Stages.**
//! 1. *Candidates* (signatures only). Each document has a one-permutation MinHash
//!    signature of [`BINS`] values, cut into [`BANDS`] bands (LSH). Documents that
//!    share a band value and whose signatures *estimate* a similarity of at least
//!    `threshold − margin` ([`margin`]) are joined with union-find. In a bucket of
//!    more than [`ALL_PAIRS_BUCKET`] documents (a template copied hundreds of times)
//!    each document is compared with the bucket's *leaders* — the documents unlike
//!    every earlier leader — instead of with every other document, so a bucket of
//!    `k` copies of one text costs `k` estimates, not `k²/2`. The result is groups of
//!    documents; nothing is cut or capped.
//! 2. *Representatives* (signatures only). Inside a group, documents are ordered by
//!    how central they are: their mean estimated similarity to up to
//!    [`CENTRALITY_SAMPLE`] members spread evenly over the group (all members in a
//!    smaller group). Members within [`CENTRALITY_TIE`] of the most central are
//!    equally central — the copies of one template differ by less than the
//!    estimate's noise — and among them the one with the most unfilled slots comes
//!    first: the template, when the archive holds it (it is also the member most like
//!    every filled copy: it holds their common text and no one unit's names). Then
//!    the more central, then path order. The first document is the first
//!    representative.
//! 3. *Verification* (one read per document). Documents are re-read in that order,
//!    each once. A document is compared exactly with every *kept* document whose
//!    signature estimate passes `threshold − margin`; it joins the cluster of the
//!    representative it is most similar to (exact similarity ≥ threshold), or else
//!    becomes a new representative. Representatives are kept in memory (text,
//!    shingles and their index, about 50 bytes a character); in groups of at most [`SMALL_GROUP`]
//!    documents every member is kept, so there every pair is verified. When the
//!    kept documents of one group pass [`KEEP_BUDGET_CHARS`], the documents that
//!    match no kept representative wait for a further pass (read once more each) — so
//!    memory stays bounded whatever the archive.
//!
//! **What is reported.** A cluster is a representative and the documents verified to
//! be near-duplicates of it, each with its exact similarity. A pair is listed when it
//! was verified: a member with a kept document (its representative, another
//! representative, or in a small group any member). Two members of one large
//! cluster are not compared with each other — that would be quadratic — but
//! Jaccard distance is a metric, so their similarity is at least `s_a + s_b − 1`;
//! [`Cluster::pairs_at_least`] counts the pairs this proves (all `k(k−1)/2` for `k`
//! identical copies).
//!
//! **What can be missed, and how likely.** The signature estimate is only a filter.
//! With 128 values its standard error is at most `√(J(1−J)/128)` ≤ 0.045, and a pair
//! of similarity `J ≥ threshold` is filtered out only when its estimate is more than
//! `margin` (0.2 at the default threshold) below `J`: by Hoeffding's bound at most
//! `exp(−2·128·margin²)` ≈ 4·10⁻⁵, in practice ≈ 3·10⁻⁶ (4.5 standard errors). A pair
//! is never a candidate when the two signatures share no band: at similarity 0.5
//! the chance is (1 − 0.5⁴)³² ≈ 0.13%, at 0.7 it is 10⁻¹¹ — but a document that is
//! one of many copies needs only to share a band with *one* of them to join their
//! group. In a bucket of more than [`ALL_PAIRS_BUCKET`] documents a tight group is
//! found whole; a loose chain (A like B, B like C, C unlike A) may be cut at a
//! leader. The unit tests measure the estimate's error on generated pairs.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::hash::{hash_bytes, hash_str, mix};
use crate::document::{LineIndex, Span};

/// Chars in a shingle.
pub const SHINGLE_CHARS: usize = 5;
/// Values in a signature.
pub const BINS: usize = 128;
/// LSH bands; `BINS / BANDS` rows each.
pub const BANDS: usize = 32;
const ROWS: usize = BINS / BANDS;
/// Largest margin below the threshold at which a signature estimate still makes a
/// candidate: over four standard errors of a 128-value estimate.
pub const ESTIMATE_MARGIN: f64 = 0.2;
/// LSH buckets up to this size compare every pair; larger ones compare each
/// document with the bucket's leaders.
pub const ALL_PAIRS_BUCKET: usize = 64;
/// Groups up to this size keep every member in memory, so every pair is verified.
pub const SMALL_GROUP: usize = 32;
/// Members a document's centrality is measured against.
pub const CENTRALITY_SAMPLE: usize = 64;
/// Members whose mean estimated similarity to the sample is this close to the
/// highest count as equally central: about one standard error of an estimate, the
/// noise that otherwise decides between the copies of one template.
pub const CENTRALITY_TIE: f64 = 0.05;
/// Normalised chars of kept documents one group may hold in memory per pass
/// (about 50 bytes each: 100 MB; a thousand representatives of 2 000 chars).
pub const KEEP_BUDGET_CHARS: usize = 2_000_000;
/// Documents read and shingled in parallel at a time during verification.
const CHUNK: usize = 64;
/// Shared passages listed per pair or member.
pub const PASSAGES: usize = 3;
/// Fewest normalised chars a shared passage must have.
pub const MIN_PASSAGE_CHARS: usize = 12;
/// Chars of a passage quoted in its excerpt.
pub const EXCERPT_CHARS: usize = 40;
/// Documents listed by name when they could not be re-read for verification.
pub const UNVERIFIABLE_LISTED: usize = 100;
/// How a cluster's representative is chosen, as written in the report.
pub const REPRESENTATIVE_RULE: &str = "most-central";

/// A MinHash signature; empty for texts too short to shingle.
pub type Signature = Vec<u32>;

/// What near-duplicate search keeps of each document between analysis and
/// verification: 512 bytes and a few numbers, never the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sketch {
    /// MinHash signature of the shingles.
    pub signature: Signature,
    /// Hash of the decoded text, to notice a file that changed before it was re-read.
    pub text_hash: u64,
    /// Unfilled slots (a tie-break for the representative: the template has most).
    pub slots: u32,
}

impl Sketch {
    /// The sketch of a text with `slots` unfilled slots.
    pub fn of(text: &str, slots: usize) -> Self {
        Sketch {
            signature: signature(text),
            text_hash: hash_str(text),
            slots: u32::try_from(slots).unwrap_or(u32::MAX),
        }
    }
}

/// Settings of the near-duplicate search.
#[derive(Debug, Clone, Copy)]
pub struct NearDupOptions {
    /// Least exact similarity of a near-duplicate.
    pub threshold: f64,
    /// Pairs listed (the most similar first); the total is always reported.
    pub max_pairs: usize,
}

impl Default for NearDupOptions {
    fn default() -> Self {
        NearDupOptions {
            threshold: 0.5,
            max_pairs: 1000,
        }
    }
}

/// The margin below `threshold` at which an estimate still makes a candidate:
/// [`ESTIMATE_MARGIN`], or half the threshold when that is smaller, so a low
/// threshold does not turn every document into a candidate of every other.
pub fn margin(threshold: f64) -> f64 {
    ESTIMATE_MARGIN.min(threshold / 2.0)
}

fn keeps(c: char) -> bool {
    // Common CJK ideographs are letters and not numbers, ASCII is simple: decide
    // those without the slower Unicode property tables.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c != '某';
    }
    if c.is_ascii() {
        return c.is_ascii_alphabetic() && !matches!(c, 'X' | 'x');
    }
    // The punctuation of nearly every sentence, before the property tables.
    if matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '“'
            | '”'
            | '（'
            | '）'
            | '《'
            | '》'
            | '！'
            | '？'
            | '—'
            | '…'
            | '·'
            | '　'
            | '‘'
            | '’'
            | '【'
            | '】'
    ) {
        return false;
    }
    c.is_alphanumeric() && !c.is_numeric() && !matches!(c, '×' | 'Ｘ' | 'ｘ' | '○')
}

/// The text reduced to what shingles count: letters and CJK ideographs only.
pub fn normalize(text: &str) -> Vec<char> {
    text.chars().filter(|&c| keeps(c)).collect()
}

/// [`normalize`], with the byte offset of each kept char in `text`.
fn normalize_with_offsets(text: &str) -> (Vec<char>, Vec<u32>) {
    let mut chars = Vec::with_capacity(text.len() / 3);
    let mut offsets = Vec::with_capacity(text.len() / 3);
    for (i, c) in text.char_indices() {
        if keeps(c) {
            chars.push(c);
            offsets.push(i as u32);
        }
    }
    (chars, offsets)
}

/// Multiplier of the rolling shingle hash (odd, well mixed).
const ROLL: u64 = 0x9E37_79B9_7F4A_7C15;

/// The shingle hash at each position of a normalised text: a polynomial of the
/// window's chars, rolled one char at a time, then mixed — one multiply-add and
/// one finaliser per shingle instead of hashing its bytes.
fn shingle_sequence(chars: &[char]) -> Vec<u64> {
    if chars.len() < SHINGLE_CHARS {
        return Vec::new();
    }
    let top = ROLL.wrapping_pow(SHINGLE_CHARS as u32 - 1);
    let value = |c: char| u64::from(c) + 1;
    let mut h = chars[..SHINGLE_CHARS]
        .iter()
        .fold(0u64, |h, &c| h.wrapping_mul(ROLL).wrapping_add(value(c)));
    let mut out = Vec::with_capacity(chars.len() - SHINGLE_CHARS + 1);
    out.push(mix(h));
    for i in SHINGLE_CHARS..chars.len() {
        h = h
            .wrapping_sub(value(chars[i - SHINGLE_CHARS]).wrapping_mul(top))
            .wrapping_mul(ROLL)
            .wrapping_add(value(chars[i]));
        out.push(mix(h));
    }
    out
}

/// Distinct shingle hashes of a normalised text, sorted.
pub fn shingles(chars: &[char]) -> Vec<u64> {
    let mut out = shingle_sequence(chars);
    out.sort_unstable();
    out.dedup();
    out
}

/// The one-permutation MinHash signature of a text.
pub fn signature(text: &str) -> Signature {
    // A minimum does not care how often a value occurs: no need to sort or dedup.
    let sh = shingle_sequence(&normalize(text));
    if sh.is_empty() {
        return Vec::new();
    }
    let mut bins = [u32::MAX; BINS];
    let mut filled = [false; BINS];
    for h in sh {
        let m = mix(h);
        let bin = (m >> 57) as usize % BINS;
        let value = m as u32;
        if value <= bins[bin] {
            bins[bin] = value;
            filled[bin] = true;
        }
    }
    // Densification: an empty bin borrows the next filled bin's value, salted by
    // the distance, so two texts' empty bins agree exactly when their sources do.
    let sig: Vec<u32> = (0..BINS)
        .map(|i| {
            if filled[i] {
                return bins[i];
            }
            (1..BINS)
                .map(|d| (d, (i + d) % BINS))
                .find(|&(_, j)| filled[j])
                .map_or(0, |(d, j)| {
                    mix(u64::from(bins[j]) ^ ((d as u64) << 32)) as u32
                })
        })
        .collect();
    sig
}

/// Signature values two signatures share (0 when either is empty).
fn agreement(a: &Signature, b: &Signature) -> usize {
    if a.len() != BINS || b.len() != BINS {
        return 0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// Estimated Jaccard similarity: the share of equal signature values.
pub fn estimate(a: &Signature, b: &Signature) -> f64 {
    agreement(a, b) as f64 / BINS as f64
}

/// Exact Jaccard similarity of two sorted, distinct shingle sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    ratio(common_count(a, b), a.len(), b.len())
}

fn ratio(common: usize, a: usize, b: usize) -> f64 {
    if a + b == 0 {
        return 0.0;
    }
    common as f64 / (a + b - common) as f64
}

/// Values two sorted, distinct lists share.
fn common_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
        common += usize::from(x == y);
    }
    common
}

/// A run of text two documents have in common.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Normalised chars in common (letters and ideographs; digits, punctuation and
    /// slots inside the passage may differ).
    pub chars: usize,
    /// Where the passage is in this document (the pair's `a`, or the member).
    pub a: Span,
    /// Where it is in the other (the pair's `b`, or the representative).
    pub b: Span,
    /// The passage's first chars as this document writes them.
    pub excerpt: String,
}

/// The longest passages two documents share, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Shared {
    /// The [`PASSAGES`] longest, longest first.
    pub passages: Vec<Passage>,
    /// Passages of [`MIN_PASSAGE_CHARS`] or more in all.
    pub total: usize,
    /// Normalised chars in all of them.
    pub chars: usize,
}

/// A verified near-duplicate pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearDuplicate {
    /// Path of the first document (in path order).
    pub a: String,
    /// Path of the second document.
    pub b: String,
    /// Exact Jaccard similarity of their shingles, rounded to 3 decimals.
    pub similarity: f64,
    /// What they share (`a` spans in the first document, `b` in the second).
    pub shared: Shared,
}

/// A document of a cluster other than its representative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The document.
    pub path: String,
    /// Exact similarity to the representative, rounded to 3 decimals.
    pub similarity: f64,
    /// What it shares with the representative (`a` in it, `b` in the representative).
    pub shared: Shared,
}

/// A representative and the documents verified to be near-duplicates of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// The representative (the most central document; see the module notes).
    pub representative: String,
    /// Documents in the cluster, the representative included.
    pub size: usize,
    /// Every document of the cluster, the representative included, in path order.
    pub documents: Vec<String>,
    /// Lowest similarity of a member to the representative.
    pub min_similarity: f64,
    /// Pairs of documents in the cluster proven to be near-duplicates: verified, or
    /// implied by the triangle inequality (`s_a + s_b − 1 ≥ threshold`).
    pub pairs_at_least: u64,
    /// Every member but the representative, most similar first.
    pub members: Vec<Member>,
}

/// How the search went: what was read, and what could not be verified.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NearDupCheck {
    /// Least similarity of a near-duplicate.
    pub threshold: f64,
    /// How representatives are chosen ([`REPRESENTATIVE_RULE`]).
    pub representative_rule: &'static str,
    /// Groups of candidate documents.
    pub groups: usize,
    /// Texts read for verification (each candidate document once, except when a
    /// large group needs a further pass).
    pub documents_read: usize,
    /// Candidate documents that could not be re-read, or had changed since they were
    /// analysed, so were not verified (the first [`UNVERIFIABLE_LISTED`]).
    pub unverifiable: Vec<String>,
    /// How many there were in all.
    pub unverifiable_total: usize,
}

/// The result of [`find`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NearDuplicates {
    /// The `max_pairs` most similar verified pairs, most similar first.
    pub pairs: Vec<NearDuplicate>,
    /// Verified pairs in all.
    pub pairs_total: usize,
    /// Clusters of two or more documents, largest first.
    pub clusters: Vec<Cluster>,
    /// How the search went.
    pub check: NearDupCheck,
}

/// Groups of documents (two or more, in index order) joined by LSH candidates whose
/// estimated similarity is at least `floor`; groups in order of their first document.
pub fn candidate_groups(sketches: &[Sketch], floor: f64) -> Vec<Vec<u32>> {
    let mut keys: Vec<(u64, u32)> = sketches
        .par_iter()
        .enumerate()
        .filter(|(_, s)| s.signature.len() == BINS)
        .flat_map_iter(|(doc, s)| {
            s.signature
                .chunks_exact(ROWS)
                .enumerate()
                .map(move |(band, rows)| {
                    let mut bytes = [0u8; 4 * ROWS + 1];
                    for (k, v) in rows.iter().enumerate() {
                        bytes[4 * k..4 * k + 4].copy_from_slice(&v.to_le_bytes());
                    }
                    bytes[4 * ROWS] = band as u8;
                    (hash_bytes(&bytes), doc as u32)
                })
        })
        .collect();
    keys.par_sort_unstable();
    // Only buckets of two or more: most are single documents, and a list of all
    // of them would cost 16 bytes a band a document.
    let buckets: Vec<&[(u64, u32)]> = keys
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|b| b.len() >= 2)
        .collect();
    let need = (floor * BINS as f64).ceil() as usize;
    let edges: Vec<(u32, u32)> = buckets
        .par_iter()
        .flat_map_iter(|bucket| bucket_edges(bucket, sketches, need))
        .collect();
    drop(keys);
    let mut parent: Vec<u32> = (0..sketches.len() as u32).collect();
    let mut linked = vec![false; sketches.len()];
    for (a, b) in edges {
        union(&mut parent, a, b);
        linked[a as usize] = true;
        linked[b as usize] = true;
    }
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut slot_of_root: Vec<u32> = vec![u32::MAX; sketches.len()];
    for doc in 0..sketches.len() as u32 {
        if !linked[doc as usize] {
            continue;
        }
        let root = find_root(&mut parent, doc) as usize;
        if slot_of_root[root] == u32::MAX {
            slot_of_root[root] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[slot_of_root[root] as usize].push(doc);
    }
    groups
}

/// Candidate links inside one LSH bucket (documents in index order): every pair in
/// a small bucket; each document with the leaders in a large one.
fn bucket_edges(bucket: &[(u64, u32)], sketches: &[Sketch], need: usize) -> Vec<(u32, u32)> {
    let sig = |d: u32| &sketches[d as usize].signature;
    let mut docs: Vec<u32> = bucket.iter().map(|&(_, d)| d).collect();
    docs.dedup();
    let mut edges = Vec::new();
    if docs.len() <= ALL_PAIRS_BUCKET {
        for (i, &a) in docs.iter().enumerate() {
            for &b in &docs[i + 1..] {
                if agreement(sig(a), sig(b)) >= need {
                    edges.push((a, b));
                }
            }
        }
        return edges;
    }
    let mut leaders: Vec<u32> = Vec::new();
    for &d in &docs {
        let before = edges.len();
        for &l in &leaders {
            if agreement(sig(l), sig(d)) >= need {
                edges.push((l, d));
            }
        }
        if edges.len() == before {
            leaders.push(d);
        }
    }
    edges
}

fn find_root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        // Path halving keeps later look-ups short.
        let grand = parent[parent[x as usize] as usize];
        parent[x as usize] = grand;
        x = grand;
    }
    x
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find_root(parent, a), find_root(parent, b));
    if ra != rb {
        // The smaller index becomes the root, so groups do not depend on edge order.
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi as usize] = lo;
    }
}

/// A group's members, most central first (see the module notes).
pub fn centrality_order(group: &[u32], sketches: &[Sketch]) -> Vec<u32> {
    let n = group.len();
    let sample: Vec<u32> = if n <= CENTRALITY_SAMPLE {
        group.to_vec()
    } else {
        (0..CENTRALITY_SAMPLE)
            .map(|k| group[k * n / CENTRALITY_SAMPLE])
            .collect()
    };
    // (mean estimated similarity to the sample, unfilled slots, document)
    let mut scored: Vec<(f64, u32, u32)> = group
        .par_iter()
        .map(|&d| {
            let own = &sketches[d as usize].signature;
            let (mut agree, mut others) = (0usize, 0usize);
            for &s in sample.iter().filter(|&&s| s != d) {
                agree += agreement(own, &sketches[s as usize].signature);
                others += 1;
            }
            let mean = agree as f64 / (others.max(1) * BINS) as f64;
            (mean, sketches[d as usize].slots, d)
        })
        .collect();
    let top = scored.iter().map(|s| s.0).fold(0.0, f64::max);
    let tier = |mean: f64| mean < top - CENTRALITY_TIE;
    scored.sort_by(|a, b| {
        tier(a.0)
            .cmp(&tier(b.0))
            .then(b.1.cmp(&a.1))
            .then(b.0.total_cmp(&a.0))
            .then(a.2.cmp(&b.2))
    });
    scored.into_iter().map(|(_, _, d)| d).collect()
}

/// A document re-read for verification: its shingles in order and as a set, where
/// each normalised char sits in the text, and the text for positions and excerpts.
struct Prepared {
    doc: u32,
    text: String,
    lines: LineIndex,
    /// Byte offset of each normalised char.
    offsets: Vec<u32>,
    /// Shingle hash at each normalised position.
    sequence: Vec<u64>,
    /// Distinct shingle hashes, sorted.
    set: Vec<u64>,
    /// Shingle hash → first position; built only when the document is kept, since
    /// only kept documents are looked up.
    first: HashMap<u64, u32>,
}

impl Prepared {
    fn new(doc: u32, text: String) -> Self {
        let (chars, offsets) = normalize_with_offsets(&text);
        let sequence = shingle_sequence(&chars);
        let mut set = sequence.clone();
        set.sort_unstable();
        set.dedup();
        let lines = LineIndex::new(&text);
        Prepared {
            doc,
            text,
            lines,
            offsets,
            sequence,
            set,
            first: HashMap::default(),
        }
    }

    /// Makes the document ready to be compared against: indexes its shingles.
    fn keep(mut self) -> Self {
        self.first.reserve(self.set.len());
        for (i, &h) in self.sequence.iter().enumerate() {
            self.first.entry(h).or_insert(i as u32);
        }
        self
    }

    /// Memory charged to the keep budget.
    fn weight(&self) -> usize {
        self.offsets.len().max(1)
    }

    fn similarity(&self, other: &Prepared) -> f64 {
        jaccard(&self.set, &other.set)
    }

    fn first_position(&self, hash: u64) -> Option<usize> {
        self.first.get(&hash).map(|&p| p as usize)
    }

    /// The span of normalised chars `from..from + chars`.
    fn span(&self, from: usize, chars: usize) -> Span {
        let start = self.offsets[from] as usize;
        let last = self.offsets[from + chars - 1] as usize;
        let end = last + self.text[last..].chars().next().map_or(0, char::len_utf8);
        let (s, e) = (
            self.lines.position(&self.text, start),
            self.lines.position(&self.text, end),
        );
        Span {
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            byte_start: start,
            byte_end: end,
        }
    }
}

/// The runs of shingles `a` has in common with `b`, found left to right in `a`
/// (each run starts at the first place `b` has its first shingle, and extends while
/// both texts agree).
fn shared_passages(a: &Prepared, b: &Prepared) -> Shared {
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (chars, start in a, start in b)
    let (sa, sb) = (&a.sequence, &b.sequence);
    let mut i = 0;
    while i < sa.len() {
        let Some(p) = b.first_position(sa[i]) else {
            i += 1;
            continue;
        };
        let mut len = 1;
        while i + len < sa.len() && p + len < sb.len() && sa[i + len] == sb[p + len] {
            len += 1;
        }
        let chars = len + SHINGLE_CHARS - 1;
        if chars >= MIN_PASSAGE_CHARS {
            runs.push((chars, i, p));
        }
        i += len;
    }
    let total = runs.len();
    let all_chars = runs.iter().map(|r| r.0).sum();
    runs.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let passages = runs
        .into_iter()
        .take(PASSAGES)
        .map(|(chars, ia, ib)| {
            let span_a = a.span(ia, chars);
            Passage {
                chars,
                excerpt: excerpt(&a.text, &span_a),
                a: span_a,
                b: b.span(ib, chars),
            }
        })
        .collect();
    Shared {
        passages,
        total,
        chars: all_chars,
    }
}

/// A kept document: a representative, or in a small group any member.
struct Kept {
    prepared: Prepared,
    /// The cluster it represents or belongs to (index into the group's stars).
    star: usize,
    representative: bool,
}

/// One exact comparison that reached the threshold.
struct Match {
    kept: usize,
    similarity: f64,
    shared: Shared,
}

/// A document re-read and compared with the kept documents of its chunk's start.
type Verified = (Prepared, Vec<Match>);

/// A representative and its verified members (document, similarity, passages).
struct Star {
    representative: u32,
    members: Vec<(u32, f64, Shared)>,
}

/// The numbers verification works with.
#[derive(Debug, Clone, Copy)]
struct Limits {
    threshold: f64,
    /// Signature values a candidate must share.
    floor_agreement: usize,
    /// [`KEEP_BUDGET_CHARS`], smaller in tests.
    keep_budget: usize,
}

/// What verifying one group found.
#[derive(Default)]
struct GroupResult {
    stars: Vec<Star>,
    /// `(document, kept document, similarity, passages in the document)`.
    pairs: Vec<(u32, u32, f64, Shared)>,
    read: usize,
    unverifiable: Vec<u32>,
}

fn compare(p: &Prepared, kept: &[Kept], which: usize, threshold: f64) -> Option<Match> {
    let k = &kept[which].prepared;
    let similarity = p.similarity(k);
    (similarity >= threshold).then(|| Match {
        kept: which,
        similarity,
        shared: shared_passages(p, k),
    })
}

/// Verifies one group: reads each document (in centrality order), compares it with
/// the kept documents its signature makes candidates of, and builds the clusters.
fn verify_group<F>(group: &[u32], sketches: &[Sketch], limits: Limits, reread: &F) -> GroupResult
where
    F: Fn(u32) -> Option<Prepared> + Sync,
{
    let Limits {
        threshold,
        floor_agreement,
        keep_budget,
    } = limits;
    let keep_all = group.len() <= SMALL_GROUP;
    let sig = |d: u32| &sketches[d as usize].signature;
    let candidate = |a: u32, b: u32| agreement(sig(a), sig(b)) >= floor_agreement;
    let mut out = GroupResult::default();
    let mut pending = centrality_order(group, sketches);
    while !pending.is_empty() {
        let mut kept: Vec<Kept> = Vec::new();
        let mut used = 0usize;
        let mut deferred: Vec<u32> = Vec::new();
        for chunk in pending.chunks(CHUNK) {
            let snapshot = kept.len();
            let done: Vec<(u32, Option<Verified>)> = chunk
                .par_iter()
                .map(|&d| {
                    let found = reread(d).map(|p| {
                        let matches = (0..snapshot)
                            .filter(|&k| candidate(d, kept[k].prepared.doc))
                            .filter_map(|k| compare(&p, &kept, k, threshold))
                            .collect();
                        (p, matches)
                    });
                    (d, found)
                })
                .collect();
            for (d, found) in done {
                out.read += 1;
                let Some((p, mut matches)) = found else {
                    out.unverifiable.push(d);
                    continue;
                };
                // Documents kept while this chunk was being read.
                for k in snapshot..kept.len() {
                    if candidate(d, kept[k].prepared.doc) {
                        matches.extend(compare(&p, &kept, k, threshold));
                    }
                }
                let best = matches
                    .iter()
                    .filter(|m| kept[m.kept].representative)
                    .max_by(|x, y| {
                        x.similarity
                            .total_cmp(&y.similarity)
                            .then(y.kept.cmp(&x.kept))
                    })
                    .map(|m| (kept[m.kept].star, m.similarity, m.shared.clone()));
                for m in matches {
                    let other = &kept[m.kept].prepared;
                    let shared = if other.doc < d {
                        first_side(m.shared, other)
                    } else {
                        m.shared
                    };
                    out.pairs.push((d, other.doc, m.similarity, shared));
                }
                let fits = kept.is_empty() || used + p.weight() <= keep_budget;
                match best {
                    Some((star, similarity, shared)) => {
                        out.stars[star].members.push((d, similarity, shared));
                        if keep_all && fits {
                            used += p.weight();
                            kept.push(Kept {
                                prepared: p.keep(),
                                star,
                                representative: false,
                            });
                        }
                    }
                    None if fits => {
                        used += p.weight();
                        out.stars.push(Star {
                            representative: d,
                            members: Vec::new(),
                        });
                        kept.push(Kept {
                            prepared: p.keep(),
                            star: out.stars.len() - 1,
                            representative: true,
                        });
                    }
                    // No room to keep another representative: this document waits
                    // for the next pass, with the others left over.
                    None => deferred.push(d),
                }
            }
        }
        pending = deferred;
    }
    out
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Pairs of a star's documents proven near-duplicates: those the triangle
/// inequality implies (`s_a + s_b − 1 ≥ threshold`, the representative counting as
/// similarity 1), plus verified member pairs it does not imply.
fn pairs_at_least(star: &Star, verified_extra: u64, threshold: f64) -> u64 {
    let mut sims: Vec<f64> = star.members.iter().map(|m| m.1).collect();
    sims.sort_by(f64::total_cmp);
    let mut count = sims.len() as u64; // each member with the representative
    // Two pointers: for each `i`, members `j > i` with sims[i] + sims[j] ≥ 1 + t.
    let mut j = sims.len();
    for i in 0..sims.len() {
        while j > i + 1 && sims[i] + sims[j - 1] - 1.0 >= threshold {
            j -= 1;
        }
        let from = j.max(i + 1);
        count += (sims.len() - from) as u64;
    }
    count + verified_extra
}

/// Finds near-duplicates among documents `0..n`, given their sketches, re-reading
/// texts through `reread` (index → text), each at most once per pass.
pub fn find<F>(
    paths: &[String],
    sketches: &[Sketch],
    opts: &NearDupOptions,
    reread: F,
) -> NearDuplicates
where
    F: Fn(usize) -> Option<String> + Sync,
{
    let threshold = opts.threshold;
    let floor = (threshold - margin(threshold)).max(0.0);
    let floor_agreement = (floor * BINS as f64).ceil() as usize;
    let groups = candidate_groups(sketches, floor);
    let prepare = |d: u32| {
        let text = reread(d as usize)?;
        let sketch = sketches.get(d as usize)?;
        (hash_str(&text) == sketch.text_hash).then(|| Prepared::new(d, text))
    };
    // Largest groups first, so the pool is not left waiting on one at the end.
    let mut by_size: Vec<&Vec<u32>> = groups.iter().collect();
    by_size.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let limits = Limits {
        threshold,
        floor_agreement,
        keep_budget: KEEP_BUDGET_CHARS,
    };
    let results: Vec<GroupResult> = by_size
        .par_iter()
        .map(|g| verify_group(g, sketches, limits, &prepare))
        .collect();
    let name = |i: u32| paths.get(i as usize).cloned().unwrap_or_default();
    let mut check = NearDupCheck {
        threshold,
        representative_rule: REPRESENTATIVE_RULE,
        groups: groups.len(),
        ..NearDupCheck::default()
    };
    let mut pairs: Vec<(u32, u32, f64, Shared)> = Vec::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut unverifiable: Vec<u32> = Vec::new();
    for r in results {
        check.documents_read += r.read;
        unverifiable.extend(r.unverifiable);
        // Member → (its cluster, similarity to the representative): verified pairs
        // of two members that the triangle inequality does not imply add to the
        // cluster's proven pairs.
        let member_of: HashMap<u32, (usize, f64)> = r
            .stars
            .iter()
            .enumerate()
            .flat_map(|(s, star)| star.members.iter().map(move |m| (m.0, (s, m.1))))
            .collect();
        let mut extra = vec![0u64; r.stars.len()];
        for (a, b, _, _) in &r.pairs {
            if let (Some(&(sa, ya)), Some(&(sb, yb))) = (member_of.get(a), member_of.get(b))
                && sa == sb
                && ya + yb - 1.0 < threshold
            {
                extra[sa] += 1;
            }
        }
        for (s, star) in r.stars.into_iter().enumerate() {
            if star.members.is_empty() {
                continue;
            }
            clusters.push(build_cluster(star, extra[s], threshold, &name));
        }
        pairs.extend(r.pairs);
    }
    clusters.sort_by(|a, b| {
        b.size
            .cmp(&a.size)
            .then_with(|| a.representative.cmp(&b.representative))
    });
    unverifiable.sort_unstable();
    check.unverifiable_total = unverifiable.len();
    check.unverifiable = unverifiable
        .into_iter()
        .take(UNVERIFIABLE_LISTED)
        .map(name)
        .collect();
    let pairs_total = pairs.len();
    pairs.sort_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then_with(|| (x.0.min(x.1), x.0.max(x.1)).cmp(&(y.0.min(y.1), y.0.max(y.1))))
    });
    let pairs = pairs
        .into_iter()
        .take(opts.max_pairs)
        .map(|(d, k, sim, shared)| NearDuplicate {
            a: name(d.min(k)),
            b: name(d.max(k)),
            similarity: round3(sim),
            shared,
        })
        .collect();
    NearDuplicates {
        pairs,
        pairs_total,
        clusters,
        check,
    }
}

/// The same passages with `other`'s spans first and its excerpt: a pair's `a` is
/// the document that comes first in path order.
fn first_side(mut shared: Shared, other: &Prepared) -> Shared {
    for p in &mut shared.passages {
        std::mem::swap(&mut p.a, &mut p.b);
        p.excerpt = excerpt(&other.text, &p.a);
    }
    shared
}

fn excerpt(text: &str, span: &Span) -> String {
    text.get(span.byte_start..span.byte_end)
        .unwrap_or_default()
        .chars()
        .take(EXCERPT_CHARS)
        .collect()
}

fn build_cluster(star: Star, extra: u64, threshold: f64, name: &dyn Fn(u32) -> String) -> Cluster {
    let pairs = pairs_at_least(&star, extra, threshold);
    let mut members = star.members;
    members.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut docs: Vec<u32> = members.iter().map(|m| m.0).collect();
    docs.push(star.representative);
    docs.sort_unstable();
    let min = members.iter().map(|m| m.1).fold(1.0, f64::min);
    Cluster {
        representative: name(star.representative),
        size: docs.len(),
        documents: docs.into_iter().map(name).collect(),
        min_similarity: round3(min),
        pairs_at_least: pairs,
        members: members
            .into_iter()
            .map(|(d, sim, shared)| Member {
                path: name(d),
                similarity: round3(sim),
                shared,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const BASE: &str = "今年以来，我局党组坚持把理论学习摆在首要位置，认真落实中心组学习制度，全年组织集中学习十二次，开展专题研讨六次，邀请专家辅导讲座三场，党员干部的理论素养和履职能力明显提升。同时，我们坚持问题导向，深入基层开展调查研究，形成了一批有价值的调研成果。";

    /// A deterministic stream of ideographs: `n` chars from a 3 000-char alphabet,
    /// so nearly every 5-gram of a text is distinct.
    fn ideographs(seed: u64, n: usize) -> Vec<char> {
        (0..n as u64)
            .map(|i| {
                let v = (mix(seed.wrapping_mul(1_000_003) ^ i) % 3000) as u32;
                char::from_u32(0x4E00 + v).unwrap_or('一')
            })
            .collect()
    }

    /// `base` with about `share` of its chars replaced.
    fn edited(base: &[char], seed: u64, share: f64) -> String {
        base.iter()
            .enumerate()
            .map(|(i, &c)| {
                let r = mix(seed ^ (i as u64) << 20) as f64 / u64::MAX as f64;
                if r < share {
                    char::from_u32(0x7000 + (mix(seed + i as u64) % 2000) as u32).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    }

    fn run(texts: &[String], threshold: f64) -> NearDuplicates {
        let paths: Vec<String> = (0..texts.len()).map(|i| format!("d{i:04}.txt")).collect();
        let sketches: Vec<Sketch> = texts.iter().map(|t| Sketch::of(t, 0)).collect();
        let opts = NearDupOptions {
            threshold,
            max_pairs: usize::MAX,
        };
        find(&paths, &sketches, &opts, |i| texts.get(i).cloned())
    }

    #[test]
    fn normalisation_drops_slots_digits_and_punctuation() {
        let a: String = normalize("XX厅开展X次，20XX年！").into_iter().collect();
        let b: String = normalize("省厅开展12次，2023年！").into_iter().collect();
        assert_eq!(a, "厅开展次年");
        assert_eq!(b, "省厅开展次年");
    }

    #[test]
    fn jaccard_exact() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[1]), 1.0);
    }

    /// The error the module notes state, measured: over 600 generated pairs with
    /// similarities spread over (0, 1], the estimate's root-mean-square error stays
    /// within the bound for 128 values (0.045), it has no bias, and no pair is off by
    /// the candidate margin.
    #[test]
    fn estimate_error_is_within_the_stated_bound() {
        let (mut sum, mut sum_sq, mut worst, mut n) = (0.0, 0.0, 0.0f64, 0.0);
        for k in 0..600u64 {
            let base = ideographs(k, 400 + (k as usize % 7) * 150);
            let share = (k % 30) as f64 / 60.0; // 0 to 0.48 of chars edited
            let a: String = base.iter().collect();
            let b = edited(&base, k + 7, share);
            let exact = jaccard(&shingles(&normalize(&a)), &shingles(&normalize(&b)));
            let err = estimate(&signature(&a), &signature(&b)) - exact;
            sum += err;
            sum_sq += err * err;
            worst = worst.max(err.abs());
            n += 1.0;
        }
        let rms = (sum_sq / n).sqrt();
        assert!(rms <= 0.045, "rms {rms}");
        assert!((sum / n).abs() < 0.01, "bias {}", sum / n);
        assert!(worst < margin(0.5), "worst {worst}");
    }

    #[test]
    fn estimate_tracks_jaccard() {
        let edited = BASE.replace("十二次", "十五次").replace("三场", "五场");
        let other = "区委办公室认真贯彻落实上级部署要求，扎实推进各项重点任务，在服务保障、督查督办、信息报送等方面做了大量工作，为全区经济社会发展提供了有力支撑。";
        let (sa, sb, so) = (signature(BASE), signature(&edited), signature(other));
        let exact = jaccard(&shingles(&normalize(BASE)), &shingles(&normalize(&edited)));
        assert!((estimate(&sa, &sb) - exact).abs() < 0.2, "{exact}");
        assert!(estimate(&sa, &so) < 0.2);
        assert_eq!(estimate(&sa, &sa), 1.0);
    }

    #[test]
    fn finds_copies_verifies_and_clusters() {
        let texts: Vec<String> = vec![
            BASE.to_string(),
            "区委办公室认真贯彻落实上级部署要求，扎实推进各项重点任务，在服务保障、督查督办、信息报送等方面做了大量工作。".to_string(),
            BASE.replace("我局", "XX局"),
            BASE.replace("十二次", "X次"),
            "短".to_string(),
        ];
        let found = run(&texts, 0.5);
        let got: Vec<(&str, &str)> = found
            .pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str()))
            .collect();
        // A small group: every pair is verified.
        assert_eq!(found.pairs_total, 3);
        assert_eq!(got.len(), 3);
        for pair in [
            ("d0000.txt", "d0002.txt"),
            ("d0000.txt", "d0003.txt"),
            ("d0002.txt", "d0003.txt"),
        ] {
            assert!(got.contains(&pair), "{got:?}");
        }
        assert!(
            found
                .pairs
                .iter()
                .all(|p| p.similarity >= 0.5 && p.similarity <= 1.0)
        );
        assert_eq!(found.clusters.len(), 1);
        let c = &found.clusters[0];
        assert_eq!(c.documents, vec!["d0000.txt", "d0002.txt", "d0003.txt"]);
        assert_eq!(c.size, 3);
        assert_eq!(c.members.len(), 2);
        assert_eq!(c.pairs_at_least, 3);
        assert_eq!(found.check.documents_read, 3);
        assert!(found.check.unverifiable.is_empty());
    }

    /// Issue 9: 2 000 copies of a few reports came back as 15 748 pairs of 284 700,
    /// cut by a bucket cap without a word. A group of identical reports is one whole
    /// cluster whatever its size, and every pair inside it is counted.
    #[test]
    fn identical_copies_are_one_whole_cluster() {
        let a: String = ideographs(1, 600).into_iter().collect();
        let b: String = ideographs(2, 600).into_iter().collect();
        let mut texts: Vec<String> = Vec::new();
        for i in 0..500 {
            texts.push(if i % 5 == 0 { b.clone() } else { a.clone() });
        }
        let found = run(&texts, 0.5);
        let sizes: Vec<usize> = found.clusters.iter().map(|c| c.size).collect();
        assert_eq!(sizes, vec![400, 100]);
        assert_eq!(found.clusters[0].pairs_at_least, 400 * 399 / 2);
        assert_eq!(found.clusters[1].pairs_at_least, 100 * 99 / 2);
        // Verified pairs: each member with its representative.
        assert_eq!(found.pairs_total, 399 + 99);
        assert_eq!(found.check.documents_read, 500);
    }

    /// A template filled in by many units: each document is read once, all of them
    /// end up in one cluster, and a second template's documents in another.
    #[test]
    fn filled_templates_cluster_by_template_reading_each_document_once() {
        let templates = [ideographs(10, 900), ideographs(11, 900)];
        let texts: Vec<String> = (0..240u64)
            .map(|i| edited(&templates[(i % 3 == 0) as usize], 100 + i, 0.03))
            .collect();
        let reads: Vec<AtomicUsize> = (0..texts.len()).map(|_| AtomicUsize::new(0)).collect();
        let paths: Vec<String> = (0..texts.len()).map(|i| format!("d{i:04}.txt")).collect();
        let sketches: Vec<Sketch> = texts.iter().map(|t| Sketch::of(t, 0)).collect();
        let found = find(&paths, &sketches, &NearDupOptions::default(), |i| {
            reads[i].fetch_add(1, Ordering::Relaxed);
            texts.get(i).cloned()
        });
        assert!(reads.iter().all(|r| r.load(Ordering::Relaxed) == 1));
        let sizes: Vec<usize> = found.clusters.iter().map(|c| c.size).collect();
        assert_eq!(sizes, vec![160, 80]);
        for c in &found.clusters {
            let template = |p: &str| p[1..5].parse::<u64>().map(|i| i % 3 == 0).unwrap_or(false);
            let first = template(&c.representative);
            assert!(c.documents.iter().all(|d| template(d) == first));
        }
    }

    #[test]
    fn unrelated_documents_are_never_read() {
        let texts: Vec<String> = (0..50)
            .map(|i| ideographs(1000 + i, 300).into_iter().collect())
            .collect();
        let reads = AtomicUsize::new(0);
        let paths: Vec<String> = (0..texts.len()).map(|i| format!("d{i}")).collect();
        let sketches: Vec<Sketch> = texts.iter().map(|t| Sketch::of(t, 0)).collect();
        let found = find(&paths, &sketches, &NearDupOptions::default(), |i| {
            reads.fetch_add(1, Ordering::Relaxed);
            texts.get(i).cloned()
        });
        assert_eq!(reads.load(Ordering::Relaxed), 0);
        assert!(found.clusters.is_empty() && found.pairs.is_empty());
    }

    #[test]
    fn same_result_for_any_thread_count() {
        let templates = [
            ideographs(20, 500),
            ideographs(21, 500),
            ideographs(22, 500),
        ];
        let texts: Vec<String> = (0..150u64)
            .map(|i| edited(&templates[(i % 3) as usize], 300 + i, 0.02))
            .collect();
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map(|pool| pool.install(|| run(&texts, 0.5)))
                .ok()
        };
        let one = on(1);
        let sizes: Vec<usize> = one
            .iter()
            .flat_map(|r| r.clusters.iter().map(|c| c.size))
            .collect();
        assert_eq!(sizes, vec![50, 50, 50]);
        assert_eq!(one, on(4));
    }

    /// A changed or unreadable candidate is not verified, and is named.
    #[test]
    fn unverifiable_documents_are_listed() {
        let a: String = ideographs(5, 400).into_iter().collect();
        let texts = [a.clone(), a.clone(), a.clone()];
        let paths: Vec<String> = vec!["a".into(), "b".into(), "c".into()];
        let sketches: Vec<Sketch> = texts.iter().map(|t| Sketch::of(t, 0)).collect();
        let found = find(&paths, &sketches, &NearDupOptions::default(), |i| match i {
            0 => None,
            1 => Some(format!("{a}。改了")),
            _ => texts.get(i).cloned(),
        });
        assert_eq!(found.check.unverifiable, vec!["a", "b"]);
        assert_eq!(found.check.unverifiable_total, 2);
        assert!(found.clusters.is_empty() && found.pairs.is_empty());
    }

    #[test]
    fn pairs_are_cut_to_max_pairs_with_the_total_kept() {
        let a: String = ideographs(6, 400).into_iter().collect();
        let texts: Vec<String> = (0..6).map(|_| a.clone()).collect();
        let paths: Vec<String> = (0..6).map(|i| format!("d{i}")).collect();
        let sketches: Vec<Sketch> = texts.iter().map(|t| Sketch::of(t, 0)).collect();
        let opts = NearDupOptions {
            threshold: 0.5,
            max_pairs: 4,
        };
        let found = find(&paths, &sketches, &opts, |i| texts.get(i).cloned());
        assert_eq!(found.pairs.len(), 4);
        assert_eq!(found.pairs_total, 15); // a small group: every pair verified
        assert_eq!(found.clusters[0].size, 6);
    }

    /// With room for one kept document per pass, three distinct texts take three
    /// passes; every document still lands in its cluster.
    #[test]
    fn a_full_keep_budget_defers_to_another_pass() {
        let texts: Vec<String> = (0..60u64)
            .map(|i| edited(&ideographs(40 + i % 3, 300), 500 + i, 0.02))
            .collect();
        let sketches: Vec<Sketch> = texts.iter().map(|t| Sketch::of(t, 0)).collect();
        let group: Vec<u32> = (0..60).collect();
        let limits = Limits {
            threshold: 0.5,
            floor_agreement: 39,
            keep_budget: 1,
        };
        let result = verify_group(&group, &sketches, limits, &|d: u32| {
            texts.get(d as usize).map(|t| Prepared::new(d, t.clone()))
        });
        let mut sizes: Vec<usize> = result.stars.iter().map(|s| s.members.len() + 1).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, vec![20, 20, 20]);
        // Pass one reads all 60, pass two the 40 left, pass three 20.
        assert_eq!(result.read, 120);
    }

    #[test]
    fn passages_point_at_the_same_text_in_both_documents() {
        let a = format!(
            "一、基本情况\n{BASE}\n二、主要做法\n坚持问题导向，认真查找短板弱项，逐项制定整改措施。"
        );
        let b = a.replace("十二次", "15次").replace("我局", "市农业农村局");
        let (pa, pb) = (
            Prepared::new(0, a.clone()),
            Prepared::new(1, b.clone()).keep(),
        );
        let shared = shared_passages(&pa, &pb);
        assert!(shared.total >= 2, "{shared:?}");
        assert!(shared.passages.windows(2).all(|w| w[0].chars >= w[1].chars));
        for p in &shared.passages {
            let in_a: String = normalize(&a[p.a.byte_start..p.a.byte_end])
                .into_iter()
                .collect();
            let in_b: String = normalize(&b[p.b.byte_start..p.b.byte_end])
                .into_iter()
                .collect();
            assert_eq!(in_a, in_b);
            assert_eq!(in_a.chars().count(), p.chars);
            assert!(a[p.a.byte_start..].starts_with(&p.excerpt));
        }
        let first = &shared.passages[0];
        assert_eq!((first.a.line, first.b.line), (2, 2));
    }

    #[test]
    fn proven_pairs_match_a_brute_force_count() {
        let cases: &[(&[f64], f64)] = &[
            (&[0.9, 0.9, 0.9], 0.5),
            (&[0.6, 0.6, 0.95, 0.7], 0.5),
            (&[0.5, 0.5], 0.5),
            (&[1.0, 1.0, 0.55, 0.52, 0.8], 0.6),
            (&[], 0.5),
        ];
        for &(sims, t) in cases {
            let star = Star {
                representative: 0,
                members: sims.iter().map(|&s| (1, s, Shared::default())).collect(),
            };
            let mut brute = sims.len() as u64;
            for i in 0..sims.len() {
                for j in i + 1..sims.len() {
                    brute += u64::from(sims[i] + sims[j] - 1.0 >= t);
                }
            }
            assert_eq!(pairs_at_least(&star, 0, t), brute, "{sims:?}");
        }
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(signature("短句").is_empty());
        assert!(signature("").is_empty());
    }
}
