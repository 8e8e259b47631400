//! Hostile and unusual inputs: each gets a correct result or a per-file error that
//! names the file and the reason; the run goes on; never exit code 101; JSON parses.

use std::path::{Path, PathBuf};

use crate::docx_fixture::{make_docx, make_zip, paragraphs_xml};
use crate::util::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Lint and analyze `paths` as JSON; returns the per-file records of both runs.
fn both(paths: &[&Path]) -> (serde_json::Value, serde_json::Value) {
    let mut lint = vec!["lint", "--format", "json"];
    let mut analyze = vec!["analyze", "--format", "json", "--quiet"];
    for p in paths {
        lint.push(s(p));
        analyze.push(s(p));
    }
    let l = zongjie(&lint);
    let a = zongjie(&analyze);
    (l.json(), a.json())
}

/// The error of the only file in both outputs (None when it was analysed).
fn single_error(paths: &[&Path]) -> Option<String> {
    let (l, a) = both(paths);
    let le = l["documents"][0]["error"].as_str().map(String::from);
    let ae = a["documents"][0]["error"].as_str().map(String::from);
    assert_eq!(le, ae, "lint and analyze agree on the error");
    le
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn invalid_utf8_in_the_middle_is_repaired_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "一、主要工作情况\n今年XX局组织学习十二次。"
        .repeat(20)
        .into_bytes();
    let mid = bytes.len() / 2;
    let mid = (mid..bytes.len()).find(|&i| bytes[i] == b'\n').unwrap();
    bytes.splice(mid..mid, [0xC3, 0x28, 0xFF]);
    let p = write(dir.path(), "mid.txt", &bytes);
    let (l, a) = both(&[&p]);
    assert!(l["documents"][0]["error"].is_null());
    assert_eq!(l["documents"][0]["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(a["documents"][0]["warnings"].as_array().unwrap().len(), 1);
    let slots = l["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "placeholder")
        .count();
    assert_eq!(slots, 20, "the rest of the file is still checked");
}

#[test]
fn binary_named_txt_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    let p = write(dir.path(), "photo.txt", &png);
    let err = single_error(&[&p]).expect("an error");
    assert!(err.contains("photo.txt") && err.contains("binary"), "{err}");
}

#[test]
fn empty_and_whitespace_only_files_are_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "empty.txt", b"");
    let w = write(dir.path(), "blank.txt", " \n\t\r\n\u{3000}\n".as_bytes());
    let (l, a) = both(&[&e, &w]);
    // Issue 9: an empty document is warned about, has no finding (not even missing
    // sections) and no score (null, not the 0.600 it used to get).
    for f in l["documents"].as_array().unwrap() {
        assert!(f["error"].is_null(), "{f}");
        assert_eq!(f["diagnostics"], serde_json::json!([]), "{f}");
        assert!(f["warnings"][0].as_str().unwrap().contains("empty"), "{f}");
    }
    for d in a["documents"].as_array().unwrap() {
        assert!(d["completeness"]["score"].is_null(), "{d}");
        assert!(d["warnings"][0].as_str().unwrap().contains("empty"), "{d}");
    }
    assert!(a["corpus"]["completeness"]["mean"].is_null(), "{a}");
    assert_eq!(a["corpus"]["completeness"]["unscored"], 2);
}

#[test]
fn five_megabyte_line_without_newline() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "学习贯彻".repeat(5 * 1024 * 1024 / 12);
    text.push_str("XX厅");
    let p = write(dir.path(), "long.txt", text.as_bytes());
    let (l, a) = both(&[&p]);
    let diags = l["documents"][0]["diagnostics"].as_array().unwrap();
    let slot = diags
        .iter()
        .find(|d| d["rule"] == "placeholder")
        .expect("the slot at the end");
    assert_eq!(slot["line"], 1);
    assert_eq!(
        slot["column"].as_u64().unwrap() as usize,
        text.chars().count() - 2
    );
    assert_eq!(
        a["documents"][0]["placeholders"].as_array().unwrap().len(),
        1
    );
    // Text output trims the 5 MB line around the slot.
    let run = zongjie(&["lint", "--rule", "placeholder", s(&p)]);
    assert!(run.stdout.len() < 2000, "{} bytes", run.stdout.len());
}

#[test]
fn deeply_nested_directories_are_walked() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for i in 0..100 {
        deep.push(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    write(&deep, "bottom.txt", "XX局".as_bytes());
    let run = zongjie(&[
        "lint",
        "--format",
        "json",
        "--rule",
        "placeholder",
        s(dir.path()),
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["summary"]["diagnostics"], 1);
}

#[test]
fn unreadable_files_are_per_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", "XX局".as_bytes());
    let locked = write(dir.path(), "locked.txt", "XX局".as_bytes());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads a mode-000 file anyway; /proc/self/mem fails to read for everyone.
    let mem = Path::new("/proc/self/mem");
    let (l, a) = both(&[&good, &locked, mem]);
    let files = l["documents"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(a["documents"].as_array().unwrap().len(), 3);
    for f in files {
        let path = f["path"].as_str().unwrap();
        match f["error"].as_str() {
            Some(e) => assert!(e.contains(path) && e.contains("cannot read"), "{e}"),
            None => {
                let slots = f["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|d| d["rule"] == "placeholder");
                assert_eq!(slots.count(), 1, "{path}");
            }
        }
    }
    assert!(
        files
            .iter()
            .any(|f| f["path"] == "/proc/self/mem" && f["error"].is_string())
    );
}

#[test]
fn symlink_loops_do_not_hang_or_crash() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("b.txt"), root.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("a.txt"), root.join("b.txt")).unwrap();
    write(root, "real.txt", "XX局".as_bytes());
    // Walking does not follow links.
    let run = zongjie(&["lint", "--format", "json", s(root)]);
    assert_eq!(run.json()["summary"]["documents"], 1);
    // Naming a looping link is a per-file error.
    let err = single_error(&[&root.join("a.txt")]).expect("an error");
    assert!(err.contains("a.txt"), "{err}");
}

#[test]
fn docx_with_auto_numbered_headings_feeds_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let p = |lvl: u8, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let plain = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    let body = [
        plain("XX局2023年工作总结"),
        p(0, "主要工作情况"),
        plain("全年开展学习X次。"),
        p(1, "强化理论武装。组织集中学习。"),
        p(1, "推进制度建设。修订制度三项。"),
        p(0, "下一步工作打算"),
        plain("继续加强学习。"),
    ]
    .concat();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let f = write(
        dir.path(),
        "report.docx",
        &make_docx(&xml, Some(&numbering)),
    );
    let run = zongjie(&["analyze", "--format", "json", "--quiet", s(&f)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = &run.json()["documents"][0];
    assert!(doc["error"].is_null(), "{doc}");
    let slots: Vec<(u64, &str)> = doc["placeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["line"].as_u64().unwrap(), s["text"].as_str().unwrap()))
        .collect();
    assert_eq!(slots, vec![(1, "XX"), (3, "X")]);
    // Word's automatic numbers are rendered as text, so the outline sees them.
    let headings: Vec<(u64, u64, &str, &str)> = doc["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["level"].as_u64().unwrap(),
                h["line"].as_u64().unwrap(),
                h["marker"].as_str().unwrap(),
                h["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        headings,
        vec![
            (1, 2, "一、", "主要工作情况"),
            (2, 4, "（一）", "强化理论武装"),
            (2, 5, "（二）", "推进制度建设"),
            (1, 6, "二、", "下一步工作打算"),
        ]
    );
    assert!(doc["numbering_errors"].as_array().unwrap().is_empty());
    let lint = zongjie(&["lint", "--format", "json", "--rule", "placeholder", s(&f)]);
    assert_eq!(
        lint.json()["documents"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn plain_docx_paragraphs_are_lines() {
    let dir = tempfile::tempdir().unwrap();
    let xml = paragraphs_xml(&["标题", "XX厅开展学习", "第三段"]);
    let f = write(dir.path(), "plain.docx", &make_docx(&xml, None));
    let run = zongjie(&["lint", "--format", "json", "--rule", "placeholder", s(&f)]);
    let file = &run.json()["documents"][0];
    // The XML of a .docx is UTF-8; what kind of file it is is `format`.
    assert_eq!(file["encoding"], "UTF-8");
    assert_eq!(file["format"], "docx");
    assert_eq!(file["diagnostics"][0]["line"], 2);
    // Where Word shows it: the second paragraph, its first char.
    assert_eq!(file["diagnostics"][0]["word"]["paragraph"], 2);
    assert_eq!(file["diagnostics"][0]["word"]["offset"], 0);
    assert_eq!(file["diagnostics"][0]["word"]["quote"], "XX厅开展学习");
}

#[test]
fn truncated_and_fake_docx_are_per_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = make_docx(&paragraphs_xml(&["XX局"]), None);
    let truncated = write(dir.path(), "truncated.docx", &good[..good.len() / 2]);
    let fake = write(dir.path(), "fake.docx", "这不是一个压缩文件".as_bytes());
    let no_doc = write(dir.path(), "nodoc.docx", &make_zip(&[("hello.txt", b"hi")]));
    for p in [&truncated, &fake, &no_doc] {
        let err = single_error(&[p]).expect("an error");
        let name = p.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name), "{err}");
    }
}

/// Without LibreOffice on PATH, legacy formats are a clear per-file error saying how to
/// convert them; `.pdf` always is.
#[test]
fn legacy_formats_say_how_to_convert() {
    let dir = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    for name in ["old.doc", "old.wps", "old.odt", "old.rtf", "scan.pdf"] {
        let p = write(
            dir.path(),
            name,
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 whatever",
        );
        let path_env = [("PATH", s(empty.path()))];
        let run = zongjie_env(None, &["lint", "--format", "json", s(&p)], None, &path_env);
        let err = run.json()["documents"][0]["error"]
            .as_str()
            .expect("an error")
            .to_string();
        assert!(
            err.contains("unsupported format") && err.contains("libreoffice --headless"),
            "{err}"
        );
        assert!(err.contains(name), "{err}");
    }
}

#[test]
fn zip_bomb_docx_is_refused_quickly() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    // 300 MiB of one repeated paragraph compresses to well under a megabyte.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(format!(r#"<w:document xmlns:w="{W}"><w:body>"#).as_bytes())
            .unwrap();
        let para = "<w:p><w:r><w:t>XX</w:t></w:r></w:p>".repeat(1000);
        for _ in 0..(80 * 1024 * 1024 / para.len()) {
            zip.write_all(para.as_bytes()).unwrap();
        }
        zip.write_all(b"</w:body></w:document>").unwrap();
        zip.finish().unwrap();
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 4 * 1024 * 1024, "{}", bytes.len());
    let p = write(dir.path(), "bomb.docx", &bytes);
    let start = std::time::Instant::now();
    let err = single_error(&[&p]).expect("an error");
    assert!(
        err.contains("bomb.docx") && err.contains("zip bomb"),
        "{err}"
    );
    // Generous: the point is that it is refused, not read for minutes.
    assert!(start.elapsed().as_secs() < 60);
}
