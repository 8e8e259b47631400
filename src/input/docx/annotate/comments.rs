//! The comments part (`word/comments.xml`) and the package entries that point to it.
//!
//! An existing comments part is edited in place: earlier comments of ours are cut out,
//! new ones go in just before its closing tag, every other byte is kept. A missing one
//! is created, with its relationship in `word/_rels/document.xml.rels` and its content
//! type in `[Content_Types].xml`, each added the same way.
//!
//! What must stay true: comments of other authors are never touched; the parts written
//! are well-formed XML.

use std::ops::Range;

use super::super::DocxError;
use super::super::xml::{Item, XmlWalker, attr};
use super::plan::{escape_attr, escape_text, find_bytes};

const WML: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A comment already in the file.
#[derive(Debug, Clone)]
pub(crate) struct OldComment {
    pub id: String,
    pub author: Option<String>,
    /// Its whole `w:comment` element.
    pub range: Range<usize>,
    /// Its text, paragraphs joined by `\n`.
    pub text: String,
    /// The `w14:paraId` of its paragraphs, by which Word's extended comment parts name it.
    pub para_ids: Vec<String>,
}

impl OldComment {
    /// The rule id written at the end of a comment of ours (`… [placeholder]`).
    pub(crate) fn rule(&self) -> Option<&str> {
        let text = self.text.trim_end();
        let inner = text.strip_suffix(']')?;
        let open = inner.rfind('[')?;
        inner.get(open + 1..)
    }
}

/// The comments part as found.
#[derive(Debug, Clone)]
pub(crate) struct CommentsPart {
    pub prefix: String,
    /// Where the root's end tag starts: new comments go there.
    pub root_close: usize,
    pub comments: Vec<OldComment>,
}

/// Reads the comments of a comments part.
pub(crate) fn parse_comments(
    xml: &[u8],
    name: &str,
    max_depth: usize,
) -> Result<CommentsPart, DocxError> {
    let mut walker = XmlWalker::new(xml, name, max_depth);
    let mut depth = 0usize;
    let mut current: Option<OldComment> = None;
    let mut comments = Vec::new();
    let mut root_close = None;
    let mut in_text = false;
    loop {
        match walker.next()? {
            Item::Open(e) => {
                depth += 1;
                let local = walker.wml(e.name().0).unwrap_or("");
                if depth == 2 && local == "comment" {
                    current = Some(OldComment {
                        id: attr(&e, "id").unwrap_or_default(),
                        author: attr(&e, "author"),
                        range: walker.span().start..walker.span().end,
                        text: String::new(),
                        para_ids: Vec::new(),
                    });
                } else if local == "p"
                    && let Some(c) = current.as_mut()
                {
                    if !c.text.is_empty() {
                        c.text.push('\n');
                    }
                    c.para_ids.extend(attr(&e, "paraId"));
                }
                in_text = local == "t";
            }
            Item::Empty(e) => {
                let local = walker.wml(e.name().0).unwrap_or("");
                if depth == 1 && local == "comment" {
                    comments.push(OldComment {
                        id: attr(&e, "id").unwrap_or_default(),
                        author: attr(&e, "author"),
                        range: walker.span(),
                        text: String::new(),
                        para_ids: Vec::new(),
                    });
                }
            }
            Item::Text(t) => {
                if in_text && let Some(c) = current.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Item::Close => {
                in_text = false;
                if depth == 2
                    && let Some(mut c) = current.take()
                {
                    c.range.end = walker.span().end;
                    comments.push(c);
                }
                if depth == 1 {
                    root_close = Some(walker.span().start);
                }
                depth = depth.saturating_sub(1);
            }
            Item::Eof => break,
        }
    }
    let root_close =
        root_close.ok_or_else(|| DocxError::Annotate(format!("{name} has no comments element")))?;
    Ok(CommentsPart {
        prefix: walker.prefix().to_string(),
        root_close,
        comments,
    })
}

/// What one new comment says and who wrote it.
pub(crate) struct NewComment<'a> {
    pub id: u64,
    pub author: &'a str,
    pub initials: &'a str,
    pub date: Option<&'a str>,
    pub text: &'a str,
    pub rule: &'a str,
}

/// One `w:comment` element: a paragraph per line of the text, the rule id in brackets at
/// the end of the last one.
pub(crate) fn comment_xml(prefix: &str, c: &NewComment<'_>) -> String {
    let (el, at, decl) = if prefix.is_empty() {
        (
            String::new(),
            "w:".to_string(),
            format!(" xmlns:w=\"{WML}\""),
        )
    } else {
        (format!("{prefix}:"), format!("{prefix}:"), String::new())
    };
    let date = c.date.map_or(String::new(), |d| {
        format!(" {at}date=\"{}\"", escape_attr(d))
    });
    let mut out = format!(
        "<{el}comment{decl} {at}id=\"{}\" {at}author=\"{}\"{date} {at}initials=\"{}\">",
        c.id,
        escape_attr(c.author),
        escape_attr(c.initials)
    );
    let lines: Vec<&str> = c.text.lines().collect();
    let count = lines.len().max(1);
    for i in 0..count {
        out.push_str(&format!("<{el}p>"));
        if i == 0 {
            out.push_str(&format!("<{el}r><{el}annotationRef/></{el}r>"));
        }
        let line = lines.get(i).copied().unwrap_or("");
        if !line.is_empty() {
            out.push_str(&format!(
                "<{el}r><{el}t xml:space=\"preserve\">{}</{el}t></{el}r>",
                escape_text(line)
            ));
        }
        if i + 1 == count && !c.rule.is_empty() {
            let space = if line.is_empty() { "" } else { " " };
            out.push_str(&format!(
                "<{el}r><{el}t xml:space=\"preserve\">{space}[{}]</{el}t></{el}r>",
                escape_text(c.rule)
            ));
        }
        out.push_str(&format!("</{el}p>"));
    }
    out.push_str(&format!("</{el}comment>"));
    out
}

/// A new comments part holding `comments` (already written elements).
pub(crate) fn new_comments_part(comments: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{WML}\">{comments}</w:comments>"
    )
    .into_bytes()
}

/// Word's parts about comments beyond `comments.xml`, in the order they are pruned:
/// `commentsIds` links a paragraph id to a durable id, which `commentsExtensible` uses.
pub(crate) const EXTENDED_COMMENT_PARTS: [&str; 3] =
    ["commentsExtended", "commentsIds", "commentsExtensible"];

/// `xml` without the root's children that name a removed comment: by the `paraId` of one
/// of its paragraphs, or by a `durableId` that such a child carried (collected into
/// `durable_ids` on the way). `None` when nothing goes.
pub(crate) fn prune_extended(
    xml: &[u8],
    name: &str,
    para_ids: &std::collections::HashSet<String>,
    durable_ids: &mut std::collections::HashSet<String>,
    max_depth: usize,
) -> Result<Option<Vec<u8>>, DocxError> {
    let mut walker = XmlWalker::new(xml, name, max_depth);
    let mut depth = 0usize;
    let mut cut: Vec<Range<usize>> = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    loop {
        let (e, empty) = match walker.next()? {
            Item::Open(e) => (e, false),
            Item::Empty(e) => (e, true),
            Item::Close => {
                if depth == 2
                    && let Some((start, true)) = open.take()
                {
                    cut.push(start..walker.span().end);
                }
                depth = depth.saturating_sub(1);
                continue;
            }
            Item::Eof => break,
            Item::Text(_) => continue,
        };
        let child = if empty { depth == 1 } else { depth + 1 == 2 };
        if child {
            let goes = attr(&e, "paraId").is_some_and(|p| para_ids.contains(&p))
                || attr(&e, "durableId").is_some_and(|d| durable_ids.contains(&d));
            if goes {
                durable_ids.extend(attr(&e, "durableId"));
            }
            if empty {
                if goes {
                    cut.push(walker.span());
                }
            } else {
                open = Some((walker.span().start, goes));
            }
        }
        if !empty {
            depth += 1;
        }
    }
    if cut.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(xml.len());
    let mut at = 0;
    for r in cut {
        out.extend_from_slice(xml.get(at..r.start).unwrap_or_default());
        at = r.end;
    }
    out.extend_from_slice(xml.get(at..).unwrap_or_default());
    Ok(Some(out))
}

/// The start of the root element's end tag of an XML part.
fn root_close(xml: &[u8], name: &str, max_depth: usize) -> Result<Option<usize>, DocxError> {
    let mut walker = XmlWalker::new(xml, name, max_depth);
    let mut depth = 0usize;
    let mut close = None;
    loop {
        match walker.next()? {
            Item::Open(_) => depth += 1,
            Item::Close => {
                if depth == 1 {
                    close = Some(walker.span().start);
                }
                depth = depth.saturating_sub(1);
            }
            Item::Eof => return Ok(close),
            _ => {}
        }
    }
}

/// Inserts `element` before the root's end tag.
fn insert_before_root_close(
    xml: &[u8],
    name: &str,
    element: &str,
    max_depth: usize,
) -> Result<Vec<u8>, DocxError> {
    let at = root_close(xml, name, max_depth)?
        .ok_or_else(|| DocxError::Annotate(format!("{name} has an empty root element")))?;
    let mut out = xml.get(..at).unwrap_or_default().to_vec();
    out.extend_from_slice(element.as_bytes());
    out.extend_from_slice(xml.get(at..).unwrap_or_default());
    Ok(out)
}

/// The document's relationships with one to the comments part `target` (a name
/// relative to `word/`) added; a new relationships part if there was none.
pub(crate) fn add_comments_relationship(
    rels: Option<&[u8]>,
    target: &str,
    max_depth: usize,
) -> Result<Vec<u8>, DocxError> {
    let Some(rels) = rels else {
        return Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"{RELS_NS}\"><Relationship Id=\"zongjieComments\" Type=\"{COMMENTS_TYPE}\" Target=\"{}\"/></Relationships>",
            escape_attr(target)
        )
        .into_bytes());
    };
    let mut id = "zongjieComments".to_string();
    let mut n = 1;
    while find_bytes(rels, format!("\"{id}\"").as_bytes()).is_some() {
        n += 1;
        id = format!("zongjieComments{n}");
    }
    let element = format!(
        "<Relationship Id=\"{id}\" Type=\"{COMMENTS_TYPE}\" Target=\"{}\"/>",
        escape_attr(target)
    );
    insert_before_root_close(rels, "word/_rels/document.xml.rels", &element, max_depth)
}

/// `[Content_Types].xml` with an override for the comments part `part` (an archive name),
/// or `None` when it already has one. A new content types part if there was none.
pub(crate) fn add_comments_content_type(
    types: Option<&[u8]>,
    part: &str,
    max_depth: usize,
) -> Result<Option<Vec<u8>>, DocxError> {
    let part_name = format!("/{part}");
    let Some(types) = types else {
        return Ok(Some(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"{}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/></Types>",
            escape_attr(&part_name)
        ).into_bytes()));
    };
    let mut walker = XmlWalker::new(types, "[Content_Types].xml", max_depth);
    loop {
        match walker.next()? {
            Item::Open(e) | Item::Empty(e) => {
                let named =
                    attr(&e, "PartName").is_some_and(|p| p.eq_ignore_ascii_case(&part_name));
                if e.local_name().as_ref() == "Override" && named {
                    return Ok(None);
                }
            }
            Item::Eof => break,
            _ => {}
        }
    }
    let element = format!(
        "<Override PartName=\"{}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>",
        escape_attr(&part_name)
    );
    insert_before_root_close(types, "[Content_Types].xml", &element, max_depth).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_is_read_back_from_the_comment_text() {
        let c = |text: &str| OldComment {
            id: "1".into(),
            author: None,
            range: 0..0,
            text: text.into(),
            para_ids: Vec::new(),
        };
        assert_eq!(
            c("未填写的占位符 [placeholder]").rule(),
            Some("placeholder")
        );
        assert_eq!(c("第一行\n[numbering]").rule(), Some("numbering"));
        assert_eq!(c("没有规则").rule(), None);
    }

    #[test]
    fn comment_elements_escape_and_split_lines() {
        let xml = comment_xml(
            "w",
            &NewComment {
                id: 3,
                author: "zongjie",
                initials: "zj",
                date: Some("2024-05-01T09:00:00Z"),
                text: "a<b\n第二行",
                rule: "placeholder",
            },
        );
        assert_eq!(
            xml,
            "<w:comment w:id=\"3\" w:author=\"zongjie\" w:date=\"2024-05-01T09:00:00Z\" w:initials=\"zj\"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space=\"preserve\">a&lt;b</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">第二行</w:t></w:r><w:r><w:t xml:space=\"preserve\"> [placeholder]</w:t></w:r></w:p></w:comment>"
        );
        let parsed = parse_comments(&new_comments_part(&xml), "c", 64).unwrap();
        assert_eq!(parsed.comments.len(), 1);
        assert_eq!(parsed.comments[0].text, "a<b\n第二行 [placeholder]");
        assert_eq!(parsed.comments[0].author.as_deref(), Some("zongjie"));
    }

    #[test]
    fn relationship_and_content_type_are_added_once() {
        let rels = format!(
            "<Relationships xmlns=\"{RELS_NS}\"><Relationship Id=\"zongjieComments\" Type=\"x\" Target=\"y\"/></Relationships>"
        );
        let out = add_comments_relationship(Some(rels.as_bytes()), "comments.xml", 64).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("Id=\"zongjieComments2\""), "{out}");
        assert!(out.ends_with("</Relationships>"));
        let types = "<Types xmlns=\"t\"><Override PartName=\"/word/document.xml\" ContentType=\"d\"/></Types>";
        let added = add_comments_content_type(Some(types.as_bytes()), "word/comments.xml", 64)
            .unwrap()
            .unwrap();
        let again = add_comments_content_type(Some(&added), "word/comments.xml", 64).unwrap();
        assert!(again.is_none());
    }

    #[test]
    fn extended_parts_lose_the_removed_comments_only() {
        let ids = r#"<w16cid:commentsIds xmlns:w16cid="x"><w16cid:commentId w16cid:paraId="1A2B3C4D" w16cid:durableId="11111111"/><w16cid:commentId w16cid:paraId="5E6F7A8B" w16cid:durableId="22222222"/></w16cid:commentsIds>"#;
        let ext = r#"<w16cex:commentsExtensible xmlns:w16cex="y"><w16cex:commentExtensible w16cex:durableId="11111111" w16cex:dateUtc="2024-01-01T00:00:00Z"/><w16cex:commentExtensible w16cex:durableId="22222222"><w16cex:extLst/></w16cex:commentExtensible></w16cex:commentsExtensible>"#;
        let para_ids = ["1A2B3C4D".to_string()].into_iter().collect();
        let mut durable = std::collections::HashSet::new();
        let ids = prune_extended(ids.as_bytes(), "i", &para_ids, &mut durable, 64)
            .unwrap()
            .unwrap();
        assert!(!String::from_utf8(ids).unwrap().contains("11111111"));
        assert!(durable.contains("11111111"));
        let ext = String::from_utf8(
            prune_extended(ext.as_bytes(), "e", &para_ids, &mut durable, 64)
                .unwrap()
                .unwrap(),
        )
        .unwrap();
        assert!(
            !ext.contains("11111111") && ext.contains("22222222"),
            "{ext}"
        );
        let none = prune_extended(
            b"<r><c paraId=\"9\"/></r>",
            "n",
            &para_ids,
            &mut durable,
            64,
        )
        .unwrap();
        assert!(none.is_none());
    }
}
