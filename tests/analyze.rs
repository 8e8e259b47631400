//! `zongjie analyze` on folders of samples, copies and bad files.

use std::path::Path;

use crate::util::*;

/// A folder with the samples, a lightly edited copy of one, and a filled-in copy
/// of the template, for near-duplicate and determinism checks.
pub(crate) fn archive() -> tempfile::TempDir {
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

/// Unit names that fill the template's `XX` slots, one per filled copy.
const UNITS: &[&str] = &[
    "临溪", "青山", "白河", "东湖", "南岭", "西塘", "北川", "桃源", "松江", "石门", "清水", "龙泉",
    "凤城", "金沙", "玉屏", "长宁", "安平", "永和", "宁远", "新田",
];

/// `n` copies of `samples/01_template.txt` filled in as units fill a downloaded
/// template: each `XX` becomes a unit's name (or a pair of them), each `X` a digit.
fn filled_copies(dir: &Path, n: usize) {
    let template = std::fs::read_to_string(sample("01_template.txt")).unwrap();
    std::fs::create_dir_all(dir.join("units")).unwrap();
    for i in 0..n {
        let name = if i < UNITS.len() {
            UNITS[i].to_string()
        } else {
            format!(
                "{}{}",
                UNITS[i % UNITS.len()],
                UNITS[i / UNITS.len() % UNITS.len()]
            )
        };
        std::fs::write(
            dir.join(format!("units/unit_{i:03}.txt")),
            fill(&template, &name, i),
        )
        .unwrap();
    }
}

/// Fills every run of `X` in `template`: before a counter or `%` with a number,
/// elsewhere with `name`.
fn fill(template: &str, name: &str, seed: usize) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    let mut n = seed;
    while let Some(c) = chars.next() {
        if c != 'X' {
            out.push(c);
            continue;
        }
        while chars.peek() == Some(&'X') {
            chars.next();
        }
        let counter = chars
            .peek()
            .is_some_and(|c| "%次项个篇人名件余月日年届期场".contains(*c));
        if counter {
            n = (n * 7 + 3) % 1000;
            out.push_str(&(n % 28 + 1).to_string());
        } else {
            out.push_str(name);
        }
    }
    out
}

/// The archive plus 40 filled copies of the template.
pub(crate) fn template_archive() -> tempfile::TempDir {
    let dir = archive();
    filled_copies(dir.path(), 40);
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
    assert_eq!(json["corpus"]["near_duplicates_total"], 1);
    assert!(pairs[0]["a"].as_str().unwrap().ends_with("02_filled.txt"));
    assert!(pairs[0]["b"].as_str().unwrap().ends_with("copy_of_02.txt"));
    let sim = pairs[0]["similarity"].as_f64().unwrap();
    assert!(sim > 0.9 && sim < 1.0, "{sim}");
    // The passages they share, with positions in both.
    let passage = &pairs[0]["shared"]["passages"][0];
    assert!(passage["chars"].as_u64().unwrap() > 100, "{passage}");
    for side in ["a", "b"] {
        for key in [
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
        ] {
            assert!(passage[side][key].as_u64().unwrap() > 0, "{passage}");
        }
    }
    let clusters = json["corpus"]["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0]["size"], 2);
}

/// Issue 12: a template filled in by many units comes back as one cluster, led by
/// the template, listing every member with its similarity and what it shares.
#[test]
fn filled_template_copies_are_one_cluster_led_by_the_template() {
    let dir = template_archive();
    let json = analyze_json(dir.path(), &[]).json();
    let corpus = &json["corpus"];
    let clusters = corpus["clusters"].as_array().unwrap();
    let big = &clusters[0];
    assert_eq!(big["size"], 41, "{big}");
    assert!(
        big["representative"]
            .as_str()
            .unwrap()
            .ends_with("01_template.txt"),
        "{}",
        big["representative"]
    );
    let members = big["members"].as_array().unwrap();
    assert_eq!(members.len(), 40);
    assert_eq!(big["documents"].as_array().unwrap().len(), 41);
    for m in members {
        assert!(m["path"].as_str().unwrap().contains("unit_"), "{m}");
        let sim = m["similarity"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&sim), "{m}");
        assert!(m["shared"]["total"].as_u64().unwrap() >= 1, "{m}");
    }
    let check = &corpus["near_duplicate_check"];
    assert_eq!(check["representative_rule"], "most-central");
    assert_eq!(check["unverifiable_total"], 0);
    // Each candidate read once: the 41 copies and the pair of the base archive.
    assert_eq!(check["documents_read"], 43);
    let run = zongjie(&["analyze", "--show-shared", s(dir.path())]);
    assert!(
        run.stdout.contains("cluster 1: 41 documents"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("… and 35 more"), "{}", run.stdout);
    assert!(run.stdout.contains(" ↔ "), "{}", run.stdout);
}

#[test]
fn max_pairs_cuts_the_list_and_keeps_the_total() {
    let dir = template_archive();
    let json = analyze_json(dir.path(), &["--max-pairs", "3"]).json();
    let pairs = json["corpus"]["near_duplicates"].as_array().unwrap();
    assert_eq!(pairs.len(), 3);
    let total = json["corpus"]["near_duplicates_total"].as_u64().unwrap();
    assert!(total >= 41, "{total}");
    let sims: Vec<f64> = pairs
        .iter()
        .map(|p| p["similarity"].as_f64().unwrap())
        .collect();
    assert!(sims.windows(2).all(|w| w[0] >= w[1]), "{sims:?}");
    let run = zongjie(&["analyze", "--max-pairs", "3", s(dir.path())]);
    assert!(
        run.stdout
            .contains(&format!("{total} pairs verified; the 3 most similar")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("… and {} more", total - 3)),
        "{}",
        run.stdout
    );
}

/// Issue 11: a document read from standard input was re-read by its display
/// path `-` for verification, so it could never be a near-duplicate.
#[test]
fn standard_input_is_verified_like_a_file() {
    let file = sample("02_filled.txt");
    let text = std::fs::read(&file).unwrap();
    let args = ["analyze", "--format", "json", "-q", "-", s(&file)];
    let run = zongjie_in(None, &args, Some(&text));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let pairs = json["corpus"]["near_duplicates"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{json}");
    assert_eq!(pairs[0]["a"], "-");
    assert_eq!(pairs[0]["similarity"], 1.0);
    assert_eq!(
        json["corpus"]["near_duplicate_check"]["unverifiable_total"],
        0
    );
}

/// Issue 9: `XX局党委理论学习中心组` and `XX省委` were corpus phrases, and a template
/// and its filled copies had different shared sentences.
#[test]
fn corpus_phrases_and_shared_sentences_hold_no_slot() {
    let dir = template_archive();
    let json = analyze_json(dir.path(), &["--top", "500"]).json();
    let corpus = &json["corpus"];
    let slot_like =
        |t: &str| t.contains(['X', 'x', '×', 'Ｘ', 'ｘ']) || t.contains("某某") || t.contains("__");
    for p in corpus["repeated_phrases"].as_array().unwrap() {
        assert!(!slot_like(p["phrase"].as_str().unwrap()), "{p}");
    }
    let sentences = corpus["shared_sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    for s in sentences {
        assert!(!slot_like(s["sentence"].as_str().unwrap()), "{s}");
    }
    // A template's sentence with number slots and its 40 filled versions count as
    // one (names filled into `XX局` cannot be told from the text around them).
    let progress = sentences
        .iter()
        .find(|s| s["sentence"] == "截至…月底，年度目标任务已完成…%，其中…项指标提前完成全年任务")
        .expect("the sentence is shared");
    assert_eq!(progress["documents"], 41, "{progress}");
    let found_in = progress["found_in"].as_array().unwrap();
    assert_eq!(found_in.len(), 20);
    assert!(
        found_in[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("01_template.txt")
    );
    assert_eq!(found_in[0]["line"], 5);
    assert!(corpus["shared_sentences_total"].as_u64().unwrap() >= sentences.len() as u64);
    assert!(corpus["repeated_phrases_total"].as_u64().unwrap() > 0);
}

#[test]
fn one_document_is_one_document() {
    let run = zongjie(&["analyze", s(&sample("02_filled.txt"))]);
    assert!(
        run.stdout
            .contains("Archive: 1 document, 1 analysed, 0 failed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Near-duplicates: none"),
        "{}",
        run.stdout
    );
}

/// Clusters, pairs and shared passages included: the same bytes whatever the
/// thread count and the order the inputs are named in.
#[test]
fn same_bytes_for_any_thread_count_and_input_order() {
    let dir = template_archive();
    let root = dir.path();
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_string())
        .collect();
    names.sort();
    let run = |format: &str, threads: &str, paths: &[String]| {
        let mut args = vec![
            "analyze",
            "--format",
            format,
            "--show-shared",
            "--quiet",
            "-j",
            threads,
        ];
        args.extend(paths.iter().map(String::as_str));
        zongjie(&args).stdout
    };
    let mut reversed = names.clone();
    reversed.reverse();
    for format in ["json", "text"] {
        let one = run(format, "1", &names);
        assert!(one.len() > 1000);
        assert!(one.contains("01_template.txt"));
        assert_eq!(one, run(format, "2", &names), "{format}");
        assert_eq!(one, run(format, "2", &reversed), "{format}");
        assert_eq!(one, run(format, "1", &reversed), "{format}");
    }
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
        run.stdout.contains("Near-duplicate pairs: 1 pair verified"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Near-duplicate clusters: 1 cluster of 2 documents"),
        "{}",
        run.stdout
    );
    // Lists cut to ten say how many there are.
    assert!(
        run.stdout.contains("Repeated phrases: top 10 of "),
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
