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
