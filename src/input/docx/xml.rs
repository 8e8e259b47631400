//! A depth-checked XML event stream over one part, with the byte range of every event.
//!
//! [`XmlWalker`] streams a part with `quick-xml` without building a tree: it counts depth
//! (refusing nesting deeper than the limit, also inside skipped subtrees), skips subtrees
//! on request, resolves entity references, learns the WordprocessingML prefix from the
//! root element, and resolves markup compatibility (`mc:AlternateContent`): the first
//! `mc:Choice` that only requires Word's drawing namespaces (`wps`, `wpg`, `wpc`, the text
//! boxes and shapes of Word 2010 on) is read and its `mc:Fallback` skipped; any other
//! choice is skipped and the fallback read. So a text box, which Word writes twice (as a
//! DrawingML shape and as a VML fallback), is read exactly once.
//!
//! Every item comes with its byte range in the part ([`XmlWalker::span`]), which is what
//! lets the annotator edit the part in place without re-serialising anything else.
//!
//! What must stay true: no panic on any input; positions are byte offsets into the
//! part's bytes as given (a UTF-8 byte order mark included).

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::DocxError;

/// Namespaces of WordprocessingML (transitional and strict).
const WML_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Prefixes an `mc:Choice` may require for us to read it: Word's shapes, groups and
/// canvases, whose text boxes hold `w:txbxContent`.
const UNDERSTOOD_CHOICES: [&str; 3] = ["wps", "wpg", "wpc"];

/// What [`XmlWalker::next`] yields. Elements inside skipped subtrees never show.
pub(crate) enum Item<'a> {
    Open(BytesStart<'a>),
    Empty(BytesStart<'a>),
    Close,
    Text(Cow<'a, str>),
    Eof,
}

/// An open `mc:AlternateContent`: its depth and whether one of its choices was read.
struct Alternate {
    depth: usize,
    taken: bool,
}

/// Streams one XML part (see the module docs).
pub(crate) struct XmlWalker<'a> {
    reader: Reader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
    /// While skipping, the depth of the element being skipped.
    skip_at: Option<usize>,
    /// Prefix bound to the WordprocessingML namespace by the root (`""` = default ns).
    prefix: Option<String>,
    /// Depths of open markup-compatibility wrappers that are not reported: their
    /// content shows as content of the wrapper's parent.
    transparent: Vec<usize>,
    alternates: Vec<Alternate>,
    /// Byte range of the item last returned.
    span: Range<usize>,
    /// Bytes before what the reader reads: a UTF-8 byte order mark, which the reader
    /// would skip without counting.
    base: usize,
}

impl<'a> XmlWalker<'a> {
    pub(crate) fn new(xml: &'a [u8], part: &'a str, max_depth: usize) -> Self {
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        let (base, xml) = match xml.strip_prefix(BOM) {
            Some(rest) => (BOM.len(), rest),
            None => (0, xml),
        };
        Self {
            reader: Reader::from_reader(xml),
            part,
            depth: 0,
            max_depth,
            skip_at: None,
            prefix: None,
            transparent: Vec::new(),
            alternates: Vec::new(),
            span: 0..0,
            base,
        }
    }

    pub(crate) fn xml_error(&self, message: impl std::fmt::Display) -> DocxError {
        DocxError::Xml(format!(
            "{} at byte {}: {message}",
            self.part,
            self.reader.error_position() + self.base as u64
        ))
    }

    /// Byte range of the item last returned: a whole start, end or empty tag, or the
    /// raw text (or one entity reference) of a text item.
    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Skips the rest of the element just returned as [`Item::Open`].
    pub(crate) fn skip_current(&mut self) {
        self.skip_at = Some(self.depth);
    }

    /// The prefix bound to WordprocessingML (`w` unless the root says otherwise).
    pub(crate) fn prefix(&self) -> &str {
        self.prefix.as_deref().unwrap_or("w")
    }

    /// The local name of a WordprocessingML element or attribute name, else `None`.
    pub(crate) fn wml<'n>(&self, qname: &'n str) -> Option<&'n str> {
        let prefix = self.prefix();
        if prefix.is_empty() {
            (!qname.contains(':')).then_some(qname)
        } else {
            qname.strip_prefix(prefix)?.strip_prefix(':')
        }
    }

    fn learn_prefix(&mut self, root: &BytesStart<'_>) {
        let mut prefix = None;
        for attr in root.attributes().with_checks(false).flatten() {
            let key = attr.key.as_ref();
            let bound = if key == "xmlns" {
                Some("")
            } else {
                key.strip_prefix("xmlns:")
            };
            let is_wml = WML_NAMESPACES.contains(&attr.value.as_ref());
            if let Some(p) = bound.filter(|_| is_wml) {
                prefix = Some(p.to_string());
                break;
            }
        }
        self.prefix = Some(prefix.unwrap_or_else(|| "w".to_string()));
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position())
            .unwrap_or(usize::MAX)
            .saturating_add(self.base)
    }

    pub(crate) fn next(&mut self) -> Result<Item<'a>, DocxError> {
        loop {
            let start = self.position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err(self.xml_error(e)),
            };
            let end = self.position();
            let skipping = self.skip_at.is_some();
            let item = match event {
                Event::Start(e) => {
                    self.depth = self.depth.saturating_add(1);
                    if self.depth > self.max_depth {
                        return Err(DocxError::TooDeep {
                            limit: self.max_depth,
                        });
                    }
                    if self.prefix.is_none() {
                        self.learn_prefix(&e);
                    }
                    if skipping {
                        continue;
                    }
                    match markup_compatibility(e.name().as_ref()) {
                        Some(Mce::Alternate) => {
                            self.alternates.push(Alternate {
                                depth: self.depth,
                                taken: false,
                            });
                            self.transparent.push(self.depth);
                            continue;
                        }
                        Some(Mce::Choice) => {
                            let parent = self.depth.saturating_sub(1);
                            let understood = attr(&e, "Requires").is_some_and(|r| {
                                let mut names = r.split_whitespace().peekable();
                                names.peek().is_some()
                                    && names.all(|n| UNDERSTOOD_CHOICES.contains(&n))
                            });
                            match self.alternates.last_mut() {
                                Some(alt) if alt.depth == parent && !alt.taken && understood => {
                                    alt.taken = true;
                                    self.transparent.push(self.depth);
                                }
                                _ => self.skip_current(),
                            }
                            continue;
                        }
                        Some(Mce::Fallback) => {
                            let parent = self.depth.saturating_sub(1);
                            let taken = self
                                .alternates
                                .last()
                                .is_some_and(|alt| alt.depth == parent && alt.taken);
                            if taken {
                                self.skip_current();
                            } else {
                                self.transparent.push(self.depth);
                            }
                            continue;
                        }
                        None => Item::Open(e),
                    }
                }
                Event::End(_) => {
                    let closing = self.depth;
                    self.depth = self.depth.saturating_sub(1);
                    if skipping {
                        if self.skip_at == Some(closing) {
                            self.skip_at = None;
                        }
                        continue;
                    }
                    if self.transparent.last() == Some(&closing) {
                        self.transparent.pop();
                        if self.alternates.last().is_some_and(|a| a.depth == closing) {
                            self.alternates.pop();
                        }
                        continue;
                    }
                    Item::Close
                }
                Event::Empty(e) => {
                    if self.depth >= self.max_depth {
                        return Err(DocxError::TooDeep {
                            limit: self.max_depth,
                        });
                    }
                    if self.prefix.is_none() {
                        self.learn_prefix(&e);
                    }
                    if skipping || markup_compatibility(e.name().as_ref()).is_some() {
                        continue;
                    }
                    Item::Empty(e)
                }
                Event::Text(t) if !skipping => Item::Text(t.xml10_content()),
                Event::CData(t) if !skipping => Item::Text(t.xml10_content()),
                Event::GeneralRef(r) if !skipping => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        Ok(None) => match predefined_entity(&r) {
                            Some(s) => Cow::Borrowed(s),
                            None => {
                                return Err(self.xml_error(format!("unknown entity &{};", &*r)));
                            }
                        },
                        Err(e) => return Err(self.xml_error(e)),
                    };
                    Item::Text(resolved)
                }
                Event::Eof => {
                    if self.depth != 0 {
                        return Err(self.xml_error("unexpected end of the part"));
                    }
                    Item::Eof
                }
                _ => continue,
            };
            self.span = start..end;
            return Ok(item);
        }
    }
}

/// Markup-compatibility elements (any prefix).
enum Mce {
    Alternate,
    Choice,
    Fallback,
}

/// Unprefixed names are never markup compatibility, whose namespace is not a default one.
fn markup_compatibility(qname: &str) -> Option<Mce> {
    match qname.rsplit_once(':')?.1 {
        "AlternateContent" => Some(Mce::Alternate),
        "Choice" => Some(Mce::Choice),
        "Fallback" => Some(Mce::Fallback),
        _ => None,
    }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    match name {
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "apos" => Some("'"),
        "quot" => Some("\""),
        _ => None,
    }
}

/// The value of the attribute whose local name is `local` (`w:val` → `val`).
pub(crate) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| {
            let key = a.key.as_ref();
            key.rsplit_once(':').map_or(key, |(_, l)| l) == local
        })
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(Cow::into_owned)
}

/// An OOXML on/off property: present without `w:val`, or with a true value.
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// An on/off attribute such as `w:default="1"`; absent means off.
pub(crate) fn on_off_attr(e: &BytesStart<'_>, local: &str) -> bool {
    matches!(attr(e, local).as_deref(), Some("1" | "true" | "on"))
}

/// A decimal number attribute clamped into `u32` (negative values become 0).
pub(crate) fn attr_u32(e: &BytesStart<'_>, local: &str) -> Option<u32> {
    let value: i64 = attr(e, local)?.trim().parse().ok()?;
    u32::try_from(value.clamp(0, i64::from(u32::MAX))).ok()
}

/// Where the `k`-th char (0-based) of an element's decoded text starts in its raw
/// content, counting as the walker decodes: an entity or character reference is one
/// char, `\r\n` is one char, CDATA content counts char by char, comments and processing
/// instructions count nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawPoint {
    /// Byte offset in the raw content.
    pub offset: usize,
    /// Whether the offset lies inside a CDATA section.
    pub in_cdata: bool,
}

/// The raw position of char `k` of `raw` (see [`RawPoint`]); `None` if the content has
/// fewer chars or is not what the walker decoded.
pub(crate) fn raw_point(raw: &[u8], k: usize) -> Option<RawPoint> {
    let mut i = 0;
    let mut seen = 0;
    let mut in_cdata = false;
    while i < raw.len() {
        let rest = raw.get(i..)?;
        if in_cdata {
            if rest.starts_with(b"]]>") {
                in_cdata = false;
                i += 3;
                continue;
            }
        } else if rest.starts_with(b"<![CDATA[") {
            in_cdata = true;
            i += 9;
            continue;
        } else if rest.starts_with(b"<!--") {
            i += 4 + find(rest.get(4..)?, b"-->")? + 3;
            continue;
        } else if rest.starts_with(b"<?") {
            i += 2 + find(rest.get(2..)?, b"?>")? + 2;
            continue;
        } else if rest.first() == Some(&b'<') {
            return None;
        }
        if seen == k {
            return Some(RawPoint {
                offset: i,
                in_cdata,
            });
        }
        let width = if !in_cdata && rest.first() == Some(&b'&') {
            find(rest, b";")? + 1
        } else if rest.starts_with(b"\r\n") {
            2
        } else {
            utf8_width(*rest.first()?)
        };
        i += width;
        seen += 1;
    }
    (seen == k).then_some(RawPoint {
        offset: raw.len(),
        in_cdata,
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn utf8_width(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_points_count_like_the_decoder() {
        // (raw content, k, expected offset)
        let cases: &[(&str, usize, Option<usize>)] = &[
            ("abc", 0, Some(0)),
            ("abc", 2, Some(2)),
            ("abc", 3, Some(3)),
            ("abc", 4, None),
            ("一二", 1, Some(3)),
            ("A&amp;B", 1, Some(1)),
            ("A&amp;B", 2, Some(6)),
            ("&#x4E00;x", 1, Some(8)),
            ("a\r\nb", 2, Some(3)),
            ("a<!-- c -->b", 1, Some(11)),
            ("<![CDATA[<x>]]>y", 1, Some(10)),
            ("<![CDATA[<x>]]>y", 3, Some(15)),
            ("a<b/>", 1, None),
        ];
        for &(raw, k, want) in cases {
            assert_eq!(
                raw_point(raw.as_bytes(), k).map(|p| p.offset),
                want,
                "{raw:?} char {k}"
            );
        }
        assert!(raw_point(b"<![CDATA[xy]]>", 1).unwrap().in_cdata);
    }

    #[test]
    fn spans_cover_each_event() {
        let xml = "<w:document xmlns:w=\"x\"><w:t>a&amp;b</w:t><w:br/></w:document>";
        let mut w = XmlWalker::new(xml.as_bytes(), "t", 10);
        let mut seen = Vec::new();
        loop {
            let item = w.next().unwrap();
            let eof = matches!(item, Item::Eof);
            seen.push(&xml[w.span()]);
            if eof {
                break;
            }
        }
        assert_eq!(
            seen,
            [
                "<w:document xmlns:w=\"x\">",
                "<w:t>",
                "a",
                "&amp;",
                "b",
                "</w:t>",
                "<w:br/>",
                "</w:document>",
                ""
            ]
        );
    }

    #[test]
    fn drawing_choices_are_read_and_their_fallback_skipped() {
        let xml = r#"<r xmlns:mc="m"><mc:AlternateContent><mc:Choice Requires="wps"><a>1</a></mc:Choice><mc:Fallback><b>2</b></mc:Fallback></mc:AlternateContent><mc:AlternateContent><mc:Choice Requires="w14"><c>3</c></mc:Choice><mc:Fallback><d>4</d></mc:Fallback></mc:AlternateContent></r>"#;
        let mut w = XmlWalker::new(xml.as_bytes(), "t", 10);
        let mut text = String::new();
        loop {
            match w.next().unwrap() {
                Item::Text(t) => text.push_str(&t),
                Item::Eof => break,
                _ => {}
            }
        }
        assert_eq!(text, "14");
    }
}
