//! Extraction tests: documents built in memory, part by part.
use super::archive::read_limited;
use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
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

fn extract_xml(document_xml: &str, numbering_xml: Option<&str>) -> String {
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
        extract_xml(&doc(&body), None),
        "一、主要学习情况\n  内容\n\n第二 段 \n"
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let xml = format!("\u{FEFF}{}", doc(&para("有BOM")));
    assert_eq!(extract_xml(&xml, None), "有BOM\n");
}

#[test]
fn large_document_streams() {
    let body = numbered(1, 0, "标题").repeat(2_000) + &para("正文内容，正文内容。").repeat(50_000);
    let text = extract_xml(&doc(&body), Some(&numbering()));
    assert_eq!(text.lines().count(), 52_000);
    assert!(text.starts_with("一、标题\n二、标题\n"));
    assert!(text.contains("\n二千、标题\n正文内容，正文内容。\n"));
}

#[test]
fn empty_body_gives_empty_text() {
    assert_eq!(extract_xml(&doc(""), None), "");
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
        extract_xml(&doc(&body), None),
        "前\nA1\nA1b\nB1\n嵌套\nA2\n后\n"
    );
}

#[test]
fn tabs_breaks_hyphens_and_symbols() {
    let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:softHyphen/><w:t>f</w:t><w:br w:type="page"/></w:r></w:p>"#;
    assert_eq!(extract_xml(&doc(body), None), "a\tb\nc\nd-ef\n\n");
}

#[test]
fn entities_and_character_references() {
    let body = para("A&amp;B &lt;x&gt; &quot;q&apos; &#x4E00;&#20108;<![CDATA[<三>]]>");
    assert_eq!(extract_xml(&doc(&body), None), "A&B <x> \"q' 一二<三>\n");
}

#[test]
fn newline_inside_text_is_a_space() {
    let body = "<w:p><w:r><w:t>a\r\nb\nc</w:t></w:r></w:p>";
    assert_eq!(extract_xml(&doc(body), None), "a b c\n");
}

/// Deleted text, field codes and hidden runs stay out; a text box, written twice (a
/// DrawingML shape and its VML fallback), is read once, after the body.
#[test]
fn deleted_fields_hidden_left_out_text_box_read_once() {
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
    assert_eq!(
        extract_xml(&doc(body), None),
        "保留插入39显示😀尾\n\n文本框\n"
    );
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
        extract_xml(&doc(&body), Some(&numbering())),
        "一、主要学习情况\n（一）制度先行\n（二）内容丰富\n正文\n二、存在的问题\n（一）学习不深\n1.第一点\n2.第二点\n（1）细节\n（二）联系不紧\n1.重新开始\n"
    );
}

#[test]
fn chinese_counting_past_ten() {
    let body: String = (1..=21).map(|i| numbered(1, 0, &i.to_string())).collect();
    let text = extract_xml(&doc(&body), Some(&numbering()));
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
        extract_xml(&doc(&body), Some(&numbering())),
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
    assert_eq!(
        extract_xml(&doc(&body), Some(&numbering())),
        "零\n未知\n无级\n"
    );
    assert_eq!(
        extract_xml(&doc(&numbered(1, 0, "无定义")), None),
        "无定义\n"
    );
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
        extract_xml(&doc(&body), Some(&numbering)),
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
        extract_xml(&doc(&body), Some("<w:numbering><w:abstractNum>")),
        "标题\n"
    );
}

#[test]
fn other_namespace_prefixes() {
    let xml =
        format!(r#"<document xmlns="{W_NS}"><body><p><r><t>默认</t></r></p></body></document>"#);
    assert_eq!(extract_xml(&xml, None), "默认\n");
    let xml = format!(
        r#"<ns0:document xmlns:ns0="{W_NS}"><ns0:body><ns0:p><ns0:r><ns0:t>前缀</ns0:t><ns0:tab/></ns0:r></ns0:p><a:p><a:r><a:t>绘图</a:t></a:r></a:p></ns0:body></ns0:document>"#
    );
    assert_eq!(extract_xml(&xml, None), "前缀\t\n");
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
    // Annotating reads through the same limits.
    let annotated = annotate(&bomb, &[], &[], &AnnotateOptions::default());
    assert!(matches!(annotated, Err(DocxError::TooLarge { .. })));
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
    let err = read_limited(std::io::repeat(0), "endless", u64::MAX, 1 << 20, 1 << 20).unwrap_err();
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
    let body = r#"<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:p>"#.repeat(2000);
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
        if let Ok(text) = extract_text(&bytes, &limits) {
            ok += 1;
            // Whatever reads can be annotated, and the copy reads the same.
            let comments: Vec<Comment> = text
                .match_indices(|c: char| !c.is_whitespace())
                .step_by(3)
                .map(|(at, s)| Comment {
                    byte_start: at,
                    byte_end: at + s.len(),
                    text: "检查".into(),
                    rule: "placeholder".into(),
                })
                .collect();
            if let Ok(out) = annotate(&bytes, &comments, &[], &AnnotateOptions::default()) {
                assert_eq!(extract_text(&out.bytes, &limits).unwrap(), text, "case {i}");
            }
        }
    }
    // Some mutations are harmless (e.g. inside text), so some files still read.
    assert!(ok > 0);
}

// ---------------------------------------------------------------------------------------
// Stories, locations and annotation

const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A package with a body and any of header, footer, footnotes, comments, numbering.
#[derive(Default)]
struct Fixture {
    body: String,
    sect: String,
    header: Option<String>,
    footer: Option<String>,
    footnotes: Option<String>,
    comments: Option<String>,
    numbering: Option<String>,
    image: bool,
    /// Further parts: (relationship type, part name, content type, whole XML).
    extra: Vec<(&'static str, &'static str, &'static str, String)>,
}

impl Fixture {
    fn bytes(&self) -> Vec<u8> {
        let mut rels = String::new();
        let mut types = String::new();
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let mut add = |id: &str, kind: &str, name: &str, ct: &str, xml: &str| {
            rels.push_str(&format!(
                r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{name}"/>"#
            ));
            types.push_str(&format!(
                r#"<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{ct}+xml"/>"#
            ));
            parts.push((format!("word/{name}"), xml.as_bytes().to_vec()));
        };
        let wrap = |root: &str, inner: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{inner}</w:{root}>"#
            )
        };
        let mut sect = self.sect.clone();
        if let Some(h) = &self.header {
            add("rIdH1", "header", "header1.xml", "header", &wrap("hdr", h));
            sect.push_str(r#"<w:headerReference w:type="default" r:id="rIdH1"/>"#);
        }
        if let Some(f) = &self.footer {
            add("rIdF1", "footer", "footer1.xml", "footer", &wrap("ftr", f));
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
                &wrap("footnotes", &notes),
            );
        }
        if let Some(c) = &self.comments {
            add(
                "rIdC1",
                "comments",
                "comments.xml",
                "comments",
                &wrap("comments", c),
            );
        }
        if let Some(n) = &self.numbering {
            add("rIdU1", "numbering", "numbering.xml", "numbering", n);
        }
        for (i, (kind, name, ct, xml)) in self.extra.iter().enumerate() {
            add(&format!("rIdX{i}"), kind, name, ct, xml);
        }
        let document = wrap(
            "document",
            &format!(
                "<w:body>{}<w:sectPr>{sect}<w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body>",
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
                b"\x89PNG\r\n\x1a\nnot really".to_vec(),
            ));
        }
        // Deflated, as Word writes them, so that raw copies are really tested.
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in &all {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn bold(text: &str) -> String {
    format!(
        r#"<w:r w:rsidR="00AB12CD"><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋_GB2312"/><w:b/><w:color w:val="C00000"/></w:rPr><w:t>{text}</w:t></w:r>"#
    )
}

fn text_box(inner: &str) -> String {
    format!(
        r#"<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="wp"><a:graphic xmlns:a="a"><a:graphicData><wps:wsp xmlns:wps="wps"><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="v"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
    )
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

/// A report with something to find in every place Word has text.
fn rich() -> Fixture {
    let heading = |ilvl: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
            run(text)
        )
    };
    let body = [
        p(&format!("{}{}", run("XX局2023年工作总结"), text_box(&p(&run("报送单位：XX办公室"))))),
        heading(0, "主要工作情况"),
        p(&format!("{}{}{}", run("全年开展集中学习"), bold("X次"), run("，覆盖全体党员。"))),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>XX万元</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
        heading(0, "存在的问题"),
        heading(0, "下一步打算"),
        p(&format!(
            r#"{}<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>{}"#,
            run("依据有关文件"),
            run("执行。")
        )),
    ]
    .concat();
    Fixture {
        body,
        header: Some(p(&run("XX单位文件"))),
        footer: Some(p(&run("第 1 页"))),
        footnotes: Some(r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 见《XXX》第X条。</w:t></w:r></w:p></w:footnote>"#.to_string()),
        numbering: Some(numbering()),
        image: true,
        ..Fixture::default()
    }
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        out.insert(f.name().unwrap().to_string(), data);
    }
    out
}

/// The text each comment id covers in a story part, markup checked on the way: every
/// range start has its end and its reference.
fn anchors(xml: &[u8]) -> BTreeMap<u64, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut open: Vec<String> = Vec::new();
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut ends = BTreeSet::new();
    let mut refs = BTreeSet::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = e.name().0.to_string();
                let id = || xml::attr(&e, "id").unwrap();
                match name.as_str() {
                    "w:commentRangeStart" => {
                        open.push(id());
                        out.entry(id()).or_default();
                    }
                    "w:commentRangeEnd" => {
                        let id = id();
                        open.retain(|x| *x != id);
                        ends.insert(id);
                    }
                    "w:commentReference" => {
                        refs.insert(id());
                    }
                    "w:t" => in_t = true,
                    _ => {}
                }
            }
            quick_xml::events::Event::End(_) => in_t = false,
            quick_xml::events::Event::Text(t) if in_t => {
                for id in &open {
                    out.entry(id.clone())
                        .or_default()
                        .push_str(&t.xml10_content());
                }
            }
            quick_xml::events::Event::CData(t) if in_t => {
                for id in &open {
                    out.entry(id.clone())
                        .or_default()
                        .push_str(&t.xml10_content());
                }
            }
            quick_xml::events::Event::GeneralRef(r) if in_t => {
                let c = match &*r {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    other => panic!("entity {other}"),
                };
                for id in &open {
                    out.entry(id.clone()).or_default().push_str(&c);
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed comment ranges {open:?}");
    let starts: BTreeSet<String> = out.keys().cloned().collect();
    assert_eq!(starts, ends, "range starts and ends differ");
    assert_eq!(starts, refs, "ranges and references differ");
    out.into_iter()
        .map(|(k, v)| (k.parse().unwrap(), v))
        .collect()
}

fn comment(text: &str, find: &str, nth: usize, message: &str) -> Comment {
    let start = text.match_indices(find).nth(nth).unwrap().0;
    Comment {
        byte_start: start,
        byte_end: start + find.len(),
        text: message.to_string(),
        rule: "placeholder".to_string(),
    }
}

#[test]
fn every_story_is_read_once_in_order() {
    let bytes = rich().bytes();
    let e = extract(&bytes, &DocxLimits::default()).unwrap();
    assert_eq!(
        e.text,
        "XX局2023年工作总结\n一、主要工作情况\n全年开展集中学习X次，覆盖全体党员。\n项目\nXX万元\n二、存在的问题\n三、下一步打算\n依据有关文件执行。\n\n报送单位：XX办公室\n\nXX单位文件\n\n第 1 页\n\n 见《XXX》第X条。\n"
    );
    assert!(e.warnings.is_empty());
}

#[test]
fn locations_name_part_paragraph_cell_run_and_offset() {
    let bytes = rich().bytes();
    let e = extract(&bytes, &DocxLimits::default()).unwrap();
    let at = |find: &str, nth: usize| {
        let start = e.text.match_indices(find).nth(nth).unwrap().0;
        e.map.location(&e.text, start, start + find.len()).unwrap()
    };
    let body = |paragraph, run, offset| WordLocation {
        part: WordPart::Body,
        text_box: None,
        paragraph,
        table: None,
        run: Some(run),
        offset,
        in_number: false,
    };
    assert_eq!(at("XX局", 0), body(1, 1, 0));
    assert_eq!(at("X次", 0), body(3, 2, 8));
    assert_eq!(
        at("XX万元", 0),
        WordLocation {
            table: Some(TableCell {
                table: 1,
                row: 1,
                cell: 2
            }),
            ..body(5, 1, 0)
        }
    );
    let number = at("二、", 0);
    assert_eq!(
        (number.paragraph, number.in_number, number.run),
        (6, true, None)
    );
    assert_eq!(at("存在", 0).offset, 0);
    assert_eq!(
        at("XX办公室", 0),
        WordLocation {
            text_box: Some(TextBox {
                number: 1,
                paragraph: 1
            }),
            ..body(1, 1, 5)
        }
    );
    let header = at("XX单位", 0);
    assert_eq!(
        header.part,
        WordPart::Header {
            number: 1,
            section: 1,
            kind: HeaderKind::Default
        }
    );
    assert_eq!(
        at("第 1 页", 0).part,
        WordPart::Footer {
            number: 1,
            section: 1,
            kind: HeaderKind::Default
        }
    );
    let note = at("XXX", 0);
    assert_eq!(
        (note.part, note.paragraph, note.offset),
        (WordPart::Footnote { number: 1 }, 1, 3)
    );
    assert!(!header.part.takes_comments() && WordPart::Body.takes_comments());
    // The empty line between two parts belongs to none; a span across it starts at the next.
    let gap = e.text.find("\n\n").unwrap() + 1;
    assert_eq!(e.map.location(&e.text, gap, gap), None);
    assert_eq!(
        e.map
            .location(&e.text, gap, gap + 3)
            .unwrap()
            .text_box
            .unwrap()
            .number,
        1
    );
    let json = serde_json::to_value(at("XX万元", 0)).unwrap();
    assert_eq!(json["part"], "body");
    assert_eq!(json["table"]["cell"], 2);
}

#[test]
fn annotation_anchors_every_kind_of_finding() {
    let original = rich().bytes();
    let e = extract(&original, &DocxLimits::default()).unwrap();
    let t = &e.text;
    let comments = vec![
        comment(t, "XX", 0, "标题里有未填写的占位符"),
        comment(t, "X次", 0, "次数未填写"),
        comment(t, "XX万元", 0, "金额未填写"),
        comment(t, "XX办公室", 0, "文本框里的占位符"),
        comment(t, "XX单位", 0, "页眉里的占位符"),
        comment(t, "第 1 页", 0, "页脚"),
        comment(t, "XXX", 0, "脚注里的书名"),
        comment(t, "二、", 0, "序号"),
        comment(t, "学习X", 0, "跨越两个格式段"),
    ];
    let out = annotate(&original, &comments, &[], &AnnotateOptions::default()).unwrap();
    // The same input gives the same bytes.
    let again = annotate(&original, &comments, &[], &AnnotateOptions::default()).unwrap();
    assert_eq!(again.bytes, out.bytes);
    use Placement::*;
    assert_eq!(
        out.comments,
        [
            Exact,
            Exact,
            Exact,
            TextBoxAnchor,
            SectionStart,
            SectionStart,
            NoteReference,
            Paragraph,
            Exact
        ]
    );
    let files = unzip(&out.bytes);
    let anchored = anchors(&files["word/document.xml"]);
    let by_message: BTreeMap<&str, &str> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.text.as_str(), anchored.values().nth(i).unwrap().as_str()))
        .collect();
    assert_eq!(by_message["标题里有未填写的占位符"], "XX");
    assert_eq!(by_message["次数未填写"], "X次");
    assert_eq!(by_message["金额未填写"], "XX万元");
    // The text box's anchor run holds the box's text twice (shape and fallback).
    assert!(by_message["文本框里的占位符"].contains("报送单位：XX办公室"));
    // The header's finding is on the first paragraph of its section (which holds the
    // text box, whose text shows twice in the XML).
    assert!(by_message["页眉里的占位符"].starts_with("XX局2023年工作总结"));
    assert_eq!(by_message["脚注里的书名"], "");
    assert_eq!(by_message["序号"], "存在的问题");
    assert_eq!(by_message["跨越两个格式段"], "学习X");
    // The bold run was split after its X: its formatting is there twice, byte for byte.
    let document = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    assert_eq!(document.matches(r#"<w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋_GB2312"/><w:b/><w:color w:val="C00000"/></w:rPr>"#).count(), 2);
    // Linting the copy finds what the original had: the text is the same.
    let again = extract(&out.bytes, &DocxLimits::default()).unwrap();
    assert_eq!(&again.text, t);
    // Headers, footers, notes, images and the rest are untouched, byte for byte.
    let before = unzip(&original);
    for (name, data) in &before {
        if ![
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "[Content_Types].xml",
        ]
        .contains(&name.as_str())
        {
            assert_eq!(&files[name], data, "{name} changed");
        }
    }
    let comments_xml = String::from_utf8(files["word/comments.xml"].clone()).unwrap();
    assert_eq!(
        comments_xml.matches("w:author=\"zongjie\"").count(),
        comments.len()
    );
    assert!(
        comments_xml.contains("次数未填写 [placeholder]") || comments_xml.contains(">次数未填写<")
    );
    let rels = String::from_utf8(files["word/_rels/document.xml.rels"].clone()).unwrap();
    assert!(
        rels.contains("relationships/comments\" Target=\"comments.xml\""),
        "{rels}"
    );
    let types = String::from_utf8(files["[Content_Types].xml"].clone()).unwrap();
    assert!(types.contains("/word/comments.xml"));
}

#[test]
fn annotating_again_replaces_our_comments_and_keeps_others() {
    let mut fixture = rich();
    fixture.comments = Some(r#"<w:comment w:id="0" w:author="王科长" w:initials="王"><w:p><w:r><w:t>请补充数据</w:t></w:r></w:p></w:comment>"#.to_string());
    fixture.body = fixture.body.replacen(
        "<w:p><w:r><w:t xml:space=\"preserve\">全年",
        "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">全年",
        1,
    ).replacen("覆盖全体党员。</w:t></w:r>", "覆盖全体党员。</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>", 1);
    let original = fixture.bytes();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let comments = vec![
        comment(&text, "XX", 0, "第一次"),
        comment(&text, "X次", 0, "第一次"),
    ];
    let first = annotate(&original, &comments, &[], &AnnotateOptions::default()).unwrap();
    assert_eq!(first.removed, 0);
    let second_comments = vec![comment(&text, "XX万元", 0, "第二次")];
    let second = annotate(
        &first.bytes,
        &second_comments,
        &[],
        &AnnotateOptions::default(),
    )
    .unwrap();
    assert_eq!(second.removed, 2);
    let files = unzip(&second.bytes);
    let xml = String::from_utf8(files["word/comments.xml"].clone()).unwrap();
    assert_eq!(xml.matches("w:author=\"zongjie\"").count(), 1);
    assert!(xml.contains("第二次") && !xml.contains("第一次"));
    assert!(xml.contains("请补充数据"), "someone else's comment is kept");
    let anchored = anchors(&files["word/document.xml"]);
    assert_eq!(anchored.len(), 2);
    assert_eq!(anchored[&0], "全年开展集中学习X次，覆盖全体党员。");
    assert!(anchored.values().any(|v| v == "XX万元"));
    assert_eq!(
        extract(&second.bytes, &DocxLimits::default()).unwrap().text,
        text
    );
    // Replacing only one rule's comments keeps the others'.
    let mut other = comment(&text, "XX局", 0, "另一条规则");
    other.rule = "numbering".into();
    let third = annotate(
        &second.bytes,
        &[other],
        &[],
        &AnnotateOptions {
            replace_rules: Some(vec!["numbering".into()]),
            ..AnnotateOptions::default()
        },
    )
    .unwrap();
    assert_eq!(third.removed, 0);
    let xml = String::from_utf8(unzip(&third.bytes)["word/comments.xml"].clone()).unwrap();
    assert!(xml.contains("第二次") && xml.contains("另一条规则"));
}

#[test]
fn revisions_are_tracked_changes_in_the_same_formatting() {
    let original = rich().bytes();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let at = |find: &str| text.find(find).unwrap();
    let revisions = vec![
        Revision {
            byte_start: at("X次"),
            byte_end: at("X次") + 1,
            replacement: "12".into(),
        },
        Revision {
            byte_start: at("覆盖"),
            byte_end: at("覆盖") + "覆盖".len(),
            replacement: "涵盖".into(),
        },
        // Across two runs of different formatting: not written.
        Revision {
            byte_start: at("次，"),
            byte_end: at("次，") + "次，".len(),
            replacement: "次。".into(),
        },
        // On Word's automatic number: not text.
        Revision {
            byte_start: at("二、"),
            byte_end: at("二、") + "二、".len(),
            replacement: "三、".into(),
        },
        // An insertion.
        Revision {
            byte_start: at("执行"),
            byte_end: at("执行"),
            replacement: "遵照".into(),
        },
    ];
    let comments = vec![comment(&text, "X次", 0, "次数未填写")];
    let out = annotate(
        &original,
        &comments,
        &revisions,
        &AnnotateOptions {
            date: Some("2024-05-01T09:30:00Z".into()),
            ..AnnotateOptions::default()
        },
    )
    .unwrap();
    use RevisionOutcome::*;
    assert_eq!(
        out.revisions,
        [
            Applied,
            Applied,
            Skipped(SkipReason::AcrossRuns),
            Skipped(SkipReason::NotText),
            Applied
        ]
    );
    let files = unzip(&out.bytes);
    let xml = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    assert!(xml.contains(r#"w:author="zongjie" w:date="2024-05-01T09:30:00Z"><w:r w:rsidR="00AB12CD"><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋_GB2312"/><w:b/><w:color w:val="C00000"/></w:rPr><w:delText xml:space="preserve">X</w:delText>"#), "{xml}");
    let fixed = extract(&out.bytes, &DocxLimits::default()).unwrap().text;
    assert_eq!(
        fixed,
        text.replacen("X次", "12次", 1)
            .replacen("覆盖", "涵盖", 1)
            .replacen("依据有关文件执行", "依据有关文件遵照执行", 1)
    );
    // The comment on the revised characters covers the change.
    let anchored = anchors(&files["word/document.xml"]);
    assert_eq!(anchored.values().next().unwrap(), "12次");
}

#[test]
fn splits_inside_entities_and_cdata_keep_the_text() {
    let body = p(r#"<w:r><w:t>A&amp;B&lt;XX&gt;<![CDATA[和XX]]>尾</w:t></w:r>"#);
    let original = Fixture {
        body,
        ..Fixture::default()
    }
    .bytes();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    assert_eq!(text, "A&B<XX>和XX尾\n");
    let comments = vec![
        comment(&text, "XX", 0, "一"),
        comment(&text, "XX", 1, "二"),
        comment(&text, "&B", 0, "三"),
    ];
    let out = annotate(&original, &comments, &[], &AnnotateOptions::default()).unwrap();
    assert_eq!(
        extract(&out.bytes, &DocxLimits::default()).unwrap().text,
        text
    );
    let anchored: Vec<String> = anchors(&unzip(&out.bytes)["word/document.xml"])
        .into_values()
        .collect();
    assert_eq!(anchored, ["XX", "XX", "&B"]);
}

#[test]
fn default_namespace_documents_are_annotated_too() {
    let xml = format!(
        r#"<document xmlns="{W_NS}"><body><p><r><t>某某单位XX局</t></r></p></body></document>"#
    );
    let original = make_docx(&xml, None);
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let out = annotate(
        &original,
        &[comment(&text, "XX", 0, "占位符")],
        &[],
        &AnnotateOptions::default(),
    )
    .unwrap();
    assert_eq!(out.comments, [Placement::Exact]);
    assert_eq!(
        extract(&out.bytes, &DocxLimits::default()).unwrap().text,
        text
    );
    let files = unzip(&out.bytes);
    let doc = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    assert!(doc.contains(r#"<commentRangeStart xmlns:w="#), "{doc}");
    // The minimal package had no relationships part: one is made.
    assert!(files.contains_key("word/_rels/document.xml.rels"));
}

#[test]
fn bad_spans_are_reported_not_fatal() {
    let original = rich().bytes();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let comments = vec![
        Comment {
            byte_start: 5,
            byte_end: 2,
            text: "倒置".into(),
            rule: "x".into(),
        },
        Comment {
            byte_start: 0,
            byte_end: text.len() + 10,
            text: "越界".into(),
            rule: "x".into(),
        },
        Comment {
            byte_start: 3,
            byte_end: 4,
            text: "半个字".into(),
            rule: "x".into(),
        },
    ];
    let out = annotate(&original, &comments, &[], &AnnotateOptions::default()).unwrap();
    assert_eq!(out.comments, [Placement::NotPlaced; 3]);
    assert_eq!(
        unzip(&out.bytes)["word/document.xml"],
        unzip(&original)["word/document.xml"]
    );
    let err = annotate(
        &original,
        &[],
        &[],
        &AnnotateOptions {
            date: Some("昨天".into()),
            ..AnnotateOptions::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, DocxError::Annotate(_)), "{err}");
}

/// Runs that hold more than text, and runs inside the containers Word nests them in.
fn messy() -> Fixture {
    let body = [
        p(r#"<w:r><w:rPr><w:i/></w:rPr><w:t>甲乙</w:t><w:tab/><w:t xml:space="preserve"> 丙 </w:t><w:br/><w:t>丁</w:t><w:lastRenderedPageBreak/><w:t>戊XX</w:t><w:footnoteReference w:id="1"/></w:r>"#),
        p(r#"<w:hyperlink r:id="rIdLink"><w:r><w:t>链接XX文字</w:t></w:r></w:hyperlink><w:fldSimple w:instr=" DATE "><w:r><w:t>20XX年</w:t></w:r></w:fldSimple><w:smartTag w:uri="u" w:element="e"><w:r><w:t>智能XX</w:t></w:r></w:smartTag>"#),
        p(r#"<w:ins w:id="90" w:author="王科长"><w:r><w:t>他人插入XX</w:t></w:r></w:ins><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件XX内容</w:t></w:r></w:sdtContent></w:sdt><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#),
        p(r#"<w:r><w:t>A&amp;B&lt;X&gt;</w:t><w:noBreakHyphen/><w:t><![CDATA[C<D>XX]]></w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>错别</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>字</w:t></w:r>"#),
        "<w:p/>".to_string(),
        p(&run("末段XX")),
    ]
    .concat();
    Fixture {
        body,
        footnotes: Some(r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/><w:t>注XX</w:t></w:r></w:p></w:footnote>"#.to_string()),
        ..Fixture::default()
    }
}

#[test]
fn messy_runs_read_as_written() {
    let text = extract(&messy().bytes(), &DocxLimits::default())
        .unwrap()
        .text;
    assert_eq!(
        text,
        "甲乙\t 丙 \n丁戊XX\n链接XX文字20XX年智能XX\n他人插入XX控件XX内容7\nA&B<X>-C<D>XX错别字\n\n末段XX\n\n注XX\n"
    );
}

/// Random spans over documents with every kind of content: the copy always reads back
/// with the same text and with every range closed.
#[test]
fn random_comments_never_change_the_text() {
    for fixture in [rich(), messy()] {
        random_comments_on(&fixture.bytes());
    }
}

fn random_comments_on(original: &[u8]) {
    let original = original.to_vec();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for round in 0..60 {
        let comments: Vec<Comment> = (0..1 + rng.below(12))
            .map(|i| {
                let a = bounds[rng.below(bounds.len())];
                let b = bounds[rng.below(bounds.len())];
                Comment {
                    byte_start: a.min(b),
                    byte_end: a.max(b),
                    text: format!("第{i}条"),
                    rule: "placeholder".into(),
                }
            })
            .collect();
        let out = annotate(&original, &comments, &[], &AnnotateOptions::default())
            .unwrap_or_else(|e| panic!("round {round}: {e} for {comments:?}"));
        let again = extract(&out.bytes, &DocxLimits::default()).unwrap();
        assert_eq!(again.text, text, "round {round}: {comments:?}");
        let spans: Vec<_> = comments
            .iter()
            .map(|c| &text[c.byte_start..c.byte_end])
            .collect();
        let found = std::panic::catch_unwind(|| anchors(&unzip(&out.bytes)["word/document.xml"]));
        assert!(found.is_ok(), "round {round}: {spans:?} {:?}", out.comments);
        // And once more over the annotated copy, which replaces every comment.
        let twice = annotate(&out.bytes, &comments, &[], &AnnotateOptions::default()).unwrap();
        assert_eq!(
            extract(&twice.bytes, &DocxLimits::default()).unwrap().text,
            text
        );
    }
}

/// A file Word saved after we annotated it carries our comments in its extended comment
/// parts too (by paragraph id and durable id); annotating it again leaves no entry there
/// for a comment that is gone, and keeps the others'.
#[test]
fn word_extended_comment_parts_are_pruned_with_our_comments() {
    let mut fixture = rich();
    fixture.comments = Some(
        r#"<w:comment w:id="5" w:author="zongjie" w:initials="zj"><w:p w14:paraId="1A2B3C4D" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:r><w:t>旧的 [placeholder]</w:t></w:r></w:p></w:comment><w:comment w:id="6" w:author="王科长"><w:p w14:paraId="5E6F7A8B" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:r><w:t>保留</w:t></w:r></w:p></w:comment>"#.to_string(),
    );
    fixture.body = fixture.body.replacen(
        "<w:p><w:r><w:t xml:space=\"preserve\">全年",
        "<w:p><w:commentRangeStart w:id=\"5\"/><w:commentRangeStart w:id=\"6\"/><w:r><w:t xml:space=\"preserve\">全年",
        1,
    ).replacen(
        "覆盖全体党员。</w:t></w:r>",
        "覆盖全体党员。</w:t></w:r><w:commentRangeEnd w:id=\"5\"/><w:r><w:commentReference w:id=\"5\"/></w:r><w:commentRangeEnd w:id=\"6\"/><w:r><w:commentReference w:id=\"6\"/></w:r>",
        1,
    );
    fixture.extra = vec![
        (
            "commentsExtended",
            "commentsExtended.xml",
            "commentsExtended",
            r#"<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/><w15:commentEx w15:paraId="5E6F7A8B" w15:done="0"/></w15:commentsEx>"#.to_string(),
        ),
        (
            "commentsIds",
            "commentsIds.xml",
            "commentsIds",
            r#"<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"><w16cid:commentId w16cid:paraId="1A2B3C4D" w16cid:durableId="11111111"/><w16cid:commentId w16cid:paraId="5E6F7A8B" w16cid:durableId="22222222"/></w16cid:commentsIds>"#.to_string(),
        ),
        (
            "commentsExtensible",
            "commentsExtensible.xml",
            "commentsExtensible",
            r#"<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex"><w16cex:commentExtensible w16cex:durableId="11111111" w16cex:dateUtc="2024-01-01T00:00:00Z"/><w16cex:commentExtensible w16cex:durableId="22222222" w16cex:dateUtc="2024-01-01T00:00:00Z"/></w16cex:commentsExtensible>"#.to_string(),
        ),
    ];
    let original = fixture.bytes();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let out = annotate(
        &original,
        &[comment(&text, "XX", 0, "新的")],
        &[],
        &AnnotateOptions::default(),
    )
    .unwrap();
    assert_eq!(out.removed, 1);
    let files = unzip(&out.bytes);
    for (name, gone, kept) in [
        ("word/commentsExtended.xml", "1A2B3C4D", "5E6F7A8B"),
        ("word/commentsIds.xml", "11111111", "22222222"),
        ("word/commentsExtensible.xml", "11111111", "22222222"),
    ] {
        let xml = String::from_utf8(files[name].clone()).unwrap();
        assert!(!xml.contains(gone) && xml.contains(kept), "{name}: {xml}");
    }
    let anchored = anchors(&files["word/document.xml"]);
    assert_eq!(anchored.len(), 2, "{anchored:?}");
    assert_eq!(anchored[&6], "全年开展集中学习X次，覆盖全体党员。");
}

/// Offsets count a byte order mark: the annotated copy of a part that starts with one
/// is still well-formed and reads the same.
#[test]
fn parts_with_a_byte_order_mark_are_annotated_in_place() {
    let xml = format!("\u{FEFF}{}", doc(&para("某某单位XX局")));
    let original = make_docx(&xml, None);
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let out = annotate(
        &original,
        &[comment(&text, "XX", 0, "占位符")],
        &[],
        &AnnotateOptions::default(),
    )
    .unwrap();
    assert_eq!(
        extract(&out.bytes, &DocxLimits::default()).unwrap().text,
        text
    );
    let files = unzip(&out.bytes);
    assert!(files["word/document.xml"].starts_with("\u{FEFF}".as_bytes()));
    assert_eq!(
        anchors(&files["word/document.xml"])
            .into_values()
            .collect::<Vec<_>>(),
        ["XX"]
    );
}

/// Random tracked changes (and comments) over documents with every kind of content: the
/// copy reads as the original with exactly the applied changes made, and every comment
/// range is closed.
#[test]
fn random_revisions_apply_exactly_what_they_say() {
    for fixture in [rich(), messy()] {
        random_revisions_on(&fixture.bytes());
    }
}

fn random_revisions_on(original: &[u8]) {
    let original = original.to_vec();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut rng = Rng(0xFEED_F00D_0000_0003);
    let mut applied_total = 0;
    for round in 0..80 {
        let mut span = || {
            let a = rng.below(bounds.len());
            let b = (a + rng.below(6)).min(bounds.len() - 1);
            (bounds[a], bounds[b])
        };
        let revisions: Vec<Revision> = (0..1 + round % 5)
            .map(|i| {
                let (a, b) = span();
                Revision {
                    byte_start: a,
                    byte_end: b,
                    replacement: ["", "改", "新内容", "a&b<c>"][i % 4].to_string(),
                }
            })
            .collect();
        let comments: Vec<Comment> = (0..round % 4)
            .map(|_| {
                let (a, b) = span();
                Comment {
                    byte_start: a,
                    byte_end: b,
                    text: "批注".into(),
                    rule: "placeholder".into(),
                }
            })
            .collect();
        let out = annotate(
            &original,
            &comments,
            &revisions,
            &AnnotateOptions::default(),
        )
        .unwrap_or_else(|e| panic!("round {round}: {e}"));
        let mut expected = text.clone();
        let mut applied: Vec<&Revision> = revisions
            .iter()
            .zip(&out.revisions)
            .filter(|(_, o)| **o == RevisionOutcome::Applied)
            .map(|(r, _)| r)
            .collect();
        applied_total += applied.len();
        applied.sort_by_key(|r| std::cmp::Reverse(r.byte_start));
        for r in applied {
            expected.replace_range(r.byte_start..r.byte_end, &r.replacement);
        }
        let got = extract(&out.bytes, &DocxLimits::default())
            .unwrap_or_else(|e| panic!("round {round}: {e} for {revisions:?}"))
            .text;
        assert_eq!(
            got, expected,
            "round {round}: {revisions:?} {:?}",
            out.revisions
        );
        let files = unzip(&out.bytes);
        let closed = std::panic::catch_unwind(|| anchors(&files["word/document.xml"]));
        assert!(closed.is_ok(), "round {round}: {revisions:?} {comments:?}");
    }
    assert!(applied_total > 30, "only {applied_total} applied");
}
