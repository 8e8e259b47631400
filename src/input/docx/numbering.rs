//! Word's automatic list numbers: the definitions of `word/numbering.xml` and the
//! counters that turn them into the markers Word shows (`一、`, `（一）`, `1.`).
//!
//! Markers come from a paragraph's own `w:numPr` or, failing that, from its paragraph
//! style (following `w:basedOn`). A marker is followed by nothing, or by one space when
//! the level's `w:suff` is `space` (Word's default tab is dropped so that `一、标题` reads
//! like typed text). Lists sharing an abstract definition share counters, as in Word,
//! unless the `w:num` has a `w:lvlOverride`, which gives it counters of its own; a level's
//! counter restarts whenever a shallower level of the same list advances. `w:lvlRestart`,
//! `w:numStyleLink`/`w:styleLink` and legacy numbering are not interpreted.
//!
//! What must stay true: a damaged definition gives no marker, never a panic; markers
//! are deterministic for the same paragraphs in the same order.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::DocxError;
use super::numfmt::{NumFmt, format_number};
use super::styles::Styles;
use super::xml::{Item, XmlWalker, attr, attr_u32, on_off};

/// Word list levels are `w:ilvl` 0..=8.
pub(crate) const LEVELS: usize = 9;
/// Longest `w:lvlText` kept, in chars; Word's own are a few chars long.
const MAX_LVL_TEXT_CHARS: usize = 64;

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
pub(crate) struct Numbering {
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

/// A list level index, if it is a valid one (0..=8).
pub(crate) fn attr_level(e: &BytesStart<'_>, local: &str) -> Option<usize> {
    let level: usize = attr(e, local)?.trim().parse().ok()?;
    (level < LEVELS).then_some(level)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumKind {
    AbstractNum,
    Lvl,
    Num,
    LvlOverride,
    Other,
}

/// Parses `word/numbering.xml`.
pub(crate) fn parse_numbering(xml: &[u8], max_depth: usize) -> Result<Numbering, DocxError> {
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

/// Which counters a list uses: shared by all `w:num` of one abstract definition, or
/// private to a `w:num` that overrides levels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(String),
    Num(String),
}

/// The numbering a paragraph asks for: its own `w:numPr` and `w:pStyle`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParagraphNumbering {
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
    pub style: Option<String>,
}

/// The list counters of one story sequence (a part), advanced paragraph by paragraph.
pub(crate) struct Counters<'n> {
    numbering: &'n Numbering,
    styles: &'n Styles,
    counters: HashMap<CounterKey, [Option<u32>; LEVELS]>,
}

impl<'n> Counters<'n> {
    pub(crate) fn new(numbering: &'n Numbering, styles: &'n Styles) -> Self {
        Self {
            numbering,
            styles,
            counters: HashMap::new(),
        }
    }

    /// The list marker of a finished paragraph, advancing the list's counters.
    pub(crate) fn marker(&mut self, p: &ParagraphNumbering) -> Option<String> {
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
        let numbering = self.numbering;
        let idx = p
            .ilvl
            .or(style_ilvl)
            .or_else(|| style_id.and_then(|s| numbering.level_of_style(num_id, s)))
            .unwrap_or(0);
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
                // Symbol-font bullets live in the private use area; show a plain bullet.
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
