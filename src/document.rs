//! The decoded document and its line index.
//!
//! Every analyzer works on a [`Document`]: decoded UTF-8 text (BOM removed) plus a
//! [`LineIndex`] that turns byte offsets into the 1-based line and char column that
//! DESIGN.md fixes. What must stay true: `\r\n`, `\n` and `\r` each end exactly one
//! line, columns count Unicode scalar values, and every [`Span`] slices the text on
//! char boundaries.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::input::docx::{Extracted, WordLocation, WordMap};

/// A decoded document, ready for the analyzers.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given or found (`-` for standard input), GBK file names decoded.
    pub path: String,
    /// The exact bytes of a file name that is not UTF-8, in hex; `None` otherwise.
    pub path_bytes: Option<String>,
    /// Name of the encoding the bytes were decoded from (`UTF-8`, `GBK`, …).
    pub encoding: String,
    /// Problems met while reading that did not stop the analysis (lossy decoding, a
    /// damaged header of a .docx).
    pub warnings: Vec<String>,
    /// For a Word file: where each span of the text sits in it (see
    /// [`Document::word_location`]).
    pub word: Option<Arc<WordMap>>,
    /// What kind of file the text came from.
    pub format: SourceFormat,
    /// For a legacy file LibreOffice converted: the `.docx` it made, which an annotated
    /// copy starts from.
    pub converted: Option<Arc<Vec<u8>>>,
    text: String,
    lines: LineIndex,
}

impl Document {
    /// Builds a document from already decoded text. A leading BOM is dropped.
    pub fn new(path: impl Into<String>, encoding: impl Into<String>, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let lines = LineIndex::new(&text);
        Document {
            path: path.into(),
            path_bytes: None,
            encoding: encoding.into(),
            warnings: Vec::new(),
            word: None,
            format: SourceFormat::Text,
            converted: None,
            text,
            lines,
        }
    }

    /// A document from the text of a Word file and its map. The text is kept as it is
    /// (a leading U+FEFF is a character of the document there, not a byte order mark),
    /// so that the map's offsets stay right.
    pub fn from_word(path: impl Into<String>, extracted: Extracted) -> Self {
        let Extracted {
            text,
            map,
            warnings,
        } = extracted;
        let lines = LineIndex::new(&text);
        Document {
            path: path.into(),
            path_bytes: None,
            // The XML of a .docx is UTF-8 (Word writes nothing else).
            encoding: "UTF-8".to_string(),
            warnings,
            word: Some(Arc::new(map)),
            format: SourceFormat::Docx,
            converted: None,
            text,
            lines,
        }
    }

    /// Where the span `byte_start..byte_end` starts in the Word file the document was
    /// read from: part, text box, paragraph, table cell, run and char offset; `None` for
    /// a document that is not from a Word file.
    pub fn word_location(&self, byte_start: usize, byte_end: usize) -> Option<WordLocation> {
        self.word
            .as_ref()?
            .location(&self.text, byte_start, byte_end)
    }

    /// A short quote of the span to find it by: the span with up to [`QUOTE_CONTEXT`]
    /// chars of its line on each side, `…` where the line goes on; a span longer than
    /// [`QUOTE_MAX`] chars keeps its first and last chars around a `…`. Never crosses a
    /// line end.
    pub fn quote(&self, byte_start: usize, byte_end: usize) -> String {
        quote(&self.text, byte_start, byte_end)
    }

    /// A UTF-8 document from a string, handy for tests and library users.
    pub fn from_str(path: impl Into<String>, text: &str) -> Self {
        Self::new(path, "UTF-8", text.to_string())
    }

    /// The decoded text (no BOM).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line index of the text.
    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// Number of chars (Unicode scalar values) in the text.
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// The lines of the text, without their terminators.
    pub fn lines(&self) -> impl Iterator<Item = Line<'_>> + '_ {
        self.lines.ranges().map(|(number, start, end)| Line {
            number,
            byte_start: start,
            text: &self.text[start..end],
        })
    }

    /// Line `number` (1-based), found directly in the index.
    pub fn line(&self, number: usize) -> Option<Line<'_>> {
        let &(start, end) = self.lines.lines.get(number.checked_sub(1)?)?;
        Some(Line {
            number,
            byte_start: start,
            text: self.text.get(start..end)?,
        })
    }

    /// Line and column of a byte offset (clamped to the text, moved back to a char boundary).
    pub fn position(&self, byte: usize) -> Position {
        self.lines.position(&self.text, byte)
    }

    /// The span of `byte_start..byte_end`.
    pub fn span(&self, byte_start: usize, byte_end: usize) -> Span {
        let start = self.position(byte_start);
        let end = self.position(byte_end);
        Span {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start,
            byte_end,
        }
    }
}

/// Chars of context [`Document::quote`] shows on each side of a span.
pub const QUOTE_CONTEXT: usize = 6;
/// Longest span [`Document::quote`] shows whole, in chars.
pub const QUOTE_MAX: usize = 20;

/// See [`Document::quote`].
fn quote(text: &str, byte_start: usize, byte_end: usize) -> String {
    let floor = |mut b: usize| {
        b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let start = floor(byte_start);
    let end = floor(byte_end.max(start));
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let end = end.min(line_end);
    let before: Vec<char> = text[line_start..start].chars().collect();
    let after: Vec<char> = text[end..line_end].chars().collect();
    let span: Vec<char> = text[start..end].chars().collect();
    let mut out = String::new();
    let shown_before = before.len().min(QUOTE_CONTEXT);
    if shown_before < before.len() {
        out.push('…');
    }
    out.extend(&before[before.len() - shown_before..]);
    if span.len() > QUOTE_MAX {
        let half = QUOTE_MAX / 2;
        out.extend(&span[..half]);
        out.push('…');
        out.extend(&span[span.len() - half..]);
    } else {
        out.extend(&span);
    }
    let shown_after = after.len().min(QUOTE_CONTEXT);
    out.extend(&after[..shown_after]);
    if shown_after < after.len() {
        out.push('…');
    }
    out
}

/// What kind of file a document's text came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SourceFormat {
    /// Plain text or Markdown (any encoding), or standard input.
    #[default]
    Text,
    /// A Word `.docx`.
    Docx,
    /// A legacy file (`doc`, `wps`, `odt`, `rtf`: its extension) LibreOffice converted
    /// to `.docx`.
    Converted(String),
}

impl SourceFormat {
    /// The name used in output: `text`, `docx`, or the legacy extension.
    pub fn name(&self) -> &str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Docx => "docx",
            SourceFormat::Converted(ext) => ext,
        }
    }
}

/// One line of a document.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's first char in the document text.
    pub byte_start: usize,
    /// The line's text without its terminator.
    pub text: &'a str,
}

/// A 1-based line and char column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in chars.
    pub column: usize,
}

/// A region of the text, with both char positions and byte offsets.
///
/// `end_line`/`end_column` point just past the last char, like `byte_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// 1-based line of the first char.
    pub line: usize,
    /// 1-based char column of the first char.
    pub column: usize,
    /// 1-based line just past the end.
    pub end_line: usize,
    /// 1-based char column just past the end.
    pub end_column: usize,
    /// Byte offset of the first char in the decoded text.
    pub byte_start: usize,
    /// Byte offset just past the last char.
    pub byte_end: usize,
}

/// Bytes between two column checkpoints in a long line.
const CHECKPOINT_BYTES: usize = 4096;

/// Byte offsets of line starts and ends, built once per document.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// `(content_start, content_end)` per line; the terminator lies between one
    /// line's end and the next line's start.
    lines: Vec<(usize, usize)>,
    /// `(byte, chars before it on its line)` about every [`CHECKPOINT_BYTES`] of the
    /// lines longer than that, in byte order, built on the first column asked for: a
    /// column is counted from the nearest checkpoint, so the 55 000 slots of a 5 MB
    /// one-line file cost seconds less than counting each from the line start.
    checkpoints: OnceLock<Vec<(usize, usize)>>,
}

impl LineIndex {
    /// Indexes `text`: `\r\n`, `\n` and `\r` each end one line.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        // memchr2 skips the long stretches between line ends at SIMD speed.
        let mut from = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', bytes.get(from..).unwrap_or_default())
        {
            let i = from + found;
            lines.push((start, i));
            let crlf = bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n');
            from = i + if crlf { 2 } else { 1 };
            start = from;
        }
        // A final line without terminator; an empty text has one empty line.
        if start < bytes.len() || lines.is_empty() {
            lines.push((start, bytes.len()));
        }
        LineIndex {
            lines,
            checkpoints: OnceLock::new(),
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no lines (never true: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// `(line number, content start, content end)` for every line.
    pub fn ranges(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| (i + 1, s, e))
    }

    /// Line and column of `byte` in `text`.
    pub fn position(&self, text: &str, byte: usize) -> Position {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        // The last line whose start is at or before `byte`.
        let idx = self
            .lines
            .partition_point(|&(start, _)| start <= byte)
            .saturating_sub(1);
        let start = self.lines.get(idx).map_or(0, |&(s, _)| s);
        let checkpoints = self
            .checkpoints
            .get_or_init(|| self.build_checkpoints(text));
        let nearest = checkpoints
            .partition_point(|&(at, _)| at <= byte)
            .checked_sub(1)
            .and_then(|i| checkpoints.get(i))
            .filter(|&&(at, _)| at >= start);
        let (from, before) = nearest.copied().unwrap_or((start, 0));
        let column = before + text.get(from..byte).map_or(0, |s| s.chars().count()) + 1;
        Position {
            line: idx + 1,
            column,
        }
    }

    fn build_checkpoints(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &(start, end) in self.lines.iter().filter(|(s, e)| e - s > CHECKPOINT_BYTES) {
            let (mut at, mut chars) = (start, 0);
            loop {
                let mut next = at + CHECKPOINT_BYTES;
                while next < end && !text.is_char_boundary(next) {
                    next += 1;
                }
                if next >= end {
                    break;
                }
                chars += text.get(at..next).map_or(0, |s| s.chars().count());
                out.push((next, chars));
                at = next;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, byte: usize) -> (usize, usize) {
        let p = Document::from_str("t", text).position(byte);
        (p.line, p.column)
    }

    #[test]
    fn line_endings_each_end_one_line() {
        let doc = Document::from_str("t", "a\r\nb\nc\rd");
        let lines: Vec<_> = doc.lines().map(|l| (l.number, l.text)).collect();
        assert_eq!(lines, vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
    }

    #[test]
    fn line_by_number_matches_the_iterator() {
        let doc = Document::from_str("t", "a\r\nb\n\rc");
        for line in doc.lines() {
            let direct = doc.line(line.number).unwrap();
            assert_eq!(
                (direct.byte_start, direct.text),
                (line.byte_start, line.text)
            );
        }
        assert!(doc.line(0).is_none() && doc.line(5).is_none());
    }

    #[test]
    fn blank_lines_are_kept() {
        let doc = Document::from_str("t", "a\n\n\r\n\rb\n");
        let lines: Vec<_> = doc.lines().map(|l| l.text).collect();
        assert_eq!(lines, vec!["a", "", "", "", "b"]);
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        let text = "一、主要XX情况\n第二行X";
        assert_eq!(pos(text, "一、主要".len()), (1, 5));
        assert_eq!(pos(text, text.find('第').unwrap()), (2, 1));
        assert_eq!(pos(text, text.len() - 1), (2, 4));
    }

    #[test]
    fn bom_is_not_counted() {
        let doc = Document::from_str("t", "\u{feff}XX厅");
        assert_eq!(doc.text(), "XX厅");
        assert_eq!(doc.position(0), Position { line: 1, column: 1 });
    }

    #[test]
    fn crlf_positions() {
        let text = "ab\r\ncX";
        assert_eq!(pos(text, 5), (2, 2));
    }

    #[test]
    fn out_of_range_and_mid_char_offsets_do_not_panic() {
        let text = "中文";
        assert_eq!(pos(text, 1), (1, 1));
        assert_eq!(pos(text, 100), (1, 3));
        assert_eq!(pos("", 0), (1, 1));
    }

    /// Columns in a long line come from checkpoints; they must equal a plain count.
    #[test]
    fn long_line_columns_match_a_plain_count() {
        let text = format!("短行\n{}\r\n{}", "学习XX".repeat(3000), "a中".repeat(2000));
        let doc = Document::from_str("t", &text);
        for byte in (0..=text.len())
            .step_by(997)
            .chain([text.len(), 4096, 4099])
        {
            let mut b = byte;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let line_start = text[..b].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let want = text[line_start..b].chars().count() + 1;
            assert_eq!(doc.position(byte).column, want, "byte {byte}");
        }
    }

    /// One line a case: text, span as (find, len), quote.
    #[test]
    fn quotes_stay_on_their_line_and_stay_short() {
        let cases: &[(&str, &str, &str)] = &[
            ("2023年，XX局开展学习", "XX", "2023年，XX局开展学习"),
            (
                "一二三四五六七八九十XX一二三四五六七八九十",
                "XX",
                "…五六七八九十XX一二三四五六…",
            ),
            ("上一行\nXX厅\n下一行", "XX", "XX厅"),
            ("甲\r\n乙XX", "XX", "乙XX"),
        ];
        for (text, find, want) in cases {
            let doc = Document::from_str("t", text);
            let at = text.find(find).unwrap();
            assert_eq!(doc.quote(at, at + find.len()), *want, "{text:?}");
        }
        let long = "很".repeat(30);
        let doc = Document::from_str("t", &long);
        let q = doc.quote(0, long.len());
        assert_eq!(q.chars().count(), QUOTE_MAX + 1);
        // A span past the end is clamped to it.
        assert_eq!(doc.quote(200, 300), "…很很很很很很");
    }

    #[test]
    fn span_carries_both_offsets() {
        let doc = Document::from_str("t", "2018年，XX厅");
        let start = doc.text().find("XX").unwrap();
        let s = doc.span(start, start + 2);
        assert_eq!((s.line, s.column, s.end_line, s.end_column), (1, 7, 1, 9));
        assert_eq!(&doc.text()[s.byte_start..s.byte_end], "XX");
    }
}
