//! Lint a Word file and write a copy with every finding as a comment (批注), through the
//! library alone: what `zongjie lint --annotate` does, and a way to time it.
//!
//! ```text
//! cargo run --release --example annotate_docx -- IN.docx OUT.docx
//! ```
//!
//! Prints how many findings were written where, and how long reading, linting and
//! annotating took.

use std::time::Instant;

use zongjie::input::docx::{AnnotateOptions, Comment, annotate};
use zongjie::input::{ReadOptions, read_path};
use zongjie::{Analyzer, Config};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: annotate_docx IN.docx OUT.docx".into());
    };
    if input == output {
        return Err("the output must not be the input".into());
    }
    let started = Instant::now();
    let doc = read_path(input.as_ref(), &ReadOptions::default())?;
    let read = started.elapsed();
    let findings = Analyzer::new(Config::default()).lint(&doc);
    let linted = started.elapsed();
    let comments: Vec<Comment> = findings
        .iter()
        .map(|d| Comment {
            byte_start: d.span.byte_start,
            byte_end: d.span.byte_end,
            text: d.message.clone(),
            rule: d.rule.name().to_string(),
        })
        .collect();
    let bytes = std::fs::read(&input)?;
    let before_annotate = Instant::now();
    let out = annotate(&bytes, &comments, &[], &AnnotateOptions::default())?;
    let annotated = before_annotate.elapsed();
    std::fs::write(&output, &out.bytes)?;
    let mut places = std::collections::BTreeMap::new();
    for p in &out.comments {
        *places.entry(format!("{p:?}")).or_insert(0usize) += 1;
    }
    println!(
        "{} chars, {} findings, {} earlier comments replaced; placed: {places:?}",
        doc.chars(),
        findings.len(),
        out.removed
    );
    println!(
        "read {:.1} ms, lint {:.1} ms, annotate {:.1} ms",
        read.as_secs_f64() * 1e3,
        (linted - read).as_secs_f64() * 1e3,
        annotated.as_secs_f64() * 1e3
    );
    Ok(())
}
