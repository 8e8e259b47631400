//! The story walker: one XML part (`document.xml`, a header, `footnotes.xml` …) into
//! stories of text, with the XML position of every paragraph, run and text element.
//!
//! Inside a paragraph: `w:t` text (entities resolved; a raw newline inside `w:t` becomes a
//! space), `w:tab`/`w:ptab` → `\t`, `w:br`/`w:cr` → `\n` (a manual line break starts a new
//! line), `w:noBreakHyphen` → `-`. Left out: `w:sym`, soft hyphens, deleted and moved-away
//! text (`w:del`, `w:moveFrom`), field codes (`w:instrText`, and anything between a
//! field's `begin` and `separate`; the field *result* is kept), runs hidden with a direct
//! `w:vanish`, embedded objects, footnote and comment reference marks. Each paragraph is
//! one line ending in `\n`, Word's automatic number written at its start.
//!
//! A text box (`w:txbxContent`) is a story of its own: its paragraphs are not lines of the
//! paragraph that holds it but go, after the part's own text, into the part's list of text
//! boxes. In `footnotes.xml`/`endnotes.xml` each note is a story; separator notes are
//! skipped.
//!
//! What must stay true: no panic and no input-driven indexing; the text of the stories
//! together never exceeds the output limit; pieces and paragraphs of a story are sorted
//! by their position in its text.

use std::ops::Range;

use quick_xml::events::BytesStart;

use super::DocxError;
use super::map::{CommentMark, ParaXml, Piece, PieceXml, RunXml, TableCell};
use super::numbering::{Counters, ParagraphNumbering};
use super::xml::{Item, XmlWalker, attr, on_off};

/// Name used in [`DocxError::TooLarge`] when the extracted text itself is too long.
pub(crate) const TEXT_OUTPUT: &str = "the text extracted from the .docx";

/// Which kind of part is walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartKind {
    /// `word/document.xml`: one story, the body.
    Document,
    /// A header or footer part: one story.
    HeaderFooter,
    /// `word/footnotes.xml` or `word/endnotes.xml`: one story per note.
    Notes,
}

/// A header or footer named by a section's properties.
#[derive(Debug, Clone)]
pub(crate) struct HeaderRef {
    pub footer: bool,
    pub rel_id: String,
    pub kind: Option<String>,
    pub section: usize,
}

/// A footnote or endnote reference in the body.
#[derive(Debug, Clone)]
pub(crate) struct NoteRef {
    pub endnote: bool,
    pub id: String,
    /// The body run holding it (or holding the text box it is in).
    pub run: Option<usize>,
}

/// A paragraph of a story buffer, offsets relative to the buffer.
#[derive(Debug, Clone)]
pub(crate) struct BufParagraph {
    pub number: usize,
    pub table: Option<TableCell>,
    pub text: Range<usize>,
    pub marker_len: usize,
    pub section: usize,
    pub xml: ParaXml,
}

/// The text of one story with its paragraphs and pieces, offsets relative to `text`,
/// run indices local to the part.
#[derive(Debug, Clone, Default)]
pub(crate) struct StoryBuf {
    pub text: String,
    pub paragraphs: Vec<BufParagraph>,
    pub pieces: Vec<Piece>,
    /// For a text box: its number in the part, the paragraph and run holding it.
    pub text_box: Option<(usize, usize, Option<usize>)>,
}

/// A story of the part itself (the body, a header, one note) and its text boxes.
#[derive(Debug, Clone, Default)]
pub(crate) struct RootStory {
    /// The note id for a footnote or endnote.
    pub note_id: Option<String>,
    pub buf: StoryBuf,
    pub text_boxes: Vec<StoryBuf>,
}

/// Everything one part gave.
#[derive(Debug, Default)]
pub(crate) struct PartOut {
    /// The prefix the part binds to WordprocessingML.
    pub prefix: String,
    pub roots: Vec<RootStory>,
    pub runs: Vec<RunXml>,
    pub marks: Vec<CommentMark>,
    pub header_refs: Vec<HeaderRef>,
    pub note_refs: Vec<NoteRef>,
}

#[derive(Debug, Clone)]
enum Kind {
    Paragraph,
    PPr,
    NumPr,
    SectPr,
    Run(usize),
    RPr(usize, usize),
    /// A `w:t`: its start tag, and where the paragraph's text stood when it opened.
    Text(Option<(Range<usize>, usize, usize)>),
    /// A char element opened with a start tag: the piece to finish at its end tag.
    CharElem(Option<usize>),
    Mark(usize),
    Tracked,
    TextBox,
    Table,
    Row,
    Cell,
    Note,
    Other,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct OpenPara {
    number: usize,
    text: String,
    chars: usize,
    pieces: Vec<Piece>,
    numbering: ParagraphNumbering,
    table: Option<TableCell>,
    xml: ParaXml,
    runs: usize,
    ends_section: bool,
    section: usize,
}

#[derive(Debug, Clone, Copy)]
struct TableCtx {
    number: usize,
    row: usize,
    cell: usize,
}

/// A story being read.
#[derive(Debug, Default)]
struct StoryState {
    buf: StoryBuf,
    open: Vec<OpenPara>,
    tables: Vec<TableCtx>,
    table_count: usize,
    para_count: usize,
    run: Option<usize>,
    run_hidden: bool,
    /// Open complex fields; `true` while in the field's code (before `separate`).
    fields: Vec<bool>,
    fields_in_code: usize,
    tracked: usize,
    /// Root stories only: text boxes seen, and the current section of the body.
    text_box_count: usize,
    section: usize,
    note_id: Option<String>,
}

impl StoryState {
    fn new() -> Self {
        Self {
            section: 1,
            ..Self::default()
        }
    }

    fn visible(&self) -> bool {
        !self.run_hidden && self.fields_in_code == 0
    }
}

/// Elements whose whole subtree contributes no text.
fn is_skipped_element(local: &str) -> bool {
    matches!(
        local,
        "object"
            | "del"
            | "moveFrom"
            | "pPrChange"
            | "rPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "numberingChange"
    )
}

/// Walks one part.
pub(crate) struct PartWalker<'c, 'n> {
    kind: PartKind,
    counters: &'c mut Counters<'n>,
    max_output: u64,
    emitted: &'c mut u64,
    stack: Vec<Kind>,
    stories: Vec<StoryState>,
    text_boxes: Vec<StoryBuf>,
    out: PartOut,
}

impl<'c, 'n> PartWalker<'c, 'n> {
    pub(crate) fn new(
        kind: PartKind,
        counters: &'c mut Counters<'n>,
        max_output: u64,
        emitted: &'c mut u64,
    ) -> Self {
        let mut stories = Vec::new();
        if kind != PartKind::Notes {
            stories.push(StoryState::new());
        }
        Self {
            kind,
            counters,
            max_output,
            emitted,
            stack: Vec::new(),
            stories,
            text_boxes: Vec::new(),
            out: PartOut::default(),
        }
    }

    pub(crate) fn run(
        mut self,
        xml: &[u8],
        name: &str,
        max_depth: usize,
    ) -> Result<PartOut, DocxError> {
        let mut walker = XmlWalker::new(xml, name, max_depth);
        loop {
            match walker.next()? {
                Item::Open(e) => match self.start(&walker, &e, false) {
                    Some(kind) => self.stack.push(kind),
                    None => walker.skip_current(),
                },
                Item::Empty(e) => {
                    if let Some(kind) = self.start(&walker, &e, true) {
                        self.end(kind, walker.span())?;
                    }
                }
                Item::Close => {
                    if let Some(kind) = self.stack.pop() {
                        self.end(kind, walker.span())?;
                    }
                }
                Item::Text(text) => {
                    if matches!(self.stack.last(), Some(Kind::Text(_))) {
                        self.push_text(&text);
                    }
                }
                Item::Eof => {
                    while !self.stories.is_empty() {
                        self.finish_story();
                    }
                    self.out.prefix = walker.prefix().to_string();
                    return Ok(self.out);
                }
            }
        }
    }

    fn story(&mut self) -> Option<&mut StoryState> {
        self.stories.last_mut()
    }

    fn para(&mut self) -> Option<&mut OpenPara> {
        self.stories.last_mut()?.open.last_mut()
    }

    /// Appends run text to the open paragraph; raw newlines in `w:t` are spaces.
    fn push_text(&mut self, text: &str) {
        let Some(story) = self.stories.last_mut() else {
            return;
        };
        if !story.visible() {
            return;
        }
        if let Some(p) = story.open.last_mut() {
            for c in text.chars() {
                p.text.push(if c == '\n' || c == '\r' { ' ' } else { c });
                p.chars += 1;
            }
        }
    }

    /// Appends a char produced by markup (tab, break, hyphen) as a piece of its own.
    fn push_char(&mut self, c: char, elem: Range<usize>) -> Option<usize> {
        let story = self.stories.last_mut()?;
        if !story.visible() {
            return None;
        }
        let run = story.run?;
        let p = story.open.last_mut()?;
        let start = p.text.len();
        p.text.push(c);
        p.pieces.push(Piece {
            text: start..p.text.len(),
            chars: 1,
            para: 0,
            run,
            xml: PieceXml::Char { elem },
        });
        p.chars += 1;
        Some(p.pieces.len() - 1)
    }

    /// Handles an element start; `None` means skip its subtree.
    fn start(&mut self, walker: &XmlWalker<'_>, e: &BytesStart<'_>, empty: bool) -> Option<Kind> {
        let span = walker.span();
        let parent = self.stack.last().cloned();
        let Some(name) = walker.wml(e.name().0) else {
            return Some(Kind::Other);
        };
        if is_skipped_element(name) {
            return None;
        }
        if self.stories.is_empty() {
            return Some(match (name, self.kind) {
                ("footnote" | "endnote", PartKind::Notes) if !empty => {
                    let special = matches!(
                        attr(e, "type").as_deref(),
                        Some("separator" | "continuationSeparator" | "continuationNotice")
                    );
                    if special {
                        return None;
                    }
                    let mut story = StoryState::new();
                    story.note_id = Some(attr(e, "id").unwrap_or_default());
                    self.stories.push(story);
                    Kind::Note
                }
                // Paragraphs outside any note have no story to go to.
                ("p" | "tbl" | "txbxContent", _) => return None,
                _ => Kind::Other,
            });
        }
        let kind = match (name, parent) {
            ("p", _) => {
                let story = self.stories.last_mut()?;
                story.para_count += 1;
                let number = story.para_count;
                let table = story
                    .tables
                    .last()
                    .filter(|t| t.cell > 0)
                    .map(|t| TableCell {
                        table: t.number,
                        row: t.row,
                        cell: t.cell,
                    });
                let section = story.section;
                story.open.push(OpenPara {
                    number,
                    table,
                    section,
                    xml: ParaXml {
                        content_start: span.end,
                        content_end: None,
                    },
                    ..OpenPara::default()
                });
                Kind::Paragraph
            }
            ("pPr", Some(Kind::Paragraph)) => Kind::PPr,
            ("numPr", Some(Kind::PPr)) => Kind::NumPr,
            ("pStyle", Some(Kind::PPr)) => {
                if let Some(p) = self.para() {
                    p.numbering.style = attr(e, "val");
                }
                Kind::Other
            }
            ("numId", Some(Kind::NumPr)) => {
                if let Some(p) = self.para() {
                    p.numbering.num_id = attr(e, "val");
                }
                Kind::Other
            }
            ("ilvl", Some(Kind::NumPr)) => {
                if let Some(p) = self.para() {
                    p.numbering.ilvl = attr(e, "val").and_then(|v| v.trim().parse().ok());
                }
                Kind::Other
            }
            ("sectPr", parent) => {
                if matches!(parent, Some(Kind::PPr))
                    && let Some(p) = self.para()
                {
                    p.ends_section = true;
                }
                Kind::SectPr
            }
            ("headerReference" | "footerReference", Some(Kind::SectPr)) => {
                if self.kind == PartKind::Document && self.stories.len() == 1 {
                    let section = self.stories.first().map_or(1, |s| s.section);
                    self.out.header_refs.push(HeaderRef {
                        footer: name == "footerReference",
                        rel_id: attr(e, "id").unwrap_or_default(),
                        kind: attr(e, "type"),
                        section,
                    });
                }
                Kind::Other
            }
            ("tbl", _) => {
                let story = self.stories.last_mut()?;
                story.table_count += 1;
                let number = story.table_count;
                story.tables.push(TableCtx {
                    number,
                    row: 0,
                    cell: 0,
                });
                Kind::Table
            }
            ("tr", _) => {
                if let Some(t) = self.story().and_then(|s| s.tables.last_mut()) {
                    t.row += 1;
                    t.cell = 0;
                }
                Kind::Row
            }
            ("tc", _) => {
                if let Some(t) = self.story().and_then(|s| s.tables.last_mut()) {
                    t.cell += 1;
                }
                Kind::Cell
            }
            ("ins" | "moveTo", _) => {
                if let Some(s) = self.story() {
                    s.tracked += 1;
                }
                Kind::Tracked
            }
            ("txbxContent", _) => {
                let root = self.stories.first_mut()?;
                root.text_box_count += 1;
                let number = root.text_box_count;
                let paragraph = root.open.first().map_or(0, |p| p.number);
                let run = root.run;
                let mut story = StoryState::new();
                story.buf.text_box = Some((number, paragraph, run));
                self.stories.push(story);
                Kind::TextBox
            }
            ("r", _) => {
                let story = self.stories.last_mut()?;
                story.run_hidden = false;
                let tracked = story.tracked > 0;
                let ordinal = story.open.last_mut().map_or(0, |p| {
                    p.runs += 1;
                    p.runs
                });
                let idx = self.out.runs.len();
                self.out.runs.push(RunXml {
                    part: 0,
                    start: span.start,
                    tag_end: span.end,
                    rpr: None,
                    end: span.end,
                    tracked,
                    ordinal,
                });
                if let Some(s) = self.story() {
                    s.run = Some(idx);
                }
                Kind::Run(idx)
            }
            ("rPr", Some(Kind::Run(idx))) => Kind::RPr(idx, span.start),
            ("vanish", Some(Kind::RPr(..))) => {
                if let Some(s) = self.story() {
                    s.run_hidden = on_off(e);
                }
                Kind::Other
            }
            ("t", Some(Kind::Run(_))) => {
                let story = self.stories.last()?;
                let pending = story
                    .open
                    .last()
                    .filter(|_| story.visible() && !empty)
                    .map(|p| (span.clone(), p.text.len(), p.chars));
                Kind::Text(pending)
            }
            ("tab" | "ptab", Some(Kind::Run(_))) => Kind::CharElem(self.push_char('\t', span)),
            ("br" | "cr", Some(Kind::Run(_))) => Kind::CharElem(self.push_char('\n', span)),
            ("noBreakHyphen", Some(Kind::Run(_))) => Kind::CharElem(self.push_char('-', span)),
            ("fldChar", Some(Kind::Run(_))) => {
                self.field_char(attr(e, "fldCharType").as_deref());
                Kind::Other
            }
            ("footnoteReference" | "endnoteReference", Some(Kind::Run(_))) => {
                if self.kind == PartKind::Document {
                    let run = self.stories.first().and_then(|s| s.run);
                    self.out.note_refs.push(NoteRef {
                        endnote: name == "endnoteReference",
                        id: attr(e, "id").unwrap_or_default(),
                        run,
                    });
                }
                Kind::Other
            }
            ("commentRangeStart" | "commentRangeEnd" | "commentReference", _) => {
                let run = if name == "commentReference" {
                    self.stories.last().and_then(|s| s.run)
                } else {
                    None
                };
                self.out.marks.push(CommentMark {
                    part: 0,
                    id: attr(e, "id").unwrap_or_default(),
                    range: span,
                    run,
                });
                Kind::Mark(self.out.marks.len() - 1)
            }
            _ => Kind::Other,
        };
        Some(kind)
    }

    fn field_char(&mut self, kind: Option<&str>) {
        let Some(story) = self.story() else {
            return;
        };
        match kind {
            Some("begin") => {
                story.fields.push(true);
                story.fields_in_code = story.fields_in_code.saturating_add(1);
            }
            Some("separate") => {
                if let Some(in_code) = story.fields.last_mut().filter(|c| **c) {
                    *in_code = false;
                    story.fields_in_code = story.fields_in_code.saturating_sub(1);
                }
            }
            Some("end") => {
                let was_in_code = story.fields.pop() == Some(true);
                story.fields_in_code = story
                    .fields_in_code
                    .saturating_sub(usize::from(was_in_code));
            }
            _ => {}
        }
    }

    /// Handles an element end; `span` is its end tag (or the whole empty element).
    fn end(&mut self, kind: Kind, span: Range<usize>) -> Result<(), DocxError> {
        match kind {
            Kind::Paragraph => {
                if let Some(p) = self.para() {
                    // An empty `<w:p/>` ends where it starts: nothing can go inside.
                    if span.start >= p.xml.content_start {
                        p.xml.content_end = Some(span.start);
                    }
                }
                self.finish_paragraph()?;
            }
            Kind::PPr => {
                if let Some(p) = self.para() {
                    p.xml.content_start = span.end;
                }
            }
            Kind::Run(idx) => {
                if let Some(run) = self.out.runs.get_mut(idx) {
                    run.end = span.end;
                }
                if let Some(s) = self.story() {
                    s.run = None;
                    s.run_hidden = false;
                }
            }
            Kind::RPr(idx, start) => {
                if let Some(run) = self.out.runs.get_mut(idx) {
                    run.rpr = Some(start..span.end);
                }
            }
            Kind::Text(Some((tag, bytes_before, chars_before))) => {
                let run = self.stories.last().and_then(|s| s.run);
                if let (Some(run), Some(p)) = (run, self.para())
                    && p.chars > chars_before
                {
                    let content = tag.end..span.start;
                    p.pieces.push(Piece {
                        text: bytes_before..p.text.len(),
                        chars: p.chars - chars_before,
                        para: 0,
                        run,
                        xml: PieceXml::Text {
                            tag,
                            content,
                            end: span.end,
                        },
                    });
                }
            }
            Kind::CharElem(Some(idx)) => {
                if let Some(piece) = self.para().and_then(|p| p.pieces.get_mut(idx))
                    && let PieceXml::Char { elem } = &mut piece.xml
                {
                    elem.end = span.end;
                }
            }
            Kind::Mark(idx) => {
                if let Some(mark) = self.out.marks.get_mut(idx) {
                    mark.range.end = span.end;
                }
            }
            Kind::Tracked => {
                if let Some(s) = self.story() {
                    s.tracked = s.tracked.saturating_sub(1);
                }
            }
            Kind::Table => {
                if let Some(s) = self.story() {
                    s.tables.pop();
                }
            }
            // The root story is never popped here: only the text box's own.
            Kind::TextBox if self.stories.len() > 1 => {
                if let Some(mut story) = self.stories.pop() {
                    while !story.open.is_empty() {
                        finish_paragraph_of(
                            &mut story,
                            &mut *self.counters,
                            &mut *self.emitted,
                            self.max_output,
                        )?;
                    }
                    self.text_boxes.push(story.buf);
                }
            }
            Kind::Note => self.finish_story(),
            _ => {}
        }
        Ok(())
    }

    fn finish_paragraph(&mut self) -> Result<(), DocxError> {
        let Some(story) = self.stories.last_mut() else {
            return Ok(());
        };
        let ends_section = story.open.last().is_some_and(|p| p.ends_section);
        finish_paragraph_of(
            story,
            &mut *self.counters,
            &mut *self.emitted,
            self.max_output,
        )?;
        if ends_section
            && self.stories.len() == 1
            && self.kind == PartKind::Document
            && let Some(root) = self.stories.first_mut()
        {
            root.section += 1;
        }
        Ok(())
    }

    /// Ends the innermost open story as a root story with the text boxes seen in it.
    fn finish_story(&mut self) {
        let Some(mut story) = self.stories.pop() else {
            return;
        };
        // Unclosed paragraphs cannot happen in well-formed XML; ignore errors here.
        while !story.open.is_empty() {
            if finish_paragraph_of(
                &mut story,
                &mut *self.counters,
                &mut *self.emitted,
                self.max_output,
            )
            .is_err()
            {
                break;
            }
        }
        if story.buf.text_box.is_some() {
            self.text_boxes.push(story.buf);
            return;
        }
        let mut text_boxes = std::mem::take(&mut self.text_boxes);
        text_boxes.sort_by_key(|b| b.text_box.map_or(0, |(n, _, _)| n));
        self.out.roots.push(RootStory {
            note_id: story.note_id,
            buf: story.buf,
            text_boxes,
        });
    }
}

/// Writes the innermost open paragraph of `story` into its buffer: Word's number, the
/// text, `\n`.
fn finish_paragraph_of(
    story: &mut StoryState,
    counters: &mut Counters<'_>,
    emitted: &mut u64,
    max_output: u64,
) -> Result<(), DocxError> {
    let Some(p) = story.open.pop() else {
        return Ok(());
    };
    let marker = counters.marker(&p.numbering).unwrap_or_default();
    let buf = &mut story.buf;
    let start = buf.text.len();
    buf.text.push_str(&marker);
    buf.text.push_str(&p.text);
    let end = buf.text.len();
    buf.text.push('\n');
    let added = u64::try_from(end - start + 1).unwrap_or(u64::MAX);
    *emitted = emitted.saturating_add(added);
    if *emitted > max_output {
        return Err(DocxError::TooLarge {
            entry: TEXT_OUTPUT.to_string(),
            limit: max_output,
        });
    }
    let para = buf.paragraphs.len();
    let shift = start + marker.len();
    for mut piece in p.pieces {
        piece.text = piece.text.start + shift..piece.text.end + shift;
        piece.para = para;
        buf.pieces.push(piece);
    }
    buf.paragraphs.push(BufParagraph {
        number: p.number,
        table: p.table,
        text: start..end,
        marker_len: marker.len(),
        section: p.section,
        xml: p.xml,
    });
    Ok(())
}
