//! Word files at the size of a long report: a 100-page `.docx` (about 100 000 chars, with
//! numbered headings, tables, a text box, a header, a footer and footnotes, and a few
//! hundred unfilled slots) read with its source map, then annotated with every lint
//! finding as a comment, and with a tracked change for each slot.
//! Recorded, not asserted (DESIGN.md): run `cargo bench --bench docx`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use zongjie::input::docx::{AnnotateOptions, Comment, DocxLimits, Revision, annotate, extract};
use zongjie::{Analyzer, Config, Document};

#[path = "../tests/docx_fixture.rs"]
mod docx_fixture;

use docx_fixture::{Package, heading_numbering, marked_run, numbered, para, run, text_box_run};

/// About a page: a numbered heading, four paragraphs with slots split across runs, and a
/// small table.
fn page(n: usize) -> String {
    let sentence =
        "全年坚持以党的政治建设为统领，认真落实全面从严治党主体责任，推动各项工作取得新成效。";
    let mut out = numbered(1, (n % 2) as u32, &format!("第{n}项重点工作推进情况"));
    for k in 0..4 {
        out.push_str(&para(&[
            run(&sentence.repeat(3)),
            run("全年组织专题学习"),
            marked_run("X"),
            run(&format!("次，覆盖干部职工{}人，", 100 + k)),
            run(&sentence.repeat(2)),
        ]));
    }
    out.push_str(&format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        para(&[run("经费")]),
        para(&[run("XX万元")])
    ));
    out
}

fn report(pages: usize) -> Vec<u8> {
    let mut body = para(&[
        run("XX局2023年度工作总结"),
        text_box_run(&para(&[run("报送单位：XX办公室")])),
    ]);
    for n in 1..=pages {
        body.push_str(&page(n));
        if n % 10 == 0 {
            body.push_str(&format!(
                r#"<w:p>{}<w:r><w:footnoteReference w:id="{}"/></w:r></w:p>"#,
                run("依据有关规定执行。"),
                n / 10
            ));
        }
    }
    let footnotes: String = (1..=pages / 10)
        .map(|i| {
            format!(
                r#"<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#,
                run("见《XXX》。")
            )
        })
        .collect();
    Package {
        body,
        header: Some(para(&[run("XX局文件")])),
        footer: Some(para(&[run("第 1 页")])),
        footnotes: Some(footnotes),
        numbering: Some(heading_numbering()),
        ..Package::default()
    }
    .bytes()
}

fn bench(c: &mut Criterion) {
    let bytes = report(100);
    let limits = DocxLimits::default();
    let extracted = extract(&bytes, &limits).expect("the report reads");
    let doc = Document::from_word("report.docx", extracted.clone());
    let findings = Analyzer::new(Config::default()).lint(&doc);
    let comments: Vec<Comment> = findings
        .iter()
        .map(|d| Comment {
            byte_start: d.span.byte_start,
            byte_end: d.span.byte_end,
            text: d.message.clone(),
            rule: d.rule.name().to_string(),
        })
        .collect();
    let revisions: Vec<Revision> = findings
        .iter()
        .filter(|d| d.rule.name() == "placeholder" && d.text == "X")
        .map(|d| Revision {
            byte_start: d.span.byte_start,
            byte_end: d.span.byte_end,
            replacement: "12".to_string(),
        })
        .collect();
    eprintln!(
        "report: {} bytes, {} chars, {} paragraphs, {} findings, {} revisions",
        bytes.len(),
        doc.chars(),
        extracted.map.paragraph_count(),
        comments.len(),
        revisions.len()
    );
    let opts = AnnotateOptions::default();
    c.bench_function("docx/extract_100_pages", |b| {
        b.iter(|| extract(black_box(&bytes), &limits))
    });
    c.bench_function("docx/annotate_100_pages_comments", |b| {
        b.iter(|| annotate(black_box(&bytes), &comments, &[], &opts))
    });
    c.bench_function("docx/annotate_100_pages_comments_and_revisions", |b| {
        b.iter(|| annotate(black_box(&bytes), &comments, &revisions, &opts))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
