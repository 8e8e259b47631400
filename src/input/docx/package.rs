//! The package around the XML: which part a relationship of `word/document.xml` points
//! to (headers, footers, notes, comments).
//!
//! What must stay true: targets are resolved the OPC way (relative to `word/`, or from
//! the package root when they start with `/`), external targets are ignored, and nothing
//! here panics.

use super::DocxError;
use super::xml::{Item, XmlWalker, attr};

/// The main document part.
pub(crate) const DOCUMENT_PART: &str = "word/document.xml";
/// The relationships of the main document part.
pub(crate) const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
/// The package's content types.
pub(crate) const CONTENT_TYPES: &str = "[Content_Types].xml";

/// One relationship of `word/document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relationship {
    pub id: String,
    /// The last segment of the type URI: `header`, `footer`, `footnotes`, `comments` …
    pub kind: String,
    /// The target part's name in the archive (`word/header1.xml`).
    pub target: String,
}

/// The relationships of `word/document.xml`, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Relationships {
    pub list: Vec<Relationship>,
}

impl Relationships {
    /// The target of relationship `id`, if it is of type `kind`.
    pub(crate) fn target(&self, id: &str, kind: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|r| r.id == id && r.kind == kind)
            .map(|r| r.target.as_str())
    }

    /// The first target of type `kind`.
    pub(crate) fn first(&self, kind: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|r| r.kind == kind)
            .map(|r| r.target.as_str())
    }
}

/// Parses a relationships part whose source lives in `word/`.
pub(crate) fn parse_relationships(
    xml: &[u8],
    max_depth: usize,
) -> Result<Relationships, DocxError> {
    let mut walker = XmlWalker::new(xml, DOCUMENT_RELS, max_depth);
    let mut rels = Relationships::default();
    loop {
        let e = match walker.next()? {
            Item::Open(e) | Item::Empty(e) => e,
            Item::Eof => return Ok(rels),
            _ => continue,
        };
        if e.local_name().as_ref() != "Relationship" {
            continue;
        }
        if attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
            continue;
        }
        let (Some(id), Some(kind), Some(target)) =
            (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target"))
        else {
            continue;
        };
        let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
        if let Some(target) = resolve_target("word", &target) {
            rels.list.push(Relationship { id, kind, target });
        }
    }
}

/// The archive name of `target` relative to the folder `base`; `None` if it climbs out
/// of the package.
pub(crate) fn resolve_target(base: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let relative = match target.strip_prefix('/') {
        Some(absolute) => absolute,
        None => {
            parts.extend(base.split('/').filter(|s| !s.is_empty()));
            target
        }
    };
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_like_opc() {
        let cases = [
            ("header1.xml", Some("word/header1.xml")),
            ("./footer2.xml", Some("word/footer2.xml")),
            ("/word/footnotes.xml", Some("word/footnotes.xml")),
            ("../customXml/item1.xml", Some("customXml/item1.xml")),
            ("../../x.xml", None),
        ];
        for (target, want) in cases {
            assert_eq!(resolve_target("word", target).as_deref(), want, "{target}");
        }
    }

    #[test]
    fn relationships_by_type() {
        let xml = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.com/" TargetMode="External"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="/word/footnotes.xml"/></Relationships>"#;
        let rels = parse_relationships(xml.as_bytes(), 64).unwrap();
        assert_eq!(rels.list.len(), 2);
        assert_eq!(rels.target("rId1", "header"), Some("word/header1.xml"));
        assert_eq!(rels.target("rId1", "footer"), None);
        assert_eq!(rels.first("footnotes"), Some("word/footnotes.xml"));
    }
}
