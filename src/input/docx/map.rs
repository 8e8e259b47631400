//! The source map of a `.docx`: where every byte range of the extracted text came from.
//!
//! [`WordMap`] is built by the extractor alongside the text. Publicly it answers one
//! question, [`WordMap::location`]: in which part (body, header, footer, footnote,
//! endnote), text box, paragraph, table cell and run a span starts, and at which char of
//! its paragraph. Inside the crate it also keeps the byte ranges in the XML of every
//! paragraph, run and text element, which the annotator needs to put comments and
//! tracked changes exactly on the characters of a finding.
//!
//! How things are counted (all numbers 1-based):
//! - **paragraph**: every `w:p` of its part (the body, one header, one footnote …) in
//!   document order, counted where it opens: empty paragraphs count, paragraphs inside
//!   table cells count, paragraphs inside text boxes do not (a text box counts its own).
//!   Deleted paragraphs (inside `w:del`) are not counted.
//! - **table / row / cell**: the `w:tbl` of the part (nested tables included, in order
//!   of their start), its `w:tr`, and the `w:tc` within the row as written in the XML
//!   (a merged cell is one `w:tc`).
//! - **text box**: the `w:txbxContent` of the part in document order; its `paragraph`
//!   is the paragraph of the part that holds it.
//! - **header / footer**: each distinct header (footer) part in the order the section
//!   properties first name it; `section` is the section that first names it and `kind`
//!   whether it is the default, first-page or even-page one.
//! - **footnote / endnote**: in the order of their first reference in the body, as
//!   Word numbers them.
//! - **run**: every `w:r` of the paragraph, in order, including runs without text.
//! - **offset**: chars of the paragraph's text before the span, not counting Word's
//!   automatic number; a span on the number itself has `in_number` set and offset 0.
//!
//! What must stay true: pieces and paragraphs are sorted by their start in the text and
//! do not overlap, and every range slices the text on char boundaries.

use std::ops::Range;

use serde::Serialize;

/// Which part of the Word file a piece of text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "part", rename_all = "kebab-case")]
pub enum WordPart {
    /// The main text.
    Body,
    /// A page header.
    Header {
        /// 1-based, in the order the sections first name the header parts.
        number: usize,
        /// The 1-based section that first names it.
        section: usize,
        /// Default, first-page or even-page header.
        kind: HeaderKind,
    },
    /// A page footer.
    Footer {
        /// 1-based, in the order the sections first name the footer parts.
        number: usize,
        /// The 1-based section that first names it.
        section: usize,
        /// Default, first-page or even-page footer.
        kind: HeaderKind,
    },
    /// A footnote.
    Footnote {
        /// 1-based, in the order of the first reference in the body.
        number: usize,
    },
    /// An endnote.
    Endnote {
        /// 1-based, in the order of the first reference in the body.
        number: usize,
    },
}

impl WordPart {
    /// Whether Word keeps a comment anchored in this part. Word ignores comment ranges
    /// in headers, footers, footnotes, endnotes and text boxes ([MS-OI29500] §2.1.315),
    /// so the annotator anchors those findings on the nearest place in the body.
    pub fn takes_comments(&self) -> bool {
        matches!(self, WordPart::Body)
    }
}

/// Which header or footer of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderKind {
    /// Shown on every page without a first- or even-page one.
    Default,
    /// Shown on the section's first page.
    First,
    /// Shown on even pages.
    Even,
}

impl HeaderKind {
    pub(crate) fn parse(value: Option<&str>) -> Self {
        match value {
            Some("first") => HeaderKind::First,
            Some("even") => HeaderKind::Even,
            _ => HeaderKind::Default,
        }
    }
}

/// A table cell, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TableCell {
    /// The table within its part (nested tables count), in document order.
    pub table: usize,
    /// The row within the table.
    pub row: usize,
    /// The cell within the row.
    pub cell: usize,
}

/// A text box, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextBox {
    /// The text box within its part, in document order.
    pub number: usize,
    /// The paragraph of the part that holds the text box.
    pub paragraph: usize,
}

/// Where a span of the extracted text sits in the Word file (see the module docs for
/// how each number is counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WordLocation {
    /// Body, header, footer, footnote or endnote.
    #[serde(flatten)]
    pub part: WordPart,
    /// The text box the span is in, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_box: Option<TextBox>,
    /// 1-based paragraph within the part (or within the text box).
    pub paragraph: usize,
    /// The table cell the paragraph is in, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<TableCell>,
    /// 1-based run of the paragraph holding the first char; `None` on Word's automatic
    /// number or at the end of the paragraph.
    pub run: Option<usize>,
    /// Chars of the paragraph's own text before the span (the automatic number not
    /// counted).
    pub offset: usize,
    /// Whether the span starts on Word's automatic number (`一、` of a numbered heading).
    pub in_number: bool,
}

/// Where each byte range of an extracted text came from in the Word file.
#[derive(Debug, Clone, Default)]
pub struct WordMap {
    pub(crate) parts: Vec<XmlPart>,
    pub(crate) stories: Vec<Story>,
    pub(crate) paragraphs: Vec<Paragraph>,
    pub(crate) runs: Vec<RunXml>,
    pub(crate) pieces: Vec<Piece>,
    pub(crate) marks: Vec<CommentMark>,
}

/// An XML part that text was read from.
#[derive(Debug, Clone)]
pub(crate) struct XmlPart {
    /// Its name in the archive.
    pub name: String,
    /// The prefix it binds to WordprocessingML (`w`, or `""` for the default namespace).
    pub prefix: String,
}

/// One story: the body, a header, a footnote, a text box …
#[derive(Debug, Clone)]
pub(crate) struct Story {
    pub part: WordPart,
    pub text_box: Option<TextBox>,
    /// Index into [`WordMap::parts`] of the XML part it lives in.
    pub xml_part: usize,
    /// Where a comment on this story goes, since Word keeps comments only in the body.
    pub relocate: Relocate,
}

/// Where comments on a story that Word does not anchor comments in are put instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relocate {
    /// Nowhere else: the story takes comments.
    Stay,
    /// Around a run of the body (the run holding a text box, a footnote reference).
    Run(usize),
    /// On the first paragraph of a section of the body (headers and footers).
    Section(usize),
}

/// One paragraph: its place in the text and in the XML.
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    pub story: usize,
    pub number: usize,
    pub table: Option<TableCell>,
    /// Text range without the final `\n`, Word's number included.
    pub text: Range<usize>,
    /// Bytes of Word's automatic number at the start of `text`.
    pub marker_len: usize,
    /// The 1-based section of the body it is in (1 outside the body).
    pub section: usize,
    pub xml: ParaXml,
}

/// Byte positions of a paragraph in its part.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ParaXml {
    /// Just after the start tag, or after `w:pPr` when there is one.
    pub content_start: usize,
    /// The start of `</w:p>`; `None` for an empty element `<w:p/>`.
    pub content_end: Option<usize>,
}

/// Byte positions of a run in its part.
#[derive(Debug, Clone)]
pub(crate) struct RunXml {
    pub part: usize,
    pub start: usize,
    /// Just after the start tag.
    pub tag_end: usize,
    /// The `w:rPr` element, if any.
    pub rpr: Option<Range<usize>>,
    /// Just after `</w:r>`.
    pub end: usize,
    /// Inside someone's tracked insertion (`w:ins`, `w:moveTo`).
    pub tracked: bool,
    /// 1-based among the runs of its paragraph.
    pub ordinal: usize,
}

/// A maximal piece of text from one XML element: a `w:t`, or one char of a `w:tab`,
/// `w:br`, `w:cr`, `w:noBreakHyphen`.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub text: Range<usize>,
    pub chars: usize,
    pub para: usize,
    pub run: usize,
    pub xml: PieceXml,
}

/// Where a piece's element is in its part.
#[derive(Debug, Clone)]
pub(crate) enum PieceXml {
    /// A `w:t`: its start tag and its raw content.
    Text {
        tag: Range<usize>,
        content: Range<usize>,
        /// Just after `</w:t>`.
        end: usize,
    },
    /// An element standing for one char.
    Char { elem: Range<usize> },
}

impl PieceXml {
    /// Where the element starts.
    pub(crate) fn start(&self) -> usize {
        match self {
            PieceXml::Text { tag, .. } => tag.start,
            PieceXml::Char { elem } => elem.start,
        }
    }

    /// Just after the element.
    pub(crate) fn end(&self) -> usize {
        match self {
            PieceXml::Text { end, .. } => *end,
            PieceXml::Char { elem } => elem.end,
        }
    }
}

/// A comment marker already in the file (range start or end, or reference).
#[derive(Debug, Clone)]
pub(crate) struct CommentMark {
    pub part: usize,
    pub id: String,
    pub range: Range<usize>,
    /// For a reference: the run holding it.
    pub run: Option<usize>,
}

impl WordMap {
    /// Where the span `byte_start..byte_end` of `text` (the text this map was built
    /// with) starts in the Word file. A span that starts on the empty line between two
    /// parts is placed at the first paragraph it reaches; `None` if it reaches none.
    pub fn location(&self, text: &str, byte_start: usize, byte_end: usize) -> Option<WordLocation> {
        let (para_idx, byte_start) = match self.paragraph_at(byte_start) {
            Some(i) => (i, byte_start),
            None => {
                let i = self
                    .paragraphs
                    .partition_point(|p| p.text.start < byte_start);
                let p = self.paragraphs.get(i).filter(|p| p.text.start < byte_end)?;
                (i, p.text.start)
            }
        };
        let para = self.paragraphs.get(para_idx)?;
        let story = self.stories.get(para.story)?;
        let own_start = para.text.start.saturating_add(para.marker_len);
        let in_number = byte_start < own_start;
        let offset = if in_number {
            0
        } else {
            text.get(own_start..byte_start)
                .map_or(0, |s| s.chars().count())
        };
        let run = if in_number {
            None
        } else {
            self.piece_at(byte_start)
                .and_then(|i| self.pieces.get(i))
                .and_then(|p| self.runs.get(p.run))
                .map(|r| r.ordinal)
        };
        Some(WordLocation {
            part: story.part,
            text_box: story.text_box,
            paragraph: para.number,
            table: para.table,
            run,
            offset,
            in_number,
        })
    }

    /// How many paragraphs were read, all parts together.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// The paragraph whose text (or its end) holds `byte`.
    pub(crate) fn paragraph_at(&self, byte: usize) -> Option<usize> {
        let i = self
            .paragraphs
            .partition_point(|p| p.text.start <= byte)
            .checked_sub(1)?;
        let p = self.paragraphs.get(i)?;
        (byte <= p.text.end).then_some(i)
    }

    /// The piece holding the char at `byte`.
    pub(crate) fn piece_at(&self, byte: usize) -> Option<usize> {
        let i = self
            .pieces
            .partition_point(|p| p.text.start <= byte)
            .checked_sub(1)?;
        let p = self.pieces.get(i)?;
        (byte < p.text.end).then_some(i)
    }
}
