use super::*;
use crate::corpus::{Corpus, CorpusDoc, CorpusOptions, DocFeatures};
use crate::render::{Style, View};
use crate::report::{Completeness, Diagnostic};

fn opts(lang: Lang) -> ReportOptions {
    ReportOptions {
        view: View::Analyze,
        style: Style { color: false, lang },
        quiet: false,
        show_shared: false,
    }
}

const HOSTILE: &str = "</script><script>alert(1)</script><!--&\"'.txt";

fn report(path: &str, score: Option<f64>, missing: &[Role], profile: &str) -> DocReport {
    DocReport {
        path: path.into(),
        format: "text".into(),
        encoding: "UTF-8".into(),
        chars: 100,
        profile: Some(profile.into()),
        sections_missing: missing.to_vec(),
        completeness: Completeness {
            score,
            ..Completeness::default()
        },
        ..DocReport::default()
    }
}

fn finding(text: &str, message: &str) -> Diagnostic {
    Diagnostic {
        rule: crate::report::Rule::Placeholder,
        severity: Severity::Warning,
        span: crate::document::Span {
            line: 3,
            column: 7,
            end_line: 3,
            end_column: 9,
            byte_start: 10,
            byte_end: 12,
        },
        text: text.into(),
        kind: Some(SlotKind::Organization),
        check: None,
        message: message.into(),
        fix: None,
        word: None,
    }
}

/// Runs the reporter over `reports` (and a corpus of `texts`, when given) and
/// returns the page.
fn render(reports: &[DocReport], texts: &[(&str, &str)], lang: Lang) -> String {
    let mut r = HtmlReporter::new(opts(lang));
    let mut out = Vec::new();
    r.begin(&mut out).unwrap();
    let mut tally = Tally::default();
    for rep in reports {
        let rec = r.record(rep, None).unwrap();
        r.write(&mut out, rep, &rec).unwrap();
        tally.add(rep);
    }
    let mut corpus = Corpus::new(CorpusOptions::default());
    let docs: Vec<Document> = texts
        .iter()
        .map(|(p, t)| Document::from_str(*p, t))
        .collect();
    let batch: Vec<CorpusDoc> = reports
        .iter()
        .map(|rep| {
            let f = docs
                .iter()
                .find(|d| d.path == rep.path)
                .map(|d| DocFeatures::extract(d, &[], &[], &CorpusOptions::default()));
            CorpusDoc::new(rep, f)
        })
        .collect();
    corpus.add_batch(batch);
    let lookup = |path: &str| {
        texts
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, t)| t.to_string())
    };
    let corpus = corpus.finish(|doc| lookup(doc.path));
    r.finish_with_texts(&mut out, &tally, Some(&corpus), &lookup)
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The JSON text of every `<script type="application/json" …>` element whose
/// opening tag holds `marker`.
fn scripts<'a>(page: &'a str, marker: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find("<script type=\"application/json\"") {
        let tag_end = i + rest[i..].find('>').unwrap();
        let body_end = tag_end + rest[tag_end..].find("</script>").unwrap();
        if rest[i..tag_end].contains(marker) {
            out.push(&rest[tag_end + 1..body_end]);
        }
        rest = &rest[body_end..];
    }
    out
}

#[test]
fn escaping() {
    for (input, want) in [
        ("a<b>&\"'", "a&lt;b&gt;&amp;&quot;&#39;"),
        ("工作总结.txt", "工作总结.txt"),
        ("", ""),
    ] {
        assert_eq!(escape(input), want);
    }
    for (input, want) in [
        ("</script>", r#""\u003c/script>""#),
        ("<!--", r#""\u003c!--""#),
        ("a&b", r#""a&b""#),
    ] {
        assert_eq!(
            String::from_utf8(script_json(input).unwrap()).unwrap(),
            want
        );
        let back: String = serde_json::from_slice(&script_json(input).unwrap()).unwrap();
        assert_eq!(back, input);
    }
}

/// A file name or text that reads like markup stays text: no element of the page
/// ends early, and the name comes back whole from the page's JSON.
#[test]
fn hostile_names_and_texts_stay_text() {
    let mut doc = report(HOSTILE, Some(0.5), &[Role::Problems], "<b>profile</b>");
    doc.diagnostics = vec![finding("</script><img src=x>", "unfilled \"XX\" <here>")];
    doc.warnings = vec!["<!-- a warning -->".into()];
    let other = report("b.txt", Some(1.0), &[], "work-summary");
    let text = "二〇二三年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真落实党组的各项部署要求。\n</script>全年组织集中学习12次，开展专题研讨6次。";
    let page = render(
        &[doc, other],
        &[(HOSTILE, text), ("b.txt", &text.replace("12次", "15次"))],
        Lang::En,
    );
    // Our own elements are the only ones: each <script opens once and closes once.
    assert_eq!(
        page.matches("<script").count(),
        page.matches("</script>").count()
    );
    assert_eq!(
        page.matches("</script>").count(),
        5,
        "labels, rows, details, corpus, script"
    );
    assert!(!page.contains("<img"));
    assert!(!page.contains("<!-- a"));
    assert!(!page.contains("<b>profile"));
    let rows: Vec<serde_json::Value> = serde_json::from_str(scripts(&page, "rows")[0]).unwrap();
    assert_eq!(rows[0][0], HOSTILE);
    assert_eq!(rows[0][5], "<b>profile</b>");
    let details: serde_json::Value = serde_json::from_str(scripts(&page, "details")[0]).unwrap();
    let strings: Vec<&str> = details["s"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(strings.contains(&"</script><img src=x>"));
    assert!(strings.contains(&"unfilled \"XX\" <here>"));
    // The near-duplicates carry the texts: the representative's, escaped, whole.
    let corpus: serde_json::Value = serde_json::from_str(scripts(&page, "zj-corpus")[0]).unwrap();
    let cluster = &corpus["clusters"][0];
    assert!(cluster["t"].as_str().unwrap().contains("</script>全年"));
    // Paths in the static tables are escaped HTML.
    assert!(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)"));
}

#[test]
fn the_page_names_its_writer_near_the_top() {
    let page = render(&[report("a.txt", Some(1.0), &[], "study")], &[], Lang::Zh);
    assert!(is_html_report(&page));
    assert!(crate::render::is_zongjie_report(&page));
    let head: String = page.chars().take(200).collect();
    assert!(head.contains(GENERATOR), "{head}");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for other in [
        "<!DOCTYPE html><html><head><meta name=\"generator\" content=\"Hugo\"></head>",
        "<html><meta name=\"generator\" content=\"zongjie 0.1.0\">",
        "一、主要工作\n<!DOCTYPE html>",
    ] {
        assert!(!is_html_report(other), "{other}");
    }
    // Nothing can be fetched: the policy forbids it, and no element asks.
    assert!(page.contains("default-src 'none'"));
    for asks in ["src=\"http", "href=\"http", "url(", "@import", "<link"] {
        assert!(!page.contains(asks), "{asks}");
    }
}

/// Documents go out in chunks as they come; the rows and details of each chunk are
/// the documents in order.
#[test]
fn documents_stream_in_chunks() {
    let n = CHUNK * 2 + 7;
    let reports: Vec<DocReport> = (0..n)
        .map(|i| report(&format!("d/{i:05}.txt"), Some(0.5), &[], "general"))
        .collect();
    let mut r = HtmlReporter::new(opts(Lang::En));
    let mut out = Vec::new();
    r.begin(&mut out).unwrap();
    for (i, rep) in reports.iter().enumerate() {
        let rec = r.record(rep, None).unwrap();
        r.write(&mut out, rep, &rec).unwrap();
        // A full chunk is out at once, not kept.
        if i + 1 == CHUNK {
            assert!(r.chunk.details.is_empty());
            let page = String::from_utf8_lossy(&out);
            assert_eq!(scripts(&page, "rows").len(), 1);
        }
    }
    r.finish(&mut out, &Tally::default(), None).unwrap();
    let page = String::from_utf8(out).unwrap();
    let chunks = scripts(&page, "rows");
    assert_eq!(chunks.len(), 3);
    let paths: Vec<String> = chunks
        .iter()
        .flat_map(|c| serde_json::from_str::<Vec<serde_json::Value>>(c).unwrap())
        .map(|r| r[0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), n);
    assert_eq!(paths[n - 1], format!("d/{:05}.txt", n - 1));
    assert_eq!(scripts(&page, "details").len(), 3);
}

#[test]
fn missing_sections_are_counted_by_profile() {
    let reports = [
        report(
            "a.txt",
            Some(0.5),
            &[Role::Problems, Role::Plans],
            "work-summary",
        ),
        report("b.txt", Some(0.7), &[Role::Plans], "work-summary"),
        report("c.txt", Some(1.0), &[], "study"),
        DocReport::failed("d.txt".into(), "unreadable".into()),
    ];
    let page = render(&reports, &[], Lang::En);
    let table_start = page.find("id=\"missing-by-profile\"").unwrap();
    let table = &page[table_start..table_start + page[table_start..].find("</table>").unwrap()];
    assert!(
        table.contains(
            "<tr data-profile=\"work-summary\"><th>work summary</th><td class=\"num\">2</td>"
        ),
        "{table}"
    );
    assert!(
        table.contains("data-role=\"plans\" title=\"100%\">2</td>"),
        "{table}"
    );
    assert!(
        table.contains("data-role=\"problems\" title=\"50%\">1</td>"),
        "{table}"
    );
    assert!(
        table.contains("<tr data-profile=\"study\"><th>study summary</th><td class=\"num\">1</td>")
    );
    // The overview counts every input, the unreadable one too.
    assert!(page.contains("data-key=\"documents\"><dt>Documents</dt><dd data-value=\"4\">4</dd>"));
    assert!(
        page.contains("data-key=\"failed\"><dt>Could not be read</dt><dd data-value=\"1\">1</dd>")
    );
}

/// Every label the script shows exists in both languages, and every label the script
/// asks for is sent to it.
#[test]
fn the_script_has_every_label_in_both_languages() {
    for lang in Lang::ALL {
        let l = labels(lang);
        for (key, text) in &l.text {
            assert!(!text.starts_with("html-"), "{key} has no {lang:?} text");
            assert!(
                !text.contains("{$") && !text.contains("{ $"),
                "{key}: {text}"
            );
        }
        for (p, text) in &l.profiles {
            assert!(!text.starts_with("html-"), "profile {p}");
        }
        assert_eq!(l.roles.len(), Role::ALL.len());
    }
    assert_eq!(labels(Lang::Zh).text["page"], "第 {page} 页，共 {pages} 页");
    let sent = labels(Lang::En).text;
    let mut asked = Vec::new();
    for (open, close) in [("T['", "']"), ("say('", "'")] {
        for (i, _) in SCRIPT.match_indices(open) {
            let rest = &SCRIPT[i + open.len()..];
            asked.push(&rest[..rest.find(close).unwrap()]);
        }
    }
    for (i, _) in SCRIPT.match_indices("T.") {
        let rest = &SCRIPT[i + 2..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap();
        asked.push(&rest[..end]);
    }
    assert!(asked.len() > 40, "{asked:?}");
    for key in asked {
        assert!(sent.contains_key(key), "report.js asks for {key:?}");
    }
}

#[test]
fn a_member_names_its_passages_in_the_representative() {
    let base = "二〇二三年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真落实党组的各项部署要求，推动各项工作取得新进展。\n全年组织集中学习十二次，开展专题研讨六次，邀请专家辅导讲座三场，理论武装持续深化。";
    let copy = base.replace("十二次", "十五次").replace("我局", "本局");
    let reports = [
        report("a.txt", Some(0.9), &[], "general"),
        report("b.txt", Some(0.9), &[], "general"),
    ];
    let page = render(&reports, &[("a.txt", base), ("b.txt", &copy)], Lang::Zh);
    let corpus: serde_json::Value = serde_json::from_str(scripts(&page, "zj-corpus")[0]).unwrap();
    let cluster = &corpus["clusters"][0];
    let rep = cluster["t"].as_str().unwrap();
    let member = &cluster["members"][0];
    assert_eq!(member[5], true, "the member's text was read: {member}");
    let passage = &member[6][0];
    let range = passage[3].as_array().unwrap();
    let (s, e) = (
        range[0].as_u64().unwrap() as usize,
        range[1].as_u64().unwrap() as usize,
    );
    // The range counts UTF-16 units, as the script does.
    let units: Vec<u16> = rep.encode_utf16().collect();
    let marked = String::from_utf16(&units[s..e]).unwrap();
    assert!(marked.chars().count() >= 10, "{marked}");
    let window = passage[5].as_array().unwrap();
    let member_side = format!(
        "{}{}",
        window[1].as_str().unwrap(),
        window[3].as_str().unwrap()
    );
    assert!(copy.contains(window[1].as_str().unwrap()), "{member_side}");
    assert!(cluster["r"].as_u64().is_some());
}

#[test]
fn large_counts_are_grouped_by_three() {
    for (n, want) in [
        ("0", "0"),
        ("999", "999"),
        ("1000", "1,000"),
        ("100000", "100,000"),
        ("1413516", "1,413,516"),
    ] {
        assert_eq!(super::grouped(n), want);
    }
}
