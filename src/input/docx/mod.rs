//! Word `.docx` files: their text for the analyzers, where each piece of it came from,
//! and an annotated copy with findings as comments (批注) and fixes as tracked changes
//! (修订).
//!
//! [`extract`] opens the zip container (`archive.rs` keeps it within [`DocxLimits`]),
//! reads `word/document.xml` (plus the optional `word/numbering.xml`, `word/styles.xml`
//! and the parts its relationships name) and streams the XML with `quick-xml` without
//! building a tree (`xml.rs`, `walk.rs`). The text has one line per paragraph, every line
//! ending in `\n`, in this order, each part after the first preceded by one empty line
//! so that the body's line numbers are those of its paragraphs:
//! 1. the body (paragraphs in table cells are lines too);
//! 2. the body's text boxes, in document order;
//! 3. each distinct header part, in the order the sections first name them, each
//!    followed by its text boxes; then the footers likewise;
//! 4. the footnotes, then the endnotes, in the order of their first reference in the body.
//!
//! A part, text box or note with no visible text is left out (Word's empty default
//! header adds nothing). Comments, deleted text and field codes stay out. Word's
//! automatic numbering is written as text at the start of its paragraph (`一、`,
//! `（一）`, `1.`; see `numbering.rs`), so the outline sees what the writer sees. A damaged
//! numbering, styles or relationships part is ignored, and a damaged header, footer or
//! notes part is left out with a warning; a damaged `word/document.xml` is an error.
//!
//! [`Extracted::map`] is a [`WordMap`]: where every span of the text sits in the Word
//! file (part, text box, paragraph, table cell, run, char offset). [`annotate()`] uses it
//! to write comments and tracked changes on exactly the characters of a span.
//!
//! What must stay true:
//! - No panic on any input: every failure is a [`DocxError`]; no `unwrap`, `expect` or
//!   input-driven indexing (enforced below with clippy lints outside tests).
//! - Memory and time are bounded by [`DocxLimits`]: the entry count is checked before any
//!   entry is read, every entry is read through a `take(limit + 1)` reader whatever size it
//!   declares, the bytes read from all parts together and the extracted text are each at
//!   most `max_total_bytes`, and XML nesting deeper than `max_xml_depth` is refused.
//! - The output is deterministic: the same bytes always give the same text and map.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod annotate;
mod archive;
mod map;
mod numbering;
mod numfmt;
mod package;
mod styles;
mod walk;
mod xml;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

pub use annotate::{
    AnnotateOptions, Annotated, Comment, Placement, Revision, RevisionOutcome, SkipReason, annotate,
};
pub use map::{HeaderKind, TableCell, TextBox, WordLocation, WordMap, WordPart};

use archive::Package;
use map::{Paragraph, Piece, Relocate, Story, XmlPart};
use numbering::{Counters, Numbering, parse_numbering};
use package::{DOCUMENT_PART, DOCUMENT_RELS, Relationships, parse_relationships};
use styles::{Styles, parse_styles};
use walk::{PartKind, PartOut, PartWalker, StoryBuf, TEXT_OUTPUT};

const NUMBERING_PART: &str = "word/numbering.xml";
const STYLES_PART: &str = "word/styles.xml";

/// Limits that keep a hostile file from exhausting memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocxLimits {
    /// Most bytes one part (e.g. `word/document.xml`) may decompress to.
    pub max_entry_bytes: u64,
    /// Most bytes read from all parts together; also the most bytes of extracted text.
    pub max_total_bytes: u64,
    /// Most entries the zip archive may list.
    pub max_entries: usize,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
}

impl Default for DocxLimits {
    /// 64 MiB per part, 128 MiB in all, 10 000 entries, nesting depth 256.
    fn default() -> Self {
        Self {
            max_entry_bytes: 64 << 20,
            max_total_bytes: 128 << 20,
            max_entries: 10_000,
            max_xml_depth: 256,
        }
    }
}

/// Why a `.docx` file could not be read or annotated.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The bytes are not a readable zip archive (not a .docx at all, or truncated).
    #[error("not a valid .docx (zip) file: {0}")]
    NotZip(String),
    /// The archive is a zip file but holds no `word/document.xml`.
    #[error("not a valid .docx file: the archive has no word/document.xml")]
    MissingDocument,
    /// A part, or the text extracted, exceeds a size limit (for instance a zip bomb).
    #[error("{entry} is larger than the limit of {limit} bytes (the file may be a zip bomb)")]
    TooLarge {
        /// The part (zip entry name) or output that was too large.
        entry: String,
        /// The limit that was exceeded, in bytes.
        limit: u64,
    },
    /// The archive lists more entries than allowed.
    #[error("the .docx archive has {count} entries, more than the limit of {limit}")]
    TooManyEntries {
        /// Entries listed in the archive.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// XML elements are nested deeper than allowed.
    #[error("the .docx contains XML nested more than {limit} levels deep")]
    TooDeep {
        /// The depth limit.
        limit: usize,
    },
    /// A part that must be read is not well-formed XML (or not UTF-8).
    #[error("malformed XML in the .docx: {0}")]
    Xml(String),
    /// An entry of the archive could not be decompressed (corrupt, encrypted, unsupported).
    #[error("cannot read the .docx archive: {0}")]
    Zip(String),
    /// The annotated copy could not be written.
    #[error("cannot write the annotated .docx: {0}")]
    Annotate(String),
}

impl DocxError {
    /// Limit errors are never downgraded, even in optional parts.
    fn is_limit(&self) -> bool {
        matches!(
            self,
            DocxError::TooLarge { .. }
                | DocxError::TooManyEntries { .. }
                | DocxError::TooDeep { .. }
        )
    }
}

/// The text of a `.docx` and where each piece of it came from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// One line per paragraph, each ending in `\n` (see the module docs for the order).
    pub text: String,
    /// Where every span of `text` sits in the Word file.
    pub map: WordMap,
    /// Parts that were left out because they are damaged, one sentence each.
    pub warnings: Vec<String>,
}

/// Extracts the text of a `.docx` file given as bytes: one line per paragraph, each
/// ending in `\n`, with automatic list numbers written out (see the module docs).
///
/// # Errors
/// As [`extract`].
pub fn extract_text(bytes: &[u8], limits: &DocxLimits) -> Result<String, DocxError> {
    extract(bytes, limits).map(|e| e.text)
}

/// Extracts the text of a `.docx` file and its [`WordMap`] (see the module docs).
///
/// # Errors
/// [`DocxError::NotZip`] for a non-zip or truncated file, [`DocxError::MissingDocument`],
/// [`DocxError::TooManyEntries`], [`DocxError::TooLarge`], [`DocxError::TooDeep`],
/// [`DocxError::Xml`] for malformed `word/document.xml`, [`DocxError::Zip`] for an entry
/// that cannot be decompressed.
pub fn extract(bytes: &[u8], limits: &DocxLimits) -> Result<Extracted, DocxError> {
    let mut package = Package::open(bytes, limits)?;
    read_package(&mut package, limits)
}

/// What was read from a package: the extraction and the relationships, which the
/// annotator needs again.
pub(crate) struct Read {
    pub extracted: Extracted,
    pub rels: Relationships,
    /// The bytes of every part of [`WordMap::parts`], when asked for.
    pub part_bytes: Vec<Vec<u8>>,
}

fn read_package(package: &mut Package<'_>, limits: &DocxLimits) -> Result<Extracted, DocxError> {
    read_package_full(package, limits, false).map(|r| r.extracted)
}

/// Reads every part the text comes from; with `keep_bytes`, keeps their bytes too.
pub(crate) fn read_package_full(
    package: &mut Package<'_>,
    limits: &DocxLimits,
    keep_bytes: bool,
) -> Result<Read, DocxError> {
    let depth = limits.max_xml_depth;
    let document = package
        .read(DOCUMENT_PART)?
        .ok_or(DocxError::MissingDocument)?;
    let (numbering, _) = package.optional(NUMBERING_PART, |xml| parse_numbering(xml, depth))?;
    let (styles, _) = package.optional(STYLES_PART, |xml| parse_styles(xml, depth))?;
    let (rels, _) = package.optional(DOCUMENT_RELS, |xml| parse_relationships(xml, depth))?;

    let mut builder = Builder::new(limits.max_total_bytes, keep_bytes);
    let mut body = builder.walk(
        &document,
        DOCUMENT_PART,
        PartKind::Document,
        &numbering,
        &styles,
        depth,
    )?;
    if keep_bytes {
        body.bytes = document;
    }
    let body_part = builder.add_part(DOCUMENT_PART, &mut body);

    // Headers and footers, each distinct part once, in the order sections name them.
    let mut headers: Vec<(bool, String, usize, HeaderKind)> = Vec::new();
    let mut seen = HashSet::new();
    for footer in [false, true] {
        for r in body.out.header_refs.iter().filter(|r| r.footer == footer) {
            let kind = if footer { "footer" } else { "header" };
            let Some(target) = rels.target(&r.rel_id, kind) else {
                continue;
            };
            if seen.insert(target.to_string()) {
                headers.push((
                    footer,
                    target.to_string(),
                    r.section,
                    HeaderKind::parse(r.kind.as_deref()),
                ));
            }
        }
    }
    let mut header_outs = Vec::new();
    for (footer, target, section, kind) in headers {
        let walked = package.optional(&target, |xml| {
            builder.walk(
                xml,
                &target,
                PartKind::HeaderFooter,
                &numbering,
                &styles,
                depth,
            )
        })?;
        match walked {
            (mut out, None) => {
                let part = builder.add_part(&target, &mut out);
                header_outs.push((footer, section, kind, part, out));
            }
            (_, Some(e)) => builder.warnings.push(damaged(&target, &e)),
        }
    }

    // Footnotes and endnotes, in the order of their first reference.
    let mut notes = Vec::new();
    for (endnote, kind) in [(false, "footnotes"), (true, "endnotes")] {
        let Some(target) = rels.first(kind).map(str::to_string) else {
            continue;
        };
        if !body.out.note_refs.iter().any(|r| r.endnote == endnote) {
            continue;
        }
        let walked = package.optional(&target, |xml| {
            builder.walk(xml, &target, PartKind::Notes, &numbering, &styles, depth)
        })?;
        match walked {
            (mut out, None) => {
                let part = builder.add_part(&target, &mut out);
                notes.push((endnote, part, out));
            }
            (_, Some(e)) => builder.warnings.push(damaged(&target, &e)),
        }
    }

    // Assembly, in the documented order.
    let mut map = std::mem::take(&mut builder.map);
    let mut text = String::new();
    for root in &body.out.roots {
        append(
            &mut text,
            &mut map,
            &root.buf,
            Story {
                part: WordPart::Body,
                text_box: None,
                xml_part: body_part.part,
                relocate: Relocate::Stay,
            },
            body_part.runs,
            true,
        );
        for tb in &root.text_boxes {
            let (number, paragraph, run) = tb.text_box.unwrap_or((0, 0, None));
            let relocate = run.map_or(Relocate::Section(1), |r| Relocate::Run(r + body_part.runs));
            append(
                &mut text,
                &mut map,
                tb,
                Story {
                    part: WordPart::Body,
                    text_box: Some(TextBox { number, paragraph }),
                    xml_part: body_part.part,
                    relocate,
                },
                body_part.runs,
                false,
            );
        }
    }
    let mut numbers = [0usize; 2];
    for (footer, section, kind, part, out) in &header_outs {
        let Some(counter) = numbers.get_mut(usize::from(*footer)) else {
            continue;
        };
        *counter += 1;
        let number = *counter;
        let part_kind = if *footer {
            WordPart::Footer {
                number,
                section: *section,
                kind: *kind,
            }
        } else {
            WordPart::Header {
                number,
                section: *section,
                kind: *kind,
            }
        };
        for root in &out.out.roots {
            append(
                &mut text,
                &mut map,
                &root.buf,
                Story {
                    part: part_kind,
                    text_box: None,
                    xml_part: part.part,
                    relocate: Relocate::Section(*section),
                },
                part.runs,
                false,
            );
            append_text_boxes(
                &mut text,
                &mut map,
                root,
                part_kind,
                part,
                Relocate::Section(*section),
            );
        }
    }
    for (endnote, part, out) in &notes {
        let mut number = 0;
        let mut done = HashSet::new();
        for r in body.out.note_refs.iter().filter(|r| r.endnote == *endnote) {
            if !done.insert(r.id.as_str()) {
                continue;
            }
            let Some(root) = out
                .out
                .roots
                .iter()
                .find(|s| s.note_id.as_deref() == Some(&r.id))
            else {
                continue;
            };
            number += 1;
            let part_kind = if *endnote {
                WordPart::Endnote { number }
            } else {
                WordPart::Footnote { number }
            };
            let relocate = r.run.map_or(Relocate::Section(1), |run| {
                Relocate::Run(run + body_part.runs)
            });
            append(
                &mut text,
                &mut map,
                &root.buf,
                Story {
                    part: part_kind,
                    text_box: None,
                    xml_part: part.part,
                    relocate,
                },
                part.runs,
                false,
            );
            append_text_boxes(&mut text, &mut map, root, part_kind, part, relocate);
        }
    }
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > limits.max_total_bytes {
        return Err(DocxError::TooLarge {
            entry: TEXT_OUTPUT.to_string(),
            limit: limits.max_total_bytes,
        });
    }
    Ok(Read {
        extracted: Extracted {
            text,
            map,
            warnings: builder.warnings,
        },
        rels,
        part_bytes: builder.part_bytes,
    })
}

fn damaged(part: &str, e: &DocxError) -> String {
    format!("{part} is damaged and its text is left out ({e})")
}

/// A walked part, and its bytes when they are kept.
#[derive(Default)]
struct Walked {
    out: PartOut,
    bytes: Vec<u8>,
}

/// A part added to the map: its index and the offset of its runs.
#[derive(Clone, Copy)]
struct PartIds {
    part: usize,
    runs: usize,
}

/// Collects the parts of one package into a [`WordMap`].
struct Builder {
    map: WordMap,
    max_output: u64,
    emitted: u64,
    warnings: Vec<String>,
    keep_bytes: bool,
    part_bytes: Vec<Vec<u8>>,
}

impl Builder {
    fn new(max_output: u64, keep_bytes: bool) -> Self {
        Self {
            map: WordMap::default(),
            max_output,
            emitted: 0,
            warnings: Vec::new(),
            keep_bytes,
            part_bytes: Vec::new(),
        }
    }

    /// Walks one part with counters of its own.
    fn walk(
        &mut self,
        xml: &[u8],
        name: &str,
        kind: PartKind,
        numbering: &Numbering,
        styles: &Styles,
        depth: usize,
    ) -> Result<Walked, DocxError> {
        let mut counters = Counters::new(numbering, styles);
        let out = PartWalker::new(kind, &mut counters, self.max_output, &mut self.emitted)
            .run(xml, name, depth)?;
        // The body's bytes are moved in by the caller, who owns them.
        let bytes = if self.keep_bytes && kind != PartKind::Document {
            xml.to_vec()
        } else {
            Vec::new()
        };
        Ok(Walked { out, bytes })
    }

    /// Adds a walked part's runs and comment marks to the map.
    fn add_part(&mut self, name: &str, walked: &mut Walked) -> PartIds {
        if self.keep_bytes {
            self.part_bytes.push(std::mem::take(&mut walked.bytes));
        }
        let part = self.map.parts.len();
        self.map.parts.push(XmlPart {
            name: name.to_string(),
            prefix: walked.out.prefix.clone(),
        });
        let runs = self.map.runs.len();
        self.map
            .runs
            .extend(walked.out.runs.iter().cloned().map(|mut r| {
                r.part = part;
                r
            }));
        self.map
            .marks
            .extend(walked.out.marks.iter().cloned().map(|mut m| {
                m.part = part;
                m.run = m.run.map(|r| r + runs);
                m
            }));
        PartIds { part, runs }
    }
}

fn append_text_boxes(
    text: &mut String,
    map: &mut WordMap,
    root: &walk::RootStory,
    part: WordPart,
    ids: &PartIds,
    relocate: Relocate,
) {
    for tb in &root.text_boxes {
        let (number, paragraph, _) = tb.text_box.unwrap_or((0, 0, None));
        append(
            text,
            map,
            tb,
            Story {
                part,
                text_box: Some(TextBox { number, paragraph }),
                xml_part: ids.part,
                relocate,
            },
            ids.runs,
            false,
        );
    }
}

/// Appends one story's text to `text` (after an empty line unless it is the body) and its
/// paragraphs and pieces to the map. A story other than the body with nothing visible is
/// left out.
fn append(
    text: &mut String,
    map: &mut WordMap,
    buf: &StoryBuf,
    story: Story,
    run_offset: usize,
    is_body: bool,
) {
    if !is_body && !buf.text.chars().any(|c| !c.is_whitespace()) {
        return;
    }
    if !is_body {
        text.push('\n');
    }
    let shift = text.len();
    text.push_str(&buf.text);
    let story_idx = map.stories.len();
    map.stories.push(story);
    let para_offset = map.paragraphs.len();
    map.paragraphs
        .extend(buf.paragraphs.iter().map(|p| Paragraph {
            story: story_idx,
            number: p.number,
            table: p.table,
            text: p.text.start + shift..p.text.end + shift,
            marker_len: p.marker_len,
            section: p.section,
            xml: p.xml,
        }));
    map.pieces.extend(buf.pieces.iter().map(|p| Piece {
        text: p.text.start + shift..p.text.end + shift,
        chars: p.chars,
        para: p.para + para_offset,
        run: p.run + run_offset,
        xml: p.xml.clone(),
    }));
}
