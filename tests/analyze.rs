//! `zongjie analyze` on folders of samples, copies and bad files.

use std::path::Path;

use crate::util::*;

/// A folder with the samples, a lightly edited copy of one, and a filled-in copy
/// of the template, for near-duplicate and determinism checks.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "01_template.txt",
        "02_filled.txt",
        "03_half_filled.txt",
        "04_gbk.txt",
        "05_non_slots.txt",
    ] {
        std::fs::copy(sample(name), dir.path().join(name)).unwrap();
    }
    let filled = std::fs::read_to_string(sample("02_filled.txt")).unwrap();
    // A copy with the unit renamed and one number changed: a near-duplicate.
    let copy = filled
        .replacen("农业农村局", "林业局", 3)
        .replacen("12", "15", 1);
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/copy_of_02.txt"), copy).unwrap();
    dir
}

fn analyze_json(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["analyze", "--format", "json", "--quiet"];
    args.extend_from_slice(extra);
    args.push(s(dir));
    zongjie(&args)
}

#[test]
fn json_has_a_record_per_document_and_a_corpus() {
    let dir = archive();
    let run = analyze_json(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["version"], 2);
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 6);
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "documents are in path order");
    let template = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("01_template.txt"))
        .unwrap();
    // 73 X slots and the template's notice line (issue 10: template leftovers are slots).
    assert_eq!(template["placeholders"].as_array().unwrap().len(), 74);
    assert_eq!(template["profile"], "work-summary");
    let gbk = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("04_gbk.txt"))
        .unwrap();
    assert_eq!(gbk["encoding"], "GBK");
    assert_eq!(json["corpus"]["documents"], 6);
    assert_eq!(json["corpus"]["failed"], 0);
}

#[test]
fn edited_copy_is_a_near_duplicate() {
    let dir = archive();
    let json = analyze_json(dir.path(), &[]).json();
    let pairs = json["corpus"]["near_duplicates"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert!(pairs[0]["a"].as_str().unwrap().ends_with("02_filled.txt"));
    assert!(pairs[0]["b"].as_str().unwrap().ends_with("copy_of_02.txt"));
    let sim = pairs[0]["similarity"].as_f64().unwrap();
    assert!(sim > 0.9 && sim < 1.0, "{sim}");
}

#[test]
fn same_bytes_for_any_thread_count_and_input_order() {
    let dir = archive();
    let root = dir.path();
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_string())
        .collect();
    names.sort();
    let run = |threads: &str, paths: &[String]| {
        let mut args = vec!["analyze", "--format", "json", "--quiet", "-j", threads];
        args.extend(paths.iter().map(String::as_str));
        zongjie(&args).stdout
    };
    let one = run("1", &names);
    let mut reversed = names.clone();
    reversed.reverse();
    assert!(one.len() > 1000);
    assert_eq!(one, run("2", &names));
    assert_eq!(one, run("2", &reversed));
    assert_eq!(one, run("1", &reversed));
}

#[test]
fn every_input_is_accounted_for_once() {
    let dir = archive();
    let root = dir.path();
    std::fs::write(root.join("binary.txt"), b"\0\x01\x02\x03garbage\0").unwrap();
    std::fs::write(root.join("empty.txt"), b"").unwrap();
    // A PDF is never read (a .doc would be converted where LibreOffice is installed).
    std::fs::write(root.join("legacy.pdf"), b"%PDF-1.4\n").unwrap();
    std::fs::write(root.join("broken.docx"), b"PK\x03\x04 truncated").unwrap();
    let run = analyze_json(root, &[]);
    assert_eq!(run.code, 0);
    let json = run.json();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 10);
    let failed: Vec<&str> = docs
        .iter()
        .filter(|d| !d["error"].is_null())
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert_eq!(json["corpus"]["failed"], 3);
    for d in docs.iter().filter(|d| !d["error"].is_null()) {
        assert_eq!(d["placeholders"].as_array().unwrap().len(), 0);
    }
    let legacy = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("legacy.pdf"))
        .unwrap();
    assert!(
        legacy["error"].as_str().unwrap().contains("libreoffice"),
        "{legacy}"
    );
}

#[test]
fn nothing_readable_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), b"\0\0\0").unwrap();
    let run = analyze_json(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.json()["corpus"]["failed"], 1);
}

#[test]
fn ndjson_streams_documents_then_corpus() {
    let dir = archive();
    let run = zongjie(&["analyze", "--format", "ndjson", s(dir.path())]);
    let lines = run.ndjson();
    assert_eq!(lines.len(), 7);
    assert!(lines[..6].iter().all(|l| l["path"].is_string()));
    assert_eq!(lines[6]["corpus"]["documents"], 6);
}

#[test]
fn csv_has_bom_header_and_a_row_per_document() {
    let dir = archive();
    let run = zongjie(&["analyze", "--format", "csv", s(dir.path())]);
    assert!(run.stdout.starts_with('\u{feff}'));
    let rows: Vec<&str> = run.stdout.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows.len(), 7);
    assert!(rows[0].starts_with("path,encoding,error,chars,tokens,slots,slots_number"));
    let template = rows.iter().find(|r| r.contains("01_template.txt")).unwrap();
    assert!(template.contains(",74,"), "{template}");
    assert!(
        rows[0].contains(",headings,profile,missing_roles,"),
        "{}",
        rows[0]
    );
    assert!(template.contains(",work-summary,"), "{template}");
}

#[test]
fn output_file_and_refusal_to_overwrite_an_input() {
    let dir = archive();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("report.json");
    let run = zongjie(&[
        "analyze",
        "--format",
        "json",
        "-o",
        s(&target),
        s(dir.path()),
    ]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(written["corpus"]["documents"], 6);
    let input = dir.path().join("02_filled.txt");
    let before = std::fs::read(&input).unwrap();
    let run = zongjie(&["analyze", "-o", s(&input), s(dir.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn text_summary_shows_archive_figures() {
    let dir = archive();
    let run = zongjie(&["analyze", s(dir.path())]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("Archive: 6 documents, 6 analysed, 0 failed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Near-duplicates: 1 pairs"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("74  "), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("profiles: debrief 1, study 1, work-summary 4"),
        "{}",
        run.stdout
    );
}
