//! The saved form of a [`Corpus`]: a small, versioned binary file that shards of an
//! archive write (`zongjie analyze --partial`) and a merge reads back.
//!
//! Layout: the magic bytes [`MAGIC`], the format version ([`FORMAT_VERSION`], `u16`
//! little-endian), the length (`u8`) and text of the zongjie version that wrote it,
//! then one zstd frame (with its content checksum) holding the state in postcard (serde's compact binary form:
//! variable-length integers, length-prefixed strings). The header is read before
//! anything is decompressed, so a file of another format or version is refused with
//! a message saying so, never misread.
//!
//! What must stay true: the bytes depend only on the corpus's content — documents in
//! path order, table entries in hash order, every map sorted — so the same state
//! saved twice, or reached by merging in another order, is the same file; and reading
//! never panics on a damaged or hostile file: every inconsistency is a
//! [`StateError::Corrupt`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::neardup::{BINS, Sketch};
use super::repeated::{NgramOptions, SENTENCE_PLACES};
use super::summary::{HISTOGRAM_BINS, SlotCount, SummaryBuilder};
use super::table::{DocFreqTable, Entry};
use super::{Corpus, CorpusOptions, DocEntry};
use crate::i18n::{Lang, Message};
use crate::report::Role;

/// The first bytes of every state file.
pub const MAGIC: &[u8; 8] = b"ZJSTATE\0";
/// The version of the layout below the header; a reader refuses any other.
pub const FORMAT_VERSION: u16 = 1;
/// The zstd level: the fast default. Higher levels shrink the (mostly random)
/// signatures and hashes no further and cost several times the time.
const ZSTD_LEVEL: i32 = 3;

/// Why a state cannot be read or merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateError {
    /// The bytes do not start with [`MAGIC`].
    NotAState,
    /// Another layout version.
    Format {
        /// The version of the file.
        found: u16,
    },
    /// Written by another version of zongjie, whose analysis may differ.
    Version {
        /// The version that wrote it.
        found: String,
    },
    /// The file is cut short or damaged.
    Corrupt {
        /// What is wrong, for the one who debugs it.
        why: String,
    },
    /// The states were made with different settings.
    Settings {
        /// The option (as its flag is named), or `settings` for the analysis config.
        option: &'static str,
        /// Its value in the state merged in.
        theirs: String,
        /// Its value in the states before it.
        ours: String,
    },
    /// A document is in two of the states merged.
    Duplicate {
        /// Its path.
        path: String,
    },
    /// No state was given.
    NothingToMerge,
    /// The state could not be encoded (out of memory).
    Encode {
        /// What the encoder said.
        why: String,
    },
}

impl StateError {
    /// The message, to be said in the run's language.
    pub fn message(&self) -> Message {
        match self {
            StateError::NotAState => Message::new("state-not-a-state"),
            StateError::Format { found } => Message::new("state-format")
                .arg("found", u32::from(*found))
                .arg("expected", u32::from(FORMAT_VERSION)),
            StateError::Version { found } => Message::new("state-version")
                .arg("found", found)
                .arg("expected", env!("CARGO_PKG_VERSION")),
            StateError::Corrupt { why } => Message::new("state-corrupt").arg("why", why),
            StateError::Settings {
                option: "settings", ..
            } => Message::new("state-settings-config"),
            StateError::Settings {
                option,
                theirs,
                ours,
            } => Message::new("state-settings")
                .arg("option", *option)
                .arg("theirs", theirs)
                .arg("ours", ours),
            StateError::Duplicate { path } => Message::new("state-duplicate").arg("path", path),
            StateError::NothingToMerge => Message::new("state-nothing"),
            StateError::Encode { why } => Message::new("state-encode").arg("why", why),
        }
    }
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().say(Lang::En))
    }
}

impl std::error::Error for StateError {}

fn corrupt(why: impl Into<String>) -> StateError {
    StateError::Corrupt { why: why.into() }
}

/// An error when `theirs` (merged in) was made with other options than `ours`.
pub fn check_same_options(ours: &CorpusOptions, theirs: &CorpusOptions) -> Result<(), StateError> {
    let differ = |option: &'static str, a: String, b: String| {
        Err(StateError::Settings {
            option,
            theirs: b,
            ours: a,
        })
    };
    let ngrams = |n: &NgramOptions| {
        format!(
            "{}-{} words, {}+ chars",
            n.min_words, n.max_words, n.min_chars
        )
    };
    let encoding = |e: &Option<String>| e.clone().unwrap_or_else(|| "detected".into());
    if ours.settings != theirs.settings {
        return differ("settings", ours.settings.clone(), theirs.settings.clone());
    }
    if ours.encoding != theirs.encoding {
        return differ(
            "--encoding",
            encoding(&ours.encoding),
            encoding(&theirs.encoding),
        );
    }
    if ours.min_docs != theirs.min_docs {
        return differ(
            "--min-docs",
            ours.min_docs.to_string(),
            theirs.min_docs.to_string(),
        );
    }
    if ours.top != theirs.top {
        return differ("--top", ours.top.to_string(), theirs.top.to_string());
    }
    if ours.dup_threshold.to_bits() != theirs.dup_threshold.to_bits() {
        return differ(
            "--dup-threshold",
            ours.dup_threshold.to_string(),
            theirs.dup_threshold.to_string(),
        );
    }
    if ours.max_pairs != theirs.max_pairs {
        return differ(
            "--max-pairs",
            ours.max_pairs.to_string(),
            theirs.max_pairs.to_string(),
        );
    }
    if ours.bucket != theirs.bucket {
        return differ("bucket", ours.bucket.to_string(), theirs.bucket.to_string());
    }
    if ours.ngrams != theirs.ngrams {
        return differ("n-grams", ngrams(&ours.ngrams), ngrams(&theirs.ngrams));
    }
    Ok(())
}

#[derive(Serialize, Deserialize)]
struct WireState<'a> {
    options: WireOptions<'a>,
    documents: Vec<WireDoc<'a>>,
    diagnostics: u64,
    summary: WireSummary<'a>,
    phrases: WireTable<'a>,
    sentences: WireTable<'a>,
}

#[derive(Serialize, Deserialize)]
struct WireOptions<'a> {
    min_docs: u32,
    top: u64,
    dup_threshold: f64,
    max_pairs: u64,
    bucket: u32,
    ngram_words: (u32, u32),
    ngram_chars: u32,
    settings: Cow<'a, str>,
    encoding: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
struct WireDoc<'a> {
    path: Cow<'a, str>,
    /// The source path's bytes (a Unix path need not be UTF-8).
    source: Option<Cow<'a, [u8]>>,
    error: Option<Cow<'a, str>>,
    /// The signature's values, little-endian: fixed-width bytes, since the values are
    /// random and would take five bytes each as variable-length integers.
    signature: Cow<'a, [u8]>,
    text_hash: [u8; 8],
    slots: u32,
    kept_text: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
struct WireSummary<'a> {
    scored: u64,
    unscored: u64,
    sum: u128,
    complete: u64,
    bins: Vec<u64>,
    most: Vec<(Cow<'a, str>, u64)>,
    missing: Vec<(Cow<'a, str>, u64)>,
    kinds: Vec<(Cow<'a, str>, u64)>,
    with_slots: u64,
    profiles: Vec<(Cow<'a, str>, u64)>,
}

#[derive(Serialize, Deserialize)]
struct WireTable<'a> {
    documents: u32,
    entries: Vec<WireEntry<'a>>,
}

#[derive(Serialize, Deserialize)]
struct WireEntry<'a> {
    /// The item's hash (fixed width: it is random).
    hash: [u8; 8],
    documents: u32,
    count: u32,
    delta: u32,
    text: Cow<'a, str>,
    places: Vec<(u32, u32)>,
}

#[cfg(unix)]
fn path_bytes(p: &std::path::Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(p.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(p: &std::path::Path) -> Cow<'_, [u8]> {
    Cow::Owned(p.to_string_lossy().into_owned().into_bytes())
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

fn borrowed_pairs(m: &BTreeMap<String, u64>) -> Vec<(Cow<'_, str>, u64)> {
    m.iter()
        .map(|(k, &v)| (Cow::Borrowed(k.as_str()), v))
        .collect()
}

fn wire_table<'a>(table: &'a DocFreqTable, new: &[u32]) -> WireTable<'a> {
    WireTable {
        documents: table.documents(),
        entries: table
            .entries()
            .into_iter()
            .map(|(hash, e)| WireEntry {
                hash: hash.to_le_bytes(),
                documents: e.documents,
                count: e.count,
                delta: e.delta,
                text: Cow::Borrowed(&e.text),
                // Places are kept in path order, which the new numbers follow.
                places: e
                    .places()
                    .iter()
                    .map(|&(d, line)| (new.get(d as usize).copied().unwrap_or(d), line))
                    .collect(),
            })
            .collect(),
    }
}

fn read_table(
    wire: WireTable<'_>,
    bucket: u32,
    places: usize,
    documents: usize,
) -> Result<DocFreqTable, StateError> {
    if wire.documents as usize != documents {
        return Err(corrupt(format!(
            "a table counts {} documents, the state lists {documents}",
            wire.documents
        )));
    }
    let mut entries = Vec::with_capacity(wire.entries.len());
    for e in wire.entries {
        if e.places.len() > places || e.places.iter().any(|p| p.0 as usize >= documents) {
            return Err(corrupt(
                "a table entry names a document the state does not hold",
            ));
        }
        entries.push((
            u64::from_le_bytes(e.hash),
            Entry::new(
                e.documents,
                e.count,
                e.delta,
                e.text.into_owned().into_boxed_str(),
                e.places,
            ),
        ));
    }
    Ok(DocFreqTable::from_entries(
        bucket,
        places,
        wire.documents,
        entries,
    ))
}

impl Corpus {
    /// The corpus as a state file's bytes (see the [module notes](self)): documents
    /// in path order, so the same content always gives the same bytes. It fails only
    /// when memory runs out.
    pub fn to_bytes(&self) -> Result<Vec<u8>, StateError> {
        let order = self.path_order();
        let mut new = vec![0u32; order.len()];
        for (rank, &old) in order.iter().enumerate() {
            new[old as usize] = rank as u32;
        }
        let o = &self.opts;
        let s = &self.summary;
        let mut most = s.most.clone();
        most.sort_by(|a, b| b.slots.cmp(&a.slots).then_with(|| a.path.cmp(&b.path)));
        most.truncate(super::summary::MOST_SLOTS);
        let wire = WireState {
            options: WireOptions {
                min_docs: o.min_docs,
                top: o.top as u64,
                dup_threshold: o.dup_threshold,
                max_pairs: o.max_pairs as u64,
                bucket: o.bucket,
                ngram_words: (o.ngrams.min_words as u32, o.ngrams.max_words as u32),
                ngram_chars: o.ngrams.min_chars as u32,
                settings: Cow::Borrowed(&o.settings),
                encoding: o.encoding.as_deref().map(Cow::Borrowed),
            },
            documents: order
                .iter()
                .filter_map(|&i| self.docs.get(i as usize))
                .map(|d| WireDoc {
                    path: Cow::Borrowed(&d.path),
                    source: d.source.as_deref().map(path_bytes),
                    error: d.error.as_deref().map(Cow::Borrowed),
                    signature: Cow::Owned(
                        d.sketch
                            .signature
                            .iter()
                            .flat_map(|v| v.to_le_bytes())
                            .collect(),
                    ),
                    text_hash: d.sketch.text_hash.to_le_bytes(),
                    slots: d.sketch.slots,
                    kept_text: d.kept_text.as_deref().map(Cow::Borrowed),
                })
                .collect(),
            diagnostics: self.diagnostics,
            summary: WireSummary {
                scored: s.scored,
                unscored: s.unscored,
                sum: s.sum,
                complete: s.complete,
                bins: s.bins.to_vec(),
                most: most
                    .into_iter()
                    .map(|m| (Cow::Owned(m.path), m.slots as u64))
                    .collect(),
                missing: s
                    .missing
                    .iter()
                    .map(|(r, &n)| (Cow::Borrowed(r.name()), n))
                    .collect(),
                kinds: borrowed_pairs(&s.kinds),
                with_slots: s.with_slots,
                profiles: borrowed_pairs(&s.profiles),
            },
            phrases: wire_table(&self.phrases, &new),
            sentences: wire_table(&self.sentences, &new),
        };
        let encode = |why: String| StateError::Encode { why };
        let body = postcard::to_stdvec(&wire).map_err(|e| encode(e.to_string()))?;
        // With the frame's checksum, a damaged file is refused as damaged, never read
        // as a state that merely looks odd.
        let packed = zstd::bulk::Compressor::new(ZSTD_LEVEL)
            .and_then(|mut c| {
                c.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(true))?;
                c.compress(&body)
            })
            .map_err(|e| encode(e.to_string()))?;
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let mut out = Vec::with_capacity(packed.len() + 32);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.push(version.len().min(255) as u8);
        out.extend_from_slice(&version[..version.len().min(255)]);
        out.extend_from_slice(&packed);
        Ok(out)
    }

    /// Whether `bytes` start like a state file.
    pub fn is_state(bytes: &[u8]) -> bool {
        bytes.starts_with(MAGIC)
    }

    /// Reads a state written by [`to_bytes`](Self::to_bytes) of this zongjie version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Corpus, StateError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(StateError::NotAState)?;
        let (format, rest) = rest
            .split_first_chunk::<2>()
            .ok_or_else(|| corrupt("the header is cut short"))?;
        let format = u16::from_le_bytes(*format);
        if format != FORMAT_VERSION {
            return Err(StateError::Format { found: format });
        }
        let (&len, rest) = rest
            .split_first()
            .ok_or_else(|| corrupt("the header is cut short"))?;
        let (version, packed) = rest
            .split_at_checked(len as usize)
            .ok_or_else(|| corrupt("the header is cut short"))?;
        let version = String::from_utf8_lossy(version);
        if version != env!("CARGO_PKG_VERSION") {
            return Err(StateError::Version {
                found: version.into_owned(),
            });
        }
        let body = zstd::stream::decode_all(packed).map_err(|e| corrupt(e.to_string()))?;
        let wire: WireState<'_> =
            postcard::from_bytes(&body).map_err(|e| corrupt(e.to_string()))?;
        from_wire(wire)
    }
}

fn from_wire(wire: WireState<'_>) -> Result<Corpus, StateError> {
    let o = wire.options;
    let opts = CorpusOptions {
        min_docs: o.min_docs,
        top: usize::try_from(o.top).unwrap_or(usize::MAX),
        dup_threshold: o.dup_threshold,
        max_pairs: usize::try_from(o.max_pairs).unwrap_or(usize::MAX),
        bucket: o.bucket,
        ngrams: NgramOptions {
            min_words: o.ngram_words.0 as usize,
            max_words: o.ngram_words.1 as usize,
            min_chars: o.ngram_chars as usize,
        },
        settings: o.settings.into_owned(),
        encoding: o.encoding.map(Cow::into_owned),
    };
    let mut docs = Vec::with_capacity(wire.documents.len());
    for d in wire.documents {
        let sig = d.signature;
        if !(sig.is_empty() || sig.len() == 4 * BINS) {
            return Err(corrupt("a signature has the wrong length"));
        }
        let signature = sig
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        docs.push(DocEntry {
            path: d.path.into_owned(),
            source: d.source.as_deref().map(path_from_bytes),
            error: d.error.map(Cow::into_owned),
            sketch: Sketch {
                signature,
                text_hash: u64::from_le_bytes(d.text_hash),
                slots: d.slots,
            },
            kept_text: d.kept_text.map(|t| Arc::from(t.as_ref())),
        });
    }
    let s = wire.summary;
    let bins: [u64; HISTOGRAM_BINS] = s
        .bins
        .try_into()
        .map_err(|_| corrupt("the histogram has the wrong number of bins"))?;
    let mut missing = BTreeMap::new();
    for (name, n) in s.missing {
        let role = Role::from_name(&name).ok_or_else(|| corrupt(format!("unknown role {name}")))?;
        missing.insert(role, n);
    }
    let owned = |v: Vec<(Cow<'_, str>, u64)>| -> BTreeMap<String, u64> {
        v.into_iter().map(|(k, n)| (k.into_owned(), n)).collect()
    };
    let summary = SummaryBuilder {
        scored: s.scored,
        unscored: s.unscored,
        sum: s.sum,
        complete: s.complete,
        bins,
        most: s
            .most
            .into_iter()
            .map(|(path, slots)| SlotCount {
                path: path.into_owned(),
                slots: usize::try_from(slots).unwrap_or(usize::MAX),
            })
            .collect(),
        missing,
        kinds: owned(s.kinds),
        with_slots: s.with_slots,
        profiles: owned(s.profiles),
    };
    let phrases = read_table(wire.phrases, opts.bucket, 0, docs.len())?;
    let sentences = read_table(wire.sentences, opts.bucket, SENTENCE_PLACES, docs.len())?;
    let mut corpus = Corpus {
        opts,
        phrases,
        sentences,
        docs,
        summary,
        diagnostics: wire.diagnostics,
    };
    // Saved in path order; a file written otherwise is put in order, not refused.
    let order = corpus.path_order();
    corpus.reorder(&order);
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{CorpusDoc, DocFeatures};
    use crate::document::Document;
    use crate::report::DocReport;

    const TEXTS: &[(&str, &str)] = &[
        (
            "b/2020.txt",
            "二〇二〇年度工作总结\n今年以来，我局坚持把理论学习摆在首要位置，认真落实中心组学习制度。\n全年组织集中学习12次，开展专题研讨6次。",
        ),
        (
            "a/2019.txt",
            "二〇一九年度工作总结\n今年以来，我局坚持把理论学习摆在首要位置，认真落实中心组学习制度。\n全年组织集中学习9次，开展专题研讨4次。",
        ),
        (
            "c/2021.txt",
            "二〇二一年度述职报告\n本人任职以来，严格遵守廉洁自律各项规定，认真履行岗位职责。",
        ),
    ];

    fn corpus_of(texts: &[(&str, &str)]) -> Corpus {
        let opts = CorpusOptions::default();
        let mut corpus = Corpus::new(opts.clone());
        let docs = texts
            .iter()
            .map(|(path, text)| {
                let doc = Document::from_str(*path, text);
                let report = DocReport {
                    path: (*path).into(),
                    ..DocReport::default()
                };
                let mut features = DocFeatures::extract(&doc, &[], &[], &opts);
                features.keep_text();
                CorpusDoc::new(&report, Some(features))
            })
            .collect();
        corpus.add_batch(docs);
        corpus
    }

    fn bytes(c: &Corpus) -> Vec<u8> {
        c.to_bytes().expect("encodes")
    }

    #[test]
    fn a_state_reads_back_to_the_same_bytes() {
        let corpus = corpus_of(TEXTS);
        let saved = bytes(&corpus);
        assert!(Corpus::is_state(&saved));
        let back = Corpus::from_bytes(&saved).expect("reads back");
        assert_eq!(back.documents(), 3);
        assert_eq!(bytes(&back), saved);
    }

    /// Documents added in any order, or merged from parts in any order, save to the
    /// same bytes.
    #[test]
    fn merging_in_any_order_gives_the_same_bytes() {
        let whole = bytes(&corpus_of(TEXTS));
        let parts = || {
            TEXTS
                .iter()
                .map(|t| corpus_of(std::slice::from_ref(t)))
                .collect::<Vec<_>>()
        };
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let mut all: Vec<Option<Corpus>> = parts().into_iter().map(Some).collect();
            let picked = order.iter().filter_map(|&i| all[i].take());
            let merged = Corpus::merge_all(picked).expect("merges");
            assert_eq!(bytes(&merged), whole, "{order:?}");
        }
    }

    /// Cut short anywhere, or with any byte changed, a state is refused, never
    /// misread and never a panic.
    #[test]
    fn damage_anywhere_is_refused() {
        let saved = bytes(&corpus_of(TEXTS));
        for cut in 0..saved.len() {
            assert!(Corpus::from_bytes(&saved[..cut]).is_err(), "cut at {cut}");
        }
        for at in 0..saved.len() {
            let mut bad = saved.clone();
            bad[at] ^= 0x41;
            let read = Corpus::from_bytes(&bad);
            assert!(read.is_err(), "byte {at} changed");
        }
    }

    #[test]
    fn header_errors_say_what_is_wrong() {
        let saved = bytes(&corpus_of(TEXTS));
        let mut format = saved.clone();
        format[8] = 2;
        let mut version = saved.clone();
        version[11] = b'9';
        let cases: [(&[u8], StateError); 4] = [
            (b"PK\x03\x04", StateError::NotAState),
            (&saved[..9], corrupt("the header is cut short")),
            (&format, StateError::Format { found: 2 }),
            (
                &version,
                StateError::Version {
                    found: format!("9{}", &env!("CARGO_PKG_VERSION")[1..]),
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(Corpus::from_bytes(input).err(), Some(expected));
        }
        assert!(
            StateError::Format { found: 2 }
                .to_string()
                .contains("format 2")
        );
    }
}
