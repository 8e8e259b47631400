//! CSV: a row per document, UTF-8 with a BOM so Excel and WPS open Chinese text right.

use std::io::{self, Write};

use crate::report::{DocReport, SlotKind};

/// The byte-order mark written first.
pub const BOM: &str = "\u{feff}";

/// Column names, in order.
pub fn header() -> Vec<String> {
    let mut cols: Vec<String> = ["path", "encoding", "error", "chars", "tokens", "slots"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    cols.extend(SlotKind::ALL.iter().map(|k| format!("slots_{k}")));
    cols.extend(
        [
            "headings",
            "profile",
            "missing_roles",
            "numbering_errors",
            "empty_sections",
            "unbalanced",
            "phrases",
            "completeness",
            "warnings",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    cols
}

/// The row of one document.
pub fn row(doc: &DocReport) -> Vec<String> {
    let mut row = vec![
        doc.path.clone(),
        doc.encoding.clone(),
        doc.error.clone().unwrap_or_default(),
        doc.chars.to_string(),
        doc.tokens.to_string(),
        doc.placeholders.len().to_string(),
    ];
    row.extend(SlotKind::ALL.iter().map(|k| {
        doc.placeholders
            .iter()
            .filter(|s| s.kind == *k)
            .count()
            .to_string()
    }));
    let missing: Vec<&str> = doc.sections_missing.iter().map(|r| r.name()).collect();
    let b = &doc.completeness.breakdown;
    row.extend([
        doc.headings.len().to_string(),
        doc.profile.clone().unwrap_or_default(),
        missing.join(";"),
        doc.numbering_errors.len().to_string(),
        b.empty_sections.to_string(),
        b.unbalanced.to_string(),
        doc.phrases
            .iter()
            .map(|p| p.count)
            .sum::<usize>()
            .to_string(),
        // No score is an empty cell, which spreadsheets leave out of averages.
        doc.completeness
            .score
            .map(|s| format!("{s:.3}"))
            .unwrap_or_default(),
        doc.warnings.join("; "),
    ]);
    row
}

/// Writes one CSV record, quoting fields as RFC 4180 says.
pub fn write_record(out: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| quote(f)).collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

fn quote(field: &str) -> String {
    // A leading = + - @ would be run as a formula by spreadsheets; a quote and a
    // tab defuse it without changing what a program reads much.
    let risky = field.starts_with(['=', '+', '-', '@']);
    if risky || field.contains([',', '"', '\n', '\r']) {
        let prefix = if risky { "'" } else { "" };
        format!("\"{prefix}{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a"), "a");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("=1+1"), "\"'=1+1\"");
    }

    #[test]
    fn row_matches_header() {
        let doc = DocReport::failed("a.txt".into(), "bad, really".into());
        assert_eq!(row(&doc).len(), header().len());
        let mut out = Vec::new();
        write_record(&mut out, &row(&doc)).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("a.txt,,\"bad, really\",0,"), "{s}");
        // No score: an empty cell, not 0.
        let score_col = header().iter().position(|c| c == "completeness").unwrap();
        assert_eq!(row(&doc)[score_col], "");
    }
}
