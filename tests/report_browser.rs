//! The HTML report in a real browser (issue 14): headless chromium opens the page
//! `analyze --format html` wrote and the test uses it as a person would — reads the
//! overview, sorts and filters the document table, opens a document's findings and a
//! near-duplicate's shared passages — and checks each against the JSON report of
//! the same run. No console error and no network request are allowed. Screenshots
//! and a printed PDF go to `target/screenshots/`.
//!
//! Skipped, saying so on stderr, when chromium is not installed.

mod cdp;

use std::path::PathBuf;
use std::time::Instant;

use serde_json::{Value, json};

use crate::html_report::{analyze_to, archive};
use cdp::Browser;

/// Where screenshots and PDFs go.
fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("screenshots")
}

/// The numbers a row shows, by column class, on the current page of the table.
fn column(b: &mut Browser, class: &str) -> Vec<Value> {
    b.eval(&format!(
        "Array.from(document.querySelectorAll('#zj-doc-table tbody tr[data-doc] td.{class}')).map(td => td.textContent)"
    ))
    .as_array()
    .cloned()
    .unwrap_or_default()
}

/// The "of N" the pager shows: documents that pass the filters.
fn shown_total(b: &mut Browser) -> usize {
    b.eval("document.querySelectorAll('#zj-doc-table tbody tr[data-doc]').length === 0 ? 0 : +document.querySelector('#zj-doc-pager .showing').textContent.replace(/[^0-9]+/g, ' ').trim().split(' ').pop()")
        .as_u64()
        .unwrap_or(0) as usize
}

fn set_filter(b: &mut Browser, id: &str, value: &str) {
    b.eval(&format!(
        "(() => {{ const e = document.getElementById('{id}'); e.value = {v}; \
           e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input')); return true; }})()",
        v = json!(value)
    ));
}

#[test]
fn the_report_works_in_a_browser() {
    let Some(mut b) = Browser::launch() else {
        return;
    };
    let started = Instant::now();
    let dir = archive();
    let out = tempfile::tempdir().unwrap();
    let shots = screenshots();
    for lang in ["en", "zh"] {
        // The JSON report of the same run, in the same language (its messages).
        let json_path = out.path().join(format!("r-{lang}.json"));
        analyze_to(dir.path(), "json", &json_path, lang);
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
        let docs = json["documents"].as_array().unwrap().clone();
        let page = out.path().join(format!("report-{lang}.html"));
        analyze_to(dir.path(), "html", &page, lang);
        b.open(&page, 1280, 900);
        b.wait_for("document.documentElement.dataset.ready === 'true'");
        assert_eq!(
            b.eval("document.documentElement.lang"),
            json!(if lang == "zh" { "zh-CN" } else { "en" })
        );

        // The overview shows the JSON's numbers.
        // Counts are shown grouped by three (1,234); compared without the commas.
        let card = |b: &mut Browser, key: &str| {
            b.eval(&format!(
                "document.querySelector('[data-key={key}] dd').textContent.replace(/,/g, '')"
            ))
        };
        assert_eq!(
            card(&mut b, "documents"),
            json!(json["summary"]["documents"].to_string())
        );
        assert_eq!(
            card(&mut b, "failed"),
            json!(json["summary"]["failed"].to_string())
        );
        let mean = json["corpus"]["completeness"]["mean"].as_f64().unwrap();
        assert_eq!(card(&mut b, "mean"), json!(format!("{mean:.3}")));
        assert_eq!(
            card(&mut b, "with_slots"),
            json!(json["corpus"]["completeness"]["documents_with_slots"].to_string())
        );
        // Charts are drawn: a column per histogram bin.
        assert_eq!(
            b.eval("document.querySelectorAll('[data-chart=histogram] rect.bar').length"),
            json!(
                json["corpus"]["completeness"]["histogram"]
                    .as_array()
                    .unwrap()
                    .len()
            )
        );
        // The table lists every document.
        assert_eq!(shown_total(&mut b), docs.len());

        // Sorting by score: the first click puts the highest first, the second the lowest.
        let mut scores: Vec<f64> = docs
            .iter()
            .filter_map(|d| d["completeness"]["score"].as_f64())
            .collect();
        scores.sort_by(|a, c| c.total_cmp(a));
        b.eval("document.querySelector('th[data-sort=score] button').click()");
        let first = column(&mut b, "score");
        assert_eq!(first[0], json!(format!("{:.3}", scores[0])));
        let shown: Vec<f64> = first
            .iter()
            .filter_map(|v| v.as_str()?.parse().ok())
            .collect();
        assert!(shown.windows(2).all(|w| w[0] >= w[1]), "{first:?}");
        b.eval("document.querySelector('th[data-sort=score] button').click()");
        let asc = column(&mut b, "score");
        let shown: Vec<f64> = asc
            .iter()
            .filter_map(|v| v.as_str()?.parse().ok())
            .collect();
        assert_eq!(
            shown.first().copied(),
            scores.last().map(|s| (s * 1000.0).round() / 1000.0)
        );
        assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{asc:?}");
        // Sorting by slots.
        b.eval("document.querySelector('th[data-sort=slots] button').click()");
        let most = docs
            .iter()
            .map(|d| d["placeholders"].as_array().unwrap().len())
            .max()
            .unwrap();
        assert_eq!(column(&mut b, "slots")[0], json!(most.to_string()));

        // Filters: with slots, a missing role, unreadable, a name.
        let count = |f: &dyn Fn(&Value) -> bool| docs.iter().filter(|d| f(d)).count();
        set_filter(&mut b, "zj-f-slots", "some");
        assert_eq!(
            shown_total(&mut b),
            count(&|d| !d["placeholders"].as_array().unwrap().is_empty())
        );
        set_filter(&mut b, "zj-f-slots", "any");
        // The role missing most often in the JSON, by its position in the page's labels.
        let mut missing: std::collections::BTreeMap<String, usize> = Default::default();
        for d in &docs {
            for r in d["sections_missing"].as_array().unwrap() {
                *missing.entry(r.as_str().unwrap().to_string()).or_default() += 1;
            }
        }
        let (role, want) = missing
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(r, n)| (r.clone(), *n))
            .expect("a document missing a section");
        let position = b.eval(&format!(
            "JSON.parse(document.getElementById('zj-labels').textContent).roles.findIndex(r => r[0] === {})",
            json!(role)
        ));
        set_filter(&mut b, "zj-f-missing", &position.to_string());
        assert!(want > 0);
        assert_eq!(shown_total(&mut b), want);
        set_filter(&mut b, "zj-f-missing", "any");
        set_filter(&mut b, "zj-f-status", "failed");
        assert_eq!(shown_total(&mut b), 1);
        b.wait_for(
            "document.querySelector('#zj-doc-table td.path').textContent.endsWith('scan.pdf')",
        );
        set_filter(&mut b, "zj-f-status", "any");
        set_filter(&mut b, "zj-f-smin", "0.9");
        assert_eq!(
            shown_total(&mut b),
            count(&|d| d["completeness"]["score"]
                .as_f64()
                .is_some_and(|s| (s * 1000.0).round() / 1000.0 >= 0.9))
        );
        set_filter(&mut b, "zj-f-smin", "");
        set_filter(&mut b, "zj-f-path", "unit_");
        b.wait_for("document.querySelectorAll('#zj-doc-table tbody tr[data-doc]').length === 3");
        b.eval("document.getElementById('zj-f-reset').click()");
        assert_eq!(shown_total(&mut b), docs.len());

        // A document opens its findings: the template has the most.
        let template = docs
            .iter()
            .position(|d| d["path"].as_str().unwrap().ends_with("01_template.txt"))
            .unwrap();
        b.eval(&format!(
            "document.querySelector('#zj-doc-table tr[data-doc=\"{template}\"]').click()"
        ));
        b.wait_for("document.querySelector('#zj-findings') !== null");
        assert_eq!(
            b.eval("document.querySelectorAll('#zj-findings tbody tr').length"),
            json!(docs[template]["diagnostics"].as_array().unwrap().len())
        );
        let first_message = docs[template]["diagnostics"][0]["message"].clone();
        assert_eq!(
            b.eval("document.querySelector('#zj-findings tbody tr td:last-child').textContent"),
            first_message
        );
        b.screenshot(&shots.join(format!("report-{lang}.png")));

        // A cluster member opens its shared passages beside the representative.
        let clusters = json["corpus"]["clusters"].as_array().unwrap();
        let cluster = &clusters[0];
        b.eval("document.querySelector('#zj-cluster-table tr[data-cluster=\"0\"]').click()");
        b.wait_for("document.querySelector('#zj-member-table tr[data-member=\"0\"]') !== null");
        assert_eq!(
            b.eval("document.querySelectorAll('#zj-member-table tbody tr').length"),
            json!(cluster["members"].as_array().unwrap().len().min(50))
        );
        b.eval("document.querySelector('#zj-member-table tr[data-member=\"0\"]').click()");
        b.wait_for("document.querySelector('#zj-passages li') !== null");
        let member = &cluster["members"][0];
        let passages = member["shared"]["passages"].as_array().unwrap();
        assert_eq!(
            b.eval("document.querySelectorAll('#zj-passages li').length"),
            json!(passages.len())
        );
        // Each mark in the representative's text is exactly the passage the JSON
        // places there.
        let rep_path = cluster["representative"].as_str().unwrap();
        let rep_text = zongjie::read_path(std::path::Path::new(rep_path), &Default::default())
            .map(|d| d.text().to_string())
            .unwrap();
        let marks = b.eval("Array.from(document.querySelectorAll('#zj-rep-text mark')).map(m => [+m.dataset.passage, m.textContent.slice(m.querySelector('sup').textContent.length)])");
        let marks = marks.as_array().unwrap();
        assert_eq!(marks.len(), passages.len());
        for m in marks {
            let n = m[0].as_u64().unwrap() as usize - 1;
            let bspan = &passages[n]["b"];
            let want = &rep_text[bspan["byte_start"].as_u64().unwrap() as usize
                ..bspan["byte_end"].as_u64().unwrap() as usize];
            assert_eq!(m[1], json!(want));
        }
        // The member's side starts with the JSON's excerpt.
        let excerpt = passages[0]["excerpt"].as_str().unwrap();
        let side = b.eval("document.querySelector('#zj-passages li mark').textContent");
        assert!(
            side.as_str().unwrap().starts_with(excerpt),
            "{side} vs {excerpt}"
        );
        b.eval("document.querySelector('#zj-passages li').click()");
        b.wait_for("document.querySelector('#zj-rep-text mark.current') !== null");
        b.eval("document.getElementById('clusters').scrollIntoView()");
        b.screenshot(&shots.join(format!("report-{lang}-compare.png")));

        // Printed, the charts are there and the controls are not.
        b.call("Emulation.setEmulatedMedia", json!({"media": "print"}));
        let printed = b.eval(
            "Array.from(document.querySelectorAll('svg.chart-svg')).map(s => s.getBoundingClientRect().width > 100 && getComputedStyle(s).display !== 'none')",
        );
        assert!(!printed.as_array().unwrap().is_empty());
        assert!(
            printed
                .as_array()
                .unwrap()
                .iter()
                .all(|v| v == &json!(true)),
            "{printed}"
        );
        assert_eq!(
            b.eval("getComputedStyle(document.querySelector('header.top nav')).display"),
            json!("none")
        );
        let pdf = shots.join(format!("report-{lang}.pdf"));
        b.print_pdf(&pdf);
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
        b.call("Emulation.setEmulatedMedia", json!({"media": ""}));

        // Nothing went wrong, and nothing was fetched.
        b.pump(std::time::Duration::from_millis(200));
        let errors = b.errors();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        let url = format!("file://{}", page.display());
        let requests: Vec<String> = b.requests().into_iter().filter(|r| *r != url).collect();
        assert!(requests.is_empty(), "requests: {requests:?}");
        b.events.clear();
    }
    cdp::note(&format!(
        "browser test: {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        shots.display()
    ));
}
