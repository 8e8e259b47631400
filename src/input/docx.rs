//! Plain text out of Word `.docx` files, for the analyzers.
//!
//! [`extract_text`] opens the zip container, reads `word/document.xml` (plus the optional
//! `word/numbering.xml` and `word/styles.xml`) and streams the XML with `quick-xml`
//! without building a tree. The output has one line per paragraph (`w:p`), every line
//! ending in `\n`, in document order; paragraphs inside table cells are lines too.
//!
//! Inside a paragraph: `w:t` text (entities resolved; a raw newline inside `w:t` becomes a
//! space), `w:tab`/`w:ptab` → `\t`, `w:br`/`w:cr` → `\n` (a manual line break starts a new
//! line), `w:noBreakHyphen` → `-`. Left out: `w:sym`, soft hyphens, deleted and moved-away
//! text (`w:del`, `w:moveFrom`), field codes (`w:instrText`, and anything between a
//! field's `begin` and `separate`; the field *result* is kept), runs hidden with a direct
//! `w:vanish`, text boxes, drawings and embedded objects, `mc:Choice` branches (the
//! `mc:Fallback` branch is read instead), headers, footers, footnotes and comments.
//!
//! Word's automatic numbering is rendered as text at the start of the line (`一、`,
//! `（一）`, `1.`): from the paragraph's own `w:numPr` or, failing that, from its paragraph
//! style (following `w:basedOn`). Markers are followed by nothing, or by one space when the
//! level's `w:suff` is `space` (Word's default tab is dropped so that `一、标题` reads like
//! typed text). Lists sharing an abstract definition share counters, as in Word, unless the
//! `w:num` has a `w:lvlOverride`, which gives it counters of its own; a level's counter
//! restarts whenever a shallower level of the same list advances. `w:lvlRestart`,
//! `w:numStyleLink`/`w:styleLink` and legacy numbering are not interpreted.
//! A damaged (unreadable or malformed) numbering or styles part is ignored, so the text
//! still comes out without markers; a damaged `word/document.xml` is an error.
//!
//! What must stay true:
//! - No panic on any input: every failure is a [`DocxError`]; no `unwrap`, `expect` or
//!   input-driven indexing (enforced below with clippy lints outside tests).
//! - Memory and time are bounded by [`DocxLimits`]: the entry count is checked before any
//!   entry is read, every entry is read through a `take(limit + 1)` reader whatever size it
//!   declares, the bytes read from all parts together and the extracted text are each at
//!   most `max_total_bytes`, and XML nesting deeper than `max_xml_depth` is refused.
//! - The output is deterministic: the same bytes always give the same text.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

const DOCUMENT_PART: &str = "word/document.xml";
const NUMBERING_PART: &str = "word/numbering.xml";
const STYLES_PART: &str = "word/styles.xml";
/// Name used in [`DocxError::TooLarge`] when the extracted text itself is too long.
const TEXT_OUTPUT: &str = "the text extracted from word/document.xml";
/// Namespaces of WordprocessingML (transitional and strict).
const WML_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Word list levels are `w:ilvl` 0..=8.
const LEVELS: usize = 9;
/// How many `w:basedOn` links are followed before giving up (cycles, hostile chains).
const MAX_STYLE_CHAIN: usize = 32;
/// Longest `w:lvlText` kept, in chars; Word's own are a few chars long.
const MAX_LVL_TEXT_CHARS: usize = 64;
/// Initial buffer for one entry, whatever size the archive declares.
const MAX_INITIAL_BUFFER: u64 = 8 << 20;

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

/// Why a `.docx` file could not be turned into text.
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
    /// `word/document.xml` is not well-formed XML (or not UTF-8).
    #[error("malformed XML in the .docx: {0}")]
    Xml(String),
    /// An entry of the archive could not be decompressed (corrupt, encrypted, unsupported).
    #[error("cannot read the .docx archive: {0}")]
    Zip(String),
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

/// Extracts the text of a `.docx` file given as bytes: one line per paragraph, each
/// ending in `\n`, with automatic list numbers written out (see the module docs).
///
/// # Errors
/// [`DocxError::NotZip`] for a non-zip or truncated file, [`DocxError::MissingDocument`],
/// [`DocxError::TooManyEntries`], [`DocxError::TooLarge`], [`DocxError::TooDeep`],
/// [`DocxError::Xml`] for malformed `word/document.xml`, [`DocxError::Zip`] for an entry
/// that cannot be decompressed.
pub fn extract_text(bytes: &[u8], limits: &DocxLimits) -> Result<String, DocxError> {
    let mut archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    if archive.len() > limits.max_entries {
        return Err(DocxError::TooManyEntries {
            count: archive.len(),
            limit: limits.max_entries,
        });
    }
    let mut budget = Budget::new(limits);
    let document =
        read_part(&mut archive, DOCUMENT_PART, &mut budget)?.ok_or(DocxError::MissingDocument)?;
    let numbering = optional_part(&mut archive, NUMBERING_PART, &mut budget, |xml| {
        parse_numbering(xml, limits.max_xml_depth)
    })?;
    let styles = optional_part(&mut archive, STYLES_PART, &mut budget, |xml| {
        parse_styles(xml, limits.max_xml_depth)
    })?;
    DocumentParser::new(&numbering, &styles, limits.max_total_bytes)
        .run(&document, limits.max_xml_depth)
}

// ---------------------------------------------------------------------------------------
// Reading zip entries within limits

/// Bytes still allowed to be read from the archive.
struct Budget {
    remaining: u64,
    entry_limit: u64,
    total_limit: u64,
}

impl Budget {
    fn new(limits: &DocxLimits) -> Self {
        Self {
            remaining: limits.max_total_bytes,
            entry_limit: limits.max_entry_bytes,
            total_limit: limits.max_total_bytes,
        }
    }

    /// The byte limit for the next entry, and the configured limit to report if exceeded.
    fn next_limit(&self) -> (u64, u64) {
        if self.entry_limit <= self.remaining {
            (self.entry_limit, self.entry_limit)
        } else {
            (self.remaining, self.total_limit)
        }
    }
}

/// Reads one entry by name; `Ok(None)` if the archive has no such entry.
fn read_part<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<Vec<u8>>, DocxError> {
    let Some(index) = archive.index_for_name(name) else {
        return Ok(None);
    };
    let file = archive
        .by_index(index)
        .map_err(|e| DocxError::Zip(format!("{name}: {e}")))?;
    let (limit, reported) = budget.next_limit();
    let declared = file.size();
    if declared > limit {
        return Err(DocxError::TooLarge {
            entry: name.to_string(),
            limit: reported,
        });
    }
    let data = read_limited(file, name, declared, limit, reported)?;
    budget.remaining = budget
        .remaining
        .saturating_sub(u64::try_from(data.len()).unwrap_or(u64::MAX));
    Ok(Some(data))
}

/// Reads at most `limit + 1` bytes whatever `reader` claims, so that a zip bomb costs at
/// most `limit + 1` bytes of memory and the time to inflate them.
fn read_limited<R: Read>(
    reader: R,
    name: &str,
    size_hint: u64,
    limit: u64,
    reported_limit: u64,
) -> Result<Vec<u8>, DocxError> {
    let initial = size_hint.min(limit).min(MAX_INITIAL_BUFFER);
    let mut data = Vec::with_capacity(usize::try_from(initial).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| DocxError::Zip(format!("{name}: {e}")))?;
    if u64::try_from(data.len()).unwrap_or(u64::MAX) > limit {
        return Err(DocxError::TooLarge {
            entry: name.to_string(),
            limit: reported_limit,
        });
    }
    Ok(data)
}

/// Reads and parses an optional part. A missing or damaged part gives the default value;
/// only limit errors are passed on.
fn optional_part<R: Read + Seek, T: Default>(
    archive: &mut ZipArchive<R>,
    name: &str,
    budget: &mut Budget,
    parse: impl FnOnce(&[u8]) -> Result<T, DocxError>,
) -> Result<T, DocxError> {
    let parsed = match read_part(archive, name, budget) {
        Ok(Some(bytes)) => parse(&bytes),
        Ok(None) => Ok(T::default()),
        Err(e) => Err(e),
    };
    match parsed {
        Ok(value) => Ok(value),
        Err(e) if e.is_limit() => Err(e),
        Err(_) => Ok(T::default()),
    }
}

// ---------------------------------------------------------------------------------------
// A depth-checked XML event stream

/// What [`XmlWalker::next`] yields. Elements inside skipped subtrees never show.
enum Item<'a> {
    Open(BytesStart<'a>),
    Empty(BytesStart<'a>),
    Close,
    Text(Cow<'a, str>),
    Eof,
}

/// Streams one XML part: counts depth, skips subtrees on request and `mc:Choice`
/// branches always, resolves entity references, and learns the WordprocessingML prefix
/// from the root element.
struct XmlWalker<'a> {
    reader: Reader<&'a [u8]>,
    part: &'static str,
    depth: usize,
    max_depth: usize,
    /// While skipping, the depth of the element being skipped.
    skip_at: Option<usize>,
    /// Prefix bound to the WordprocessingML namespace by the root (`""` = default ns).
    prefix: Option<String>,
    /// Depths of open `mc:AlternateContent`/`mc:Fallback` wrappers, which are not
    /// reported: their content shows as content of the wrapper's parent.
    transparent: Vec<usize>,
}

impl<'a> XmlWalker<'a> {
    fn new(xml: &'a [u8], part: &'static str, max_depth: usize) -> Self {
        Self {
            reader: Reader::from_reader(xml),
            part,
            depth: 0,
            max_depth,
            skip_at: None,
            prefix: None,
            transparent: Vec::new(),
        }
    }

    fn xml_error(&self, message: impl std::fmt::Display) -> DocxError {
        DocxError::Xml(format!(
            "{} at byte {}: {message}",
            self.part,
            self.reader.error_position()
        ))
    }

    /// Skips the rest of the element just returned as [`Item::Open`].
    fn skip_current(&mut self) {
        self.skip_at = Some(self.depth);
    }

    /// The local name of a WordprocessingML element or attribute name, else `None`.
    fn wml<'n>(&self, qname: &'n str) -> Option<&'n str> {
        let prefix = self.prefix.as_deref().unwrap_or("w");
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
            if let Some(p) = bound.filter(|_| WML_NAMESPACES.contains(&attr.value.as_ref())) {
                prefix = Some(p.to_string());
                break;
            }
        }
        self.prefix = Some(prefix.unwrap_or_else(|| "w".to_string()));
    }

    fn next(&mut self) -> Result<Item<'a>, DocxError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err(self.xml_error(e)),
            };
            let skipping = self.skip_at.is_some();
            match event {
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
                        Some(Mce::Choice) => self.skip_current(),
                        Some(Mce::Wrapper) => self.transparent.push(self.depth),
                        None => return Ok(Item::Open(e)),
                    }
                    continue;
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
                        continue;
                    }
                    return Ok(Item::Close);
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
                    return Ok(Item::Empty(e));
                }
                Event::Text(t) if !skipping => return Ok(Item::Text(t.xml10_content())),
                Event::CData(t) if !skipping => return Ok(Item::Text(t.xml10_content())),
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
                    return Ok(Item::Text(resolved));
                }
                Event::Eof => {
                    if self.depth != 0 {
                        return Err(self.xml_error("unexpected end of the part"));
                    }
                    return Ok(Item::Eof);
                }
                _ => {}
            }
        }
    }
}

/// Markup-compatibility elements (any prefix).
enum Mce {
    /// `mc:Choice`: skipped; the `mc:Fallback` branch is read instead.
    Choice,
    /// `mc:AlternateContent`, `mc:Fallback`: their content is read in place.
    Wrapper,
}

fn markup_compatibility(qname: &str) -> Option<Mce> {
    match qname.rsplit_once(':')?.1 {
        "Choice" => Some(Mce::Choice),
        "AlternateContent" | "Fallback" => Some(Mce::Wrapper),
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
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
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
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// A decimal number attribute clamped into `u32` (negative values become 0).
fn attr_u32(e: &BytesStart<'_>, local: &str) -> Option<u32> {
    let value: i64 = attr(e, local)?.trim().parse().ok()?;
    u32::try_from(value.clamp(0, i64::from(u32::MAX))).ok()
}

/// A list level index, if it is a valid one (0..=8).
fn attr_level(e: &BytesStart<'_>, local: &str) -> Option<usize> {
    let level: usize = attr(e, local)?.trim().parse().ok()?;
    (level < LEVELS).then_some(level)
}

// ---------------------------------------------------------------------------------------
// numbering.xml

/// How a list level writes its number (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum NumFmt {
    #[default]
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Ordinal,
    ChineseCounting,
    ChineseLegal,
    IdeographDigital,
    IdeographTraditional,
    IdeographZodiac,
    IdeographEnclosedCircle,
    EnclosedCircle,
    EnclosedParen,
    EnclosedFullstop,
    FullWidth,
    Bullet,
    None,
}

impl NumFmt {
    /// `None` for `custom`, which Word pairs with a fallback format.
    fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "custom" => return None,
            "decimalZero" => Self::DecimalZero,
            "upperRoman" => Self::UpperRoman,
            "lowerRoman" => Self::LowerRoman,
            "upperLetter" => Self::UpperLetter,
            "lowerLetter" => Self::LowerLetter,
            "ordinal" => Self::Ordinal,
            "chineseCounting"
            | "chineseCountingThousand"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "koreanCounting" => Self::ChineseCounting,
            "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal" => {
                Self::ChineseLegal
            }
            "ideographDigital"
            | "taiwaneseDigital"
            | "koreanDigital"
            | "japaneseDigitalTenThousand" => Self::IdeographDigital,
            "ideographTraditional" => Self::IdeographTraditional,
            "ideographZodiac" | "ideographZodiacTraditional" => Self::IdeographZodiac,
            "ideographEnclosedCircle" => Self::IdeographEnclosedCircle,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Self::EnclosedCircle,
            "decimalEnclosedParen" => Self::EnclosedParen,
            "decimalEnclosedFullstop" => Self::EnclosedFullstop,
            "decimalFullWidth" | "decimalFullWidth2" => Self::FullWidth,
            "bullet" => Self::Bullet,
            "none" => Self::None,
            _ => Self::Decimal,
        })
    }
}

/// One level (`w:lvl`) of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    fmt: NumFmt,
    text: String,
    is_lgl: bool,
    space_after: bool,
    style: Option<String>,
}

/// A `w:num`: which abstract definition it uses and its overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_override: [Option<u32>; LEVELS],
    level_override: [Option<Level>; LEVELS],
}

impl Num {
    fn has_override(&self) -> bool {
        self.start_override.iter().any(Option::is_some)
            || self.level_override.iter().any(Option::is_some)
    }
}

/// The list definitions of `word/numbering.xml`.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, [Option<Level>; LEVELS]>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    /// The definition of level `idx` of `num`: its override, else the abstract one.
    fn level<'s>(&'s self, num: &'s Num, idx: usize) -> Option<&'s Level> {
        num.level_override
            .get(idx)
            .and_then(Option::as_ref)
            .or_else(|| {
                self.abstracts
                    .get(&num.abstract_id)?
                    .get(idx)
                    .and_then(Option::as_ref)
            })
    }

    /// The value level `idx` of `num` starts at.
    fn start(&self, num: &Num, idx: usize) -> u32 {
        num.start_override
            .get(idx)
            .copied()
            .flatten()
            .or_else(|| self.level(num, idx).map(|l| l.start))
            .unwrap_or(0)
    }

    /// The level of list `num_id` that names `style_id` in its `w:pStyle`.
    fn level_of_style(&self, num_id: &str, style_id: &str) -> Option<usize> {
        let num = self.nums.get(num_id)?;
        (0..LEVELS).find(|&i| {
            self.level(num, i)
                .is_some_and(|l| l.style.as_deref() == Some(style_id))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumKind {
    AbstractNum,
    Lvl,
    Num,
    LvlOverride,
    Other,
}

fn parse_numbering(xml: &[u8], max_depth: usize) -> Result<Numbering, DocxError> {
    let mut walker = XmlWalker::new(xml, "word/numbering.xml", max_depth);
    let mut numbering = Numbering::default();
    let mut stack: Vec<NumKind> = Vec::new();
    let mut abstract_num: Option<(String, [Option<Level>; LEVELS])> = None;
    let mut num: Option<(String, Num)> = None;
    let mut level: Option<(usize, Level)> = None;
    let mut override_idx: Option<usize> = None;

    loop {
        let (e, open) = match walker.next()? {
            Item::Open(e) => (e, true),
            Item::Empty(e) => (e, false),
            Item::Close => {
                match stack.pop() {
                    Some(NumKind::Lvl) => {
                        if let Some((idx, lvl)) = level.take() {
                            let slot = match stack.last() {
                                Some(NumKind::AbstractNum) => abstract_num
                                    .as_mut()
                                    .and_then(|(_, levels)| levels.get_mut(idx)),
                                Some(NumKind::LvlOverride) => num
                                    .as_mut()
                                    .and_then(|(_, n)| n.level_override.get_mut(idx)),
                                _ => None,
                            };
                            if let Some(slot) = slot {
                                *slot = Some(lvl);
                            }
                        }
                    }
                    Some(NumKind::AbstractNum) => {
                        if let Some((id, levels)) = abstract_num.take() {
                            numbering.abstracts.insert(id, levels);
                        }
                    }
                    Some(NumKind::Num) => {
                        if let Some((id, n)) = num.take() {
                            numbering.nums.insert(id, n);
                        }
                    }
                    Some(NumKind::LvlOverride) => override_idx = None,
                    _ => {}
                }
                continue;
            }
            Item::Text(_) => continue,
            Item::Eof => return Ok(numbering),
        };
        let parent = stack.last().copied();
        let name = walker.wml(e.name().0).unwrap_or("");
        let kind = match (name, parent) {
            ("abstractNum", _) if open => {
                abstract_num = Some((
                    attr(&e, "abstractNumId").unwrap_or_default(),
                    Default::default(),
                ));
                NumKind::AbstractNum
            }
            ("num", _) if open => {
                num = Some((attr(&e, "numId").unwrap_or_default(), Num::default()));
                NumKind::Num
            }
            ("lvl", Some(NumKind::AbstractNum | NumKind::LvlOverride)) if open => {
                level = attr_level(&e, "ilvl").map(|idx| (idx, Level::default()));
                NumKind::Lvl
            }
            ("lvlOverride", Some(NumKind::Num)) if open => {
                override_idx = attr_level(&e, "ilvl");
                NumKind::LvlOverride
            }
            ("abstractNumId", Some(NumKind::Num)) => {
                if let (Some((_, n)), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                    n.abstract_id = v;
                }
                NumKind::Other
            }
            ("startOverride", Some(NumKind::LvlOverride)) => {
                let slot = num
                    .as_mut()
                    .zip(override_idx)
                    .and_then(|((_, n), idx)| n.start_override.get_mut(idx));
                if let Some(slot) = slot {
                    *slot = Some(attr_u32(&e, "val").unwrap_or(0));
                }
                NumKind::Other
            }
            (_, Some(NumKind::Lvl)) => {
                if let Some((_, lvl)) = level.as_mut() {
                    apply_level_property(lvl, name, &e);
                }
                NumKind::Other
            }
            _ => NumKind::Other,
        };
        if open {
            stack.push(kind);
        }
    }
}

/// Applies one child element of `w:lvl` to the level being read.
fn apply_level_property(lvl: &mut Level, name: &str, e: &BytesStart<'_>) {
    match name {
        "start" => lvl.start = attr_u32(e, "val").unwrap_or(0),
        "numFmt" => {
            if let Some(fmt) = attr(e, "val").as_deref().and_then(NumFmt::parse) {
                lvl.fmt = fmt;
            }
        }
        "lvlText" => {
            lvl.text = attr(e, "val")
                .unwrap_or_default()
                .chars()
                .take(MAX_LVL_TEXT_CHARS)
                .collect();
        }
        "isLgl" => lvl.is_lgl = on_off(e),
        "suff" => lvl.space_after = attr(e, "val").as_deref() == Some("space"),
        "pStyle" => lvl.style = attr(e, "val"),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// styles.xml

/// The numbering a paragraph style carries.
#[derive(Debug, Default)]
struct StyleInfo {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// Paragraph styles of `word/styles.xml`, only as far as numbering is concerned.
#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, StyleInfo>,
    default_paragraph: Option<String>,
}

impl Styles {
    /// `(numId, ilvl)` inherited from `style_id` and the styles it is based on.
    fn numbering_of(&self, style_id: &str) -> (Option<&str>, Option<usize>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut current = Some(style_id);
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(style) = current.and_then(|id| self.styles.get(id)) else {
                break;
            };
            num_id = num_id.or(style.num_id.as_deref());
            ilvl = ilvl.or(style.ilvl);
            if num_id.is_some() && ilvl.is_some() {
                break;
            }
            current = style.based_on.as_deref();
        }
        (num_id, ilvl)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StyleKind {
    Style,
    PPr,
    NumPr,
    Other,
}

fn parse_styles(xml: &[u8], max_depth: usize) -> Result<Styles, DocxError> {
    let mut walker = XmlWalker::new(xml, "word/styles.xml", max_depth);
    let mut styles = Styles::default();
    let mut stack: Vec<StyleKind> = Vec::new();
    let mut current: Option<(String, StyleInfo)> = None;
    loop {
        let (e, open) = match walker.next()? {
            Item::Open(e) => (e, true),
            Item::Empty(e) => (e, false),
            Item::Close => {
                if stack.pop() == Some(StyleKind::Style)
                    && let Some((id, info)) = current.take()
                {
                    styles.styles.insert(id, info);
                }
                continue;
            }
            Item::Text(_) => continue,
            Item::Eof => return Ok(styles),
        };
        let parent = stack.last().copied();
        let name = walker.wml(e.name().0).unwrap_or("");
        let kind = match (name, parent) {
            ("style", _) if open => {
                let is_paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                match attr(&e, "styleId") {
                    Some(id) if is_paragraph => {
                        if on_off_attr(&e, "default") && styles.default_paragraph.is_none() {
                            styles.default_paragraph = Some(id.clone());
                        }
                        current = Some((id, StyleInfo::default()));
                        StyleKind::Style
                    }
                    _ => {
                        walker.skip_current();
                        continue;
                    }
                }
            }
            ("basedOn", Some(StyleKind::Style)) => {
                if let Some((_, info)) = current.as_mut() {
                    info.based_on = attr(&e, "val");
                }
                StyleKind::Other
            }
            ("pPr", Some(StyleKind::Style)) => StyleKind::PPr,
            ("numPr", Some(StyleKind::PPr)) => StyleKind::NumPr,
            ("numId", Some(StyleKind::NumPr)) => {
                if let Some((_, info)) = current.as_mut() {
                    info.num_id = attr(&e, "val");
                }
                StyleKind::Other
            }
            ("ilvl", Some(StyleKind::NumPr)) => {
                if let Some((_, info)) = current.as_mut() {
                    info.ilvl = attr_level(&e, "val");
                }
                StyleKind::Other
            }
            _ => StyleKind::Other,
        };
        if open {
            stack.push(kind);
        }
    }
}

/// An on/off attribute such as `w:default="1"`; absent means off.
fn on_off_attr(e: &BytesStart<'_>, local: &str) -> bool {
    matches!(attr(e, local).as_deref(), Some("1" | "true" | "on"))
}

// ---------------------------------------------------------------------------------------
// document.xml

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocKind {
    Paragraph,
    PPr,
    NumPr,
    Run,
    RPr,
    Text,
    Other,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// Which counters a list uses: shared by all `w:num` of one abstract definition, or
/// private to a `w:num` that overrides levels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(String),
    Num(String),
}

/// Elements whose whole subtree contributes no text.
fn is_skipped_element(local: &str) -> bool {
    matches!(
        local,
        "txbxContent"
            | "drawing"
            | "pict"
            | "object"
            | "del"
            | "moveFrom"
            | "pPrChange"
            | "rPrChange"
            | "sectPr"
    )
}

struct DocumentParser<'n> {
    numbering: &'n Numbering,
    styles: &'n Styles,
    max_output: u64,
    out: String,
    stack: Vec<DocKind>,
    paragraphs: Vec<Paragraph>,
    run_hidden: bool,
    /// Open complex fields; `true` while in the field's code (before `separate`).
    fields: Vec<bool>,
    fields_in_code: usize,
    counters: HashMap<CounterKey, [Option<u32>; LEVELS]>,
}

impl<'n> DocumentParser<'n> {
    fn new(numbering: &'n Numbering, styles: &'n Styles, max_output: u64) -> Self {
        Self {
            numbering,
            styles,
            max_output,
            out: String::new(),
            stack: Vec::new(),
            paragraphs: Vec::new(),
            run_hidden: false,
            fields: Vec::new(),
            fields_in_code: 0,
            counters: HashMap::new(),
        }
    }

    fn run(mut self, xml: &[u8], max_depth: usize) -> Result<String, DocxError> {
        let mut walker = XmlWalker::new(xml, "word/document.xml", max_depth);
        loop {
            match walker.next()? {
                Item::Open(e) => match self.start(&walker, &e) {
                    Some(kind) => self.stack.push(kind),
                    None => walker.skip_current(),
                },
                Item::Empty(e) => {
                    if let Some(kind) = self.start(&walker, &e) {
                        self.end(kind)?;
                    }
                }
                Item::Close => {
                    if let Some(kind) = self.stack.pop() {
                        self.end(kind)?;
                    }
                }
                Item::Text(text) => {
                    if self.stack.last() == Some(&DocKind::Text) {
                        self.push_text(&text);
                    }
                }
                Item::Eof => return Ok(self.out),
            }
        }
    }

    fn visible(&self) -> bool {
        !self.run_hidden && self.fields_in_code == 0
    }

    /// Appends run text to the open paragraph; raw newlines in `w:t` are spaces.
    fn push_text(&mut self, text: &str) {
        if !self.visible() {
            return;
        }
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.extend(
                text.chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
            );
        }
    }

    /// Appends a character produced by markup (tab, break, hyphen).
    fn push_char(&mut self, c: char) {
        if !self.visible() {
            return;
        }
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push(c);
        }
    }

    /// Handles an element start; `None` means skip its subtree.
    fn start(&mut self, walker: &XmlWalker<'_>, e: &BytesStart<'_>) -> Option<DocKind> {
        let parent = self.stack.last().copied();
        let Some(name) = walker.wml(e.name().0) else {
            return Some(DocKind::Other);
        };
        if is_skipped_element(name) {
            return None;
        }
        let kind = match (name, parent) {
            ("p", _) => {
                self.paragraphs.push(Paragraph::default());
                DocKind::Paragraph
            }
            ("pPr", Some(DocKind::Paragraph)) => DocKind::PPr,
            ("numPr", Some(DocKind::PPr)) => DocKind::NumPr,
            ("pStyle", Some(DocKind::PPr)) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = attr(e, "val");
                }
                DocKind::Other
            }
            ("numId", Some(DocKind::NumPr)) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.num_id = attr(e, "val");
                }
                DocKind::Other
            }
            ("ilvl", Some(DocKind::NumPr)) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.ilvl = attr(e, "val").and_then(|v| v.trim().parse().ok());
                }
                DocKind::Other
            }
            ("r", _) => {
                self.run_hidden = false;
                DocKind::Run
            }
            ("rPr", Some(DocKind::Run)) => DocKind::RPr,
            ("vanish", Some(DocKind::RPr)) => {
                self.run_hidden = on_off(e);
                DocKind::Other
            }
            ("t", Some(DocKind::Run)) => DocKind::Text,
            ("tab" | "ptab", Some(DocKind::Run)) => {
                self.push_char('\t');
                DocKind::Other
            }
            ("br" | "cr", Some(DocKind::Run)) => {
                self.push_char('\n');
                DocKind::Other
            }
            ("noBreakHyphen", Some(DocKind::Run)) => {
                self.push_char('-');
                DocKind::Other
            }
            ("fldChar", Some(DocKind::Run)) => {
                self.field_char(attr(e, "fldCharType").as_deref());
                DocKind::Other
            }
            _ => DocKind::Other,
        };
        Some(kind)
    }

    fn field_char(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") => {
                self.fields.push(true);
                self.fields_in_code = self.fields_in_code.saturating_add(1);
            }
            Some("separate") => {
                if let Some(in_code) = self.fields.last_mut().filter(|c| **c) {
                    *in_code = false;
                    self.fields_in_code = self.fields_in_code.saturating_sub(1);
                }
            }
            Some("end") => {
                let was_in_code = self.fields.pop() == Some(true);
                self.fields_in_code = self.fields_in_code.saturating_sub(usize::from(was_in_code));
            }
            _ => {}
        }
    }

    fn end(&mut self, kind: DocKind) -> Result<(), DocxError> {
        match kind {
            DocKind::Paragraph => {
                if let Some(p) = self.paragraphs.pop() {
                    if let Some(marker) = self.marker(&p) {
                        self.out.push_str(&marker);
                    }
                    self.out.push_str(&p.text);
                    self.out.push('\n');
                    if u64::try_from(self.out.len()).unwrap_or(u64::MAX) > self.max_output {
                        return Err(DocxError::TooLarge {
                            entry: TEXT_OUTPUT.to_string(),
                            limit: self.max_output,
                        });
                    }
                }
            }
            DocKind::Run => self.run_hidden = false,
            _ => {}
        }
        Ok(())
    }

    /// The list marker of a finished paragraph, advancing the list's counters.
    fn marker(&mut self, p: &Paragraph) -> Option<String> {
        let style_id = p
            .style
            .as_deref()
            .or(self.styles.default_paragraph.as_deref());
        let (style_num, style_ilvl) =
            style_id.map_or((None, None), |s| self.styles.numbering_of(s));
        let num_id = p.num_id.as_deref().or(style_num)?;
        if num_id.trim() == "0" {
            return None;
        }
        let idx = p
            .ilvl
            .or(style_ilvl)
            .or_else(|| style_id.and_then(|s| self.numbering.level_of_style(num_id, s)))
            .unwrap_or(0);
        let numbering = self.numbering;
        let num = numbering.nums.get(num_id)?;
        let level = numbering.level(num, idx)?;
        let key = if num.has_override() {
            CounterKey::Num(num_id.to_string())
        } else {
            CounterKey::Abstract(num.abstract_id.clone())
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let slot = counters.get_mut(idx)?;
        *slot = Some(match *slot {
            Some(c) => c.saturating_add(1),
            None => numbering.start(num, idx),
        });
        for deeper in counters.iter_mut().skip(idx.saturating_add(1)) {
            *deeper = None;
        }

        let mut marker = String::new();
        match level.fmt {
            NumFmt::Bullet => marker.extend(level.text.chars().map(|c| {
                if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                    '•'
                } else {
                    c
                }
            })),
            _ => {
                let mut chars = level.text.chars().peekable();
                while let Some(c) = chars.next() {
                    let referenced = (c == '%')
                        .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                        .flatten()
                        .filter(|d| (1..=9).contains(d));
                    let Some(d) = referenced else {
                        marker.push(c);
                        continue;
                    };
                    chars.next();
                    let k = usize::try_from(d.saturating_sub(1)).unwrap_or(0);
                    let value = counters
                        .get(k)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| numbering.start(num, k));
                    let fmt = if level.is_lgl {
                        NumFmt::Decimal
                    } else {
                        numbering.level(num, k).map_or(NumFmt::Decimal, |l| l.fmt)
                    };
                    marker.push_str(&format_number(value, fmt));
                }
            }
        }
        if level.space_after && !marker.is_empty() {
            marker.push(' ');
        }
        Some(marker)
    }
}

// ---------------------------------------------------------------------------------------
// Number formats

/// Writes `n` in the list number format `fmt`; unsupported ranges fall back to decimal.
fn format_number(n: u32, fmt: NumFmt) -> String {
    let formatted = match fmt {
        NumFmt::Decimal => None,
        NumFmt::DecimalZero => (n < 10).then(|| format!("0{n}")),
        NumFmt::UpperRoman => roman(n),
        NumFmt::LowerRoman => roman(n).map(|s| s.to_lowercase()),
        NumFmt::UpperLetter => letters(n, b'A'),
        NumFmt::LowerLetter => letters(n, b'a'),
        NumFmt::Ordinal => Some(ordinal(n)),
        NumFmt::ChineseCounting => chinese(n, &COUNTING_DIGITS, &COUNTING_UNITS, '万', true),
        NumFmt::ChineseLegal => chinese(n, &LEGAL_DIGITS, &LEGAL_UNITS, '万', false),
        NumFmt::IdeographDigital => Some(
            n.to_string()
                .chars()
                .filter_map(|c| c.to_digit(10))
                .filter_map(|d| table_char(&COUNTING_DIGITS, d))
                .collect(),
        ),
        NumFmt::IdeographTraditional => cyclic(n, &HEAVENLY_STEMS),
        NumFmt::IdeographZodiac => cyclic(n, &EARTHLY_BRANCHES),
        NumFmt::IdeographEnclosedCircle => offset_char(n, 1, 10, 0x3280)
            .map(String::from)
            .or_else(|| chinese(n, &COUNTING_DIGITS, &COUNTING_UNITS, '万', true)),
        NumFmt::EnclosedCircle => offset_char(n, 1, 20, 0x2460)
            .or_else(|| offset_char(n, 21, 35, 0x3251))
            .or_else(|| offset_char(n, 36, 50, 0x32B1))
            .map(String::from),
        NumFmt::EnclosedParen => {
            Some(offset_char(n, 1, 20, 0x2474).map_or_else(|| format!("({n})"), String::from))
        }
        NumFmt::EnclosedFullstop => {
            Some(offset_char(n, 1, 20, 0x2488).map_or_else(|| format!("{n}."), String::from))
        }
        NumFmt::FullWidth => Some(
            n.to_string()
                .chars()
                .filter_map(|c| char::from_u32(u32::from(c).saturating_add(0xFEE0)))
                .collect(),
        ),
        NumFmt::Bullet | NumFmt::None => Some(String::new()),
    };
    formatted.unwrap_or_else(|| n.to_string())
}

const COUNTING_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const COUNTING_UNITS: [char; 3] = ['十', '百', '千'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const LEGAL_UNITS: [char; 3] = ['拾', '佰', '仟'];
const HEAVENLY_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

fn table_char(table: &[char], index: u32) -> Option<char> {
    table.get(usize::try_from(index).ok()?).copied()
}

/// `n` in `first..=last` as the character `base + (n - first)`.
fn offset_char(n: u32, first: u32, last: u32, base: u32) -> Option<char> {
    if (first..=last).contains(&n) {
        char::from_u32(base.checked_add(n.checked_sub(first)?)?)
    } else {
        None
    }
}

fn cyclic(n: u32, table: &[char]) -> Option<String> {
    let len = u32::try_from(table.len()).ok()?;
    let index = n.checked_sub(1)?.checked_rem(len)?;
    table_char(table, index).map(String::from)
}

fn roman(n: u32) -> Option<String> {
    if !(1..4000).contains(&n) {
        return None;
    }
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, symbol) in PARTS {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    Some(out)
}

/// Word's letter numbering: A … Z, AA … ZZ, AAA …; up to 780 (30 repeats).
fn letters(n: u32, base: u8) -> Option<String> {
    if !(1..=780).contains(&n) {
        return None;
    }
    let index = u8::try_from((n - 1) % 26).ok()?;
    let repeat = usize::try_from((n - 1) / 26 + 1).ok()?;
    let letter = char::from(base.checked_add(index)?);
    Some(std::iter::repeat_n(letter, repeat).collect())
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Chinese counting: 一 … 十, 十一, 二十一, 一百零一, 一万零一十 …; below 10^8.
/// `short_ten` writes 10..=19 as 十… rather than 一十….
fn chinese(
    n: u32,
    digits: &[char; 10],
    units: &[char; 3],
    wan: char,
    short_ten: bool,
) -> Option<String> {
    if n >= 100_000_000 {
        return None;
    }
    let mut out = String::new();
    if n == 0 {
        out.push(digits[0]);
        return Some(out);
    }
    let high = n / 10_000;
    let low = n % 10_000;
    if high > 0 {
        chinese_below_10000(high, digits, units, short_ten, &mut out);
        out.push(wan);
        if low > 0 {
            if low < 1000 {
                out.push(zero_in_number(digits));
            }
            chinese_below_10000(low, digits, units, false, &mut out);
        }
    } else {
        chinese_below_10000(low, digits, units, short_ten, &mut out);
    }
    Some(out)
}

/// The zero written inside a number (一百零一).
fn zero_in_number(digits: &[char; 10]) -> char {
    if digits[0] == '〇' { '零' } else { digits[0] }
}

fn chinese_below_10000(
    n: u32,
    digits: &[char; 10],
    units: &[char; 3],
    short_ten: bool,
    out: &mut String,
) {
    let places = [
        (n / 1000 % 10, units.get(2)),
        (n / 100 % 10, units.get(1)),
        (n / 10 % 10, units.first()),
        (n % 10, None),
    ];
    let mut started = false;
    let mut zero_pending = false;
    for (position, (digit, unit)) in places.into_iter().enumerate() {
        if digit == 0 {
            zero_pending |= started;
            continue;
        }
        if zero_pending {
            out.push(zero_in_number(digits));
            zero_pending = false;
        }
        let drop_one = short_ten && !started && position == 2 && digit == 1;
        if let Some(c) = table_char(digits, digit).filter(|_| !drop_one) {
            out.push(c);
        }
        if let Some(u) = unit {
            out.push(*u);
        }
        started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::time::Instant;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// Builds a .docx in memory from arbitrary parts (stored, uncompressed).
    fn make_docx_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        for (name, data) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn make_docx(document_xml: &str, numbering_xml: Option<&str>) -> Vec<u8> {
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", document_xml.as_bytes()),
        ];
        if let Some(numbering) = numbering_xml {
            parts.push(("word/numbering.xml", numbering.as_bytes()));
        }
        make_docx_parts(&parts)
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
        )
    }

    fn para(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn numbered(num_id: u32, ilvl: u32, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn extract(document_xml: &str, numbering_xml: Option<&str>) -> String {
        extract_text(
            &make_docx(document_xml, numbering_xml),
            &DocxLimits::default(),
        )
        .unwrap()
    }

    fn lvl(ilvl: u32, fmt: &str, text: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>"#
        )
    }

    /// abstractNum 0: 一、 / （一） / 1. / （1）; abstractNum 1: 1. / 1.1.
    fn numbering() -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{}{}{}{}</w:abstractNum><w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>"#,
            lvl(0, "chineseCounting", "%1、"),
            lvl(1, "chineseCounting", "（%2）"),
            lvl(2, "decimal", "%3."),
            lvl(3, "decimal", "（%4）"),
            lvl(0, "decimal", "%1."),
            lvl(1, "decimal", "%1.%2."),
        )
    }

    #[test]
    fn plain_paragraphs_one_line_each() {
        let body = format!(
            "{}{}<w:p/><w:p><w:r><w:t>第二</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> 段 </w:t></w:r></w:p>",
            para("一、主要学习情况"),
            para("  内容"),
        );
        assert_eq!(
            extract(&doc(&body), None),
            "一、主要学习情况\n  内容\n\n第二 段 \n"
        );
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let xml = format!("\u{FEFF}{}", doc(&para("有BOM")));
        assert_eq!(extract(&xml, None), "有BOM\n");
    }

    #[test]
    fn large_document_streams() {
        let body =
            numbered(1, 0, "标题").repeat(2_000) + &para("正文内容，正文内容。").repeat(50_000);
        let text = extract(&doc(&body), Some(&numbering()));
        assert_eq!(text.lines().count(), 52_000);
        assert!(text.starts_with("一、标题\n二、标题\n"));
        assert!(text.contains("\n二千、标题\n正文内容，正文内容。\n"));
    }

    #[test]
    fn empty_body_gives_empty_text() {
        assert_eq!(extract(&doc(""), None), "");
    }

    #[test]
    fn table_cells_become_lines() {
        let body = format!(
            "{}<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tr><w:tc><w:tcPr/>{}{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc><w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>{}</w:tc></w:tr></w:tbl>{}",
            para("前"),
            para("A1"),
            para("A1b"),
            para("B1"),
            para("嵌套"),
            para("A2"),
            para("后"),
        );
        assert_eq!(
            extract(&doc(&body), None),
            "前\nA1\nA1b\nB1\n嵌套\nA2\n后\n"
        );
    }

    #[test]
    fn tabs_breaks_hyphens_and_symbols() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:softHyphen/><w:t>f</w:t><w:br w:type="page"/></w:r></w:p>"#;
        assert_eq!(extract(&doc(body), None), "a\tb\nc\nd-ef\n\n");
    }

    #[test]
    fn entities_and_character_references() {
        let body = para("A&amp;B &lt;x&gt; &quot;q&apos; &#x4E00;&#20108;<![CDATA[<三>]]>");
        assert_eq!(extract(&doc(&body), None), "A&B <x> \"q' 一二<三>\n");
    }

    #[test]
    fn newline_inside_text_is_a_space() {
        let body = "<w:p><w:r><w:t>a\r\nb\nc</w:t></w:r></w:p>";
        assert_eq!(extract(&doc(body), None), "a b c\n");
    }

    #[test]
    fn deleted_fields_hidden_and_text_boxes_are_skipped() {
        let body = r#"<w:p>
            <w:r><w:t>保留</w:t></w:r>
            <w:del w:id="1" w:author="x"><w:r><w:delText>删除</w:delText></w:r></w:del>
            <w:ins w:id="2" w:author="x"><w:r><w:t>插入</w:t></w:r></w:ins>
            <w:moveFrom w:id="3"><w:r><w:t>移走</w:t></w:r></w:moveFrom>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r>
            <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
            <w:r><w:t>代码</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r>
            <w:r><w:t>3</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>
            <w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r>
            <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>
            <mc:AlternateContent><mc:Choice Requires="w16se"><w:r><w16se:symEx w16se:font="Segoe UI Emoji" w16se:char="1F600"/></w:r></mc:Choice><mc:Fallback><w:r><w:t>😀</w:t></w:r></mc:Fallback></mc:AlternateContent>
            <w:r><w:t>尾</w:t></w:r>
        </w:p>"#;
        assert_eq!(extract(&doc(body), None), "保留插入39显示😀尾\n");
    }

    #[test]
    fn chinese_outline_numbering_restarts_under_each_parent() {
        let body = [
            numbered(1, 0, "主要学习情况"),
            numbered(1, 1, "制度先行"),
            numbered(1, 1, "内容丰富"),
            para("正文"),
            numbered(1, 0, "存在的问题"),
            numbered(1, 1, "学习不深"),
            numbered(1, 2, "第一点"),
            numbered(1, 2, "第二点"),
            numbered(1, 3, "细节"),
            numbered(1, 1, "联系不紧"),
            numbered(1, 2, "重新开始"),
        ]
        .concat();
        assert_eq!(
            extract(&doc(&body), Some(&numbering())),
            "一、主要学习情况\n（一）制度先行\n（二）内容丰富\n正文\n二、存在的问题\n（一）学习不深\n1.第一点\n2.第二点\n（1）细节\n（二）联系不紧\n1.重新开始\n"
        );
    }

    #[test]
    fn chinese_counting_past_ten() {
        let body: String = (1..=21).map(|i| numbered(1, 0, &i.to_string())).collect();
        let text = extract(&doc(&body), Some(&numbering()));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "一、1");
        assert_eq!(lines[9], "十、10");
        assert_eq!(lines[10], "十一、11");
        assert_eq!(lines[19], "二十、20");
        assert_eq!(lines[20], "二十一、21");
    }

    #[test]
    fn decimal_lists_share_counters_unless_overridden() {
        let body = [
            numbered(2, 0, "a"),
            numbered(2, 1, "a1"),
            numbered(2, 1, "a2"),
            numbered(2, 0, "b"),
            // numId 3 uses the same abstract list without overrides: it continues.
            numbered(3, 0, "c"),
            // numId 4 restarts with a startOverride.
            numbered(4, 0, "x"),
            numbered(4, 0, "y"),
            numbered(2, 0, "d"),
        ]
        .concat();
        assert_eq!(
            extract(&doc(&body), Some(&numbering())),
            "1.a\n1.1.a1\n1.2.a2\n2.b\n3.c\n1.x\n2.y\n4.d\n"
        );
    }

    #[test]
    fn numbering_zero_unknown_or_missing_gives_no_marker() {
        let body = [
            numbered(0, 0, "零"),
            numbered(99, 0, "未知"),
            numbered(1, 8, "无级"),
        ]
        .concat();
        assert_eq!(extract(&doc(&body), Some(&numbering())), "零\n未知\n无级\n");
        assert_eq!(extract(&doc(&numbered(1, 0, "无定义")), None), "无定义\n");
    }

    #[test]
    fn level_formats_suffix_and_legal_numbering() {
        let numbering = format!(
            r#"<w:numbering xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:suff w:val="space"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/><w:suff w:val="nothing"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2.%3"/></w:lvl><w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl><w:lvl w:ilvl="4"><w:start w:val="2"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%5"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#
        );
        let body = [
            numbered(7, 0, "罗马"),
            numbered(7, 1, "圈"),
            numbered(7, 1, "圈二"),
            numbered(7, 2, "法定"),
            numbered(7, 3, "要点"),
            numbered(7, 4, "补零"),
        ]
        .concat();
        assert_eq!(
            extract(&doc(&body), Some(&numbering)),
            "III. 罗马\n①圈\n②圈二\n3.2.1法定\n•要点\n02补零\n"
        );
    }

    #[test]
    fn numbering_from_paragraph_styles() {
        let styles = format!(
            r#"<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style><w:style w:type="character" w:styleId="c1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="loop"><w:basedOn w:val="loop"/></w:style><w:style w:type="paragraph" w:styleId="3"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
        );
        let styled = |style: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            styled("1", "标题一"),
            styled("2", "标题二"),
            styled("3", "级别来自编号定义"),
            styled("1", "标题三"),
            styled("loop", "循环"),
            para("正文"),
            r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>取消编号</w:t></w:r></w:p>"#.to_string(),
        ]
        .concat();
        let document = doc(&body);
        // Level 2 of the list names style "3", which gives no ilvl of its own.
        let numbering = numbering().replacen(
            r#"<w:lvl w:ilvl="2">"#,
            r#"<w:lvl w:ilvl="2"><w:pStyle w:val="3"/>"#,
            1,
        );
        let bytes = make_docx_parts(&[
            ("word/document.xml", document.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
        ]);
        assert_eq!(
            extract_text(&bytes, &DocxLimits::default()).unwrap(),
            "一、标题一\n（一）标题二\n1.级别来自编号定义\n二、标题三\n循环\n正文\n取消编号\n"
        );
    }

    #[test]
    fn damaged_numbering_is_ignored() {
        let body = numbered(1, 0, "标题");
        assert_eq!(
            extract(&doc(&body), Some("<w:numbering><w:abstractNum>")),
            "标题\n"
        );
    }

    #[test]
    fn other_namespace_prefixes() {
        let xml = format!(
            r#"<document xmlns="{W_NS}"><body><p><r><t>默认</t></r></p></body></document>"#
        );
        assert_eq!(extract(&xml, None), "默认\n");
        let xml = format!(
            r#"<ns0:document xmlns:ns0="{W_NS}"><ns0:body><ns0:p><ns0:r><ns0:t>前缀</ns0:t><ns0:tab/></ns0:r></ns0:p><a:p><a:r><a:t>绘图</a:t></a:r></a:p></ns0:body></ns0:document>"#
        );
        assert_eq!(extract(&xml, None), "前缀\t\n");
    }

    #[test]
    fn number_formats() {
        let counting = |n| format_number(n, NumFmt::ChineseCounting);
        let expected = [
            (1, "一"),
            (2, "二"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (55, "五十五"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1000, "一千"),
            (1001, "一千零一"),
            (10_010, "一万零一十"),
            (120_000, "十二万"),
            (0, "〇"),
        ];
        for (n, text) in expected {
            assert_eq!(counting(n), text, "{n}");
        }
        assert_eq!(counting(100_000_000), "100000000");
        assert_eq!(format_number(11, NumFmt::ChineseLegal), "壹拾壹");
        assert_eq!(format_number(3, NumFmt::IdeographTraditional), "丙");
        assert_eq!(format_number(11, NumFmt::IdeographTraditional), "甲");
        assert_eq!(format_number(105, NumFmt::IdeographDigital), "一〇五");
        assert_eq!(format_number(1, NumFmt::EnclosedCircle), "①");
        assert_eq!(format_number(21, NumFmt::EnclosedCircle), "㉑");
        assert_eq!(format_number(51, NumFmt::EnclosedCircle), "51");
        assert_eq!(format_number(2, NumFmt::EnclosedParen), "⑵");
        assert_eq!(format_number(21, NumFmt::EnclosedParen), "(21)");
        assert_eq!(format_number(1, NumFmt::EnclosedFullstop), "⒈");
        assert_eq!(format_number(1994, NumFmt::UpperRoman), "MCMXCIV");
        assert_eq!(format_number(4, NumFmt::LowerRoman), "iv");
        assert_eq!(format_number(0, NumFmt::UpperRoman), "0");
        assert_eq!(format_number(28, NumFmt::UpperLetter), "BB");
        assert_eq!(format_number(u32::MAX, NumFmt::LowerLetter), "4294967295");
        assert_eq!(format_number(12, NumFmt::FullWidth), "１２");
        assert_eq!(format_number(7, NumFmt::DecimalZero), "07");
        assert_eq!(format_number(12, NumFmt::Ordinal), "12th");
        assert_eq!(format_number(22, NumFmt::Ordinal), "22nd");
        for n in [0, 1, 99, 9999, 10_000, 99_999_999, u32::MAX] {
            for fmt in [
                NumFmt::ChineseCounting,
                NumFmt::ChineseLegal,
                NumFmt::IdeographZodiac,
                NumFmt::IdeographEnclosedCircle,
                NumFmt::EnclosedCircle,
                NumFmt::FullWidth,
            ] {
                assert!(!format_number(n, fmt).is_empty());
            }
        }
    }

    #[test]
    fn not_a_zip() {
        let err = extract_text(b"PK\x03\x04 not really", &DocxLimits::default()).unwrap_err();
        assert!(matches!(err, DocxError::NotZip(_)), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("not a valid .docx (zip) file: ")
        );
        let err = extract_text(b"", &DocxLimits::default()).unwrap_err();
        assert!(matches!(err, DocxError::NotZip(_)), "{err:?}");
    }

    #[test]
    fn truncated_zip() {
        let bytes = make_docx(&doc(&para("正文")), Some(&numbering()));
        for cut in [bytes.len() / 2, bytes.len() - 1, 10] {
            assert!(extract_text(&bytes[..cut], &DocxLimits::default()).is_err());
        }
    }

    #[test]
    fn zip_without_document() {
        let bytes = make_docx_parts(&[("word/styles.xml", b"<w:styles/>")]);
        let err = extract_text(&bytes, &DocxLimits::default()).unwrap_err();
        assert!(matches!(err, DocxError::MissingDocument), "{err:?}");
    }

    #[test]
    fn too_many_entries() {
        let mut parts: Vec<(String, Vec<u8>)> = (0..11)
            .map(|i| (format!("word/media/{i}.bin"), vec![]))
            .collect();
        parts.push(("word/document.xml".into(), doc("").into_bytes()));
        let refs: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        let bytes = make_docx_parts(&refs);
        let limits = DocxLimits {
            max_entries: 10,
            ..DocxLimits::default()
        };
        let err = extract_text(&bytes, &limits).unwrap_err();
        assert!(
            matches!(
                err,
                DocxError::TooManyEntries {
                    count: 12,
                    limit: 10
                }
            ),
            "{err:?}"
        );
        assert!(extract_text(&bytes, &DocxLimits::default()).is_ok());
    }

    /// A raw deflate stream of `1 + 258 * matches` zero bytes: one fixed-Huffman block
    /// holding a literal 0 and `matches` copies of (length 258, distance 1).
    fn deflate_zeros(matches: usize) -> (Vec<u8>, u64) {
        struct Bits {
            out: Vec<u8>,
            acc: u64,
            n: u32,
        }
        impl Bits {
            fn put(&mut self, value: u64, len: u32) {
                self.acc |= value << self.n;
                self.n += len;
                while self.n >= 8 {
                    self.out.push(self.acc as u8);
                    self.acc >>= 8;
                    self.n -= 8;
                }
            }
            /// Huffman codes go most significant bit first.
            fn code(&mut self, code: u64, len: u32) {
                let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
                self.put(reversed, len);
            }
        }
        let mut bits = Bits {
            out: Vec::with_capacity(matches * 13 / 8 + 16),
            acc: 0,
            n: 0,
        };
        bits.put(1, 1); // BFINAL
        bits.put(1, 2); // BTYPE = fixed Huffman
        bits.code(0x30, 8); // literal 0
        for _ in 0..matches {
            bits.code(0xC5, 8); // length symbol 285 = 258
            bits.code(0, 5); // distance code 0 = 1
        }
        bits.code(0, 7); // end of block
        bits.put(0, 7); // flush
        (bits.out, 1 + 258 * matches as u64)
    }

    /// A one-entry zip with raw `data`, declaring `declared_size` and a zero CRC.
    fn raw_zip(name: &str, method: u16, data: &[u8], declared_size: u32) -> Vec<u8> {
        let mut z = Vec::new();
        let name = name.as_bytes();
        let u16le = |z: &mut Vec<u8>, v: u16| z.extend_from_slice(&v.to_le_bytes());
        let u32le = |z: &mut Vec<u8>, v: u32| z.extend_from_slice(&v.to_le_bytes());
        let common = |z: &mut Vec<u8>| {
            u16le(z, 20); // version needed
            u16le(z, 0); // flags
            u16le(z, method);
            u16le(z, 0); // time
            u16le(z, 0x21); // date 1980-01-01
            u32le(z, 0); // crc (never reached)
            u32le(z, data.len() as u32);
            u32le(z, declared_size);
            u16le(z, name.len() as u16);
            u16le(z, 0); // extra
        };
        u32le(&mut z, 0x0403_4b50);
        common(&mut z);
        z.extend_from_slice(name);
        z.extend_from_slice(data);
        let cd_start = z.len() as u32;
        u32le(&mut z, 0x0201_4b50);
        u16le(&mut z, 20); // version made by
        common(&mut z);
        u16le(&mut z, 0); // comment
        u16le(&mut z, 0); // disk
        u16le(&mut z, 0); // internal attributes
        u32le(&mut z, 0); // external attributes
        u32le(&mut z, 0); // local header offset
        z.extend_from_slice(name);
        let cd_size = z.len() as u32 - cd_start;
        u32le(&mut z, 0x0605_4b50);
        u16le(&mut z, 0);
        u16le(&mut z, 0);
        u16le(&mut z, 1);
        u16le(&mut z, 1);
        u32le(&mut z, cd_size);
        u32le(&mut z, cd_start);
        u16le(&mut z, 0);
        z
    }

    #[test]
    fn zip_bomb_is_refused_quickly() {
        let started = Instant::now();
        let (deflated, size) = deflate_zeros(812_850); // 200 MiB of zeros
        assert!(size >= 200 << 20);
        assert!(deflated.len() < 2 << 20);
        let limits = DocxLimits::default();

        // Honest declared size: refused before inflating anything.
        let bomb = raw_zip("word/document.xml", 8, &deflated, size as u32);
        let err = extract_text(&bomb, &limits).unwrap_err();
        assert!(
            matches!(&err, DocxError::TooLarge { entry, limit } if entry == "word/document.xml" && *limit == 64 << 20),
            "{err:?}"
        );
        assert!(err.to_string().contains("zip bomb"));

        // Lying declared size: refused as soon as the data outgrows it.
        let liar = raw_zip("word/document.xml", 8, &deflated, 1000);
        assert!(extract_text(&liar, &limits).is_err());

        // The take(limit + 1) guard itself: a real inflater over the bomb, trusting nothing.
        let inflater = zip::ZipArchive::new(Cursor::new(&bomb[..]));
        let mut archive = inflater.unwrap();
        let entry = archive.by_index(0).unwrap();
        let err = read_limited(entry, "word/document.xml", 0, 4 << 20, 4 << 20).unwrap_err();
        assert!(matches!(err, DocxError::TooLarge { limit, .. } if limit == 4 << 20));
        let err =
            read_limited(std::io::repeat(0), "endless", u64::MAX, 1 << 20, 1 << 20).unwrap_err();
        assert!(matches!(err, DocxError::TooLarge { .. }));
        // Inflating nothing but 4 MiB, this takes well under a second even unoptimised.
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }

    #[test]
    fn total_budget_is_enforced() {
        let document = doc(&para("正文"));
        let numbering = numbering();
        let bytes = make_docx(&document, Some(&numbering));
        let limits = DocxLimits {
            max_total_bytes: document.len() as u64 + 10,
            ..DocxLimits::default()
        };
        let err = extract_text(&bytes, &limits).unwrap_err();
        assert!(
            matches!(&err, DocxError::TooLarge { entry, .. } if entry == "word/numbering.xml"),
            "{err:?}"
        );
        let limits = DocxLimits {
            max_entry_bytes: 100,
            ..DocxLimits::default()
        };
        assert!(matches!(
            extract_text(&bytes, &limits),
            Err(DocxError::TooLarge { limit: 100, .. })
        ));
    }

    #[test]
    fn output_is_bounded_by_the_total_limit() {
        // Long list markers on many empty paragraphs amplify the text; the cap holds.
        let numbering = format!(
            r#"<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="99999999"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
            "%1".repeat(100)
        );
        let body =
            r#"<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:p>"#.repeat(2000);
        let document = doc(&body);
        let bytes = make_docx(&document, Some(&numbering));
        let limits = DocxLimits {
            max_total_bytes: 200_000,
            ..DocxLimits::default()
        };
        let err = extract_text(&bytes, &limits).unwrap_err();
        assert!(
            matches!(err, DocxError::TooLarge { limit: 200_000, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let depth = 10_000;
        let body = format!("{}{}", "<w:sdt>".repeat(depth), "</w:sdt>".repeat(depth));
        let err = extract_text(&make_docx(&doc(&body), None), &DocxLimits::default()).unwrap_err();
        assert!(matches!(err, DocxError::TooDeep { limit: 256 }), "{err:?}");
        // Also inside skipped subtrees and optional parts.
        let body = format!(
            "<w:drawing>{}{}</w:drawing>",
            "<x>".repeat(300),
            "</x>".repeat(300)
        );
        let err = extract_text(&make_docx(&doc(&body), None), &DocxLimits::default()).unwrap_err();
        assert!(matches!(err, DocxError::TooDeep { .. }), "{err:?}");
        let numbering = format!("{}{}", "<a>".repeat(300), "</a>".repeat(300));
        let err = extract_text(
            &make_docx(&doc(""), Some(&numbering)),
            &DocxLimits::default(),
        )
        .unwrap_err();
        assert!(matches!(err, DocxError::TooDeep { .. }), "{err:?}");
        // Exactly at the limit is fine.
        let limits = DocxLimits {
            max_xml_depth: 6,
            ..DocxLimits::default()
        };
        let xml = format!(
            r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>ok</w:t><w:tab/></w:r></w:p></w:body></w:document>"#
        );
        assert_eq!(
            extract_text(&make_docx(&xml, None), &limits).unwrap(),
            "ok\t\n"
        );
        let limits = DocxLimits {
            max_xml_depth: 4,
            ..DocxLimits::default()
        };
        assert!(extract_text(&make_docx(&xml, None), &limits).is_err());
    }

    #[test]
    fn malformed_document_xml_is_an_error() {
        let cases = [
            doc("<w:p><w:r><w:t>unclosed</w:r></w:p>"),
            doc("<w:p>").replace("</w:document>", ""),
            doc("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>"),
            doc("<w:p><w:r><w:t>&#0;</w:t></w:r></w:p>"),
            doc("<w:p><w:r><w:t>a & b</w:t></w:r></w:p>"),
            "<w:document".to_string(),
        ];
        for xml in &cases {
            let err = extract_text(&make_docx(xml, None), &DocxLimits::default()).unwrap_err();
            assert!(matches!(err, DocxError::Xml(_)), "{xml}: {err:?}");
            assert!(err.to_string().contains("word/document.xml"), "{err}");
        }
        let mut bad_utf8 = doc(&para("x")).into_bytes();
        let at = bad_utf8.len() - 40;
        bad_utf8[at] = 0xFF;
        let bytes = make_docx_parts(&[("word/document.xml", &bad_utf8)]);
        assert!(matches!(
            extract_text(&bytes, &DocxLimits::default()),
            Err(DocxError::Xml(_))
        ));
    }

    #[test]
    fn deflated_entries_are_read() {
        let document = doc(&para("压缩"));
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert_eq!(
            extract_text(&bytes, &DocxLimits::default()).unwrap(),
            "压缩\n"
        );
    }

    /// Deterministic xorshift64* generator.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
        let mut bytes = input.to_vec();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(bytes.len());
            match rng.below(5) {
                0 => bytes[at] ^= 1 << rng.below(8),
                1 => bytes[at] = rng.next() as u8,
                2 => {
                    bytes.remove(at);
                }
                3 => bytes.insert(at, b"<>&;%/\"\0\xFF"[rng.below(9)]),
                _ => {
                    let end = (at + rng.below(64)).min(bytes.len());
                    let chunk = bytes[at..end].to_vec();
                    let to = rng.below(bytes.len());
                    bytes.splice(to..to, chunk);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        bytes
    }

    #[test]
    fn random_mutations_never_panic() {
        let styles = format!(
            r#"<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="1"><w:basedOn w:val="2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/></w:style></w:styles>"#
        );
        let body = [
            numbered(1, 0, "标题&amp;"),
            numbered(1, 1, "小标题"),
            numbered(2, 1, "项目"),
            numbered(4, 0, "重启"),
            r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>样式</w:t><w:tab/><w:br/></w:r></w:p>"#.to_string(),
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
        ]
        .concat();
        let document = doc(&body);
        let numbering = numbering();
        let parts = [
            ("word/document.xml", document.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
        ];
        let valid = make_docx_parts(&parts);
        assert!(extract_text(&valid, &DocxLimits::default()).is_ok());

        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let limits = DocxLimits::default();
        let mut ok = 0;
        // Half the cases damage the zip container, half the XML inside a valid container.
        for i in 0..2000 {
            let bytes = if i % 2 == 0 {
                mutate(&mut rng, &valid)
            } else {
                let target = rng.below(parts.len());
                let damaged: Vec<(&str, Vec<u8>)> = parts
                    .iter()
                    .enumerate()
                    .map(|(j, (name, data))| {
                        let data = if j == target {
                            mutate(&mut rng, data)
                        } else {
                            data.to_vec()
                        };
                        (*name, data)
                    })
                    .collect();
                let refs: Vec<(&str, &[u8])> =
                    damaged.iter().map(|(n, d)| (*n, d.as_slice())).collect();
                make_docx_parts(&refs)
            };
            if extract_text(&bytes, &limits).is_ok() {
                ok += 1;
            }
        }
        // Some mutations are harmless (e.g. inside text), so some files still read.
        assert!(ok > 0);
    }
}
