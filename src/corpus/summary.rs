//! Completeness across an archive: mean, histogram, missing roles, and the
//! documents with the most unfilled slots. Memory is constant in the number of
//! documents (a fixed histogram and a bounded top list).
//!
//! What must stay true: two builders merge into exactly what one builder fed both
//! sets of documents holds, in any order. Every count is a sum, the top list is cut
//! by a total order, and scores are summed in fixed point (integers add up the same
//! in any order; floats do not).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::report::{DocReport, Role};

/// Histogram bins over [0, 1].
pub const HISTOGRAM_BINS: usize = 10;
/// Documents listed in `most_slots`.
pub const MOST_SLOTS: usize = 10;

/// One histogram bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    /// Lower bound (inclusive).
    pub from: f64,
    /// Upper bound (exclusive, except the last bin which includes 1.0).
    pub to: f64,
    /// Documents whose score falls in the bin.
    pub documents: u64,
}

/// A document and its number of unfilled slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotCount {
    /// The document.
    pub path: String,
    /// Its unfilled slots.
    pub slots: usize,
}

/// Completeness statistics of the analysed documents.
///
/// Only documents with a score count in the mean and the histogram: an empty or
/// unreadable document has none (`null`), and is counted in `unscored` instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompletenessSummary {
    /// Mean score of the scored documents (`null` when none has a score).
    pub mean: Option<f64>,
    /// Analysed documents without a score (empty or whitespace only).
    pub unscored: u64,
    /// Documents with a score of exactly 1.
    pub complete: u64,
    /// Score histogram.
    pub histogram: Vec<Bin>,
    /// Documents with the most slots, most first (ties by path).
    pub most_slots: Vec<SlotCount>,
    /// Documents lacking each required role.
    pub missing_roles: BTreeMap<Role, u64>,
    /// Unfilled slots by kind across the archive.
    pub slots_by_kind: BTreeMap<String, u64>,
    /// Documents with at least one unfilled slot.
    pub documents_with_slots: u64,
    /// Analysed documents per genre profile.
    pub profiles: BTreeMap<String, u64>,
}

/// Scores are summed as integer multiples of 2⁻⁵³: exact, so the sum does not
/// depend on the order documents (or merged shards) come in.
const SCORE_UNIT: f64 = (1u64 << 53) as f64;

/// What one document adds to the summary: the fields of its report the summary
/// reads, so a document can be counted without keeping its whole report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocStats {
    /// Whether it could not be read (then nothing else counts).
    pub failed: bool,
    /// The genre profile it was judged by.
    pub profile: Option<String>,
    /// Its completeness score, when it has one.
    pub score: Option<f64>,
    /// Required roles it lacks.
    pub missing: Vec<Role>,
    /// Its unfilled slots by kind name.
    pub slot_kinds: BTreeMap<String, u64>,
    /// Its unfilled slots.
    pub slots: usize,
}

impl DocStats {
    /// What `doc` adds to the summary.
    pub fn of(doc: &DocReport) -> Self {
        let mut slot_kinds: BTreeMap<String, u64> = BTreeMap::new();
        for slot in &doc.placeholders {
            *slot_kinds.entry(slot.kind.to_string()).or_default() += 1;
        }
        DocStats {
            failed: doc.error.is_some(),
            profile: doc.profile.clone(),
            score: doc.completeness.score,
            missing: doc.sections_missing.clone(),
            slot_kinds,
            slots: doc.placeholders.len(),
        }
    }
}

/// Accumulates [`CompletenessSummary`] one document at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryBuilder {
    pub(crate) scored: u64,
    pub(crate) unscored: u64,
    /// Sum of the scores in units of 2⁻⁵³ ([`SCORE_UNIT`]).
    pub(crate) sum: u128,
    pub(crate) complete: u64,
    pub(crate) bins: [u64; HISTOGRAM_BINS],
    pub(crate) most: Vec<SlotCount>,
    pub(crate) missing: BTreeMap<Role, u64>,
    pub(crate) kinds: BTreeMap<String, u64>,
    pub(crate) with_slots: u64,
    pub(crate) profiles: BTreeMap<String, u64>,
}

impl SummaryBuilder {
    /// Adds one analysed document (failed ones are skipped).
    pub fn add(&mut self, doc: &DocReport) {
        self.add_stats(&doc.path, &DocStats::of(doc));
    }

    /// Adds what one document at `path` contributes (failed ones are skipped).
    pub fn add_stats(&mut self, path: &str, doc: &DocStats) {
        if doc.failed {
            return;
        }
        if let Some(profile) = &doc.profile {
            *self.profiles.entry(profile.clone()).or_default() += 1;
        }
        match doc.score {
            Some(score) => {
                let score = if score.is_nan() {
                    0.0
                } else {
                    score.clamp(0.0, 1.0)
                };
                self.scored += 1;
                // In [0, 2⁵³]: the cast is exact.
                self.sum += (score * SCORE_UNIT).round() as u128;
                if score >= 1.0 {
                    self.complete += 1;
                }
                let bin = ((score * HISTOGRAM_BINS as f64) as usize).min(HISTOGRAM_BINS - 1);
                self.bins[bin] += 1;
            }
            None => self.unscored += 1,
        }
        for role in &doc.missing {
            *self.missing.entry(*role).or_default() += 1;
        }
        for (kind, n) in &doc.slot_kinds {
            *self.kinds.entry(kind.clone()).or_default() += n;
        }
        if doc.slots > 0 {
            self.with_slots += 1;
            self.most.push(SlotCount {
                path: path.to_string(),
                slots: doc.slots,
            });
            if self.most.len() > 4 * MOST_SLOTS {
                self.trim();
            }
        }
    }

    /// Adds everything `other` counted: the result is what one builder fed the
    /// documents of both would hold.
    pub fn merge(&mut self, other: SummaryBuilder) {
        self.scored += other.scored;
        self.unscored += other.unscored;
        self.sum += other.sum;
        self.complete += other.complete;
        for (mine, theirs) in self.bins.iter_mut().zip(other.bins) {
            *mine += theirs;
        }
        self.most.extend(other.most);
        self.trim();
        for (role, n) in other.missing {
            *self.missing.entry(role).or_default() += n;
        }
        for (kind, n) in other.kinds {
            *self.kinds.entry(kind).or_default() += n;
        }
        self.with_slots += other.with_slots;
        for (profile, n) in other.profiles {
            *self.profiles.entry(profile).or_default() += n;
        }
    }

    /// Cuts the top list to [`MOST_SLOTS`] (most slots first, ties by path): what is
    /// cut can never come back, since a document is counted once.
    pub(crate) fn trim(&mut self) {
        self.most
            .sort_by(|a, b| b.slots.cmp(&a.slots).then_with(|| a.path.cmp(&b.path)));
        self.most.truncate(MOST_SLOTS);
    }

    /// The summary so far.
    pub fn finish(mut self) -> CompletenessSummary {
        self.trim();
        let histogram = (0..HISTOGRAM_BINS)
            .map(|i| Bin {
                from: i as f64 / HISTOGRAM_BINS as f64,
                to: (i + 1) as f64 / HISTOGRAM_BINS as f64,
                documents: self.bins[i],
            })
            .collect();
        let mean = (self.scored > 0).then(|| {
            let mean = self.sum as f64 / SCORE_UNIT / self.scored as f64;
            (mean * 1000.0).round() / 1000.0
        });
        CompletenessSummary {
            mean,
            unscored: self.unscored,
            complete: self.complete,
            histogram,
            most_slots: self.most,
            missing_roles: self.missing,
            slots_by_kind: self.kinds,
            documents_with_slots: self.with_slots,
            profiles: self.profiles,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Completeness;

    fn doc(path: &str, score: f64, missing: &[Role]) -> DocReport {
        DocReport {
            path: path.into(),
            completeness: Completeness {
                score: Some(score),
                ..Completeness::default()
            },
            sections_missing: missing.to_vec(),
            ..DocReport::default()
        }
    }

    #[test]
    fn histogram_mean_and_missing_roles() {
        let mut b = SummaryBuilder::default();
        b.add(&doc("a", 1.0, &[]));
        b.add(&doc("b", 0.55, &[Role::Problems]));
        b.add(&doc("c", 0.0, &[Role::Problems, Role::Plans]));
        b.add(&DocReport::failed("d".into(), "bad".into()));
        let s = b.finish();
        assert_eq!(s.mean, Some(0.517));
        assert_eq!(s.unscored, 0);
        assert_eq!(s.complete, 1);
        let counts: Vec<u64> = s.histogram.iter().map(|b| b.documents).collect();
        assert_eq!(counts, vec![1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
        assert_eq!(s.missing_roles.get(&Role::Problems), Some(&2));
        assert_eq!(s.missing_roles.get(&Role::Plans), Some(&1));
    }

    /// An empty document has no score: it must not count as a zero in the mean or
    /// the histogram (issue 9: 0.0 drags averages down).
    #[test]
    fn documents_without_a_score_are_not_zeros() {
        let mut b = SummaryBuilder::default();
        b.add(&doc("a", 0.8, &[]));
        let mut empty = doc("b", 0.0, &[]);
        empty.completeness = Completeness::none();
        empty.profile = Some("general".into());
        b.add(&empty);
        let s = b.finish();
        assert_eq!(s.mean, Some(0.8));
        assert_eq!(s.unscored, 1);
        assert_eq!(s.histogram.iter().map(|b| b.documents).sum::<u64>(), 1);
        assert_eq!(s.profiles.get("general"), Some(&1));
        let mut none = SummaryBuilder::default();
        none.add(&empty);
        assert_eq!(none.finish().mean, None);
    }
}
