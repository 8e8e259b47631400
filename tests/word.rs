//! Word files end to end: a report with findings in every place Word has text (body,
//! table cell, text box, header, footer, footnote, Word-numbered heading) is read, linted
//! and annotated with the library; the copy is checked here, then reopened by readers
//! that share no code with ours: python-docx (from PyPI) and LibreOffice. Each of those
//! checks is skipped, with a note on stderr, when the program is not installed.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use zongjie::input::docx::{
    AnnotateOptions, Comment, DocxLimits, Placement, WordPart, annotate, extract,
};
use zongjie::input::{ReadOptions, read_path};
use zongjie::{Analyzer, Config, Diagnostic, Document};

use crate::docx_fixture::{
    Package, heading_numbering, marked_run, numbered, para, run, text_box_run,
};

/// Writes to stderr directly, so that the test harness does not swallow a skip note.
pub fn note(message: &str) {
    let _ = writeln!(std::io::stderr(), "note: {message}");
}

/// The text of the report's text box.
const TEXT_BOX: &str = "报送单位：XX办公室";

/// A 2023 annual summary of a bureau, with something left to fill in everywhere.
fn report() -> Package {
    let body = [
        para(&[
            run("XX局2023年度工作总结"),
            text_box_run(&para(&[run(TEXT_BOX)])),
        ]),
        numbered(1, 0, "主要工作完成情况"),
        para(&[
            run("2023年，全局上下深入学习贯彻党的二十大精神，全年组织集中学习"),
            marked_run("X"),
            run("次，开展专题研讨"),
            marked_run("XX"),
            run("次，理论武装不断加强。"),
        ]),
        numbered(1, 1, "强化制度执行"),
        para(&[run("修订完善内部管理制度，做到用制度管人、按制度办事。")]),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>培训经费</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>XX万元</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
        numbered(1, 0, "存在的问题和不足"),
        // Someone else's comment and tracked changes, which must survive untouched.
        format!(
            r#"<w:p><w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:ins w:id="1" w:author="王科长" w:date="2024-01-05T10:00:00Z">{}</w:ins><w:del w:id="2" w:author="王科长" w:date="2024-01-05T10:00:00Z"><w:r><w:delText>大概</w:delText></w:r></w:del>{}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>"#,
            run("一是学习的系统性还不够强"),
            run("，"),
            run("二是调查研究还不够深入。")
        ),
        // Word itself numbers this one 四、 (list 2 starts at four): a numbering slip.
        numbered(2, 0, "下一步工作打算"),
        para(&[run("坚持以习近平新时代中国特色社会主义思想为指导，推动各项工作再上新台阶。")]),
        para(&[run("XX局办公室")]),
        para(&[run("20XX年X月X日")]),
    ]
    .concat();
    Package {
        body,
        header: Some(para(&[run("XX局文件")])),
        footer: Some(para(&[
            run("第 "),
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#.to_string(),
            run(" 页　XX局印"),
        ])),
        footnotes: Some(format!(
            r#"<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#,
            run(" 依据《XXX》第X条。")
        )),
        comments: Some(r#"<w:comment w:id="0" w:author="李处长" w:date="2024-01-06T09:00:00Z" w:initials="李"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>问题要写具体。</w:t></w:r></w:p></w:comment>"#.to_string()),
        numbering: Some(heading_numbering()),
        image: true,
    }
}

struct Annotated {
    dir: tempfile::TempDir,
    original: PathBuf,
    annotated: PathBuf,
    doc: Document,
    diagnostics: Vec<Diagnostic>,
    comments: Vec<Comment>,
    placements: Vec<Placement>,
}

/// Reads, lints and annotates the report.
fn annotated_report() -> Annotated {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("总结.docx");
    std::fs::write(&original, report().bytes()).unwrap();
    let doc = read_path(&original, &ReadOptions::default()).unwrap();
    let diagnostics = Analyzer::new(Config::default()).lint(&doc);
    let comments: Vec<Comment> = diagnostics
        .iter()
        .map(|d| Comment {
            byte_start: d.span.byte_start,
            byte_end: d.span.byte_end,
            text: d.message.clone(),
            rule: d.rule.name().to_string(),
        })
        .collect();
    let bytes = std::fs::read(&original).unwrap();
    let out = annotate(&bytes, &comments, &[], &AnnotateOptions::default()).unwrap();
    let annotated = dir.path().join("总结.批注.docx");
    std::fs::write(&annotated, &out.bytes).unwrap();
    Annotated {
        dir,
        original,
        annotated,
        doc,
        diagnostics,
        comments,
        placements: out.comments,
    }
}

fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().unwrap().to_string(), data);
    }
    out
}

/// What each finding is anchored on in Word: the text the comment range covers.
fn expected_anchor(a: &Annotated, i: usize) -> String {
    let d = &a.diagnostics[i];
    let text = a.doc.text();
    match a.placements[i] {
        Placement::Exact => text[d.span.byte_start..d.span.byte_end].to_string(),
        Placement::Paragraph => {
            // The paragraph's own text, Word's number not being text in the file.
            let line = a.doc.line(d.span.line).unwrap().text;
            line.trim_start_matches(|c: char| {
                !c.is_ascii() && "一二三四五六七八九十、（）".contains(c)
            })
            .to_string()
        }
        // The first paragraph, which holds the text box (its text is in the XML twice:
        // the shape and its fallback).
        Placement::SectionStart => format!("XX局2023年度工作总结{}", TEXT_BOX.repeat(2)),
        // The reference mark's run has no text.
        Placement::NoteReference => String::new(),
        Placement::TextBoxAnchor => TEXT_BOX.repeat(2),
        Placement::NotPlaced => panic!("finding {i} not placed"),
    }
}

#[test]
fn findings_everywhere_have_word_locations() {
    let a = annotated_report();
    let found: Vec<(String, String)> = a
        .diagnostics
        .iter()
        .map(|d| {
            let loc = a
                .doc
                .word_location(d.span.byte_start, d.span.byte_end)
                .expect("every finding is in some paragraph");
            let place = match (loc.part, loc.text_box, loc.table) {
                (_, Some(tb), _) => format!("text box {} in paragraph {}", tb.number, tb.paragraph),
                (WordPart::Body, None, Some(c)) => {
                    format!("table {} row {} cell {}", c.table, c.row, c.cell)
                }
                (WordPart::Body, None, None) => format!("paragraph {}", loc.paragraph),
                (part, None, _) => format!("{part:?}"),
            };
            (format!("{} {}", d.rule.name(), d.text), place)
        })
        .collect();
    let has = |what: &str, place: &str| {
        assert!(
            found.iter().any(|(w, p)| w == what && p.starts_with(place)),
            "no {what} at {place} in {found:#?}"
        );
    };
    has("placeholder XX", "paragraph 1");
    has("placeholder X", "paragraph 3");
    has("placeholder XX", "table 1 row 2 cell 2");
    has("placeholder XX", "text box 1 in paragraph 1");
    has("placeholder XX", "Header");
    has("placeholder XX", "Footer");
    has("placeholder XXX", "Footnote");
    // Paragraphs count table cells: title, heading, text, heading, text, four cells, heading, text.
    has("numbering 四、", "paragraph 12");
    let slip = a.diagnostics.iter().find(|d| d.text == "四、").unwrap();
    let loc = a
        .doc
        .word_location(slip.span.byte_start, slip.span.byte_end)
        .unwrap();
    assert!(loc.in_number, "{loc:?}");
}

#[test]
fn annotated_copy_keeps_text_parts_and_findings() {
    let a = annotated_report();
    assert!(
        a.placements.iter().all(|p| *p != Placement::NotPlaced),
        "{:?}",
        a.placements
    );
    assert!(a.placements.contains(&Placement::TextBoxAnchor));
    assert!(a.placements.contains(&Placement::SectionStart));
    assert!(a.placements.contains(&Placement::NoteReference));
    assert!(a.placements.contains(&Placement::Paragraph));
    // Linting the copy finds exactly what the original had.
    let again = read_path(&a.annotated, &ReadOptions::default()).unwrap();
    assert_eq!(again.text(), a.doc.text());
    let diagnostics = Analyzer::new(Config::default()).lint(&again);
    let key = |d: &Diagnostic| (d.rule, d.span, d.text.clone());
    assert_eq!(
        diagnostics.iter().map(key).collect::<Vec<_>>(),
        a.diagnostics.iter().map(key).collect::<Vec<_>>()
    );
    // Every part but the body, comments, relationships and content types is untouched.
    let before = unzip(&a.original);
    let after = unzip(&a.annotated);
    let rewritten = ["word/document.xml", "word/comments.xml"];
    for (name, data) in &before {
        if !rewritten.contains(&name.as_str()) {
            assert_eq!(&after[name], data, "{name} changed");
        }
    }
    let comments = String::from_utf8(after["word/comments.xml"].clone()).unwrap();
    assert!(comments.contains("问题要写具体。"));
    assert_eq!(
        comments.matches(r#"w:author="zongjie""#).count(),
        a.comments.len()
    );
    let document = String::from_utf8(after["word/document.xml"].clone()).unwrap();
    assert!(document.contains(r#"<w:ins w:id="1" w:author="王科长""#));
    assert!(document.contains("<w:delText>大概</w:delText>"));
    // Annotating the copy again replaces our comments instead of stacking them.
    let bytes = std::fs::read(&a.annotated).unwrap();
    let twice = annotate(&bytes, &a.comments, &[], &AnnotateOptions::default()).unwrap();
    assert_eq!(twice.removed, a.comments.len());
    let path = a.dir.path().join("twice.docx");
    std::fs::write(&path, &twice.bytes).unwrap();
    let comments = String::from_utf8(unzip(&path)["word/comments.xml"].clone()).unwrap();
    assert_eq!(
        comments.matches(r#"w:author="zongjie""#).count(),
        a.comments.len()
    );
    assert_eq!(
        extract(&twice.bytes, &DocxLimits::default()).unwrap().text,
        a.doc.text()
    );
}

/// Reads comments and their anchors with python-docx: the package, parts and XML are
/// python-docx's (lxml); the anchor text is every `w:t` between a comment's range start
/// and end in document order.
const PYTHON_READER: &str = r#"
import json, sys
import docx
from docx.oxml.ns import qn

document = docx.Document(sys.argv[1])
anchors, open_ids = {}, []
for el in document.element.body.iter():
    if el.tag == qn("w:commentRangeStart"):
        open_ids.append(el.get(qn("w:id")))
        anchors.setdefault(el.get(qn("w:id")), "")
    elif el.tag == qn("w:commentRangeEnd"):
        open_ids = [i for i in open_ids if i != el.get(qn("w:id"))]
    elif el.tag == qn("w:t"):
        for i in open_ids:
            anchors[i] += el.text or ""
comments = [
    {"id": str(c.comment_id), "author": c.author, "initials": c.initials, "text": c.text,
     "anchor": anchors.get(str(c.comment_id))}
    for c in document.comments
]
print(json.dumps(comments, ensure_ascii=False))
"#;

fn python_docx_available() -> bool {
    Command::new("python3")
        .args(["-c", "import docx; docx.Document().comments"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn python_docx_reads_every_comment_on_its_anchor() {
    if !python_docx_available() {
        note(
            "python3 with python-docx >= 1.2 is not installed (pip install python-docx); skipping the python-docx check",
        );
        return;
    }
    let a = annotated_report();
    let script = a.dir.path().join("read_comments.py");
    std::fs::write(&script, PYTHON_READER).unwrap();
    let out = Command::new("python3")
        .arg(&script)
        .arg(&a.annotated)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // Someone else's comment first, then ours in the order given.
    assert_eq!(read[0]["author"], "李处长");
    assert_eq!(read[0]["anchor"], "一是学习的系统性还不够强");
    let ours: Vec<&serde_json::Value> = read.iter().filter(|c| c["author"] == "zongjie").collect();
    assert_eq!(ours.len(), a.comments.len());
    for (i, (c, r)) in a.comments.iter().zip(&ours).enumerate() {
        assert_eq!(r["initials"], "zj");
        assert_eq!(r["text"], format!("{} [{}]", c.text, c.rule), "comment {i}");
        assert_eq!(
            r["anchor"],
            expected_anchor(&a, i),
            "anchor of comment {i}: {c:?}"
        );
    }
}

/// Converts `input` with LibreOffice into `dir` as `format`; `None` when soffice is
/// missing.
fn soffice_convert(input: &Path, dir: &Path, format: &str) -> Option<PathBuf> {
    let soffice = zongjie::input::convert::find_soffice()?;
    let profile = dir.join("profile");
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(dir)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let ext = format.split(':').next().unwrap();
    let out = dir.join(format!("{stem}.{ext}"));
    assert!(out.is_file(), "LibreOffice wrote no {out:?}");
    Some(out)
}

/// The comments of an OpenDocument `content.xml`: (author, message, anchored text), the
/// anchor being the text between `office:annotation` and the `office:annotation-end` of
/// the same name.
fn odf_comments(xml: &[u8]) -> Vec<(String, String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut found: Vec<(String, String, String)> = Vec::new();
    let mut names: Vec<Option<String>> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // Inside an annotation: its index, and whether we are in its creator.
    let mut inside: Option<usize> = None;
    let mut in_creator = false;
    // Inside an annotation, only its paragraphs are its message (not its date, initials).
    let mut in_p = false;
    let push = |found: &mut Vec<(String, String, String)>,
                inside: Option<usize>,
                in_creator: bool,
                open: &[usize],
                text: &str| {
        match inside {
            Some(i) if in_creator => found[i].0.push_str(text),
            Some(i) => found[i].1.push_str(text),
            None => {
                for &i in open {
                    found[i].2.push_str(text);
                }
            }
        }
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().0 {
                "office:annotation" => {
                    let name = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.0 == "office:name")
                        .map(|a| a.value.to_string());
                    found.push(Default::default());
                    names.push(name.clone());
                    inside = Some(found.len() - 1);
                    in_p = false;
                    if name.is_some() {
                        open.push(found.len() - 1);
                    }
                }
                "dc:creator" => in_creator = true,
                "text:p" => in_p = true,
                _ => {}
            },
            Event::End(e) => match e.name().0 {
                "office:annotation" => inside = None,
                "dc:creator" => in_creator = false,
                "text:p" => {
                    in_p = false;
                    if inside.is_some() {
                        push(&mut found, inside, false, &open, "\n");
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().0 {
                "office:annotation-end" => {
                    let name = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.0 == "office:name")
                        .map(|a| a.value.to_string());
                    open.retain(|&i| names[i] != name);
                }
                "text:s" => push(&mut found, inside, in_creator, &open, " "),
                "text:tab" => push(&mut found, inside, in_creator, &open, "\t"),
                _ => {}
            },
            Event::Text(t) if inside.is_none() || in_creator || in_p => {
                push(&mut found, inside, in_creator, &open, &t.xml10_content())
            }
            Event::GeneralRef(r) => {
                let c = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                };
                push(&mut found, inside, in_creator, &open, c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for f in &mut found {
        f.1 = f.1.trim_end().to_string();
    }
    found
}

#[test]
fn libreoffice_keeps_every_comment_on_its_anchor() {
    let a = annotated_report();
    let dir = a.dir.path().join("lo");
    std::fs::create_dir(&dir).unwrap();
    let Some(odt) = soffice_convert(&a.annotated, &dir, "odt") else {
        note("soffice (LibreOffice) is not on PATH; skipping the LibreOffice round trip");
        return;
    };
    let mut read = odf_comments(&unzip(&odt)["content.xml"]);
    assert!(
        read.iter().any(|(who, msg, anchor)| who == "李处长"
            && msg == "问题要写具体。"
            && anchor == "一是学习的系统性还不够强"),
        "{read:#?}"
    );
    // Each of ours, with its message, on its anchor (LibreOffice keeps one copy of a
    // text box, and puts a footnote's text inside its reference mark).
    for (i, c) in a.comments.iter().enumerate() {
        let message = format!("{} [{}]", c.text, c.rule);
        let want = match a.placements[i] {
            Placement::SectionStart => format!("XX局2023年度工作总结{TEXT_BOX}"),
            Placement::TextBoxAnchor => TEXT_BOX.to_string(),
            _ => expected_anchor(&a, i),
        };
        let fits = |anchor: &str| match a.placements[i] {
            Placement::NoteReference => anchor.contains("依据《XXX》第X条。"),
            _ => anchor == want,
        };
        let at = read
            .iter()
            .position(|(who, msg, anchor)| who == "zongjie" && *msg == message && fits(anchor))
            .unwrap_or_else(|| {
                panic!("comment {i} ({message} on {want:?}) not in the .odt: {read:#?}")
            });
        read.remove(at);
    }
    assert!(read.iter().all(|(who, _, _)| who != "zongjie"), "{read:?}");
    // And back to .docx: the comments part keeps ours and the reviewer's.
    let back_dir = dir.join("back");
    std::fs::create_dir(&back_dir).unwrap();
    let docx = soffice_convert(&odt, &back_dir, "docx:MS Word 2007 XML").unwrap();
    let comments = String::from_utf8(unzip(&docx)["word/comments.xml"].clone()).unwrap();
    assert_eq!(
        comments.matches(r#"w:author="zongjie""#).count(),
        a.comments.len()
    );
    assert!(comments.contains("李处长"));
}

/// `.doc`, `.odt`, `.rtf` and `.wps` (a Word 97 file under WPS's name, as Kingsoft writes
/// them) made from the report by LibreOffice are converted back by zongjie itself: the
/// report keeps the original's path and finds the same slots.
#[test]
fn legacy_formats_are_converted_with_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("总结.docx");
    std::fs::write(&original, report().bytes()).unwrap();
    let made = dir.path().join("made");
    std::fs::create_dir(&made).unwrap();
    let Some(doc) = soffice_convert(&original, &made, "doc") else {
        note("soffice (LibreOffice) is not on PATH; skipping the legacy format conversions");
        return;
    };
    let odt = soffice_convert(&original, &made, "odt").unwrap();
    let rtf = soffice_convert(&original, &made, "rtf").unwrap();
    let wps = made.join("总结.wps");
    std::fs::copy(&doc, &wps).unwrap();
    let slots = |run: &crate::util::Run| -> Vec<String> {
        let json = run.json();
        let file = &json["documents"][0];
        assert!(file["error"].is_null(), "{file}");
        file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["text"].as_str().unwrap().to_string())
            .collect()
    };
    let lint = |p: &Path| {
        crate::util::zongjie(&[
            "lint",
            "--format",
            "json",
            "--rule",
            "placeholder",
            crate::util::s(p),
        ])
    };
    let want = slots(&lint(&original));
    assert_eq!(want.len(), 13, "{want:?}");
    for converted in [&doc, &odt, &rtf, &wps] {
        let run = lint(converted);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let json = run.json();
        assert_eq!(json["documents"][0]["path"], crate::util::s(converted));
        let got = slots(&run);
        // Every slot of the body comes through LibreOffice's round trip.
        let count = |slot: &str| got.iter().filter(|g| *g == slot).count();
        assert!(
            count("XX") >= 7 && count("X") >= 3 && count("XXX") == 1,
            "{converted:?}: {got:?}"
        );
    }
    // Two files converted at once each get their own LibreOffice.
    let both = crate::util::zongjie(&[
        "lint",
        "--format",
        "json",
        crate::util::s(&doc),
        crate::util::s(&rtf),
    ]);
    let json = both.json();
    for f in json["documents"].as_array().unwrap() {
        assert!(f["error"].is_null(), "{f}");
    }
}

/// Fixes written as tracked changes (修订) are tracked changes for LibreOffice too: a
/// deletion and an insertion by zongjie, next to the reviewer's own.
#[test]
fn libreoffice_reads_fixes_as_tracked_changes() {
    let dir = tempfile::tempdir().unwrap();
    let original = report().bytes();
    let text = extract(&original, &DocxLimits::default()).unwrap().text;
    let at = text.find("开展专题研讨").unwrap() + "开展专题".len();
    let revision = zongjie::input::docx::Revision {
        byte_start: at,
        byte_end: at + "研讨".len(),
        replacement: "调研".to_string(),
    };
    let out = annotate(
        &original,
        &[],
        &[revision],
        &AnnotateOptions {
            date: Some("2024-05-01T09:30:00Z".to_string()),
            ..AnnotateOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        out.revisions,
        [zongjie::input::docx::RevisionOutcome::Applied]
    );
    let fixed = extract(&out.bytes, &DocxLimits::default()).unwrap().text;
    assert_eq!(fixed, text.replacen("开展专题研讨", "开展专题调研", 1));
    let path = dir.path().join("修订.docx");
    std::fs::write(&path, &out.bytes).unwrap();
    let Some(odt) = soffice_convert(&path, dir.path(), "odt") else {
        note("soffice (LibreOffice) is not on PATH; skipping the tracked-change check");
        return;
    };
    let content = String::from_utf8(unzip(&odt)["content.xml"].clone()).unwrap();
    let changes = content
        .split("<text:changed-region")
        .skip(1)
        .filter(|region| region.contains("<dc:creator>zongjie</dc:creator>"))
        .count();
    assert_eq!(changes, 2, "{content}");
    assert!(content.contains("<text:deletion>") && content.contains("<text:insertion>"));
    assert!(
        content.contains("研讨"),
        "the deleted text is kept as a change"
    );
}

/// The (rule, text) of every finding `lint --format json` reports on `path`.
fn cli_findings(path: &Path) -> Vec<(String, String)> {
    let run = crate::util::zongjie(&["lint", "--format", "json", crate::util::s(path)]);
    run.json()["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Comments by `author` in a .docx, as python-docx reads them; `None` without it.
fn python_comments(dir: &Path, docx: &Path, author: &str) -> Option<Vec<serde_json::Value>> {
    if !python_docx_available() {
        note("python-docx is not installed; skipping the independent reading of the copy");
        return None;
    }
    let script = dir.join("read_comments.py");
    std::fs::write(&script, PYTHON_READER).unwrap();
    let out = Command::new("python3")
        .arg(&script)
        .arg(docx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    Some(read.into_iter().filter(|c| c["author"] == author).collect())
}

/// `lint --annotate` writes NAME.zongjie.docx beside the draft, never over it; running
/// it on the annotated copy replaces zongjie's comments instead of stacking them, and
/// linting the copy finds exactly what the original had.
#[test]
fn cli_annotate_writes_a_copy_and_replaces_earlier_comments() {
    use crate::util::{s, zongjie};
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("总结.docx");
    std::fs::write(&original, report().bytes()).unwrap();
    let before = std::fs::read(&original).unwrap();
    let found = cli_findings(&original);
    assert!(found.len() > 5, "{found:?}");
    let run = zongjie(&["lint", "--annotate", "--lang", "zh", "-q", s(&original)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let copy = dir.path().join("总结.zongjie.docx");
    assert!(run.stderr.contains("总结.zongjie.docx"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(&original).unwrap(),
        before,
        "the draft was changed"
    );
    assert_eq!(cli_findings(&copy), found);
    // Once more, on the copy: a new file, the same comments, not twice as many.
    let again = zongjie(&["lint", "--annotate", "--lang", "zh", "-q", s(&copy)]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    let second = dir.path().join("总结.zongjie.2.docx");
    assert!(second.is_file());
    if let Some(first) = python_comments(dir.path(), &copy, "zongjie") {
        assert_eq!(first.len(), found.len());
        // Messages in the interface language, the rule id after them.
        assert!(first.iter().any(|c| {
            let t = c["text"].as_str().unwrap();
            t.starts_with("未填写的占位符") && t.ends_with("[placeholder]")
        }));
        // The header's slot says where it really is.
        assert!(
            first
                .iter()
                .any(|c| c["text"].as_str().unwrap().contains("页眉 1")),
            "{first:?}"
        );
        let second = python_comments(dir.path(), &second, "zongjie").unwrap();
        assert_eq!(second.len(), found.len());
        // Someone else's comment is kept.
        let all = python_comments(dir.path(), &copy, "李处长").unwrap();
        assert_eq!(all.len(), 1);
    }
    // --annotate-out names the copy; it is never the input.
    let chosen = dir.path().join("给处长看.docx");
    let run = zongjie(&[
        "lint",
        "--annotate",
        "--annotate-out",
        s(&chosen),
        s(&original),
    ]);
    assert_eq!(run.code, 1);
    assert!(chosen.is_file());
    let over = zongjie(&[
        "lint",
        "--annotate",
        "--annotate-out",
        s(&original),
        s(&original),
    ]);
    assert!(over.stderr.contains("overwrite"), "{}", over.stderr);
    assert_eq!(std::fs::read(&original).unwrap(), before);
}

/// `--fix` on a Word file writes its fixes as tracked changes (w:ins / w:del by
/// zongjie) in the annotated copy; the draft is untouched.
#[test]
fn cli_fix_on_word_files_writes_tracked_changes() {
    use crate::util::{s, zongjie};
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.docx");
    let body = [
        para(&[run("2023年工作总结")]),
        para(&[run("一、主要工作")]),
        para(&[run("全年学习,推进工作(详见附件)。")]),
        para(&[run("二、存在的问题")]),
        para(&[run("学习不够深入。")]),
        para(&[run("三、下一步打算")]),
        para(&[run("继续加强学习。")]),
    ]
    .concat();
    let package = Package {
        body,
        header: None,
        footer: None,
        footnotes: None,
        comments: None,
        numbering: None,
        image: false,
    };
    std::fs::write(&draft, package.bytes()).unwrap();
    let run = zongjie(&["lint", "--fix", "-q", s(&draft)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let copy = dir.path().join("draft.zongjie.docx");
    let parts = unzip(&copy);
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(
        xml.contains("<w:ins ") && xml.contains("w:author=\"zongjie\""),
        "{xml}"
    );
    assert!(xml.contains(">,</w:delText>"), "{xml}");
    assert!(xml.contains(">（</w:t></w:r></w:ins>"), "{xml}");
    assert!(run.stderr.contains("tracked changes"), "{}", run.stderr);
    // The draft itself still reads as it did.
    assert_eq!(cli_findings(&draft).len(), 2);
}
