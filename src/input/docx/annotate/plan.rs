//! From spans of the extracted text to byte edits of the XML parts.
//!
//! A comment's start and end become points in the XML: before or after a whole run, at
//! a child boundary inside a run, or at a char inside a `w:t`. A point inside a run
//! splits it there (`</w:t></w:r>` … `<w:r>` + the same `w:rPr`, byte for byte, +
//! `<w:t xml:space="preserve">`), so the comment covers exactly its characters and the
//! text keeps its formatting. All markup that lands on one point is written by one edit
//! (range ends first, then range starts), so two findings that touch never leave an
//! empty run between them. A tracked change replaces the XML between its two points with
//! `w:del` (the old characters as `w:delText`) and `w:ins` (the new text), both in a copy
//! of the run's formatting.
//!
//! What must stay true: edits never overlap ([`Edits::apply`] refuses if they do); every
//! byte outside the edits is kept; nothing added produces text for the extractor except
//! the inserted text of a tracked change.

use std::collections::BTreeMap;
use std::ops::Range;

use super::super::map::{PieceXml, Relocate, WordMap, WordPart};
use super::super::xml::raw_point;
use super::{Placement, SkipReason};
use crate::input::docx::DocxError;

/// One replacement of a byte range of a part (an insertion when the range is empty).
#[derive(Debug, Clone)]
pub(crate) struct Edit {
    pub at: Range<usize>,
    pub bytes: Vec<u8>,
}

/// The edits of every part, by part index.
#[derive(Debug, Default)]
pub(crate) struct Edits {
    pub by_part: BTreeMap<usize, Vec<Edit>>,
}

impl Edits {
    pub(crate) fn push(&mut self, part: usize, at: Range<usize>, bytes: Vec<u8>) {
        self.by_part
            .entry(part)
            .or_default()
            .push(Edit { at, bytes });
    }

    /// Applies the edits of one part to its bytes.
    pub(crate) fn apply(
        edits: &mut [Edit],
        bytes: &[u8],
        part: &str,
    ) -> Result<Vec<u8>, DocxError> {
        edits.sort_by_key(|e| (e.at.start, e.at.end));
        let mut out =
            Vec::with_capacity(bytes.len() + edits.iter().map(|e| e.bytes.len()).sum::<usize>());
        let mut at = 0;
        for e in edits.iter() {
            if e.at.start < at || e.at.end > bytes.len() || e.at.start > e.at.end {
                return Err(DocxError::Annotate(format!(
                    "{part}: two changes would overlap at byte {}",
                    e.at.start
                )));
            }
            out.extend_from_slice(bytes.get(at..e.at.start).unwrap_or_default());
            out.extend_from_slice(&e.bytes);
            at = e.at.end;
        }
        out.extend_from_slice(bytes.get(at..).unwrap_or_default());
        Ok(out)
    }
}

/// How a point sits in the XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PointKind {
    /// Just before a run's start tag, or just after its end tag, or at a paragraph's
    /// content start or end: markup goes in as it is.
    Outside,
    /// Between two children of a run: the run is split there.
    Between,
    /// Inside the raw content of a `w:t` (maybe inside CDATA): the run is split there.
    InText { cdata: bool },
}

/// A place in a part's XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point {
    pub part: usize,
    pub pos: usize,
    pub kind: PointKind,
    /// The run split at a `Between`/`InText` point; the `w:t` piece for `InText`.
    pub run: Option<usize>,
    pub piece: Option<usize>,
    /// For `InText`: the `w:t` start tag, which must keep spaces once split.
    pub tag: Option<(usize, usize)>,
}

/// Markup to write at a point: range ends come before range starts.
#[derive(Debug, Clone)]
pub(crate) struct Markup {
    pub id: u64,
    pub is_start: bool,
    pub xml: String,
}

/// The elements we write, spelled with the part's prefix.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    /// `w:` (or `` for a default namespace).
    el: String,
    /// The attribute prefix, always bound (`w:`).
    at: String,
    /// An inline namespace declaration when the part uses a default namespace.
    decl: String,
}

impl Names {
    pub(crate) fn new(prefix: &str) -> Self {
        if prefix.is_empty() {
            Names {
                el: String::new(),
                at: "w:".into(),
                decl: " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
                    .into(),
            }
        } else {
            Names {
                el: format!("{prefix}:"),
                at: format!("{prefix}:"),
                decl: String::new(),
            }
        }
    }

    pub(crate) fn comment_start(&self, id: u64) -> String {
        let Names { el, at, decl } = self;
        format!("<{el}commentRangeStart{decl} {at}id=\"{id}\"/>")
    }

    pub(crate) fn comment_end(&self, id: u64) -> String {
        let Names { el, at, decl } = self;
        format!(
            "<{el}commentRangeEnd{decl} {at}id=\"{id}\"/><{el}r{decl}><{el}commentReference {at}id=\"{id}\"/></{el}r>"
        )
    }

    /// `<w:del …>` or `<w:ins …>` start tag.
    fn change(&self, what: &str, id: u64, author: &str, date: Option<&str>) -> String {
        let Names { el, at, decl } = self;
        let date = date.map_or(String::new(), |d| {
            format!(" {at}date=\"{}\"", escape_attr(d))
        });
        format!(
            "<{el}{what}{decl} {at}id=\"{id}\" {at}author=\"{}\"{date}>",
            escape_attr(author)
        )
    }
}

/// What the planner works on.
pub(crate) struct Planner<'a> {
    pub map: &'a WordMap,
    pub text: &'a str,
    pub parts: &'a [Vec<u8>],
    pub names: Vec<Names>,
    /// Markup to write at points outside revisions.
    pub at_points: BTreeMap<(usize, usize), (Point, Vec<Markup>)>,
    pub revisions: Vec<RevisionPlan>,
    /// `w:t` start tags that need `xml:space="preserve"` after a split: (part, tag range).
    pub preserve: BTreeMap<(usize, usize), usize>,
}

/// A tracked change placed in the XML.
#[derive(Debug, Clone)]
pub(crate) struct RevisionPlan {
    pub chars: Range<usize>,
    pub story: usize,
    pub a: Point,
    pub b: Point,
    pub pieces: Range<usize>,
    pub replacement: String,
    pub at_a: Vec<Markup>,
    pub at_b: Vec<Markup>,
    pub ids: (u64, u64),
}

/// Where a comment's two ends go.
enum Anchor {
    /// Fixed points and how they relate to the span.
    Points(Point, Point, Placement),
    /// Points to resolve from chars of one story.
    Chars {
        start: Start,
        /// The end char (byte just past it) and its piece.
        end: (usize, usize),
        story: usize,
    },
}

/// Where one end of a comment goes.
enum End {
    /// A point of the XML.
    At(Point),
    /// Into the markup of a tracked change (its index), at a char.
    Revision(usize, usize),
}

/// Where a comment on chars starts.
enum Start {
    /// At a char (byte) of a piece.
    Char(usize, usize),
    /// On Word's automatic number of a paragraph: at the paragraph's content start.
    Number(usize),
}

impl<'a> Planner<'a> {
    pub(crate) fn new(map: &'a WordMap, text: &'a str, parts: &'a [Vec<u8>]) -> Self {
        let names = map.parts.iter().map(|p| Names::new(&p.prefix)).collect();
        Planner {
            map,
            text,
            parts,
            names,
            at_points: BTreeMap::new(),
            revisions: Vec::new(),
            preserve: BTreeMap::new(),
        }
    }

    fn part_bytes(&self, part: usize) -> &[u8] {
        self.parts.get(part).map_or(&[][..], Vec::as_slice)
    }

    fn valid_span(&self, span: &Range<usize>) -> bool {
        span.start <= span.end
            && span.end <= self.text.len()
            && self.text.is_char_boundary(span.start)
            && self.text.is_char_boundary(span.end)
    }

    fn chars_between(&self, from: usize, to: usize) -> usize {
        self.text.get(from..to).map_or(0, |s| s.chars().count())
    }

    /// Whether `part[range]` holds only XML white space.
    fn only_space(&self, part: usize, range: Range<usize>) -> bool {
        self.part_bytes(part)
            .get(range)
            .is_some_and(|b| b.iter().all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')))
    }

    fn first_in_run(&self, piece: usize) -> bool {
        let run = self.map.pieces.get(piece).map(|p| p.run);
        piece == 0 || self.map.pieces.get(piece - 1).map(|p| p.run) != run
    }

    fn last_in_run(&self, piece: usize) -> bool {
        let run = self.map.pieces.get(piece).map(|p| p.run);
        self.map.pieces.get(piece + 1).map(|p| p.run) != run
    }

    fn story_of_piece(&self, piece: usize) -> Option<usize> {
        let p = self.map.pieces.get(piece)?;
        Some(self.map.paragraphs.get(p.para)?.story)
    }

    /// The point where a range starting at char byte `at` of `piece` begins.
    fn start_point(&mut self, piece_idx: usize, at: usize) -> Option<Point> {
        let piece = self.map.pieces.get(piece_idx)?;
        let run = self.map.runs.get(piece.run)?;
        let k = self.chars_between(piece.text.start, at);
        if k == 0 {
            if self.first_in_run(piece_idx) {
                return Some(outside(run.part, run.start));
            }
            return Some(self.between(run.part, piece.xml.start(), piece.run));
        }
        Some(self.in_text(piece_idx, k).unwrap_or_else(|| {
            // Content the walker could not have decoded this way: widen to the element.
            Point {
                part: run.part,
                pos: piece.xml.start(),
                kind: PointKind::Between,
                run: Some(piece.run),
                piece: None,
                tag: None,
            }
        }))
    }

    /// The point where a range ending just before char byte `at` (within or at the end
    /// of `piece`) ends.
    fn end_point(&mut self, piece_idx: usize, at: usize) -> Option<Point> {
        let piece = self.map.pieces.get(piece_idx)?;
        let run = self.map.runs.get(piece.run)?;
        let k = self.chars_between(piece.text.start, at);
        if k >= piece.chars {
            if self.last_in_run(piece_idx) {
                return Some(outside(run.part, run.end));
            }
            return Some(self.between(run.part, piece.xml.end(), piece.run));
        }
        Some(self.in_text(piece_idx, k).unwrap_or(Point {
            part: run.part,
            pos: piece.xml.end(),
            kind: PointKind::Between,
            run: Some(piece.run),
            piece: None,
            tag: None,
        }))
    }

    fn between(&self, part: usize, pos: usize, run: usize) -> Point {
        Point {
            part,
            pos,
            kind: PointKind::Between,
            run: Some(run),
            piece: None,
            tag: None,
        }
    }

    /// The point before char `k` (0 < k < chars) of a `w:t` piece.
    fn in_text(&mut self, piece_idx: usize, k: usize) -> Option<Point> {
        let piece = self.map.pieces.get(piece_idx)?;
        let run = self.map.runs.get(piece.run)?;
        let PieceXml::Text { tag, content, .. } = &piece.xml else {
            return None;
        };
        let raw = self.part_bytes(run.part).get(content.clone())?;
        // The content must decode to exactly the piece's chars, or the offsets are off.
        raw_point(raw, piece.chars)?;
        let point = raw_point(raw, k)?;
        Some(Point {
            part: run.part,
            pos: content.start + point.offset,
            kind: PointKind::InText {
                cdata: point.in_cdata,
            },
            run: Some(piece.run),
            piece: Some(piece_idx),
            tag: Some((tag.start, tag.end)),
        })
    }

    /// The first body paragraph of `section` that can hold markup.
    fn section_paragraph(&self, section: usize) -> Option<usize> {
        let body_paragraph = |p: &&super::super::map::Paragraph| {
            self.map
                .stories
                .get(p.story)
                .is_some_and(|s| s.part == WordPart::Body && s.text_box.is_none())
                && p.xml.content_end.is_some()
        };
        let mut paragraphs = self.map.paragraphs.iter().enumerate();
        paragraphs
            .clone()
            .find(|(_, p)| body_paragraph(p) && p.section == section)
            .or_else(|| paragraphs.find(|(_, p)| body_paragraph(p)))
            .map(|(i, _)| i)
    }

    /// The whole-paragraph anchor of paragraph `idx`.
    fn paragraph_points(&self, idx: usize) -> Option<(Point, Point)> {
        let p = self.map.paragraphs.get(idx)?;
        let story = self.map.stories.get(p.story)?;
        let end = p.xml.content_end?;
        Some((
            outside(story.xml_part, p.xml.content_start),
            outside(story.xml_part, end),
        ))
    }

    /// Where a comment on a story that Word does not anchor comments in goes.
    fn relocated(&self, story: usize) -> Option<(Point, Point, Placement)> {
        let s = self.map.stories.get(story)?;
        match s.relocate {
            Relocate::Stay => None,
            Relocate::Run(run) => {
                let r = self.map.runs.get(run)?;
                let placement = match s.part {
                    WordPart::Footnote { .. } | WordPart::Endnote { .. } => {
                        Placement::NoteReference
                    }
                    _ => Placement::TextBoxAnchor,
                };
                Some((outside(r.part, r.start), outside(r.part, r.end), placement))
            }
            Relocate::Section(section) => {
                let (a, b) = self.paragraph_points(self.section_paragraph(section)?)?;
                Some((a, b, Placement::SectionStart))
            }
        }
    }

    /// Decides where a comment on `span` goes.
    fn anchor(&self, span: &Range<usize>) -> Option<Anchor> {
        let map = self.map;
        let pieces = &map.pieces;
        let first = pieces.partition_point(|p| p.text.end <= span.start);
        let first = pieces
            .get(first)
            .filter(|p| p.text.start < span.end)
            .map(|_| first);
        let para_at_start = map.paragraph_at(span.start);
        let in_number = para_at_start.filter(|&i| {
            map.paragraphs
                .get(i)
                .is_some_and(|p| span.start < p.text.start + p.marker_len)
        });
        let start_story = match (in_number, first) {
            (Some(p), _) => map.paragraphs.get(p)?.story,
            (None, Some(f)) => self.story_of_piece(f)?,
            (None, None) => {
                // No text in the span: the paragraph it starts in (or the nearest one).
                let idx = para_at_start.or_else(|| {
                    map.paragraphs
                        .partition_point(|p| p.text.start <= span.start)
                        .checked_sub(1)
                })?;
                let story = map.paragraphs.get(idx)?.story;
                if let Some(relocated) = self.relocated(story) {
                    return Some(Anchor::Points(relocated.0, relocated.1, relocated.2));
                }
                let (a, b) = self.paragraph_points(idx)?;
                return Some(Anchor::Points(a, b, Placement::Paragraph));
            }
        };
        if let Some((a, b, placement)) = self.relocated(start_story) {
            return Some(Anchor::Points(a, b, placement));
        }
        // The last piece in the span that is in the same story.
        let mut last = pieces
            .partition_point(|p| p.text.start < span.end)
            .checked_sub(1);
        while let Some(l) = last {
            if first.is_some_and(|f| l < f) {
                last = None;
                break;
            }
            if self.story_of_piece(l) == Some(start_story) {
                break;
            }
            last = l.checked_sub(1);
        }
        match (in_number, first, last) {
            (Some(p), Some(_), Some(l)) => Some(Anchor::Chars {
                start: Start::Number(p),
                end: (span.end.min(pieces.get(l)?.text.end), l),
                story: start_story,
            }),
            (Some(p), _, _) => {
                // The number alone: the whole paragraph.
                let (a, b) = self.paragraph_points(p)?;
                Some(Anchor::Points(a, b, Placement::Paragraph))
            }
            (None, Some(f), Some(l)) => Some(Anchor::Chars {
                start: Start::Char(span.start.max(pieces.get(f)?.text.start), f),
                end: (span.end.min(pieces.get(l)?.text.end), l),
                story: start_story,
            }),
            _ => None,
        }
    }

    /// Places one comment; its markup goes to `at_points` or into a revision. Nothing is
    /// recorded unless both ends found a place.
    pub(crate) fn place_comment(&mut self, span: Range<usize>, id: u64) -> Placement {
        if !self.valid_span(&span) {
            return Placement::NotPlaced;
        }
        let Some(anchor) = self.anchor(&span) else {
            return Placement::NotPlaced;
        };
        let (start, end, placement) = match anchor {
            Anchor::Points(a, b, placement) => (End::At(a), End::At(b), placement),
            Anchor::Chars { start, end, story } => {
                // Ends inside or at the edge of a tracked change go into its markup.
                let start = match start {
                    Start::Number(p) => self.paragraph_points(p).map(|(a, _)| a).map(End::At),
                    Start::Char(at, piece) => match self.revision_at(story, at) {
                        Some(rev) => Some(End::Revision(rev, at)),
                        None => self.start_point(piece, at).map(End::At),
                    },
                };
                let end = match self.revision_at(story, end.0) {
                    Some(rev) => Some(End::Revision(rev, end.0)),
                    None => self.end_point(end.1, end.0).map(End::At),
                };
                let (Some(start), Some(end)) = (start, end) else {
                    return Placement::NotPlaced;
                };
                (start, end, Placement::Exact)
            }
        };
        self.commit_end(start, id, true);
        self.commit_end(end, id, false);
        placement
    }

    /// The tracked change of `story` whose chars touch `at`.
    fn revision_at(&self, story: usize, at: usize) -> Option<usize> {
        self.revisions
            .iter()
            .position(|r| r.story == story && r.chars.start <= at && at <= r.chars.end)
    }

    /// Records one end of a comment.
    fn commit_end(&mut self, end: End, id: u64, is_start: bool) {
        match end {
            End::At(point) => {
                let names = self.names_of(point.part);
                let xml = if is_start {
                    names.comment_start(id)
                } else {
                    names.comment_end(id)
                };
                if let Some((start, end)) = point.tag {
                    self.preserve.insert((point.part, start), end);
                }
                self.at_points
                    .entry((point.part, point.pos))
                    .or_insert_with(|| (point, Vec::new()))
                    .1
                    .push(Markup { id, is_start, xml });
            }
            End::Revision(rev, at) => {
                let part = self.revisions.get(rev).map_or(0, |r| r.a.part);
                let names = self.names_of(part);
                let Some(rev) = self.revisions.get_mut(rev) else {
                    return;
                };
                // A comment starting inside the change covers it; one starting at its end
                // follows it; one ending at its start precedes it.
                let before = if is_start {
                    at < rev.chars.end || rev.chars.is_empty()
                } else {
                    at == rev.chars.start && !rev.chars.is_empty()
                };
                let xml = if is_start {
                    names.comment_start(id)
                } else {
                    names.comment_end(id)
                };
                let markup = Markup { id, is_start, xml };
                if before {
                    rev.at_a.push(markup);
                } else {
                    rev.at_b.push(markup);
                }
            }
        }
    }

    fn names_of(&self, part: usize) -> Names {
        self.names
            .get(part)
            .cloned()
            .unwrap_or_else(|| Names::new("w"))
    }

    /// Places one tracked change, or says why not.
    pub(crate) fn place_revision(
        &mut self,
        span: Range<usize>,
        replacement: &str,
        ids: (u64, u64),
    ) -> Result<(), SkipReason> {
        if !self.valid_span(&span) {
            return Err(SkipReason::InvalidSpan);
        }
        if self.revisions.iter().any(|r| {
            r.chars.start < span.end && span.start < r.chars.end
                || (span.is_empty() || r.chars.is_empty()) && r.chars.start == span.start
        }) {
            return Err(SkipReason::Overlaps);
        }
        let pieces = &self.map.pieces;
        let (a, b, range) = if span.is_empty() {
            // An insertion: after the char before it, or before the char after it.
            let before = self
                .map
                .piece_at(span.start.wrapping_sub(1))
                .filter(|_| span.start > 0)
                .filter(|&i| pieces.get(i).is_some_and(|p| p.text.end == span.start));
            let after = self.map.piece_at(span.start);
            let (a, range) = match (before, after) {
                (Some(i), _) => (self.end_point(i, span.start), i..i + 1),
                (None, Some(i)) => (self.start_point(i, span.start), i..i + 1),
                (None, None) => return Err(SkipReason::NotText),
            };
            let a = a.ok_or(SkipReason::NotText)?;
            (a, a, range.start..range.start)
        } else {
            let first = pieces.partition_point(|p| p.text.end <= span.start);
            let last = pieces.partition_point(|p| p.text.start < span.end);
            if first >= last {
                return Err(SkipReason::NotText);
            }
            // Every char of the span must come from pieces of one run, written next to
            // each other in the XML.
            let mut covered = span.start;
            for i in first..last {
                let p = pieces.get(i).ok_or(SkipReason::NotText)?;
                if p.text.start > covered {
                    return Err(SkipReason::NotText);
                }
                covered = p.text.end;
                let first_piece = pieces.get(first).ok_or(SkipReason::NotText)?;
                if p.run != first_piece.run {
                    return Err(SkipReason::AcrossRuns);
                }
                if i > first {
                    let prev = pieces.get(i - 1).ok_or(SkipReason::NotText)?;
                    let part = self.map.runs.get(p.run).map_or(0, |r| r.part);
                    if !self.only_space(part, prev.xml.end()..p.xml.start()) {
                        return Err(SkipReason::AcrossRuns);
                    }
                }
            }
            if covered < span.end {
                return Err(SkipReason::NotText);
            }
            let a = self
                .start_point(first, span.start)
                .ok_or(SkipReason::NotText)?;
            let b = self
                .end_point(last - 1, span.end)
                .ok_or(SkipReason::NotText)?;
            (a, b, first..last)
        };
        let piece = pieces
            .get(range.start.min(pieces.len().saturating_sub(1)))
            .ok_or(SkipReason::NotText)?;
        let run_idx = piece.run;
        let run = self.map.runs.get(run_idx).ok_or(SkipReason::NotText)?;
        if run.tracked {
            return Err(SkipReason::InTrackedChange);
        }
        let story = self
            .story_of_piece(range.start.min(pieces.len().saturating_sub(1)))
            .ok_or(SkipReason::NotText)?;
        // Never drop a run's other children: split inside the run rather than replace
        // it whole when something other than its text sits before or after the span. An
        // insertion replaces nothing.
        let (a, b) = if range.is_empty() {
            (a, a)
        } else {
            (
                self.keep_children(a, run_idx, range.start, true),
                self.keep_children(b, run_idx, range.end - 1, false),
            )
        };
        for p in [a, b] {
            if let Some((start, end)) = p.tag {
                self.preserve.insert((p.part, start), end);
            }
        }
        self.revisions.push(RevisionPlan {
            chars: span,
            story,
            a,
            b,
            pieces: range,
            replacement: replacement.to_string(),
            at_a: Vec::new(),
            at_b: Vec::new(),
            ids,
        });
        Ok(())
    }

    /// Turns a point on a run's edge into a split point when the run holds more than
    /// its rPr and text on that side.
    fn keep_children(&self, p: Point, run_idx: usize, piece: usize, start: bool) -> Point {
        let (Some(run), Some(pc)) = (self.map.runs.get(run_idx), self.map.pieces.get(piece)) else {
            return p;
        };
        if p.kind != PointKind::Outside {
            return p;
        }
        let (range, pos) = if start {
            let inner = run.rpr.as_ref().map_or(run.tag_end, |r| r.end);
            (inner..pc.xml.start(), pc.xml.start())
        } else {
            let close = run
                .end
                .saturating_sub(close_tag_len(self.part_bytes(run.part), run.end));
            (pc.xml.end()..close, pc.xml.end())
        };
        if (start && p.pos == run.start || !start && p.pos == run.end)
            && !self.only_space(run.part, range)
        {
            return self.between(run.part, pos, run_idx);
        }
        p
    }
}

impl Planner<'_> {
    /// The run's start tag and `w:rPr`, byte for byte, to open a copy of the run.
    fn reopen_run(&self, run: usize) -> Vec<u8> {
        let Some(r) = self.map.runs.get(run) else {
            return Vec::new();
        };
        let bytes = self.part_bytes(r.part);
        let mut out = bytes.get(r.start..r.tag_end).unwrap_or_default().to_vec();
        if let Some(rpr) = &r.rpr {
            out.extend_from_slice(bytes.get(rpr.clone()).unwrap_or_default());
        }
        out
    }

    fn run_name(&self, run: usize) -> String {
        self.map
            .runs
            .get(run)
            .and_then(|r| self.part_bytes(r.part).get(r.start..r.tag_end))
            .map_or_else(|| "w:r".to_string(), tag_name)
    }

    fn text_name(&self, piece: Option<usize>) -> String {
        piece
            .and_then(|i| self.map.pieces.get(i))
            .and_then(|p| match &p.xml {
                PieceXml::Text { tag, .. } => {
                    let part = self.map.runs.get(p.run)?.part;
                    self.part_bytes(part).get(tag.clone()).map(tag_name)
                }
                PieceXml::Char { .. } => None,
            })
            .unwrap_or_else(|| "w:t".to_string())
    }

    /// What closes the run (and `w:t`) at a split point.
    fn close(&self, p: &Point) -> Vec<u8> {
        let Some(run) = p.run else {
            return Vec::new();
        };
        match p.kind {
            PointKind::Outside => Vec::new(),
            PointKind::Between => format!("</{}>", self.run_name(run)).into_bytes(),
            PointKind::InText { cdata } => format!(
                "{}</{}></{}>",
                if cdata { "]]>" } else { "" },
                self.text_name(p.piece),
                self.run_name(run)
            )
            .into_bytes(),
        }
    }

    /// What reopens the run (and `w:t`) after a split point.
    fn reopen(&self, p: &Point) -> Vec<u8> {
        let Some(run) = p.run else {
            return Vec::new();
        };
        match p.kind {
            PointKind::Outside => Vec::new(),
            PointKind::Between => self.reopen_run(run),
            PointKind::InText { cdata } => {
                let mut out = self.reopen_run(run);
                out.extend_from_slice(
                    format!(
                        "<{} xml:space=\"preserve\">{}",
                        self.text_name(p.piece),
                        if cdata { "<![CDATA[" } else { "" }
                    )
                    .as_bytes(),
                );
                out
            }
        }
    }

    /// Every edit of the plan.
    pub(crate) fn into_edits(self, author: &str, date: Option<&str>) -> Edits {
        let mut edits = Edits::default();
        let mut replaced: Vec<(usize, Range<usize>)> = Vec::new();
        for rev in &self.revisions {
            let names = self
                .names
                .get(rev.a.part)
                .cloned()
                .unwrap_or_else(|| Names::new("w"));
            let el = names.el.clone();
            let mut xml = self.close(&rev.a);
            push_markups(&mut xml, &rev.at_a);
            let run = self
                .map
                .pieces
                .get(rev.pieces.start)
                .map(|p| p.run)
                .or(rev.a.run)
                .or(rev.b.run);
            if !rev.pieces.is_empty() {
                xml.extend_from_slice(names.change("del", rev.ids.0, author, date).as_bytes());
                xml.extend(run.map(|r| self.reopen_run(r)).unwrap_or_default());
                for i in rev.pieces.clone() {
                    let Some(p) = self.map.pieces.get(i) else {
                        continue;
                    };
                    match &p.xml {
                        PieceXml::Text { .. } => {
                            let from = p.text.start.max(rev.chars.start);
                            let to = p.text.end.min(rev.chars.end);
                            let old = self.text.get(from..to).unwrap_or_default();
                            xml.extend_from_slice(
                                format!(
                                    "<{el}delText xml:space=\"preserve\">{}</{el}delText>",
                                    escape_text(old)
                                )
                                .as_bytes(),
                            );
                        }
                        PieceXml::Char { elem } => {
                            let part = self.map.runs.get(p.run).map_or(0, |r| r.part);
                            xml.extend_from_slice(
                                self.part_bytes(part).get(elem.clone()).unwrap_or_default(),
                            );
                        }
                    }
                }
                xml.extend_from_slice(
                    format!(
                        "</{}></{el}del>",
                        run.map_or_else(|| "w:r".into(), |r| self.run_name(r))
                    )
                    .as_bytes(),
                );
            }
            if !rev.replacement.is_empty() {
                xml.extend_from_slice(names.change("ins", rev.ids.1, author, date).as_bytes());
                xml.extend(run.map(|r| self.reopen_run(r)).unwrap_or_default());
                xml.extend_from_slice(run_content(&el, &rev.replacement).as_bytes());
                xml.extend_from_slice(
                    format!(
                        "</{}></{el}ins>",
                        run.map_or_else(|| "w:r".into(), |r| self.run_name(r))
                    )
                    .as_bytes(),
                );
            }
            push_markups(&mut xml, &rev.at_b);
            xml.extend(self.reopen(&rev.b));
            replaced.push((rev.a.part, rev.a.pos..rev.b.pos));
            edits.push(rev.a.part, rev.a.pos..rev.b.pos, xml);
        }
        for ((part, pos), (point, markups)) in &self.at_points {
            let mut xml = self.close(point);
            push_markups(&mut xml, markups);
            xml.extend(self.reopen(point));
            edits.push(*part, *pos..*pos, xml);
        }
        for (&(part, start), &end) in &self.preserve {
            let overlaps = replaced
                .iter()
                .any(|(p, r)| *p == part && r.start < end && start < r.end);
            let Some(tag) = self.part_bytes(part).get(start..end) else {
                continue;
            };
            if overlaps || find_bytes(tag, b"xml:space").is_some() {
                continue;
            }
            let Some(open) = tag.strip_suffix(b">") else {
                continue;
            };
            let mut fixed = open.to_vec();
            fixed.extend_from_slice(b" xml:space=\"preserve\">");
            edits.push(part, start..end, fixed);
        }
        edits
    }
}

/// Writes markups: ranges that end here, then ranges that start here, then ranges that
/// start and end here (an empty span), each group in the order given.
fn push_markups(out: &mut Vec<u8>, markups: &[Markup]) {
    let starting: Vec<u64> = markups
        .iter()
        .filter(|m| m.is_start)
        .map(|m| m.id)
        .collect();
    let ends_here_only = |m: &&Markup| !m.is_start && !starting.contains(&m.id);
    let ends_of_empty = |m: &&Markup| !m.is_start && starting.contains(&m.id);
    for m in markups.iter().filter(ends_here_only) {
        out.extend_from_slice(m.xml.as_bytes());
    }
    for m in markups.iter().filter(|m| m.is_start) {
        out.extend_from_slice(m.xml.as_bytes());
    }
    for m in markups.iter().filter(ends_of_empty) {
        out.extend_from_slice(m.xml.as_bytes());
    }
}

/// The content of a run holding `text`: `w:t` pieces, `w:tab` for tabs, `w:br` for
/// line breaks.
fn run_content(el: &str, text: &str) -> String {
    let mut out = String::new();
    let mut chunk = String::new();
    let flush = |chunk: &mut String, out: &mut String| {
        if !chunk.is_empty() {
            out.push_str(&format!(
                "<{el}t xml:space=\"preserve\">{}</{el}t>",
                escape_text(chunk)
            ));
            chunk.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(&mut chunk, &mut out);
                out.push_str(&format!("<{el}tab/>"));
            }
            '\n' => {
                flush(&mut chunk, &mut out);
                out.push_str(&format!("<{el}br/>"));
            }
            '\r' => {}
            c => chunk.push(c),
        }
    }
    flush(&mut chunk, &mut out);
    out
}

/// The qualified name of a start tag (`<w:r w:rsidR="…">` → `w:r`).
fn tag_name(tag: &[u8]) -> String {
    let name: Vec<u8> = tag
        .iter()
        .skip(1)
        .take_while(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
        .copied()
        .collect();
    String::from_utf8_lossy(&name).into_owned()
}

pub(crate) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The length of the end tag that finishes just before `end` (`</w:r>`).
fn close_tag_len(bytes: &[u8], end: usize) -> usize {
    bytes
        .get(..end)
        .and_then(|b| b.iter().rposition(|&c| c == b'<'))
        .map_or(0, |start| end - start)
}

fn outside(part: usize, pos: usize) -> Point {
    Point {
        part,
        pos,
        kind: PointKind::Outside,
        run: None,
        piece: None,
        tag: None,
    }
}

/// Escapes text for element content.
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Characters XML 1.0 cannot hold are dropped.
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Escapes text for a double-quoted attribute value.
pub(crate) fn escape_attr(s: &str) -> String {
    escape_text(s)
        .replace('"', "&quot;")
        .replace('\n', "&#10;")
        .replace('\t', "&#9;")
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}
