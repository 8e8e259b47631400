//! An annotated copy of a `.docx`: findings as Word comments (批注), fixes as tracked
//! changes (修订).
//!
//! [`annotate`] takes the original bytes and spans of the text [`super::extract`] gives
//! for them. Each [`Comment`] is anchored on exactly the characters of its span: runs are
//! split where needed, each half keeping the run's `w:rPr` byte for byte. Word keeps
//! comment anchors only in the body (it ignores them in headers, footers, footnotes,
//! endnotes and text boxes, [MS-OI29500] §2.1.315), so a finding there is anchored on the
//! nearest place in the body, and [`Placement`] says which: the run holding the text box,
//! the note's reference mark, or the first paragraph of the header's section. A finding
//! on Word's automatic number (`四、` of a numbered heading), which is not text in the
//! file, is anchored on its paragraph. Each [`Revision`] becomes a `w:del` of the old
//! characters and a `w:ins` of the new text, in the same formatting, for the writer to
//! accept or reject.
//!
//! Earlier comments by the same author (`zongjie` by default) are removed first — with
//! their entries in Word's extended comment parts (`commentsExtended`, `commentsIds`,
//! `commentsExtensible`) once Word has saved the file — so annotating an annotated file
//! replaces them instead of stacking them; comments of
//! other people, tracked changes, headers, footers, images and every zip entry not
//! needed stay byte-identical (entries are copied without recompressing them). Only the
//! parts that receive markup, the comments parts, and — when the file had no comments —
//! the document's relationships and `[Content_Types].xml` are rewritten.
//!
//! What must stay true: extracting the text of the copy gives exactly the original's
//! text when there are no revisions (and the text with the revisions accepted when there
//! are), so linting the copy finds what the original had; the output is deterministic;
//! reading stays within the same [`DocxLimits`] as extraction.

mod comments;
mod plan;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{Cursor, Write};

use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::archive::Package;
use super::package::{CONTENT_TYPES, DOCUMENT_RELS};
use super::{DocxError, DocxLimits, read_package_full};
use comments::{
    NewComment, add_comments_content_type, add_comments_relationship, comment_xml,
    new_comments_part, parse_comments,
};
use plan::{Edits, Planner, find_bytes};

/// A finding to write as a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Start of the span in the extracted text (bytes).
    pub byte_start: usize,
    /// End of the span in the extracted text (bytes, exclusive).
    pub byte_end: usize,
    /// The message, in the writer's language; each line becomes a paragraph.
    pub text: String,
    /// The rule id, written after the message as `[rule]`; it is how an earlier comment
    /// of one rule is recognised (see [`AnnotateOptions::replace_rules`]).
    pub rule: String,
}

/// A fix to write as a tracked change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Start of the span to replace in the extracted text (bytes).
    pub byte_start: usize,
    /// End of the span (bytes, exclusive); equal to the start for an insertion.
    pub byte_end: usize,
    /// The new text (`\t` becomes a tab, `\n` a line break); empty for a deletion.
    pub replacement: String,
}

/// Who writes the annotations, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotateOptions {
    /// Author of every comment and tracked change; earlier comments by this author are
    /// replaced. Default `zongjie`.
    pub author: String,
    /// Initials Word shows on each comment. Default `zj`.
    pub initials: String,
    /// Date of the annotations, ISO 8601 (`2024-05-01T09:30:00Z`); `None` writes none,
    /// which keeps the output the same from run to run.
    pub date: Option<String>,
    /// `None`: every earlier comment by `author` is removed. `Some(rules)`: only those
    /// whose `[rule]` is listed, so annotating with some rules keeps the others' comments.
    pub replace_rules: Option<Vec<String>>,
    /// Limits for reading the original.
    pub limits: DocxLimits,
}

impl Default for AnnotateOptions {
    fn default() -> Self {
        AnnotateOptions {
            author: "zongjie".to_string(),
            initials: "zj".to_string(),
            date: None,
            replace_rules: None,
            limits: DocxLimits::default(),
        }
    }
}

/// Where a comment was anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// On exactly the characters of the span (for a span that starts on Word's automatic
    /// number: from the paragraph's start to the span's end).
    Exact,
    /// On its whole paragraph: the span is Word's automatic number, or holds no text.
    Paragraph,
    /// On the body run that holds the text box the span is in.
    TextBoxAnchor,
    /// On the reference mark in the body of the footnote or endnote the span is in.
    NoteReference,
    /// On the first paragraph of the section whose header or footer the span is in.
    SectionStart,
    /// Nowhere: the span is outside the text, or there is no body paragraph to hold it.
    NotPlaced,
}

/// Why a tracked change was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// The span is outside the text or not on char boundaries.
    InvalidSpan,
    /// The span holds text that is not in the file as text (Word's automatic number,
    /// a paragraph end).
    NotText,
    /// The span's text comes from several runs (different formatting, or other content
    /// between them).
    AcrossRuns,
    /// The span is inside someone else's tracked insertion.
    InTrackedChange,
    /// The span overlaps another revision.
    Overlaps,
}

/// What happened to one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome", content = "reason")]
pub enum RevisionOutcome {
    /// Written as a tracked change.
    Applied,
    /// Not written, and why.
    Skipped(SkipReason),
}

/// The annotated copy and what became of each annotation.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The bytes of the annotated `.docx`.
    pub bytes: Vec<u8>,
    /// Where each comment went, in the order given.
    pub comments: Vec<Placement>,
    /// What became of each revision, in the order given.
    pub revisions: Vec<RevisionOutcome>,
    /// How many earlier comments by the same author were removed.
    pub removed: usize,
}

/// Writes `comments` and `revisions` into a copy of the `.docx` `original` (see the
/// module docs). Spans are byte ranges of the text that [`super::extract`] gives for
/// `original`.
///
/// # Errors
/// Every error of [`super::extract`]; [`DocxError::Annotate`] for a malformed comments,
/// relationships or content types part, a `date` that is not ISO 8601, or a copy that
/// could not be written.
pub fn annotate(
    original: &[u8],
    comments: &[Comment],
    revisions: &[Revision],
    opts: &AnnotateOptions,
) -> Result<Annotated, DocxError> {
    if let Some(date) = &opts.date
        && !is_iso_date_time(date)
    {
        return Err(DocxError::Annotate(format!(
            "the date {date:?} is not an ISO 8601 date and time such as 2024-05-01T09:30:00Z"
        )));
    }
    let depth = opts.limits.max_xml_depth;
    let mut package = Package::open(original, &opts.limits)?;
    let read = read_package_full(&mut package, &opts.limits, true)?;
    let map = &read.extracted.map;
    let text = &read.extracted.text;
    let parts = &read.part_bytes;

    // The comments part, if there is one, and which of its comments go.
    let comments_target = read.rels.first("comments").map(str::to_string);
    let old_bytes = match &comments_target {
        Some(target) => package.read(target)?,
        None => None,
    };
    let old = match (&old_bytes, &comments_target) {
        (Some(bytes), Some(target)) => Some(parse_comments(bytes, target, depth)?),
        _ => None,
    };
    let removed: Vec<&comments::OldComment> = old
        .iter()
        .flat_map(|p| p.comments.iter())
        .filter(|c| c.author.as_deref() == Some(opts.author.as_str()))
        .filter(|c| match &opts.replace_rules {
            None => true,
            Some(rules) => c.rule().is_some_and(|r| rules.iter().any(|x| x == r)),
        })
        .collect();
    let removed_ids: HashSet<&str> = removed.iter().map(|c| c.id.as_str()).collect();

    // Ids above every id in the file, so that none collides.
    let mut next_id = parts
        .iter()
        .map(|b| max_id(b))
        .chain(old_bytes.as_deref().map(max_id))
        .max()
        .flatten()
        .map_or(0, |m| m.saturating_add(1).max(0));
    let mut take_id = || {
        let id = u64::try_from(next_id).unwrap_or(0);
        next_id = next_id.saturating_add(1);
        id
    };

    let mut planner = Planner::new(map, text, parts);
    let mut outcomes = Vec::with_capacity(revisions.len());
    for r in revisions {
        let ids = (take_id(), take_id());
        outcomes.push(
            match planner.place_revision(r.byte_start..r.byte_end, &r.replacement, ids) {
                Ok(()) => RevisionOutcome::Applied,
                Err(reason) => RevisionOutcome::Skipped(reason),
            },
        );
    }
    let mut placements = Vec::with_capacity(comments.len());
    let mut written = Vec::new();
    for c in comments {
        let id = take_id();
        let placement = planner.place_comment(c.byte_start..c.byte_end, id);
        if placement != Placement::NotPlaced {
            written.push((id, c));
        }
        placements.push(placement);
    }
    let mut edits = planner.into_edits(&opts.author, opts.date.as_deref());
    remove_old_marks(&mut edits, map, parts, &removed_ids);

    let mut replaced: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (part, part_edits) in &mut edits.by_part {
        let (Some(name), Some(bytes)) = (map.parts.get(*part), parts.get(*part)) else {
            continue;
        };
        replaced.insert(
            name.name.clone(),
            Edits::apply(part_edits, bytes, &name.name)?,
        );
    }

    // The comments part and what points to it.
    let mut added = Vec::new();
    let prefix = old.as_ref().map_or("w", |o| o.prefix.as_str());
    let new_xml: String = written
        .iter()
        .map(|(id, c)| {
            comment_xml(
                prefix,
                &NewComment {
                    id: *id,
                    author: &opts.author,
                    initials: &opts.initials,
                    date: opts.date.as_deref(),
                    text: &c.text,
                    rule: &c.rule,
                },
            )
        })
        .collect();
    match (&old, &old_bytes, &comments_target) {
        (Some(old), Some(bytes), Some(target)) => {
            if !removed.is_empty() || !written.is_empty() {
                let mut part_edits: Vec<plan::Edit> = removed
                    .iter()
                    .map(|c| plan::Edit {
                        at: c.range.clone(),
                        bytes: Vec::new(),
                    })
                    .collect();
                part_edits.push(plan::Edit {
                    at: old.root_close..old.root_close,
                    bytes: new_xml.into_bytes(),
                });
                replaced.insert(
                    target.clone(),
                    Edits::apply(&mut part_edits, bytes, target)?,
                );
            }
        }
        _ if written.is_empty() => {}
        _ => {
            // A relationship to a part that is missing: create the part under that name.
            let target = match &comments_target {
                Some(t) => t.clone(),
                None => unused_name(&package, "word/comments.xml", "word/zongjie-comments.xml"),
            };
            added.push((target.clone(), new_comments_part(&new_xml)));
            if comments_target.is_none() {
                let rels = package.read(DOCUMENT_RELS)?;
                let relative = target.strip_prefix("word/").unwrap_or(&target);
                let rels = add_comments_relationship(rels.as_deref(), relative, depth)?;
                put(&mut replaced, &mut added, &package, DOCUMENT_RELS, rels);
            }
            let types = package.read(CONTENT_TYPES)?;
            if let Some(types) = add_comments_content_type(types.as_deref(), &target, depth)? {
                put(&mut replaced, &mut added, &package, CONTENT_TYPES, types);
            }
        }
    }

    // Word's extended comment parts must not name comments that are gone.
    let para_ids: HashSet<String> = removed
        .iter()
        .flat_map(|c| c.para_ids.iter().cloned())
        .collect();
    if !para_ids.is_empty() {
        let mut durable_ids = HashSet::new();
        for kind in comments::EXTENDED_COMMENT_PARTS {
            let Some(target) = read.rels.first(kind).map(str::to_string) else {
                continue;
            };
            let Some(bytes) = package.read(&target)? else {
                continue;
            };
            if let Some(pruned) =
                comments::prune_extended(&bytes, &target, &para_ids, &mut durable_ids, depth)?
            {
                replaced.insert(target, pruned);
            }
        }
    }

    let bytes = write_archive(original, &replaced, &added)?;
    Ok(Annotated {
        bytes,
        comments: placements,
        revisions: outcomes,
        removed: removed.len(),
    })
}

/// Replaces an entry if the archive has it, adds it otherwise.
fn put(
    replaced: &mut BTreeMap<String, Vec<u8>>,
    added: &mut Vec<(String, Vec<u8>)>,
    package: &Package<'_>,
    name: &str,
    bytes: Vec<u8>,
) {
    if package.has(name) {
        replaced.insert(name.to_string(), bytes);
    } else {
        added.push((name.to_string(), bytes));
    }
}

fn unused_name(package: &Package<'_>, first: &str, second: &str) -> String {
    if package.has(first) {
        second.to_string()
    } else {
        first.to_string()
    }
}

/// Cuts the range markers and references of earlier comments out of the story parts: a
/// reference's whole run when it holds nothing else.
fn remove_old_marks(
    edits: &mut Edits,
    map: &super::WordMap,
    parts: &[Vec<u8>],
    ids: &HashSet<&str>,
) {
    let mut ranges: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
    for mark in map.marks.iter().filter(|m| ids.contains(m.id.as_str())) {
        let mut range = mark.range.clone();
        if let Some(run) = mark.run.and_then(|r| map.runs.get(r)) {
            let bytes = parts.get(run.part).map_or(&[][..], Vec::as_slice);
            let close = bytes
                .get(..run.end)
                .and_then(|b| b.iter().rposition(|&c| c == b'<'))
                .unwrap_or(run.end);
            let mut kept: Vec<std::ops::Range<usize>> =
                vec![run.start..run.tag_end, mark.range.clone(), close..run.end];
            kept.extend(run.rpr.clone());
            kept.sort_by_key(|r| r.start);
            let mut only_mark = true;
            let mut at = run.start;
            for r in &kept {
                let gap = bytes.get(at..r.start.max(at)).unwrap_or_default();
                only_mark &= gap.iter().all(|c| c.is_ascii_whitespace());
                at = at.max(r.end);
            }
            if only_mark && run.start < run.tag_end {
                range = run.start..run.end;
            }
        }
        ranges.insert((mark.part, range.start, range.end));
    }
    for (part, start, end) in ranges {
        edits.push(part, start..end, Vec::new());
    }
}

/// The largest numeric `id="…"` attribute value in a part (`w:id`, of comments, changes,
/// bookmarks …).
fn max_id(bytes: &[u8]) -> Option<i64> {
    let mut max: Option<i64> = None;
    let mut from = 0;
    while let Some(found) = bytes.get(from..).and_then(|b| find_bytes(b, b"id=\"")) {
        let at = from + found;
        from = at + 4;
        let before = at.checked_sub(1).and_then(|i| bytes.get(i)).copied();
        if !matches!(before, Some(b':' | b' ' | b'\t' | b'\r' | b'\n')) {
            continue;
        }
        let digits: Vec<u8> = bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'-')
            .copied()
            .collect();
        if bytes.get(from + digits.len()) != Some(&b'"') {
            continue;
        }
        if let Some(v) = std::str::from_utf8(&digits)
            .ok()
            .and_then(|s| s.parse::<i64>().ok())
            && v < i64::from(i32::MAX)
        {
            max = Some(max.map_or(v, |m| m.max(v)));
        }
    }
    max
}

/// `YYYY-MM-DDThh:mm:ss`, optional fraction, optional `Z` or `±hh:mm`.
fn is_iso_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4)
        && at(4, b'-')
        && digits(5..7)
        && at(7, b'-')
        && digits(8..10)
        && at(10, b'T')
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        None => true,
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1..i + 3) && at(i + 3, b':') && digits(i + 4..i + 6) && i + 6 == b.len()
        }
        _ => false,
    }
}

/// Writes the copy: every entry of `original` in its order, raw-copied (not even
/// recompressed) unless `replaced` has new bytes for it, then `added`.
fn write_archive(
    original: &[u8],
    replaced: &BTreeMap<String, Vec<u8>>,
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, DocxError> {
    let zip_err = |e: zip::result::ZipError| DocxError::Annotate(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(original))
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(original.len() + 4096)));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(zip_err)?;
        // A name that is not UTF-8 is never one we replace: copy it as it is.
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        match replaced.get(&name) {
            Some(bytes) => {
                let mut opts = options;
                if let Some(time) = entry.last_modified() {
                    opts = opts.last_modified_time(time);
                }
                if let Some(mode) = entry.unix_mode() {
                    opts = opts.unix_permissions(mode);
                }
                drop(entry);
                out.start_file(name, opts).map_err(zip_err)?;
                out.write_all(bytes)
                    .map_err(|e| DocxError::Annotate(e.to_string()))?;
            }
            None => out.raw_copy_file(entry).map_err(zip_err)?,
        }
    }
    for (name, bytes) in added {
        out.start_file(name.as_str(), options).map_err(zip_err)?;
        out.write_all(bytes)
            .map_err(|e| DocxError::Annotate(e.to_string()))?;
    }
    Ok(out.finish().map_err(zip_err)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        for good in [
            "2024-05-01T09:30:00Z",
            "2024-05-01T09:30:00",
            "2024-05-01T09:30:00.5+08:00",
        ] {
            assert!(is_iso_date_time(good), "{good}");
        }
        for bad in [
            "2024-05-01",
            "2024-05-01 09:30:00",
            "2024-05-01T09:30:00ZZ",
            "x",
            "",
        ] {
            assert!(!is_iso_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn max_id_reads_numeric_id_attributes_only() {
        let xml = br#"<w:x w:id="7"/><w:y r:id="rId9"/><w:z w:paraId="99"/><w:c w:id="-1"/><w:d id="12"/>"#;
        assert_eq!(max_id(xml), Some(12));
        assert_eq!(max_id(b"<w:p/>"), None);
    }
}
