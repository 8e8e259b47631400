//! `zongjie analyze --format html`: the page's structure, its numbers against the JSON
//! report of the same folder, escaping of hostile names and texts, and a later run
//! leaving the page out.

use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// A hostile file name: markup, a comment opener, quotes and an ampersand.
pub const HOSTILE_NAME: &str = "<script>alert('x')<!--&\"q\".txt";

/// A folder for the report: the samples (a template, filled and half-filled reports,
/// GBK, look-alikes of slots), three filled copies of the template and a renamed copy
/// of a filled report (near-duplicates), a report missing its sections, a document
/// under a hostile name whose text holds markup, and a PDF (which cannot be read).
pub fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in [
        "01_template.txt",
        "02_filled.txt",
        "03_half_filled.txt",
        "04_gbk.txt",
        "05_non_slots.txt",
    ] {
        std::fs::copy(sample(name), d.join(name)).unwrap();
    }
    let template = std::fs::read_to_string(sample("01_template.txt")).unwrap();
    std::fs::create_dir_all(d.join("units")).unwrap();
    for (i, unit) in ["临溪", "青山", "白河"].iter().enumerate() {
        let filled = template
            .replace("XX", unit)
            .replace('X', &((i + 3) % 10).to_string());
        std::fs::write(d.join(format!("units/unit_{i}.txt")), filled).unwrap();
    }
    let filled = std::fs::read_to_string(sample("02_filled.txt")).unwrap();
    std::fs::write(
        d.join("units/copy_of_02.txt"),
        filled.replacen("农业农村局", "林业局", 3),
    )
    .unwrap();
    std::fs::write(
        d.join("short_note.txt"),
        "关于近期工作的简要说明\n\n今年以来，我们按照上级部署推进各项工作，总体进展顺利。\n",
    )
    .unwrap();
    std::fs::write(
        d.join(HOSTILE_NAME),
        "2023年工作总结\n\n一、主要工作\n全年召开</script><script>alert(1)</script>会议XX次，<!-- 未完 -->开展调研X次。\n二、存在的问题\n学习不够深入。\n三、下一步打算\n继续加强学习。\n",
    )
    .unwrap();
    std::fs::write(d.join("scan.pdf"), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n").unwrap();
    dir
}

/// Runs `analyze` on `dir` writing `format` to `out`.
pub fn analyze_to(dir: &Path, format: &str, out: &Path, lang: &str) -> Run {
    let run = zongjie(&[
        "analyze",
        s(dir),
        "--format",
        format,
        "-o",
        s(out),
        "-q",
        "--lang",
        lang,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// The text of every `<script type="application/json">` whose tag holds `marker`.
pub fn json_scripts(page: &str, marker: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find("<script type=\"application/json\"") {
        let tag_end = i + rest[i..].find('>').unwrap();
        let body_end = tag_end + rest[tag_end..].find("</script>").unwrap();
        if rest[i..tag_end].contains(marker) {
            out.push(
                serde_json::from_str(&rest[tag_end + 1..body_end])
                    .unwrap_or_else(|e| panic!("bad JSON in {marker}: {e}")),
            );
        }
        rest = &rest[body_end..];
    }
    out
}

/// The overview number `key` as the page shows it in `data-value`.
pub fn overview(page: &str, key: &str) -> Value {
    let card = format!("data-key=\"{key}\">");
    let at = page
        .find(&card)
        .unwrap_or_else(|| panic!("no overview card {key}"));
    let rest = &page[at..];
    let v = rest.find("data-value=\"").unwrap() + "data-value=\"".len();
    let end = v + rest[v..].find('"').unwrap();
    serde_json::from_str(&rest[v..end]).unwrap()
}

#[test]
fn html_numbers_match_the_json_report() {
    let dir = archive();
    let out = tempfile::tempdir().unwrap();
    let json_path = out.path().join("r.json");
    let html_path = out.path().join("r.html");
    analyze_to(dir.path(), "json", &json_path, "en");
    analyze_to(dir.path(), "html", &html_path, "en");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let page = std::fs::read_to_string(&html_path).unwrap();
    let corpus = &json["corpus"];
    assert_eq!(overview(&page, "documents"), json["summary"]["documents"]);
    assert_eq!(overview(&page, "failed"), json["summary"]["failed"]);
    assert_eq!(overview(&page, "failed"), 1);
    assert_eq!(overview(&page, "findings"), json["summary"]["diagnostics"]);
    assert_eq!(overview(&page, "mean"), corpus["completeness"]["mean"]);
    assert_eq!(
        overview(&page, "with_slots"),
        corpus["completeness"]["documents_with_slots"]
    );
    assert_eq!(
        overview(&page, "clusters").as_u64(),
        corpus["clusters"].as_array().map(|c| c.len() as u64)
    );
    assert!(overview(&page, "clusters").as_u64() >= Some(1));
    assert_eq!(overview(&page, "pairs"), corpus["near_duplicates_total"]);
    // One row per document, in the JSON's order, with its counts.
    let rows: Vec<Value> = json_scripts(&page, "data-zj=\"rows\"")
        .into_iter()
        .flat_map(|c| c.as_array().unwrap().clone())
        .collect();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(rows.len(), docs.len());
    for (row, doc) in rows.iter().zip(docs) {
        assert_eq!(row[0], doc["path"]);
        assert_eq!(row[1], doc["error"]);
        assert_eq!(
            row[3].as_u64(),
            doc["placeholders"].as_array().map(|p| p.len() as u64)
        );
        assert_eq!(
            row[6].as_u64(),
            doc["diagnostics"].as_array().map(|p| p.len() as u64)
        );
        match doc["completeness"]["score"].as_f64() {
            Some(s) => assert!((row[2].as_f64().unwrap() - s).abs() < 0.0006),
            None => assert!(row[2].is_null()),
        }
    }
    // The histogram draws the JSON's bins.
    for bin in corpus["completeness"]["histogram"].as_array().unwrap() {
        // The page writes numbers as Rust prints them (0, not 0.0).
        let g = format!(
            "data-from=\"{}\" data-count=\"{}\"",
            bin["from"].as_f64().unwrap(),
            bin["documents"]
        );
        assert!(page.contains(&g), "{g}");
    }
    // Every shared sentence and repeated phrase is listed.
    for s in corpus["shared_sentences"].as_array().unwrap() {
        let sentence = s["sentence"].as_str().unwrap();
        assert!(page.contains(sentence), "{sentence}");
    }
    assert!(page.ends_with("</html>\n"));
}

#[test]
fn hostile_names_and_texts_are_escaped() {
    let dir = archive();
    let out = tempfile::tempdir().unwrap();
    let html_path = out.path().join("r.html");
    analyze_to(dir.path(), "html", &html_path, "zh");
    let page = std::fs::read_to_string(&html_path).unwrap();
    // Only our own elements: every <script opens once and closes once, and no text
    // from the archive opens one.
    assert_eq!(
        page.matches("<script").count(),
        page.matches("</script>").count()
    );
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<!-- 未完"));
    assert!(!page.contains("<!--&"));
    // The name comes back whole from the page's data, and as escaped text in tables.
    let rows: Vec<Value> = json_scripts(&page, "data-zj=\"rows\"")
        .into_iter()
        .flat_map(|c| c.as_array().unwrap().clone())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r[0].as_str().unwrap().ends_with(HOSTILE_NAME))
    );
    let details = json_scripts(&page, "data-zj=\"details\"");
    let strings = details[0]["s"].as_array().unwrap();
    assert!(strings.iter().any(|s| s == "XX"));
}

#[test]
fn an_html_report_is_never_read_as_a_document() {
    let dir = archive();
    let report = dir.path().join("report.html");
    analyze_to(dir.path(), "html", &report, "en");
    let head = std::fs::read_to_string(&report).unwrap();
    assert!(head.starts_with("<!DOCTYPE html>"));
    // With every file picked, the page is found, recognised and left out.
    let run = zongjie(&[
        "analyze",
        s(dir.path()),
        "--glob",
        "*",
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("report.html: it is a zongjie report"),
        "{}",
        run.stderr
    );
    let json = run.json();
    assert!(
        json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| !d["path"].as_str().unwrap().ends_with("report.html"))
    );
    // Writing the page again over itself is allowed: it is a report, not a document.
    let again = zongjie(&[
        "analyze",
        s(dir.path()),
        "--glob",
        "*",
        "--format",
        "html",
        "-o",
        s(&report),
        "-q",
    ]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn html_is_for_analyze_only() {
    let run = zongjie(&["lint", s(&sample("01_template.txt")), "--format", "html"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--format html is not available"),
        "{}",
        run.stderr
    );
}

/// The same page for any number of worker threads.
#[test]
fn the_page_is_deterministic() {
    let dir = archive();
    let out = tempfile::tempdir().unwrap();
    let pages: Vec<String> = ["1", "2"]
        .iter()
        .map(|j| {
            let p = out.path().join(format!("r{j}.html"));
            let run = zongjie(&[
                "analyze",
                s(dir.path()),
                "--format",
                "html",
                "-o",
                s(&p),
                "-q",
                "-j",
                j,
            ]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            std::fs::read_to_string(p).unwrap()
        })
        .collect();
    assert!(pages[0] == pages[1], "-j1 and -j2 differ");
}

/// Nothing on the page points outside it: every `src`, `href` and CSS `url(` is an
/// anchor or inline data, and a Content-Security-Policy forbids any request.
#[test]
fn the_page_links_to_nothing_outside_it() {
    let dir = archive();
    // A document that names web addresses: its text is data, never a link.
    std::fs::write(
        dir.path().join("links.txt"),
        "2024年工作总结\n\n一、主要工作\n按照 https://example.gov.cn/notice 的要求推进网站建设。\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let html_path = out.path().join("r.html");
    analyze_to(dir.path(), "html", &html_path, "en");
    let page = std::fs::read_to_string(&html_path).unwrap();
    assert!(page.contains("content=\"default-src 'none'"));
    let mut seen = 0;
    for attr in ["src=", "href=", "url(", "action="] {
        for (i, _) in page.match_indices(attr) {
            let value = page[i + attr.len()..].trim_start_matches(['"', '\'', '\\']);
            // Inside the page's JSON data a document may say anything; attributes
            // the page writes itself are `#…` anchors or `data:`.
            if page[..i].ends_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            seen += 1;
            assert!(
                value.starts_with('#') || value.starts_with("data:"),
                "{attr}{}",
                &value[..value.len().min(60)]
            );
        }
    }
    assert!(seen > 0, "no link at all was checked");
    for scheme in ["\"http:", "\"https:", "'http", "\"//", "@import"] {
        assert!(!page.contains(scheme), "{scheme}");
    }
}
