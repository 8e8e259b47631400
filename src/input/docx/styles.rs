//! Paragraph styles of `word/styles.xml`, only as far as numbering is concerned: which
//! list and level a style (or a style it is based on) gives its paragraphs.
//!
//! What must stay true: `w:basedOn` chains are followed at most [`MAX_STYLE_CHAIN`]
//! links, so cycles and hostile chains end.

use std::collections::HashMap;

use super::DocxError;
use super::numbering::attr_level;
use super::xml::{Item, XmlWalker, attr, on_off_attr};

/// How many `w:basedOn` links are followed before giving up (cycles, hostile chains).
const MAX_STYLE_CHAIN: usize = 32;

/// The numbering a paragraph style carries.
#[derive(Debug, Default)]
struct StyleInfo {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// Paragraph styles, only as far as numbering is concerned.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, StyleInfo>,
    /// The style of paragraphs that name none.
    pub default_paragraph: Option<String>,
}

impl Styles {
    /// `(numId, ilvl)` inherited from `style_id` and the styles it is based on.
    pub(crate) fn numbering_of(&self, style_id: &str) -> (Option<&str>, Option<usize>) {
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

/// Parses `word/styles.xml`.
pub(crate) fn parse_styles(xml: &[u8], max_depth: usize) -> Result<Styles, DocxError> {
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
