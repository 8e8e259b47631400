//! In-memory `.docx` fixtures for tests: `mod docx_fixture;` from an integration test.
//!
//! Entries are written `Stored` (uncompressed) with the `zip` crate's writer, which needs
//! no compression feature.
#![allow(dead_code)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The WordprocessingML namespace bound to the `w:` prefix.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// Builds a zip archive holding exactly `parts` (name, bytes), in order.
pub fn make_zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, data) in parts {
        zip.start_file(*name, options).expect("start zip entry");
        zip.write_all(data).expect("write zip entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

/// Builds a minimal `.docx`: content types, package relationships, `word/document.xml`
/// and, if given, `word/numbering.xml`.
pub fn make_docx(document_xml: &str, numbering_xml: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document_xml.as_bytes()),
    ];
    if let Some(numbering) = numbering_xml {
        parts.push(("word/numbering.xml", numbering.as_bytes()));
    }
    make_zip(&parts)
}

/// Wraps body XML (paragraphs, tables) into a complete `word/document.xml`.
pub fn document_xml(body_xml: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body_xml}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// One paragraph of plain text (`&`, `<`, `>` escaped), as `w:p` XML.
pub fn paragraph_xml(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>"#)
}

/// A minimal valid `word/document.xml` with one paragraph per item of plain text.
pub fn paragraphs_xml(paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| paragraph_xml(p)).collect();
    document_xml(&body)
}

/// A `.docx` whose text is `lines`, one paragraph each.
pub fn docx_from_lines(lines: &[&str]) -> Vec<u8> {
    make_docx(&paragraphs_xml(lines), None)
}

/// The namespace of relationship ids (`r:id`).
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A `.docx` with a body and, when given, a header, a footer, footnotes, comments and a
/// numbering part, each with its relationship and content type; written Deflated, as
/// Word writes them.
#[derive(Default, Clone)]
pub struct Package {
    /// Body XML (paragraphs, tables).
    pub body: String,
    /// The default header's content (paragraphs).
    pub header: Option<String>,
    /// The default footer's content (paragraphs).
    pub footer: Option<String>,
    /// `w:footnote` elements (the separators are added).
    pub footnotes: Option<String>,
    /// `w:comment` elements.
    pub comments: Option<String>,
    /// A whole `word/numbering.xml`.
    pub numbering: Option<String>,
    /// Add a (fake) PNG image part.
    pub image: bool,
}

impl Package {
    /// The archive's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut rels = String::new();
        let mut types = String::new();
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let mut add = |id: &str, kind: &str, name: &str, ct: &str, xml: String| {
            rels.push_str(&format!(
                r#"<Relationship Id="{id}" Type="{rel}/{kind}" Target="{name}"/>"#
            ));
            types.push_str(&format!(
                r#"<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{ct}+xml"/>"#
            ));
            parts.push((format!("word/{name}"), xml.into_bytes()));
        };
        let wrap = |root: &str, inner: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps">{inner}</w:{root}>"#
            )
        };
        let mut sect = String::new();
        if let Some(h) = &self.header {
            add("rIdH1", "header", "header1.xml", "header", wrap("hdr", h));
            sect.push_str(r#"<w:headerReference w:type="default" r:id="rIdH1"/>"#);
        }
        if let Some(f) = &self.footer {
            add("rIdF1", "footer", "footer1.xml", "footer", wrap("ftr", f));
            sect.push_str(r#"<w:footerReference w:type="default" r:id="rIdF1"/>"#);
        }
        if let Some(n) = &self.footnotes {
            let notes = format!(
                r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{n}"#
            );
            add(
                "rIdN1",
                "footnotes",
                "footnotes.xml",
                "footnotes",
                wrap("footnotes", &notes),
            );
        }
        if let Some(c) = &self.comments {
            add(
                "rIdC1",
                "comments",
                "comments.xml",
                "comments",
                wrap("comments", c),
            );
        }
        if let Some(n) = &self.numbering {
            add(
                "rIdU1",
                "numbering",
                "numbering.xml",
                "numbering",
                n.clone(),
            );
        }
        let document = wrap(
            "document",
            &format!(
                r#"<w:body>{}<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body>"#,
                self.body
            ),
        );
        let content_types = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{types}</Types>"#
        );
        let doc_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        );
        let mut all: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), content_types.into_bytes()),
            ("_rels/.rels".into(), RELS.as_bytes().to_vec()),
            ("word/document.xml".into(), document.into_bytes()),
            ("word/_rels/document.xml.rels".into(), doc_rels.into_bytes()),
        ];
        all.extend(parts);
        if self.image {
            all.push((
                "word/media/image1.png".into(),
                b"\x89PNG\r\n\x1a\n(not a real image)".to_vec(),
            ));
        }
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in &all {
            zip.start_file(name.as_str(), options)
                .expect("start zip entry");
            zip.write_all(data).expect("write zip entry");
        }
        zip.finish().expect("finish zip").into_inner()
    }
}

/// XML-escapes text.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A plain run.
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

/// A run in bold red 仿宋, as a writer marks what still needs filling in.
pub fn marked_run(text: &str) -> String {
    format!(
        r#"<w:r w:rsidR="00AB12CD"><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋_GB2312"/><w:b/><w:color w:val="C00000"/></w:rPr><w:t>{}</w:t></w:r>"#,
        escape(text)
    )
}

/// A paragraph of runs.
pub fn para(runs: &[String]) -> String {
    format!("<w:p>{}</w:p>", runs.concat())
}

/// A paragraph numbered by list `num_id` at level `ilvl`.
pub fn numbered(num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// A run holding a text box with `paragraphs`, written as Word does: a DrawingML shape
/// with a VML fallback holding the same paragraphs.
pub fn text_box_run(paragraphs: &str) -> String {
    format!(
        r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2743200" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:216pt;height:36pt"><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
    )
}

/// A numbering part: list 1 numbers headings 一、 / （一）; list 2 uses the same levels
/// but starts its first level at 四, so a heading of list 2 after 二、 of list 1 is a
/// numbering slip made by Word itself.
pub fn heading_numbering() -> String {
    let lvl = |ilvl: u32, text: &str| {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num></w:numbering>"#,
        lvl(0, "%1、"),
        lvl(1, "（%2）")
    )
}
