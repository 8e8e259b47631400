//! The page of `zongjie serve` in a real browser (headless Chromium, driven by
//! `browser.rs`): it loads with no console error and no request outside the service;
//! a text file, a Word file, a dropped Markdown file and pasted text show their
//! findings; choosing a finding marks and scrolls to its span; the annotated copy
//! downloads and opens; the language switches; a token is taken from the URL or asked
//! for. Screenshots go to `target/screenshots/serve_page_*.png`.
//!
//! Skipped, with a note on stderr, where Chromium is not installed.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::browser::{Browser, note};
use crate::serve::{SUMMARY, Server, summary_docx, summary_text};

const TEXT: (&str, &str) = ("Content-Type", "text/plain");
const DOCX: (&str, &str) = (
    "Content-Type",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
);

/// The findings the API gives for `body` named `name`, in `lang`.
fn api_findings(server: &Server, name: &str, body: &[u8], docx: bool, lang: &str) -> Vec<Value> {
    let path = format!("/api/lint?lang={lang}&name={}", urlencode(name));
    let r = server.send("POST", &path, &[if docx { DOCX } else { TEXT }], body);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The messages of the findings the page lists.
fn listed(b: &mut Browser) -> Vec<String> {
    let v = b.eval("[...document.querySelectorAll('#findings .msg')].map(e => e.textContent)");
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect()
}

fn messages(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

fn wait_for_document(b: &mut Browser, name: &str) {
    let name = serde_json::to_string(name).unwrap();
    b.wait_for(
        &format!(
            "document.getElementById('doc-name').textContent === {name} \
             && document.getElementById('status').className !== 'busy'"
        ),
        &format!("the findings of {name}"),
    );
}

/// Chooses finding `k` in the list; checks that its span, and only its, is marked,
/// that the mark shows its text, and that it was scrolled into the text pane's view.
fn choose(b: &mut Browser, k: usize, finding: &Value) {
    b.click(&format!("#findings li:nth-child({}) button", k + 1));
    let state = b.eval(&format!(
        "(() => {{
            const marks = [...document.querySelectorAll('#text mark.active')];
            const pane = document.getElementById('text').getBoundingClientRect();
            const r = marks.length ? marks[0].getBoundingClientRect() : null;
            return {{
                marks: marks.length,
                text: marks.map(m => m.textContent).join(''),
                mine: marks.every(m => m.dataset.f.split(' ').includes('{k}')),
                visible: !!r && r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1,
                item: document.querySelector('#findings li:nth-child({n}) button').classList.contains('active'),
            }};
        }})()",
        n = k + 1
    ));
    assert!(state["marks"].as_u64().unwrap() >= 1, "{state}");
    assert_eq!(state["mine"], true, "{state}");
    assert_eq!(
        state["visible"], true,
        "the mark is scrolled into view: {state}"
    );
    assert_eq!(state["item"], true, "{state}");
    assert_eq!(state["text"], finding["text"], "{state}");
}

/// The whole page as a writer uses it.
#[test]
fn serve_page_in_a_browser() {
    let Some(mut b) = Browser::launch("serve_page_in_a_browser") else {
        return;
    };
    let server = Server::start(&[]);
    let origin = server.origin();
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("述职报告.txt");
    let docx_path = dir.path().join("述职报告.docx");
    // A longer text, so that choosing a finding near its end must scroll.
    let long_text = format!(
        "{}{}",
        summary_text(),
        "坚持以人民为中心的发展思想，持续改善民生。\n".repeat(60)
    ) + "附件：XX项目清单\n";
    std::fs::write(&txt, &long_text).unwrap();
    std::fs::write(&docx_path, summary_docx()).unwrap();

    b.goto(&format!("{origin}/?lang=zh"));
    b.wait_for(
        "document.querySelector('h1').textContent.includes('检查工作总结')",
        "the Chinese page",
    );
    assert_eq!(b.eval("document.documentElement.lang"), json!("zh-CN"));
    assert_eq!(b.eval("document.title"), json!("zongjie · 工作总结检查"));
    b.screenshot("serve_page_1_start");

    // A text file, chosen with the file picker.
    b.set_files("#file", &[&txt]);
    wait_for_document(&mut b, "述职报告.txt");
    let expected = api_findings(&server, "述职报告.txt", long_text.as_bytes(), false, "zh");
    assert!(expected.len() >= 6, "{expected:?}");
    assert_eq!(listed(&mut b), messages(&expected));
    assert_eq!(
        b.eval("document.getElementById('text').textContent"),
        json!(long_text),
        "the text pane shows the document"
    );
    assert_eq!(
        b.eval("document.getElementById('download').hidden"),
        json!(true)
    );
    let last = expected.len() - 1;
    assert_eq!(
        expected[last]["text"], "XX",
        "the last finding is near the end"
    );
    choose(&mut b, last, &expected[last]);
    b.screenshot("serve_page_2_text_finding_chosen");
    choose(&mut b, 0, &expected[0]);
    // Clicking a mark in the text chooses its finding in the list.
    b.click(&format!("#text mark[data-f~='{}']", 2));
    assert_eq!(
        b.eval("document.querySelector('#findings li:nth-child(3) button').classList.contains('active')"),
        json!(true)
    );

    // A Word file: its findings, then its annotated copy.
    b.set_files("#file", &[&docx_path]);
    wait_for_document(&mut b, "述职报告.docx");
    let docx = summary_docx();
    let expected_docx = api_findings(&server, "述职报告.docx", &docx, true, "zh");
    assert_eq!(listed(&mut b), messages(&expected_docx));
    let numbering = expected_docx
        .iter()
        .position(|d| d["rule"] == "numbering")
        .expect("the numbering slip");
    choose(&mut b, numbering, &expected_docx[numbering]);
    assert_eq!(
        b.eval("document.getElementById('download').hidden"),
        json!(false)
    );
    b.screenshot("serve_page_3_word_file");
    b.click("#download");
    let downloaded = b.wait_download();
    assert_eq!(
        downloaded.file_name().unwrap().to_string_lossy(),
        "述职报告.zongjie.docx"
    );
    b.wait_for(
        "document.getElementById('status').className === 'ok'",
        "the download to be reported",
    );
    let bytes = std::fs::read(&downloaded).unwrap();
    let api = server.send("POST", "/api/annotate?lang=zh&name=a.docx", &[DOCX], &docx);
    assert_eq!(bytes, api.body, "the page downloads what the API answers");
    check_annotated(&downloaded, expected_docx.len());
    b.screenshot("serve_page_4_downloaded");

    // The language switch asks again, in English.
    b.click("button[data-lang='en']");
    b.wait_for(
        "document.querySelector('h1').textContent.includes('Check a work summary') \
         && document.querySelector('#findings .msg').textContent.includes('unfilled placeholder')",
        "the English page",
    );
    assert!(
        b.eval("location.search")
            .as_str()
            .unwrap()
            .contains("lang=en")
    );
    assert_eq!(
        listed(&mut b),
        messages(&api_findings(&server, "述职报告.docx", &docx, true, "en"))
    );
    b.screenshot("serve_page_5_english");

    // A Markdown file dropped on the zone.
    let md = "# 2023年工作总结\n\n## 一、主要工作\n\n全年开展培训X次。\n\n## 三、下一步打算\n\n持续推进。\n";
    b.eval(&format!(
        "(() => {{ const dt = new DataTransfer(); \
           dt.items.add(new File([{}], 'notes.md', {{type: 'text/markdown'}})); \
           document.getElementById('drop').dispatchEvent(new DragEvent('drop', {{dataTransfer: dt, bubbles: true, cancelable: true}})); }})()",
        serde_json::to_string(md).unwrap()
    ));
    wait_for_document(&mut b, "notes.md");
    assert_eq!(
        listed(&mut b),
        messages(&api_findings(
            &server,
            "notes.md",
            md.as_bytes(),
            false,
            "en"
        ))
    );

    // Pasted text.
    b.click("#paste");
    b.type_text(&SUMMARY.join("\n"));
    b.click("#check");
    wait_for_document(&mut b, "pasted.txt");
    let pasted = listed(&mut b);
    assert!(
        pasted.iter().any(|m| m.contains("unfilled placeholder")),
        "{pasted:?}"
    );
    b.screenshot("serve_page_6_pasted");

    assert_eq!(b.console_errors(), Vec::<String>::new(), "console errors");
    assert_eq!(
        b.requests_outside(&[&format!("{origin}/")]),
        Vec::<String>::new(),
        "requests outside the service"
    );
    let requested = b.requests();
    assert!(
        requested.iter().any(|u| u.ends_with("/app.js")),
        "{requested:?}"
    );
}

/// The annotated copy is a Word file with one comment per finding: read with the
/// `zip` crate, and with python-docx when it is installed.
fn check_annotated(path: &Path, findings: usize) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut comments = String::new();
    zip.by_name("word/comments.xml")
        .expect("word/comments.xml")
        .read_to_string(&mut comments)
        .unwrap();
    assert_eq!(
        comments.matches("<w:comment ").count(),
        findings,
        "{comments}"
    );
    assert!(comments.contains("未填写的占位符"), "{comments}");
    let script = "import sys, docx\n\
                  d = docx.Document(sys.argv[1])\n\
                  print(len(list(d.comments)))\n\
                  print(sum(1 for c in d.comments if c.author == 'zongjie'))";
    match Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
    {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let counts: Vec<usize> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
            assert_eq!(counts, vec![findings, findings], "python-docx read {text}");
        }
        _ => note("python-docx is not installed; the annotated copy was checked as a zip only"),
    }
}

/// A service with a token: the page takes it from the URL fragment (and hides it), or
/// asks for it; a wrong token is refused and asked for again.
#[test]
fn serve_page_with_a_token_in_a_browser() {
    let Some(mut b) = Browser::launch("serve_page_with_a_token_in_a_browser") else {
        return;
    };
    let token = "Vb3-page-token_9";
    let server = Server::start(&["--token", token]);
    let origin = server.origin();
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("draft.txt");
    std::fs::write(&txt, summary_text()).unwrap();

    b.goto(&format!("{origin}/?lang=en#token={token}"));
    b.wait_for(
        "document.querySelector('[data-i18n=page-heading]').textContent !== ''",
        "the page",
    );
    assert_eq!(
        b.eval("location.hash"),
        json!(""),
        "the token leaves the address bar"
    );
    assert_eq!(
        b.eval("document.getElementById('token-form').hidden"),
        json!(true)
    );
    b.set_files("#file", &[&txt]);
    wait_for_document(&mut b, "draft.txt");
    assert!(!listed(&mut b).is_empty());

    // A new visit without the token: the page asks for it.
    b.eval("sessionStorage.clear()");
    b.goto(&format!("{origin}/?lang=en"));
    b.wait_for(
        "!document.getElementById('token-form').hidden",
        "the token form",
    );
    b.set_files("#file", &[&txt]);
    b.wait_for(
        "document.getElementById('status').textContent === 'Enter the access token first.'",
        "the request for a token",
    );
    b.click("#token");
    b.type_text("wrong-token");
    b.click("#token-form button[type=submit]");
    b.wait_for(
        "document.getElementById('status').className === 'error' \
         && document.getElementById('status').textContent.includes('token') \
         && !document.getElementById('token-form').hidden",
        "the wrong token refused",
    );
    b.screenshot("serve_page_7_token_refused");
    b.eval("document.getElementById('token').value = ''");
    b.click("#token");
    b.type_text(token);
    b.click("#token-form button[type=submit]");
    wait_for_document(&mut b, "draft.txt");
    assert!(!listed(&mut b).is_empty());

    // The one error the browser logs is the refused request.
    let errors = b.console_errors();
    assert!(
        errors.iter().all(|e| e.contains("401")),
        "console errors: {errors:?}"
    );
    assert_eq!(
        b.requests_outside(&[&format!("{origin}/")]),
        Vec::<String>::new()
    );
}
